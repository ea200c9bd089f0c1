import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * What a construct's own synth-time check has already reported about its API object, so that
 * the validator (schema, CEL, cross-object) does not report the same finding again: a field
 * path (the finding and everything under it), a validator result code, or both.
 * @internal
 */
export interface CoveredFinding {
  /** JSON path of the field, as in validation results (`spec.parentRefs[0]`). */
  readonly path?: string;
  /** Validator result code (`reference-not-granted`). */
  readonly code?: string;
  /**
   * Cover the field itself only, not what lies below it (a rule about the whole list, such as
   * listener-name uniqueness, says nothing about one entry's own fields).
   * @default false
   */
  readonly exact?: boolean;
  /**
   * Text the validator's message must contain (a list-level CEL rule reports every violation
   * at the list's path: only the rule the construct check stands for is covered).
   * @default - any message
   */
  readonly message?: string;
}

/** Per app (root construct): the findings covered in the current validation pass, per object. */
const passes = new WeakMap<IConstruct, Map<ApiObject, CoveredFinding[]>>();

/**
 * Records, from a construct's `node.addValidation` check, that it reported `finding` about
 * `obj`, and returns `message` (the check's own, better worded, error). cdk8s validates the
 * construct before its `Resource` child, so the record is in place when the object's
 * validator results are reported.
 * @internal
 */
export function reportedFinding(obj: ApiObject, finding: CoveredFinding, message: string): string {
  const root = obj.node.root;
  const pass = passes.get(root) ?? new Map<ApiObject, CoveredFinding[]>();
  passes.set(root, pass);
  pass.set(obj, [...pass.get(obj) ?? [], finding]);
  return message;
}

/**
 * Forgets the findings of the previous pass (called when a validation pass of the app starts).
 * @internal
 */
export function startFindingsPass(root: IConstruct): void {
  passes.delete(root);
}

/**
 * True when a construct check of this pass already reported a validator result at `path` with `code` and `message`.
 * @internal
 */
export function isCovered(obj: ApiObject, path: string, code: string, message: string): boolean {
  const covered = passes.get(obj.node.root)?.get(obj);
  return covered !== undefined && covered.some(f =>
    (f.code === undefined || f.code === code)
    && (f.message === undefined || message.includes(f.message))
    && (f.path === undefined || path === f.path
      || (!f.exact && (path.startsWith(`${f.path}.`) || path.startsWith(`${f.path}[`)))));
}
