/*
 * One Ingress object (`networking.k8s.io/v1`, `networking.k8s.io/v1beta1`,
 * `extensions/v1beta1`) → IngressModel. What the API server would reject becomes an `invalid`
 * notice naming the Ingress, the field and the value, and only the broken part (a path, a
 * rule, a TLS entry, the default backend) is left out; the rest of the Ingress is kept.
 */
import { BackendModel, IngressModel, NGINX_PREFIX, PathModel, PathTypeModel, RuleModel, TlsModel } from '../model';
import { readBackend } from './backend';
import { field, isObject, JsonObject, kindOf, ParseNotices, show } from './values';

/** The legacy class annotation, read when `spec.ingressClassName` is unset. */
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

const PATH_TYPES: readonly PathTypeModel[] = ['Exact', 'Prefix', 'ImplementationSpecific'];

/** A DNS-1123 subdomain, optionally with a `*.` wildcard label (`validateIngressRule`). */
const HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Where an object came from and its position in the input. */
export interface ObjectOrigin {
  /** `file:line` or `objects[3]`. */
  readonly source: string;
  readonly inputIndex: number;
}

/** The Ingress's namespace (`default` when unset, as kubectl applies it) and name. */
export function objectName(obj: JsonObject): { namespace: string; name?: string } {
  const metadata = field(obj, 'metadata');
  const m = isObject(metadata) ? metadata : {};
  const ns = field(m, 'namespace');
  const name = field(m, 'name');
  return { namespace: typeof ns === 'string' && ns !== '' ? ns : 'default', name: typeof name === 'string' && name !== '' ? name : undefined };
}

/**
 * Reads an Ingress. Undefined (with a notice) when it has no name: it cannot be told apart from
 * other Ingresses, nor applied.
 *
 * @param legacy `networking.k8s.io/v1beta1` or `extensions/v1beta1` (`serviceName`/`servicePort`, `spec.backend`)
 */
export function readIngress(obj: JsonObject, legacy: boolean, origin: ObjectOrigin, notices: ParseNotices): IngressModel | undefined {
  const { namespace, name } = objectName(obj);
  const metadata = field(obj, 'metadata');
  if (name === undefined) {
    const value = isObject(metadata) ? show(field(metadata, 'name')) : `metadata ${show(metadata)}`;
    notices.invalid(origin.source, `Ingress at ${origin.source}: metadata.name ${value} must be a non-empty string; the Ingress is skipped`);
    return undefined;
  }
  const id = `${namespace}/${name}`;
  const bad = (message: string, annotation?: string) => notices.invalid(id, `${message} (${origin.source})`, annotation);
  const meta = metadata as JsonObject;

  const annotations = readAnnotations(field(meta, 'annotations'), bad);
  const nginx = new Map<string, string>();
  for (const key of [...annotations.keys()].filter(k => k.startsWith(NGINX_PREFIX)).sort()) {
    nginx.set(key.slice(NGINX_PREFIX.length), annotations.get(key)!);
  }

  const rawSpec = field(obj, 'spec');
  if (rawSpec !== undefined && rawSpec !== null && !isObject(rawSpec)) bad(`spec must be a mapping, not ${kindOf(rawSpec)} (${show(rawSpec)}); the Ingress has no rules`);
  const spec = isObject(rawSpec) ? rawSpec : {};

  const ingressClassName = readClass(spec, annotations, bad);
  const creationTimestamp = readTimestamp(field(meta, 'creationTimestamp'), bad);
  const defaultBackend = readDefaultBackend(spec, legacy, bad);

  return {
    id,
    namespace,
    name,
    ...(creationTimestamp !== undefined ? { creationTimestamp } : {}),
    ...(ingressClassName !== undefined ? { ingressClassName } : {}),
    nginx,
    rules: readRules(field(spec, 'rules'), legacy, bad),
    tls: readTls(field(spec, 'tls'), bad),
    ...(defaultBackend !== undefined ? { defaultBackend } : {}),
    source: origin.source,
    inputIndex: origin.inputIndex,
  };
}

type Bad = (message: string, annotation?: string) => void;

function readAnnotations(raw: unknown, bad: Bad): Map<string, string> {
  const out = new Map<string, string>();
  if (raw === undefined || raw === null) return out;
  if (!isObject(raw)) {
    bad(`metadata.annotations must be a mapping of strings, not ${kindOf(raw)} (${show(raw)}); the Ingress is read without annotations`);
    return out;
  }
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string') {
      out.set(key, value);
    } else {
      const fix = typeof value === 'boolean' || typeof value === 'number' ? `: quote it ("${String(value)}")` : '';
      bad(`annotation ${key} value ${show(value)} must be a string${fix}; the annotation is ignored (the API server rejects it)`, key.startsWith(NGINX_PREFIX) ? key : undefined);
    }
  }
  return out;
}

function readClass(spec: JsonObject, annotations: Map<string, string>, bad: Bad): string | undefined {
  const raw = field(spec, 'ingressClassName');
  if (typeof raw === 'string' && raw !== '') return raw;
  if (raw !== undefined && raw !== null && raw !== '') bad(`spec.ingressClassName ${show(raw)} must be a string; it is ignored`);
  const annotated = annotations.get(INGRESS_CLASS_ANNOTATION);
  return annotated !== undefined && annotated !== '' ? annotated : undefined;
}

function readTimestamp(raw: unknown, bad: Bad): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(raw) && !Number.isNaN(Date.parse(raw))) return raw;
  bad(`metadata.creationTimestamp ${show(raw)} is not an RFC 3339 time (2024-01-31T12:00:00Z); it is ignored and the Ingress counts as the oldest`);
  return undefined;
}

