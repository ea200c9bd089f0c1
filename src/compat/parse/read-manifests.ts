/*
 * IngressCompat's parse step: manifests (YAML/JSON text read as `kubectl apply -f` reads it, or
 * objects) → ParsedInput. Never throws for a bad object: each problem is a notice naming the
 * object, the field and the value, and everything else is kept. Only unreadable text (a YAML
 * or JSON syntax error) throws, with the position.
 */
import { expandKubectlList, ManifestReadError, readManifest } from '../../validation/kubectl-yaml';
import { lineIndex, lineStarts, YamlPositionIndex } from '../../validation/yaml-positions';
import { IngressClassModel, IngressModel, ParsedInput, ServiceModel } from '../model';
import { CompatNotice } from '../notices';
import { objectName, ObjectOrigin, readIngress } from './ingress';
import { readIngressClass, readService } from './objects';
import { field, isObject, JsonObject, kindOf, ParseNotices, show } from './values';

/** What `readCompatManifests` reads. */
export interface CompatManifestInput {
  /** YAML documents or a JSON stream, as `kubectl apply -f` reads them. */
  readonly text?: string;
  /** Objects (or `List`s of objects), read after the text. */
  readonly objects?: unknown[];
  /** The text's name in sources and errors (`ingresses.yaml`); default `manifests`. */
  readonly sourceName?: string;
}

/** Ingress API versions read; the v1beta1 ones use `serviceName`/`servicePort` and `spec.backend`. */
const INGRESS_VERSIONS: ReadonlyMap<string, boolean> = new Map([
  ['networking.k8s.io/v1', false],
  ['networking.k8s.io/v1beta1', true],
  ['extensions/v1beta1', true],
]);
const INGRESS_CLASS_VERSIONS = new Set(['networking.k8s.io/v1', 'networking.k8s.io/v1beta1']);

/**
 * Reads the Ingresses, IngressClasses and Services of manifests into IngressCompat's model.
 *
 * - `List` and every `*List` with `items` are expanded as kubectl expands them.
 * - Ingress `networking.k8s.io/v1`, `networking.k8s.io/v1beta1` and `extensions/v1beta1` are
 *   normalised to one model: the namespace defaults to `default` (as kubectl applies an object
 *   without namespace with the default context namespace), an unset pathType is
 *   `ImplementationSpecific`, an empty path is `/`, the class is `spec.ingressClassName`, else
 *   the `kubernetes.io/ingress.class` annotation, and the `nginx.ingress.kubernetes.io/*`
 *   annotations are kept without their prefix, sorted.
 * - Every other kind (ConfigMaps and Secrets included) gets an `unsupported` notice: nothing is
 *   dropped silently.
 * - An object the API server would refuse (an Ingress that is not an object or has no name, a
 *   path without backend, a Service backend without name, a port that is neither a number nor
 *   a name, an unknown pathType, rules or paths that are not lists) gets an `invalid` notice
 *   naming the Ingress, the field and the value; only the broken part is left out.
 * - The same `namespace/name` twice: the later object is read, as `kubectl apply` keeps the
 *   last one, with an `invalid` notice.
 *
 * @throws Error `<sourceName>:<line>:<column>: <reason>` when the text cannot be read at all
 */
export function readCompatManifests(input: CompatManifestInput): { parsed: ParsedInput; notices: CompatNotice[] } {
  const reader = new ManifestCollector();
  if (input.text !== undefined) readText(input.text, input.sourceName ?? 'manifests', reader);
  (input.objects ?? []).forEach((obj, i) => {
    const items = expandKubectlList(obj);
    if (typeof items === 'string') return reader.notices.invalid(`objects[${i}]`, `objects[${i}]: ${items}; the list is skipped`);
    for (const item of items) reader.add(item.object, item.itemPath === '' ? `objects[${i}]` : `objects[${i}].${item.itemPath}`);
  });
  return { parsed: reader.result(), notices: reader.notices.list };
}

function readText(text: string, sourceName: string, reader: ManifestCollector): void {
  const read = readManifest(text);
  let starts: number[] | undefined;
  const position = (offset: number) => {
    starts ??= lineStarts(text);
    const line = lineIndex(starts, offset);
    return { line: line + 1, column: offset - starts[line] + 1 };
  };
  for (const doc of read.documents) {
    if (doc.error) throw readError(sourceName, position, doc.error);
    if (doc.value === null || doc.value === undefined) continue; // an empty document, as kubectl skips it
    const docSource = `${sourceName}:${position(contentStart(text, doc.start, doc.end)).line}`;
    const items = expandKubectlList(doc.value);
    if (typeof items === 'string') {
      reader.notices.invalid(docSource, `${docSource}: ${items}; the list is skipped`);
      continue;
    }
    let index: YamlPositionIndex | undefined;
    for (const item of items) {
      let source = docSource;
      if (item.itemPath !== '') {
        index ??= new YamlPositionIndex(text.slice(doc.start, doc.end));
        const offset = index.offsetOf(['items', item.itemPath.slice('items['.length, -1)]);
        source = offset < 0 ? `${docSource} ${item.itemPath}` : `${sourceName}:${position(doc.start + offset).line}`;
      }
      reader.add(item.object, source);
    }
  }
}

