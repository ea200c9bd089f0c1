import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { HTTPS_ROUTES, notice } from './context';
import { EXPERIMENTAL_RULE_BEHAVIORS, retryOf } from './experimental';
import { extraBehaviors } from './extra-behaviors';
import { toNginxDuration } from '../../core/duration';
import { IPolicyTarget } from '../../core/references';
import { sizeInBytes, toNginxSize } from '../../core/size';
import { PolicyTarget } from '../../policies/policy';
import { BehaviorSet, Fidelity } from '../../profiles/behaviors';
import { ImplementationProfile } from '../../profiles/profile';
import { BehaviorVerdict, ProfileResult } from '../../profiles/results';
import { BEHAVIOR_FIELDS } from '../../profiles/standard-profile';
import { ProfileName } from '../../profiles/verdicts';
import { IngressFeatures } from '../features';
import { IngressModel } from '../model';
import { NoticeLog } from '../notice-log';
import { NoticeStatus } from '../notices';

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

/** The set without the behaviours the rules carry as Experimental-channel fields (see experimental.ts). */
function withoutRuleFields(set: BehaviorSet, experimentalRules: boolean): BehaviorSet {
  if (!experimentalRules) return set;
  const out: Record<string, unknown> = { ...set };
  for (const field of EXPERIMENTAL_RULE_BEHAVIORS) delete out[field];
  return out as BehaviorSet;
}

/**
 * Reproduces the behaviours an Ingress's annotations ask for on its route with the profile, and
 * turns each verdict into the notice of the annotation keys it came from. With
 * `experimentalRules`, retries and cookie affinity are left to the rules' own fields.
 */
export function applyIngressBehaviors(scope: Construct, profile: ImplementationProfile, ingress: IngressModel, features: IngressFeatures,
  target: IPolicyTarget, log: NoticeLog, experimentalRules = false): void {
  const extra = extraBehaviors(ingress, features, HTTPS_ROUTES.has(target as unknown as Construct), profile.name, log);
  const sourcesOf = (field: keyof BehaviorSet) => features.behaviorSources.get(field) ?? extra.sources.get(field) ?? [];
  const annotated = withoutRuleFields(annotatedBehaviors(features, extra.set), experimentalRules);
  const set = profile.name === ProfileName.NGINX_GATEWAY_FABRIC ? nginxValues(annotated, ingress, sourcesOf, log) : annotated;
  retryBudgetNotice(profile, ingress, features, log);
  if (Object.keys(set).length === 0) return;
  const services = ingress.rules.flatMap(r => r.paths).map(p => p.backend.service?.name).filter((n): n is string => n !== undefined);
  const unique = [...new Set(services)].sort();
  const before = new Set(scope.node.children);
  let result: ProfileResult;
  try {
    result = profile.apply(scope, `Behaviors-${ingress.id}`, target, set, { services: unique.map(n => PolicyTarget.fromServiceName(n)) });
  } catch (e) {
    // A value the profile's policies cannot hold (an nginx form of at most 4 digits, a 32-bit
    // field): nothing is emitted for the behaviours of this Ingress, and each key says why.
    for (const child of scope.node.children) if (!before.has(child)) scope.node.tryRemoveChild(child.node.id);
    const reason = (e as Error).message.replace(/^\S+ [^:]+: /, '');
    for (const field of Object.keys(set) as Array<keyof BehaviorSet>) {
      for (const key of sourcesOf(field)) {
        notice(log, ingress, key, NoticeStatus.UNSUPPORTED, `the ${profile.name} profile's policies cannot hold the behaviours of this Ingress (${reason}); none is emitted for it: change the value at fault`);
      }
    }
    return;
  }
  for (const v of result.verdicts) {
    const field = BEHAVIOR_FIELDS.find(([b]) => b === v.behavior)?.[1];
    const keys = [...sourcesOf(field!), ...(v.behavior === 'idle-timeouts' ? sourcesOf('sendTimeout') : [])];
    for (const key of new Set(keys)) notice(log, ingress, key, STATUS[v.fidelity], describe(v));
  }
}

const TIMEOUT_FIELDS = ['connectTimeout', 'readTimeout', 'sendTimeout'] as const;

