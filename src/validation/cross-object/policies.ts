import { Code } from './codes';
import { describe, ObjectIndex } from './object-index';

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
    for (const ref of policy.targetRefs ?? []) {
      const { group, kind, name } = ref;
      const path = `spec.targetRefs[${ref.index}]`;
      const target = ix.get(group, kind, policy.namespace, name);
      if (!target) {
        if (ix.hasKindIn(group, kind, policy.namespace) && !ix.isAmbiguous(group, kind, policy.namespace, name)) {
          ix.report(policy, path, Code.POLICY_TARGET_NOT_FOUND, 'warning',
            `target ${describe(kind, policy.namespace, name)} is not among the objects, which define other ${kind}s ${policy.namespace !== undefined ? `in namespace "${policy.namespace}"` : 'without a namespace'}; check the name (a policy targets objects of its own namespace)`);
        }
        continue;
      }
      const section = ref.sectionName;
      if (section === undefined || group !== '' || kind !== 'Service') continue;
      const ports = target.portNames ?? [];
      if (!ports.includes(section)) {
        ix.report(policy, `${path}.sectionName`, Code.POLICY_SECTION_NOT_FOUND, 'error',
          `${describe(kind, target.namespace, name)} has no port named "${section}" (${ports.length > 0 ? `ports: ${ports.join(', ')}` : 'its ports have no names'}); the policy applies to nothing`);
      }
    }
  }
}
