/**
 * ReferenceGrant coverage. Internal.
 */
import { K8sObject, ns, ObjectRef, ObjectSet } from './objects';

/**
 * Whether a reference from `from` to `to` is allowed: same namespace, or a ReferenceGrant in
 * `to.namespace` lists `from` (group, kind, namespace) and `to` (group, kind, and name when the
 * grant names one), as the ReferenceGrant `from` and `to` field docs say (GEP-709).
 */
export function referenceAllowed(objects: ObjectSet, from: ObjectRef, to: ObjectRef): boolean {
  if (from.namespace === to.namespace) return true;
  return objects.all('ReferenceGrant').some((g: K8sObject) => ns(g) === to.namespace
    && (g.spec?.from ?? []).some((f: any) => f.group === from.group && f.kind === from.kind && f.namespace === from.namespace)
    && (g.spec?.to ?? []).some((t: any) => (t.group ?? '') === to.group && t.kind === to.kind && (!t.name || t.name === to.name)));
}
