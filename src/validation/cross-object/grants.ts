import { Code } from './codes';
import { GrantFacts, Reference } from './facts';
import { describe, Entry, GATEWAY_GROUP, ObjectIndex, sameNamespace } from './object-index';
import { ROUTE_KINDS } from './parents';

/*
 * ReferenceGrant (GEP-709): every reference to an object in another namespace needs a grant in
 * the target namespace naming the referring kind and namespace, except a route's parentRefs
 * (governed by the listener's allowedRoutes) and a ListenerSet's parentRef (allowedListeners).
 * Grants are not inherited between a Gateway and its ListenerSets.
 */

/**
 * Reports references to other namespaces that no ReferenceGrant of the input allows.
 * @internal
 */
export function checkReferenceGrants(ix: ObjectIndex): void {
  const grants = new Map<string, GrantFacts[]>();
  for (const g of ix.ofKind('ReferenceGrant')) {
    if (g.namespace === undefined || g.grant === undefined) continue;
    const list = grants.get(g.namespace) ?? [];
    list.push(g.grant);
    grants.set(g.namespace, list);
  }

  const check = (source: Entry, refs: readonly Reference[]): void => {
    for (const ref of refs) {
      if (sameNamespace(source.namespace, ref.namespace) !== false) continue; // same, or unknown until applied
      const allowed = (grants.get(ref.namespace) ?? []).some(g =>
        g.from.some(f => f.group === source.group && f.kind === source.kind && f.namespace === source.namespace)
        && g.to.some(t => t.group === ref.group && t.kind === ref.kind && (t.name === undefined || t.name === ref.name)));
      if (allowed || ix.hasAmbiguousKindIn(GATEWAY_GROUP, 'ReferenceGrant', ref.namespace)) continue;
      ix.report(source, ref.path, Code.REFERENCE_NOT_GRANTED, 'error',
        `${ref.what} ${describe(ref.kind, ref.namespace, ref.name)} is in another namespace, and no ReferenceGrant in namespace "${ref.namespace}" allows ${source.kind} from namespace "${source.namespace}" to refer to it`);
    }
  };

  for (const kind of [...ROUTE_KINDS, 'Gateway', 'ListenerSet']) {
    for (const source of ix.ofKind(kind)) check(source, source.references ?? []);
  }
}
