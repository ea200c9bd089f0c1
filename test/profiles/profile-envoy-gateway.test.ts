// Every behaviour on the envoy-gateway profile: the exact objects (ingress-nginx semantics
// reference, Envoy Gateway v1.9 field paths) and the exact verdict.
import { Duration, Size } from 'cdk8s';
import {
  DEFAULT_HSTS, GATEWAY_REF, GW, HTTPS_LISTENER_REF, KindAndSpec, ROUTE_REF, Target, WEB_RULE_REF, applyTo, created, hstsFilter,
  nameOf, ofKind, ruleFilters, shopApp, verdict,
} from './profile-fixture';
import {
  Behavior, BehaviorSet, CookieSameSite, Fidelity, ImplementationProfile, LoadBalancingAlgorithm, PolicyTarget, ProfileName, RetryCondition,
} from '../../src';

const profile = ImplementationProfile.envoyGateway();
const EG = ProfileName.ENVOY_GATEWAY;
const btp = (spec: object, targetRefs: object[] = [GATEWAY_REF]): KindAndSpec => ({ kind: 'BackendTrafficPolicy', spec: { ...spec, targetRefs } });
const ctp = (spec: object, targetRefs: object[] = [GATEWAY_REF]): KindAndSpec => ({ kind: 'ClientTrafficPolicy', spec: { ...spec, targetRefs } });
const sp = (spec: object, targetRefs: object[] = [GATEWAY_REF]): KindAndSpec => ({ kind: 'SecurityPolicy', spec: { ...spec, targetRefs } });
const v = (b: Behavior, f: Fidelity, emits: string | RegExp, note: string | RegExp = '', target = Target.GATEWAY) => verdict(EG, b, f, emits, note, target);
const rateLimitRules = (requests: number, unit: string) => ['0.0.0.0/0', '::/0'].map(value => ({
  clientSelectors: [{ sourceCIDR: { type: 'Distinct', value } }],
  limit: { requests, unit },
}));

interface Case {
  readonly name: string;
  readonly set: BehaviorSet;
  readonly target?: Target;
  readonly objects: KindAndSpec[];
  readonly verdict: ReturnType<typeof v>;
}

