import { ApplyContext, TargetShape, hstsValue } from './apply-context';
import { Behavior, BehaviorSet, Fidelity } from './behaviors';

/** The fields of a behaviour set, in `Behavior` order. */
export const BEHAVIOR_FIELDS: ReadonlyArray<[Behavior, keyof BehaviorSet]> = [
  [Behavior.BODY_SIZE_LIMIT, 'bodySizeLimit'],
  [Behavior.CONNECT_TIMEOUT, 'connectTimeout'],
  [Behavior.IDLE_TIMEOUTS, 'readTimeout'],
  [Behavior.REQUEST_TIMEOUT, 'requestTimeout'],
  [Behavior.RETRIES, 'retries'],
  [Behavior.LOAD_BALANCING, 'loadBalancing'],
  [Behavior.HASH_KEY, 'hashKey'],
  [Behavior.COOKIE_AFFINITY, 'cookieAffinity'],
  [Behavior.IP_ALLOW_LIST, 'ipAllowList'],
  [Behavior.IP_DENY_LIST, 'ipDenyList'],
  [Behavior.RATE_LIMIT, 'rateLimit'],
  [Behavior.CONNECTION_LIMIT, 'connectionLimit'],
  [Behavior.BASIC_AUTH, 'basicAuth'],
  [Behavior.EXTERNAL_AUTH, 'externalAuth'],
  [Behavior.AUTH_SIGNIN, 'authSignin'],
  [Behavior.CAPTURE_GROUP_REWRITE, 'captureGroupRewrite'],
  [Behavior.CUSTOM_ERROR_PAGES, 'customErrorPages'],
  [Behavior.HSTS, 'hsts'],
  [Behavior.REQUEST_ID, 'requestId'],
  [Behavior.PROXY_BUFFERING, 'proxyBuffering'],
  [Behavior.BACKEND_HTTPS_WITHOUT_VERIFICATION, 'backendHttpsWithoutVerification'],
  [Behavior.SERVICE_UPSTREAM, 'serviceUpstream'],
  [Behavior.BANDWIDTH_LIMIT, 'bandwidthLimit'],
  [Behavior.PROXY_BUFFERS, 'proxyBuffers'],
];

/** The behaviours a set gives (idle timeouts: read or send). */
export function givenBehaviors(set: BehaviorSet): Behavior[] {
  return BEHAVIOR_FIELDS
    .filter(([b, field]) => set[field] !== undefined || (b === Behavior.IDLE_TIMEOUTS && set.sendTimeout !== undefined))
    .map(([b]) => b);
}

/**
 * Standard Gateway API only: HSTS on a route's rules (ResponseHeaderModifier); every other
 * behaviour is reported unsupported with the reason.
 * @internal
 */
export function applyStandard(ctx: ApplyContext, set: BehaviorSet): void {
  for (const behavior of givenBehaviors(set)) {
    if (behavior === Behavior.HSTS) {
      applyHstsToRoute(ctx, set);
    } else {
      ctx.verdict(behavior);
    }
  }
}

/**
 * HSTS as a response header on every rule of the target HTTPRoute (shared by the profiles
 * whose implementations have no listener-level header setting).
 * @internal
 */
export function applyHstsToRoute(ctx: ApplyContext, set: BehaviorSet): void {
  const route = ctx.httpRoute();
  if (route === undefined || ctx.shape !== TargetShape.ROUTE) {
    ctx.unsupported(Behavior.HSTS, ctx.shape === TargetShape.RULE
      ? 'a rule\'s filters are fixed when it is added: use Hsts.applyToRule on the rule before adding it, or apply the behaviour to the whole route.'
      : `the header is set on route rules, and the target is ${ctx.describeTarget}; apply it to the HTTPS routes (Hsts.applyToRoute).`);
    return;
  }
  route.applyResponseHeaders({ 'Strict-Transport-Security': hstsValue(set.hsts!) });
  ctx.verdict(Behavior.HSTS, { fidelity: Fidelity.APPROXIMATE, emits: 'ResponseHeaderModifier on every rule of the route', note: 'responses that match no rule (404) carry no HSTS header.' });
}
