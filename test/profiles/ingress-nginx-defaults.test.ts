// IngressNginxDefaults: ingress-nginx's no-annotation defaults on each profile, the exact objects
// and the verdict list (what a profile cannot reproduce is reported, never dropped).
import { Duration, Size } from 'cdk8s';
import {
  DEFAULT_HSTS, GATEWAY_REF, HTTPS_LISTENER_REF, ROUTE_REF, SERVICE_REFS, ShopApp, Target, created, hstsFilter, ruleFilters, shopApp, targetOf,
} from './profile-fixture';
import { Behavior, Fidelity, ImplementationProfile, IngressNginxDefaults, LoadBalancingAlgorithm, ProfileName, RetryCondition } from '../../src';

const EXACT = Fidelity.EXACT;
const APPROXIMATE = Fidelity.APPROXIMATE;
const UNSUPPORTED = Fidelity.UNSUPPORTED;
const DEFAULT_BEHAVIORS = [
  Behavior.BODY_SIZE_LIMIT, Behavior.CONNECT_TIMEOUT, Behavior.IDLE_TIMEOUTS, Behavior.REQUEST_TIMEOUT, Behavior.RETRIES,
  Behavior.LOAD_BALANCING, Behavior.HSTS, Behavior.REQUEST_ID, Behavior.PROXY_BUFFERING,
];

function defaultsOn(profile: ImplementationProfile, target: Target, withServices = false): { app: ShopApp; defaults: IngressNginxDefaults } {
  const app = shopApp();
  const defaults = new IngressNginxDefaults(app.chart, 'Defaults', { profile, target: targetOf(app, target), services: withServices ? app.services : undefined });
  return { app, defaults };
}

/** The verdicts as [behaviour, fidelity] pairs, and every note of a verdict that is not exact. */
function summary(defaults: IngressNginxDefaults): Array<[string, Fidelity]> {
  for (const v of defaults.verdicts) {
    expect(v.note === '').toBe(v.fidelity === EXACT);
  }
  return defaults.verdicts.map(v => [v.behavior, v.fidelity]);
}

const pairs = (...fidelities: Fidelity[]): Array<[string, Fidelity]> => DEFAULT_BEHAVIORS.map((b, i) => [b, fidelities[i]]);

describe('IngressNginxDefaults.behaviors', () => {
  test('ingress-nginx\'s no-annotation values (config.go NewDefault)', () => {
    expect(IngressNginxDefaults.behaviors()).toStrictEqual({
      bodySizeLimit: Size.mebibytes(1),
      connectTimeout: Duration.seconds(5),
      readTimeout: Duration.seconds(60),
      sendTimeout: Duration.seconds(60),
      requestTimeout: Duration.seconds(0),
      retries: { tries: 3, conditions: [RetryCondition.ERROR, RetryCondition.TIMEOUT], retryNonIdempotent: false },
      loadBalancing: LoadBalancingAlgorithm.ROUND_ROBIN,
      requestId: true,
      hsts: {},
      proxyBuffering: false,
    });
  });

  test('each call gives a fresh copy', () => {
    const first = IngressNginxDefaults.behaviors();
    first.retries!.conditions!.push(RetryCondition.HTTP_503);
    expect(IngressNginxDefaults.behaviors().retries!.conditions).toStrictEqual([RetryCondition.ERROR, RetryCondition.TIMEOUT]);
  });
});

describe('IngressNginxDefaults on envoy-gateway', () => {
  const btpSpec = {
    loadBalancer: { type: 'RoundRobin' },
    requestBuffer: { limit: '1Mi' },
    retry: { numRetries: 2, retryOn: { triggers: ['connect-failure', 'refused-stream', 'reset-before-request'] } },
    timeout: { http: { requestTimeout: '0s', streamIdleTimeout: '1m' }, tcp: { connectTimeout: '5s' } },
  };
  const ctpSpec = { headers: { lateResponseHeaders: { set: [{ name: 'Strict-Transport-Security', value: DEFAULT_HSTS }] }, requestID: 'PreserveOrGenerate' } };

  test('on the Gateway: one BackendTrafficPolicy and one ClientTrafficPolicy; HSTS approximate (HTTP listener)', () => {
    const { app, defaults } = defaultsOn(ImplementationProfile.envoyGateway(), Target.GATEWAY);
    expect(created(app)).toStrictEqual([
      { kind: 'BackendTrafficPolicy', spec: { ...btpSpec, targetRefs: [GATEWAY_REF] } },
      { kind: 'ClientTrafficPolicy', spec: { ...ctpSpec, targetRefs: [GATEWAY_REF] } },
    ]);
    expect(summary(defaults)).toStrictEqual(pairs(EXACT, EXACT, APPROXIMATE, EXACT, APPROXIMATE, EXACT, APPROXIMATE, EXACT, EXACT));
    expect(defaults.verdicts.find(v => v.behavior === Behavior.HSTS)!.note).toMatch(/plain-HTTP listeners, whose responses get the header too/);
    expect(defaults.resources.map(r => r.node.path)).toStrictEqual(['test/Defaults/Resources/BackendTrafficPolicy', 'test/Defaults/Resources/ClientTrafficPolicy']);
    expect(defaults.backends).toStrictEqual([]);
  });

  test('on the HTTPS listener: HSTS exact', () => {
    const { app, defaults } = defaultsOn(ImplementationProfile.envoyGateway(), Target.LISTENER);
    expect(created(app)).toStrictEqual([
      { kind: 'BackendTrafficPolicy', spec: { ...btpSpec, targetRefs: [HTTPS_LISTENER_REF] } },
      { kind: 'ClientTrafficPolicy', spec: { ...ctpSpec, targetRefs: [HTTPS_LISTENER_REF] } },
    ]);
    expect(summary(defaults)).toStrictEqual(pairs(EXACT, EXACT, APPROXIMATE, EXACT, APPROXIMATE, EXACT, EXACT, EXACT, EXACT));
  });

  test('on a route: StrategicMerge, HSTS on the rules, request ID unsupported', () => {
    const { app, defaults } = defaultsOn(ImplementationProfile.envoyGateway(), Target.ROUTE);
    expect(created(app)).toStrictEqual([{ kind: 'BackendTrafficPolicy', spec: { ...btpSpec, mergeType: 'StrategicMerge', targetRefs: [ROUTE_REF] } }]);
    expect(ruleFilters(app)).toStrictEqual({ web: [hstsFilter(DEFAULT_HSTS)], upload: [hstsFilter(DEFAULT_HSTS)] });
    expect(summary(defaults)).toStrictEqual(pairs(EXACT, EXACT, APPROXIMATE, EXACT, APPROXIMATE, EXACT, APPROXIMATE, UNSUPPORTED, EXACT));
  });
});

