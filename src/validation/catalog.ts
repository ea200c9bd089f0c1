import { DATA_SETS } from './data';
import { SchemaNode } from './schema';

/**
 * One version of a CRD as served (or not) by a data set.
 * @internal
 */
export interface CrdVersion {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  readonly deprecated: boolean;
  /** True if the version has the `status` subresource (create and update then ignore `status`). */
  readonly statusSubresource: boolean;
  /** The `openAPIV3Schema` (documentation stripped); only for served versions. */
  readonly schema?: SchemaNode;
}

/**
 * A CRD of a data set.
 * @internal
 */
export interface Crd {
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  readonly scope: 'Namespaced' | 'Cluster';
  readonly versions: CrdVersion[];
}

/**
 * A parsed data set: the CRDs of one bundle (for example Gateway API v1.6.1, standard channel).
 * @internal
 */
export class CrdSet {
  /** Groups with at least one CRD in this set. */
  public readonly groups: ReadonlySet<string>;
  private readonly byGroupKind = new Map<string, Crd>();

  constructor(public readonly id: string, public readonly crds: readonly Crd[]) {
    for (const crd of crds) this.byGroupKind.set(`${crd.kind}.${crd.group}`, crd);
    this.groups = new Set(crds.map(c => c.group));
  }

  /** The CRD of a kind in a group, served or not. */
  public find(group: string, kind: string): Crd | undefined {
    return this.byGroupKind.get(`${kind}.${group}`);
  }
}

const loaded = new Map<string, CrdSet>();

/**
 * The data set with the given id, parsed on first use (shared schema sub-trees are resolved to
 * shared objects, so schema nodes must be treated as immutable).
 * @internal
 */
export function loadCrdSet(id: string): CrdSet {
  let set = loaded.get(id);
  if (!set) {
    // each data set's module is loaded here, on first use: a process loads only those it uses
    if (!Object.prototype.hasOwnProperty.call(DATA_SETS, id)) throw new Error(`unknown validation data set "${id}"`);
    const raw = JSON.parse(DATA_SETS[id]());
    if (raw.format !== 1) throw new Error(`validation data set "${id}" has unsupported format ${raw.format}`);
    const defs: any[] = raw.defs;
    const resolved: any[] = new Array(defs.length);
    const resolve = (node: any): any => {
      if (node === null || typeof node !== 'object') return node;
      if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++) node[i] = resolve(node[i]);
        return node;
      }
      const ref = node.$d;
      if (typeof ref === 'number' && Object.keys(node).length === 1) {
        if (resolved[ref] === undefined) resolved[ref] = resolve(defs[ref]);
        return resolved[ref];
      }
      for (const key of Object.keys(node)) node[key] = resolve(node[key]);
      return node;
    };
    const crds: Crd[] = raw.crds.map((c: any) => resolve(c));
    set = new CrdSet(id, crds);
    loaded.set(id, set);
  }
  return set;
}

/**
 * Ids of every data set shipped with the library.
 * @internal
 */
export function dataSetIds(): string[] {
  return Object.keys(DATA_SETS);
}
