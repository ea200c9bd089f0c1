import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import {
  Backend, Gateway, GatewayApiChannel, GatewayApiValidation, GatewayApiVersion, GatewayClass, HttpFilter, HttpRoute, RouteNamespaces,
} from '../../src';

/*
 * Synth-time validation: every API object of an app whose charts use this library is validated
 * (CRD schema, CEL, cross-object) when cdk8s synthesizes, and failures name the construct path.
 */

const GROUP = 'gateway.networking.k8s.io';

function shop(app: App = Testing.app()): { app: App; chart: Chart; gateway: Gateway } {
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  const gateway = new Gateway(chart, 'Edge', { metadata: { name: 'edge' }, gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Class', 'eg') });
  gateway.addHttpListener();
  return { app, chart, gateway };
}

function redirectRoute(chart: Chart, gateway: Gateway): HttpRoute {
  return new HttpRoute(chart, 'Route', {
    metadata: { name: 'web' },
    parents: [gateway.listener('http')],
    rules: [{ filters: [HttpFilter.requestRedirect({ scheme: 'https', statusCode: 301 })] }],
  });
}

/** A plain HTTPRoute (not built with this library) whose only rule has a Service backend without a port. */
function portlessRoute(scope: Chart, id = 'Plain'): ApiObject {
  return new ApiObject(scope, id, {
    apiVersion: `${GROUP}/v1`,
    kind: 'HTTPRoute',
    metadata: { name: 'plain' },
    spec: { rules: [{ backendRefs: [{ name: 'svc' }] }] },
  });
}

const REDIRECT_CEL = '[shop/Route/Resource] HTTPRoute shop/web spec.rules[0]: Invalid value: "object": RequestRedirect filter must not be used together with backendRefs [cel]';

describe('App.synth() fails on invalid objects, naming the construct path, the field and the rule message', () => {
  test('an escape-hatch patch that breaks a CEL rule (RequestRedirect together with backendRefs)', () => {
    const { app, chart, gateway } = shop();
    const route = redirectRoute(chart, gateway);
    expect(() => Testing.synth(chart)).not.toThrow();
    ApiObject.of(route).addJsonPatch(JsonPatch.add('/spec/rules/0/backendRefs', [{ name: 'x', port: 80 }]));
    expect(() => Testing.synth(chart)).toThrow(`Validation failed with the following errors:\n  ${REDIRECT_CEL}`);
    expect(() => app.synthYaml()).toThrow(REDIRECT_CEL);
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gwapi-'));
    try {
      const withDir = new App({ outdir });
      const again = shop(withDir);
      ApiObject.of(redirectRoute(again.chart, again.gateway)).addJsonPatch(JsonPatch.add('/spec/rules/0/backendRefs', [{ name: 'x', port: 80 }]));
      expect(() => withDir.synth()).toThrow(REDIRECT_CEL);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('plain ApiObjects (not built with this library) in a chart that uses it are validated too', () => {
    const { chart } = shop();
    portlessRoute(chart);
    new ApiObject(chart, 'Map', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'm' }, data: { anything: 'goes' } });
    expect(() => Testing.synth(chart)).toThrow(
      'Validation failed with the following errors:\n  [shop/Plain] HTTPRoute shop/plain spec.rules[0].backendRefs[0]: Invalid value: "object": Must have port for Service reference [cel]');
  });

  test('objects of every chart of the app are validated, whichever chart is synthesized', () => {
    const { app, chart } = shop();
    const other = new Chart(app, 'other', { namespace: 'other' });
    portlessRoute(other);
    expect(() => Testing.synth(chart)).toThrow(/\[other\/Plain\] HTTPRoute other\/plain spec.rules\[0\].backendRefs\[0\]/);
  });

  test('cross-object errors fail synth too (a plain Gateway that does not admit the route\'s namespace)', () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra', { namespace: 'infra' });
    new ApiObject(infra, 'Gw', {
      apiVersion: `${GROUP}/v1`,
      kind: 'Gateway',
      metadata: { name: 'edge' },
      spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
    });
    const web = new Chart(app, 'web', { namespace: 'web' });
    new HttpRoute(web, 'Route', {
      metadata: { name: 'site' },
      parents: [Gateway.fromGatewayName(web, 'Edge', 'edge', { namespace: 'infra' }).listener('http')],
      rules: [{ backends: [Backend.fromServiceName('site', 80)] }],
    });
    expect(() => app.synthYaml()).toThrow(
      '[web/Route/Resource] HTTPRoute web/site spec.parentRefs[0]: no listener of Gateway "infra/edge" that this reference selects accepts routes from namespace "web" ("http" allowedRoutes.namespaces.from Same) [namespace-not-allowed]');
  });

  test('a later change is seen by the next synth (nothing is cached between syntheses)', () => {
    const { chart } = shop();
    const plain = new ApiObject(chart, 'Plain', { apiVersion: `${GROUP}/v1`, kind: 'HTTPRoute', metadata: { name: 'plain' }, spec: {} });
    expect(() => Testing.synth(chart)).not.toThrow();
    plain.addJsonPatch(JsonPatch.add('/spec/rules', [{ backendRefs: [{ name: 'svc' }] }]));
    expect(() => Testing.synth(chart)).toThrow(/Must have port for Service reference/);
  });
});

describe('target release and channel', () => {
  function retryRoute(chart: Chart): void {
    new ApiObject(chart, 'Retry', {
      apiVersion: `${GROUP}/v1`,
      kind: 'HTTPRoute',
      metadata: { name: 'retry' },
      spec: { rules: [{ backendRefs: [{ name: 'svc', port: 80 }], retry: { attempts: 2 } }] },
    });
  }

  test('Standard by default; GatewayApiChannel.useExperimental switches the channel of a chart', () => {
    const { app, chart } = shop();
    retryRoute(chart);
    expect(() => app.synthYaml()).toThrow('[shop/Retry] HTTPRoute shop/retry spec.rules[0].retry: unknown field "spec.rules[0].retry"; the target CRDs do not declare it: if the cluster runs a newer Gateway API release or the Experimental channel, select it with GatewayApiValidation.configure(app, { gatewayApiVersion }) or GatewayApiChannel.useExperimental(scope), or turn synth-time validation off with { disabled: true } [schema]');
    GatewayApiChannel.useExperimental(chart);
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('the channel is chosen per chart', () => {
    const { app } = shop();
    const experimental = new Chart(app, 'exp', { namespace: 'exp' });
    GatewayApiChannel.useExperimental(experimental);
    retryRoute(experimental);
    const standard = new Chart(app, 'std', { namespace: 'std' });
    retryRoute(standard);
    expect(() => app.synthYaml()).toThrow(/^Validation failed with the following errors:\n {2}\[std\/Retry\] [^\n]*\[schema\]$/);
  });

  test('the release is set once per app (v1.5.1 does not serve TCPRoute v1)', () => {
    const { app, chart } = shop();
    new ApiObject(chart, 'Tcp', {
      apiVersion: `${GROUP}/v1`,
      kind: 'TCPRoute',
      metadata: { name: 'db' },
      spec: { rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }] },
    });
    expect(() => app.synthYaml()).not.toThrow();
    GatewayApiValidation.configure(app, { gatewayApiVersion: GatewayApiVersion.V1_5_1 });
    expect(() => app.synthYaml()).toThrow(
      '[shop/Tcp] TCPRoute shop/db: no matches for kind "TCPRoute" in version "gateway.networking.k8s.io/v1" (not served by Gateway API v1.5.1 standard channel) [unknown-kind]');
  });
});

describe('warnings', () => {
  function withWarning(): { app: App; chart: Chart } {
    const { app, chart, gateway } = shop();
    // Two routes with the same (default) match on the same listener: only one gets the traffic.
    for (const name of ['a', 'b']) {
      new HttpRoute(chart, `Route-${name}`, { metadata: { name }, parents: [gateway.listener('http')], rules: [{ backends: [Backend.fromServiceName('web', 80)] }] });
    }
    return { app, chart };
  }

  const WARNING = '[shop/Route-b/Resource] HTTPRoute shop/b spec.rules[0]: HTTPRoute "shop/a" (spec.rules[0]) has the same match for hostname (any) on listener "http" of Gateway "shop/edge"; only one of the two routes gets this traffic (the older one; with equal age, HTTPRoute "shop/a") [route-conflict]';

  test('do not fail synth, are printed once per synth, and are kept on the validation', () => {
    const { app } = withWarning();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(() => app.synthYaml()).not.toThrow();
      expect(warn.mock.calls).toEqual([[`cdk8s-gateway-api: 1 validation warning:\n  ${WARNING}`]]);
      expect(GatewayApiValidation.of(app).warnings).toEqual([WARNING]);
    } finally {
      warn.mockRestore();
    }
  });

  test('failOnWarnings makes them errors; printWarnings: false keeps them quiet', () => {
    const { app } = withWarning();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      GatewayApiValidation.configure(app, { printWarnings: false });
      expect(() => app.synthYaml()).not.toThrow();
      expect(warn).not.toHaveBeenCalled();
      GatewayApiValidation.configure(app, { failOnWarnings: true });
      expect(() => app.synthYaml()).toThrow(WARNING.replace(/^\[shop\/Route-b\/Resource\] /, ''));
    } finally {
      warn.mockRestore();
    }
  });
});

