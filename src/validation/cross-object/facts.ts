import {
  DuplicateRuleName, MatchKey, ParentRefFacts, Reference, referencesOf, routeDuplicateRuleNames, routeHostnames, routeMatchKeys, routeParentRefs,
} from './route-facts';
import { arr, GATEWAY_GROUP, int, isObject, Shared, str, Strings, strOrEmpty } from './values';
import { CrdSet } from '../catalog';
import { cloneJson } from '../decode';

/*
 * What the cross-object checks need of one object, taken from it once, as it is read: its
 * identity and, by kind, the few fields the checks look at (a route's parents, hostnames and
 * match keys, a Gateway's listeners, ...), normalized and copied. The object itself is not
 * kept: a large input is validated one object at a time, and only these facts stay until the
 * checks across objects run. Nothing here refers to the object, so the validator may decode
 * (prune, default) the object in place afterwards.
 */

/** @internal */
export const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'];

export type { DuplicateRuleName, MatchKey, ParentRefFacts, Reference } from './route-facts';

/**
 * A listener of a Gateway or ListenerSet (`spec.listeners[index]`), defaults applied.
 * @internal
 */
export interface ListenerFacts {
  /** Index in the owner's `spec.listeners`. */
  readonly index: number;
  readonly name: string;
  readonly port?: number;
  readonly protocol: string;
  readonly hostname?: string;
  /** `allowedRoutes.namespaces.from` (defaulted to Same). */
  readonly from: string;
  /** `allowedRoutes.namespaces.selector` (a copy). */
  readonly selector?: unknown;
  /** `allowedRoutes.kinds`, groups defaulted; empty means the protocol's kinds. */
  readonly kinds: ReadonlyArray<{ readonly group: string; readonly kind: string }>;
  readonly hasTls: boolean;
}

/**
 * The `from` and `to` lists of a ReferenceGrant.
 * @internal
 */
export interface GrantFacts {
  readonly from: ReadonlyArray<{ readonly group: string; readonly kind: string; readonly namespace: string }>;
  readonly to: ReadonlyArray<{ readonly group: string; readonly kind: string; readonly name?: string }>;
}

/**
 * A `spec.targetRefs` entry of a BackendTLSPolicy that names a kind and a name.
 * @internal
 */
export interface TargetRefFacts {
  readonly index: number;
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly sectionName?: string;
}

/**
 * One object of the input, as the cross-object checks see it.
 * @internal
 */
export interface Entry {
  /** Position in the input. */
  readonly index: number;
  readonly group: string;
  readonly kind: string;
  /** `metadata.namespace`; undefined when not set (the namespace is then decided at apply time). */
  readonly namespace?: string;
  readonly name: string;
  /** `metadata.namespace` is the empty string (results name it; the checks treat it as not set). */
  readonly emptyNamespace?: boolean;
  /** Gateway and ListenerSet: `spec.listeners`. */
  readonly listeners?: readonly ListenerFacts[];
  /** Gateway: `spec.allowedListeners.namespaces` (`from` defaulted to None). */
  readonly allowedListeners?: { readonly from: string; readonly selector?: unknown };
  /** ListenerSet: `spec.parentRef`, when it is an object with a name. */
  readonly parentRef?: ParentRefFacts;
  /** Routes: `spec.hostnames` (its strings; none for the kinds without hostnames). */
  readonly hostnames?: readonly string[];
  /** Routes: the object entries of `spec.parentRefs`. */
  readonly parentRefs?: readonly ParentRefFacts[];
  /** Routes: the matches of the rules, in canonical form (for route conflicts). */
  /** The match keys of a route's rules (made on first call when the tables say the objects are retained). */
  readonly matchKeys?: () => readonly MatchKey[];
  /** Routes: rules named like an earlier rule (unless the CRD checks rule names itself). */
  readonly duplicateRuleNames?: readonly DuplicateRuleName[];
  /** Routes, Gateways and ListenerSets: references to objects of another namespace, when there are any. */
  readonly references?: readonly Reference[];
  /** ReferenceGrant. */
  readonly grant?: GrantFacts;
  /** BackendTLSPolicy: `spec.targetRefs`. */
  readonly targetRefs?: readonly TargetRefFacts[];
  /** Core Service: the names of `spec.ports`. */
  readonly portNames?: readonly string[];
  /** Core Namespace: `metadata.labels` (string values). */
  readonly labels?: Readonly<Record<string, string>>;
}

