import { IngressModel } from '../../../src/compat/model';
import { generateProbes, pathVariants, samplePath, UNKNOWN_HOST } from '../../../src/compat/verify/probes';

function ingress(id: string, init: Partial<IngressModel> & { annotations?: Record<string, string> }): IngressModel {
  const [namespace, name] = id.split('/');
  return {
    id,
    namespace,
    name,
    nginx: new Map(Object.entries(init.annotations ?? {})),
    rules: init.rules ?? [],
    tls: init.tls ?? [],
    source: 'test',
    inputIndex: 0,
    ...(init.defaultBackend ? { defaultBackend: init.defaultBackend } : {}),
  };
}
const svc = { service: { name: 'web', port: 80 } };

describe('probe generation', () => {
  test('each path gets its boundaries /p, /p/, /px, /p/x; the root gets / and /x', () => {
    expect(pathVariants('/api')).toEqual(['/api', '/api/', '/apix', '/api/x']);
    expect(pathVariants('/api/')).toEqual(['/api', '/api/', '/apix', '/api/x']);
    expect(pathVariants('/')).toEqual(['/', '/x']);
  });

  test('a regex path is probed at its literal start', () => {
    expect(samplePath('/api/v[0-9]+/(.*)')).toEqual('/api/v');
    expect(samplePath('/foo(/|$)(.*)')).toEqual('/foo');
    expect(samplePath('/static/.*\\.js')).toEqual('/static/');
    expect(samplePath('/plain')).toEqual('/plain');
    expect(samplePath('.*')).toEqual('/');
  });

  test('a plain host: http only, boundaries, a query, an unknown path, and the unknown host', () => {
    const labels = generateProbes([ingress('shop/web', { rules: [{ host: 'a.example', paths: [{ path: '/api', pathType: 'Prefix', backend: svc }] }] })]).map(p => p.label);
    expect(labels).toEqual([
      'GET http://a.example/api',
      'GET http://a.example/api/',
      'GET http://a.example/api/x',
      'GET http://a.example/api?verify=1',
      'GET http://a.example/apix',
      'GET http://a.example/zz-verify-unknown',
      `GET http://${UNKNOWN_HOST}/`,
      `GET http://${UNKNOWN_HOST}/zz-verify-unknown`,
    ]);
  });

  test('TLS hosts get https and the ACME path; regex hosts an upper-case variant; aliases and the www twin are probed', () => {
    const probes = generateProbes([ingress('shop/web', {
      annotations: { 'use-regex': 'true', 'server-alias': 'b.example', 'from-to-www-redirect': 'true' },
      tls: [{ hosts: ['a.example'], secretName: 'tls' }],
      rules: [{ host: 'a.example', paths: [{ path: '/api', pathType: 'ImplementationSpecific', backend: svc }] }],
    })]);
    const labels = probes.map(p => p.label);
    expect(labels).toContain('GET https://a.example/API');
    expect(labels).toContain('GET http://a.example/.well-known/acme-challenge/verify-token');
    expect(labels).toContain('GET http://b.example/api');
    expect(labels).toContain('GET http://www.a.example/api');
    expect(labels.filter(l => l.startsWith('GET https://b.example'))).toEqual([]);
  });

  test('canary and CORS probes carry their headers and cookies; the request has no method for GET', () => {
    const probes = generateProbes([
      ingress('shop/web-canary', {
        annotations: { 'canary': 'true', 'canary-by-header': 'X-Canary', 'canary-by-header-value': 'yes', 'canary-by-cookie': 'beta' },
        rules: [{ host: 'a.example', paths: [{ path: '/', pathType: 'Prefix', backend: svc }] }],
      }),
      ingress('shop/api', { annotations: { 'enable-cors': 'true' }, rules: [{ host: 'a.example', paths: [{ path: '/api', pathType: 'Prefix', backend: svc }] }] }),
    ]);
    const labels = probes.map(p => p.label);
    for (const v of ['always', 'never', 'verify-other', 'yes']) expect(labels).toContain(`GET http://a.example/ [x-canary: ${v}]`);
    expect(labels).toContain('GET http://a.example/ [cookie beta=always]');
    const preflight = probes.find(p => p.label.startsWith('OPTIONS http://a.example/api'));
    expect(preflight?.request).toEqual({
      url: 'http://a.example/api',
      method: 'OPTIONS',
      headers: [{ name: 'origin', value: 'https://origin.verify.example' }, { name: 'access-control-request-method', value: 'GET' }],
    });
    expect(probes.find(p => p.label === 'GET http://a.example/api')?.request).toEqual({ url: 'http://a.example/api' });
  });

  test('the probe set does not depend on the order of the Ingresses', () => {
    const a = ingress('ns/a', { rules: [{ host: 'x.example', paths: [{ path: '/a', pathType: 'Prefix', backend: svc }] }] });
    const b = ingress('ns/b', { rules: [{ paths: [{ path: '/b', pathType: 'Exact', backend: svc }] }, { host: '*.w.example', paths: [{ path: '/', pathType: 'Prefix', backend: svc }] }] });
    expect(generateProbes([b, a])).toEqual(generateProbes([a, b]));
    const labels = generateProbes([a, b]).map(p => p.label);
    expect(labels).toContain('GET http://catch-all.verify.invalid/b');
    expect(labels).toContain('GET http://wild.w.example/x');
  });
});

describe('probe hosts', () => {
  test('an alias that is not a host name is not probed; a canary or rejected Ingress gives no certificate', () => {
    const main = ingress('ns/main', { annotations: { 'server-alias': 'ok.example, not a host!' }, rules: [{ host: 'a.example', paths: [{ path: '/', pathType: 'Prefix', backend: svc }] }] });
    const canary = ingress('ns/canary', { annotations: { canary: 'true' }, tls: [{ hosts: ['a.example'] }], rules: [{ host: 'a.example', paths: [{ path: '/', pathType: 'Prefix', backend: svc }] }] });
    const rejected = ingress('ns/rejected', { tls: [{ hosts: ['b.example'] }], rules: [{ host: 'b.example', paths: [{ path: '/', pathType: 'Prefix', backend: svc }] }] });
    const labels = generateProbes([main, canary, rejected], i => i.id !== 'ns/rejected').map(p => p.label);
    expect(labels).toContain('GET http://ok.example/');
    expect(labels.filter(l => l.includes('not a host'))).toEqual([]);
    expect(labels.filter(l => l.startsWith('GET https://'))).toEqual([]);
    expect(labels).toContain('GET http://b.example/');
  });
});