describe('opting out and in', () => {
  test('disabled: true turns it off for the app', () => {
    const { app, chart } = shop();
    portlessRoute(chart);
    GatewayApiValidation.configure(app, { disabled: true });
    expect(() => app.synthYaml()).not.toThrow();
    GatewayApiValidation.configure(chart, { disabled: false });
    expect(() => app.synthYaml()).toThrow(/Must have port/);
  });

  test('an app without constructs of this library is validated only when configured', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'plain');
    portlessRoute(chart);
    expect(() => Testing.synth(chart)).not.toThrow();
    const validation = GatewayApiValidation.configure(app);
    expect(GatewayApiValidation.of(chart)).toBe(validation);
    expect(() => Testing.synth(chart)).toThrow(/\[plain\/Plain\] HTTPRoute plain spec.rules\[0\].backendRefs\[0\]/);
  });

  test('crossObject: false keeps the schema and CEL checks only', () => {
    const { app, chart } = shop();
    new ApiObject(chart, 'Plain', { apiVersion: `${GROUP}/v1`, kind: 'HTTPRoute', metadata: { name: 'p' }, spec: { parentRefs: [{ name: 'edge', sectionName: 'nope' }] } });
    expect(() => app.synthYaml()).toThrow(/\[section-not-found\]/);
    GatewayApiValidation.configure(app, { crossObject: false });
    expect(() => app.synthYaml()).not.toThrow();
    expect(GatewayApiValidation.of(app).options).toEqual({ crossObject: false });
  });

  test('the validation is one child of the app root, and the id is reserved', () => {
    const { app } = shop();
    expect(app.node.children.filter(c => c instanceof GatewayApiValidation)).toHaveLength(1);
    const other = new App();
    new Chart(other, 'GatewayApiValidation');
    expect(() => GatewayApiValidation.of(other)).toThrow('GatewayApiValidation: the app already has a child with id "GatewayApiValidation" that is not a GatewayApiValidation');
  });
});

