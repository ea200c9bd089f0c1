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
import { HTTPS_ROUTES, notice } from './context';
import { extraBehaviors } from './extra-behaviors';
import { ProfileName } from '../../profiles/verdicts';

const STATUS: Readonly<Record<Fidelity, NoticeStatus>> = {
  [Fidelity.EXACT]: NoticeStatus.TRANSLATED,
  [Fidelity.APPROXIMATE]: NoticeStatus.APPROXIMATE,
  [Fidelity.UNSUPPORTED]: NoticeStatus.UNSUPPORTED,
};

/** The fields of a behaviour set that came from annotations (not from the defaults), with the extra behaviours' fields. */
function annotatedBehaviors(features: IngressFeatures, extra: BehaviorSet): BehaviorSet {
  const out: Record<string, unknown> = {};
  for (const [field, keys] of features.behaviorSources) {
    if (keys.length > 0 && features.behaviors[field] !== undefined) out[field] = features.behaviors[field];
  }
  return { ...out, ...extra } as BehaviorSet;
}

/**
 * Reproduces the behaviours an Ingress's annotations ask for on its route with the profile, and
 * turns each verdict into the notice of the annotation keys it came from.
 */
export function applyIngressBehaviors(scope: Construct, profile: ImplementationProfile, ingress: IngressModel, features: IngressFeatures,
  target: IPolicyTarget, log: NoticeLog): void {
  const extra = extraBehaviors(ingress, features, HTTPS_ROUTES.has(target as unknown as Construct), profile.name, log);
  const set = annotatedBehaviors(features, extra.set);
  retryBudgetNotice(profile, ingress, features, log);
  if (Object.keys(set).length === 0) return;
  const sourcesOf = (field: keyof BehaviorSet) => features.behaviorSources.get(field) ?? extra.sources.get(field) ?? [];
  const services = ingress.rules.flatMap(r => r.paths).map(p => p.backend.service?.name).filter((n): n is string => n !== undefined);
  const unique = [...new Set(services)].sort();
  const result = profile.apply(scope, `Behaviors-${ingress.id}`, target, set, { services: unique.map(n => PolicyTarget.fromServiceName(n)) });
  for (const v of result.verdicts) {
    const field = BEHAVIOR_FIELDS.find(([b]) => b === v.behavior)?.[1];
    const keys = [...sourcesOf(field!), ...(v.behavior === 'idle-timeouts' ? sourcesOf('sendTimeout') : [])];
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

/**
 * `proxy-next-upstream-timeout` on Envoy Gateway: nginx stops passing a request to the next
 * endpoint once this time has passed since the first try, and never cuts a try short
 * (`proxy_next_upstream_timeout`); Envoy can only bound each try or the whole request, which
 * would abort slow responses nginx serves. With retries off it has no effect.
 */
function retryBudgetNotice(profile: ImplementationProfile, ingress: IngressModel, features: IngressFeatures, log: NoticeLog): void {
  const value = ingress.nginx.get('proxy-next-upstream-timeout')?.trim();
  if (value === undefined || value === '0' || !/^[0-9]+$/.test(value)) return;
  const r = features.behaviors.retries;
  if (r !== undefined && ((r.tries ?? 3) === 1 || (r.conditions ?? []).length === 0)) {
    notice(log, ingress, 'proxy-next-upstream-timeout', NoticeStatus.TRANSLATED, 'no effect: this Ingress makes a single try (proxy-next-upstream off or proxy-next-upstream-tries 1), as in ingress-nginx; nothing emitted');
    return;
  }
  if (profile.name !== ProfileName.ENVOY_GATEWAY) return;
  notice(log, ingress, 'proxy-next-upstream-timeout', NoticeStatus.UNSUPPORTED, `${value} s: nginx stops starting new tries once ${value} s have passed and never cuts a try short; Envoy Gateway bounds each try (retry.perRetry.timeout) or the whole request (timeout.http.requestTimeout), either of which would abort slow responses nginx serves, so nothing is emitted and retries stop after proxy-next-upstream-tries only; bound the tries with proxy-next-upstream-tries`);
}

function describe(v: BehaviorVerdict): string {
  const how = v.emits === '-' ? '' : `${v.emits}`;
  if (v.fidelity === Fidelity.EXACT) return `${how} on ${v.target}`;
  return `${v.note}${how ? ` (${how})` : ''}`;
}
