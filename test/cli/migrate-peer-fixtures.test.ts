import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { P } from './migrate-arbitraries';
import { migrateAndCheck } from './migrate-checks';

/*
 * The kinds of input the peer converter (ingress2gateway) tests its ingress-nginx provider with,
 * written here from its public documentation and ingress-nginx's user guide: canary by header,
 * cookie and weight, rewrite with capture groups, ssl-redirect, CORS, allow lists, basic auth,
 * timeouts and body size, a legacy v1beta1 Ingress, a default backend. Each runs through
 * `migrate` on every profile: exit 0, valid output, exactly one notice per annotation key; and
 * the status of each key on the standard profile is pinned.
 */

function ingress(name: string, annotations: Record<string, string>, spec: Record<string, unknown>, apiVersion = 'networking.k8s.io/v1'): any {
  return {
    apiVersion,
    kind: 'Ingress',
    metadata: { name, namespace: 'demo', annotations: Object.fromEntries(Object.entries(annotations).map(([k, v]) => [P + k, v])) },
    spec: { ingressClassName: 'nginx', ...spec },
  };
}

function rule(host: string, paths: Array<[string, string, string, number]>): any {
  const backend = (service: string, port: number) => ({ service: { name: service, port: { number: port } } });
  return { host, http: { paths: paths.map(([p, pathType, service, port]) => ({ path: p, pathType, backend: backend(service, port) })) } };
}

const FIXTURES: Record<string, any[]> = {
  'canary by header, cookie and weight': [
    ingress('prod', {}, { rules: [rule('echo.example.com', [['/', 'Prefix', 'production', 80]])] }),
    ingress('canary', { 'canary': 'true', 'canary-by-header': 'X-Canary', 'canary-by-header-value': 'yes', 'canary-by-cookie': 'canary_user', 'canary-weight': '20' },
      { rules: [rule('echo.example.com', [['/', 'Prefix', 'canary', 80]])] }),
  ],
  'rewrite with capture groups': [
    ingress('rewrite', { 'use-regex': 'true', 'rewrite-target': '/$2' }, { rules: [rule('rewrite.bar.com', [['/something(/|$)(.*)', 'ImplementationSpecific', 'http-svc', 80]])] }),
  ],
  'ssl-redirect and TLS': [
    ingress('tls', { 'ssl-redirect': 'true', 'force-ssl-redirect': 'true' }, {
      tls: [{ hosts: ['secure.example.com'], secretName: 'secure-tls' }],
      rules: [rule('secure.example.com', [['/', 'Prefix', 'web', 8080]])],
    }),
    ingress('no-redirect', { 'ssl-redirect': 'false' }, {
      tls: [{ hosts: ['plain.example.com'], secretName: 'plain-tls' }],
      rules: [rule('plain.example.com', [['/', 'Prefix', 'web', 8080]])],
    }),
  ],
  'CORS': [
    ingress('cors', {
      'enable-cors': 'true',
      'cors-allow-origin': 'https://origin-site.com, https://*.example.org',
      'cors-allow-methods': 'PUT, GET, POST, OPTIONS',
      'cors-allow-headers': 'X-Forwarded-For, X-app123-XPTO',
      'cors-expose-headers': '*, X-CustomResponseHeader',
      'cors-max-age': '600',
      'cors-allow-credentials': 'false',
    }, { rules: [rule('cors.example.com', [['/', 'Prefix', 'api', 80]])] }),
  ],
  'allow and deny lists': [
    ingress('allow', { 'whitelist-source-range': '10.0.0.0/24,172.10.0.1' }, { rules: [rule('internal.example.com', [['/', 'Prefix', 'admin', 80]])] }),
    ingress('deny', { 'denylist-source-range': '192.168.0.0/16' }, { rules: [rule('public.example.com', [['/', 'Prefix', 'web', 80]])] }),
  ],
  'basic auth': [
    ingress('basic', { 'auth-type': 'basic', 'auth-secret': 'basic-auth', 'auth-realm': 'Authentication Required - foo' }, { rules: [rule('foo.bar.com', [['/', 'Prefix', 'http-svc', 80]])] }),
  ],
  'timeouts, body size, rate limits': [
    ingress('proxy', {
      'proxy-body-size': '8m',
      'proxy-connect-timeout': '10',
      'proxy-read-timeout': '120',
      'proxy-send-timeout': '120',
      'limit-rps': '5',
      'limit-connections': '10',
      'proxy-buffering': 'on',
    }, { rules: [rule('api.example.com', [['/api', 'Prefix', 'api', 8080], ['/', 'Exact', 'web', 80]])] }),
  ],
  'legacy v1beta1 with a default backend and a permanent redirect': [
    {
      apiVersion: 'extensions/v1beta1',
      kind: 'Ingress',
      metadata: { name: 'legacy', namespace: 'demo', annotations: { 'kubernetes.io/ingress.class': 'nginx', [`${P}permanent-redirect`]: 'https://www.google.com', [`${P}permanent-redirect-code`]: '308' } },
      spec: { backend: { serviceName: 'fallback', servicePort: 80 }, rules: [{ host: 'old.example.com', http: { paths: [{ path: '/', backend: { serviceName: 'web', servicePort: 80 } }] } }] },
    },
  ],
};

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-migrate-peer-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe.each(Object.keys(FIXTURES))('%s', fixture => {
  test.each(['standard', 'envoy-gateway', 'nginx-gateway-fabric'])('%s: exit 0, valid output, one notice per annotation key', profile => {
    const run = migrateAndCheck(tmp, `${fixture.replace(/\W+/g, '-')}-${profile}.yaml`, FIXTURES[fixture], ['--profile', profile]);
    expect(run.problems).toEqual([]);
    expect(run.code).toBe(0);
  });
});

