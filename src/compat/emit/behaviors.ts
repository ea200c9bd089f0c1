import { Construct } from 'constructs';
import { IPolicyTarget } from '../../core/references';
import { PolicyTarget } from '../../policies/policy';
import { BehaviorSet, Fidelity } from '../../profiles/behaviors';
import { ImplementationProfile } from '../../profiles/profile';
import { BehaviorVerdict } from '../../profiles/results';
import { BEHAVIOR_FIELDS } from '../../profiles/standard-profile';
import { IngressFeatures } from '../features';
import { IngressModel } from '../model';
import { NoticeLog } from '../notice-log';
import { NoticeStatus } from '../notices';
import { notice } from './context';

const STATUS: Readonly<Record<Fidelity, NoticeStatus>> = {
  [Fidelity.EXACT]: NoticeStatus.TRANSLATED,
  [Fidelity.APPROXIMATE]: NoticeStatus.APPROXIMATE,
  [Fidelity.UNSUPPORTED]: NoticeStatus.UNSUPPORTED,
};

/** The fields of a behaviour set that came from annotations (not from the defaults). */
function annotatedBehaviors(features: IngressFeatures): BehaviorSet {
  const out: Record<string, unknown> = {};
  for (const [field, keys] of features.behaviorSources) {
    if (keys.length > 0 && features.behaviors[field] !== undefined) out[field] = features.behaviors[field];
  }
  return out as BehaviorSet;
}

/**
 * Reproduces the behaviours an Ingress's annotations ask for on its route with the profile, and
 * turns each verdict into the notice of the annotation keys it came from.
 */
export function applyIngressBehaviors(scope: Construct, profile: ImplementationProfile, ingress: IngressModel, features: IngressFeatures,
  target: IPolicyTarget, log: NoticeLog): void {
  const set = annotatedBehaviors(features);
  if (Object.keys(set).length === 0) return;
  const services = ingress.rules.flatMap(r => r.paths).map(p => p.backend.service?.name).filter((n): n is string => n !== undefined);
  const unique = [...new Set(services)].sort();
  const result = profile.apply(scope, `Behaviors-${ingress.id}`, target, set, { services: unique.map(n => PolicyTarget.fromServiceName(n)) });
  for (const v of result.verdicts) {
    const field = BEHAVIOR_FIELDS.find(([b]) => b === v.behavior)?.[1];
    const keys = [...(features.behaviorSources.get(field!) ?? []), ...(v.behavior === 'idle-timeouts' ? features.behaviorSources.get('sendTimeout') ?? [] : [])];
    for (const key of new Set(keys)) notice(log, ingress, key, STATUS[v.fidelity], describe(v));
  }
}

/** The Gateway-level defaults (ingress-nginx's defaults with the ConfigMap), with their verdicts as notices about the Gateway. */
export function applyDefaultBehaviors(scope: Construct, profile: ImplementationProfile, gatewayId: string, target: IPolicyTarget,
  set: BehaviorSet, log: NoticeLog): void {
  const result = profile.apply(scope, 'Defaults', target, set);
  for (const v of result.verdicts) {
    if (v.fidelity === Fidelity.EXACT) continue;
    log.append({ ingress: gatewayId, status: STATUS[v.fidelity], message: `ingress-nginx default ${v.behavior}: ${describe(v)}` });
  }
}

function describe(v: BehaviorVerdict): string {
  const how = v.emits === '-' ? '' : `${v.emits}`;
  if (v.fidelity === Fidelity.EXACT) return `${how} on ${v.target}`;
  return `${v.note}${how ? ` (${how})` : ''}`;
}