/**
 * NGINX Gateway Fabric's policies take positive nginx durations and sizes of at most 4 digits
 * and one unit: a timeout or body size that needs more (86401 s, 100000 bytes) is rounded up to
 * the nearest one they can write (1441m, 98k), with an approximate notice on the annotation it
 * came from; a zero timeout is left out, with an unsupported notice.
 */
function nginxValues(set: BehaviorSet, ingress: IngressModel, sourcesOf: (field: keyof BehaviorSet) => readonly string[],
  log: NoticeLog): BehaviorSet {
  const out: Record<string, unknown> = { ...set };
  for (const field of TIMEOUT_FIELDS) {
    const d = set[field];
    if (d === undefined) continue;
    const ms = Math.ceil(d.toMilliseconds({ integral: false }));
    if (ms === 0) {
      delete out[field];
      for (const key of sourcesOf(field)) {
        notice(log, ingress, key, NoticeStatus.UNSUPPORTED, 'a zero timeout makes nginx time out at once (every request fails), and NGINX Gateway Fabric\'s policies refuse it; nothing emitted (its default applies): set a positive timeout');
      }
      continue;
    }
    if (toNginxDuration(d).value !== undefined) continue;
    const unit = ([['s', 1000], ['m', 60_000], ['h', 3_600_000]] as const).find(([, u]) => Math.ceil(ms / u) <= 9999);
    if (unit === undefined) continue; // above 9999h: the profile reports it
    const rounded = Math.ceil(ms / unit[1]);
    out[field] = Duration.millis(rounded * unit[1]);
    for (const key of sourcesOf(field)) {
      notice(log, ingress, key, NoticeStatus.APPROXIMATE, `${ms / 1000} s is rounded up to ${rounded}${unit[0]}: NGINX Gateway Fabric's policies take nginx durations of at most 4 digits and one unit (ProxySettingsPolicy spec.timeout)`);
    }
  }
  const body = set.bodySizeLimit;
  const bytes = body === undefined ? undefined : sizeInBytes(body).bytes;
  if (body !== undefined && bytes !== undefined && bytes > 0 && toNginxSize(body).value === undefined) {
    const unit = ([['k', 1024], ['m', 1024 ** 2], ['g', 1024 ** 3]] as const).find(([, u]) => Math.ceil(bytes / u) <= 9999);
    if (unit !== undefined) {
      const rounded = Math.ceil(bytes / unit[1]);
      out.bodySizeLimit = Size.kibibytes(rounded * unit[1] / 1024);
      for (const key of sourcesOf('bodySizeLimit')) {
        notice(log, ingress, key, NoticeStatus.APPROXIMATE, `${bytes} bytes is rounded up to ${rounded}${unit[0]}: NGINX Gateway Fabric's ClientSettingsPolicy takes nginx sizes of at most 4 digits and one unit`);
      }
    }
  }
  return out as BehaviorSet;
}

/**
 * The Gateway-level defaults (ingress-nginx's defaults with the ConfigMap), with their verdicts
 * as notices about the Gateway. With `experimentalRules`, the default retries are carried by
 * each backend rule's `retry` instead.
 */
export function applyDefaultBehaviors(scope: Construct, profile: ImplementationProfile, gatewayId: string, target: IPolicyTarget,
  set: BehaviorSet, log: NoticeLog, experimentalRules = false): void {
  if (experimentalRules && set.retries !== undefined) {
    const r = set.retries;
    const retry = retryOf(r.tries ?? 3, r.conditions ?? []);
    log.append({
      ingress: gatewayId,
      status: NoticeStatus.APPROXIMATE,
      message: retry === undefined
        ? 'ingress-nginx default retries: a single try (ConfigMap); no rules[].retry is emitted and the implementation\'s default applies'
        : `ingress-nginx default retries: rules[].retry attempts ${retry.attempts}${retry.codes ? ` and codes ${retry.codes.join(', ')}` : ''} on every backend rule of an Ingress without retry annotations (canary split rules aside); timeouts, non-idempotent requests and the backoff are the implementation's`,
    });
  }
  const result = profile.apply(scope, 'Defaults', target, withoutRuleFields(set, experimentalRules));
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
