import { App, Chart } from 'cdk8s';
import { IngressCompat } from '../../src/compat/ingress-compat';
import { ImplementationProfile } from '../../src/profiles/profile';

/*
 * The inputs the robustness run of `migrate` (migrate-robustness.test.ts) found crashing the
 * conversion ("cannot convert: ...", exit 2) before they were fixed: values ingress-nginx's
 * lenient validators let through that Gateway API or an implementation's policies cannot hold.
 * Each now ends in a notice and valid output (the synth validates it).
 */

const P = 'nginx.ingress.kubernetes.io/';

interface Case {
  readonly annotations?: Record<string, string>;
  readonly paths?: Array<{ path: string; pathType: string }>;
  readonly canary?: Record<string, string>;
  readonly profile?: ImplementationProfile;
  /** The controller ConfigMap's data. */
  readonly config?: Record<string, string>;
}

function ingress(name: string, annotations: Record<string, string>, paths: Array<{ path: string; pathType: string }>): any {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: 'shop', annotations },
    spec: {
      ingressClassName: 'nginx',
      rules: [{ host: 'shop.example.com', http: { paths: paths.map(p => ({ ...p, backend: { service: { name, port: { number: 80 } } } })) } }],
    },
  };
}

/** Converts and synthesizes (with validation) one Ingress, and its canary when given. */
function convert(c: Case): { notices: any[]; docs: any[] } {
  const app = new App();
  const chart = new Chart(app, 'migrated');
  const paths = c.paths ?? [{ path: '/', pathType: 'Prefix' }];
  const objects = [ingress('web', c.annotations ?? {}, paths)];
  if (c.canary) objects.push(ingress('web-canary', { [`${P}canary`]: 'true', ...c.canary }, paths));
  const compat = IngressCompat.fromManifests(chart, 'Ingresses', {
    objects, profile: c.profile, printNotices: false, ...(c.config ? { controllerConfig: { data: c.config } } : {}),
  });
  app.synthYaml();
  return { notices: compat.notices, docs: chart.toJson() };
}

function noticeOf(notices: any[], ingressId: string, key?: string): any[] {
  return notices.filter(n => n.ingress === ingressId && n.annotation === (key === undefined ? undefined : P + key));
}

/** The policy of `kind` attached to the HTTPRoute (not the Gateway's defaults). */
function onRoute(docs: any[], kind: string): any {
  return docs.find(d => d.kind === kind && [...(d.spec.targetRefs ?? []), d.spec.targetRef].some((t: any) => t?.kind === 'HTTPRoute'));
}

const NGF = ImplementationProfile.nginxGatewayFabric();
const EG = ImplementationProfile.envoyGateway();

describe('paths Gateway API cannot match', () => {
  test.each([
    ['/api(/|$)(.*)', 'Prefix', /path \/api\(\/\|\$\)\(\.\*\) \(Prefix\) cannot be a Gateway API path match: path .* may only contain RFC 3986 path characters.*set use-regex: "true".*\(path skipped\)$/],
    ['/a//b', 'ImplementationSpecific', /path \/a\/\/b \(ImplementationSpecific\) cannot be a Gateway API path match: path "\/a\/\/b" must not contain "\/\/"/],
  ])('%s (%s) is skipped with a notice; the other path stays (strict-validate-path-type off)', (path, pathType, message) => {
    const { notices, docs } = convert({ paths: [{ path, pathType }, { path: '/ok', pathType: 'Prefix' }], config: { 'strict-validate-path-type': 'false' } });
    expect(noticeOf(notices, 'shop/web')).toEqual([{ ingress: 'shop/web', status: 'unsupported', message: expect.stringMatching(message) }]);
    const route = docs.find(d => d.kind === 'HTTPRoute');
    expect(route.spec.rules.map((r: any) => r.matches)).toEqual([[{ path: { type: 'PathPrefix', value: '/ok' } }]]);
  });
});

test('with strict-validate-path-type on (the default), a Prefix path with regex characters drops the whole Ingress', () => {
  const { notices, docs } = convert({ paths: [{ path: '/api(/|$)(.*)', pathType: 'Prefix' }, { path: '/ok', pathType: 'Prefix' }] });
  expect(noticeOf(notices, 'shop/web')).toEqual([{ ingress: 'shop/web', status: 'unsupported', message: expect.stringMatching(/^not translated: ingress-nginx ignores this whole Ingress: path "\/api\(\/\|\$\)\(\.\*\)" \(pathType Prefix, host shop\.example\.com\)/) }]);
  expect(docs.filter(d => d.kind === 'HTTPRoute')).toEqual([]);
});

