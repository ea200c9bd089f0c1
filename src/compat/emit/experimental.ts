/**
 * The Experimental-channel rule fields that reproduce ingress-nginx behaviours the standard
 * profile otherwise reports: `rules[].retry` for `proxy-next-upstream*` (ingress-nginx
 * `template.go` `buildNextUpstream`) and `rules[].sessionPersistence` for `affinity: cookie`
 * (`annotations/sessionaffinity/main.go`, `rootfs/etc/nginx/lua/balancer/sticky.lua`).
 *
 * Only the standard profile uses them: Envoy Gateway's BackendTrafficPolicy says more (cookie
 * attributes, retry conditions), and NGINX Gateway Fabric v2.6 refuses both fields
 * (`internal/controller/state/graph/httproute.go`). Both fields exist with the same shape in the
 * Experimental CRDs of Gateway API v1.5.1 and v1.6.1 (`sessionPersistence.idleTimeout`, which
 * v1.6.1 dropped, is never set). Internal.
 */
import { RuleContext, notice } from './context';
import { RetryCondition } from '../../profiles/behaviors';
import { CookieLifetimeType, HttpRouteRetry, HttpRouteSessionPersistence, SessionPersistenceType } from '../../routes/http-route-experimental';
import { IngressFeatures } from '../features';
import { IngressModel } from '../model';
import { NoticeStatus } from '../notices';

/** The fields added to each backend rule of an Ingress. */
export interface ExperimentalRuleFields {
  readonly retry?: HttpRouteRetry;
  readonly sessionPersistence?: HttpRouteSessionPersistence;
}

/** The `BehaviorSet` fields these rule fields carry (left out of the profile's set). */
export const EXPERIMENTAL_RULE_BEHAVIORS = ['retries', 'cookieAffinity'] as const;

/** The status code of each `http_NNN` condition of `proxy-next-upstream`. */
const STATUS_OF: ReadonlyMap<RetryCondition, number> = new Map([
  [RetryCondition.HTTP_403, 403],
  [RetryCondition.HTTP_404, 404],
  [RetryCondition.HTTP_429, 429],
  [RetryCondition.HTTP_500, 500],
  [RetryCondition.HTTP_502, 502],
  [RetryCondition.HTTP_503, 503],
  [RetryCondition.HTTP_504, 504],
]);

/** The `retry` of a rule for ingress-nginx's retries (undefined: a single try, which Gateway API cannot state). */
export function retryOf(tries: number, conditions: readonly RetryCondition[]): HttpRouteRetry | undefined {
  if (tries <= 1 || conditions.length === 0) return undefined;
  const codes = conditions.map(c => STATUS_OF.get(c)).filter((c): c is number => c !== undefined).sort((a, b) => a - b);
  return { attempts: tries - 1, ...(codes.length > 0 ? { codes } : {}) };
}

/**
 * The rule fields of a backend rule of `owner` (none unless `ctx.experimentalRules`), with the
 * notices of the annotation keys they come from (set once per Ingress: the first rule decides).
 */
export function experimentalRuleFields(ctx: RuleContext, owner: IngressModel, features: IngressFeatures): ExperimentalRuleFields {
  if (!ctx.experimentalRules) return {};
  return { ...retryField(ctx, owner, features), ...affinityField(ctx, owner, features) };
}

/**
 * The notices of an Ingress whose location `path` is a canary split: `CanarySplit` adds its rules
 * whole, so they carry neither field (first notice wins, as for the other rules).
 */
export function canaryRuleFieldsNotice(ctx: RuleContext, owner: IngressModel, features: IngressFeatures, path: string): void {
  if (!ctx.experimentalRules) return;
  for (const field of EXPERIMENTAL_RULE_BEHAVIORS) {
    const what = field === 'retries' ? 'rules[].retry' : 'rules[].sessionPersistence';
    for (const key of sourcesOf(features, field)) {
      notice(ctx.log, owner, key, NoticeStatus.APPROXIMATE, `the canary split rules of path ${path} carry no ${what} (CanarySplit adds its rules whole); any other backend rule of the Ingress carries it`);
    }
  }
}

