import { App, Chart, Testing } from 'cdk8s';
import { Backend, Gateway, GatewayClass, HttpRoute } from '../src';

/** Every object the app synthesizes, as `Kind namespace/name`. */
function identities(app: App): string[] {
  return app.charts.flatMap(c => c.toJson()).map((o: any) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`);
}

function grants(app: App): any[] {
  return app.charts.flatMap(c => c.toJson()).filter((o: any) => o.kind === 'ReferenceGrant');
}

describe('generated ReferenceGrant names', () => {
  test('backends whose names sanitize alike get distinct grants, and synth passes', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'web', { namespace: 'web' });
    new HttpRoute(chart, 'Route', {
      rules: [
        { backends: [Backend.fromServiceName('api.v1', 80, { namespace: 'shop' })] },
        { backends: [Backend.fromServiceName('api-v1', 80, { namespace: 'shop' })] },
      ],
    });
    expect(grants(app).map(g => [g.metadata.name, g.spec.to])).toStrictEqual([
      ['httproute-web-to-service-api.v1', [{ group: '', kind: 'Service', name: 'api.v1' }]],
      ['httproute-web-to-service-api-v1', [{ group: '', kind: 'Service', name: 'api-v1' }]],
    ]);
  });

  test('a namespace containing "-to-" or a non-core target kind gets a hashed, valid name', () => {
    const app = Testing.app();
    // Without the hash, "a-to-service-b" + Service "c" and "a" + Service "b-to-service-c" would share a name.
    new HttpRoute(new Chart(app, 'one', { namespace: 'a-to-service-b' }), 'R', {
      rules: [{ backends: [Backend.fromServiceName('c', 80, { namespace: 'x' })] }],
    });
    new HttpRoute(new Chart(app, 'two', { namespace: 'a' }), 'R', {
      rules: [{ backends: [Backend.fromServiceName('b-to-service-c', 80, { namespace: 'x' })] }],
    });
    new HttpRoute(new Chart(app, 'three', { namespace: 'a' }), 'R', {
      rules: [{ backends: [Backend.fromRef({ group: 'example.com', kind: 'Bucket', name: 'c', namespace: 'x' })] }],
    });
    const names = grants(app).map(g => g.metadata.name);
    expect(names).toHaveLength(3);
    expect(new Set(names).size).toBe(3);
    expect(names[0]).toMatch(/^httproute-a-to-service-b-to-service-c-[0-9a-f]{8}$/);
    expect(names[1]).toBe('httproute-a-to-service-b-to-service-c');
    expect(names[2]).toMatch(/^httproute-a-to-bucket-c-example.com-[0-9a-f]{8}$/);
  });

  test('routes in two charts of one namespace share one grant for the same Service', () => {
    const app = Testing.app();
    for (const id of ['team-a', 'team-b']) {
      new HttpRoute(new Chart(app, id, { namespace: 'web' }), 'Route', {
        rules: [{ backends: [Backend.fromServiceName('payments', 8080, { namespace: 'pay' })] }],
      });
    }
    expect(grants(app)).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ReferenceGrant',
      metadata: { name: 'httproute-web-to-service-payments', namespace: 'pay' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'web' }],
        to: [{ group: '', kind: 'Service', name: 'payments' }],
      },
    }]);
    const ids = identities(app);
    expect(ids.length).toBe(new Set(ids).size);
    expect(() => app.synthYaml()).not.toThrow();
  });
});

describe('generated object names', () => {
  const gatewayIn = (chart: Chart, id: string) => {
    const gateway = new Gateway(chart, id, { gatewayClass: GatewayClass.fromGatewayClassName(chart, `${id}Class`, 'eg') });
    gateway.addHttpListener();
    return gateway;
  };

  test('construct ids with characters names cannot have give valid, distinct names', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const names = ['Api_V1', 'Api-V1', 'Api V1', '_x_'].map(id => gatewayIn(chart, id).name);
    for (const name of names) expect(name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/);
    expect(names[0]).toMatch(/^c-api-v1-[0-9a-f]{8}$/);
    expect(new Set(names).size).toBe(4);
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('without the chart\'s name hashes, sanitized names that would collide get a hash of the path', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'd', { disableResourceNameHashes: true });
    const names = ['Api_V1', 'Api-V1'].map(id => gatewayIn(chart, id).name);
    expect(names[1]).toBe('d-api-v1');
    expect(names[0]).toMatch(/^d-api-v1-[0-9a-f]{8}$/);
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('valid generated names and explicit names are kept as they are', () => {
    const chart = Testing.chart();
    expect(gatewayIn(chart, 'Edge').name).toMatch(/^test-edge-c8[0-9a-f]{6}$/);
    const named = new Gateway(chart, 'Named', { metadata: { name: 'edge' }, gatewayClass: GatewayClass.fromGatewayClassName(chart, 'N', 'eg') });
    expect(named.name).toBe('edge');
  });
});