function readError(sourceName: string, position: (o: number) => { line: number; column: number }, e: ManifestReadError): Error {
  const { line, column } = position(e.offset);
  return new Error(`${sourceName}:${line}:${column}: ${e.reason} (the manifests cannot be read; fix the syntax)`);
}

/** The offset of a document's first line that is neither blank nor a comment. */
function contentStart(text: string, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const eol = text.indexOf('\n', i);
    const lineEnd = eol < 0 || eol > end ? end : eol;
    const line = text.slice(i, lineEnd).trim();
    if (line !== '' && !line.startsWith('#') && line !== '---') return i + text.slice(i, lineEnd).search(/\S/);
    i = lineEnd + 1;
  }
  return start;
}

/** Sorts what was read by kind, keeping the last object of each name. */
class ManifestCollector {
  public readonly notices = new ParseNotices();
  private readonly ingresses = new Map<string, IngressModel>();
  private readonly services = new Map<string, ServiceModel & { source: string }>();
  private readonly classes = new Map<string, IngressClassModel & { source: string }>();
  private next = 0;

  public add(obj: unknown, source: string): void {
    const origin: ObjectOrigin = { source, inputIndex: this.next++ };
    if (!isObject(obj)) {
      return this.notices.invalid(source, `${source}: a manifest object must be a mapping, not ${kindOf(obj)} (${show(obj)}); it is skipped`);
    }
    const kind = field(obj, 'kind');
    const apiVersion = field(obj, 'apiVersion');
    if (typeof kind !== 'string' || kind === '') {
      return this.notices.invalid(source, `${source}: an object without kind (kind ${show(kind)}) is not a Kubernetes object; it is skipped`);
    }
    const version = typeof apiVersion === 'string' ? apiVersion : '';
    if (kind === 'Ingress' && INGRESS_VERSIONS.has(version)) return this.addIngress(obj, INGRESS_VERSIONS.get(version)!, origin);
    if (kind === 'IngressClass' && INGRESS_CLASS_VERSIONS.has(version)) return this.addClass(readIngressClass(obj, source, this.notices), source);
    if (kind === 'Service' && version === 'v1') return this.addService(readService(obj, source, this.notices), source);
    this.ignore(obj, kind, version, source);
  }

  private ignore(obj: JsonObject, kind: string, version: string, source: string): void {
    const { namespace, name } = objectName(obj);
    const what = `${kind} ${name === undefined ? '(no name)' : `${namespace}/${name}`}`;
    let hint = '';
    if (kind === 'Ingress' || kind === 'IngressClass' || kind === 'Service') {
      const read = kind === 'Ingress' ? [...INGRESS_VERSIONS.keys()] : kind === 'IngressClass' ? [...INGRESS_CLASS_VERSIONS] : ['v1'];
      hint = `: apiVersion ${show(version)} is not read (it reads ${read.join(', ')})`;
    } else if (kind === 'ConfigMap') {
      hint = '; if it is the ingress-nginx controller ConfigMap, pass it as the controllerConfig option';
    }
    this.notices.unsupported(source, `ignored: kind ${kind} is not read by IngressCompat (${what} at ${source})${hint}`);
  }

  private addIngress(obj: JsonObject, legacy: boolean, origin: ObjectOrigin): void {
    const ingress = readIngress(obj, legacy, origin, this.notices);
    if (ingress === undefined) return;
    const earlier = this.ingresses.get(ingress.id);
    if (earlier) this.twice(ingress.id, 'Ingress', earlier.source, origin.source);
    this.ingresses.set(ingress.id, ingress);
  }

  private addService(service: ServiceModel | undefined, source: string): void {
    if (service === undefined) return;
    const key = `${service.namespace}/${service.name}`;
    const earlier = this.services.get(key);
    if (earlier) this.twice(source, `Service ${key}`, earlier.source, source);
    this.services.set(key, { ...service, source });
  }

  private addClass(cls: IngressClassModel | undefined, source: string): void {
    if (cls === undefined) return;
    const earlier = this.classes.get(cls.name);
    if (earlier) this.twice(source, `IngressClass ${cls.name}`, earlier.source, source);
    this.classes.set(cls.name, { ...cls, source });
  }

  private twice(ingress: string, what: string, first: string, second: string): void {
    this.notices.invalid(ingress, `${what} is defined twice (${first} and ${second}): the later one is read, as kubectl apply keeps the last`);
  }

  public result(): ParsedInput {
    const byKey = (a: string, b: string) => a < b ? -1 : a > b ? 1 : 0;
    return {
      ingresses: [...this.ingresses.values()].sort((a, b) => a.inputIndex - b.inputIndex),
      services: [...this.services.values()]
        .map(({ source: _s, ...s }) => s)
        .sort((a, b) => byKey(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`)),
      ingressClasses: [...this.classes.values()].map(({ source: _s, ...c }) => c).sort((a, b) => byKey(a.name, b.name)),
    };
  }
}
