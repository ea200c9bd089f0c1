import { Chart, Duration, Size, Testing } from 'cdk8s';
import {
  Backend, CertificateRef, Gateway, GatewayClass, GrpcRoute, HttpRoute, IPolicyTarget, PathMatch, PolicyTarget,
} from '../../../src';
import {
  BackendTrafficPolicy, BandwidthLimitUnit, LoadBalancer, RateLimitUnit, RedirectScheme, ResponseBody, ResponseOverride,
  ResponseOverrideSource, RetryTrigger, RoutingType,
} from '../../../src/profiles/envoy-gateway';

const GW = 'gateway.networking.k8s.io';

function nsChart(namespace = 'shop'): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

function edge(chart: Chart): Gateway {
  const gateway = new Gateway(chart, 'Edge', { metadata: { name: 'edge' }, gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Eg', 'eg') });
  gateway.addHttpListener();
  gateway.addHttpsListener({ certificates: [CertificateRef.fromSecretName('tls')] });
  return gateway;
}

function shopRoute(chart: Chart, gateway: Gateway): HttpRoute {
  return new HttpRoute(chart, 'Route', {
    metadata: { name: 'shop' },
    parents: [gateway.listener('https')],
    rules: [
      { name: 'web', matches: [{ path: PathMatch.prefix('/') }], backends: [Backend.fromServiceName('web', 80)] },
      { name: 'upload', matches: [{ path: PathMatch.prefix('/upload') }], backends: [Backend.fromServiceName('upload', 8080)] },
    ],
  });
}

function listener(gateway: Gateway, name: string): IPolicyTarget {
  return gateway.listener(name) as unknown as IPolicyTarget;
}

function policies(chart: Chart): any[] {
  return Testing.synth(chart).filter(o => o.kind === 'BackendTrafficPolicy');
}

const routeRef = { group: GW, kind: 'HTTPRoute', name: 'shop' };
const someRoute = PolicyTarget.fromRef({ group: GW, kind: 'HTTPRoute', name: 'web' });

describe('BackendTrafficPolicy', () => {
  test('kitchen sink: every prop set renders the exact object and passes the CRD', () => {
    // GIVEN
    const chart = nsChart();
    const route = shopRoute(chart, edge(chart));
    // WHEN
    const policy = new BackendTrafficPolicy(chart, 'Btp', {
      metadata: { name: 'all' },
      targets: [route.ruleTarget('web')],
      connectTimeout: Duration.seconds(5),
      requestTimeout: Duration.seconds(0),
      streamIdleTimeout: Duration.seconds(60),
      connectionIdleTimeout: Duration.minutes(90),
      retry: {
        numRetries: 2,
        triggers: [RetryTrigger.CONNECT_FAILURE, RetryTrigger.RETRIABLE_STATUS_CODES, RetryTrigger.CONNECT_FAILURE],
        httpStatusCodes: [502, 503, 502],
        perRetryTimeout: Duration.seconds(2),
        backOffBaseInterval: Duration.millis(100),
        backOffMaxInterval: Duration.seconds(1),
      },
      loadBalancer: LoadBalancer.consistentHashByCookie('INGRESSCOOKIE', { ttl: Duration.seconds(0), attributes: { SameSite: 'Lax', Path: '/' } }),
      requestBufferLimit: Size.mebibytes(1),
      rateLimitPerClientIp: { requests: 10, unit: RateLimitUnit.SECOND },
      responseOverrides: [
        ResponseOverride.respond({
          statusCodes: [429],
          source: ResponseOverrideSource.LOCAL,
          response: { statusCode: 503, contentType: 'text/plain', body: ResponseBody.inline('busy'), headers: { set: { 'Retry-After': '1' }, add: { 'X-Why': 'limit' } } },
        }),
        ResponseOverride.respond({ statusCodeRanges: [{ start: 500, end: 504 }], source: ResponseOverrideSource.BACKEND, response: { body: ResponseBody.fromConfigMapName('errors') } }),
      ],
      bandwidthLimit: { request: { limit: Size.kibibytes(100) }, response: { limit: Size.mebibytes(1), unit: BandwidthLimitUnit.MINUTE } },
      routingType: RoutingType.SERVICE,
    });
    policy.addResponseOverride(ResponseOverride.redirect({
      statusCodes: [401], source: ResponseOverrideSource.LOCAL, hostname: 'login.example.com', path: '/signin', scheme: RedirectScheme.HTTPS, port: 8443, statusCode: 302,
    }));
    // THEN
    expect(policies(chart)).toStrictEqual([{
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'BackendTrafficPolicy',
      metadata: { name: 'all', namespace: 'shop' },
      spec: {
        targetRefs: [{ ...routeRef, sectionName: 'web' }],
        timeout: {
          tcp: { connectTimeout: '5s' },
          http: { requestTimeout: '0s', streamIdleTimeout: '1m', connectionIdleTimeout: '1h30m' },
        },
        retry: {
          numRetries: 2,
          retryOn: { triggers: ['connect-failure', 'retriable-status-codes'], httpStatusCodes: [502, 503] },
          perRetry: { timeout: '2s', backOff: { baseInterval: '100ms', maxInterval: '1s' } },
        },
        loadBalancer: {
          type: 'ConsistentHash',
          consistentHash: { type: 'Cookie', cookie: { name: 'INGRESSCOOKIE', ttl: '0s', attributes: { Path: '/', SameSite: 'Lax' } } },
        },
        requestBuffer: { limit: '1Mi' },
        rateLimit: {
          type: 'Local',
          local: {
            rules: [
              { clientSelectors: [{ sourceCIDR: { type: 'Distinct', value: '0.0.0.0/0' } }], limit: { requests: 10, unit: 'Second' } },
              { clientSelectors: [{ sourceCIDR: { type: 'Distinct', value: '::/0' } }], limit: { requests: 10, unit: 'Second' } },
            ],
          },
        },
        responseOverride: [
          {
            match: { statusCodes: [{ type: 'Value', value: 429 }] },
            response: {
              statusCode: 503,
              contentType: 'text/plain',
              body: { type: 'Inline', inline: 'busy' },
              header: { set: [{ name: 'Retry-After', value: '1' }], add: [{ name: 'X-Why', value: 'limit' }] },
            },
            source: 'Local',
          },
          {
            match: { statusCodes: [{ type: 'Range', range: { start: 500, end: 504 } }] },
            response: { body: { type: 'ValueRef', valueRef: { group: '', kind: 'ConfigMap', name: 'errors' } } },
            source: 'Backend',
          },
          {
            match: { statusCodes: [{ type: 'Value', value: 401 }] },
            redirect: { scheme: 'https', hostname: 'login.example.com', port: 8443, path: { type: 'ReplaceFullPath', replaceFullPath: '/signin' }, statusCode: 302 },
            source: 'Local',
          },
        ],
        bandwidthLimit: {
          request: { limit: { value: '100Ki', unit: 'Second' } },
          response: { limit: { value: '1Mi', unit: 'Minute' } },
        },
        routingType: 'Service',
      },
    }]);
  });

  test('ingress-nginx defaults on a Gateway: connect 5s, read/send 60s idle, retries before the request is sent, round robin, 1m body', () => {
    const chart = nsChart();
    const gateway = edge(chart);
    new BackendTrafficPolicy(chart, 'Defaults', {
      metadata: { name: 'defaults' },
      targets: [gateway],
      connectTimeout: Duration.seconds(5),
      streamIdleTimeout: Duration.seconds(60),
      retry: { numRetries: 2, triggers: [RetryTrigger.CONNECT_FAILURE, RetryTrigger.REFUSED_STREAM, RetryTrigger.RESET_BEFORE_REQUEST] },
      loadBalancer: LoadBalancer.roundRobin(),
      requestBufferLimit: Size.mebibytes(1),
    });
    expect(policies(chart)[0].spec).toStrictEqual({
      targetRefs: [{ group: GW, kind: 'Gateway', name: 'edge' }],
      timeout: { tcp: { connectTimeout: '5s' }, http: { streamIdleTimeout: '1m' } },
      retry: { numRetries: 2, retryOn: { triggers: ['connect-failure', 'refused-stream', 'reset-before-request'] } },
      loadBalancer: { type: 'RoundRobin' },
      requestBuffer: { limit: '1Mi' },
    });
  });

  test('a 429 of the local rate limit becomes a 503, as in ingress-nginx', () => {
    const chart = nsChart();
    new BackendTrafficPolicy(chart, 'Api', {
      targets: [someRoute],
      rateLimitPerClientIp: { requests: 600, unit: RateLimitUnit.MINUTE },
      responseOverrides: [ResponseOverride.respond({ statusCodes: [429], source: ResponseOverrideSource.LOCAL, response: { statusCode: 503 } })],
    });
    const spec = policies(chart)[0].spec;
    expect(spec.rateLimit.local.rules.map((r: any) => r.limit)).toStrictEqual([{ requests: 600, unit: 'Minute' }, { requests: 600, unit: 'Minute' }]);
    expect(spec.responseOverride).toStrictEqual([{ match: { statusCodes: [{ type: 'Value', value: 429 }] }, response: { statusCode: 503 }, source: 'Local' }]);
  });

  test('only HTTP timeouts, an empty retry (Envoy Gateway defaults), no source on an override', () => {
    const chart = nsChart();
    new BackendTrafficPolicy(chart, 'P', {
      targets: [someRoute],
      requestTimeout: Duration.minutes(5),
      connectionIdleTimeout: Duration.seconds(0),
      retry: {},
      responseOverrides: [ResponseOverride.redirect({ statusCodes: [404, 404] })],
    });
    expect(policies(chart)[0].spec).toStrictEqual({
      targetRefs: [{ group: GW, kind: 'HTTPRoute', name: 'web' }],
      timeout: { http: { requestTimeout: '5m', connectionIdleTimeout: '0s' } },
      retry: {},
      responseOverride: [{ match: { statusCodes: [{ type: 'Value', value: 404 }] }, redirect: {} }],
    });
  });

  test('a policy with only targets renders only targetRefs', () => {
    const chart = nsChart();
    new BackendTrafficPolicy(chart, 'P', { targets: [someRoute] });
    expect(policies(chart)[0].spec).toStrictEqual({ targetRefs: [{ group: GW, kind: 'HTTPRoute', name: 'web' }] });
  });

  describe('targets', () => {
    test('Gateway, one listener, ListenerSet, HTTPRoute, one rule, GRPCRoute, TCP/UDP/TLS routes', () => {
      const chart = nsChart();
      const gateway = edge(chart);
      const route = shopRoute(chart, gateway);
      const grpc = new GrpcRoute(chart, 'Grpc', { metadata: { name: 'rpc' }, parents: [gateway.listener('http')], rules: [{ backends: [Backend.fromServiceName('rpc', 9000)] }] });
      const policy = new BackendTrafficPolicy(chart, 'P', {
        targets: [listener(gateway, 'https'), route.ruleTarget('upload'), grpc],
        connectTimeout: Duration.seconds(5),
      });
      for (const kind of ['ListenerSet', 'TCPRoute', 'UDPRoute', 'TLSRoute']) {
        policy.addTarget(PolicyTarget.fromRef({ group: GW, kind, name: 'x' }));
      }
      const other = new BackendTrafficPolicy(chart, 'Q', { targets: [route, gateway], connectTimeout: Duration.seconds(5) });
      expect(other.targets).toHaveLength(2);
      const [p, q] = policies(chart);
      expect(p.spec.targetRefs).toStrictEqual([
        { group: GW, kind: 'Gateway', name: 'edge', sectionName: 'https' },
        { ...routeRef, sectionName: 'upload' },
        { group: GW, kind: 'GRPCRoute', name: 'rpc' },
        { group: GW, kind: 'ListenerSet', name: 'x' },
        { group: GW, kind: 'TCPRoute', name: 'x' },
        { group: GW, kind: 'UDPRoute', name: 'x' },
        { group: GW, kind: 'TLSRoute', name: 'x' },
      ]);
      expect(q.spec.targetRefs).toStrictEqual([routeRef, { group: GW, kind: 'Gateway', name: 'edge' }]);
    });

    test('a Service or a kind of another group is rejected with the kinds the CRD allows', () => {
      const chart = nsChart();
      const allowed = 'Gateway, ListenerSet, HTTPRoute, GRPCRoute, TCPRoute, UDPRoute, TLSRoute';
      expect(() => new BackendTrafficPolicy(chart, 'Svc', { targets: [PolicyTarget.fromServiceName('web')] }))
        .toThrow(new RegExp(`BackendTrafficPolicy test/Svc: target Service "web" is of a kind this BackendTrafficPolicy cannot target; its CRD allows ${allowed}$`));
      const policy = new BackendTrafficPolicy(chart, 'Other', {});
      expect(() => policy.addTarget(PolicyTarget.fromRef({ group: 'gateway.envoyproxy.io', kind: 'Backend', name: 'ext' })))
        .toThrow(/BackendTrafficPolicy test\/Other: target Backend.gateway.envoyproxy.io "ext" is of a kind .* cannot target/);
    });

    test('no target fails at synth', () => {
      const chart = nsChart();
      new BackendTrafficPolicy(chart, 'Lonely', { connectTimeout: Duration.seconds(5) });
      expect(() => Testing.synth(chart)).toThrow(/\[test\/Lonely\] BackendTrafficPolicy has no targets; pass targets or call addTarget\(\)/);
    });
  });

  describe('eager errors name the path, field and value', () => {
    const make = (props: any) => new BackendTrafficPolicy(nsChart(), 'P', { targets: [someRoute], ...props });

    test('timeouts', () => {
      expect(() => make({ connectTimeout: Duration.seconds(0) }))
        .toThrow(/^BackendTrafficPolicy test\/P: spec.timeout.tcp.connectTimeout is 0s; it must be longer than zero$/);
      expect(() => make({ requestTimeout: Duration.millis(1.5) }))
        .toThrow(/BackendTrafficPolicy test\/P: spec.timeout.http.requestTimeout: duration 1.5ms has a fraction of a millisecond/);
      expect(() => make({ streamIdleTimeout: Duration.hours(200_000) }))
        .toThrow(/BackendTrafficPolicy test\/P: spec.timeout.http.streamIdleTimeout: duration \d+ms is above the 5-digit limit/);
      expect(() => make({ connectionIdleTimeout: Duration.millis(0.1) }))
        .toThrow(/spec.timeout.http.connectionIdleTimeout: duration 0.1ms/);
    });

    test('request buffer limit: at least one whole byte', () => {
      expect(() => make({ requestBufferLimit: Size.kibibytes(0) }))
        .toThrow(/^BackendTrafficPolicy test\/P: spec.requestBuffer.limit \(requestBufferLimit\) is 0 bytes; it must be at least 1 byte/);
      expect(() => make({ requestBufferLimit: Size.kibibytes(0.0001) }))
        .toThrow(/spec.requestBuffer.limit \(requestBufferLimit\): size 0.0001KiB is not a whole number of bytes/);
      expect(make({ requestBufferLimit: Size.kibibytes(1.5) })).toBeDefined();
    });

    test('rate limit per client IP: 1-4294967295 requests', () => {
      expect(() => make({ rateLimitPerClientIp: { requests: 0, unit: RateLimitUnit.SECOND } }))
        .toThrow(/^BackendTrafficPolicy test\/P: rateLimitPerClientIp.requests is 0; it must be a whole number 1-4294967295$/);
      expect(() => make({ rateLimitPerClientIp: { requests: 4294967296, unit: RateLimitUnit.HOUR } }))
        .toThrow(/rateLimitPerClientIp.requests is 4294967296/);
      expect(() => make({ rateLimitPerClientIp: { requests: 2.5, unit: RateLimitUnit.HOUR } }))
        .toThrow(/rateLimitPerClientIp.requests is 2.5/);
      expect(make({ rateLimitPerClientIp: { requests: 4294967295, unit: RateLimitUnit.YEAR } })).toBeDefined();
    });

    test('bandwidth limit: one direction at least, of at least one byte', () => {
      expect(() => make({ bandwidthLimit: {} }))
        .toThrow(/^BackendTrafficPolicy test\/P: spec.bandwidthLimit has neither request nor response; set at least one$/);
      expect(() => make({ bandwidthLimit: { response: { limit: Size.kibibytes(0) } } }))
        .toThrow(/^BackendTrafficPolicy test\/P: spec.bandwidthLimit.response.limit is 0 bytes/);
      expect(() => make({ bandwidthLimit: { request: { limit: Size.kibibytes(0.5001) } } }))
        .toThrow(/spec.bandwidthLimit.request.limit: size 0.5001KiB is not a whole number of bytes/);
    });
  });
});