describe('annotation values that passed ingress-nginx validators', () => {
  test('app-root "/" would loop: no redirect, unsupported', () => {
    const { notices } = convert({ annotations: { [`${P}app-root`]: '/' } });
    expect(noticeOf(notices, 'shop/web', 'app-root')).toEqual([{
      ingress: 'shop/web',
      annotation: `${P}app-root`,
      status: 'unsupported',
      message: expect.stringMatching(/^appRoot "\/" would redirect "\/" to itself and loop \(ingress-nginx renders the redirect anyway\); remove the annotation/),
    }]);
  });

  test('rewrite-target that is not an absolute path is unsupported; the path is sent unchanged', () => {
    const { notices, docs } = convert({ annotations: { [`${P}rewrite-target`]: 'false' } });
    expect(noticeOf(notices, 'shop/web', 'rewrite-target')).toEqual([{
      ingress: 'shop/web', annotation: `${P}rewrite-target`, status: 'unsupported', message: expect.stringMatching(/^"false" is not an absolute path .*write it with a leading \//),
    }]);
    expect(docs.find(d => d.kind === 'HTTPRoute').spec.rules[0].filters).toBeUndefined();
  });

  test('upstream-vhost that is not a DNS name is unsupported; the Host is sent unchanged', () => {
    const { notices } = convert({ annotations: { [`${P}upstream-vhost`]: '^(a|b)+$' } });
    expect(noticeOf(notices, 'shop/web', 'upstream-vhost')).toEqual([{
      ingress: 'shop/web',
      annotation: `${P}upstream-vhost`,
      status: 'unsupported',
      message: expect.stringMatching(/^hostname "\^\(a\|b\)\+\$" must be a lowercase RFC 1123 DNS name.*\(the Host is sent unchanged\)$/),
    }]);
  });

  test('a server-alias that is not a hostname is left out, with a notice on the Ingress and the key', () => {
    const { notices, docs } = convert({ annotations: { [`${P}server-alias`]: 'http://' } });
    expect(noticeOf(notices, 'shop/web')).toEqual([{ ingress: 'shop/web', status: 'unsupported', message: expect.stringMatching(/^server-alias http:\/\/ of shop\.example\.com is left out: hostname "http:\/\/" is an IP address/) }]);
    expect(noticeOf(notices, 'shop/web', 'server-alias')).toEqual([{ ingress: 'shop/web', annotation: `${P}server-alias`, status: 'unsupported', message: expect.stringMatching(/^no alias is served/) }]);
    expect(docs.filter(d => d.kind === 'HTTPRoute').map(d => d.spec.hostnames)).toEqual([['shop.example.com']]);
  });

  test('proxy-read-timeout above nginx\'s timer limit is invalid; the ConfigMap value is used', () => {
    const { notices } = convert({ annotations: { [`${P}proxy-read-timeout`]: '2147484' } });
    expect(noticeOf(notices, 'shop/web', 'proxy-read-timeout')).toEqual([{
      ingress: 'shop/web', annotation: `${P}proxy-read-timeout`, status: 'invalid', message: expect.stringMatching(/value 2147484 is above 2147483 s \(nginx's timer limit.*uses the ConfigMap value \(60\)/),
    }]);
  });

  test('Envoy Gateway: a capture group the path lacks becomes empty, as in nginx', () => {
    const { notices, docs } = convert({ profile: EG, annotations: { [`${P}use-regex`]: 'true', [`${P}rewrite-target`]: '/static/$1' }, paths: [{ path: '/api/', pathType: 'ImplementationSpecific' }] });
    expect(noticeOf(notices, 'shop/web', 'rewrite-target')).toEqual([{
      ingress: 'shop/web', annotation: `${P}rewrite-target`, status: 'translated', message: '/static/$1 with capture groups (Envoy Gateway HTTPRouteFilter ReplaceRegexMatch, substitution /static/)',
    }]);
    expect(docs.find(d => d.kind === 'HTTPRouteFilter').spec.urlRewrite.path.replaceRegexMatch).toEqual({ pattern: '(?i)^(?:/api/).*', substitution: '/static/' });
  });
});

describe('canaries', () => {
  test.each([
    ['canary-by-cookie', 'ns/', /cookie name "ns\/" is not a valid HTTP header name.*\(the cookie is not matched; the header and weight still apply\)$/],
    ['canary-by-header', 'a/b', /header name "a\/b" is not a valid HTTP header name.*fix the header name \(the header is not matched; the cookie and weight still apply\)$/],
  ])('%s %s that Gateway API cannot match is unsupported; the weight still splits', (key, value, message) => {
    const { notices, docs } = convert({ canary: { [P + key]: value, [`${P}canary-weight`]: '20' } });
    expect(noticeOf(notices, 'shop/web-canary', key)).toEqual([{ ingress: 'shop/web-canary', annotation: P + key, status: 'unsupported', message: expect.stringMatching(message) }]);
    const rules = docs.find(d => d.kind === 'HTTPRoute').spec.rules;
    expect(rules.map((r: any) => r.backendRefs.map((b: any) => [b.name, b.weight]))).toEqual([[['web', 80], ['web-canary', 20]]]);
  });

  test('a weight above the total sends everything to the canary, as balancer.lua does', () => {
    const { notices, docs } = convert({ canary: { [`${P}canary-weight`]: '1000001' } });
    expect(noticeOf(notices, 'shop/web-canary', 'canary-weight')).toEqual([{ ingress: 'shop/web-canary', annotation: `${P}canary-weight`, status: 'translated', message: expect.stringMatching(/CanarySplit rules/) }]);
    const rules = docs.find(d => d.kind === 'HTTPRoute').spec.rules;
    expect(rules.map((r: any) => r.backendRefs.map((b: any) => [b.name, b.weight]))).toEqual([[['web', 0], ['web-canary', 100]]]);
  });

  test('a total above Gateway API\'s largest weight is scaled, approximately', () => {
    const { notices, docs } = convert({ canary: { [`${P}canary-weight`]: '3', [`${P}canary-weight-total`]: '3000000' } });
    expect(noticeOf(notices, 'shop/web-canary', 'canary-weight-total')).toEqual([{
      ingress: 'shop/web-canary', annotation: `${P}canary-weight-total`, status: 'approximate', message: 'nginx.ingress.kubernetes.io/canary-weight-total 3000000 is above 1000000, the largest Gateway API backend weight; the canary\'s share 3/3000000 is scaled to 1/1000000',
    }]);
    const rules = docs.find(d => d.kind === 'HTTPRoute').spec.rules;
    expect(rules.map((r: any) => r.backendRefs.map((b: any) => [b.name, b.weight]))).toEqual([[['web', 999999], ['web-canary', 1]]]);
  });
});

describe('NGINX Gateway Fabric policy forms', () => {
  test('a timeout that needs more than 4 digits is rounded up, approximately', () => {
    const { notices, docs } = convert({ profile: NGF, annotations: { [`${P}proxy-connect-timeout`]: '86401' } });
    expect(noticeOf(notices, 'shop/web', 'proxy-connect-timeout')).toEqual([{
      ingress: 'shop/web', annotation: `${P}proxy-connect-timeout`, status: 'approximate', message: expect.stringMatching(/^86401 s is rounded up to 1441m: NGINX Gateway Fabric/),
    }]);
    expect(onRoute(docs, 'ProxySettingsPolicy').spec.timeout.connect).toBe('1441m');
  });

  test('a zero timeout is left out, unsupported', () => {
    const { notices } = convert({ profile: NGF, annotations: { [`${P}proxy-connect-timeout`]: '0' } });
    expect(noticeOf(notices, 'shop/web', 'proxy-connect-timeout')).toEqual([{
      ingress: 'shop/web', annotation: `${P}proxy-connect-timeout`, status: 'unsupported', message: expect.stringMatching(/^a zero timeout makes nginx time out at once/),
    }]);
  });

  test('a body size that needs more than 4 digits is rounded up, approximately', () => {
    const { notices, docs } = convert({ profile: NGF, annotations: { [`${P}proxy-body-size`]: '100000' } });
    expect(noticeOf(notices, 'shop/web', 'proxy-body-size')).toEqual([{
      ingress: 'shop/web', annotation: `${P}proxy-body-size`, status: 'approximate', message: expect.stringMatching(/^100000 bytes is rounded up to 98k/),
    }]);
    expect(onRoute(docs, 'ClientSettingsPolicy').spec.body.maxSize).toBe('98k');
  });

  test('a value no policy field can hold drops the Ingress\'s policies, each key unsupported', () => {
    const { notices, docs } = convert({ profile: NGF, annotations: { [`${P}limit-rps`]: '2147483647', [`${P}limit-burst-multiplier`]: '5' } });
    expect(noticeOf(notices, 'shop/web', 'limit-rps')).toEqual([{
      ingress: 'shop/web', annotation: `${P}limit-rps`, status: 'unsupported', message: expect.stringMatching(/^the nginx-gateway-fabric profile's policies cannot hold the behaviours of this Ingress \(.*burst: 10737418235 is not an integer in 0-2147483647\)/),
    }]);
    expect(docs.filter(d => d.kind === 'RateLimitPolicy')).toEqual([]);
  });
});
