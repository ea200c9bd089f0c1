import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { GatewayClass } from '../src';

describe('GatewayClass', () => {
  test('renders controllerName, description and parametersRef', () => {
    const chart = Testing.chart();
    const cls = new GatewayClass(chart, 'Eg', {
      metadata: { name: 'eg' },
      controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
      description: 'Envoy Gateway',
      parametersRef: { group: 'gateway.envoyproxy.io', kind: 'EnvoyProxy', name: 'proxy-config', namespace: 'envoy-gateway-system' },
    });
    expect(ApiObject.of(cls)).toBe(cls.apiObject);
    expect(cls.gatewayClassName).toBe('eg');
    expect(Testing.synth(chart)).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'eg' },
      spec: {
        controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
        description: 'Envoy Gateway',
        parametersRef: { group: 'gateway.envoyproxy.io', kind: 'EnvoyProxy', name: 'proxy-config', namespace: 'envoy-gateway-system' },
      },
    }]);
  });

  test('is cluster-scoped: the chart namespace is not applied', () => {
    const chart = new Chart(new App(), 'c', { namespace: 'infra' });
    const cls = new GatewayClass(chart, 'Eg', { metadata: { name: 'eg' }, controllerName: 'example.com/controller' });
    expect(cls.namespace).toBeUndefined();
    expect(Testing.synth(chart)).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'eg' },
      spec: { controllerName: 'example.com/controller' },
    }]);
  });

  test('generates a name when none is given', () => {
    const chart = Testing.chart();
    const cls = new GatewayClass(chart, 'Eg', { controllerName: 'example.com/controller' });
    expect(cls.gatewayClassName).toMatch(/^test-eg-[0-9a-f]{8}$/);
  });

  test('fromGatewayClassName imports a class by name', () => {
    const chart = Testing.chart();
    const cls = GatewayClass.fromGatewayClassName(chart, 'Imported', 'istio');
    expect(cls.gatewayClassName).toBe('istio');
    expect(Testing.synth(chart)).toStrictEqual([]);
    expect(() => GatewayClass.fromGatewayClassName(chart, 'Bad', 'Bad_Name')).toThrow(/^GatewayClass.fromGatewayClassName: name "Bad_Name" must be a lowercase RFC 1123 subdomain/);
  });

  test('bad input is rejected with the construct path and the value', () => {
    const chart = Testing.chart();
    expect(() => new GatewayClass(chart, 'A', { controllerName: 'no-domain' }))
      .toThrow(/GatewayClass test\/A: controllerName "no-domain" must be a domain-prefixed path/);
    expect(() => new GatewayClass(chart, 'B', { controllerName: 'example.com/c', description: 'x'.repeat(65) }))
      .toThrow(/GatewayClass test\/B: description is 65 characters; at most 64 are allowed/);
    expect(() => new GatewayClass(chart, 'C', { controllerName: 'example.com/c', parametersRef: { group: '', kind: 'ConfigMap', name: 'p', namespace: 'Bad_NS' } }))
      .toThrow(/GatewayClass test\/C: parametersRef: namespace "Bad_NS"/);
    expect(() => new GatewayClass(chart, 'D', { controllerName: 'example.com/c', metadata: { namespace: 'infra' } }))
      .toThrow(/GatewayClass test\/D: metadata.namespace "infra" is not allowed: GatewayClass is cluster-scoped/);
  });
});
