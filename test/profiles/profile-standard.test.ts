// Every behaviour on the standard profile (standard Gateway API only: everything but HSTS on a
// route is reported, nothing is dropped), ImplementationProfile's own API, and the eager input
// checks every profile shares (checkBehaviorSet).
import { Duration, Size, Testing } from 'cdk8s';
import { DEFAULT_HSTS, Target, applyTo, created, hstsFilter, ruleFilters, shopApp, verdict } from './profile-fixture';
import {
  Backend, Behavior, BehaviorSet, Fidelity, ImplementationProfile, LoadBalancingAlgorithm, ProfileName, RetryCondition,
} from '../../src';

const profile = ImplementationProfile.standard();
const STD = ProfileName.STANDARD;
const NO_STANDARD = (what: string) => `standard Gateway API has no ${what}; use the envoy-gateway or nginx-gateway-fabric profile, or an implementation policy.`;

/** One value per behaviour, and the reason standard Gateway API cannot say it. */
const UNSUPPORTED: Array<[Behavior, BehaviorSet, string | RegExp]> = [
  [Behavior.BODY_SIZE_LIMIT, { bodySizeLimit: Size.mebibytes(1) }, NO_STANDARD('request body limit')],
  [Behavior.CONNECT_TIMEOUT, { connectTimeout: Duration.seconds(5) }, NO_STANDARD('backend connect timeout')],
  [Behavior.IDLE_TIMEOUTS, { sendTimeout: Duration.seconds(60) }, /^Gateway API timeouts are deadlines for the whole request, not idle timers/],
  [Behavior.REQUEST_TIMEOUT, { requestTimeout: Duration.seconds(0) }, /pass `timeout` to HttpRoute.addRule \(Duration.seconds\(0\) for none\)/],
  [Behavior.RETRIES, { retries: {} }, /Experimental-channel field of HTTPRoute rules \(`retry`\)/],
  [Behavior.LOAD_BALANCING, { loadBalancing: LoadBalancingAlgorithm.ROUND_ROBIN }, NO_STANDARD('load-balancing setting')],
  [Behavior.HASH_KEY, { hashKey: '$remote_addr' }, NO_STANDARD('consistent hashing')],
  [Behavior.COOKIE_AFFINITY, { cookieAffinity: {} }, /Experimental-channel field of HTTPRoute rules \(`sessionPersistence`\)/],
  [Behavior.IP_ALLOW_LIST, { ipAllowList: ['10.0.0.0/8'] }, NO_STANDARD('client IP filter')],
  [Behavior.IP_DENY_LIST, { ipDenyList: ['10.0.0.0/8'] }, NO_STANDARD('client IP filter')],
  [Behavior.RATE_LIMIT, { rateLimit: { requestsPerSecond: 1 } }, NO_STANDARD('rate limit')],
  [Behavior.CONNECTION_LIMIT, { connectionLimit: 1 }, NO_STANDARD('connection limit')],
  [Behavior.BASIC_AUTH, { basicAuth: { secretName: 'basic-auth' } }, NO_STANDARD('authentication')],
  [Behavior.EXTERNAL_AUTH, { externalAuth: { serviceName: 'auth', port: 80 } }, /ExternalAuth filter is Experimental-channel only/],
  [Behavior.AUTH_SIGNIN, { authSignin: 'https://login.example.com/' }, NO_STANDARD('sign-in redirect')],
  [Behavior.CAPTURE_GROUP_REWRITE, { captureGroupRewrite: { pattern: '/(.*)', substitution: '/\\1' } }, /URLRewrite replaces a whole path or a matched prefix only/],
  [Behavior.CUSTOM_ERROR_PAGES, { customErrorPages: { statusCodes: [503], body: 'x' } }, NO_STANDARD('error page setting')],
  [Behavior.REQUEST_ID, { requestId: true }, NO_STANDARD('request ID setting')],
  [Behavior.PROXY_BUFFERING, { proxyBuffering: false }, 'response buffering is left to the implementation by Gateway API.'],
  [Behavior.BACKEND_HTTPS_WITHOUT_VERIFICATION, { backendHttpsWithoutVerification: { hostname: 'api.example.com', port: 443 } }, /BackendTLSPolicy always verifies/],
  [Behavior.SERVICE_UPSTREAM, { serviceUpstream: true }, NO_STANDARD('setting for proxying to the cluster IP')],
  [Behavior.BANDWIDTH_LIMIT, { bandwidthLimit: Size.kibibytes(100) }, NO_STANDARD('bandwidth limit')],
  [Behavior.PROXY_BUFFERS, { proxyBuffers: { count: 8 } }, 'response buffering is left to the implementation by Gateway API.'],
];

