import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ReferenceGrant, ReferenceGrantFrom, ReferenceGrantTo } from './reference-grant';
import { throwAt } from '../core/errors';
import { shortName } from '../core/names';

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
    validate: () => (findAllowingGrant(source.node.root, ref) ? [] : [
      `${ref.description} is in namespace "${ref.toNamespace}" but no ReferenceGrant there lets ${ref.fromKind} from namespace "${ref.fromNamespace}" refer to it; add a ReferenceGrant (or leave createReferenceGrants on)`,
    ]),
  });
}

function grantName(ref: CrossNamespaceReference): string {
  const parts = [ref.fromKind, ref.fromNamespace!, 'to', ref.toKind, ref.toName];
  if (ref.toGroup !== '') parts.push(ref.toGroup);
  return shortName(parts.join('-').toLowerCase().replace(/[^a-z0-9-]/g, '-'), 63, parts);
}

function ensureGrant(source: IConstruct, ref: CrossNamespaceReference): ReferenceGrant {
  const chart = Chart.of(source);
  const container = (chart.node.tryFindChild(CONTAINER_ID) as Construct | undefined) ?? new Construct(chart, CONTAINER_ID);
  const name = grantName(ref);
  const id = `${ref.toNamespace}.${name}`;
  const existing = container.node.tryFindChild(id) as ReferenceGrant | undefined;
  if (existing) {
    return existing;
  }
  return new ReferenceGrant(container, id, {
    metadata: { name, namespace: ref.toNamespace },
    allowFrom: [ReferenceGrantFrom.of(ref.fromGroup, ref.fromKind, ref.fromNamespace!)],
    allowTo: [ReferenceGrantTo.of(ref.toGroup, ref.toKind, ref.toName)],
  });
}

function findAllowingGrant(root: IConstruct, ref: CrossNamespaceReference): boolean {
  return root.node.findAll().some(c => c instanceof ReferenceGrant
    && c.namespace === ref.toNamespace
    && c.allows(ref.fromGroup, ref.fromKind, ref.fromNamespace!, ref.toGroup, ref.toKind, ref.toName));
}
