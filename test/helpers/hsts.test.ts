import { Chart, Duration, Testing } from 'cdk8s';
import { Backend, CertificateRef, Gateway, GatewayClass, HttpFilter, HttpRoute, Hsts, PathMatch } from '../../src';

const web = Backend.fromServiceName('web', 80);

function edge(chart: Chart): Gateway {
  const gateway = new Gateway(chart, 'Edge', { metadata: { name: 'edge' }, gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Eg', 'eg') });
  gateway.addHttpListener();
  gateway.addHttpsListener({ certificates: [CertificateRef.fromSecretName('tls')] });
  return gateway;
}

function routeSpec(chart: Chart, name = 'r'): any {
  return Testing.synth(chart).find(o => o.kind === 'HTTPRoute' && o.metadata.name === name)!.spec;
}

describe('Hsts values', () => {
  test('the default is ingress-nginx\'s: one year, includeSubDomains, no preload', () => {
    const hsts = Hsts.of();
    expect(hsts.value).toBe('max-age=31536000; includeSubDomains');
    expect(hsts.maxAge.toSeconds()).toBe(31536000);
    expect(hsts.includeSubDomains).toBe(true);
    expect(hsts.preload).toBe(false);
    expect(Hsts.HEADER_NAME).toBe('Strict-Transport-Security');
  });

  test('options change max-age, includeSubDomains and preload, in ingress-nginx\'s order', () => {
    expect(Hsts.of({ maxAge: Duration.days(730), preload: true }).value).toBe('max-age=63072000; includeSubDomains; preload');
    expect(Hsts.of({ includeSubDomains: false }).value).toBe('max-age=31536000');
    expect(Hsts.of({ maxAge: Duration.seconds(0), includeSubDomains: false, preload: true }).value).toBe('max-age=0; preload');
  });

  test('max-age must be whole seconds', () => {
    expect(() => Hsts.of({ maxAge: Duration.millis(1500) })).toThrow('Hsts.of: maxAge 1500ms must be a whole number of seconds, 0 or more (max-age is sent in seconds)');
  });

  test('toFilter is a ResponseHeaderModifier that sets the header', () => {
    expect(Hsts.of().toFilter().renderFilter()).toStrictEqual({
      type: 'ResponseHeaderModifier',
      responseHeaderModifier: { set: [{ name: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }] },
    });
  });
});

describe('Hsts.applyToRoute', () => {
  test('merges into an existing ResponseHeaderModifier, adds one elsewhere, and covers rules added later', () => {
    const chart = Testing.chart();
    const gateway = edge(chart);
    const route = new HttpRoute(chart, 'Route', {
      metadata: { name: 'r' },
      parents: [gateway.listener('https')],
      rules: [
        { matches: [{ path: PathMatch.prefix('/a') }], filters: [HttpFilter.responseHeaderModifier({ set: { 'x-a': '1' }, remove: ['server'] })], backends: [web] },
        { matches: [{ path: PathMatch.prefix('/b') }], filters: [HttpFilter.cors({ allowOrigins: ['*'] })], backends: [web] },
      ],
    });
    Hsts.of().applyToRoute(route);
    Hsts.of().applyToRoute(route); // idempotent
    route.addRule({ matches: [{ path: PathMatch.prefix('/c') }], backends: [web] });
    const hsts = { name: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' };
    expect(routeSpec(chart).rules.map((r: any) => r.filters)).toStrictEqual([
      [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [hsts, { name: 'x-a', value: '1' }], remove: ['server'] } }],
      [{ type: 'CORS', cors: { allowOrigins: ['*'] } }, { type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [hsts] } }],
      [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [hsts] } }],
    ]);
  });

  test('a different HSTS value already on the route or on a rule is an error', () => {
    const chart = Testing.chart();
    const route = new HttpRoute(chart, 'Route', {
      rules: [{ filters: [HttpFilter.responseHeaderModifier({ set: { 'strict-transport-security': 'max-age=60' } })], backends: [web] }],
    });
    expect(() => Hsts.of().applyToRoute(route)).toThrow(
      'HTTPRoute test/Route: spec.rules[0]: the rule\'s ResponseHeaderModifier already sets "strict-transport-security" to "max-age=60"; it cannot also set it to "max-age=31536000; includeSubDomains"');
    const other = new HttpRoute(chart, 'Other', { rules: [{ backends: [web] }] });
    Hsts.of().applyToRoute(other);
    expect(() => Hsts.of({ preload: true }).applyToRoute(other)).toThrow(/response header "Strict-Transport-Security" is already set on every rule to "max-age=31536000; includeSubDomains"/);
  });

  test('a route on a plain HTTP listener fails at synth', () => {
    const chart = Testing.chart();
    const gateway = edge(chart);
    const route = new HttpRoute(chart, 'Route', { parents: [gateway], rules: [{ backends: [web] }] });
    Hsts.of().applyToRoute(route);
    expect(() => Testing.synth(chart)).toThrow(
      /\[test\/Route\] Hsts: parent Gateway "edge" has plain HTTP listener\(s\) "http"; ingress-nginx sends Strict-Transport-Security on HTTPS responses only, so attach this route to the HTTPS listener/);
  });

  test('an imported parent is not checked', () => {
    const chart = Testing.chart();
    const imported = Gateway.fromGatewayName(chart, 'Imported', 'edge', { namespace: 'infra' });
    const route = new HttpRoute(chart, 'Route', { metadata: { name: 'r' }, parents: [imported], rules: [{ backends: [web] }] });
    Hsts.of().applyToRoute(route);
    expect(routeSpec(chart).rules[0].filters).toStrictEqual([
      { type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }] } },
    ]);
  });
});