function sourcesOf(features: IngressFeatures, field: typeof EXPERIMENTAL_RULE_BEHAVIORS[number]): string[] {
  return features.behaviorSources.get(field) ?? [];
}

function retryField(ctx: RuleContext, owner: IngressModel, features: IngressFeatures): ExperimentalRuleFields {
  const r = features.behaviors.retries;
  if (r === undefined) return {};
  const tries = r.tries ?? 3;
  const conditions = r.conditions ?? [RetryCondition.ERROR, RetryCondition.TIMEOUT];
  const retry = retryOf(tries, conditions);
  for (const key of sourcesOf(features, 'retries')) {
    if (retry === undefined) {
      notice(ctx.log, owner, key, NoticeStatus.APPROXIMATE, 'a single try: no rules[].retry is emitted (its attempts is at least 1, so Gateway API cannot say "never retry"), and the implementation\'s default applies (Envoy-based ones do not retry)');
    } else if (key === 'proxy-next-upstream-tries') {
      notice(ctx.log, owner, key, NoticeStatus.TRANSLATED, `${tries} tries in all: rules[].retry attempts ${retry.attempts}`);
    } else {
      const codes = retry.codes ? ` and codes ${retry.codes.join(', ')}` : '';
      notice(ctx.log, owner, key, NoticeStatus.APPROXIMATE, `rules[].retry attempts ${retry.attempts}${codes}: Gateway API implementations retry connection errors and the listed statuses; whether a timed-out or invalid response is retried, whether non-idempotent requests are, and the backoff between tries (nginx retries at once) are the implementation's`);
    }
  }
  return retry === undefined ? {} : { retry };
}

function affinityField(ctx: RuleContext, owner: IngressModel, features: IngressFeatures): ExperimentalRuleFields {
  const a = features.behaviors.cookieAffinity;
  if (a === undefined) return {};
  const name = a.cookieName ?? 'INGRESSCOOKIE';
  const lifetime = a.maxAge;
  const sessionPersistence: HttpRouteSessionPersistence = {
    type: SessionPersistenceType.COOKIE,
    sessionName: name,
    cookieLifetime: lifetime === undefined ? CookieLifetimeType.SESSION : CookieLifetimeType.PERMANENT,
    ...(lifetime === undefined ? {} : { absoluteTimeout: lifetime }),
  };
  const seconds = lifetime?.toSeconds();
  const both = owner.nginx.has('session-cookie-max-age') && owner.nginx.has('session-cookie-expires');
  for (const key of sourcesOf(features, 'cookieAffinity')) {
    switch (key) {
      case 'affinity':
        notice(ctx.log, owner, key, NoticeStatus.APPROXIMATE, `sticky sessions with cookie ${name}, issued by the Gateway and naming the endpoint (rules[].sessionPersistence type Cookie); the cookie's Path, HttpOnly and Secure attributes are the implementation's (nginx: Path = the Ingress path, HttpOnly, Secure on HTTPS), and how sessions move when endpoints change (affinity-mode) too`);
        break;
      case 'session-cookie-name':
        notice(ctx.log, owner, key, NoticeStatus.TRANSLATED, `rules[].sessionPersistence sessionName ${name}`);
        break;
      case 'session-cookie-expires':
      case 'session-cookie-max-age':
        if (both && key === 'session-cookie-expires') {
          notice(ctx.log, owner, key, NoticeStatus.APPROXIMATE, `session-cookie-max-age sets the lifetime (${seconds} s; browsers honour Max-Age over Expires), and Gateway API has one lifetime (absoluteTimeout)`);
        } else {
          notice(ctx.log, owner, key, NoticeStatus.TRANSLATED, `a cookie of ${seconds} s: rules[].sessionPersistence cookieConfig.lifetimeType Permanent, absoluteTimeout ${seconds}s`);
        }
        break;
      default:
        notice(ctx.log, owner, key, NoticeStatus.UNSUPPORTED, 'Gateway API session persistence has no cookie attributes (the implementation sets Path); the affinity itself is kept: remove the annotation, or use the envoy-gateway profile (cookie attributes)');
    }
  }
  return { sessionPersistence };
}