/** The status of every annotation key on the standard profile, per fixture: `ingress key` → status. */
const STANDARD_STATUSES: Record<string, Record<string, string>> = {
  'canary by header, cookie and weight': {
    'demo/canary canary': 'translated',
    'demo/canary canary-by-cookie': 'approximate',
    'demo/canary canary-by-header': 'translated',
    'demo/canary canary-by-header-value': 'translated',
    'demo/canary canary-weight': 'translated',
  },
  'rewrite with capture groups': {
    'demo/rewrite rewrite-target': 'approximate',
    'demo/rewrite use-regex': 'approximate',
  },
  'ssl-redirect and TLS': {
    'demo/no-redirect ssl-redirect': 'approximate',
    'demo/tls force-ssl-redirect': 'approximate',
    'demo/tls ssl-redirect': 'approximate',
  },
  'CORS': {
    'demo/cors cors-allow-credentials': 'translated',
    'demo/cors cors-allow-headers': 'translated',
    'demo/cors cors-allow-methods': 'translated',
    'demo/cors cors-allow-origin': 'approximate',
    'demo/cors cors-expose-headers': 'translated',
    'demo/cors cors-max-age': 'translated',
    'demo/cors enable-cors': 'approximate',
  },
  'allow and deny lists': {
    'demo/allow whitelist-source-range': 'unsupported',
    'demo/deny denylist-source-range': 'unsupported',
  },
  'basic auth': {
    'demo/basic auth-realm': 'unsupported',
    'demo/basic auth-secret': 'unsupported',
    'demo/basic auth-type': 'unsupported',
  },
  'timeouts, body size, rate limits': {
    'demo/proxy limit-connections': 'unsupported',
    'demo/proxy limit-rps': 'unsupported',
    'demo/proxy proxy-body-size': 'unsupported',
    'demo/proxy proxy-buffering': 'unsupported',
    'demo/proxy proxy-connect-timeout': 'unsupported',
    'demo/proxy proxy-read-timeout': 'unsupported',
    'demo/proxy proxy-send-timeout': 'unsupported',
  },
  'legacy v1beta1 with a default backend and a permanent redirect': {
    'demo/legacy permanent-redirect': 'approximate',
    'demo/legacy permanent-redirect-code': 'translated',
  },
};

test('the status of every annotation key on the standard profile', () => {
  const got: Record<string, Record<string, string>> = {};
  for (const [fixture, objects] of Object.entries(FIXTURES)) {
    const run = migrateAndCheck(tmp, `${fixture.replace(/\W+/g, '-')}-statuses.yaml`, objects);
    got[fixture] = Object.fromEntries(run.notices.filter(n => n.annotation !== undefined).map(n => [`${n.ingress} ${n.annotation!.slice(P.length)}`, n.status]));
  }
  expect(got).toEqual(STANDARD_STATUSES);
});
