import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ReferenceGrant, ReferenceGrantFrom, ReferenceGrantTo } from './reference-grant';
import { throwAt } from '../core/errors';
import { safeName } from '../core/names';
import { reportedFinding } from '../validation/construct-findings';

/**
 * One cross-namespace reference that needs a ReferenceGrant in the target namespace.
 * @internal
 */
export interface CrossNamespaceReference {
  readonly fromGroup: string;
  readonly fromKind: string;
  readonly fromNamespace?: string;
  readonly toGroup: string;
  readonly toKind: string;
  readonly toName: string;
  readonly toNamespace: string;
  /** What the reference is, for messages: `backend Service "pay/payments"`. */
  readonly description: string;
}

const CONTAINER_ID = 'GatewayApiReferenceGrants';

/**
 * Makes a cross-namespace reference legal.
 *
 * With `create` (the default of every construct), a ReferenceGrant scoped to exactly this
 * from-kind/namespace and this one target object is added to the chart (once per distinct
 * reference). Without it, a synth-time validation on `source` fails unless some
 * ReferenceGrant in the app allows the reference.
 * @internal
 */
export function requireReferenceGrant(source: IConstruct, ref: CrossNamespaceReference, create: boolean): void {
  if (ref.fromNamespace === undefined) {
    throwAt(source, ref.fromKind, `${ref.description} is in namespace "${ref.toNamespace}" but this ${ref.fromKind} has no namespace, so no ReferenceGrant can name it; set metadata.namespace or the chart's namespace`);
  }
  if (ref.fromNamespace === ref.toNamespace) {
    return;
  }
  if (create) {
    ensureGrant(source, ref);
    return;
  }
  source.node.addValidation({
    validate: () => {
      if (findAllowingGrant(source.node.root, ref)) return [];
      const message = `${ref.description} is in namespace "${ref.toNamespace}" but no ReferenceGrant there lets ${ref.fromKind} from namespace "${ref.fromNamespace}" refer to it; add a ReferenceGrant (or leave createReferenceGrants on)`;
      const obj = source.node.tryFindChild('Resource');
      return [obj !== undefined && ApiObject.isApiObject(obj) ? reportedFinding(obj, { code: 'reference-not-granted' }, message) : message];
    },
  });
}

/**
 * `httproute-web-to-service-api`: readable when that form can only come from this reference
 * (core-group target, no "-to-" inside the namespace, at most 63 characters); otherwise
 * sanitized and suffixed with a hash of the exact reference, so distinct references never
 * share a name.
 */
function grantName(ref: CrossNamespaceReference): string {
  const parts = [ref.fromGroup, ref.fromKind, ref.fromNamespace!, ref.toGroup, ref.toKind, ref.toName];
  const readable = `${ref.fromKind}-${ref.fromNamespace}-to-${ref.toKind}-${ref.toName}`.toLowerCase();
  const unambiguous = ref.toGroup === '' && /^[A-Za-z0-9]+$/.test(ref.fromKind) && /^[A-Za-z0-9]+$/.test(ref.toKind)
    && !ref.fromNamespace!.includes('-to-');
  return unambiguous ? safeName(readable, 63, parts) : safeName(`${readable}-${ref.toGroup}`, 63, parts, true);
}

/** The grants created so far in an app, by `namespace/name` (one object per grant app-wide). */
const created = new WeakMap<IConstruct, Map<string, ReferenceGrant>>();

/**
 * The grant for `ref`, created in the chart of the first construct that needs it; later
 * references (from any chart of the app) reuse it, so the app never emits the same
 * ReferenceGrant twice.
 */
function ensureGrant(source: IConstruct, ref: CrossNamespaceReference): ReferenceGrant {
  const root = source.node.root;
  const grants = created.get(root) ?? new Map<string, ReferenceGrant>();
  created.set(root, grants);
  const name = grantName(ref);
  const key = `${ref.toNamespace}/${name}`;
  const existing = grants.get(key);
  if (existing) {
    if (!existing.allows(ref.fromGroup, ref.fromKind, ref.fromNamespace!, ref.toGroup, ref.toKind, ref.toName)) {
      throwAt(source, ref.fromKind, `the generated ReferenceGrant name "${key}" for ${ref.description} is already used by another grant; create the ReferenceGrant yourself and pass createReferenceGrants: false`);
    }
    return existing;
  }
  const chart = Chart.of(source);
  const container = (chart.node.tryFindChild(CONTAINER_ID) as Construct | undefined) ?? new Construct(chart, CONTAINER_ID);
  const grant = new ReferenceGrant(container, key.replace('/', '.'), {
    metadata: { name, namespace: ref.toNamespace },
    allowFrom: [ReferenceGrantFrom.of(ref.fromGroup, ref.fromKind, ref.fromNamespace!)],
    allowTo: [ReferenceGrantTo.of(ref.toGroup, ref.toKind, ref.toName)],
  });
  grants.set(key, grant);
  return grant;
}

function findAllowingGrant(root: IConstruct, ref: CrossNamespaceReference): boolean {
  return root.node.findAll().some(c => c instanceof ReferenceGrant
    && c.namespace === ref.toNamespace
    && c.allows(ref.fromGroup, ref.fromKind, ref.fromNamespace!, ref.toGroup, ref.toKind, ref.toName));
}
