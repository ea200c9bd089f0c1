import { arr, GATEWAY_GROUP, int, isObject, Shared, str, Strings, strOrEmpty } from './values';
import { CrdSet } from '../catalog';
import { SchemaNode } from '../schema';

/*
 * The facts of a route taken once, as it is read: its parents, hostnames, match keys (the
 * matches of each rule in canonical form, for route conflicts), duplicated rule names, and the
 * references of routes, Gateways and ListenerSets that may cross namespaces (for
 * ReferenceGrants).
 */

const HOSTNAME_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute']);

/**
 * A `parentRefs` entry of a route, or the `parentRef` of a ListenerSet, defaults applied.
 * @internal
 */
export interface ParentRefFacts {
  /** Index in `spec.parentRefs` (0 for a ListenerSet's `spec.parentRef`). */
  readonly index: number;
  readonly group: string;
  readonly kind: string;
  readonly name?: string;
  /** As written; the referring object's namespace applies when undefined. */
  readonly namespace?: string;
  readonly sectionName?: string;
  readonly port?: number;
}

/**
 * One match of a rule in canonical form: two matches with equal keys match the same requests.
 * @internal
 */
export interface MatchKey {
  /** Index in `spec.rules`. */
  readonly rule: number;
  /** Index in the rule's `matches`; -1 when the rule has none (its default match). */
  readonly match: number;
  readonly key: string;
}

/**
 * A reference that may point to another namespace (a backend, a certificate, ...).
 * @internal
 */
export interface Reference {
  readonly path: string;
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** What it is, for messages. */
  readonly what: string;
}

/**
 * A rule whose name an earlier rule of the route has.
 * @internal
 */
export interface DuplicateRuleName {
  readonly rule: number;
  readonly name: string;
  /** The index of the earlier rule. */
  readonly first: number;
}

const NONE: readonly never[] = Object.freeze([]);

/** The matches of a rule in canonical form (defaults applied, header and query lists sorted). */
function ruleMatches(kind: string, rule: Record<string, any>): string[] {
  if (kind === 'TLSRoute') return [''];
  const matches = arr(rule.matches).filter(isObject);
  if (kind === 'HTTPRoute') {
    if (matches.length === 0) return [DEFAULT_HTTP_MATCH];
    return matches.map(httpMatchKey);
  }
  if (kind === 'GRPCRoute') {
    if (matches.length === 0) return ['*'];
    return matches.map(m => JSON.stringify(grpcMatch(m)));
  }
  return []; // TCPRoute, UDPRoute: no matches
}

function httpMatch(m: Record<string, any>): unknown {
  const path = isObject(m.path) ? m.path : {};
  return [
    str(path.type) ?? 'PathPrefix', typeof path.value === 'string' ? path.value : '/',
    str(m.method) ?? '',
    nameValues(m.headers, true),
    nameValues(m.queryParams, false),
  ];
}

/**
 * `JSON.stringify(httpMatch(m))`, written without building the array (a route has a few matches,
 * an app thousands of routes).
 */
function httpMatchKey(m: Record<string, any>): string {
  const path = isObject(m.path) ? m.path : {};
  return `[${JSON.stringify(str(path.type) ?? 'PathPrefix')},${JSON.stringify(typeof path.value === 'string' ? path.value : '/')},`
    + `${JSON.stringify(str(m.method) ?? '')},${nameValuesJson(m.headers, true)},${nameValuesJson(m.queryParams, false)}]`;
}

function nameValuesJson(list: unknown, foldCase: boolean): string {
  return Array.isArray(list) && list.length > 0 ? JSON.stringify(nameValues(list, foldCase)) : '[]';
}

const DEFAULT_HTTP_MATCH = JSON.stringify(httpMatch({}));
/** The keys of an HTTPRoute without rules: one rule that matches every request. */
const DEFAULT_HTTP_KEYS: readonly MatchKey[] = Object.freeze([Object.freeze({ rule: 0, match: -1, key: DEFAULT_HTTP_MATCH })]);

function grpcMatch(m: Record<string, any>): unknown {
  const method = isObject(m.method) ? m.method : undefined;
  return [
    method ? [str(method.type) ?? 'Exact', str(method.service) ?? '', str(method.method) ?? ''] : [],
    nameValues(m.headers, true),
  ];
}

