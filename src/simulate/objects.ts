/**
 * The Kubernetes objects a routing model reads, and small helpers over them. Internal.
 */
import { expandKubectlList, readManifest } from '../validation/kubectl-yaml';

/** The API group of Gateway API. */
export const GW = 'gateway.networking.k8s.io';

/** The fields of an object the model reads. */
export interface K8sObject {
  readonly apiVersion?: string;
  readonly kind: string;
  readonly spec?: any;
  readonly metadata: { name: string; namespace?: string; labels?: Record<string, string>; creationTimestamp?: string };
}

/** A reference target or source in ReferenceGrant terms. */
export interface ObjectRef {
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name?: string;
}

/** Namespace of an object (`default` when unset). */
export function ns(o: K8sObject): string {
  return o.metadata.namespace ?? 'default';
}

/** `namespace/name` of an object. */
export function id(o: K8sObject): string {
  return `${ns(o)}/${o.metadata.name}`;
}

/** API group from apiVersion (`v1` → core `""`). */
export function group(o: K8sObject): string {
  return (o.apiVersion ?? '').includes('/') ? o.apiVersion!.split('/')[0] : '';
}

/**
 * Oldest first, then `{namespace}/{name}` alphabetically: the tie-break of every Gateway API
 * precedence rule (HTTPRoute and GRPCRoute rule precedence, ListenerSet merge order, GEP-1713).
 */
export function byAge<T extends K8sObject>(objects: T[]): T[] {
  return [...objects].sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '')
    || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
}

/** Objects by kind, in input order, with a memo for what is derived from them (they never change). */
export class ObjectSet {
  private readonly kinds = new Map<string, K8sObject[]>();
  private readonly memo = new Map<string, unknown>();

  public constructor(public readonly objects: K8sObject[]) {
    for (const o of objects) {
      const list = this.kinds.get(o.kind) ?? [];
      list.push(o);
      this.kinds.set(o.kind, list);
    }
  }

  /** Every object of a kind. */
  public all(kind: string): K8sObject[] {
    return this.kinds.get(kind) ?? [];
  }

  /** The value derived under `key`, computed once. */
  public cached<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }

  /** The object of a kind with this namespace and name. */
  public find(kind: string, namespace: string, name: string): K8sObject | undefined {
    return this.all(kind).find(o => o.metadata.name === name && ns(o) === namespace);
  }
}

/** Keeps the values that look like Kubernetes objects (a string `kind` and a `metadata.name`). */
export function keepObjects(values: unknown[]): K8sObject[] {
  return values.filter((o: any) => o && typeof o === 'object' && typeof o.kind === 'string'
    && o.metadata && typeof o.metadata.name === 'string') as K8sObject[];
}

/** The objects of a multi-document YAML text (or JSON stream), Lists expanded; throws on a syntax error. */
export function loadObjects(text: string, where: string): K8sObject[] {
  const out: unknown[] = [];
  for (const doc of readManifest(text).documents) {
    if (doc.error) throw new Error(`${where}: document ${doc.index + 1}: ${doc.error.message}`);
    const items = expandKubectlList(doc.value);
    if (typeof items === 'string') throw new Error(`${where}: document ${doc.index + 1}: ${items}`);
    out.push(...items.map(i => i.object));
  }
  return keepObjects(out);
}
