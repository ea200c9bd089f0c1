import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import {
  Backend, Gateway, GatewayApiValidation, GatewayClass, HttpRoute, Listener, ReferenceGrant,
} from '../../src';

/** The lines of the "Validation failed" error of `app.synth()`. */
function synthErrors(app: App): string[] {
  try {
    app.synthYaml();
  } catch (e) {
    return String((e as Error).message).split('\n').slice(1).map(l => l.trim());
  }
  return [];
}

describe('each problem is reported once', () => {
  test('a construct check is not repeated by the schema, CEL or cross-object checks of its object', () => {
    const app = new App();
    // Zero and Other share a match: their route-conflict warning is not what this test is about.
    GatewayApiValidation.configure(app, { printWarnings: false });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const gateway = new Gateway(chart, 'Edge', {
      metadata: { name: 'edge' },
      gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Class', 'eg'),
      listeners: [Listener.http(), Listener.http({ name: 'http', port: 8080 }), Listener.https({ certificates: [] })],
    });
    new HttpRoute(chart, 'Shop', { metadata: { name: 'shop' }, parents: [gateway.listener('htps')], rules: [{ backends: [Backend.fromServiceName('a', 80)] }] });
    new HttpRoute(chart, 'Zero', { metadata: { name: 'zero' }, parents: [gateway.listener('http')], rules: [{ backends: [Backend.fromServiceName('a', 80, { weight: 0 })] }] });
    new HttpRoute(chart, 'Other', {
      metadata: { name: 'other' },
      parents: [gateway.listener('http')],
      createReferenceGrants: false,
      rules: [{ backends: [Backend.fromServiceName('a', 80, { namespace: 'other' })] }],
    });
    new ReferenceGrant(chart, 'Grant', { metadata: { name: 'grant' } });
    expect(synthErrors(app)).toStrictEqual([
      '[shop/Edge] listener name "http" is used by 2 listeners (HTTP/80, HTTP/8080); give each listener a unique name',
      '[shop/Edge] listener "https" (HTTPS/443) has no certificates; pass certificates to Listener.https()',
      '[shop/Shop] parent Gateway "shop/edge" has no listener named "htps"; add the listener or fix the section name',
      '[shop/Zero] spec.rules[0]: every backend has weight 0 (Service "a:80"), so all matched requests get HTTP 500; give at least one backend a positive weight',
      '[shop/Other] backend Service "other/a:80" is in namespace "other" but no ReferenceGrant there lets HTTPRoute from namespace "shop" refer to it; add a ReferenceGrant (or leave createReferenceGrants on)',
      '[shop/Grant] ReferenceGrant has no "from" entry; call addFrom()',
      '[shop/Grant] ReferenceGrant has no "to" entry; call addTo()',
    ]);
  });

  test('findings no construct check covers are still reported by the later layers', () => {
    const app = new App();
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const route = new HttpRoute(chart, 'Shop', { metadata: { name: 'shop' }, rules: [{ backends: [Backend.fromServiceName('a', 80)] }] });
    ApiObject.of(route).addJsonPatch({ _toJson: () => ({ op: 'add', path: '/spec/rules/0/matches', value: [{ path: { type: 'Exact', value: 'no-slash' } }] }) } as any);
    expect(synthErrors(app)).toStrictEqual([
      '[shop/Shop/Resource] HTTPRoute shop/shop spec.rules[0].matches[0].path: Invalid value: "object": value must be an absolute path and start with \'/\' when type one of [\'Exact\', \'PathPrefix\'] [cel]',
    ]);
  });

  test('a construct check about a rule does not hide an unrelated finding in the same rule', () => {
    const app = new App();
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const route = new HttpRoute(chart, 'Zero', { metadata: { name: 'zero' }, rules: [{ backends: [Backend.fromServiceName('a', 80, { weight: 0 })] }] });
    ApiObject.of(route).addJsonPatch(JsonPatch.add('/spec/rules/0/matches', [{ path: { type: 'Exact', value: 'no-slash' } }]));
    expect(synthErrors(app)).toStrictEqual([
      '[shop/Zero] spec.rules[0]: every backend has weight 0 (Service "a:80"), so all matched requests get HTTP 500; give at least one backend a positive weight',
      '[shop/Zero/Resource] HTTPRoute shop/zero spec.rules[0].matches[0].path: Invalid value: "object": value must be an absolute path and start with \'/\' when type one of [\'Exact\', \'PathPrefix\'] [cel]',
    ]);
  });

  test('a listener-name check hides only the CEL rule it stands for, not other rules reported at the same list', () => {
    const app = new App();
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const gateway = new Gateway(chart, 'Edge', {
      metadata: { name: 'edge' },
      gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Class', 'eg'),
      listeners: [Listener.http(), Listener.http({ name: 'http', port: 8080 }), Listener.http({ name: 'other', port: 9090 })],
    });
    ApiObject.of(gateway).addJsonPatch(JsonPatch.add('/spec/listeners/2/tls', { mode: 'Terminate', certificateRefs: [{ name: 'c' }] }));
    const errors = synthErrors(app);
    expect(errors[0]).toBe('[shop/Edge] listener name "http" is used by 2 listeners (HTTP/80, HTTP/8080); give each listener a unique name');
    expect(errors.slice(1)).toStrictEqual([
      '[shop/Edge/Resource] Gateway shop/edge spec.listeners: Invalid value: "array": tls must not be specified for protocols [\'HTTP\', \'TCP\', \'UDP\'] [cel]',
    ]);
  });

  test('"cel-skipped" notes appear only with the verbose option', () => {
    const build = (verbose?: boolean) => {
      const app = new App();
      GatewayApiValidation.configure(app, { verbose });
      new ApiObject(new Chart(app, 'shop', { namespace: 'shop' }), 'Raw', {
        apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'raw' }, spec: { hostnames: 5 },
      });
      return synthErrors(app);
    };
    const schemaError = '[shop/Raw] HTTPRoute shop/raw spec.hostnames: Invalid value: 5: spec.hostnames in body must be of type array: "integer" [schema]';
    expect(build()).toStrictEqual([schemaError]);
    expect(build(true)).toStrictEqual([
      schemaError,
      '[shop/Raw] HTTPRoute shop/raw: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation [cel-skipped]',
    ]);
  });
});
