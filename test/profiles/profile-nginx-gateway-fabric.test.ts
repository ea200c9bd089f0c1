// Every behaviour on the nginx-gateway-fabric profile: the exact objects (ingress-nginx
// semantics reference, NGINX Gateway Fabric v2.6 field paths) and the exact verdict.
import { Duration, Size } from 'cdk8s';
import {
  DEFAULT_HSTS, GATEWAY_REF, KindAndSpec, ROUTE_REF, SERVICE_REFS, Target, applyTo, created, hstsFilter, nameOf, ruleFilters, verdict,
} from './profile-fixture';
import {
  Behavior, BehaviorSet, Fidelity, ImplementationProfile, LoadBalancingAlgorithm, ProfileName, RetryCondition,
} from '../../src';

const profile = ImplementationProfile.nginxGatewayFabric();
const NGF = ProfileName.NGINX_GATEWAY_FABRIC;
const csp = (spec: object, targetRef: object = GATEWAY_REF): KindAndSpec => ({ kind: 'ClientSettingsPolicy', spec: { ...spec, targetRef } });
const psp = (spec: object, targetRefs: object[] = [GATEWAY_REF]): KindAndSpec => ({ kind: 'ProxySettingsPolicy', spec: { ...spec, targetRefs } });
const rlp = (spec: object, targetRefs: object[] = [GATEWAY_REF]): KindAndSpec => ({ kind: 'RateLimitPolicy', spec: { ...spec, targetRefs } });
const usp = (spec: object): KindAndSpec => ({ kind: 'UpstreamSettingsPolicy', spec: { ...spec, targetRefs: SERVICE_REFS } });
const v = (b: Behavior, f: Fidelity, emits: string | RegExp, note: string | RegExp = '', target = Target.GATEWAY) => verdict(NGF, b, f, emits, note, target);
const SNIPPET = (directive: string) => new RegExp(`^NGINX Gateway Fabric can express this only with a SnippetsFilter \\(${directive}\\), which this library never emits`);

interface Case {
  readonly name: string;
  readonly set: BehaviorSet;
  readonly target?: Target;
  readonly services?: boolean;
  readonly objects: KindAndSpec[];
  readonly verdict: ReturnType<typeof v>;
}