describe('cost', () => {
  class Counted extends ApiObject {
    public calls = 0;
    public toJson(): any {
      this.calls++;
      return super.toJson();
    }
  }

  test('each object is rendered once per synth, although cdk8s validates once per chart plus once', () => {
    const { app, chart } = shop();
    new Chart(app, 'second');
    const counted = new Counted(chart, 'Counted', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    app.synthYaml();
    expect(counted.calls).toBe(1);
    Testing.synth(chart);
    expect(counted.calls).toBe(2);
    // the memo lives only during a synth
    expect(Object.getOwnPropertyDescriptor(counted, 'toJson')).toBeUndefined();
    counted.toJson();
    expect(counted.calls).toBe(3);
  });

  test('the output is the same with and without validation', () => {
    const build = (disabled: boolean) => {
      const { app, chart, gateway } = shop();
      GatewayApiValidation.configure(app, { disabled });
      gateway.addHttpListener({ name: 'public', port: 8080, allowedRoutes: RouteNamespaces.all() });
      new HttpRoute(chart, 'Route', { metadata: { name: 'web' }, parents: [gateway], rules: [{ backends: [Backend.fromServiceName('web', 80)] }] });
      return app.synthYaml();
    };
    const expected = [
      'apiVersion: gateway.networking.k8s.io/v1',
      'kind: Gateway',
      'metadata:',
      '  name: edge',
      '  namespace: shop',
      'spec:',
      '  gatewayClassName: eg',
      '  listeners:',
      '    - name: http',
      '      port: 80',
      '      protocol: HTTP',
      '    - allowedRoutes:',
      '        namespaces:',
      '          from: All',
      '      name: public',
      '      port: 8080',
      '      protocol: HTTP',
      '---',
      'apiVersion: gateway.networking.k8s.io/v1',
      'kind: HTTPRoute',
      'metadata:',
      '  name: web',
      '  namespace: shop',
      'spec:',
      '  parentRefs:',
      '    - group: gateway.networking.k8s.io',
      '      kind: Gateway',
      '      name: edge',
      '  rules:',
      '    - backendRefs:',
      '        - name: web',
      '          port: 80',
      '',
    ].join('\n');
    expect(build(false)).toBe(expected);
    expect(build(true)).toBe(expected);
  });
});
