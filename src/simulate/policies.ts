/**
 * Policies attached to the objects that handled a request (GEP-713 policy attachment), which the
 * model does not evaluate: each is named in `notModeled`. Internal.
 */
import { id, K8sObject, ns, ObjectSet } from './objects';
import { Draft, notModeled } from './outcome';

/** Kinds whose effect the model computes, or that are not policies. */
const MODELED = new Set(['BackendTLSPolicy', 'ReferenceGrant']);

function refs(o: K8sObject): any[] {
  const spec = o.spec ?? {};
  return [...(Array.isArray(spec.targetRefs) ? spec.targetRefs : []), ...(spec.targetRef ? [spec.targetRef] : [])];
}

/**
 * Names every policy (an object with `spec.targetRef` or `spec.targetRefs`, in the target's
 * namespace) that targets one of the request's objects: the Gateway or ListenerSet (or the listener
 * by `sectionName`), the route (or the rule by `sectionName`), the backend Services (or the port).
 */
export function notePolicies(objects: ObjectSet, d: Draft): void {
  if (!d.targets.length) return;
  const index = objects.cached('policies', () => indexPolicies(objects));
  const found = new Set<string>();
  for (const t of d.targets) {
    for (const { policy, ref } of index.get(`${t.kind} ${t.namespace}/${t.name}`) ?? []) {
      if (ref.sectionName && ref.sectionName !== t.sectionName) continue;
      found.add(`${policy.kind} ${id(policy)} targets ${t.kind} ${t.namespace}/${t.name}${ref.sectionName ? ` section ${ref.sectionName}` : ''}: its effect is not modeled`);
    }
  }
  for (const f of [...found].sort()) notModeled(d, f);
}

/** Policies by `Kind namespace/name` of their targets (a policy targets objects in its own namespace). */
function indexPolicies(objects: ObjectSet): Map<string, { policy: K8sObject; ref: any }[]> {
  const index = new Map<string, { policy: K8sObject; ref: any }[]>();
  for (const policy of objects.objects) {
    if (MODELED.has(policy.kind)) continue;
    for (const ref of refs(policy)) {
      const key = `${ref.kind} ${ns(policy)}/${ref.name}`;
      index.set(key, [...(index.get(key) ?? []), { policy, ref }]);
    }
  }
  return index;
}
