import { Chart, Size, Testing } from 'cdk8s';
import { Backend } from '../../../src/core/backend';
import { Gateway } from '../../../src/gateway/gateway';
import { PolicyTarget } from '../../../src/policies/policy';
import { RateLimitLogLevel, RateLimitPolicy } from '../../../src/profiles/nginx-gateway-fabric';
import { HttpRoute } from '../../../src/routes/http-route';

const GW = 'gateway.networking.k8s.io';

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'shop' });
}

function specs(c: Chart): any[] {
  return Testing.synth(c).filter(o => o.kind === 'RateLimitPolicy').map(o => o.spec);
}

const route = (name = 'api') => PolicyTarget.fromRef({ group: GW, kind: 'HTTPRoute', name });
const gateway = (name = 'edge') => PolicyTarget.fromRef({ group: GW, kind: 'Gateway', name });

describe('RateLimitPolicy', () => {
  test('kitchen sink: every field set renders and passes the CRD', () => {
    const c = chart();
    const p = new RateLimitPolicy(c, 'Rlp', {
      metadata: { name: 'api-limit' },
      targets: [route('api'), PolicyTarget.fromRef({ group: GW, kind: 'GRPCRoute', name: 'orders' })],
      rules: [{ requestsPerSecond: 10, key: '$binary_remote_addr', burst: 50, noDelay: true, zoneSize: Size.mebibytes(5) }],
      rejectCode: 503,
      dryRun: true,
      logLevel: RateLimitLogLevel.WARN,
    });
    p.addRule({ requestsPerMinute: 600, key: 'tenant_$http_x_tenant', burst: 20, delay: 10 });
    expect(Testing.synth(c).filter(o => o.kind === 'RateLimitPolicy')).toStrictEqual([{
      apiVersion: 'gateway.nginx.org/v1alpha1',
      kind: 'RateLimitPolicy',
      metadata: { name: 'api-limit', namespace: 'shop' },
      spec: {
        targetRefs: [{ group: GW, kind: 'HTTPRoute', name: 'api' }, { group: GW, kind: 'GRPCRoute', name: 'orders' }],
        rateLimit: {
          local: {
            rules: [
              { rate: '10r/s', key: '$binary_remote_addr', burst: 50, noDelay: true, zoneSize: '5m' },
              { rate: '600r/m', key: 'tenant_$http_x_tenant', burst: 20, delay: 10 },
            ],
          },
          rejectCode: 503,
          dryRun: true,
          logLevel: 'warn',
        },
      },
    }]);
  });

  test('the key defaults to the client IP; a policy may set only the reject code; real constructs as targets', () => {
    const c = chart();
    const edge = Gateway.fromGatewayName(c, 'Edge', 'edge');
    const api = new HttpRoute(c, 'Api', { metadata: { name: 'api' }, parents: [edge], rules: [{ backends: [Backend.fromServiceName('api', 8080)] }] });
    new RateLimitPolicy(c, 'OnGateway', { metadata: { name: 'gw' }, targets: [edge], rules: [{ requestsPerMinute: 1 }] });
    new RateLimitPolicy(c, 'OnRoute', { metadata: { name: 'route' }, targets: [api], rejectCode: 429 });
    expect(specs(c)).toStrictEqual([
      { targetRefs: [{ group: GW, kind: 'Gateway', name: 'edge' }], rateLimit: { local: { rules: [{ rate: '1r/m', key: '$binary_remote_addr' }] } } },
      { targetRefs: [{ group: GW, kind: 'HTTPRoute', name: 'api' }], rateLimit: { rejectCode: 429 } },
    ]);
  });

  test('a policy that sets nothing fails at synth', () => {
    const c = chart();
    new RateLimitPolicy(c, 'Rlp', { targets: [route()] });
    expect(() => Testing.synth(c)).toThrow(/RateLimitPolicy sets nothing: pass rules \(or call addRule\(\)\), rejectCode, dryRun or logLevel/);
    const ok = chart();
    new RateLimitPolicy(ok, 'Dry', { metadata: { name: 'dry' }, targets: [route()], dryRun: false });
    new RateLimitPolicy(ok, 'Log', { metadata: { name: 'log' }, targets: [route('b')], logLevel: RateLimitLogLevel.INFO });
    expect(specs(ok).map(s => s.rateLimit)).toStrictEqual([{ dryRun: false }, { logLevel: 'info' }]);
  });

  test('a rule has exactly one positive whole rate', () => {
    const c = chart();
    const p = new RateLimitPolicy(c, 'Rlp', { targets: [route()] });
    expect(() => p.addRule({}))
      .toThrow(/RateLimitPolicy test\/Rlp: spec.rateLimit.local.rules\[0\]: neither requestsPerSecond nor requestsPerMinute is set; set exactly one \(the rate is "N r\/s" or "N r\/m"\)/);
    expect(() => p.addRule({ requestsPerSecond: 1, requestsPerMinute: 60 }))
      .toThrow(/spec.rateLimit.local.rules\[0\]: requestsPerSecond \(1\) and requestsPerMinute \(60\) are both set; set exactly one/);
    expect(() => p.addRule({ requestsPerSecond: 0 }))
      .toThrow(/RateLimitPolicy test\/Rlp: spec.rateLimit.local.rules\[0\].rate: requestsPerSecond: 0 is not an integer in 1-9007199254740991/);
    expect(() => p.addRule({ requestsPerMinute: 0.5 })).toThrow(/rules\[0\].rate: requestsPerMinute: 0.5 is not an integer/);
    p.addRule({ requestsPerSecond: 5 });
    expect(() => p.addRule({ requestsPerSecond: -5 })).toThrow(/spec.rateLimit.local.rules\[1\].rate: requestsPerSecond: -5/);
  });

  test('key pattern, burst, delay, noDelay and zone size follow the CRD', () => {
    const c = chart();
    const p = new RateLimitPolicy(c, 'Rlp', { targets: [route()] });
    for (const key of ['', '$binary remote_addr', '$a;b', 'a{b}', '#x', '$']) {
      expect(() => p.addRule({ requestsPerSecond: 1, key }))
        .toThrow(/RateLimitPolicy test\/Rlp: spec.rateLimit.local.rules\[0\].key: ".*" must be text without blanks, ";", "\{", "\}" or "#", and nginx variables/);
    }
    expect(() => p.addRule({ requestsPerSecond: 1, burst: -1 })).toThrow(/spec.rateLimit.local.rules\[0\].burst: -1 is not an integer in 0-2147483647/);
    expect(() => p.addRule({ requestsPerSecond: 1, delay: 2147483648 })).toThrow(/rules\[0\].delay: 2147483648 is not an integer in 0-2147483647/);
    expect(() => p.addRule({ requestsPerSecond: 1, noDelay: true, delay: 0 }))
      .toThrow(/spec.rateLimit.local.rules\[0\]: noDelay and delay \(0\) are exclusive \(the CRD rule "NoDelay cannot be true when Delay is also set"\); pass one/);
    expect(() => p.addRule({ requestsPerSecond: 1, zoneSize: Size.kibibytes(0) })).toThrow(/rules\[0\].zoneSize: the size is 0; set a positive size/);
    p.addRule({ requestsPerSecond: 1, noDelay: false, delay: 3, burst: 0, key: 'static' });
    expect(specs(c)[0].rateLimit.local.rules).toStrictEqual([{ rate: '1r/s', key: 'static', burst: 0, noDelay: false, delay: 3 }]);
  });

  test('rejectCode is 400-599; logLevel is one of the CRD values', () => {
    const c = chart();
    const rules = [{ requestsPerSecond: 1 }];
    expect(() => new RateLimitPolicy(c, 'Low', { targets: [route()], rules, rejectCode: 399 }))
      .toThrow(/RateLimitPolicy test\/Low: spec.rateLimit.rejectCode: 399 is not an integer in 400-599/);
    expect(() => new RateLimitPolicy(c, 'High', { targets: [route()], rules, rejectCode: 600 })).toThrow(/rejectCode: 600 is not an integer in 400-599/);
    expect(() => new RateLimitPolicy(c, 'Log', { targets: [route()], rules, logLevel: 'debug' as RateLimitLogLevel }))
      .toThrow(/RateLimitPolicy test\/Log: spec.rateLimit.logLevel: "debug" is not one of info, notice, warn, error; use a RateLimitLogLevel member/);
    const ok = chart();
    new RateLimitPolicy(ok, 'A', { targets: [route()], rejectCode: 400 });
    new RateLimitPolicy(ok, 'B', { targets: [route('b')], rejectCode: 599 });
    expect(specs(ok).map(s => s.rateLimit.rejectCode)).toStrictEqual([400, 599]);
  });

  test('targets: Gateway or routes, never both; whole objects; no other kinds', () => {
    const c = chart();
    const p = new RateLimitPolicy(c, 'Rlp', { targets: [route('a')] });
    expect(() => p.addTarget(gateway()))
      .toThrow(/RateLimitPolicy test\/Rlp: target Gateway "edge" cannot join HTTPRoute "a": a RateLimitPolicy targets Gateways or routes \(HTTPRoute, GRPCRoute\), not both/);
    expect(() => p.addTarget(PolicyTarget.fromServiceName('api')))
      .toThrow(/RateLimitPolicy test\/Rlp: target Service "api" is of a kind this RateLimitPolicy cannot target; its CRD allows Gateway, HTTPRoute, GRPCRoute/);
    expect(() => p.addTarget(PolicyTarget.fromRef({ group: GW, kind: 'HTTPRoute', name: 'b', sectionName: 'rule-1' })))
      .toThrow(/target HTTPRoute.gateway.networking.k8s.io "b\/rule-1" names a section \("rule-1"\), but a RateLimitPolicy targets whole objects only/);
    const g = new RateLimitPolicy(c, 'Gw', { targets: [gateway('a'), gateway('b')] });
    expect(g.targets).toHaveLength(2);
  });
});
