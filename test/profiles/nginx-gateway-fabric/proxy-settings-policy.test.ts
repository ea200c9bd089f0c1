import { Chart, Duration, Size, Testing } from 'cdk8s';
import { Backend } from '../../../src/core/backend';
import { Gateway } from '../../../src/gateway/gateway';
import { PolicyTarget } from '../../../src/policies/policy';
import { ProxySettingsPolicy } from '../../../src/profiles/nginx-gateway-fabric';
import { GrpcRoute } from '../../../src/routes/grpc-route';
import { HttpRoute } from '../../../src/routes/http-route';

const GW = 'gateway.networking.k8s.io';

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'shop' });
}

function specs(c: Chart): any[] {
  return Testing.synth(c).filter(o => o.kind === 'ProxySettingsPolicy').map(o => o.spec);
}

const route = (name = 'shop') => PolicyTarget.fromRef({ group: GW, kind: 'HTTPRoute', name });
const gateway = (name = 'edge') => PolicyTarget.fromRef({ group: GW, kind: 'Gateway', name });

describe('ProxySettingsPolicy', () => {
  test('kitchen sink: every field set renders and passes the CRD', () => {
    const c = chart();
    new ProxySettingsPolicy(c, 'Psp', {
      metadata: { name: 'timeouts' },
      targets: [route('a'), PolicyTarget.fromRef({ group: GW, kind: 'GRPCRoute', name: 'b' })],
      connectTimeout: Duration.seconds(5),
      readTimeout: Duration.seconds(60),
      sendTimeout: Duration.minutes(2),
      buffering: {
        disable: false,
        bufferSize: Size.kibibytes(8),
        buffers: { number: 8, size: Size.kibibytes(8) },
        busyBuffersSize: Size.kibibytes(16),
      },
    });
    expect(Testing.synth(c).filter(o => o.kind === 'ProxySettingsPolicy')).toStrictEqual([{
      apiVersion: 'gateway.nginx.org/v1alpha1',
      kind: 'ProxySettingsPolicy',
      metadata: { name: 'timeouts', namespace: 'shop' },
      spec: {
        targetRefs: [{ group: GW, kind: 'HTTPRoute', name: 'a' }, { group: GW, kind: 'GRPCRoute', name: 'b' }],
        timeout: { connect: '5s', read: '1m', send: '2m' },
        buffering: { disable: false, bufferSize: '8k', buffers: { number: 8, size: '8k' }, busyBuffersSize: '16k' },
      },
    }]);
  });

  test('targets the library\'s Gateway and route constructs; renders only what is set', () => {
    const c = chart();
    const edge = Gateway.fromGatewayName(c, 'Edge', 'edge');
    const web = new HttpRoute(c, 'Web', { metadata: { name: 'web' }, parents: [edge], rules: [{ backends: [Backend.fromServiceName('web', 80)] }] });
    const grpc = new GrpcRoute(c, 'Grpc', { metadata: { name: 'orders' }, parents: [edge], rules: [{ backends: [Backend.fromServiceName('orders', 50051)] }] });
    new ProxySettingsPolicy(c, 'OnGateway', { metadata: { name: 'gw' }, targets: [edge], buffering: { disable: true } });
    new ProxySettingsPolicy(c, 'OnRoutes', { metadata: { name: 'routes' }, targets: [web, grpc], connectTimeout: Duration.seconds(5) });
    new ProxySettingsPolicy(c, 'Empty', { metadata: { name: 'empty' }, targets: [web], buffering: {} });
    expect(specs(c)).toStrictEqual([
      { targetRefs: [{ group: GW, kind: 'Gateway', name: 'edge' }], buffering: { disable: true } },
      { targetRefs: [{ group: GW, kind: 'HTTPRoute', name: 'web' }, { group: GW, kind: 'GRPCRoute', name: 'orders' }], timeout: { connect: '5s' } },
      { targetRefs: [{ group: GW, kind: 'HTTPRoute', name: 'web' }] },
    ]);
  });

  test('Gateways and routes cannot be mixed in one policy', () => {
    const c = chart();
    const p = new ProxySettingsPolicy(c, 'Psp', { targets: [gateway('a'), gateway('b')] });
    expect(() => p.addTarget(route('web')))
      .toThrow(/ProxySettingsPolicy test\/Psp: target HTTPRoute "web" cannot join Gateway "a": a ProxySettingsPolicy targets Gateways or routes \(HTTPRoute, GRPCRoute\), not both \(its CRD rejects mixed targetRefs\); create one ProxySettingsPolicy for the Gateways and another for the routes/);
    expect(() => new ProxySettingsPolicy(c, 'Mixed', { targets: [PolicyTarget.fromRef({ group: GW, kind: 'GRPCRoute', name: 'g' }), gateway()] }))
      .toThrow(/ProxySettingsPolicy test\/Mixed: target Gateway "edge" cannot join GRPCRoute "g"/);
    expect(p.targets).toHaveLength(2);
  });

  test('target kinds, sections and count follow the CRD', () => {
    const c = chart();
    const p = new ProxySettingsPolicy(c, 'Psp');
    expect(() => p.addTarget(PolicyTarget.fromServiceName('web')))
      .toThrow(/ProxySettingsPolicy test\/Psp: target Service "web" is of a kind this ProxySettingsPolicy cannot target; its CRD allows Gateway, HTTPRoute, GRPCRoute/);
    expect(() => p.addTarget(PolicyTarget.fromRef({ group: GW, kind: 'ListenerSet', name: 'ls' }))).toThrow(/ListenerSet.* cannot target/);
    expect(() => p.addTarget(PolicyTarget.fromRef({ group: GW, kind: 'HTTPRoute', name: 'web', sectionName: 'api' })))
      .toThrow(/ProxySettingsPolicy test\/Psp: target HTTPRoute.gateway.networking.k8s.io "web\/api" names a section \("api"\), but a ProxySettingsPolicy targets whole objects only/);
    for (let i = 0; i < 16; i++) p.addTarget(route(`r${i}`));
    expect(() => p.addTarget(route('r16'))).toThrow(/ProxySettingsPolicy test\/Psp: spec.targetRefs already has 16 entries, the maximum/);
    expect(() => p.addTarget(route('r0'))).toThrow(/target HTTPRoute.gateway.networking.k8s.io "r0" is already targeted/);
  });

  test('timeouts: zero and values without a 4-digit nginx form are eager errors', () => {
    const c = chart();
    expect(() => new ProxySettingsPolicy(c, 'C0', { targets: [route()], connectTimeout: Duration.seconds(0) }))
      .toThrow(/ProxySettingsPolicy test\/C0: spec.timeout.connect: a zero timeout makes nginx time out at once \(nginx has no "no timeout" value\); set a positive duration/);
    expect(() => new ProxySettingsPolicy(c, 'R', { targets: [route()], readTimeout: Duration.millis(10_001) }))
      .toThrow(/ProxySettingsPolicy test\/R: spec.timeout.read: duration 10001ms cannot be written as an nginx duration of at most 4 digits and one unit/);
    expect(() => new ProxySettingsPolicy(c, 'S', { targets: [route()], sendTimeout: Duration.seconds(0) })).toThrow(/spec.timeout.send: a zero timeout/);
    const ok = chart();
    new ProxySettingsPolicy(ok, 'Max', { targets: [route()], readTimeout: Duration.hours(9999), sendTimeout: Duration.millis(9999) });
    expect(specs(ok)[0].timeout).toStrictEqual({ read: '9999h', send: '9999ms' });
  });

  test('buffers: 2-256 buffers, positive nginx sizes', () => {
    const c = chart();
    const kib = Size.kibibytes(4);
    expect(() => new ProxySettingsPolicy(c, 'One', { targets: [route()], buffering: { buffers: { number: 1, size: kib } } }))
      .toThrow(/ProxySettingsPolicy test\/One: spec.buffering.buffers.number: 1 is not an integer in 2-256/);
    expect(() => new ProxySettingsPolicy(c, 'Many', { targets: [route()], buffering: { buffers: { number: 257, size: kib } } }))
      .toThrow(/spec.buffering.buffers.number: 257 is not an integer in 2-256/);
    expect(() => new ProxySettingsPolicy(c, 'Zero', { targets: [route()], buffering: { buffers: { number: 4, size: Size.kibibytes(0) } } }))
      .toThrow(/ProxySettingsPolicy test\/Zero: spec.buffering.buffers.size: the size is 0; set a positive size/);
    expect(() => new ProxySettingsPolicy(c, 'Bs', { targets: [route()], buffering: { bufferSize: Size.kibibytes(10_001) } }))
      .toThrow(/spec.buffering.bufferSize: size 10241024 bytes cannot be written as an nginx size/);
    expect(() => new ProxySettingsPolicy(c, 'Bb', { targets: [route()], buffering: { busyBuffersSize: Size.kibibytes(1.5001) } }))
      .toThrow(/ProxySettingsPolicy test\/Bb: spec.buffering.busyBuffersSize: size 1.5001KiB is not a whole number of bytes/);
    const ok = chart();
    new ProxySettingsPolicy(ok, 'Edges', { targets: [route()], buffering: { buffers: { number: 2, size: kib } } });
    new ProxySettingsPolicy(ok, 'Edges2', { targets: [route('b')], buffering: { buffers: { number: 256, size: Size.kibibytes(0.5) } } });
    expect(specs(ok).map(s => s.buffering)).toStrictEqual([{ buffers: { number: 2, size: '4k' } }, { buffers: { number: 256, size: '512' } }]);
  });

  test('busyBuffersSize must exceed bufferSize and stay below all buffers minus one', () => {
    const c = chart();
    const k = (n: number) => Size.kibibytes(n);
    expect(() => new ProxySettingsPolicy(c, 'Small', { targets: [route()], buffering: { bufferSize: k(8), busyBuffersSize: k(8) } }))
      .toThrow(/ProxySettingsPolicy test\/Small: spec.buffering.busyBuffersSize: 8k must be larger than bufferSize \(8k\); raise busyBuffersSize or lower bufferSize/);
    expect(() => new ProxySettingsPolicy(c, 'Large', { targets: [route()], buffering: { buffers: { number: 4, size: k(4) }, busyBuffersSize: k(12) } }))
      .toThrow(/ProxySettingsPolicy test\/Large: spec.buffering.busyBuffersSize: 12k must be smaller than all buffers minus one \(3 × 4k\); lower busyBuffersSize or add buffers/);
    const ok = chart();
    new ProxySettingsPolicy(ok, 'Ok', { targets: [route()], buffering: { bufferSize: k(8), buffers: { number: 4, size: k(4) }, busyBuffersSize: k(9) } });
    new ProxySettingsPolicy(ok, 'Alone', { targets: [route('b')], buffering: { busyBuffersSize: k(9) } });
    expect(specs(ok).map(s => s.buffering)).toStrictEqual([
      { bufferSize: '8k', buffers: { number: 4, size: '4k' }, busyBuffersSize: '9k' },
      { busyBuffersSize: '9k' },
    ]);
  });
});