function readDefaultBackend(spec: JsonObject, legacy: boolean, bad: Bad): BackendModel | undefined {
  const key = legacy ? 'backend' : 'defaultBackend';
  const other = legacy ? 'defaultBackend' : 'backend';
  if (field(spec, other) !== undefined && field(spec, other) !== null) {
    bad(`spec.${other} is not a field of this API version (use spec.${key}); it is ignored, as the API server drops it`);
  }
  const raw = field(spec, key);
  if (raw === undefined || raw === null) return undefined;
  const r = readBackend(raw, `spec.${key}`, legacy);
  if (r.error !== undefined) bad(`${r.error}; the Ingress has no default backend`);
  return r.backend;
}

function readRules(raw: unknown, legacy: boolean, bad: Bad): RuleModel[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    bad(`spec.rules must be a list, not ${kindOf(raw)} (${show(raw)}); the Ingress has no rules`);
    return [];
  }
  const out: RuleModel[] = [];
  raw.forEach((rule, i) => {
    const at = `spec.rules[${i}]`;
    if (!isObject(rule)) return bad(`${at} must be a mapping, not ${kindOf(rule)} (${show(rule)}); the rule is skipped`);
    const host = field(rule, 'host');
    if (host !== undefined && host !== null && host !== '') {
      if (typeof host !== 'string') return bad(`${at}.host ${show(host)} must be a string; the rule is skipped`);
      const why = hostProblem(host);
      if (why !== undefined) return bad(`${at}.host ${show(host)} ${why}; the rule is skipped`);
    }
    const http = field(rule, 'http');
    let paths: PathModel[] = [];
    if (http !== undefined && http !== null) {
      if (!isObject(http)) return bad(`${at}.http must be a mapping, not ${kindOf(http)} (${show(http)}); the rule is skipped`);
      const rawPaths = field(http, 'paths');
      if (!Array.isArray(rawPaths)) return bad(`${at}.http.paths must be a list, not ${kindOf(rawPaths)} (${show(rawPaths)}); the rule is skipped`);
      paths = readPaths(rawPaths, `${at}.http.paths`, legacy, bad);
    }
    out.push(typeof host === 'string' && host !== '' ? { host, paths } : { paths });
  });
  return out;
}

function hostProblem(host: string): string | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':')) return 'must be a DNS name, not an IP address';
  if (host.length > 253 || !HOST.test(host)) {
    return 'is not a DNS-1123 subdomain (lowercase letters, digits, \'-\' and \'.\', optionally starting with \'*.\')';
  }
  return undefined;
}

function readPaths(raw: unknown[], at: string, legacy: boolean, bad: Bad): PathModel[] {
  const out: PathModel[] = [];
  raw.forEach((p, j) => {
    const here = `${at}[${j}]`;
    if (!isObject(p)) return bad(`${here} must be a mapping, not ${kindOf(p)} (${show(p)}); the path is skipped`);
    const rawPath = field(p, 'path');
    if (rawPath !== undefined && rawPath !== null && typeof rawPath !== 'string') return bad(`${here}.path ${show(rawPath)} must be a string; the path is skipped`);
    const path = typeof rawPath === 'string' && rawPath !== '' ? rawPath : '/';
    if (!path.startsWith('/')) return bad(`${here}.path ${show(path)} must be an absolute path (start with '/'); the path is skipped`);
    const rawType = field(p, 'pathType');
    let pathType: PathTypeModel = 'ImplementationSpecific';
    if (rawType !== undefined && rawType !== null) {
      if (!PATH_TYPES.includes(rawType as PathTypeModel)) {
        return bad(`${here}.pathType ${show(rawType)} is not one of Exact, Prefix, ImplementationSpecific; the path ${show(path)} is skipped`);
      }
      pathType = rawType as PathTypeModel;
    }
    const backend = readBackend(field(p, 'backend'), `${here}.backend`, legacy);
    if (backend.error !== undefined) return bad(`${backend.error}; the path ${show(path)} is skipped`);
    out.push({ path, pathType, backend: backend.backend! });
  });
  return out;
}

function readTls(raw: unknown, bad: Bad): TlsModel[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    bad(`spec.tls must be a list, not ${kindOf(raw)} (${show(raw)}); the Ingress has no TLS`);
    return [];
  }
  const out: TlsModel[] = [];
  raw.forEach((t, i) => {
    const at = `spec.tls[${i}]`;
    if (!isObject(t)) return bad(`${at} must be a mapping, not ${kindOf(t)} (${show(t)}); the entry is skipped`);
    const secretName = field(t, 'secretName');
    if (secretName !== undefined && secretName !== null && typeof secretName !== 'string') {
      return bad(`${at}.secretName ${show(secretName)} must be a string; the entry is skipped`);
    }
    const rawHosts = field(t, 'hosts');
    const hosts: string[] = [];
    if (rawHosts !== undefined && rawHosts !== null) {
      if (!Array.isArray(rawHosts)) return bad(`${at}.hosts must be a list of host names, not ${kindOf(rawHosts)} (${show(rawHosts)}); the entry is skipped`);
      rawHosts.forEach((h, k) => {
        if (typeof h === 'string' && h !== '') hosts.push(h);
        else bad(`${at}.hosts[${k}] ${show(h)} must be a host name; it is skipped`);
      });
    }
    out.push(typeof secretName === 'string' && secretName !== '' ? { hosts, secretName } : { hosts });
  });
  return out;
}
