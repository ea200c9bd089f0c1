import { ApiObject, App, Chart, Duration } from 'cdk8s';
import { Backend, GatewayApiValidation, GrpcFilter, HttpFilter } from '../src';

/*
 * int32 fields of the L2 API without a schema maximum are checked eagerly (the API server's Go
 * types cannot hold more), and an object too large for client-side `kubectl apply` is a warning
 * at synth.
 */

describe('int32 fields are checked when the filter is built', () => {
  const cors = (maxAge: Duration) => HttpFilter.cors({ allowOrigins: ['https://a.example'], maxAge });

  test('CORS maxAge', () => {
    expect(cors(Duration.seconds(2147483647)).renderFilter()).toStrictEqual({
      type: 'CORS', cors: { allowOrigins: ['https://a.example'], maxAge: 2147483647 },
    });
    expect(() => cors(Duration.seconds(3000000000)))
      .toThrow('HttpFilter.cors: maxAge 3000000000s is more than 2147483647s (cors.maxAge is an int32 number of seconds)');
  });

  test('mirror fraction denominator (HTTP and gRPC)', () => {
    const shadow = Backend.fromServiceName('shadow', 80);
    expect(HttpFilter.requestMirror(shadow, { fraction: { numerator: 1, denominator: 2147483647 } }).renderFilter()).toStrictEqual({
      type: 'RequestMirror',
      requestMirror: { backendRef: { name: 'shadow', port: 80 }, fraction: { numerator: 1, denominator: 2147483647 } },
    });
    expect(() => HttpFilter.requestMirror(shadow, { fraction: { numerator: 1, denominator: 3e9 } }))
      .toThrow('HttpFilter.requestMirror: fraction denominator 3000000000 must be an integer in 1-2147483647 (an int32)');
    expect(() => GrpcFilter.requestMirror(shadow, { fraction: { numerator: 1, denominator: 3e9 } }))
      .toThrow(/^GrpcFilter.requestMirror: fraction denominator 3000000000 must be an integer in 1-2147483647 \(an int32\)$/);
    expect(() => HttpFilter.requestMirror(shadow, { fraction: { numerator: 1, denominator: 0 } }))
      .toThrow(/fraction denominator 0 must be an integer in 1-2147483647/);
  });
});

describe('too-large-for-client-side-apply at synth', () => {
  test('is a warning naming the object, its size and the fix', () => {
    const app = new App({ outdir: '/tmp/int32-limits-test-out' });
    const chart = new Chart(app, 'big');
    GatewayApiValidation.configure(app, { printWarnings: false });
    new ApiObject(chart, 'Data', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'data', namespace: 'big' }, data: { blob: 'x'.repeat(300000) } });
    expect(() => app.synthYaml()).not.toThrow();
    const warnings = GatewayApiValidation.of(app).warnings;
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\[big\/Data\] ConfigMap big\/data: the object is 30\d{4} bytes as JSON: plain "kubectl apply" copies it into the kubectl.kubernetes.io\/last-applied-configuration annotation, .* apply it with "kubectl apply --server-side" \(or kubectl create\/replace\), or split it into smaller objects \[too-large-for-client-side-apply\]$/);
  });
});