describe('IngressNginxDefaults on nginx-gateway-fabric', () => {
  test('on the Gateway with its Services: ClientSettings, ProxySettings and UpstreamSettings policies', () => {
    const { app, defaults } = defaultsOn(ImplementationProfile.nginxGatewayFabric(), Target.GATEWAY, true);
    expect(created(app)).toStrictEqual([
      { kind: 'ClientSettingsPolicy', spec: { body: { maxSize: '1m' }, targetRef: GATEWAY_REF } },
      { kind: 'ProxySettingsPolicy', spec: { timeout: { connect: '5s', read: '1m', send: '1m' }, buffering: { disable: true }, targetRefs: [GATEWAY_REF] } },
      { kind: 'UpstreamSettingsPolicy', spec: { loadBalancingMethod: 'round_robin', targetRefs: SERVICE_REFS } },
    ]);
    expect(summary(defaults)).toStrictEqual(pairs(EXACT, EXACT, EXACT, EXACT, APPROXIMATE, EXACT, UNSUPPORTED, UNSUPPORTED, EXACT));
    expect(defaults.verdicts.find(v => v.behavior === Behavior.HSTS)!.note).toMatch(/apply it to the HTTPS routes/);
    expect(defaults.verdicts.find(v => v.behavior === Behavior.REQUEST_ID)!.note).toMatch(/SnippetsFilter \(proxy_set_header X-Request-ID\)/);
  });

  test('without Services: load balancing reported unsupported, not dropped', () => {
    const { app, defaults } = defaultsOn(ImplementationProfile.nginxGatewayFabric(), Target.GATEWAY);
    expect(created(app).map(o => o.kind)).toStrictEqual(['ClientSettingsPolicy', 'ProxySettingsPolicy']);
    const lb = defaults.verdicts.find(v => v.behavior === Behavior.LOAD_BALANCING)!;
    expect([lb.fidelity, lb.note]).toStrictEqual([UNSUPPORTED, expect.stringMatching(/pass the Services in `services`/)]);
  });

  test('on a route: the policies on the route, HSTS on its rules', () => {
    const { app, defaults } = defaultsOn(ImplementationProfile.nginxGatewayFabric(), Target.ROUTE, true);
    expect(created(app)).toStrictEqual([
      { kind: 'ClientSettingsPolicy', spec: { body: { maxSize: '1m' }, targetRef: ROUTE_REF } },
      { kind: 'ProxySettingsPolicy', spec: { timeout: { connect: '5s', read: '1m', send: '1m' }, buffering: { disable: true }, targetRefs: [ROUTE_REF] } },
      { kind: 'UpstreamSettingsPolicy', spec: { loadBalancingMethod: 'round_robin', targetRefs: SERVICE_REFS } },
    ]);
    expect(ruleFilters(app)).toStrictEqual({ web: [hstsFilter(DEFAULT_HSTS)], upload: [hstsFilter(DEFAULT_HSTS)] });
    expect(summary(defaults)).toStrictEqual(pairs(EXACT, EXACT, EXACT, EXACT, APPROXIMATE, EXACT, APPROXIMATE, UNSUPPORTED, EXACT));
  });
});

describe('IngressNginxDefaults on standard', () => {
  test('on the Gateway: nothing emitted, every default reported unsupported', () => {
    const { app, defaults } = defaultsOn(ImplementationProfile.standard(), Target.GATEWAY);
    expect(created(app)).toStrictEqual([]);
    expect(summary(defaults)).toStrictEqual(pairs(...DEFAULT_BEHAVIORS.map(() => UNSUPPORTED)));
    expect(defaults.verdicts.every(v => v.profile === ProfileName.STANDARD && v.target === Target.GATEWAY && v.emits === '-')).toBe(true);
    expect(defaults.resources).toStrictEqual([]);
  });

  test('on a route: only the HSTS header, standard Gateway API', () => {
    const { app, defaults } = defaultsOn(ImplementationProfile.standard(), Target.ROUTE);
    expect(created(app)).toStrictEqual([]);
    expect(ruleFilters(app)).toStrictEqual({ web: [hstsFilter(DEFAULT_HSTS)], upload: [hstsFilter(DEFAULT_HSTS)] });
    expect(summary(defaults)).toStrictEqual(pairs(
      UNSUPPORTED, UNSUPPORTED, UNSUPPORTED, UNSUPPORTED, UNSUPPORTED, UNSUPPORTED, APPROXIMATE, UNSUPPORTED, UNSUPPORTED));
  });
});
