import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { PolicyTarget } from '../../../src/policies/policy';
import { LoadBalancingMethod, UpstreamSettingsPolicy } from '../../../src/profiles/nginx-gateway-fabric';

const GW = 'gateway.networking.k8s.io';

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'shop' });
}

function specs(c: Chart): any[] {
  return Testing.synth(c).filter(o => o.kind === 'UpstreamSettingsPolicy').map(o => o.spec);
}

const svc = (name = 'web') => PolicyTarget.fromServiceName(name);

describe('UpstreamSettingsPolicy', () => {
  test('kitchen sink: every field set renders and passes the CRD', () => {
    const c = chart();
    const web = new kplus.Service(c, 'Web', { metadata: { name: 'web' }, ports: [{ port: 80 }] });
    const policy = new UpstreamSettingsPolicy(c, 'Usp', {
      metadata: { name: 'lb' },
      targets: [PolicyTarget.fromService(web), svc('api')],
      loadBalancingMethod: LoadBalancingMethod.HASH_CONSISTENT,
      hashMethodKey: '$request_uri',
      keepAlive: { connections: 32, requests: 1000, time: Duration.hours(1), timeout: Duration.seconds(60) },
      zoneSize: Size.kibibytes(512),
    });
    expect(policy.loadBalancingMethod).toBe(LoadBalancingMethod.HASH_CONSISTENT);
    expect(policy.hashMethodKey).toBe('$request_uri');
    expect(Testing.synth(c).filter(o => o.kind === 'UpstreamSettingsPolicy')).toStrictEqual([{
      apiVersion: 'gateway.nginx.org/v1alpha1',
      kind: 'UpstreamSettingsPolicy',
      metadata: { name: 'lb', namespace: 'shop' },
      spec: {
        targetRefs: [{ group: '', kind: 'Service', name: 'web' }, { group: '', kind: 'Service', name: 'api' }],
        loadBalancingMethod: 'hash consistent',
        hashMethodKey: '$request_uri',
        keepAlive: { connections: 32, requests: 1000, time: '1h', timeout: '1m' },
        zoneSize: '512k',
      },
    }]);
  });

  test('every method of the CRD renders its exact value and passes the CRD', () => {
    const c = chart();
    const methods = Object.values(LoadBalancingMethod);
    methods.forEach((method, i) => {
      const hashing = method === LoadBalancingMethod.HASH || method === LoadBalancingMethod.HASH_CONSISTENT;
      new UpstreamSettingsPolicy(c, `M${i}`, { targets: [svc(`s${i}`)], loadBalancingMethod: method, hashMethodKey: hashing ? '$remote_addr' : undefined });
    });
    expect(specs(c).map(s => s.loadBalancingMethod)).toStrictEqual([
      'round_robin', 'least_conn', 'ip_hash', 'hash', 'hash consistent', 'random', 'random two', 'random two least_conn',
      'random two least_time=header', 'random two least_time=last_byte', 'least_time header', 'least_time last_byte',
      'least_time header inflight', 'least_time last_byte inflight',
    ]);
  });

  test('only what is set is rendered; keepAlive connections 0 turns upstream keep-alive off', () => {
    const c = chart();
    new UpstreamSettingsPolicy(c, 'A', { metadata: { name: 'a' }, targets: [svc()], loadBalancingMethod: LoadBalancingMethod.ROUND_ROBIN });
    new UpstreamSettingsPolicy(c, 'B', { metadata: { name: 'b' }, targets: [svc()], keepAlive: { connections: 0 } });
    new UpstreamSettingsPolicy(c, 'C', { metadata: { name: 'c' }, targets: [svc()], keepAlive: {} });
    expect(specs(c)).toStrictEqual([
      { targetRefs: [{ group: '', kind: 'Service', name: 'web' }], loadBalancingMethod: 'round_robin' },
      { targetRefs: [{ group: '', kind: 'Service', name: 'web' }], keepAlive: { connections: 0 } },
      { targetRefs: [{ group: '', kind: 'Service', name: 'web' }] },
    ]);
  });

  test('hash methods need a single-variable hashMethodKey, and only they take one', () => {
    const c = chart();
    expect(() => new UpstreamSettingsPolicy(c, 'NoKey', { targets: [svc()], loadBalancingMethod: LoadBalancingMethod.HASH }))
      .toThrow(/UpstreamSettingsPolicy test\/NoKey: spec.hashMethodKey: loadBalancingMethod "hash" needs a hashMethodKey .*such as "\$request_uri"/);
    expect(() => new UpstreamSettingsPolicy(c, 'KeyOnly', { targets: [svc()], hashMethodKey: '$request_uri' }))
      .toThrow(/UpstreamSettingsPolicy test\/KeyOnly: spec.hashMethodKey: "\$request_uri" is used only by the hash methods, and loadBalancingMethod is not set; set loadBalancingMethod to HASH or HASH_CONSISTENT, or drop hashMethodKey/);
    expect(() => new UpstreamSettingsPolicy(c, 'WrongMethod', { targets: [svc()], loadBalancingMethod: LoadBalancingMethod.IP_HASH, hashMethodKey: '$remote_addr' }))
      .toThrow(/spec.hashMethodKey: "\$remote_addr" is used only by the hash methods, and loadBalancingMethod is "ip_hash"/);
    for (const bad of ['$host$request_uri', 'request_uri', '$Request_URI', '$arg_1']) {
      expect(() => new UpstreamSettingsPolicy(c, `Bad${bad}`, { targets: [svc()], loadBalancingMethod: LoadBalancingMethod.HASH, hashMethodKey: bad }))
        .toThrow(/spec.hashMethodKey: ".*" must be one nginx variable of lowercase letters and underscores/);
    }
    expect(() => new UpstreamSettingsPolicy(c, 'Cast', { targets: [svc()], loadBalancingMethod: 'fastest' as LoadBalancingMethod }))
      .toThrow(/UpstreamSettingsPolicy test\/Cast: spec.loadBalancingMethod: "fastest" is not a method of the CRD; use a LoadBalancingMethod member/);
  });

  test('keep-alive and zone limits', () => {
    const c = chart();
    expect(() => new UpstreamSettingsPolicy(c, 'Conn', { targets: [svc()], keepAlive: { connections: -1 } }))
      .toThrow(/UpstreamSettingsPolicy test\/Conn: spec.keepAlive.connections: -1 is not an integer in 0-2147483647/);
    expect(() => new UpstreamSettingsPolicy(c, 'Req', { targets: [svc()], keepAlive: { requests: 2147483648 } }))
      .toThrow(/spec.keepAlive.requests: 2147483648 is not an integer in 0-2147483647/);
    expect(() => new UpstreamSettingsPolicy(c, 'Time', { targets: [svc()], keepAlive: { time: Duration.hours(10_000) } }))
      .toThrow(/spec.keepAlive.time: duration 36000000000ms cannot be written as an nginx duration/);
    expect(() => new UpstreamSettingsPolicy(c, 'Timeout', { targets: [svc()], keepAlive: { timeout: Duration.millis(10_001) } }))
      .toThrow(/spec.keepAlive.timeout: duration 10001ms cannot be written/);
    expect(() => new UpstreamSettingsPolicy(c, 'Zone', { targets: [svc()], zoneSize: Size.kibibytes(0) }))
      .toThrow(/UpstreamSettingsPolicy test\/Zone: spec.zoneSize: the size is 0; set a positive size/);
    expect(() => new UpstreamSettingsPolicy(c, 'ZoneBig', { targets: [svc()], zoneSize: Size.gibibytes(10_000) }))
      .toThrow(/spec.zoneSize: size 10737418240000 bytes cannot be written as an nginx size/);
  });

  test('targets are whole Services only', () => {
    const c = chart();
    const p = new UpstreamSettingsPolicy(c, 'Usp');
    expect(() => p.addTarget(PolicyTarget.fromRef({ group: GW, kind: 'HTTPRoute', name: 'web' })))
      .toThrow(/UpstreamSettingsPolicy test\/Usp: target HTTPRoute.gateway.networking.k8s.io "web" is of a kind this UpstreamSettingsPolicy cannot target; its CRD allows Service/);
    expect(() => p.addTarget(PolicyTarget.fromRef({ group: GW, kind: 'Gateway', name: 'edge' }))).toThrow(/Gateway.* cannot target/);
    expect(() => p.addTarget(PolicyTarget.fromRef({ group: 'example.com', kind: 'Service', name: 'x' }))).toThrow(/Service.example.com "x" is of a kind/);
    expect(() => p.addTarget(PolicyTarget.fromServiceName('web', { sectionName: 'http' })))
      .toThrow(/UpstreamSettingsPolicy test\/Usp: target Service "web\/http" names a section \("http"\), but an UpstreamSettingsPolicy targets whole objects only/);
    p.addTarget(svc('web'));
    expect(() => p.addTarget(svc('web'))).toThrow(/target Service "web" is already targeted/);
  });
});
