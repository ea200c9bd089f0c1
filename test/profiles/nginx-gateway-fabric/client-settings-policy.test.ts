import { ApiObject, Chart, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import { PolicyTarget } from '../../../src/policies/policy';
import { ClientSettingsPolicy } from '../../../src/profiles/nginx-gateway-fabric';

const GW = 'gateway.networking.k8s.io';

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'shop' });
}

function synthKind(c: Chart, kind: string): any[] {
  return Testing.synth(c).filter(o => o.kind === kind);
}

const route = (name = 'shop') => PolicyTarget.fromRef({ group: GW, kind: 'HTTPRoute', name });

describe('ClientSettingsPolicy', () => {
  test('kitchen sink: every field set renders and passes the CRD', () => {
    const c = chart();
    new ClientSettingsPolicy(c, 'Csp', {
      metadata: { name: 'uploads' },
      targets: [route('uploads')],
      bodyMaxSize: Size.mebibytes(50),
      bodyTimeout: Duration.seconds(30),
      keepAlive: {
        requests: 1000,
        time: Duration.hours(1),
        serverTimeout: Duration.seconds(75),
        headerTimeout: Duration.seconds(30),
        minTimeout: Duration.millis(500),
      },
    });
    expect(synthKind(c, 'ClientSettingsPolicy')).toStrictEqual([{
      apiVersion: 'gateway.nginx.org/v1alpha1',
      kind: 'ClientSettingsPolicy',
      metadata: { name: 'uploads', namespace: 'shop' },
      spec: {
        targetRef: { group: GW, kind: 'HTTPRoute', name: 'uploads' },
        body: { maxSize: '50m', timeout: '30s' },
        keepAlive: { requests: 1000, time: '1h', minTimeout: '500ms', timeout: { server: '75s', header: '30s' } },
      },
    }]);
  });

  test('only the fields given are rendered; a Gateway or GRPCRoute is a valid target', () => {
    const c = chart();
    new ClientSettingsPolicy(c, 'Gw', {
      metadata: { name: 'gw' },
      targets: [PolicyTarget.fromRef({ group: GW, kind: 'Gateway', name: 'edge' })],
      bodyMaxSize: Size.kibibytes(1024),
    });
    new ClientSettingsPolicy(c, 'Grpc', {
      metadata: { name: 'grpc' },
      targets: [PolicyTarget.fromRef({ group: GW, kind: 'GRPCRoute', name: 'orders' })],
      keepAlive: { serverTimeout: Duration.seconds(0) },
    });
    const empty = new ClientSettingsPolicy(c, 'Empty', { metadata: { name: 'empty' }, keepAlive: {} });
    empty.addTarget(route());
    expect(synthKind(c, 'ClientSettingsPolicy').map(o => o.spec)).toStrictEqual([
      { targetRef: { group: GW, kind: 'Gateway', name: 'edge' }, body: { maxSize: '1m' } },
      { targetRef: { group: GW, kind: 'GRPCRoute', name: 'orders' }, keepAlive: { timeout: { server: '0s' } } },
      { targetRef: { group: GW, kind: 'HTTPRoute', name: 'shop' } },
    ]);
  });

  test('disableBodySizeLimit renders maxSize "0" and excludes bodyMaxSize', () => {
    const c = chart();
    new ClientSettingsPolicy(c, 'Csp', { metadata: { name: 'p' }, targets: [route()], disableBodySizeLimit: true });
    expect(synthKind(c, 'ClientSettingsPolicy')[0].spec.body).toStrictEqual({ maxSize: '0' });
    expect(() => new ClientSettingsPolicy(c, 'Both', { targets: [route()], disableBodySizeLimit: true, bodyMaxSize: Size.mebibytes(1) }))
      .toThrow(/ClientSettingsPolicy test\/Both: bodyMaxSize and disableBodySizeLimit are exclusive: spec.body.maxSize is either a limit or "0" \(no limit\); pass one/);
  });

  test('sizes and durations outside the nginx forms are eager errors', () => {
    const c = chart();
    expect(() => new ClientSettingsPolicy(c, 'Zero', { targets: [route()], bodyMaxSize: Size.kibibytes(0) }))
      .toThrow(/ClientSettingsPolicy test\/Zero: spec.body.maxSize: the size is 0; set a positive size \(to accept bodies of any size, set disableBodySizeLimit: true instead\)/);
    expect(() => new ClientSettingsPolicy(c, 'Big', { targets: [route()], bodyMaxSize: Size.gibibytes(10_000) }))
      .toThrow(/ClientSettingsPolicy test\/Big: spec.body.maxSize: size 10737418240000 bytes cannot be written as an nginx size of at most 4 digits.*use e.g. 9999g/);
    expect(() => new ClientSettingsPolicy(c, 'Odd', { targets: [route()], bodyMaxSize: Size.kibibytes(10_001) }))
      .toThrow(/spec.body.maxSize: size 10241024 bytes cannot be written/);
    expect(() => new ClientSettingsPolicy(c, 'T0', { targets: [route()], bodyTimeout: Duration.seconds(0) }))
      .toThrow(/ClientSettingsPolicy test\/T0: spec.body.timeout: a zero timeout makes nginx time out at once/);
    expect(() => new ClientSettingsPolicy(c, 'TLong', { targets: [route()], bodyTimeout: Duration.millis(10_001) }))
      .toThrow(/ClientSettingsPolicy test\/TLong: spec.body.timeout: duration 10001ms cannot be written as an nginx duration of at most 4 digits/);
    expect(() => new ClientSettingsPolicy(c, 'KTime', { targets: [route()], keepAlive: { time: Duration.hours(10_000) } }))
      .toThrow(/spec.keepAlive.time: duration 36000000000ms cannot be written/);
    expect(() => new ClientSettingsPolicy(c, 'KMin', { targets: [route()], keepAlive: { minTimeout: Duration.millis(0.5) } }))
      .toThrow(/spec.keepAlive.minTimeout: duration 0.5ms has a fraction of a millisecond/);
    expect(() => new ClientSettingsPolicy(c, 'KHdr', { targets: [route()], keepAlive: { serverTimeout: Duration.seconds(1), headerTimeout: Duration.millis(12_345) } }))
      .toThrow(/spec.keepAlive.timeout.header: duration 12345ms/);
    expect(() => new ClientSettingsPolicy(c, 'KSrv', { targets: [route()], keepAlive: { serverTimeout: Duration.millis(12_345) } }))
      .toThrow(/spec.keepAlive.timeout.server: duration 12345ms/);
  });

  test('keep-alive: header needs server; requests is a non-negative int32', () => {
    const c = chart();
    expect(() => new ClientSettingsPolicy(c, 'Hdr', { targets: [route()], keepAlive: { headerTimeout: Duration.seconds(60) } }))
      .toThrow(/ClientSettingsPolicy test\/Hdr: spec.keepAlive.timeout: headerTimeout is set without serverTimeout;.*set serverTimeout too/);
    expect(() => new ClientSettingsPolicy(c, 'Neg', { targets: [route()], keepAlive: { requests: -1 } }))
      .toThrow(/ClientSettingsPolicy test\/Neg: spec.keepAlive.requests: -1 is not an integer in 0-2147483647/);
    expect(() => new ClientSettingsPolicy(c, 'Big', { targets: [route()], keepAlive: { requests: 2147483648 } }))
      .toThrow(/spec.keepAlive.requests: 2147483648 is not an integer in 0-2147483647/);
    expect(() => new ClientSettingsPolicy(c, 'Frac', { targets: [route()], keepAlive: { requests: 1.5 } }))
      .toThrow(/spec.keepAlive.requests: 1.5 is not an integer/);
    const ok = chart();
    new ClientSettingsPolicy(ok, 'Max', { metadata: { name: 'max' }, targets: [route()], keepAlive: { requests: 2147483647 } });
    expect(synthKind(ok, 'ClientSettingsPolicy')[0].spec.keepAlive).toStrictEqual({ requests: 2147483647 });
  });

  test('exactly one target, a whole Gateway, HTTPRoute or GRPCRoute', () => {
    const c = chart();
    const p = new ClientSettingsPolicy(c, 'Csp', { targets: [route('a')] });
    expect(() => p.addTarget(route('b')))
      .toThrow(/ClientSettingsPolicy test\/Csp: already has a target \(HTTPRoute.gateway.networking.k8s.io "a"\); a ClientSettingsPolicy has exactly one \(spec.targetRef\): create one policy per target/);
    const q = new ClientSettingsPolicy(c, 'Q');
    expect(() => q.addTarget(PolicyTarget.fromServiceName('web')))
      .toThrow(/ClientSettingsPolicy test\/Q: target Service "web" is of a kind this ClientSettingsPolicy cannot target; its CRD allows Gateway, HTTPRoute, GRPCRoute/);
    expect(() => q.addTarget(PolicyTarget.fromRef({ group: GW, kind: 'ListenerSet', name: 'team' })))
      .toThrow(/target ListenerSet.gateway.networking.k8s.io "team" is of a kind this ClientSettingsPolicy cannot target/);
    expect(() => q.addTarget(PolicyTarget.fromRef({ group: GW, kind: 'TLSRoute', name: 't' }))).toThrow(/TLSRoute.* cannot target/);
    expect(() => q.addTarget(PolicyTarget.fromRef({ group: 'example.com', kind: 'Gateway', name: 'g' }))).toThrow(/Gateway.example.com "g" is of a kind/);
    expect(() => q.addTarget(PolicyTarget.fromRef({ group: GW, kind: 'Gateway', name: 'edge', sectionName: 'https' })))
      .toThrow(/ClientSettingsPolicy test\/Q: target Gateway.gateway.networking.k8s.io "edge\/https" names a section \("https"\), but a ClientSettingsPolicy targets whole objects only/);
  });

  test('the synth-time validator checks the object against the NGINX Gateway Fabric CRD', () => {
    const c = chart();
    const p = new ClientSettingsPolicy(c, 'Csp', { targets: [route()], keepAlive: { serverTimeout: Duration.seconds(5) } });
    ApiObject.of(p).addJsonPatch(JsonPatch.add('/spec/keepAlive/timeout/header', '10s'), JsonPatch.remove('/spec/keepAlive/timeout/server'));
    expect(() => Testing.synth(c)).toThrow(/header can only be specified if server is specified/);
  });

  test('a policy without a target fails at synth', () => {
    const c = chart();
    new ClientSettingsPolicy(c, 'Csp', { bodyMaxSize: Size.mebibytes(1) });
    expect(() => Testing.synth(c)).toThrow(/ClientSettingsPolicy has no targets; pass targets or call addTarget\(\)/);
  });
});