const CASES: Case[] = [
  {
    name: 'body size limit: ClientSettingsPolicy body.maxSize (single targetRef)',
    set: { bodySizeLimit: Size.mebibytes(50) },
    objects: [csp({ body: { maxSize: '50m' } })],
    verdict: v(Behavior.BODY_SIZE_LIMIT, Fidelity.EXACT, 'ClientSettingsPolicy `body.maxSize`'),
  },
  {
    name: 'body size limit 0: client_max_body_size 0 turns the check off, as in ingress-nginx',
    set: { bodySizeLimit: Size.kibibytes(0) },
    target: Target.ROUTE,
    objects: [csp({ body: { maxSize: '0' } }, ROUTE_REF)],
    verdict: v(Behavior.BODY_SIZE_LIMIT, Fidelity.EXACT, 'ClientSettingsPolicy `body.maxSize`', '', Target.ROUTE),
  },
  {
    name: 'connect timeout: ProxySettingsPolicy timeout.connect',
    set: { connectTimeout: Duration.seconds(5) },
    objects: [psp({ timeout: { connect: '5s' } })],
    verdict: v(Behavior.CONNECT_TIMEOUT, Fidelity.EXACT, 'ProxySettingsPolicy `timeout.connect`'),
  },
  {
    name: 'idle timeouts: timeout.read and timeout.send, exact nginx semantics',
    set: { readTimeout: Duration.seconds(60), sendTimeout: Duration.seconds(30) },
    objects: [psp({ timeout: { read: '1m', send: '30s' } })],
    verdict: v(Behavior.IDLE_TIMEOUTS, Fidelity.EXACT, 'ProxySettingsPolicy `timeout.read`, `timeout.send`'),
  },
  {
    name: 'idle timeouts: send only',
    set: { sendTimeout: Duration.seconds(120) },
    objects: [psp({ timeout: { send: '2m' } })],
    verdict: v(Behavior.IDLE_TIMEOUTS, Fidelity.EXACT, 'ProxySettingsPolicy `timeout.read`, `timeout.send`'),
  },
  {
    name: 'request timeout 0: nginx has no deadline, nothing emitted',
    set: { requestTimeout: Duration.seconds(0) },
    objects: [],
    verdict: v(Behavior.REQUEST_TIMEOUT, Fidelity.EXACT, /^- \(nginx has no request deadline/),
  },
  {
    name: 'request timeout 30 s: unsupported',
    set: { requestTimeout: Duration.seconds(30) },
    objects: [],
    verdict: v(Behavior.REQUEST_TIMEOUT, Fidelity.UNSUPPORTED, '-', /has no request deadline \(it rejects HTTPRoute timeouts\)/),
  },
  {
    name: 'retries: nginx\'s own error timeout, tries not settable',
    set: { retries: { tries: 3, conditions: [RetryCondition.ERROR, RetryCondition.TIMEOUT] } },
    objects: [],
    verdict: v(Behavior.RETRIES, Fidelity.APPROXIMATE, '-', /keeps nginx's `proxy_next_upstream error timeout` with no limit on tries/),
  },
  {
    name: 'load balancing round robin on the Services',
    set: { loadBalancing: LoadBalancingAlgorithm.ROUND_ROBIN },
    services: true,
    objects: [usp({ loadBalancingMethod: 'round_robin' })],
    verdict: v(Behavior.LOAD_BALANCING, Fidelity.EXACT, /^UpstreamSettingsPolicy `loadBalancingMethod: round_robin` on the backend Services/),
  },
  {
    name: 'load balancing EWMA: least_conn, approximate',
    set: { loadBalancing: LoadBalancingAlgorithm.EWMA },
    services: true,
    objects: [usp({ loadBalancingMethod: 'least_conn' })],
    verdict: v(Behavior.LOAD_BALANCING, Fidelity.APPROXIMATE, 'UpstreamSettingsPolicy `loadBalancingMethod: least_conn`', /fewest active connections, not the lowest peak EWMA/),
  },
  {
    name: 'load balancing without services: unsupported',
    set: { loadBalancing: LoadBalancingAlgorithm.ROUND_ROBIN },
    objects: [],
    verdict: v(Behavior.LOAD_BALANCING, Fidelity.UNSUPPORTED, '-', /per backend Service \(UpstreamSettingsPolicy\): pass the Services in `services`/),
  },
  {
    name: 'hash key: hash consistent with the nginx variable',
    set: { hashKey: '$request_uri' },
    services: true,
    objects: [usp({ loadBalancingMethod: 'hash consistent', hashMethodKey: '$request_uri' })],
    verdict: v(Behavior.HASH_KEY, Fidelity.EXACT, 'UpstreamSettingsPolicy `loadBalancingMethod: hash consistent`, `hashMethodKey`'),
  },
  {
    name: 'hash key with capitals: unsupported (hashMethodKey ^\\$[a-z_]+$)',
    set: { hashKey: '$http_X_User' },
    services: true,
    objects: [],
    verdict: v(Behavior.HASH_KEY, Fidelity.UNSUPPORTED, '-', /hashes on one nginx variable \(hashMethodKey .*\), and "\$http_X_User" is not one/),
  },
  {
    name: 'hash key without services: unsupported',
    set: { hashKey: '$remote_addr' },
    objects: [],
    verdict: v(Behavior.HASH_KEY, Fidelity.UNSUPPORTED, '-', /pass the Services in `services`/),
  },
  {
    name: 'cookie affinity: ip_hash, approximate',
    set: { cookieAffinity: { cookieName: 'route' } },
    services: true,
    objects: [usp({ loadBalancingMethod: 'ip_hash' })],
    verdict: v(Behavior.COOKIE_AFFINITY, Fidelity.APPROXIMATE, 'UpstreamSettingsPolicy `loadBalancingMethod: ip_hash`', /cannot issue affinity cookies \(session persistence needs NGINX Plus\)/),
  },
  {
    name: 'IP allow list: unsupported (snippets)',
    set: { ipAllowList: ['10.0.0.0/8'] },
    objects: [],
    verdict: v(Behavior.IP_ALLOW_LIST, Fidelity.UNSUPPORTED, '-', SNIPPET('allow/deny')),
  },
  {
    name: 'IP deny list: unsupported (snippets)',
    set: { ipDenyList: ['10.0.0.0/8'] },
    objects: [],
    verdict: v(Behavior.IP_DENY_LIST, Fidelity.UNSUPPORTED, '-', SNIPPET('deny')),
  },
  {
    name: 'rate limit rps: limit_req per client IP, burst x5, nodelay, 503, 5m zone',
    set: { rateLimit: { requestsPerSecond: 10 } },
    objects: [rlp({ rateLimit: { local: { rules: [{ rate: '10r/s', key: '$binary_remote_addr', burst: 50, noDelay: true, zoneSize: '5m' }] }, rejectCode: 503 } })],
    verdict: v(Behavior.RATE_LIMIT, Fidelity.EXACT, /^RateLimitPolicy `rateLimit.local.rules` \(`key: \$binary_remote_addr`, burst, `noDelay`\), `rejectCode`$/),
  },
  {
    name: 'rate limit rpm, burst multiplier 2, 429',
    set: { rateLimit: { requestsPerMinute: 100, burstMultiplier: 2, rejectStatus: 429 } },
    target: Target.ROUTE,
    objects: [rlp({ rateLimit: { local: { rules: [{ rate: '100r/m', key: '$binary_remote_addr', burst: 200, noDelay: true, zoneSize: '5m' }] }, rejectCode: 429 } }, [ROUTE_REF])],
    verdict: v(Behavior.RATE_LIMIT, Fidelity.EXACT, /^RateLimitPolicy/, '', Target.ROUTE),
  },
  {
    name: 'connection limit: unsupported (snippets)',
    set: { connectionLimit: 5 },
    objects: [],
    verdict: v(Behavior.CONNECTION_LIMIT, Fidelity.UNSUPPORTED, '-', SNIPPET('limit_conn')),
  },
  {
    name: 'basic auth on a Gateway: unsupported, no filter left behind',
    set: { basicAuth: { secretName: 'basic-auth' } },
    objects: [],
    verdict: v(Behavior.BASIC_AUTH, Fidelity.UNSUPPORTED, '-', /^the filter attaches to HTTPRoute rules, and the target is Gateway "edge"; apply it to the HTTPRoutes/),
  },
  {
    name: 'external auth: unsupported (snippets)',
    set: { externalAuth: { serviceName: 'auth', port: 80 } },
    objects: [],
    verdict: v(Behavior.EXTERNAL_AUTH, Fidelity.UNSUPPORTED, '-', SNIPPET('auth_request')),
  },
  {
    name: 'auth sign-in: unsupported (snippets)',
    set: { authSignin: 'https://login.example.com/' },
    objects: [],
    verdict: v(Behavior.AUTH_SIGNIN, Fidelity.UNSUPPORTED, '-', SNIPPET('error_page 401')),
  },
  {
    name: 'capture-group rewrite: unsupported (snippets)',
    set: { captureGroupRewrite: { pattern: '/a/(.*)', substitution: '/\\1' } },
    target: Target.ROUTE,
    objects: [],
    verdict: v(Behavior.CAPTURE_GROUP_REWRITE, Fidelity.UNSUPPORTED, '-', SNIPPET('rewrite'), Target.ROUTE),
  },
  {
    name: 'custom error pages: unsupported (snippets)',
    set: { customErrorPages: { statusCodes: [503], body: 'x' } },
    objects: [],
    verdict: v(Behavior.CUSTOM_ERROR_PAGES, Fidelity.UNSUPPORTED, '-', SNIPPET('error_page')),
  },
  {
    name: 'HSTS on a Gateway: unsupported (apply it to the HTTPS routes)',
    set: { hsts: {} },
    objects: [],
    verdict: v(Behavior.HSTS, Fidelity.UNSUPPORTED, '-', /the header is set on route rules, and the target is Gateway "edge"; apply it to the HTTPS routes \(Hsts.applyToRoute\)/),
  },
  {
    name: 'request ID: unsupported (snippets)',
    set: { requestId: true },
    objects: [],
    verdict: v(Behavior.REQUEST_ID, Fidelity.UNSUPPORTED, '-', SNIPPET('proxy_set_header X-Request-ID')),
  },
  {
    name: 'request ID off: nginx passes the client\'s on, exact',
    set: { requestId: false },
    objects: [],
    verdict: v(Behavior.REQUEST_ID, Fidelity.EXACT, '- (nginx passes the client\'s X-Request-ID on and generates none)'),
  },
  {
    name: 'proxy buffering off: buffering.disable',
    set: { proxyBuffering: false },
    objects: [psp({ buffering: { disable: true } })],
    verdict: v(Behavior.PROXY_BUFFERING, Fidelity.EXACT, 'ProxySettingsPolicy `buffering.disable`'),
  },
  {
    name: 'proxy buffering on: nginx\'s default, nothing emitted',
    set: { proxyBuffering: true },
    objects: [],
    verdict: v(Behavior.PROXY_BUFFERING, Fidelity.EXACT, '- (nginx buffers responses by default)'),
  },
  {
    name: 'proxy buffering on over a route: buffering.disable false (the Gateway policy turns it off)',
    set: { proxyBuffering: true },
    target: Target.ROUTE,
    objects: [psp({ buffering: { disable: false } }, [ROUTE_REF])],
    verdict: v(Behavior.PROXY_BUFFERING, Fidelity.EXACT, /^ProxySettingsPolicy `buffering.disable: false`/, '', Target.ROUTE),
  },
  {
    name: 'proxy buffers: bufferSize, buffers of that size (as ingress-nginx renders proxy_buffers), busyBuffersSize',
    set: { proxyBuffers: { bufferSize: Size.kibibytes(16), count: 8, busyBuffersSize: Size.kibibytes(32) } },
    objects: [psp({ buffering: { bufferSize: '16k', buffers: { number: 8, size: '16k' }, busyBuffersSize: '32k' } })],
    verdict: v(Behavior.PROXY_BUFFERS, Fidelity.EXACT, /^ProxySettingsPolicy `buffering.bufferSize`/),
  },
  {
    name: 'proxy buffers: ingress-nginx\'s defaults (4 × 4k) fill what is not given',
    set: { proxyBuffers: { count: 8 } },
    objects: [psp({ buffering: { bufferSize: '4k', buffers: { number: 8, size: '4k' } } })],
    verdict: v(Behavior.PROXY_BUFFERS, Fidelity.EXACT, /^ProxySettingsPolicy `buffering.bufferSize`/),
  },
  {
    name: 'service upstream: unsupported',
    set: { serviceUpstream: true },
    objects: [],
    verdict: v(Behavior.SERVICE_UPSTREAM, Fidelity.UNSUPPORTED, '-', /always proxies to the Pod endpoints/),
  },
  {
    name: 'bandwidth limit: only with a snippet',
    set: { bandwidthLimit: Size.kibibytes(100) },
    objects: [],
    verdict: v(Behavior.BANDWIDTH_LIMIT, Fidelity.UNSUPPORTED, '-', SNIPPET('limit_rate')),
  },
  {
    name: 'backend HTTPS without verification: unsupported',
    set: { backendHttpsWithoutVerification: { hostname: 'api.example.com', port: 443 } },
    objects: [],
    verdict: v(Behavior.BACKEND_HTTPS_WITHOUT_VERIFICATION, Fidelity.UNSUPPORTED, '-', 'NGINX Gateway Fabric verifies backend TLS through BackendTLSPolicy only.'),
  },
];

describe('nginx-gateway-fabric profile: each behaviour', () => {
  test('the cases cover every behaviour', () => {
    expect(new Set(CASES.map(c => c.verdict.behavior))).toEqual(new Set(Object.values(Behavior)));
  });

  test.each(CASES.map(c => [c.name, c] as const))('%s', (_name, c) => {
    // WHEN
    const { app, result } = applyTo(profile, c.target ?? Target.GATEWAY, c.set, c.services);
    // THEN
    expect(created(app)).toStrictEqual(c.objects);
    expect(result.verdicts).toStrictEqual([c.verdict]);
    expect(result.resources).toHaveLength(c.objects.length);
    expect(result.backends).toStrictEqual([]);
    expect(ruleFilters(app)).toStrictEqual({ web: undefined, upload: undefined });
  });
});

describe('nginx-gateway-fabric profile: targets and downgrades', () => {
  const policyBehaviors: BehaviorSet = {
    bodySizeLimit: Size.mebibytes(1),
    connectTimeout: Duration.seconds(5),
    readTimeout: Duration.seconds(60),
    rateLimit: { requestsPerSecond: 1 },
    proxyBuffering: false,
  };

  test.each([Target.RULE, Target.LISTENER])('on %s: policies have no sectionName, every policy behaviour unsupported', (target) => {
    const { app, result } = applyTo(profile, target, policyBehaviors);
    expect(created(app)).toStrictEqual([]);
    const why = new RegExp(`^NGINX Gateway Fabric policies attach to whole Gateways and routes \\(their targetRefs have no sectionName\\), and the target is ${target.replace(/[/"]/g, m => `\\${m}`)}; put the rule in its own HTTPRoute`);
    const policyKinds = [Behavior.BODY_SIZE_LIMIT, Behavior.CONNECT_TIMEOUT, Behavior.IDLE_TIMEOUTS, Behavior.RATE_LIMIT, Behavior.PROXY_BUFFERING];
    expect(result.verdicts).toStrictEqual(policyKinds
      .map(b => v(b, Fidelity.UNSUPPORTED, '-', why, target)));
  });

  test('on one rule, buffering on stays exact (nothing to emit)', () => {
    const { result } = applyTo(profile, Target.RULE, { proxyBuffering: true });
    expect(result.verdicts).toStrictEqual([v(Behavior.PROXY_BUFFERING, Fidelity.EXACT, '- (nginx buffers responses by default)', '', Target.RULE)]);
  });

  test('on a Service: policy behaviours unsupported', () => {
    const { app, result } = applyTo(profile, Target.SERVICE, { connectTimeout: Duration.seconds(5) });
    expect(created(app)).toStrictEqual([]);
    expect(result.verdicts).toStrictEqual([v(Behavior.CONNECT_TIMEOUT, Fidelity.UNSUPPORTED, '-', 'NGINX Gateway Fabric policies attach to Gateways and routes, and the target is Service "web".', Target.SERVICE)]);
  });

  test('on a route: every policy on the route, in one object per kind', () => {
    const { app, result } = applyTo(profile, Target.ROUTE, policyBehaviors);
    expect(created(app)).toStrictEqual([
      csp({ body: { maxSize: '1m' } }, ROUTE_REF),
      psp({ timeout: { connect: '5s', read: '1m' }, buffering: { disable: true } }, [ROUTE_REF]),
      rlp({ rateLimit: { local: { rules: [{ rate: '1r/s', key: '$binary_remote_addr', burst: 5, noDelay: true, zoneSize: '5m' }] }, rejectCode: 503 } }, [ROUTE_REF]),
    ]);
    expect(result.resources).toHaveLength(3);
    expect(result.verdicts.every(x => x.fidelity === Fidelity.EXACT && x.target === Target.ROUTE)).toBe(true);
  });

  test('basic auth on a route: an AuthenticationFilter referenced from every rule', () => {
    const { app, result } = applyTo(profile, Target.ROUTE, { basicAuth: { secretName: 'basic-auth' } });
    const name = nameOf(app, 'AuthenticationFilter');
    // ingress-nginx's auth-realm default is the empty string.
    expect(created(app)).toStrictEqual([{ kind: 'AuthenticationFilter', spec: { type: 'Basic', basic: { secretRef: { name: 'basic-auth' }, realm: '' } } }]);
    const ref = { type: 'ExtensionRef', extensionRef: { group: 'gateway.nginx.org', kind: 'AuthenticationFilter', name } };
    expect(ruleFilters(app)).toStrictEqual({ web: [ref], upload: [ref] });
    expect(result.verdicts).toStrictEqual([v(Behavior.BASIC_AUTH, Fidelity.APPROXIMATE, 'AuthenticationFilter `basic` (Secret key `auth`), referenced from the rules', /reads only Secrets of type `nginx.org\/htpasswd`/, Target.ROUTE)]);
  });

  test('basic auth on one rule, with a realm: the filter on that rule only', () => {
    const { app } = applyTo(profile, Target.RULE, { basicAuth: { secretName: 'basic-auth', realm: 'Shop admin' } });
    expect(created(app)).toStrictEqual([{ kind: 'AuthenticationFilter', spec: { type: 'Basic', basic: { secretRef: { name: 'basic-auth' }, realm: 'Shop admin' } } }]);
    expect(ruleFilters(app)).toStrictEqual({
      web: [{ type: 'ExtensionRef', extensionRef: { group: 'gateway.nginx.org', kind: 'AuthenticationFilter', name: nameOf(app, 'AuthenticationFilter') } }],
      upload: undefined,
    });
  });

  test('HSTS on a route: a ResponseHeaderModifier on every rule, approximate', () => {
    const { app, result } = applyTo(profile, Target.ROUTE, { hsts: { preload: true } });
    expect(created(app)).toStrictEqual([]);
    const value = `${DEFAULT_HSTS}; preload`;
    expect(ruleFilters(app)).toStrictEqual({ web: [hstsFilter(value)], upload: [hstsFilter(value)] });
    expect(result.verdicts).toStrictEqual([v(Behavior.HSTS, Fidelity.APPROXIMATE, 'ResponseHeaderModifier on every rule of the route', 'responses that match no rule (404) carry no HSTS header.', Target.ROUTE)]);
  });

  test('precedence as ingress-nginx: cookie affinity > hash key > load balancing, one UpstreamSettingsPolicy', () => {
    const all = applyTo(profile, Target.ROUTE, { loadBalancing: LoadBalancingAlgorithm.ROUND_ROBIN, hashKey: '$remote_addr', cookieAffinity: {} }, true);
    expect(created(all.app)).toStrictEqual([usp({ loadBalancingMethod: 'ip_hash' })]);
    expect(all.result.verdicts.map(x => [x.behavior, x.fidelity, x.emits])).toStrictEqual([
      [Behavior.LOAD_BALANCING, Fidelity.EXACT, '- (cookie affinity takes precedence, as in ingress-nginx)'],
      [Behavior.HASH_KEY, Fidelity.EXACT, '- (cookie affinity takes precedence, as in ingress-nginx)'],
      [Behavior.COOKIE_AFFINITY, Fidelity.APPROXIMATE, 'UpstreamSettingsPolicy `loadBalancingMethod: ip_hash`'],
    ]);
    const two = applyTo(profile, Target.ROUTE, { loadBalancing: LoadBalancingAlgorithm.EWMA, hashKey: '$remote_addr' }, true);
    expect(created(two.app)).toStrictEqual([usp({ loadBalancingMethod: 'hash consistent', hashMethodKey: '$remote_addr' })]);
    expect(two.result.verdicts[0].emits).toBe('- (the hash key takes precedence, as in ingress-nginx)');
  });

  test('one call with many behaviours: one policy of each kind', () => {
    const { app, result } = applyTo(profile, Target.ROUTE, {
      ...policyBehaviors,
      sendTimeout: Duration.seconds(10),
      loadBalancing: LoadBalancingAlgorithm.ROUND_ROBIN,
      basicAuth: { secretName: 'users' },
      ipAllowList: ['10.0.0.0/8'],
      retries: {},
    }, true);
    expect(created(app).map(o => o.kind)).toStrictEqual(['AuthenticationFilter', 'ClientSettingsPolicy', 'ProxySettingsPolicy', 'RateLimitPolicy', 'UpstreamSettingsPolicy']);
    expect(created(app)[2]).toStrictEqual(psp({ timeout: { connect: '5s', read: '1m', send: '10s' }, buffering: { disable: true } }, [ROUTE_REF]));
    expect(result.resources).toHaveLength(5);
    expect(result.verdicts.map(x => `${x.behavior}:${x.fidelity}`)).toStrictEqual([
      'body-size-limit:exact', 'connect-timeout:exact', 'idle-timeouts:exact', 'retries:approximate', 'load-balancing:exact',
      'ip-allow-list:unsupported', 'rate-limit:exact', 'basic-auth:approximate', 'proxy-buffering:exact',
    ]);
  });
});