const CASES: Case[] = [
  {
    name: 'body size limit: requestBuffer.limit',
    set: { bodySizeLimit: Size.mebibytes(1) },
    objects: [btp({ requestBuffer: { limit: '1Mi' } })],
    verdict: v(Behavior.BODY_SIZE_LIMIT, Fidelity.EXACT, 'BackendTrafficPolicy `requestBuffer.limit`'),
  },
  {
    name: 'body size limit 0: no limit, nothing emitted',
    set: { bodySizeLimit: Size.kibibytes(0) },
    objects: [],
    verdict: v(Behavior.BODY_SIZE_LIMIT, Fidelity.EXACT, /^- \(no limit/),
  },
  {
    name: 'connect timeout: timeout.tcp.connectTimeout',
    set: { connectTimeout: Duration.seconds(5) },
    objects: [btp({ timeout: { tcp: { connectTimeout: '5s' } } })],
    verdict: v(Behavior.CONNECT_TIMEOUT, Fidelity.EXACT, 'BackendTrafficPolicy `timeout.tcp.connectTimeout`'),
  },
  {
    name: 'idle timeouts: streamIdleTimeout is the longer of read and send',
    set: { readTimeout: Duration.seconds(60), sendTimeout: Duration.seconds(90) },
    objects: [btp({ timeout: { http: { streamIdleTimeout: '1m30s' } } })],
    verdict: v(Behavior.IDLE_TIMEOUTS, Fidelity.APPROXIMATE, 'BackendTrafficPolicy `timeout.http.streamIdleTimeout`', /one idle timer for both directions/),
  },
  {
    name: 'idle timeouts: read only',
    set: { readTimeout: Duration.seconds(300) },
    objects: [btp({ timeout: { http: { streamIdleTimeout: '5m' } } })],
    verdict: v(Behavior.IDLE_TIMEOUTS, Fidelity.APPROXIMATE, 'BackendTrafficPolicy `timeout.http.streamIdleTimeout`', /longer of the read and send/),
  },
  {
    name: 'request timeout 0: requestTimeout 0s turns off the 15 s route default',
    set: { requestTimeout: Duration.seconds(0) },
    objects: [btp({ timeout: { http: { requestTimeout: '0s' } } })],
    verdict: v(Behavior.REQUEST_TIMEOUT, Fidelity.EXACT, /^BackendTrafficPolicy `timeout.http.requestTimeout`/),
  },
  {
    name: 'retries, ingress-nginx defaults: 2 retries before the request was sent',
    set: { retries: {} },
    objects: [btp({ retry: { numRetries: 2, retryOn: { triggers: ['connect-failure', 'refused-stream', 'reset-before-request'] } } })],
    verdict: v(Behavior.RETRIES, Fidelity.APPROXIMATE, 'BackendTrafficPolicy `retry`', /a read timeout after the request was sent is not retried/),
  },
  {
    name: 'retries: non-idempotent re-sent (reset), statuses, 5 tries',
    set: { retries: { tries: 5, conditions: [RetryCondition.TIMEOUT, RetryCondition.HTTP_502, RetryCondition.HTTP_503], retryNonIdempotent: true } },
    objects: [btp({ retry: { numRetries: 4, retryOn: { triggers: ['connect-failure', 'refused-stream', 'reset', 'retriable-status-codes'], httpStatusCodes: [502, 503] } } })],
    verdict: v(Behavior.RETRIES, Fidelity.APPROXIMATE, 'BackendTrafficPolicy `retry`', /listed statuses/),
  },
  {
    name: 'retries: statuses only',
    set: { retries: { conditions: [RetryCondition.HTTP_504] } },
    objects: [btp({ retry: { numRetries: 2, retryOn: { triggers: ['retriable-status-codes'], httpStatusCodes: [504] } } })],
    verdict: v(Behavior.RETRIES, Fidelity.APPROXIMATE, 'BackendTrafficPolicy `retry`', /listed statuses/),
  },
  {
    name: 'retries: one try is no retry, Envoy Gateway\'s default',
    set: { retries: { tries: 1 } },
    objects: [],
    verdict: v(Behavior.RETRIES, Fidelity.EXACT, '- (no retries: Envoy Gateway\'s default)'),
  },
  {
    name: 'retries: proxy-next-upstream off (no condition) is no retry',
    set: { retries: { conditions: [] } },
    objects: [],
    verdict: v(Behavior.RETRIES, Fidelity.EXACT, '- (no retries: Envoy Gateway\'s default)'),
  },
  {
    name: 'load balancing round robin: loadBalancer.type RoundRobin',
    set: { loadBalancing: LoadBalancingAlgorithm.ROUND_ROBIN },
    objects: [btp({ loadBalancer: { type: 'RoundRobin' } })],
    verdict: v(Behavior.LOAD_BALANCING, Fidelity.EXACT, /^BackendTrafficPolicy `loadBalancer.type: RoundRobin`/),
  },
  {
    name: 'load balancing EWMA: LeastRequest, approximate',
    set: { loadBalancing: LoadBalancingAlgorithm.EWMA },
    objects: [btp({ loadBalancer: { type: 'LeastRequest' } })],
    verdict: v(Behavior.LOAD_BALANCING, Fidelity.APPROXIMATE, 'BackendTrafficPolicy `loadBalancer.type: LeastRequest`', /fewest active requests, not the lowest peak EWMA/),
  },
  {
    name: 'hash key $remote_addr: consistent hash on the source IP',
    set: { hashKey: '$remote_addr' },
    objects: [btp({ loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'SourceIP' } } })],
    verdict: v(Behavior.HASH_KEY, Fidelity.EXACT, 'BackendTrafficPolicy `loadBalancer.consistentHash`'),
  },
  {
    name: 'hash key $binary_remote_addr: source IP too',
    set: { hashKey: '$binary_remote_addr' },
    objects: [btp({ loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'SourceIP' } } })],
    verdict: v(Behavior.HASH_KEY, Fidelity.EXACT, 'BackendTrafficPolicy `loadBalancer.consistentHash`'),
  },
  {
    name: 'hash key $http_x_user: header X-User (`Headers`; the single `header` is deprecated in v1.9)',
    set: { hashKey: '$http_x_user' },
    objects: [btp({ loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'Headers', headers: [{ name: 'x-user' }] } } })],
    verdict: v(Behavior.HASH_KEY, Fidelity.EXACT, 'BackendTrafficPolicy `loadBalancer.consistentHash`'),
  },
  {
    name: 'hash key $cookie_session: cookie session',
    set: { hashKey: '$cookie_session' },
    objects: [btp({ loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'Cookie', cookie: { name: 'session' } } } })],
    verdict: v(Behavior.HASH_KEY, Fidelity.EXACT, 'BackendTrafficPolicy `loadBalancer.consistentHash`'),
  },
  {
    name: 'hash key $request_uri: unsupported, nothing emitted',
    set: { hashKey: '$request_uri' },
    objects: [],
    verdict: v(Behavior.HASH_KEY, Fidelity.UNSUPPORTED, '-', /source IP, one header or one cookie; "\$request_uri" is none of them/),
  },
  {
    name: 'cookie affinity defaults: session cookie INGRESSCOOKIE',
    set: { cookieAffinity: {} },
    objects: [btp({ loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'Cookie', cookie: { name: 'INGRESSCOOKIE', ttl: '0s' } } } })],
    verdict: v(Behavior.COOKIE_AFFINITY, Fidelity.APPROXIMATE, 'BackendTrafficPolicy `loadBalancer.consistentHash.cookie`', /some sessions move to another endpoint/),
  },
  {
    name: 'cookie affinity: name, max age and path',
    set: { cookieAffinity: { cookieName: 'route', maxAge: Duration.hours(1), path: '/app' } },
    objects: [btp({ loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'Cookie', cookie: { name: 'route', ttl: '1h', attributes: { Path: '/app' } } } } })],
    verdict: v(Behavior.COOKIE_AFFINITY, Fidelity.APPROXIMATE, 'BackendTrafficPolicy `loadBalancer.consistentHash.cookie`', /consistent hashing on the cookie/),
  },
  {
    name: 'IP allow list: default Deny, Allow rule (addresses become /32 and /128)',
    set: { ipAllowList: ['10.0.0.0/8', '192.168.1.1', '2001:db8::1'] },
    objects: [sp({ authorization: { defaultAction: 'Deny', rules: [{ action: 'Allow', principal: { clientCIDRs: ['10.0.0.0/8', '192.168.1.1/32', '2001:db8::1/128'] } }] } })],
    verdict: v(Behavior.IP_ALLOW_LIST, Fidelity.EXACT, 'SecurityPolicy `authorization` (default Deny, Allow rule on `clientCIDRs`)'),
  },
  {
    name: 'IP deny list: default Allow, Deny rule',
    set: { ipDenyList: ['203.0.113.0/24'] },
    objects: [sp({ authorization: { defaultAction: 'Allow', rules: [{ action: 'Deny', principal: { clientCIDRs: ['203.0.113.0/24'] } }] } })],
    verdict: v(Behavior.IP_DENY_LIST, Fidelity.EXACT, 'SecurityPolicy `authorization` (Deny rule on `clientCIDRs`)'),
  },
  {
    name: 'rate limit rps: local per distinct client IP (v4 and v6), 429 turned into 503',
    set: { rateLimit: { requestsPerSecond: 10 } },
    objects: [btp({
      rateLimit: { type: 'Local', local: { rules: rateLimitRules(10, 'Second') } },
      responseOverride: [{ match: { statusCodes: [{ type: 'Value', value: 429 }] }, response: { statusCode: 503 }, source: 'Local' }],
    })],
    verdict: v(Behavior.RATE_LIMIT, Fidelity.APPROXIMATE, /^BackendTrafficPolicy `rateLimit.local` per distinct client IP/, /no burst multiplier\), counted per Envoy replica and per route/),
  },
  {
    name: 'rate limit rpm rejected with 429: no response override',
    set: { rateLimit: { requestsPerMinute: 100, burstMultiplier: 2, rejectStatus: 429 } },
    objects: [btp({ rateLimit: { type: 'Local', local: { rules: rateLimitRules(100, 'Minute') } } })],
    verdict: v(Behavior.RATE_LIMIT, Fidelity.APPROXIMATE, /rateLimit.local/, /no burst multiplier/),
  },
  {
    name: 'connection limit: unsupported (a listener-wide cap is not per client IP)',
    set: { connectionLimit: 10 },
    objects: [],
    verdict: v(Behavior.CONNECTION_LIMIT, Fidelity.UNSUPPORTED, '-', /not per client IP; that cap would be shared by every client/),
  },
  {
    name: 'basic auth: basicAuth.users',
    set: { basicAuth: { secretName: 'basic-auth', realm: 'Shop' } },
    objects: [sp({ basicAuth: { users: { name: 'basic-auth' } } })],
    verdict: v(Behavior.BASIC_AUTH, Fidelity.APPROXIMATE, 'SecurityPolicy `basicAuth.users`', /Secret key `.htpasswd` \(ingress-nginx: `auth`\) and accepts only \{SHA\} hashes/),
  },
  {
    name: 'external auth: extAuth.http with pathOverride and headersToBackend',
    set: { externalAuth: { serviceName: 'auth', port: 8080, path: '/check', responseHeaders: ['X-User', 'X-Email'] } },
    objects: [sp({ extAuth: { http: { backendRefs: [{ group: '', kind: 'Service', name: 'auth', port: 8080 }], pathOverride: '/check', headersToBackend: ['X-User', 'X-Email'] } } })],
    verdict: v(Behavior.EXTERNAL_AUTH, Fidelity.APPROXIMATE, 'SecurityPolicy `extAuth.http`', /only the Host, Authorization and Content-Length headers.*turns answers other than 401 and 403 into 500/),
  },
  {
    name: 'external auth: path defaults to /',
    set: { externalAuth: { serviceName: 'auth', port: 80 } },
    objects: [sp({ extAuth: { http: { backendRefs: [{ group: '', kind: 'Service', name: 'auth', port: 80 }], pathOverride: '/' } } })],
    verdict: v(Behavior.EXTERNAL_AUTH, Fidelity.APPROXIMATE, 'SecurityPolicy `extAuth.http`', /relays any answer but 200/),
  },
  {
    name: 'auth sign-in: Envoy\'s own 401 redirected with 302',
    set: { authSignin: 'https://login.example.com/oauth2/start' },
    objects: [btp({
      responseOverride: [{
        match: { statusCodes: [{ type: 'Value', value: 401 }] },
        redirect: { scheme: 'https', hostname: 'login.example.com', path: { type: 'ReplaceFullPath', replaceFullPath: '/oauth2/start' }, statusCode: 302 },
        source: 'Local',
      }],
    })],
    verdict: v(Behavior.AUTH_SIGNIN, Fidelity.APPROXIMATE, 'BackendTrafficPolicy `responseOverride` 401 to a 302 redirect', 'the redirect has no `rd=` parameter with the original URL.'),
  },
  {
    name: 'auth sign-in: http with a port; the query is dropped and said so',
    set: { authSignin: 'http://login.example.com:8080/start?app=shop' },
    objects: [btp({
      responseOverride: [{
        match: { statusCodes: [{ type: 'Value', value: 401 }] },
        redirect: { scheme: 'http', hostname: 'login.example.com', port: 8080, path: { type: 'ReplaceFullPath', replaceFullPath: '/start' }, statusCode: 302 },
        source: 'Local',
      }],
    })],
    verdict: v(Behavior.AUTH_SIGNIN, Fidelity.APPROXIMATE, /responseOverride/, /no `rd=` parameter.*drops "\?app=shop" of the sign-in URL/),
  },
  {
    name: 'capture-group rewrite on a Gateway: unsupported (the filter goes on route rules)',
    set: { captureGroupRewrite: { pattern: '/upload/(.*)', substitution: '/\\1' } },
    objects: [],
    verdict: v(Behavior.CAPTURE_GROUP_REWRITE, Fidelity.UNSUPPORTED, '-', /the filter attaches to HTTPRoute rules, and the target is Gateway "edge"/),
  },
  {
    name: 'custom error pages: backend statuses answered with a static body',
    set: { customErrorPages: { statusCodes: [502, 503], body: '<h1>Sorry</h1>' } },
    objects: [btp({
      responseOverride: [{
        match: { statusCodes: [{ type: 'Value', value: 502 }, { type: 'Value', value: 503 }] },
        response: { contentType: 'text/html', body: { type: 'Inline', inline: '<h1>Sorry</h1>' } },
        source: 'Backend',
      }],
    })],
    verdict: v(Behavior.CUSTOM_ERROR_PAGES, Fidelity.APPROXIMATE, 'BackendTrafficPolicy `responseOverride`', 'static response bodies, not a proxied error service.'),
  },
  {
    name: 'HSTS on a Gateway with an HTTP listener: approximate',
    set: { hsts: {} },
    objects: [ctp({ headers: { lateResponseHeaders: { set: [{ name: 'Strict-Transport-Security', value: DEFAULT_HSTS }] } } })],
    verdict: v(Behavior.HSTS, Fidelity.APPROXIMATE, /^ClientTrafficPolicy `headers.lateResponseHeaders`/, /plain-HTTP listeners, whose responses get the header too/),
  },
  {
    name: 'HSTS on the HTTPS listener: exact',
    set: { hsts: { maxAge: Duration.days(1), includeSubDomains: false, preload: true } },
    target: Target.LISTENER,
    objects: [ctp({ headers: { lateResponseHeaders: { set: [{ name: 'Strict-Transport-Security', value: 'max-age=86400; preload' }] } } }, [HTTPS_LISTENER_REF])],
    verdict: v(Behavior.HSTS, Fidelity.EXACT, /^ClientTrafficPolicy `headers.lateResponseHeaders`/, '', Target.LISTENER),
  },
  {
    name: 'HSTS on one rule: unsupported',
    set: { hsts: {} },
    target: Target.RULE,
    objects: [],
    verdict: v(Behavior.HSTS, Fidelity.UNSUPPORTED, '-', /a rule's filters are fixed when it is added: use Hsts.applyToRule/, Target.RULE),
  },
  {
    name: 'request ID: PreserveOrGenerate',
    set: { requestId: true },
    objects: [ctp({ headers: { requestID: 'PreserveOrGenerate' } })],
    verdict: v(Behavior.REQUEST_ID, Fidelity.EXACT, /^ClientTrafficPolicy `headers.requestID: PreserveOrGenerate`/),
  },
  {
    name: 'request ID off (generate-request-id: false): Preserve',
    set: { requestId: false },
    target: Target.LISTENER,
    objects: [ctp({ headers: { requestID: 'Preserve' } }, [HTTPS_LISTENER_REF])],
    verdict: v(Behavior.REQUEST_ID, Fidelity.EXACT, 'ClientTrafficPolicy `headers.requestID: Preserve`', '', Target.LISTENER),
  },
  {
    name: 'request ID on a route: unsupported (ClientTrafficPolicy attaches to Gateways)',
    set: { requestId: true },
    target: Target.ROUTE,
    objects: [],
    verdict: v(Behavior.REQUEST_ID, Fidelity.UNSUPPORTED, '-', /ClientTrafficPolicy attaches to Gateways and listeners, and the target is HTTPRoute "shop"; apply this behaviour to the Gateway/, Target.ROUTE),
  },
  {
    name: 'proxy buffering off: Envoy streams, nothing emitted',
    set: { proxyBuffering: false },
    objects: [],
    verdict: v(Behavior.PROXY_BUFFERING, Fidelity.EXACT, /^- \(Envoy streams responses/),
  },
  {
    name: 'proxy buffering on: unsupported',
    set: { proxyBuffering: true },
    objects: [],
    verdict: v(Behavior.PROXY_BUFFERING, Fidelity.UNSUPPORTED, '-', 'Envoy streams responses; it has no response buffering setting.'),
  },
  {
    name: 'backend HTTPS without verification: a Backend with insecureSkipVerify',
    set: { backendHttpsWithoutVerification: { hostname: 'api.example.com', port: 443 } },
    objects: [{ kind: 'Backend', spec: { endpoints: [{ fqdn: { hostname: 'api.example.com', port: 443 } }], tls: { insecureSkipVerify: true } } }],
    verdict: v(Behavior.BACKEND_HTTPS_WITHOUT_VERIFICATION, Fidelity.APPROXIMATE, /^Backend with `tls.insecureSkipVerify`/, /extensionApis.enableBackend: true`; Envoy sends SNI where nginx sends none/),
  },
  {
    name: 'service upstream: routingType Service',
    set: { serviceUpstream: true },
    objects: [btp({ routingType: 'Service' })],
    verdict: v(Behavior.SERVICE_UPSTREAM, Fidelity.EXACT, 'BackendTrafficPolicy `routingType: Service`'),
  },
  {
    name: 'service upstream false: Pod endpoints, nothing emitted',
    set: { serviceUpstream: false },
    objects: [],
    verdict: v(Behavior.SERVICE_UPSTREAM, Fidelity.EXACT, /^- \(Pod endpoints/),
  },
  {
    name: 'bandwidth limit: bandwidthLimit.response per second',
    set: { bandwidthLimit: Size.kibibytes(100) },
    objects: [btp({ bandwidthLimit: { response: { limit: { unit: 'Second', value: '100Ki' } } } })],
    verdict: v(Behavior.BANDWIDTH_LIMIT, Fidelity.APPROXIMATE, 'BackendTrafficPolicy `bandwidthLimit.response`', /each request's response stream rather than each client connection/),
  },
  {
    name: 'proxy buffers: unsupported, nothing emitted',
    set: { proxyBuffers: { count: 8 } },
    objects: [],
    verdict: v(Behavior.PROXY_BUFFERS, Fidelity.UNSUPPORTED, '-', /Envoy sizes its buffers itself/),
  },
  {
    name: 'cookie affinity with Domain, SameSite and Secure: cookie attributes',
    set: { cookieAffinity: { cookieName: 'SESSION', path: '/', domain: 'example.com', sameSite: CookieSameSite.LAX, secure: true } },
    objects: [btp({ loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'Cookie', cookie: { name: 'SESSION', ttl: '0s', attributes: { Domain: 'example.com', Path: '/', SameSite: 'Lax', Secure: '' } } } } })],
    verdict: v(Behavior.COOKIE_AFFINITY, Fidelity.APPROXIMATE, 'BackendTrafficPolicy `loadBalancer.consistentHash.cookie`', /sticky through consistent hashing/),
  },
  {
    name: 'custom error pages for proxy errors only: responseOverride source Local',
    set: { customErrorPages: { statusCodes: [503], body: 'down', proxyErrorsOnly: true } },
    objects: [btp({ responseOverride: [{ match: { statusCodes: [{ type: 'Value', value: 503 }] }, response: { body: { inline: 'down', type: 'Inline' }, contentType: 'text/html' }, source: 'Local' }] })],
    verdict: v(Behavior.CUSTOM_ERROR_PAGES, Fidelity.APPROXIMATE, 'BackendTrafficPolicy `responseOverride`', 'static response bodies, not a proxied error service.'),
  },
];

describe('envoy-gateway profile: each behaviour', () => {
  test('the cases cover every behaviour', () => {
    expect(new Set(CASES.map(c => c.verdict.behavior))).toEqual(new Set(Object.values(Behavior)));
  });

  test.each(CASES.map(c => [c.name, c] as const))('%s', (_name, c) => {
    // WHEN
    const { app, result } = applyTo(profile, c.target ?? Target.GATEWAY, c.set);
    // THEN
    expect(created(app)).toStrictEqual(c.objects);
    expect(result.verdicts).toStrictEqual([c.verdict]);
    expect(result.resources).toHaveLength(c.objects.length);
    expect(ruleFilters(app)).toStrictEqual({ web: undefined, upload: undefined });
  });
});

describe('envoy-gateway profile: targets and downgrades', () => {
  const routeLevel: BehaviorSet = { connectTimeout: Duration.seconds(5), ipAllowList: ['10.0.0.0/8'] };

  test('on a route, BackendTrafficPolicy and SecurityPolicy merge into the Gateway\'s (StrategicMerge)', () => {
    const { app, result } = applyTo(profile, Target.ROUTE, routeLevel);
    expect(created(app)).toStrictEqual([
      btp({ mergeType: 'StrategicMerge', timeout: { tcp: { connectTimeout: '5s' } } }, [ROUTE_REF]),
      sp({ mergeType: 'StrategicMerge', authorization: { defaultAction: 'Deny', rules: [{ action: 'Allow', principal: { clientCIDRs: ['10.0.0.0/8'] } }] } }, [ROUTE_REF]),
    ]);
    expect(result.verdicts.map(x => [x.fidelity, x.target])).toStrictEqual([[Fidelity.EXACT, Target.ROUTE], [Fidelity.EXACT, Target.ROUTE]]);
  });

  test('on one rule: sectionName is the rule name, StrategicMerge', () => {
    const { app } = applyTo(profile, Target.RULE, routeLevel);
    expect(created(app)).toStrictEqual([
      btp({ mergeType: 'StrategicMerge', timeout: { tcp: { connectTimeout: '5s' } } }, [WEB_RULE_REF]),
      sp({ mergeType: 'StrategicMerge', authorization: { defaultAction: 'Deny', rules: [{ action: 'Allow', principal: { clientCIDRs: ['10.0.0.0/8'] } }] } }, [WEB_RULE_REF]),
    ]);
  });

  test('on a listener: sectionName is the listener, no mergeType (a Gateway-level policy)', () => {
    const { app } = applyTo(profile, Target.LISTENER, routeLevel);
    expect(created(app)).toStrictEqual([
      btp({ timeout: { tcp: { connectTimeout: '5s' } } }, [HTTPS_LISTENER_REF]),
      sp({ authorization: { defaultAction: 'Deny', rules: [{ action: 'Allow', principal: { clientCIDRs: ['10.0.0.0/8'] } }] } }, [HTTPS_LISTENER_REF]),
    ]);
  });

  test('on a Service: policy behaviours unsupported, the Backend is still made', () => {
    const { app, result } = applyTo(profile, Target.SERVICE, {
      connectTimeout: Duration.seconds(5), requestId: true, backendHttpsWithoutVerification: { hostname: 'api.example.com', port: 8443 },
    });
    expect(created(app)).toStrictEqual([{ kind: 'Backend', spec: { endpoints: [{ fqdn: { hostname: 'api.example.com', port: 8443 } }], tls: { insecureSkipVerify: true } } }]);
    const why = /^Envoy Gateway policies attach to Gateways, listeners, routes and route rules, and the target is Service "web"\.$/;
    expect(result.verdicts).toStrictEqual([
      v(Behavior.CONNECT_TIMEOUT, Fidelity.UNSUPPORTED, '-', why, Target.SERVICE),
      v(Behavior.REQUEST_ID, Fidelity.UNSUPPORTED, '-', why, Target.SERVICE),
      v(Behavior.BACKEND_HTTPS_WITHOUT_VERIFICATION, Fidelity.APPROXIMATE, /^Backend/, /enableBackend/, Target.SERVICE),
    ]);
  });

  test('on a TCPRoute: not a target of these policies (a gateway-group kind that is neither Gateway nor HTTP/GRPC route)', () => {
    const app = shopApp();
    const result = profile.apply(app.chart, 'P', PolicyTarget.fromRef({ group: GW, kind: 'TCPRoute', name: 'db' }), { ipAllowList: ['10.0.0.0/8'] });
    expect(created(app)).toStrictEqual([]);
    expect(result.verdicts).toStrictEqual([verdict(EG, Behavior.IP_ALLOW_LIST, Fidelity.UNSUPPORTED, '-',
      'Envoy Gateway policies attach to Gateways, listeners, routes and route rules, and the target is TCPRoute "db".', 'TCPRoute "db"' as Target)]);
  });

  test('HSTS on a route: a ResponseHeaderModifier on every rule, approximate', () => {
    const { app, result } = applyTo(profile, Target.ROUTE, { hsts: {} });
    expect(created(app)).toStrictEqual([]);
    expect(ruleFilters(app)).toStrictEqual({ web: [hstsFilter(DEFAULT_HSTS)], upload: [hstsFilter(DEFAULT_HSTS)] });
    expect(result.verdicts).toStrictEqual([v(Behavior.HSTS, Fidelity.APPROXIMATE, 'ResponseHeaderModifier on every rule of the route', 'responses that match no rule (404) carry no HSTS header.', Target.ROUTE)]);
  });

  test('capture-group rewrite on one rule: an HTTPRouteFilter referenced from that rule only, run as nginx\'s rewrite', () => {
    const { app, result } = applyTo(profile, Target.RULE, { captureGroupRewrite: { pattern: '/upload/(\\d+)', substitution: '/item/\\1' } });
    const name = nameOf(app, 'HTTPRouteFilter');
    expect(created(app)).toStrictEqual([{
      kind: 'HTTPRouteFilter',
      // case-insensitive, from the start of the path, the whole path replaced: `rewrite "(?i)<path>" <target> break;`
      spec: { urlRewrite: { path: { type: 'ReplaceRegexMatch', replaceRegexMatch: { pattern: '(?i)^(?:/upload/(\\d+)).*', substitution: '/item/\\1' } } } },
    }]);
    expect(ruleFilters(app)).toStrictEqual({
      web: [{ type: 'ExtensionRef', extensionRef: { group: 'gateway.envoyproxy.io', kind: 'HTTPRouteFilter', name } }],
      upload: undefined,
    });
    expect(result.verdicts).toStrictEqual([v(Behavior.CAPTURE_GROUP_REWRITE, Fidelity.EXACT, /^HTTPRouteFilter `urlRewrite.path.replaceRegexMatch`/, '', Target.RULE)]);
  });

  test('capture-group rewrite on a route: referenced from every rule', () => {
    const { app } = applyTo(profile, Target.ROUTE, { captureGroupRewrite: { pattern: '/(.*)', substitution: '/v2/\\1' } });
    const ref = { type: 'ExtensionRef', extensionRef: { group: 'gateway.envoyproxy.io', kind: 'HTTPRouteFilter', name: nameOf(app, 'HTTPRouteFilter') } };
    expect(ruleFilters(app)).toStrictEqual({ web: [ref], upload: [ref] });
  });

  test('capture-group rewrite: a substitution naming a group the pattern lacks fails at once', () => {
    expect(() => applyTo(profile, Target.ROUTE, { captureGroupRewrite: { pattern: '/(.*)', substitution: '/\\2' } }))
      .toThrow(/substitution "\/\\2" refers to group \\2 but pattern "\(\?i\)\^\(\?:\/\(\.\*\)\)\.\*" has 1 capture group/);
  });

  test('backend HTTPS: the Backend is returned in result.backends, for the rules\' backendRefs', () => {
    const { app, result } = applyTo(profile, Target.ROUTE, { backendHttpsWithoutVerification: { hostname: 'legacy.shop.svc.cluster.local', port: 8443 } });
    expect(result.backends).toHaveLength(1);
    app.route.addRule({ name: 'legacy', backends: result.backends });
    const route = ofKind(app, 'HTTPRoute').find(o => o.metadata.name === 'shop');
    expect(route.spec.rules[2].backendRefs).toStrictEqual([{ group: 'gateway.envoyproxy.io', kind: 'Backend', name: nameOf(app, 'Backend'), port: 8443 }]);
  });

  test('precedence as ingress-nginx: cookie affinity > hash key > load balancing', () => {
    const all = applyTo(profile, Target.GATEWAY, { loadBalancing: LoadBalancingAlgorithm.EWMA, hashKey: '$remote_addr', cookieAffinity: {} });
    expect(created(all.app)).toStrictEqual([btp({ loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'Cookie', cookie: { name: 'INGRESSCOOKIE', ttl: '0s' } } } })]);
    expect(all.result.verdicts).toStrictEqual([
      v(Behavior.LOAD_BALANCING, Fidelity.EXACT, '- (cookie affinity takes precedence, as in ingress-nginx)'),
      v(Behavior.HASH_KEY, Fidelity.EXACT, '- (cookie affinity takes precedence, as in ingress-nginx)'),
      v(Behavior.COOKIE_AFFINITY, Fidelity.APPROXIMATE, /consistentHash.cookie/, /consistent hashing/),
    ]);
    const two = applyTo(profile, Target.GATEWAY, { loadBalancing: LoadBalancingAlgorithm.ROUND_ROBIN, hashKey: '$http_x_tenant' });
    expect(created(two.app)).toStrictEqual([btp({ loadBalancer: { type: 'ConsistentHash', consistentHash: { type: 'Headers', headers: [{ name: 'x-tenant' }] } } })]);
    expect(two.result.verdicts[0]).toStrictEqual(v(Behavior.LOAD_BALANCING, Fidelity.EXACT, '- (the hash key takes precedence, as in ingress-nginx)'));
  });

  test('one call with many behaviours: one policy of each kind, response overrides in order', () => {
    const { app, result } = applyTo(profile, Target.GATEWAY, {
      bodySizeLimit: Size.mebibytes(8),
      connectTimeout: Duration.seconds(3),
      readTimeout: Duration.seconds(30),
      requestTimeout: Duration.seconds(0),
      rateLimit: { requestsPerSecond: 5 },
      authSignin: 'https://login.example.com/',
      customErrorPages: { statusCodes: [404], body: 'gone', contentType: 'text/plain' },
      ipDenyList: ['10.9.0.0/16'],
      ipAllowList: ['10.0.0.0/8'],
      basicAuth: { secretName: 'users' },
      hsts: {},
      requestId: true,
    });
    expect(created(app)).toStrictEqual([
      btp({
        requestBuffer: { limit: '8Mi' },
        timeout: { tcp: { connectTimeout: '3s' }, http: { streamIdleTimeout: '30s', requestTimeout: '0s' } },
        rateLimit: { type: 'Local', local: { rules: rateLimitRules(5, 'Second') } },
        responseOverride: [
          { match: { statusCodes: [{ type: 'Value', value: 429 }] }, response: { statusCode: 503 }, source: 'Local' },
          { match: { statusCodes: [{ type: 'Value', value: 401 }] }, redirect: { scheme: 'https', hostname: 'login.example.com', path: { type: 'ReplaceFullPath', replaceFullPath: '/' }, statusCode: 302 }, source: 'Local' },
          { match: { statusCodes: [{ type: 'Value', value: 404 }] }, response: { contentType: 'text/plain', body: { type: 'Inline', inline: 'gone' } }, source: 'Backend' },
        ],
      }),
      ctp({ headers: { requestID: 'PreserveOrGenerate', lateResponseHeaders: { set: [{ name: 'Strict-Transport-Security', value: DEFAULT_HSTS }] } } }),
      // nginx: `deny <denylist>; allow <allowlist>; deny all;`
      sp({
        authorization: {
          defaultAction: 'Deny',
          rules: [
            { action: 'Deny', principal: { clientCIDRs: ['10.9.0.0/16'] } },
            { action: 'Allow', principal: { clientCIDRs: ['10.0.0.0/8'] } },
          ],
        },
        basicAuth: { users: { name: 'users' } },
      }),
    ]);
    expect(result.resources).toHaveLength(3);
    expect(result.verdicts.map(x => x.behavior)).toStrictEqual([
      Behavior.BODY_SIZE_LIMIT, Behavior.CONNECT_TIMEOUT, Behavior.IDLE_TIMEOUTS, Behavior.REQUEST_TIMEOUT,
      Behavior.IP_ALLOW_LIST, Behavior.IP_DENY_LIST,
      Behavior.RATE_LIMIT, Behavior.BASIC_AUTH, Behavior.AUTH_SIGNIN, Behavior.CUSTOM_ERROR_PAGES, Behavior.HSTS, Behavior.REQUEST_ID,
    ]);
  });
});