const NO_LISTENERS: readonly ListenerFacts[] = Object.freeze([]);

/**
 * Where the facts of many objects share what is equal.
 * @internal
 */
export interface FactTables {
  readonly strings: Strings;
  readonly shared: Shared;
  /**
   * The objects stay in memory while their facts are used (synth, validateObjects): facts only
   * some checks need (the match keys) are then taken from the object when first needed.
   * @default false
   */
  readonly retained?: boolean;
}

/** The match keys of a route, now or on first call. */
function matchKeysOf(kind: string, spec: Record<string, any>, tables: FactTables): () => readonly MatchKey[] {
  // (two functions: a closure keeps its whole scope, and the keys made now must not keep `spec`)
  return tables.retained ? keysLater(kind, spec, tables.shared) : keysNow(routeMatchKeys(kind, spec, tables.shared));
}

function keysNow(keys: readonly MatchKey[]): () => readonly MatchKey[] {
  return () => keys;
}

function keysLater(kind: string, spec: Record<string, any>, shared: Shared): () => readonly MatchKey[] {
  let keys: readonly MatchKey[] | undefined;
  return () => keys ??= routeMatchKeys(kind, spec, shared);
}

/** An entry being built. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The facts of an object, or undefined when it has no identity (not an object with an
 * apiVersion, a kind and a name). Each kind's entry is made at once with the fields of its
 * kind (fewer fields, less memory for a large input); rare facts are added after.
 *
 * @param obj the decoded object (not modified; the result refers to nothing in it that can change)
 * @param index its position in the input
 * @param crds the Gateway API CRDs it is validated against
 * @param tables where repeated strings and lists are shared
 * @internal
 */
