import { Code } from './cross-object';
import { expandKubectlList, readManifestDocuments, rereadDocument } from './kubectl-yaml';
import { stableSortByDocument, validateInputs } from './validate-inputs';
import { ValidationSession } from './validation-session';
import { ValidationInput, ValidationOptions, ValidationResult, ValidationSeverity } from './validation-types';
import { lineIndex, lineStarts } from './yaml-positions';

export * from './validation-types';

/**
 * Validates Kubernetes objects exactly as the API server would for the Gateway API CRDs of a
 * release and channel: structural defaults, the OpenAPI v3 schema with the Kubernetes extensions
 * (unknown fields, list-type map/set uniqueness, int-or-string, ...), object metadata, and every
 * CEL `x-kubernetes-validations` rule except transition rules. Then, unless `crossObject` is
 * false, checks that no API server performs run over all the objects together (route
 * attachment, ReferenceGrants, listener and route conflicts, policy targets).
 *
 * Objects of other API groups (core Services, Namespaces, ...) are not validated themselves,
 * but the cross-object checks use them (Namespace labels, Service ports). An empty result means
 * every object would be accepted.
 *
 * `validateManifests` (YAML text) and `validateManifestObjects` (decoded objects) are the
 * names the issue tracker and CLI use; `validateYaml` and `validateObjects` are the same
 * methods under their original names (jsii allows no union parameter, so text and objects
 * take one method each).
 */
export class ManifestValidator {
  /**
   * Validates decoded objects (plain JSON values, as synthesized by cdk8s or parsed from YAML).
   * The objects are not modified.
   *
   * @param objects the objects, in any order
   * @param options the target release and channel, and whether to run the cross-object checks
   * @returns the problems found, ordered by object (`documentIndex` is the array index)
   */
  public static validateObjects(objects: any[], options: ValidationOptions = {}): ValidationResult[] {
    return ManifestValidator._validate(objects.map((obj, documentIndex) => ({ obj, documentIndex })), options);
  }

  /**
   * Same as `validateObjects`.
   *
   * @param objects the objects, in any order
   * @param options the target release and channel, and whether to run the cross-object checks
   * @returns the problems found, ordered by object (`documentIndex` is the array index)
   */
  public static validateManifestObjects(objects: any[], options: ValidationOptions = {}): ValidationResult[] {
    return ManifestValidator.validateObjects(objects, options);
  }

  /**
   * Validates a manifest text read as `kubectl apply -f` reads it: a stream of JSON values when
   * its first non-space character is `{`, else `---`-separated YAML documents decoded with YAML
   * 1.1 rules (`on`, `yes` and `y` are booleans, `0x1F` and `017` integers, `<<` merge keys);
   * a document with an `items` field (`List`, `HTTPRouteList`, ...) is expanded into its items.
   * A document kubectl would refuse (bad syntax, excessive aliasing, nesting deeper than 1,000
   * levels, NaN or infinite values, `items` that is not a list of objects) is reported as a
   * problem of its own (code `yaml`, with the line and column); the other YAML documents are
   * still validated.
   *
   * @param text the YAML text
   * @param options the target release and channel, and whether to run the cross-object checks
   * @returns the problems found, ordered by document (`documentIndex` is the document's position)
   */
  public static validateYaml(text: string, options: ValidationOptions = {}): ValidationResult[] {
    // Read as `kubectl apply -f` reads it (kubectl-yaml.ts): JSON or YAML by content, YAML 1.1
    // values, merge keys, go-yaml's alias limit; any document with `items` is a list. Each
    // document is decoded, validated and dropped before the next one is read.
    const docs: Array<{ start: number; end: number; json: boolean }> = [];
    /** The document and list item of each object, by position. */
    const places: Array<{ doc: number; item: number }> = [];
    const reread = (position: number): unknown => {
      const { doc, item } = places[position];
      const value = rereadDocument(text, docs[doc]);
      if (item < 0) return value;
      const items = expandKubectlList(value);
      return typeof items === 'string' ? undefined : items[item].object;
    };
    const session = new ValidationSession(options, reread);
    const results: ValidationResult[] = [];
    let yamlErrors = false;
    const problem = (message: string, documentIndex: number): void => {
      yamlErrors = true;
      results.push({ kind: '', path: '', message, code: Code.YAML, severity: ValidationSeverity.ERROR, documentIndex });
    };
    let starts: number[] | undefined;
    const at = (offset: number): string => {
      starts ??= lineStarts(text);
      const line = lineIndex(starts, offset);
      return `at line ${line + 1}, column ${offset - starts[line] + 1}`;
    };
    for (const doc of readManifestDocuments(text)) {
      docs.push({ start: doc.start, end: doc.end, json: doc.json });
      if (doc.error) {
        problem(`invalid ${doc.json ? 'JSON' : 'YAML'}: ${doc.error.reason} ${at(doc.error.offset)}`, doc.index);
        continue;
      }
      if (doc.value === null || doc.value === undefined) continue;
      const expanded = expandKubectlList(doc.value);
      if (typeof expanded === 'string') {
        problem(`invalid list: ${expanded}`, doc.index);
        continue;
      }
      expanded.forEach((it, k) => {
        places.push({ doc: docs.length - 1, item: it.itemPath === '' ? -1 : k });
        for (const r of session.add({ obj: it.object, documentIndex: doc.index }, true)) results.push(r);
      });
    }
    const cross = session.finish();
    if (cross.length === 0 && !yamlErrors) return results;
    return stableSortByDocument([...results, ...cross.map(c => c.result)]);
  }

  /**
   * Same as `validateYaml`.
   *
   * @param text the YAML text
   * @param options the target release and channel, and whether to run the cross-object checks
   * @returns the problems found, ordered by document (`documentIndex` is the document's position)
   */
  public static validateManifests(text: string, options: ValidationOptions = {}): ValidationResult[] {
    return ManifestValidator.validateYaml(text, options);
  }

  /**
   * Validates objects, each against the channel it targets (`channel` of an input overrides
   * the options'); results are ordered by `documentIndex`, per-object results before
   * cross-object ones.
   * @internal
   */
  public static _validate(inputs: readonly ValidationInput[], options: ValidationOptions): ValidationResult[] {
    return validateInputs(inputs, options);
  }

  private constructor() {}
}

