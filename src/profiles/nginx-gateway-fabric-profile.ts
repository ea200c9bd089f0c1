import { Size } from 'cdk8s';
import { ApplyContext, DEFAULT_BURST_MULTIPLIER, DEFAULT_REJECT_STATUS, TargetShape } from './apply-context';
import { Behavior, BehaviorSet, Fidelity, LoadBalancingAlgorithm } from './behaviors';
import * as ngf from './nginx-gateway-fabric';
import { applyHstsToRoute, givenBehaviors } from './standard-profile';
import { sizeInBytes } from '../core/size';
import { HttpFilter } from '../routes/http-filter';


/** Behaviours NGINX Gateway Fabric configures with a policy on a whole Gateway or route. */
const POLICY_BEHAVIORS = [
  Behavior.BODY_SIZE_LIMIT, Behavior.CONNECT_TIMEOUT, Behavior.IDLE_TIMEOUTS, Behavior.RATE_LIMIT, Behavior.PROXY_BUFFERING, Behavior.PROXY_BUFFERS,
];
/** ingress-nginx's `proxy-buffer-size` and `proxy-buffers-number` defaults (`config.go`). */
const DEFAULT_BUFFER_SIZE = Size.kibibytes(4);
const DEFAULT_BUFFERS = 4;
/** Behaviours NGINX Gateway Fabric configures per backend Service (UpstreamSettingsPolicy). */
const SERVICE_BEHAVIORS = [Behavior.LOAD_BALANCING, Behavior.HASH_KEY, Behavior.COOKIE_AFFINITY];

/**
 * NGINX Gateway Fabric v2.6: ClientSettingsPolicy, ProxySettingsPolicy and RateLimitPolicy on a
 * whole Gateway or route (their targetRefs have no sectionName), UpstreamSettingsPolicy on the
 * backend Services, and an AuthenticationFilter on the target route's rules. NGF keeps nginx's
 * own defaults otherwise (`internal/controller/nginx/conf/nginx.conf`).
 * @internal
 */