function nameValues(list: unknown, foldCase: boolean): string[][] {
  return arr(list).filter(isObject)
    .map(h => [foldCase ? String(h.name).toLowerCase() : String(h.name), str(h.type) ?? 'Exact', String(h.value)])
    .sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : 1));
}

/**
 * The match keys of a route's rules. Routes often have the same matches: equal lists are shared.
 * @internal
 */
export function routeMatchKeys(kind: string, spec: Record<string, any>, shared: Shared): readonly MatchKey[] {
  if (kind === 'HTTPRoute' && !Array.isArray(spec.rules)) return DEFAULT_HTTP_KEYS;
  const keys: MatchKey[] = [];
  arr(spec.rules).forEach((rule, i) => {
    if (!isObject(rule)) return;
    const explicit = arr(rule.matches).length > 0;
    ruleMatches(kind, rule).forEach((key, j) => keys.push({ rule: i, match: explicit ? j : -1, key }));
  });
  if (keys.length === 0) return NONE;
  return shared.get(`m\u0000${keys.map(k => `${k.rule}\u0000${k.match}\u0000${k.key}`).join('\u0001')}`, () => keys.slice());
}

const uniquenessRule = new WeakMap<SchemaNode, boolean>();

/** True if the served CRD of the route already has the (Experimental) rule-name uniqueness CEL rule. */
function ruleNamesCheckedByCrd(kind: string, version: string | undefined, crds: CrdSet | undefined): boolean {
  const crd = crds?.find(GATEWAY_GROUP, kind);
  const rules = crd?.versions.find(v => v.name === version && v.served)?.schema?.properties?.spec?.properties?.rules;
  if (!rules) return false;
  let has = uniquenessRule.get(rules);
  if (has === undefined) {
    has = (rules['x-kubernetes-validations'] ?? []).some(r => /name must be unique/i.test(r.message ?? ''));
    uniquenessRule.set(rules, has);
  }
  return has;
}

/**
 * The rules named like an earlier rule of the route, unless the route's CRD checks rule names
 * itself (the Experimental CRDs do).
 * @internal
 */
export function routeDuplicateRuleNames(kind: string, version: string | undefined, spec: Record<string, any>, crds: CrdSet | undefined)
  : DuplicateRuleName[] | undefined {
  let out: DuplicateRuleName[] | undefined;
  const seen = new Map<string, number>();
  arr(spec.rules).forEach((rule, i) => {
    const name = isObject(rule) ? str(rule.name) : undefined;
    if (name === undefined) return;
    const first = seen.get(name);
    if (first !== undefined) (out ??= []).push({ rule: i, name, first });
    else seen.set(name, i);
  });
  return out && !ruleNamesCheckedByCrd(kind, version, crds) ? out : undefined;
}

/**
 * `spec.hostnames` (its strings) of the route kinds that have hostnames, else empty.
 * @internal
 */
export function routeHostnames(kind: string, spec: Record<string, any>): readonly string[] {
  if (!HOSTNAME_KINDS.has(kind) || !Array.isArray(spec.hostnames) || spec.hostnames.length === 0) return NONE;
  const list = spec.hostnames as unknown[];
  // a copy of the exact size (the facts refer to nothing of the object)
  return list.every(h => typeof h === 'string') ? list.slice() as string[] : list.filter((h): h is string => typeof h === 'string').slice();
}

/**
 * The object entries of a route's `spec.parentRefs`, defaults applied. Routes often have the
 * same parents: equal lists are shared.
 * @internal
 */
export function routeParentRefs(spec: Record<string, any>, strings: Strings, shared: Shared): readonly ParentRefFacts[] {
  const parentRefs: ParentRefFacts[] = [];
  arr(spec.parentRefs).forEach((ref, index) => {
    if (!isObject(ref)) return;
    parentRefs.push({
      index,
      group: typeof ref.group === 'string' ? strings.get(ref.group) : GATEWAY_GROUP,
      kind: strings.get(str(ref.kind) ?? 'Gateway'),
      name: str(ref.name),
      namespace: str(ref.namespace),
      sectionName: str(ref.sectionName),
      port: int(ref.port),
    });
  });
  if (parentRefs.length === 0) return NONE;
  return shared.get(`p\u0000${JSON.stringify(parentRefs.map(r => [r.index, r.group, r.kind, r.name, r.namespace, r.sectionName, r.port]))}`, () => parentRefs.slice());
}

