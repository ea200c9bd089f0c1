import { ApiObject, Chart, Duration, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Backend, CertificateRef, Gateway, GatewayClass, HttpMethod, HttpRoute, PathMatch, PolicyTarget, TcpRoute } from '../../../src';
import * as envoyGateway from '../../../src/profiles/envoy-gateway';

const web = Backend.fromServiceName('web', 80);

function nsChart(namespace = 'shop'): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

function edge(chart: Chart): Gateway {
  const gateway = new Gateway(chart, 'Edge', { metadata: { name: 'edge' }, gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Eg', 'eg') });
  gateway.addHttpListener();
  gateway.addHttpsListener({ certificates: [CertificateRef.fromSecretName('tls')] });
  return gateway;
}

function route(chart: Chart, gateway: Gateway): HttpRoute {
  return new HttpRoute(chart, 'Route', {
    metadata: { name: 'shop' },
    parents: [gateway.listener('https')],
    rules: [
      { name: 'web', matches: [{ path: PathMatch.prefix('/') }], backends: [web] },
      { name: 'admin', matches: [{ path: PathMatch.prefix('/admin') }], backends: [Backend.fromServiceName('admin', 80)] },
    ],
  });
}

function policies(chart: Chart): any[] {
  return Testing.synth(chart).filter(o => o.kind === 'SecurityPolicy');
}

const routeRef = { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'shop' };

describe('SecurityPolicy IP lists', () => {
  test('an allow list denies everyone else; plain IPs become /32 and /128 ranges', () => {
    const chart = nsChart();
    const r = route(chart, edge(chart));
    new envoyGateway.SecurityPolicy(chart, 'Admin', {
      metadata: { name: 'admin' },
      targets: [r.ruleTarget('admin')],
      ipAllowList: ['10.0.0.0/8', '192.168.0.0/16', '203.0.113.7', '2001:db8::1', '10.0.0.0/8'],
    });
    expect(policies(chart)).toStrictEqual([{
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'SecurityPolicy',
      metadata: { name: 'admin', namespace: 'shop' },
      spec: {
        targetRefs: [{ ...routeRef, sectionName: 'admin' }],
        authorization: {
          defaultAction: 'Deny',
          rules: [{ action: 'Allow', principal: { clientCIDRs: ['10.0.0.0/8', '192.168.0.0/16', '203.0.113.7/32', '2001:db8::1/128'] } }],
        },
      },
    }]);
  });

  test('a deny list allows everyone else', () => {
    const chart = nsChart();
    const gateway = edge(chart);
    new envoyGateway.SecurityPolicy(chart, 'Block', { metadata: { name: 'block' }, targets: [gateway], ipDenyList: ['198.51.100.0/24'] });
    expect(policies(chart)[0].spec).toStrictEqual({
      targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge' }],
      authorization: { defaultAction: 'Allow', rules: [{ action: 'Deny', principal: { clientCIDRs: ['198.51.100.0/24'] } }] },
    });
  });

  test('both lists: deny first, then allow, then deny all (ingress-nginx order)', () => {
    const chart = nsChart();
    const gateway = edge(chart);
    new envoyGateway.SecurityPolicy(chart, 'Both', {
      targets: [gateway.listenerTarget('https')],
      ipAllowList: ['10.0.0.0/8'],
      ipDenyList: ['10.6.6.6'],
    });
    expect(policies(chart)[0].spec).toStrictEqual({
      targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', sectionName: 'https' }],
      authorization: {
        defaultAction: 'Deny',
        rules: [
          { action: 'Deny', principal: { clientCIDRs: ['10.6.6.6/32'] } },
          { action: 'Allow', principal: { clientCIDRs: ['10.0.0.0/8'] } },
        ],
      },
    });
  });

  test('bad entries and empty lists are eager errors naming the field and value', () => {
    const chart = nsChart();
    const targets = [PolicyTarget.fromRef(routeRef)];
    expect(() => new envoyGateway.SecurityPolicy(chart, 'Empty', { targets, ipAllowList: [] }))
      .toThrow(/SecurityPolicy test\/Empty: ipAllowList is empty; give at least one IP address or CIDR range .*or omit ipAllowList/);
    expect(() => new envoyGateway.SecurityPolicy(chart, 'EmptyDeny', { targets, ipDenyList: [] }))
      .toThrow(/SecurityPolicy test\/EmptyDeny: ipDenyList is empty/);
    expect(() => new envoyGateway.SecurityPolicy(chart, 'Host', { targets, ipAllowList: ['example.com'] }))
      .toThrow(/SecurityPolicy test\/Host: ipAllowList: "example.com" is neither an IP address nor a CIDR range \(such as "10.0.0.0\/8"/);
    expect(() => new envoyGateway.SecurityPolicy(chart, 'Prefix4', { targets, ipDenyList: ['10.0.0.0/33'] }))
      .toThrow(/SecurityPolicy test\/Prefix4: ipDenyList: "10.0.0.0\/33" has prefix length "33"; an IPv4 prefix length is a whole number 0-32/);
    expect(() => new envoyGateway.SecurityPolicy(chart, 'Prefix6', { targets, ipDenyList: ['2001:db8::/129'] }))
      .toThrow(/ipDenyList: "2001:db8::\/129" has prefix length "129"; an IPv6 prefix length is a whole number 0-128/);
    expect(() => new envoyGateway.SecurityPolicy(chart, 'PrefixText', { targets, ipDenyList: ['10.0.0.0/x'] }))
      .toThrow(/has prefix length "x"/);
    expect(() => new envoyGateway.SecurityPolicy(chart, 'Octet', { targets, ipAllowList: ['10.0.0.256'] }))
      .toThrow(/"10.0.0.256" is neither an IP address nor a CIDR range/);
    expect(() => new envoyGateway.SecurityPolicy(chart, 'Zone', { targets, ipAllowList: ['fe80::1%eth0'] }))
      .toThrow(/"fe80::1%eth0" is neither an IP address nor a CIDR range/);
  });

  test('boundary prefixes and IPv6 ranges are accepted by the CRD', () => {
    const chart = nsChart();
    new envoyGateway.SecurityPolicy(chart, 'Edges', {
      targets: [PolicyTarget.fromRef(routeRef)],
      ipAllowList: ['0.0.0.0/0', '::/0', '10.1.2.3/32', '2001:db8::/128', ' 192.0.2.1 '],
    });
    expect(policies(chart)[0].spec.authorization.rules[0].principal.clientCIDRs)
      .toStrictEqual(['0.0.0.0/0', '::/0', '10.1.2.3/32', '2001:db8::/128', '192.0.2.1/32']);
  });

  test('an allow list with defaultAction ALLOW is an error; a deny list may default to DENY', () => {
    const chart = nsChart();
    const targets = [PolicyTarget.fromRef(routeRef)];
    expect(() => new envoyGateway.SecurityPolicy(nsChart(), 'Open', { targets, ipAllowList: ['10.0.0.0/8'], authorizationDefaultAction: envoyGateway.AuthorizationAction.ALLOW }))
      .toThrow(/SecurityPolicy test\/Open: authorizationDefaultAction is ALLOW with an ipAllowList: .*omit authorizationDefaultAction/);
    new envoyGateway.SecurityPolicy(chart, 'Closed', {
      metadata: { name: 'closed' },
      targets,
      ipDenyList: ['10.0.0.0/8'],
      authorizationDefaultAction: envoyGateway.AuthorizationAction.DENY,
      authorizationRules: [envoyGateway.AuthorizationRule.allow({ name: 'office', clientCidrs: ['192.0.2.0/24'] })],
    });
    expect(policies(chart)[0].spec.authorization).toStrictEqual({
      defaultAction: 'Deny',
      rules: [
        { action: 'Deny', principal: { clientCIDRs: ['10.0.0.0/8'] } },
        { name: 'office', action: 'Allow', principal: { clientCIDRs: ['192.0.2.0/24'] } },
      ],
    });
  });
});

describe('AuthorizationRule', () => {
  test('rules keep their order, after the IP lists; no default action renders none', () => {
    const chart = nsChart();
    const policy = new envoyGateway.SecurityPolicy(chart, 'Rules', {
      targets: [PolicyTarget.fromRef(routeRef)],
      authorizationRules: [envoyGateway.AuthorizationRule.deny({ cel: "request.headers['x-block'] == '1'" })],
    });
    policy.addAuthorizationRule(envoyGateway.AuthorizationRule.allow({ clientCidrs: ['10.0.0.1'], methods: [HttpMethod.GET, HttpMethod.HEAD] }));
    expect(policies(chart)[0].spec.authorization).toStrictEqual({
      rules: [
        { action: 'Deny', cel: "request.headers['x-block'] == '1'" },
        { action: 'Allow', principal: { clientCIDRs: ['10.0.0.1/32'] }, operation: { methods: ['GET', 'HEAD'] } },
      ],
    });
    expect(envoyGateway.AuthorizationRule.allow({ cel: 'true' }).action).toBe(envoyGateway.AuthorizationAction.ALLOW);
  });

  test('factory errors', () => {
    const allow = envoyGateway.AuthorizationRule.allow;
    expect(() => allow({ methods: [HttpMethod.GET] }))
      .toThrow(/AuthorizationRule.allow: the rule has neither clientCidrs nor cel; .*pass clientCidrs \(\["0.0.0.0\/0", "::\/0"\] for every client\) or cel/);
    expect(() => envoyGateway.AuthorizationRule.deny({ clientCidrs: [] })).toThrow(/AuthorizationRule.deny: clientCidrs is empty/);
    expect(() => allow({ clientCidrs: ['1.2.3'] })).toThrow(/AuthorizationRule.allow: clientCidrs: "1.2.3" is neither an IP address nor a CIDR range/);
    expect(() => allow({ cel: 'true', methods: [] })).toThrow(/AuthorizationRule.allow: methods has 0 entries; give 1-16 methods/);
    expect(() => allow({ cel: 'true', methods: Array(17).fill(HttpMethod.GET) })).toThrow(/methods has 17 entries/);
    expect(() => allow({ cel: '' })).toThrow(/AuthorizationRule.allow: cel has 0 characters; a CEL expression is 1-4096 characters/);
    expect(() => allow({ cel: 'x'.repeat(4097) })).toThrow(/cel has 4097 characters/);
    expect(() => allow({ cel: 'true', name: '' })).toThrow(/AuthorizationRule.allow: name "" must be 1-253 characters/);
    expect(() => allow({ cel: 'true', name: 'n'.repeat(254) })).toThrow(/must be 1-253 characters/);
    expect(allow({ cel: 'x'.repeat(4096), name: 'n'.repeat(253), methods: Array(16).fill(HttpMethod.GET) }).name).toBe('n'.repeat(253));
  });
});

describe('SecurityPolicy auth and CORS', () => {
  test('kitchen sink: every prop, validated against the CRD', () => {
    const chart = nsChart();
    const gateway = edge(chart);
    const r = route(chart, gateway);
    const secret = new kplus.Secret(chart, 'Users', { metadata: { name: 'basic-auth' } });
    new envoyGateway.SecurityPolicy(chart, 'All', {
      metadata: { name: 'all' },
      targets: [r],
      ipAllowList: ['10.0.0.0/8'],
      ipDenyList: ['10.0.0.1'],
      authorizationRules: [envoyGateway.AuthorizationRule.allow({ name: 'tenant', clientCidrs: ['::/0'], methods: [HttpMethod.POST], cel: "request.headers['x-tenant'] == 'a'" })],
      basicAuth: envoyGateway.BasicAuth.fromSecret(secret, { forwardUsernameHeader: 'X-Auth-User' }),
      extAuth: envoyGateway.ExternalAuth.http(Backend.fromServiceName('auth', 8080, { weight: 2 }), {
        pathOverride: '/verify',
        headersToBackend: ['X-Auth-User', 'X-Auth-Email'],
        headersToExtAuth: ['Cookie', 'Authorization'],
        timeout: Duration.seconds(5),
        failOpen: false,
        statusOnError: 503,
      }),
      cors: {
        allowOrigins: ['https://shop.example.com', 'https://*.example.com', 'http://localhost:3000'],
        allowMethods: ['GET', 'POST', 'OPTIONS'],
        allowHeaders: ['Authorization', 'Content-Type'],
        exposeHeaders: ['X-Request-Id'],
        maxAge: Duration.seconds(1728000),
        allowCredentials: true,
      },
    });
    expect(policies(chart)).toStrictEqual([{
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'SecurityPolicy',
      metadata: { name: 'all', namespace: 'shop' },
      spec: {
        targetRefs: [routeRef],
        authorization: {
          defaultAction: 'Deny',
          rules: [
            { action: 'Deny', principal: { clientCIDRs: ['10.0.0.1/32'] } },
            { action: 'Allow', principal: { clientCIDRs: ['10.0.0.0/8'] } },
            { name: 'tenant', action: 'Allow', principal: { clientCIDRs: ['::/0'] }, operation: { methods: ['POST'] }, cel: "request.headers['x-tenant'] == 'a'" },
          ],
        },
        basicAuth: { users: { name: 'basic-auth' }, forwardUsernameHeader: 'X-Auth-User' },
        extAuth: {
          http: {
            backendRefs: [{ group: '', kind: 'Service', name: 'auth', port: 8080, weight: 2 }],
            pathOverride: '/verify',
            headersToBackend: ['X-Auth-User', 'X-Auth-Email'],
          },
          headersToExtAuth: ['Cookie', 'Authorization'],
          timeout: '5s',
          failOpen: false,
          statusOnError: 503,
        },
        cors: {
          allowOrigins: ['https://shop.example.com', 'https://*.example.com', 'http://localhost:3000'],
          allowMethods: ['GET', 'POST', 'OPTIONS'],
          allowHeaders: ['Authorization', 'Content-Type'],
          exposeHeaders: ['X-Request-Id'],
          maxAge: '480h',
          allowCredentials: true,
        },
      },
    }]);
  });

  test('basic auth by name; a Secret in another namespace is referenced with its namespace', () => {
    const chart = nsChart();
    const byName = envoyGateway.BasicAuth.fromSecretName('basic-auth');
    expect([byName.secretName, byName.secretNamespace, byName.forwardUsernameHeader]).toStrictEqual(['basic-auth', undefined, undefined]);
    new envoyGateway.SecurityPolicy(chart, 'Local', { metadata: { name: 'local' }, targets: [PolicyTarget.fromRef(routeRef)], basicAuth: byName });
    new envoyGateway.SecurityPolicy(chart, 'Remote', {
      metadata: { name: 'remote' },
      targets: [PolicyTarget.fromRef({ ...routeRef, name: 'other' })],
      basicAuth: envoyGateway.BasicAuth.fromSecret({ name: 'users', metadata: { namespace: 'auth' } }),
    });
    expect(policies(chart).map(p => p.spec.basicAuth)).toStrictEqual([
      { users: { name: 'basic-auth' } },
      { users: { name: 'users', namespace: 'auth' } },
    ]);
    expect(() => envoyGateway.BasicAuth.fromSecretName('Basic_Auth')).toThrow(/BasicAuth.fromSecretName: name "Basic_Auth" must be a lowercase RFC 1123 subdomain/);
    expect(() => envoyGateway.BasicAuth.fromSecretName('ok', { forwardUsernameHeader: 'X User' })).toThrow(/BasicAuth.fromSecretName: header name "X User" is not a valid HTTP header name/);
  });

  test('gRPC external auth and path prefixes; an Envoy Gateway Backend as the auth service', () => {
    const chart = nsChart();
    const authz = new envoyGateway.Backend(chart, 'Authz', { metadata: { name: 'authz' }, endpoints: [envoyGateway.BackendEndpoint.fqdn('authz.example.com', 9001)] });
    const grpc = envoyGateway.ExternalAuth.grpc(authz.toBackend());
    expect(grpc.protocol).toBe('grpc');
    new envoyGateway.SecurityPolicy(chart, 'Grpc', { metadata: { name: 'grpc' }, targets: [PolicyTarget.fromRef(routeRef)], extAuth: grpc });
    new envoyGateway.SecurityPolicy(chart, 'Http', {
      metadata: { name: 'http' },
      targets: [PolicyTarget.fromRef({ ...routeRef, kind: 'GRPCRoute' })],
      extAuth: envoyGateway.ExternalAuth.http(Backend.fromServiceName('auth', 80, { namespace: 'security' }), { path: '/auth' }),
    });
    expect(policies(chart).map(p => p.spec.extAuth)).toStrictEqual([
      { grpc: { backendRefs: [{ group: 'gateway.envoyproxy.io', kind: 'Backend', name: 'authz' }] } },
      { http: { backendRefs: [{ group: '', kind: 'Service', name: 'auth', namespace: 'security', port: 80 }], path: '/auth' } },
    ]);
  });

  test('external auth errors', () => {
    const auth = Backend.fromServiceName('auth', 80);
    const http = envoyGateway.ExternalAuth.http;
    expect(() => http(auth, { path: '/a', pathOverride: '/b' }))
      .toThrow(/ExternalAuth.http: path \("\/a"\) and pathOverride \("\/b"\) are exclusive; path is prefixed to the client's path, pathOverride replaces it/);
    expect(() => http(auth, { path: 'auth' })).toThrow(/ExternalAuth.http: path "auth" must be an absolute path \("\/auth"\)/);
    expect(() => http(auth, { pathOverride: '/a?b=1' })).toThrow(/ExternalAuth.http: pathOverride "\/a\?b=1" must be an absolute path/);
    expect(() => http(auth, { headersToBackend: [] })).toThrow(/ExternalAuth.http: headersToBackend is empty; omit it to keep the default/);
    expect(() => http(auth, { headersToBackend: ['a b'] })).toThrow(/ExternalAuth.http: headersToBackend: header name "a b" is not a valid HTTP header name/);
    expect(() => envoyGateway.ExternalAuth.grpc(auth, { headersToExtAuth: ['x:y'] })).toThrow(/ExternalAuth.grpc: headersToExtAuth: header name "x:y"/);
    expect(() => http(auth, { timeout: Duration.millis(0.5) })).toThrow(/ExternalAuth.http: timeout: duration 0.5ms has a fraction of a millisecond/);
    expect(() => http(auth, { timeout: Duration.hours(200000) })).toThrow(/ExternalAuth.http: timeout: duration .* is above the 5-digit limit/);
    expect(() => http(auth, { statusOnError: 302 })).toThrow(/ExternalAuth.http: statusOnError 302 is not one of the codes the CRD allows \(4xx and 5xx: 400, 401/);
    expect(() => http(Backend.fromRef({ group: 'example.com', kind: 'Thing', name: 'x' })))
      .toThrow(/ExternalAuth.http: backend Thing "x" \(group "example.com"\) is not a Service, a ServiceImport \(multicluster.x-k8s.io\) or an Envoy Gateway Backend \(gateway.envoyproxy.io\), the kinds extAuth.http.backendRefs accept/);
    expect(() => envoyGateway.ExternalAuth.grpc(Backend.fromRef({ group: 'gateway.envoyproxy.io', kind: 'Service', name: 'x' })))
      .toThrow(/extAuth.grpc.backendRefs accept/);
    const withFilters = Backend.fromServiceName('auth', 80, { filters: [{ filterType: 'RequestHeaderModifier', routeKinds: ['HTTPRoute'], renderFilter: () => ({}) }] });
    expect(() => http(withFilters)).toThrow(/ExternalAuth.http: backend Service "auth:80" has filters; an authorization backend takes none/);
    expect(http(Backend.fromRef({ group: 'multicluster.x-k8s.io', kind: 'ServiceImport', name: 'auth', port: 80 })).backend.kind).toBe('ServiceImport');
  });

  test('CORS errors name the field and value', () => {
    const chart = nsChart();
    const targets = [PolicyTarget.fromRef(routeRef)];
    const make = (id: string, cors: envoyGateway.SecurityPolicyCorsOptions, scope = nsChart()) =>
      new envoyGateway.SecurityPolicy(scope, id, { targets, cors });
    expect(() => make('NoOrigin', { allowOrigins: [] })).toThrow(/SecurityPolicy test\/NoOrigin: cors.allowOrigins is empty; give at least one origin/);
    expect(() => make('BadOrigin', { allowOrigins: ['shop.example.com'] }))
      .toThrow(/SecurityPolicy test\/BadOrigin: cors.allowOrigins: "shop.example.com" is not an origin; write "\*" or "scheme:\/\/host\[:port\]"/);
    expect(() => make('LongOrigin', { allowOrigins: [`https://${'a'.repeat(250)}.com`] })).toThrow(/is not an origin/);
    expect(() => make('Method', { allowOrigins: ['*'], allowMethods: ['GET POST'] })).toThrow(/cors.allowMethods: "GET POST" is not an HTTP method name/);
    expect(() => make('Header', { allowOrigins: ['*'], allowHeaders: ['a,b'] })).toThrow(/cors.allowHeaders: header name "a,b"/);
    expect(() => make('Expose', { allowOrigins: ['*'], exposeHeaders: [''] })).toThrow(/cors.exposeHeaders: header name ""/);
    expect(() => make('MaxAge', { allowOrigins: ['*'], maxAge: Duration.millis(1.5) })).toThrow(/SecurityPolicy test\/MaxAge: cors.maxAge: duration 1.5ms/);
    make('Wild', { allowOrigins: ['*', 'https://*'], allowMethods: ['*'], allowHeaders: ['*'], exposeHeaders: ['*'], allowCredentials: false }, chart);
    expect(Testing.synth(chart).find(o => o.kind === 'SecurityPolicy')!.spec.cors).toStrictEqual({
      allowOrigins: ['*', 'https://*'], allowMethods: ['*'], allowHeaders: ['*'], exposeHeaders: ['*'], allowCredentials: false,
    });
  });
});

describe('SecurityPolicy targets and whole-policy checks', () => {
  test('the validator checks what the policy renders (a patched bad value fails synth)', () => {
    const chart = nsChart();
    const policy = new envoyGateway.SecurityPolicy(chart, 'Bad', { targets: [PolicyTarget.fromRef(routeRef)], ipAllowList: ['10.0.0.0/8'] });
    ApiObject.of(policy).addJsonPatch(JsonPatch.add('/spec/authorization/rules/0/principal/clientCIDRs/0', 'not-a-cidr'));
    expect(() => Testing.synth(chart)).toThrow(/clientCIDRs/);
  });

  test('targets Gateways, listeners, ListenerSets, HTTP/GRPC/TCP routes; refuses other kinds', () => {
    const chart = nsChart();
    const policy = new envoyGateway.SecurityPolicy(chart, 'Many', { metadata: { name: 'many' }, ipAllowList: ['10.0.0.0/8'] });
    for (const kind of ['Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute', 'TCPRoute']) {
      policy.addTarget(PolicyTarget.fromRef({ group: 'gateway.networking.k8s.io', kind, name: 'x' }));
    }
    expect(policies(chart)[0].spec.targetRefs.map((t: any) => t.kind)).toStrictEqual(['Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute', 'TCPRoute']);
    for (const [group, kind] of [['gateway.networking.k8s.io', 'UDPRoute'], ['gateway.networking.k8s.io', 'TLSRoute'], ['', 'Service']]) {
      expect(() => policy.addTarget(PolicyTarget.fromRef({ group, kind, name: 'y' })))
        .toThrow(new RegExp(`SecurityPolicy test/Many: target ${kind}( |\\.).*is of a kind this SecurityPolicy cannot target; its CRD allows Gateway, ListenerSet, HTTPRoute, GRPCRoute, TCPRoute`));
    }
  });

  test('HTTP features on a TCPRoute, and an empty policy, fail at synth', () => {
    const chart = nsChart();
    const gateway = edge(chart);
    const tcp = new TcpRoute(chart, 'Db', { metadata: { name: 'db' }, parents: [gateway.addTcpListener({ name: 'db', port: 5432 })], rules: [{ backends: [Backend.fromServiceName('db', 5432)] }] });
    new envoyGateway.SecurityPolicy(chart, 'Tcp', { targets: [tcp], ipAllowList: ['10.0.0.0/8'], basicAuth: envoyGateway.BasicAuth.fromSecretName('u') });
    new envoyGateway.SecurityPolicy(chart, 'Nothing', { targets: [gateway] });
    expect(() => Testing.synth(chart)).toThrow(/SecurityPolicy targets TCPRoute "db" but sets basicAuth, which need HTTP; a TCPRoute takes only client IP authorization/);
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Nothing\] SecurityPolicy sets nothing; pass ipAllowList, ipDenyList, authorizationRules, basicAuth, extAuth or cors/);
  });

  test('an IP allow list on a TCPRoute is valid', () => {
    const chart = nsChart();
    const gateway = edge(chart);
    const tcp = new TcpRoute(chart, 'Db', { metadata: { name: 'db' }, parents: [gateway.addTcpListener({ name: 'db', port: 5432 })], rules: [{ backends: [Backend.fromServiceName('db', 5432)] }] });
    new envoyGateway.SecurityPolicy(chart, 'Tcp', { targets: [tcp], ipAllowList: ['10.0.0.0/8'] });
    expect(policies(chart)[0].spec.targetRefs).toStrictEqual([{ group: 'gateway.networking.k8s.io', kind: 'TCPRoute', name: 'db' }]);
  });
});
