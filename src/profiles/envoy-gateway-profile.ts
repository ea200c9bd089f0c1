import { Duration } from 'cdk8s';
import { ApplyContext, DEFAULT_REJECT_STATUS, TargetShape, hstsValue, longer, toCidr } from './apply-context';
import { Behavior, BehaviorSet, Fidelity, LoadBalancingAlgorithm, RetryCondition } from './behaviors';
import * as eg from './envoy-gateway';
import { applyHstsToRoute, givenBehaviors } from './standard-profile';
import { Backend } from '../core/backend';
import { IRouteParent } from '../core/references';
import { sizeInBytes } from '../core/size';
import { HttpFilter } from '../routes/http-filter';

/** Behaviours reproduced without a policy on the target (or not at all). */
const NO_POLICY = [
  Behavior.HSTS, Behavior.CAPTURE_GROUP_REWRITE, Behavior.BACKEND_HTTPS_WITHOUT_VERIFICATION, Behavior.PROXY_BUFFERING, Behavior.CONNECTION_LIMIT,
  Behavior.PROXY_BUFFERS,
];

/**
 * Envoy Gateway v1.9: one BackendTrafficPolicy, ClientTrafficPolicy and SecurityPolicy at most
 * per call, an HTTPRouteFilter for capture-group rewrites and a Backend for HTTPS without
 * verification. Field choices follow Envoy Gateway's API (`api/v1alpha1/*_types.go`).
 * @internal
 */