describe('Hsts.applyToRule', () => {
  test('merges into the rule\'s ResponseHeaderModifier without adding a second one', () => {
    const rule = Hsts.of({ maxAge: Duration.seconds(600) }).applyToRule({
      name: 'web',
      filters: [
        HttpFilter.requestHeaderModifier({ set: { 'x-b': '1' } }),
        HttpFilter.responseHeaderModifier({ set: { 'x-a': '1' }, add: { 'x-c': '2' }, remove: ['server'] }),
      ],
      backends: [web],
    });
    expect(rule.name).toBe('web');
    expect(rule.backends).toStrictEqual([web]);
    expect(rule.filters!.map(f => f.renderFilter())).toStrictEqual([
      { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-b', value: '1' }] } },
      {
        type: 'ResponseHeaderModifier',
        responseHeaderModifier: {
          set: [{ name: 'Strict-Transport-Security', value: 'max-age=600; includeSubDomains' }, { name: 'x-a', value: '1' }],
          add: [{ name: 'x-c', value: '2' }],
          remove: ['server'],
        },
      },
    ]);
  });

  test('appends a ResponseHeaderModifier to a rule without one; the input rule is not changed', () => {
    const input = { backends: [web] };
    const rule = Hsts.of().applyToRule(input);
    const hstsFilter = { type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }] } };
    expect(rule.filters!.map(f => f.renderFilter())).toStrictEqual([hstsFilter]);
    expect(input).toStrictEqual({ backends: [web] });
    const chart = Testing.chart();
    new HttpRoute(chart, 'Route', { metadata: { name: 'r' }, rules: [rule] });
    expect(routeSpec(chart).rules[0].filters).toStrictEqual([hstsFilter]);
  });

  test('conflicts name the rule', () => {
    expect(() => Hsts.of().applyToRule({ name: 'x', filters: [HttpFilter.responseHeaderModifier({ remove: ['Strict-Transport-Security'] })], backends: [web] }))
      .toThrow('Hsts.applyToRule (rule "x"): the rule\'s ResponseHeaderModifier removes "Strict-Transport-Security"; it cannot also set it');
  });
});
