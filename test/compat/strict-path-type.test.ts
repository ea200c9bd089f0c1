import { Chart, Testing } from 'cdk8s';
import { IngressCompat, NoticeStatus } from '../../src';
import { IngressCompatIngress } from '../../src/compat/spec-props';

/*
 * ingress-nginx's strict-validate-path-type (ConfigMap, default true): an Ingress with an Exact
 * or Prefix path that is not letters, digits, ".", "_", "-" and "/" is refused as a whole
 * (internal/ingress/inspector/ingress.go ValidatePathType), not just the path.
 */

const P = 'nginx.ingress.kubernetes.io/';

function migrate(ingresses: IngressCompatIngress[], data?: Record<string, string>) {
  const chart = new Chart(Testing.app(), 'c');
  const compat = IngressCompat.fromSpec(chart, 'C', { ingresses, printNotices: false, ...(data ? { controllerConfig: { data } } : {}) });
  const synthed = Testing.synth(chart);
  const routes = synthed.filter(o => o.kind === 'HTTPRoute').map(o => o.metadata.name).sort();
  return { compat, synthed, routes };
}

const path = (p: string, pathType: string, serviceName = 'web') => ({ path: p, pathType, serviceName, servicePort: 80 });

const REGEX_PREFIX: IngressCompatIngress = {
  name: 'api',
  namespace: 'shop',
  annotations: { [`${P}use-regex`]: 'true', [`${P}proxy-body-size`]: '8m' },
  rules: [{ host: 'api.example.com', paths: [path('/ok', 'Prefix'), path('/v[0-9]+/items', 'Prefix', 'api')] }],
};
const PLAIN: IngressCompatIngress = {
  name: 'web',
  namespace: 'shop',
  rules: [{ host: 'web.example.com', paths: [path('/a-b_c.d/e', 'Prefix'), path('/exact', 'Exact')] }],
};

describe('strict-validate-path-type', () => {
  test('default true: the whole Ingress is refused (its valid path too), one notice naming the path and value; other Ingresses unaffected', () => {
    const { compat, routes } = migrate([REGEX_PREFIX, PLAIN]);
    expect(routes).toStrictEqual(['web-web-example-com']);
    const api = compat.notices.filter(n => n.ingress === 'shop/api');
    const reason = 'ingress-nginx ignores this whole Ingress: path "/v[0-9]+/items" (pathType Prefix, host api.example.com) has characters other than letters, digits, ".", "_", "-" and "/", which the controller\'s strict-validate-path-type (default true) refuses on Exact and Prefix paths. Give the path pathType ImplementationSpecific (with use-regex: "true" for a regular expression), or set strict-validate-path-type: "false" in the controller ConfigMap.';
    expect(api).toStrictEqual([
      { ingress: 'shop/api', status: NoticeStatus.UNSUPPORTED, message: `not translated: ${reason}` },
      { ingress: 'shop/api', annotation: `${P}proxy-body-size`, status: NoticeStatus.UNSUPPORTED, message: reason },
      { ingress: 'shop/api', annotation: `${P}use-regex`, status: NoticeStatus.UNSUPPORTED, message: reason },
    ]);
  });

  test('several bad paths are all named; Exact is checked too; ImplementationSpecific is not', () => {
    const { compat, routes } = migrate([{
      name: 'many',
      namespace: 'shop',
      rules: [
        { host: 'a.example.com', paths: [path('/x+', 'Exact'), path('/(.*)', 'ImplementationSpecific')] },
        { paths: [path('/~user', 'Prefix')] },
      ],
    }]);
    expect(routes).toStrictEqual([]);
    expect(compat.notices.filter(n => n.ingress === 'shop/many').map(n => n.message)).toStrictEqual([
      'not translated: ingress-nginx ignores this whole Ingress: path "/x+" (pathType Exact, host a.example.com), path "/~user" (pathType Prefix) have characters other than letters, digits, ".", "_", "-" and "/", which the controller\'s strict-validate-path-type (default true) refuses on Exact and Prefix paths. Give these paths pathType ImplementationSpecific (with use-regex: "true" for a regular expression), or set strict-validate-path-type: "false" in the controller ConfigMap.',
    ]);
  });

  test('ImplementationSpecific regex paths pass the check and are translated', () => {
    const { routes } = migrate([{ ...REGEX_PREFIX, rules: [{ host: 'api.example.com', paths: [path('/v[0-9]+/items', 'ImplementationSpecific', 'api')] }] }]);
    expect(routes).toStrictEqual(['api-api-example-com']);
  });

  test('strict-validate-path-type: "false" takes the Ingress, the regex Prefix path matched as a regex (use-regex)', () => {
    const { synthed, compat } = migrate([REGEX_PREFIX], { 'strict-validate-path-type': 'false' });
    const route = synthed.find(o => o.kind === 'HTTPRoute');
    expect(route.spec.rules.map((r: any) => r.matches)).toStrictEqual([
      [{ path: { type: 'RegularExpression', value: '(?i)/v[0-9]+/items.*' } }],
      [{ path: { type: 'RegularExpression', value: '(?i)/ok.*' } }],
    ]);
    expect(compat.notices.filter(n => n.ingress === 'shop/api' && n.annotation === undefined)).toStrictEqual([]);
  });

  test('a value that is not a boolean keeps the default, with an invalid notice', () => {
    const { compat, routes } = migrate([REGEX_PREFIX], { 'strict-validate-path-type': 'maybe' });
    expect(routes).toStrictEqual([]);
    expect(compat.notices.filter(n => n.status === NoticeStatus.INVALID).map(n => n.message)).toStrictEqual([
      'strict-validate-path-type: "maybe" is not a boolean (Go strconv.ParseBool: true, false, 1, 0, t, f, …); ingress-nginx logs it and keeps the default "true"',
    ]);
  });
});
