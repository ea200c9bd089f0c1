import { App, Chart, Testing } from 'cdk8s';
import { coverageObjects } from './all-annotations-input';
import {
  GatewayApiChannel, GatewayApiValidation, GatewayApiVersion, ImplementationProfile, IngressCompat, ManifestValidator, NoticeStatus, ReleaseChannel,
} from '../../src';
import { profileHandling, annotationSpec } from '../../src/compat/annotations/table';
import { ProfileName } from '../../src/profiles/verdicts';

/*
 * IngressCompat's target release and channel: on the Experimental channel the standard profile
 * reproduces retries and cookie affinity with HTTPRoute rules[].retry and
 * rules[].sessionPersistence (the same shape in v1.5.1 and v1.6.1), and the notices say so.
 */

const P = 'nginx.ingress.kubernetes.io/';
const GATEWAY_REF = { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'nginx', sectionName: 'http' };

interface Options {
  readonly channel?: ReleaseChannel;
  readonly gatewayApiVersion?: GatewayApiVersion;
  readonly profile?: ImplementationProfile;
}

function migrate(annotations: Record<string, string>, options: Options = {}, app: App = Testing.app()) {
  const chart = new Chart(app, 'c');
  const compat = IngressCompat.fromSpec(chart, 'C', {
    ...options,
    printNotices: false,
    ingresses: [{
      name: 'web',
      namespace: 'shop',
      annotations: Object.fromEntries(Object.entries(annotations).map(([k, v]) => [`${P}${k}`, v])),
      rules: [{ host: 'shop.example.com', paths: [{ path: '/', pathType: 'Prefix', serviceName: 'web', servicePort: 80 }] }],
    }],
  });
  const synthed = Testing.synth(chart);
  const routes = synthed.filter(o => o.kind === 'HTTPRoute');
  const noticeOf = (key: string) => {
    const n = compat.notices.find(x => x.ingress === 'shop/web' && x.annotation === `${P}${key}`);
    return n && { status: n.status, message: n.message };
  };
  return { compat, synthed, routes, noticeOf };
}

/** The one HTTPRoute of the input with `extra` fields on its one rule. */
function route(extra: Record<string, unknown>): unknown {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'web-shop-example-com', namespace: 'shop' },
    spec: {
      hostnames: ['shop.example.com'],
      parentRefs: [GATEWAY_REF],
      rules: [{ backendRefs: [{ name: 'web', port: 80 }], matches: [{ path: { type: 'PathPrefix', value: '/' } }], ...extra }],
    },
  };
}

const EXPERIMENTAL = { channel: ReleaseChannel.EXPERIMENTAL };