export function applyEnvoyGateway(ctx: ApplyContext, set: BehaviorSet): void {
  const btp: { -readonly [K in keyof eg.BackendTrafficPolicyProps]: eg.BackendTrafficPolicyProps[K] } = {};
  const ctp: { -readonly [K in keyof eg.ClientTrafficPolicyProps]: eg.ClientTrafficPolicyProps[K] } = {};
  const sp: { -readonly [K in keyof eg.SecurityPolicyProps]: eg.SecurityPolicyProps[K] } = {};
  const overrides: eg.ResponseOverride[] = [];
  const gatewayLevel = ctx.shape === TargetShape.GATEWAY || ctx.shape === TargetShape.LISTENER;
  const policyTarget = ctx.shape !== TargetShape.OTHER;
  const notPolicyTarget = `Envoy Gateway policies attach to Gateways, listeners, routes and route rules, and the target is ${ctx.describeTarget}.`;

  for (const behavior of givenBehaviors(set)) {
    const needsPolicy = !NO_POLICY.includes(behavior);
    if (needsPolicy && !policyTarget) {
      ctx.unsupported(behavior, notPolicyTarget);
      continue;
    }
    switch (behavior) {
      case Behavior.BODY_SIZE_LIMIT:
        if ((sizeInBytes(set.bodySizeLimit!).bytes ?? 1) > 0) {
          btp.requestBufferLimit = set.bodySizeLimit;
          ctx.verdict(behavior);
        } else {
          ctx.verdict(behavior, { fidelity: Fidelity.EXACT, emits: '- (no limit: Envoy Gateway\'s default)', note: '' });
        }
        break;
      case Behavior.CONNECT_TIMEOUT:
        btp.connectTimeout = set.connectTimeout;
        ctx.verdict(behavior);
        break;
      case Behavior.IDLE_TIMEOUTS:
        btp.streamIdleTimeout = longer(set.readTimeout, set.sendTimeout);
        ctx.verdict(behavior);
        break;
      case Behavior.REQUEST_TIMEOUT:
        btp.requestTimeout = set.requestTimeout;
        ctx.verdict(behavior);
        break;
      case Behavior.RETRIES: {
        const retry = retryOf(set);
        if (retry === undefined) {
          ctx.verdict(behavior, { fidelity: Fidelity.EXACT, emits: '- (no retries: Envoy Gateway\'s default)', note: '' });
        } else {
          btp.retry = retry;
          ctx.verdict(behavior);
        }
        break;
      }
      case Behavior.LOAD_BALANCING:
      case Behavior.HASH_KEY:
      case Behavior.COOKIE_AFFINITY:
        loadBalancing(ctx, set, behavior, btp);
        break;
      case Behavior.IP_ALLOW_LIST:
        sp.ipAllowList = set.ipAllowList!.map(v => toCidr(v)!);
        ctx.verdict(behavior);
        break;
      case Behavior.IP_DENY_LIST:
        sp.ipDenyList = set.ipDenyList!.map(v => toCidr(v)!);
        ctx.verdict(behavior);
        break;
      case Behavior.RATE_LIMIT: {
        const r = set.rateLimit!;
        const perSecond = r.requestsPerSecond !== undefined;
        btp.rateLimitPerClientIp = {
          requests: (r.requestsPerSecond ?? r.requestsPerMinute)!,
          unit: perSecond ? eg.RateLimitUnit.SECOND : eg.RateLimitUnit.MINUTE,
        };
        const reject = r.rejectStatus ?? DEFAULT_REJECT_STATUS;
        if (reject !== 429) {
          overrides.push(eg.ResponseOverride.respond({
            statusCodes: [429],
            source: eg.ResponseOverrideSource.LOCAL,
            response: { statusCode: reject },
          }));
        }
        ctx.verdict(behavior);
        break;
      }
      case Behavior.CONNECTION_LIMIT:
        ctx.verdict(behavior);
        break;
      case Behavior.BASIC_AUTH:
        sp.basicAuth = eg.BasicAuth.fromSecretName(set.basicAuth!.secretName);
        ctx.verdict(behavior);
        break;
      case Behavior.EXTERNAL_AUTH: {
        const a = set.externalAuth!;
        // auth-url names the whole path of the authentication request: pathOverride replaces
        // the client's path (path would be prepended to it).
        sp.extAuth = eg.ExternalAuth.http(Backend.fromServiceName(a.serviceName, a.port), {
          pathOverride: a.path ?? '/',
          headersToBackend: a.responseHeaders,
        });
        ctx.verdict(behavior);
        break;
      }
      case Behavior.AUTH_SIGNIN: {
        const url = new URL(set.authSignin!);
        // nginx's `error_page 401` catches the 401 of the auth subrequest, not a backend's 401
        // (ingress-nginx turns proxy_intercept_errors on only for custom-http-errors):
        // `source: Local` is Envoy's own 401 (ext_authz, basic auth).
        overrides.push(eg.ResponseOverride.redirect({
          statusCodes: [401],
          source: eg.ResponseOverrideSource.LOCAL,
          scheme: url.protocol === 'https:' ? eg.RedirectScheme.HTTPS : eg.RedirectScheme.HTTP,
          hostname: url.hostname,
          port: url.port === '' ? undefined : Number(url.port),
          path: url.pathname,
          statusCode: 302,
        }));
        const dropped = `${url.search}${url.hash}`;
        ctx.verdict(behavior, dropped === '' ? undefined : {
          fidelity: Fidelity.APPROXIMATE,
          note: `the redirect has no \`rd=\` parameter with the original URL, and drops "${dropped}" of the sign-in URL (a response override redirect sets the path only).`,
        });
        break;
      }
      case Behavior.CAPTURE_GROUP_REWRITE: {
        const filter = new eg.HttpRouteFilter(ctx.scope, 'Rewrite', { metadata: ctx.metadata(), regexRewrite: regexRewriteOf(set) });
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
      case Behavior.CUSTOM_ERROR_PAGES: {
        const pages = set.customErrorPages!;
        overrides.push(eg.ResponseOverride.respond({
          statusCodes: pages.statusCodes,
          source: pages.proxyErrorsOnly ? eg.ResponseOverrideSource.LOCAL : eg.ResponseOverrideSource.BACKEND,
          response: { contentType: pages.contentType ?? 'text/html', body: eg.ResponseBody.inline(pages.body) },
        }));
        ctx.verdict(behavior);
        break;
      }
      case Behavior.HSTS:
        if (gatewayLevel) {
          ctp.lateResponseHeaders = { set: { 'Strict-Transport-Security': hstsValue(set.hsts!) } };
          ctx.verdict(behavior, servesPlainHttp(ctx)
            ? { fidelity: Fidelity.APPROXIMATE, note: 'the target has plain-HTTP listeners, whose responses get the header too (ingress-nginx sends it on HTTPS only; browsers ignore it on HTTP); target the HTTPS listeners to be exact.' }
            : undefined);
        } else {
          applyHstsToRoute(ctx, set);
        }
        break;
      case Behavior.REQUEST_ID:
        if (gatewayLevel) {
          // generate-request-id: false keeps the client's X-Request-ID and generates none
          // (nginx.tmpl `map $http_x_request_id $req_id`): Envoy Gateway's `Preserve`.
          ctp.requestId = set.requestId ? eg.RequestIdMode.PRESERVE_OR_GENERATE : eg.RequestIdMode.PRESERVE;
          ctx.verdict(behavior, set.requestId ? undefined : { fidelity: Fidelity.EXACT, emits: 'ClientTrafficPolicy `headers.requestID: Preserve`', note: '' });
        } else {
          ctx.unsupported(behavior, `ClientTrafficPolicy attaches to Gateways and listeners, and the target is ${ctx.describeTarget}; apply this behaviour to the Gateway.`);
        }
        break;
      case Behavior.PROXY_BUFFERING:
        ctx.verdict(behavior, set.proxyBuffering
          ? { fidelity: Fidelity.UNSUPPORTED, note: 'Envoy streams responses; it has no response buffering setting.' }
          : undefined);
        break;
      case Behavior.BACKEND_HTTPS_WITHOUT_VERIFICATION: {
        const b = set.backendHttpsWithoutVerification!;
        const backend = ctx.add(new eg.Backend(ctx.scope, 'Backend', {
          metadata: ctx.metadata(),
          endpoints: [eg.BackendEndpoint.fqdn(b.hostname, b.port)],
          tls: { insecureSkipVerify: true },
        }));
        ctx.addBackend(backend.toBackend({ port: b.port }));
        ctx.verdict(behavior);
        break;
      }
      case Behavior.SERVICE_UPSTREAM:
        if (set.serviceUpstream) {
          btp.routingType = eg.RoutingType.SERVICE;
          ctx.verdict(behavior);
        } else {
          ctx.verdict(behavior, { fidelity: Fidelity.EXACT, emits: '- (Pod endpoints: Envoy Gateway\'s default)', note: '' });
        }
        break;
      case Behavior.BANDWIDTH_LIMIT:
        btp.bandwidthLimit = { response: { limit: set.bandwidthLimit!, unit: eg.BandwidthLimitUnit.SECOND } };
        ctx.verdict(behavior);
        break;
      case Behavior.PROXY_BUFFERS:
        ctx.verdict(behavior);
        break;
    }
  }

  if (overrides.length > 0) btp.responseOverrides = overrides;
  // On a route or rule, merge into the Gateway's policy of the same kind: Envoy Gateway would
  // otherwise apply only the most specific one, dropping the Gateway's defaults on that route.
  const routeLevel = ctx.shape === TargetShape.ROUTE || ctx.shape === TargetShape.RULE;
  if (routeLevel && Object.keys(btp).length > 0) btp.mergeType = eg.MergeType.STRATEGIC_MERGE;
  if (routeLevel && Object.keys(sp).length > 0) sp.mergeType = eg.MergeType.STRATEGIC_MERGE;
  if (Object.keys(btp).length > 0) ctx.add(new eg.BackendTrafficPolicy(ctx.scope, 'BackendTrafficPolicy', { metadata: ctx.metadata(), ...btp, targets: [ctx.target] }));
  if (Object.keys(ctp).length > 0) ctx.add(new eg.ClientTrafficPolicy(ctx.scope, 'ClientTrafficPolicy', { metadata: ctx.metadata(), ...ctp, targets: [ctx.target] }));
  if (Object.keys(sp).length > 0) ctx.add(new eg.SecurityPolicy(ctx.scope, 'SecurityPolicy', { metadata: ctx.metadata(), ...sp, targets: [ctx.target] }));
}

/**
 * Retries: ingress-nginx's `error` and `timeout` become Envoy's connection-level triggers;
 * without `retry-non-idempotent` only failures before the request was sent are retried
 * (`reset-before-request`), as nginx never re-sends a POST, LOCK or PATCH it has sent.
 */
function retryOf(set: BehaviorSet): eg.BackendRetryOptions | undefined {
  const r = set.retries!;
  const conditions = r.conditions ?? [RetryCondition.ERROR, RetryCondition.TIMEOUT];
  // One try, or `proxy-next-upstream: off` (no condition): no retries, Envoy Gateway's default
  // (a `retry` without triggers would bring back Envoy Gateway's default triggers).
  if ((r.tries ?? 3) === 1 || conditions.length === 0) return undefined;
  const triggers: eg.RetryTrigger[] = [];
  if (conditions.includes(RetryCondition.ERROR) || conditions.includes(RetryCondition.TIMEOUT)) {
    triggers.push(eg.RetryTrigger.CONNECT_FAILURE, eg.RetryTrigger.REFUSED_STREAM);
    triggers.push(r.retryNonIdempotent ? eg.RetryTrigger.RESET : eg.RetryTrigger.RESET_BEFORE_REQUEST);
  }
  const codes = conditions.filter(c => c.startsWith('http_')).map(c => Number(c.slice(5)));
  if (codes.length > 0) triggers.push(eg.RetryTrigger.RETRIABLE_STATUS_CODES);
  return {
    numRetries: (r.tries ?? 3) - 1,
    triggers,
    httpStatusCodes: codes.length > 0 ? codes : undefined,
  };
}

/**
 * A capture-group rewrite as ingress-nginx runs it: `rewrite "(?i)<path>" <target> break;`
 * (`internal/ingress/controller/template/template.go` `buildProxyPass`) matches case-insensitively
 * from the start of the path (the location is anchored) and replaces the WHOLE path with the
 * target. Envoy replaces only the part a pattern matches, so the pattern is anchored and made to
 * consume the rest of the path; the query string is kept by both.
 */
function regexRewriteOf(set: BehaviorSet): eg.RegexRewriteOptions {
  const { pattern, substitution } = set.captureGroupRewrite!;
  return { pattern: `(?i)^(?:${pattern}).*`, substitution };
}

/**
 * Load balancing, hash key and cookie affinity share `loadBalancer`: ingress-nginx's
 * precedence is affinity, then `upstream-hash-by`, then `load-balance`
 * (`internal/ingress/controller/controller.go`, `rootfs/etc/nginx/lua/balancer.lua`).
 */
function loadBalancing(ctx: ApplyContext, set: BehaviorSet, behavior: Behavior, btp: { loadBalancer?: eg.LoadBalancer }): void {
  if (ctx.balancingSuperseded(set, behavior)) return;
  if (behavior === Behavior.COOKIE_AFFINITY) {
    const a = set.cookieAffinity!;
    const attributes: { [name: string]: string } = {};
    if (a.path !== undefined) attributes.Path = a.path;
    if (a.domain !== undefined) attributes.Domain = a.domain;
    if (a.sameSite !== undefined) attributes.SameSite = a.sameSite;
    if (a.secure) attributes.Secure = '';
    btp.loadBalancer = eg.LoadBalancer.consistentHashByCookie(a.cookieName ?? 'INGRESSCOOKIE', {
      ttl: a.maxAge ?? Duration.seconds(0),
      attributes: Object.keys(attributes).length > 0 ? attributes : undefined,
    });
    ctx.verdict(behavior);
    return;
  }
  if (behavior === Behavior.HASH_KEY) {
    const key = set.hashKey!;
    const header = /^\$http_([A-Za-z0-9_]+)$/.exec(key);
    const cookie = /^\$cookie_([A-Za-z0-9_]+)$/.exec(key);
    if (key === '$remote_addr' || key === '$binary_remote_addr') {
      btp.loadBalancer = eg.LoadBalancer.consistentHashBySourceIp();
    } else if (header) {
      btp.loadBalancer = eg.LoadBalancer.consistentHashByHeader(header[1].replace(/_/g, '-'));
    } else if (cookie) {
      btp.loadBalancer = eg.LoadBalancer.consistentHashByCookie(cookie[1]);
    } else {
      ctx.unsupported(behavior, `Envoy Gateway hashes on the source IP, one header or one cookie; "${key}" is none of them.`);
      return;
    }
    ctx.verdict(behavior, { fidelity: Fidelity.EXACT, note: '' });
    return;
  }
  if (set.loadBalancing === LoadBalancingAlgorithm.EWMA) {
    btp.loadBalancer = eg.LoadBalancer.leastRequest();
    ctx.verdict(behavior, { fidelity: Fidelity.APPROXIMATE, emits: 'BackendTrafficPolicy `loadBalancer.type: LeastRequest`', note: 'the endpoint with the fewest active requests, not the lowest peak EWMA of response times.' });
  } else {
    btp.loadBalancer = eg.LoadBalancer.roundRobin();
    ctx.verdict(behavior);
  }
}

/** Whether the target Gateway or listener is known to have a plain-HTTP listener. */
function servesPlainHttp(ctx: ApplyContext): boolean {
  const parent = ctx.target as Partial<IRouteParent>;
  const listeners = typeof parent.knownListeners === 'function' ? parent.knownListeners() ?? [] : [];
  return listeners.some(l => l.protocol === 'HTTP' && (ctx.ref.sectionName === undefined || l.name === ctx.ref.sectionName));
}