describe('standard profile: each behaviour', () => {
  test('the cases cover every behaviour', () => {
    expect(new Set([...UNSUPPORTED.map(([b]) => b), Behavior.HSTS])).toEqual(new Set(Object.values(Behavior)));
  });

  test.each(UNSUPPORTED)('%s: unsupported, nothing emitted, the route untouched', (behavior, set, note) => {
    const { app, result } = applyTo(profile, Target.ROUTE, set);
    expect(created(app)).toStrictEqual([]);
    expect(ruleFilters(app)).toStrictEqual({ web: undefined, upload: undefined });
    expect(result).toStrictEqual({ verdicts: [verdict(STD, behavior, Fidelity.UNSUPPORTED, '-', note, Target.ROUTE)], resources: [], backends: [] });
  });

  test('HSTS on a route: a ResponseHeaderModifier on every rule, approximate', () => {
    const { app, result } = applyTo(profile, Target.ROUTE, { hsts: {} });
    expect(created(app)).toStrictEqual([]);
    expect(ruleFilters(app)).toStrictEqual({ web: [hstsFilter(DEFAULT_HSTS)], upload: [hstsFilter(DEFAULT_HSTS)] });
    expect(result.verdicts).toStrictEqual([verdict(STD, Behavior.HSTS, Fidelity.APPROXIMATE, 'ResponseHeaderModifier on every rule of the route', 'responses that match no rule (404) carry no HSTS header.', Target.ROUTE)]);
  });

  test('HSTS values: max-age in seconds, includeSubDomains off, preload', () => {
    const { app } = applyTo(profile, Target.ROUTE, { hsts: { maxAge: Duration.days(365 * 2), includeSubDomains: false, preload: true } });
    expect(ruleFilters(app).web).toStrictEqual([hstsFilter('max-age=63072000; preload')]);
  });

  test('HSTS on rules added after the call too', () => {
    const { app } = applyTo(profile, Target.ROUTE, { hsts: {} });
    app.route.addRule({ name: 'late', backends: [Backend.fromServiceName('late', 80)] });
    expect(ruleFilters(app).late).toStrictEqual([hstsFilter(DEFAULT_HSTS)]);
  });

  test.each([
    [Target.GATEWAY, /^the header is set on route rules, and the target is Gateway "edge"; apply it to the HTTPS routes \(Hsts.applyToRoute\)\.$/],
    [Target.LISTENER, /and the target is Gateway "edge\/https"; apply it to the HTTPS routes/],
    [Target.SERVICE, /and the target is Service "web"; apply it/],
    [Target.RULE, /^a rule's filters are fixed when it is added: use Hsts.applyToRule on the rule before adding it, or apply the behaviour to the whole route\.$/],
  ])('HSTS on %s: unsupported', (target, note) => {
    const { app, result } = applyTo(profile, target, { hsts: {} });
    expect(ruleFilters(app)).toStrictEqual({ web: undefined, upload: undefined });
    expect(result.verdicts).toStrictEqual([verdict(STD, Behavior.HSTS, Fidelity.UNSUPPORTED, '-', note, target)]);
  });

  test('every behaviour at once: one verdict each, in Behavior order', () => {
    const all = Object.assign({}, ...UNSUPPORTED.map(([, set]) => set), { readTimeout: Duration.seconds(1), hsts: {} });
    const { result } = applyTo(profile, Target.ROUTE, all);
    expect(result.verdicts.map(x => x.behavior)).toStrictEqual(Object.values(Behavior));
  });
});

describe('ImplementationProfile', () => {
  test('factories and of() give the named profile', () => {
    expect([ImplementationProfile.standard(), ImplementationProfile.envoyGateway(), ImplementationProfile.nginxGatewayFabric()].map(p => p.name))
      .toStrictEqual([ProfileName.STANDARD, ProfileName.ENVOY_GATEWAY, ProfileName.NGINX_GATEWAY_FABRIC]);
    expect(ImplementationProfile.of(ProfileName.NGINX_GATEWAY_FABRIC).name).toBe(ProfileName.NGINX_GATEWAY_FABRIC);
  });

  test('of() with an unknown name fails, listing the names', () => {
    expect(() => ImplementationProfile.of('istio' as ProfileName))
      .toThrow('ImplementationProfile.of: unknown profile "istio"; use standard, envoy-gateway, nginx-gateway-fabric');
  });

  test('verdictOf is the matrix entry', () => {
    expect(ImplementationProfile.verdictOf(Behavior.RATE_LIMIT, ProfileName.NGINX_GATEWAY_FABRIC)).toStrictEqual({
      fidelity: Fidelity.EXACT, emits: 'RateLimitPolicy `rateLimit.local.rules` (`key: $binary_remote_addr`, burst, `noDelay`), `rejectCode`', note: '',
    });
  });

  test('an empty behaviour set gives nothing', () => {
    const { app, result } = applyTo(ImplementationProfile.envoyGateway(), Target.GATEWAY, {});
    expect(created(app)).toStrictEqual([]);
    expect(result).toStrictEqual({ verdicts: [], resources: [], backends: [] });
  });
});

describe('bad behaviour values fail at once, naming the path, field, value and fix', () => {
  const BAD: Array<[string, BehaviorSet, RegExp]> = [
    ['tries 0', { retries: { tries: 0 } }, /retries.tries 0 must be a whole number from 1 to 100 \(the first try included\)/],
    ['tries 1.5', { retries: { tries: 1.5 } }, /retries.tries 1.5 must be a whole number/],
    ['tries 101', { retries: { tries: 101 } }, /retries.tries 101 must be a whole number from 1 to 100/],
    ['retry condition', { retries: { conditions: ['http_418' as RetryCondition] } }, /retries.conditions: "http_418" is not a RetryCondition/],
    ['load balancing', { loadBalancing: 'least_conn' as LoadBalancingAlgorithm }, /loadBalancing "least_conn" is not a LoadBalancingAlgorithm \(round_robin or ewma\)/],
    ['hash key without $', { hashKey: 'remote_addr' }, /hashKey "remote_addr" must be one nginx variable such as \$remote_addr/],
    ['hash key of two variables', { hashKey: '$host$request_uri' }, /hashKey "\$host\$request_uri" must be one nginx variable/],
    ['cookie name', { cookieAffinity: { cookieName: 'my cookie' } }, /cookieAffinity.cookieName "my cookie" is not an RFC 6265 cookie name/],
    ['cookie path', { cookieAffinity: { path: 'app' } }, /cookieAffinity.path "app" must start with "\/" and hold no ";" or control character/],
    ['cookie path with ;', { cookieAffinity: { path: '/a;b' } }, /cookieAffinity.path "\/a;b" must start with "\/"/],
    ['empty allow list', { ipAllowList: [] }, /ipAllowList is empty; give at least one CIDR \(an empty list would deny every client\), or leave it out/],
    ['empty deny list', { ipDenyList: [] }, /ipDenyList is empty; give at least one CIDR \(an empty list would do nothing\)/],
    ['not an address', { ipAllowList: ['10.0.0.0/8', 'office'] }, /ipAllowList: "office" is not an IP address or CIDR \(e.g. 10.0.0.0\/8, 2001:db8::\/32\)/],
    ['prefix too long', { ipDenyList: ['10.0.0.0/33'] }, /ipDenyList: "10.0.0.0\/33" is not an IP address or CIDR/],
    ['IPv6 prefix too long', { ipDenyList: ['2001:db8::/129'] }, /ipDenyList: "2001:db8::\/129"/],
    ['prefix with a leading zero', { ipDenyList: ['10.0.0.0/08'] }, /ipDenyList: "10.0.0.0\/08"/],
    ['two prefixes', { ipDenyList: ['10.0.0.0/8/8'] }, /ipDenyList: "10.0.0.0\/8\/8"/],
    ['zoned address', { ipAllowList: ['fe80::1%eth0'] }, /ipAllowList: "fe80::1%eth0"/],
    ['no rate', { rateLimit: {} }, /rateLimit needs exactly one of requestsPerSecond and requestsPerMinute/],
    ['two rates', { rateLimit: { requestsPerSecond: 1, requestsPerMinute: 60 } }, /rateLimit needs exactly one of requestsPerSecond and requestsPerMinute/],
    ['rate 0', { rateLimit: { requestsPerSecond: 0 } }, /rateLimit: the rate 0 must be a whole number above 0/],
    ['rate 1.5 rpm', { rateLimit: { requestsPerMinute: 1.5 } }, /rateLimit: the rate 1.5 must be a whole number above 0/],
    ['burst multiplier', { rateLimit: { requestsPerSecond: 1, burstMultiplier: 0 } }, /rateLimit.burstMultiplier 0 must be a whole number above 0/],
    ['reject status 200', { rateLimit: { requestsPerSecond: 1, rejectStatus: 200 } }, /rateLimit.rejectStatus 200 must be an HTTP error status \(400-599\)/],
    ['reject status 600', { rateLimit: { requestsPerSecond: 1, rejectStatus: 600 } }, /rateLimit.rejectStatus 600 must be/],
    ['reject status 503.5', { rateLimit: { requestsPerSecond: 1, rejectStatus: 503.5 } }, /rateLimit.rejectStatus 503.5 must be/],
    ['connection limit', { connectionLimit: -1 }, /connectionLimit -1 must be a whole number above 0/],
    ['basic auth Secret', { basicAuth: { secretName: 'Basic_Auth' } }, /basicAuth.secretName: .*Basic_Auth/],
    ['external auth Service', { externalAuth: { serviceName: 'Auth!', port: 80 } }, /externalAuth: .*Auth!/],
    ['external auth port', { externalAuth: { serviceName: 'auth', port: 70000 } }, /externalAuth: .*70000/],
    ['external auth path', { externalAuth: { serviceName: 'auth', port: 80, path: 'check' } }, /externalAuth.path "check" must start with "\/"/],
    ['sign-in path', { authSignin: '/login' }, /authSignin "\/login" must be an absolute http:\/\/ or https:\/\/ URL/],
    ['sign-in scheme', { authSignin: 'ftp://login.example.com/' }, /authSignin "ftp:\/\/login.example.com\/" must be an absolute/],
    ['no error status', { customErrorPages: { statusCodes: [], body: 'x' } }, /customErrorPages.statusCodes is empty; give the backend statuses to replace/],
    ['error status 302', { customErrorPages: { statusCodes: [404, 302], body: 'x' } }, /customErrorPages.statusCodes: 302 must be an HTTP error status \(400-599\)/],
    ['HSTS max age', { hsts: { maxAge: Duration.millis(1500) } }, /hsts.maxAge 1500ms must be a whole number of seconds/],
    ['backend hostname', { backendHttpsWithoutVerification: { hostname: 'Not A Host', port: 443 } }, /backendHttpsWithoutVerification: .*Not A Host/],
    ['backend port', { backendHttpsWithoutVerification: { hostname: 'api.example.com', port: 0 } }, /backendHttpsWithoutVerification: .*\b0\b/],
    ['empty rewrite pattern', { captureGroupRewrite: { pattern: '', substitution: '/' } }, /captureGroupRewrite.pattern is empty/],
  ];

  test.each(BAD)('%s', (_name, set, message) => {
    const app = shopApp();
    const apply = () => ImplementationProfile.envoyGateway().apply(app.chart, 'Upload', app.route, set);
    expect(apply).toThrow(message);
    expect(apply).toThrow(/^ImplementationProfile envoy-gateway test\/Upload: /);
    // Nothing was added to the tree.
    expect(app.chart.node.tryFindChild('Upload')).toBeUndefined();
  });

  test('the same check on every profile', () => {
    for (const p of [ImplementationProfile.standard(), ImplementationProfile.nginxGatewayFabric()]) {
      const app = shopApp();
      expect(() => p.apply(app.chart, 'Admin', app.gateway, { ipAllowList: [] })).toThrow(new RegExp(`^ImplementationProfile ${p.name} test/Admin: ipAllowList is empty`));
    }
  });

  test('applied at the root of an app, the path is the id', () => {
    expect(() => ImplementationProfile.standard().apply(Testing.app(), 'Root', shopApp().gateway, { connectionLimit: 0 }))
      .toThrow(/^ImplementationProfile standard Root: connectionLimit 0 must be a whole number above 0$/);
  });

  test('valid edge values pass: tries 1 and 100, statuses 400 and 599, IPv6 /128, whole seconds', () => {
    const app = shopApp();
    expect(() => ImplementationProfile.standard().apply(app.chart, 'Ok', app.route, {
      retries: { tries: 100 },
      rateLimit: { requestsPerMinute: 1, rejectStatus: 599 },
      customErrorPages: { statusCodes: [400, 599], body: '' },
      ipAllowList: ['2001:db8::/128', '0.0.0.0/0'],
      hsts: { maxAge: Duration.millis(2000) },
      cookieAffinity: { cookieName: 'INGRESSCOOKIE', path: '/' },
      authSignin: 'http://login',
    })).not.toThrow();
  });
});