export function applyNginxGatewayFabric(ctx: ApplyContext, set: BehaviorSet): void {
  const csp: { -readonly [K in keyof ngf.ClientSettingsPolicyProps]: ngf.ClientSettingsPolicyProps[K] } = {};
  const psp: { -readonly [K in keyof ngf.ProxySettingsPolicyProps]: ngf.ProxySettingsPolicyProps[K] } = {};
  const usp: { -readonly [K in keyof ngf.UpstreamSettingsPolicyProps]: ngf.UpstreamSettingsPolicyProps[K] } = {};
  let rateLimit: ngf.RateLimitPolicyProps | undefined;
  const wholeTarget = ctx.shape === TargetShape.GATEWAY || ctx.shape === TargetShape.ROUTE;
  const whyNotWhole = ctx.shape === TargetShape.LISTENER || ctx.shape === TargetShape.RULE
    ? `NGINX Gateway Fabric policies attach to whole Gateways and routes (their targetRefs have no sectionName), and the target is ${ctx.describeTarget}; put the rule in its own HTTPRoute and apply the behaviour to that route.`
    : `NGINX Gateway Fabric policies attach to Gateways and routes, and the target is ${ctx.describeTarget}.`;

  for (const behavior of givenBehaviors(set)) {
    if (POLICY_BEHAVIORS.includes(behavior) && !wholeTarget && !(behavior === Behavior.PROXY_BUFFERING && set.proxyBuffering)) {
      ctx.unsupported(behavior, whyNotWhole);
      continue;
    }
    if (SERVICE_BEHAVIORS.includes(behavior) && ctx.services.length === 0) {
      ctx.unsupported(behavior, 'NGINX Gateway Fabric sets load balancing per backend Service (UpstreamSettingsPolicy): pass the Services in `services`.');
      continue;
    }
    switch (behavior) {
      case Behavior.BODY_SIZE_LIMIT:
        // `proxy-body-size: 0` turns nginx's check off (`client_max_body_size 0`).
        if ((sizeInBytes(set.bodySizeLimit!).bytes ?? 1) > 0) {
          csp.bodyMaxSize = set.bodySizeLimit;
        } else {
          csp.disableBodySizeLimit = true;
        }
        ctx.verdict(behavior);
        break;
      case Behavior.CONNECT_TIMEOUT:
        psp.connectTimeout = set.connectTimeout;
        ctx.verdict(behavior);
        break;
      case Behavior.IDLE_TIMEOUTS:
        psp.readTimeout = set.readTimeout;
        psp.sendTimeout = set.sendTimeout;
        ctx.verdict(behavior);
        break;
      case Behavior.REQUEST_TIMEOUT:
        if (set.requestTimeout!.toMilliseconds() === 0) {
          ctx.verdict(behavior);
        } else {
          ctx.unsupported(behavior, 'NGINX Gateway Fabric 2.6 has no request deadline (it rejects HTTPRoute timeouts); nginx times out only between reads and writes (readTimeout, sendTimeout).');
        }
        break;
      case Behavior.RETRIES:
        ctx.verdict(behavior);
        break;
      case Behavior.LOAD_BALANCING:
      case Behavior.HASH_KEY:
      case Behavior.COOKIE_AFFINITY:
        loadBalancing(ctx, set, behavior, usp);
        break;
      case Behavior.RATE_LIMIT: {
        const r = set.rateLimit!;
        const rate = (r.requestsPerSecond ?? r.requestsPerMinute)!;
        rateLimit = {
          rules: [{
            requestsPerSecond: r.requestsPerSecond,
            requestsPerMinute: r.requestsPerMinute,
            burst: rate * (r.burstMultiplier ?? DEFAULT_BURST_MULTIPLIER),
            noDelay: true,
            // ingress-nginx's zones are 5m (annotations/ratelimit/main.go); NGF's default is 10m.
            zoneSize: Size.mebibytes(5),
          }],
          rejectCode: r.rejectStatus ?? DEFAULT_REJECT_STATUS,
        };
        ctx.verdict(behavior);
        break;
      }
      case Behavior.BASIC_AUTH: {
        const filter = new ngf.AuthenticationFilter(ctx.scope, 'AuthenticationFilter', {
          metadata: ctx.metadata(),
          basic: { secret: ngf.BasicAuthSecret.fromSecretName(set.basicAuth!.secretName), realm: set.basicAuth!.realm },
        });
        const why = ctx.attachFilter(HttpFilter.extension(filter));
        if (why === undefined) {
          ctx.add(filter);
          ctx.verdict(behavior);
        } else {
          ctx.scope.node.tryRemoveChild(filter.node.id);
          ctx.unsupported(behavior, why);
        }
        break;
      }
      case Behavior.HSTS:
        applyHstsToRoute(ctx, set);
        break;
      case Behavior.REQUEST_ID:
        // NGINX Gateway Fabric sets no X-Request-ID (`servers.go` `createBaseProxySetHeaders`),
        // so nginx passes the client's on: ingress-nginx's `generate-request-id: false`.
        ctx.verdict(behavior, set.requestId ? undefined : { fidelity: Fidelity.EXACT, emits: '- (nginx passes the client\'s X-Request-ID on and generates none)', note: '' });
        break;
      case Behavior.PROXY_BUFFERING:
        if (set.proxyBuffering && ctx.shape !== TargetShape.ROUTE) {
          ctx.verdict(behavior, { fidelity: Fidelity.EXACT, emits: '- (nginx buffers responses by default)', note: '' });
        } else if (set.proxyBuffering) {
          // A route inherits the Gateway's policy field by field: turn buffering back on.
          psp.buffering = { ...psp.buffering, disable: false };
          ctx.verdict(behavior, { fidelity: Fidelity.EXACT, emits: 'ProxySettingsPolicy `buffering.disable: false` (over a Gateway policy that turns it off)', note: '' });
        } else {
          psp.buffering = { disable: true };
          ctx.verdict(behavior);
        }
        break;
      case Behavior.PROXY_BUFFERS: {
        // ingress-nginx renders `proxy_buffer_size <size>; proxy_buffers <number> <size>;`
        // (`nginx.tmpl`): proxy-buffer-size is also the size of each buffer.
        const b = set.proxyBuffers!;
        const size = b.bufferSize ?? DEFAULT_BUFFER_SIZE;
        const buffers = { number: b.count ?? DEFAULT_BUFFERS, size };
        psp.buffering = { ...psp.buffering, bufferSize: size, buffers, busyBuffersSize: b.busyBuffersSize };
        ctx.verdict(behavior);
        break;
      }
      default:
        ctx.verdict(behavior);
    }
  }

  const targets = [ctx.target];
  if (Object.keys(csp).length > 0) ctx.add(new ngf.ClientSettingsPolicy(ctx.scope, 'ClientSettingsPolicy', { metadata: ctx.metadata(), ...csp, targets }));
  if (Object.keys(psp).length > 0) ctx.add(new ngf.ProxySettingsPolicy(ctx.scope, 'ProxySettingsPolicy', { metadata: ctx.metadata(), ...psp, targets }));
  if (rateLimit !== undefined) ctx.add(new ngf.RateLimitPolicy(ctx.scope, 'RateLimitPolicy', { metadata: ctx.metadata(), ...rateLimit, targets }));
  if (Object.keys(usp).length > 0) ctx.add(new ngf.UpstreamSettingsPolicy(ctx.scope, 'UpstreamSettingsPolicy', { metadata: ctx.metadata(), ...usp, targets: ctx.services }));
}

/**
 * Load balancing, hash key and affinity share `loadBalancingMethod`, with ingress-nginx's
 * precedence: affinity, then `upstream-hash-by`, then `load-balance`.
 */
type UpstreamFields = { loadBalancingMethod?: ngf.LoadBalancingMethod; hashMethodKey?: string };

function loadBalancing(ctx: ApplyContext, set: BehaviorSet, behavior: Behavior, usp: UpstreamFields): void {
  if (ctx.balancingSuperseded(set, behavior)) return;
  if (behavior === Behavior.COOKIE_AFFINITY) {
    usp.loadBalancingMethod = ngf.LoadBalancingMethod.IP_HASH;
    ctx.verdict(behavior);
    return;
  }
  if (behavior === Behavior.HASH_KEY) {
    if (!/^\$[a-z_]+$/.test(set.hashKey!)) {
      ctx.unsupported(behavior, `NGINX Gateway Fabric hashes on one nginx variable (hashMethodKey ^\\$[a-z_]+$), and "${set.hashKey}" is not one; hash on a single variable such as $request_uri.`);
      return;
    }
    usp.loadBalancingMethod = ngf.LoadBalancingMethod.HASH_CONSISTENT;
    usp.hashMethodKey = set.hashKey;
    ctx.verdict(behavior);
    return;
  }
  if (set.loadBalancing === LoadBalancingAlgorithm.EWMA) {
    usp.loadBalancingMethod = ngf.LoadBalancingMethod.LEAST_CONN;
    ctx.verdict(behavior, { fidelity: Fidelity.APPROXIMATE, emits: 'UpstreamSettingsPolicy `loadBalancingMethod: least_conn`', note: 'the endpoint with the fewest active connections, not the lowest peak EWMA of response times.' });
  } else {
    usp.loadBalancingMethod = ngf.LoadBalancingMethod.ROUND_ROBIN;
    ctx.verdict(behavior);
  }
}