describe('IngressCompat on the Experimental channel (standard profile)', () => {
  test('the defaults: every backend rule retries twice (proxy-next-upstream "error timeout", 3 tries), with a Gateway notice', () => {
    const { routes, compat } = migrate({}, EXPERIMENTAL);
    expect(routes).toStrictEqual([route({ retry: { attempts: 2 } })]);
    expect(compat.notices.filter(n => n.message.includes('default retries'))).toStrictEqual([{
      ingress: 'gateway/shop/nginx',
      status: NoticeStatus.APPROXIMATE,
      message: 'ingress-nginx default retries: rules[].retry attempts 2 on every backend rule of an Ingress without retry annotations (canary split rules aside); timeouts, non-idempotent requests and the backoff are the implementation\'s',
    }]);
    expect(compat.channel).toBe(ReleaseChannel.EXPERIMENTAL);
    expect(compat.gatewayApiVersion).toBe(GatewayApiVersion.V1_6_1);
  });

  test('affinity: cookie → a session cookie INGRESSCOOKIE (sessionPersistence), approximate', () => {
    const { routes, noticeOf } = migrate({ affinity: 'cookie' }, EXPERIMENTAL);
    expect(routes).toStrictEqual([route({
      retry: { attempts: 2 },
      sessionPersistence: { cookieConfig: { lifetimeType: 'Session' }, sessionName: 'INGRESSCOOKIE', type: 'Cookie' },
    })]);
    expect(noticeOf('affinity')).toStrictEqual({
      status: NoticeStatus.APPROXIMATE,
      message: 'sticky sessions with cookie INGRESSCOOKIE, issued by the Gateway and naming the endpoint (rules[].sessionPersistence type Cookie); the cookie\'s Path, HttpOnly and Secure attributes are the implementation\'s (nginx: Path = the Ingress path, HttpOnly, Secure on HTTPS), and how sessions move when endpoints change (affinity-mode) too',
    });
  });

  test('session-cookie-name and -max-age → sessionName and a Permanent cookie with absoluteTimeout, translated; -expires loses to -max-age', () => {
    const { routes, noticeOf } = migrate({
      'affinity': 'cookie',
      'session-cookie-name': 'route',
      'session-cookie-max-age': '172800',
      'session-cookie-expires': '3600',
      'session-cookie-path': '/app',
      'session-cookie-samesite': 'Strict',
      'session-cookie-change-on-failure': 'true',
    }, EXPERIMENTAL);
    expect(routes).toStrictEqual([route({
      retry: { attempts: 2 },
      sessionPersistence: { absoluteTimeout: '48h', cookieConfig: { lifetimeType: 'Permanent' }, sessionName: 'route', type: 'Cookie' },
    })]);
    expect(noticeOf('session-cookie-name')).toStrictEqual({ status: NoticeStatus.TRANSLATED, message: 'rules[].sessionPersistence sessionName route' });
    expect(noticeOf('session-cookie-max-age')).toStrictEqual({
      status: NoticeStatus.TRANSLATED, message: 'a cookie of 172800 s: rules[].sessionPersistence cookieConfig.lifetimeType Permanent, absoluteTimeout 172800s',
    });
    expect(noticeOf('session-cookie-expires')).toStrictEqual({
      status: NoticeStatus.APPROXIMATE,
      message: 'session-cookie-max-age sets the lifetime (172800 s; browsers honour Max-Age over Expires), and Gateway API has one lifetime (absoluteTimeout)',
    });
    expect(noticeOf('session-cookie-path')?.status).toBe(NoticeStatus.UNSUPPORTED);
    expect(noticeOf('session-cookie-samesite')).toStrictEqual({
      status: NoticeStatus.UNSUPPORTED, message: profileHandling(annotationSpec('session-cookie-samesite')!, ProfileName.STANDARD, ReleaseChannel.EXPERIMENTAL).message,
    });
    expect(noticeOf('session-cookie-change-on-failure')).toStrictEqual({
      status: NoticeStatus.UNSUPPORTED, message: 'Gateway API session persistence cannot re-pick an endpoint and reset the cookie on a failed request; remove the annotation.',
    });
  });

  test('proxy-next-upstream http_NNN conditions → codes; proxy-next-upstream-tries → attempts (tries − 1), translated', () => {
    const { routes, noticeOf } = migrate({ 'proxy-next-upstream': 'error timeout http_503 http_502 non_idempotent', 'proxy-next-upstream-tries': '5' }, EXPERIMENTAL);
    expect(routes).toStrictEqual([route({ retry: { attempts: 4, codes: [502, 503] } })]);
    expect(noticeOf('proxy-next-upstream-tries')).toStrictEqual({ status: NoticeStatus.TRANSLATED, message: '5 tries in all: rules[].retry attempts 4' });
    expect(noticeOf('proxy-next-upstream')).toStrictEqual({
      status: NoticeStatus.APPROXIMATE,
      message: 'rules[].retry attempts 4 and codes 502, 503: Gateway API implementations retry connection errors and the listed statuses; whether a timed-out or invalid response is retried, whether non-idempotent requests are, and the backoff between tries (nginx retries at once) are the implementation\'s',
    });
  });

  test.each([['proxy-next-upstream', 'off'], ['proxy-next-upstream-tries', '1']])('%s: %s → no retry field (Gateway API cannot say "never"), approximate', (key, value) => {
    const { routes, noticeOf } = migrate({ [key]: value }, EXPERIMENTAL);
    expect(routes).toStrictEqual([route({})]);
    expect(noticeOf(key)).toStrictEqual({
      status: NoticeStatus.APPROXIMATE,
      message: 'a single try: no rules[].retry is emitted (its attempts is at least 1, so Gateway API cannot say "never retry"), and the implementation\'s default applies (Envoy-based ones do not retry)',
    });
  });

  test('a canary split carries neither field (CanarySplit adds its rules whole), approximate', () => {
    const chart = new Chart(Testing.app(), 'c');
    const rule = (serviceName: string) => [{ host: 'shop.example.com', paths: [{ path: '/', pathType: 'Prefix', serviceName, servicePort: 80 }] }];
    const compat = IngressCompat.fromSpec(chart, 'C', {
      ...EXPERIMENTAL,
      printNotices: false,
      ingresses: [
        { name: 'web', namespace: 'shop', annotations: { [`${P}affinity`]: 'cookie' }, rules: rule('web') },
        { name: 'web-canary', namespace: 'shop', annotations: { [`${P}canary`]: 'true', [`${P}canary-weight`]: '10' }, rules: rule('web-v2') },
      ],
    });
    const rules = Testing.synth(chart).filter(o => o.kind === 'HTTPRoute').flatMap(o => o.spec.rules);
    expect(rules.filter((r: any) => r.retry !== undefined || r.sessionPersistence !== undefined)).toStrictEqual([]);
    expect(compat.notices.find(n => n.annotation === `${P}affinity`)).toStrictEqual({
      ingress: 'shop/web',
      annotation: `${P}affinity`,
      status: NoticeStatus.APPROXIMATE,
      message: 'the canary split rules of path / carry no rules[].sessionPersistence (CanarySplit adds its rules whole); any other backend rule of the Ingress carries it',
    });
  });

  test('the output is accepted by the Experimental CRDs of v1.6.1 and v1.5.1, and refused by the Standard ones', () => {
    const { synthed } = migrate({ 'affinity': 'cookie', 'session-cookie-max-age': '60' }, EXPERIMENTAL);
    for (const gatewayApiVersion of [GatewayApiVersion.V1_6_1, GatewayApiVersion.V1_5_1]) {
      expect(ManifestValidator.validateObjects(synthed, { gatewayApiVersion, channel: ReleaseChannel.EXPERIMENTAL })).toStrictEqual([]);
      expect(ManifestValidator.validateObjects(synthed, { gatewayApiVersion, channel: ReleaseChannel.STANDARD }).map(r => r.path).sort())
        .toStrictEqual(['spec.rules[0].retry', 'spec.rules[0].sessionPersistence']);
    }
  });

  test('gatewayApiVersion v1.5.1: the same objects, validated at synth against v1.5.1 (set on the app)', () => {
    const app = Testing.app();
    const { synthed, compat } = migrate({ affinity: 'cookie' }, { ...EXPERIMENTAL, gatewayApiVersion: GatewayApiVersion.V1_5_1 }, app);
    expect(compat.gatewayApiVersion).toBe(GatewayApiVersion.V1_5_1);
    expect(GatewayApiValidation.of(app).options.gatewayApiVersion).toBe(GatewayApiVersion.V1_5_1);
    expect(synthed).toStrictEqual(migrate({ affinity: 'cookie' }, EXPERIMENTAL).synthed);
  });

  test.each([
    ['standard', ImplementationProfile.standard(), ReleaseChannel.STANDARD],
    ['standard', ImplementationProfile.standard(), ReleaseChannel.EXPERIMENTAL],
    ['envoy-gateway', ImplementationProfile.envoyGateway(), ReleaseChannel.STANDARD],
    ['nginx-gateway-fabric', ImplementationProfile.nginxGatewayFabric(), ReleaseChannel.STANDARD],
  ])('the all-annotations input on %s (%#): accepted by v1.5.1\'s CRDs of its channel (synth validation targets v1.5.1)', (_name, profile, channel) => {
    const chart = new Chart(Testing.app(), 'c');
    IngressCompat.fromManifests(chart, 'C', { objects: coverageObjects(), profile, channel, gatewayApiVersion: GatewayApiVersion.V1_5_1, printNotices: false });
    const synthed = Testing.synth(chart);
    expect(synthed.length).toBeGreaterThan(40);
    const gatewayApi = synthed.filter(o => o.apiVersion.startsWith('gateway.networking.k8s.io/'));
    expect(ManifestValidator.validateObjects(gatewayApi, { gatewayApiVersion: GatewayApiVersion.V1_5_1, channel })).toStrictEqual([]);
    const rules = gatewayApi.filter(o => o.kind === 'HTTPRoute').flatMap(o => o.spec.rules);
    const experimental = channel === ReleaseChannel.EXPERIMENTAL;
    const has = (field: string) => rules.some((r: any) => r[field] !== undefined);
    expect([has('retry'), has('sessionPersistence')]).toStrictEqual([experimental, experimental]);
  });

  test('a release other than the app\'s synth validation is a synth error', () => {
    const app = Testing.app();
    GatewayApiValidation.configure(app, { gatewayApiVersion: GatewayApiVersion.V1_6_1 });
    expect(() => migrate({}, { gatewayApiVersion: GatewayApiVersion.V1_5_1 }, app))
      .toThrow(/IngressCompat c\/C targets Gateway API v1\.5\.1, but the app's synth validation targets v1\.6\.1/);
  });

  test('the channel of the scope applies when none is given', () => {
    const app = Testing.app();
    GatewayApiChannel.useExperimental(app);
    const { routes, compat } = migrate({ 'proxy-next-upstream-tries': '2' }, {}, app);
    expect(compat.channel).toBe(ReleaseChannel.EXPERIMENTAL);
    expect(routes).toStrictEqual([route({ retry: { attempts: 1 } })]);
  });

  test('channel: standard pins the construct to Standard under an Experimental app: no experimental field, the annotations unsupported', () => {
    const app = Testing.app();
    GatewayApiChannel.useExperimental(app);
    const { routes, noticeOf } = migrate({ 'affinity': 'cookie', 'proxy-next-upstream-tries': '2' }, { channel: ReleaseChannel.STANDARD }, app);
    expect(routes).toStrictEqual([route({})]);
    expect(noticeOf('affinity')?.status).toBe(NoticeStatus.UNSUPPORTED);
    expect(noticeOf('proxy-next-upstream-tries')?.status).toBe(NoticeStatus.UNSUPPORTED);
  });

  test('other profiles keep their policies on the Experimental channel (no retry or sessionPersistence on rules)', () => {
    for (const profile of [ImplementationProfile.envoyGateway(), ImplementationProfile.nginxGatewayFabric()]) {
      const { routes, noticeOf } = migrate({ 'affinity': 'cookie', 'proxy-next-upstream-tries': '2' }, { ...EXPERIMENTAL, profile });
      const withFields = routes.flatMap((r: any) => r.spec.rules).filter((r: any) => r.retry !== undefined || r.sessionPersistence !== undefined);
      expect(withFields).toStrictEqual([]);
      expect(noticeOf('affinity')?.status).toBe(NoticeStatus.APPROXIMATE);
    }
  });

  test('a bad channel or release throws', () => {
    expect(() => migrate({}, { channel: 'beta' as ReleaseChannel })).toThrow(/IngressCompat c\/C: channel "beta" is not standard or experimental/);
    expect(() => migrate({}, { gatewayApiVersion: 'v1.4.0' as GatewayApiVersion })).toThrow(/gatewayApiVersion "v1\.4\.0" is not one of v1\.6\.1, v1\.5\.1/);
  });
});
