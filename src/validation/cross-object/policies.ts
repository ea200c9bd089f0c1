import { Code } from './codes';
import { arr, describe, isObject, ObjectIndex, str, strOrEmpty } from './object-index';

/*
 * BackendTLSPolicy targets (GEP-713 policy attachment: targets in the policy's namespace). A
 * target missing from the input is reported when the input defines other objects of its kind
 * in that namespace (otherwise it is assumed to be managed elsewhere); a Service target's
 * `sectionName` must name one of its ports.
 */

/**
 * Checks the `spec.targetRefs` of every BackendTLSPolicy.
 * @internal
 */
export function checkPolicyTargets(ix: ObjectIndex): void {
  for (const policy of ix.ofKind('BackendTLSPolicy')) {
    arr(policy.spec.targetRefs).forEach((ref, i) => {
      if (!isObject(ref)) return;
      const group = strOrEmpty(ref.group) ?? '';
      const kind = str(ref.kind);
      const name = str(ref.name);
      if (kind === undefined || name === undefined) return;
      const path = `spec.targetRefs[${i}]`;
      const target = ix.get(group, kind, policy.namespace, name);
      if (!target) {
        if (ix.hasKindIn(group, kind, policy.namespace) && !ix.isAmbiguous(group, kind, policy.namespace, name)) {
          ix.report(policy, path, Code.POLICY_TARGET_NOT_FOUND, 'warning',
            `target ${describe(kind, policy.namespace, name)} is not among the objects, which define other ${kind}s ${policy.namespace !== undefined ? `in namespace "${policy.namespace}"` : 'without a namespace'}; check the name (a policy targets objects of its own namespace)`);
        }
        return;
      }
      const section = str(ref.sectionName);
      if (section === undefined || group !== '' || kind !== 'Service') return;
      const ports = arr(target.spec.ports).filter(isObject).map(p => str(p.name)).filter((n): n is string => n !== undefined);
      if (!ports.includes(section)) {
        ix.report(policy, `${path}.sectionName`, Code.POLICY_SECTION_NOT_FOUND, 'error',
          `${describe(kind, target.namespace, name)} has no port named "${section}" (${ports.length > 0 ? `ports: ${ports.join(', ')}` : 'its ports have no names'}); the policy applies to nothing`);
      }
    });
  }
}