function objectRef(v: unknown, path: string, defaultKind: string, what: string, out: Reference[]): void {
  if (!isObject(v)) return;
  const name = str(v.name);
  const namespace = str(v.namespace);
  if (name === undefined || namespace === undefined) return;
  out.push({ path, group: strOrEmpty(v.group) ?? '', kind: str(v.kind) ?? defaultKind, name, namespace, what });
}

/**
 * The references of an object that name a namespace (only those may cross namespaces):
 * backends of a route (rule backendRefs, mirror and external-auth filters), certificates and
 * CA bundles of a Gateway or ListenerSet.
 *
 * @param entry the object's group and kind (a route, Gateway or ListenerSet of the Gateway API group)
 * @param spec its `spec`
 * @internal
 */
export function referencesOf(entry: { readonly kind: string }, spec: Record<string, any>): readonly Reference[] {
  const refs: Reference[] = [];
  if (entry.kind === 'Gateway' || entry.kind === 'ListenerSet') listenerReferences(entry.kind, spec, refs);
  else routeReferences(spec, refs);
  return refs.length > 0 ? refs : NONE;
}

/** True when `objectRef` would record the reference (paths are built only then). */
function namesNamespace(v: unknown): boolean {
  return isObject(v) && str(v.name) !== undefined && str(v.namespace) !== undefined;
}

function routeReferences(spec: Record<string, any>, refs: Reference[]): void {
  const filters = (list: unknown, path: () => string): void => {
    arr(list).forEach((f, k) => {
      if (!isObject(f)) return;
      if (isObject(f.requestMirror) && namesNamespace(f.requestMirror.backendRef)) {
        objectRef(f.requestMirror.backendRef, `${path()}[${k}].requestMirror.backendRef`, 'Service', 'mirror backend', refs);
      }
      if (isObject(f.externalAuth) && namesNamespace(f.externalAuth.backendRef)) {
        objectRef(f.externalAuth.backendRef, `${path()}[${k}].externalAuth.backendRef`, 'Service', 'external auth backend', refs);
      }
    });
  };
  arr(spec.rules).forEach((rule, i) => {
    if (!isObject(rule)) return;
    arr(rule.backendRefs).forEach((b, j) => {
      if (namesNamespace(b)) objectRef(b, `spec.rules[${i}].backendRefs[${j}]`, 'Service', 'backend', refs);
      if (isObject(b) && Array.isArray(b.filters) && b.filters.length > 0) filters(b.filters, () => `spec.rules[${i}].backendRefs[${j}].filters`);
    });
    if (Array.isArray(rule.filters) && rule.filters.length > 0) filters(rule.filters, () => `spec.rules[${i}].filters`);
  });
}

function listenerReferences(kind: string, spec: Record<string, any>, refs: Reference[]): void {
  arr(spec.listeners).forEach((l, i) => {
    if (!isObject(l) || !isObject(l.tls)) return;
    arr(l.tls.certificateRefs).forEach((c, j) => objectRef(c, `spec.listeners[${i}].tls.certificateRefs[${j}]`, 'Secret', 'certificate', refs));
  });
  const tls = kind === 'Gateway' && isObject(spec.tls) ? spec.tls : undefined;
  if (!tls) return;
  if (isObject(tls.backend)) {
    objectRef(tls.backend.clientCertificateRef, 'spec.tls.backend.clientCertificateRef', 'Secret', 'backend client certificate', refs);
  }
  const frontend = isObject(tls.frontend) ? tls.frontend : {};
  const cas = (validation: unknown, path: string): void => {
    if (!isObject(validation)) return;
    arr(validation.caCertificateRefs).forEach((c, j) => objectRef(c, `${path}.caCertificateRefs[${j}]`, 'ConfigMap', 'CA certificate', refs));
  };
  if (isObject(frontend.default)) cas(frontend.default.validation, 'spec.tls.frontend.default.validation');
  arr(frontend.perPort).forEach((p, k) => {
    if (isObject(p) && isObject(p.tls)) cas(p.tls.validation, `spec.tls.frontend.perPort[${k}].tls.validation`);
  });
}