export function entryOf(obj: unknown, index: number, crds: CrdSet | undefined, tables: FactTables): Entry | undefined {
  if (!isObject(obj) || typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') return undefined;
  const meta = isObject(obj.metadata) ? obj.metadata : {};
  const name = str(meta.name);
  if (name === undefined) return undefined;
  const { strings, shared } = tables;
  const slash = obj.apiVersion.indexOf('/');
  const group = slash >= 0 ? strings.get(obj.apiVersion.slice(0, slash)) : '';
  const kind = strings.get(obj.kind);
  const ns = str(meta.namespace);
  const namespace = ns === undefined ? undefined : strings.get(ns);
  const spec = isObject(obj.spec) ? obj.spec : {};
  let entry: Mutable<Entry>;
  let references: readonly Reference[] | undefined;
  if (group === GATEWAY_GROUP && ROUTE_KINDS.includes(kind)) {
    const version = obj.apiVersion.split('/')[1];
    entry = {
      index,
      group,
      kind,
      namespace,
      name,
      hostnames: routeHostnames(kind, spec),
      parentRefs: routeParentRefs(spec, strings, shared),
      matchKeys: matchKeysOf(kind, spec, tables),
    };
    const duplicates = routeDuplicateRuleNames(kind, version, spec, crds);
    if (duplicates) entry.duplicateRuleNames = duplicates;
    references = referencesOf(entry, spec);
  } else if (group === GATEWAY_GROUP && kind === 'Gateway') {
    entry = { index, group, kind, namespace, name, listeners: listenersOf(spec), allowedListeners: allowedListeners(spec) };
    references = referencesOf(entry, spec);
  } else if (group === GATEWAY_GROUP && kind === 'ListenerSet') {
    entry = { index, group, kind, namespace, name, listeners: listenersOf(spec), parentRef: listenerSetParent(spec) };
    references = referencesOf(entry, spec);
  } else if (group === GATEWAY_GROUP && kind === 'ReferenceGrant') {
    entry = { index, group, kind, namespace, name, grant: grantOf(spec) };
  } else if (group === GATEWAY_GROUP && kind === 'BackendTLSPolicy') {
    entry = { index, group, kind, namespace, name, targetRefs: targetRefsOf(spec) };
  } else if (group === '' && kind === 'Service') {
    const portNames = arr(spec.ports).filter(isObject).map(p => str(p.name)).filter((n): n is string => n !== undefined);
    entry = { index, group, kind, namespace, name, portNames };
  } else if (group === '' && kind === 'Namespace') {
    const labels: Record<string, string> = {};
    if (isObject(meta.labels)) {
      for (const [lk, lv] of Object.entries(meta.labels)) if (typeof lv === 'string') labels[lk] = lv;
    }
    entry = { index, group, kind, namespace, name, labels };
  } else {
    entry = { index, group, kind, namespace, name };
  }
  if (references !== undefined && references.length > 0) entry.references = references;
  if (meta.namespace === '') entry.emptyNamespace = true;
  return entry;
}

function listenersOf(spec: Record<string, any>): readonly ListenerFacts[] {
  const list: ListenerFacts[] = [];
  arr(spec.listeners).forEach((l, index) => {
    if (!isObject(l)) return;
    const allowed = isObject(l.allowedRoutes) ? l.allowedRoutes : {};
    const namespaces = isObject(allowed.namespaces) ? allowed.namespaces : {};
    list.push({
      index,
      name: typeof l.name === 'string' ? l.name : '',
      port: int(l.port),
      protocol: typeof l.protocol === 'string' ? l.protocol : '',
      hostname: str(l.hostname),
      from: str(namespaces.from) ?? 'Same',
      selector: cloneJson(namespaces.selector),
      kinds: arr(allowed.kinds).filter(isObject).map(k => ({ group: strOrEmpty(k.group) ?? GATEWAY_GROUP, kind: String(k.kind) })),
      hasTls: l.tls !== undefined && l.tls !== null,
    });
  });
  return list.length > 0 ? list : NO_LISTENERS;
}

function allowedListeners(spec: Record<string, any>): { from: string; selector?: unknown } {
  const allowed = isObject(spec.allowedListeners) ? spec.allowedListeners : {};
  const namespaces = isObject(allowed.namespaces) ? allowed.namespaces : {};
  return { from: str(namespaces.from) ?? 'None', selector: cloneJson(namespaces.selector) };
}

function listenerSetParent(spec: Record<string, any>): ParentRefFacts | undefined {
  const ref = spec.parentRef;
  if (!isObject(ref)) return undefined;
  const name = str(ref.name);
  if (name === undefined) return undefined;
  return {
    index: 0,
    group: typeof ref.group === 'string' ? ref.group : GATEWAY_GROUP,
    kind: str(ref.kind) ?? 'Gateway',
    name,
    namespace: str(ref.namespace),
  };
}

function grantOf(spec: Record<string, any>): GrantFacts {
  return {
    from: arr(spec.from).filter(isObject).map(f => ({ group: strOrEmpty(f.group) ?? '', kind: String(f.kind), namespace: String(f.namespace) })),
    to: arr(spec.to).filter(isObject).map(t => ({ group: strOrEmpty(t.group) ?? '', kind: String(t.kind), name: str(t.name) })),
  };
}

function targetRefsOf(spec: Record<string, any>): TargetRefFacts[] {
  const refs: TargetRefFacts[] = [];
  arr(spec.targetRefs).forEach((ref, index) => {
    if (!isObject(ref)) return;
    const kind = str(ref.kind);
    const name = str(ref.name);
    if (kind === undefined || name === undefined) return;
    refs.push({ index, group: strOrEmpty(ref.group) ?? '', kind, name, sectionName: str(ref.sectionName) });
  });
  return refs;
}
