import { Chart, Testing } from 'cdk8s';
import { ImplementationProfile, IngressCompat } from '../../src';
import { ingress, model, route } from './nginx-model/helpers';

/*
 * Differences the differential hunt (ingress-nginx model against the Gateway API model on
 * generated Ingresses) found, each pinned at its cause: nginx's automatic 301 for a Prefix path
 * ending in `/`, nginx's `merge_slashes`, notices about a Prefix path `/p` explaining requests
 * its `location /p/` serves, and the catch-all route taking a host's unrouted requests.
 */

const STD = ImplementationProfile.standard();

function migrate(objects: any[], profile = STD) {
  const chart = new Chart(Testing.app(), 'c');
  const compat = IngressCompat.fromManifests(chart, 'C', { objects, profile, printNotices: false });
  return { compat, objects: Testing.synth(chart) };
}

function rulesOf(objects: any[], name: string): any[] {
  return objects.find(o => o.kind === 'HTTPRoute' && o.metadata.name === name).spec.rules;
}

const HOST = 'shop.example.com';

describe('a Prefix path ending in / (nginx answers /api with 301 to /api/)', () => {
  test('an Exact /api rule redirects to /api/ with 301, before the PathPrefix /api/ rule', () => {
    const { compat, objects } = migrate([ingress('web', { host: HOST, paths: [{ path: '/api/', svc: 'api' }] })]);
    expect(rulesOf(objects, 'web-shop-example-com')).toStrictEqual([
      {
        matches: [{ path: { type: 'Exact', value: '/api' } }],
        filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/api/' }, statusCode: 301 } }],
      },
      { matches: [{ path: { type: 'PathPrefix', value: '/api/' } }], backendRefs: [{ name: 'api', port: 80 }] },
    ]);
    expect(compat.notices.filter(n => n.message.includes('automatic 301'))).toStrictEqual([{
      ingress: 'default/web',
      status: 'translated',
      message: 'path /api/: a request for /api gets nginx\'s automatic 301 to /api/ (Exact /api with a RequestRedirect)',
    }]);
    const report = compat.verify();
    expect(report.unexpected).toBe(0);
    expect(report.findings.find(f => f.request === `GET http://${HOST}/api`)).toBeUndefined();
  });

  test('on a TLS host with ssl-redirect off, both the HTTPS route (with HSTS) and its plain-HTTP copy redirect; one notice', () => {
    const { compat, objects } = migrate([ingress('web', { host: HOST, tls: [HOST], annotations: { 'ssl-redirect': 'false' }, paths: [{ path: '/api/', svc: 'api' }] })]);
    const redirect = {
      matches: [{ path: { type: 'Exact', value: '/api' } }],
      filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/api/' }, statusCode: 301 } }],
    };
    // nginx's 301 on HTTPS carries HSTS too.
    const hsts = { type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }] } };
    expect(rulesOf(objects, 'web-shop-example-com')[0]).toStrictEqual({ ...redirect, filters: [...redirect.filters, hsts] });
    expect(rulesOf(objects, 'web-shop-example-com-http')[0]).toStrictEqual(redirect);
    expect(compat.notices.filter(n => n.message.includes('automatic 301')).length).toBe(1);
    expect(compat.verify().unexpected).toBe(0);
  });

  test.each([
    ['the host has a path /api (its location = /api takes the request)', [{ path: '/api/', svc: 'api' }, { path: '/api', type: 'Exact', svc: 'web' }], {}],
    ['the host is in regex mode', [{ path: '/api/', type: 'ImplementationSpecific', svc: 'api' }], { 'use-regex': 'true' }],
    ['the path is Exact', [{ path: '/api/', type: 'Exact', svc: 'api' }], {}],
  ])('no redirect rule when %s', (_why, paths, annotations) => {
    const { compat, objects } = migrate([ingress('web', { host: HOST, paths, annotations })]);
    expect(rulesOf(objects, 'web-shop-example-com').filter(r => r.filters?.[0]?.type === 'RequestRedirect')).toStrictEqual([]);
    expect(compat.verify().unexpected).toBe(0);
  });
});

describe('nginx merges adjacent slashes before it picks a location (merge_slashes on)', () => {
  const m = model([ingress('web', { host: HOST, paths: [{ path: '/a/b', svc: 'web' }] })]);

  test('/a//b/x is served by location /a/b/; the upstream gets the path as sent', () => {
    const out = route(m, `http://${HOST}/a//b/x`);
    expect(out.steps.find(s => s.stage === 'location')?.name).toBe('location /a/b/');
    expect({ status: out.status, backends: out.backends.map(b => `${b.namespace}/${b.name}:${b.port}`), upstreamPath: out.upstreamPath })
      .toStrictEqual({ status: 200, backends: ['default/web:80'], upstreamPath: '/a//b/x' });
  });

  test('a location with // in its path is never reached', () => {
    const m2 = model([ingress('web', { host: HOST, paths: [{ path: '/a//b', type: 'ImplementationSpecific', svc: 'web' }] })]);
    const out = route(m2, `http://${HOST}/a//b/`);
    expect({ status: out.status, backends: out.backends, location: out.steps.find(s => s.stage === 'location')?.name })
      .toStrictEqual({ status: 404, backends: [], location: 'location /' });
  });
});

describe('a notice about path /p explains the requests of its location /p/', () => {
  test('a path left out (named port, no Service in the input) explains /api/ and /api/x', () => {
    const { compat } = migrate([ingress('web', { host: HOST, paths: [{ path: '/api', svc: 'api', port: 'web' }] })]);
    const report = compat.verify();
    expect(report.unexpected).toBe(0);
    for (const p of ['/api', '/api/', '/api/x']) {
      const f = report.findings.find(x => x.request === `GET http://${HOST}${p}`)!;
      expect({ expected: f.expected, notices: f.notices.map(n => n.message) }).toStrictEqual({
        expected: true,
        notices: ['path /api: Service api port "web" is named, and the Service is not in the input; Gateway API needs the port number: add the Service manifest to the input (path skipped)'],
      });
    }
  });

  test('a path with a space, skipped, explains the requests of its location', () => {
    const { compat } = migrate([ingress('web', { host: HOST, paths: [{ path: '/foo bar', type: 'ImplementationSpecific', svc: 'api' }] })]);
    const report = compat.verify();
    expect(report.unexpected).toBe(0);
    expect(report.findings.map(f => [f.request, f.expected])).toStrictEqual([
      [`GET http://${HOST}/foo bar`, true], [`GET http://${HOST}/foo bar/`, true], [`GET http://${HOST}/foo bar/x`, true],
      [`GET http://${HOST}/foo bar?verify=1`, true],
    ]);
  });
});

describe('a host\'s unrouted request and the catch-all route (a rule-less Ingress\'s defaultBackend)', () => {
  test('ingress-nginx answers 404 from the host\'s server; the route without hostnames takes it: a known divergence', () => {
    const { compat } = migrate([
      ingress('web', { host: HOST, paths: [{ path: '/api', svc: 'api' }], created: '2024-01-01T00:00:00Z' }),
      ingress('fallback', { defaultBackend: 'fallback', created: '2024-01-02T00:00:00Z' }),
    ]);
    const report = compat.verify();
    expect(report.unexpected).toBe(0);
    const f = report.findings.find(x => x.request === `GET http://${HOST}/zz-verify-unknown`)!;
    expect({ differences: f.differences, divergences: f.divergences.map(d => d.split(':')[0]), route: f.route }).toStrictEqual({
      differences: [
        { field: 'status', ingressNginx: '404', gatewayApi: '200' },
        { field: 'backends', ingressNginx: '-', gatewayApi: 'Service default/fallback:80 100%' },
      ],
      divergences: ['catch-all-route-below-host-routes'],
      route: 'HTTPRoute default/fallback-any-host',
    });
  });
});

describe('a host\'s 404 with the CORS headers of its first Ingress', () => {
  test('ingress-nginx adds them to its default location\'s 404; no route takes the request on the Gateway: a known divergence', () => {
    const { compat } = migrate([ingress('web', { host: HOST, paths: [{ path: '/api', svc: 'api' }], annotations: { 'enable-cors': 'true' } })]);
    const report = compat.verify();
    expect(report.unexpected).toBe(0);
    const f = report.findings.find(x => x.request === `GET http://${HOST}/zz-verify-unknown`)!;
    expect({ fields: f.differences.map(d => d.field), divergences: f.divergences.map(d => d.split(':')[0]), status: f.gatewayApiOutcome.status })
      .toStrictEqual({ fields: ['responseHeaders'], divergences: ['cors-on-unrouted-responses'], status: 404 });
  });
});

describe('on a TLS host, nginx answers before its HTTPS redirect', () => {
  test('plain-HTTP /api gets the 301 to http://…/api/ first (then the 308), as nginx\'s auto-redirect comes before lua\'s', () => {
    const { compat, objects } = migrate([ingress('web', { host: HOST, tls: [HOST], paths: [{ path: '/api/', svc: 'api' }] })]);
    const redirect = rulesOf(objects, 'web-shop-example-com-https-redirect');
    expect(redirect).toContainEqual({
      matches: [{ path: { type: 'Exact', value: '/api' } }],
      filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/api/' }, statusCode: 301 } }],
    });
    expect(compat.verify().unexpected).toBe(0);
  });

  test('a canary of the ACME challenge path splits plain-HTTP ACME requests as on HTTPS', () => {
    const { compat } = migrate([
      ingress('acme', { host: HOST, tls: [HOST], paths: [{ path: '/.well-known/acme-challenge', svc: 'solver' }, { path: '/', svc: 'web' }] }),
      ingress('acme-canary', { host: HOST, created: '2024-02-01T00:00:00Z', annotations: { 'canary': 'true', 'canary-weight': '20' }, paths: [{ path: '/.well-known/acme-challenge', svc: 'solver-v2' }] }),
    ]);
    const report = compat.verify();
    expect(report.unexpected).toBe(0);
    expect(report.findings.filter(f => f.request.includes('acme-challenge') && f.differences.some(d => d.field === 'backends'))).toEqual([]);
  });
});

describe('a canary splits every location of its main Service (controller.go mergeAlternativeBackends)', () => {
  test('another path with the same Service and port gets an approximate notice, which explains its verify finding', () => {
    const { compat } = migrate([
      ingress('web', { host: HOST, paths: [{ path: '/', svc: 'api' }, { path: '/other', svc: 'api' }] }),
      ingress('web-canary', { host: HOST, created: '2024-02-01T00:00:00Z', annotations: { 'canary': 'true', 'canary-weight': '10' }, paths: [{ path: '/', svc: 'api-v2' }] }),
    ]);
    const notice = {
      ingress: 'default/web',
      status: 'approximate',
      message: 'path /other of host shop.example.com: its backend Service default/api:80 is the main backend of canary Ingress default/web-canary (path / of host shop.example.com); '
        + 'ingress-nginx attaches a canary to the Service\'s upstream, so it splits this path\'s requests too, where the Gateway API split applies only to the canary\'s own paths '
        + '(add a canary Ingress for this path to split it on purpose)',
    };
    expect(compat.notices.filter(n => n.message.includes('main backend of canary'))).toStrictEqual([notice]);
    const report = compat.verify();
    expect(report.unexpected).toBe(0);
    const other = report.findings.find(f => f.request === `GET http://${HOST}/other`);
    expect(other?.differences).toStrictEqual([{ field: 'backends', ingressNginx: 'Service default/api-v2:80 10%, Service default/api:80 90%', gatewayApi: 'Service default/api:80 100%' }]);
    expect(other?.notices).toStrictEqual([notice]);
  });
});

describe('TLS entries', () => {
  test('a TLS host without secretName gets an unsupported notice (nginx: default certificate and the HTTPS redirect), which explains its findings', () => {
    const { compat } = migrate([{ ...ingress('web', { host: HOST, paths: [{ path: '/', svc: 'web' }] }), spec: { ...ingress('web', { host: HOST, paths: [{ path: '/', svc: 'web' }] }).spec, tls: [{ hosts: [HOST] }] } }]);
    expect(compat.notices.filter(n => n.message.startsWith('spec.tls host')).map(n => [n.ingress, n.status, n.message.slice(0, 60)])).toStrictEqual([
      ['default/web', 'unsupported', 'spec.tls host shop.example.com has no secretName: ingress-ng'],
    ]);
    const report = compat.verify();
    expect(report.unexpected).toBe(0);
    expect(report.findings.find(f => f.request === `GET http://${HOST}/`)?.differences.map(d => d.field)).toStrictEqual(['status', 'location', 'backends']);
  });

  test('ssl-passthrough with --enable-ssl-passthrough: the model streams HTTPS to the / upstream, untouched; without the flag it terminates', () => {
    const objects = [ingress('pt', { host: HOST, tls: [HOST], annotations: { 'ssl-passthrough': 'true' }, paths: [{ path: '/', svc: 'pt', port: 443 }] })];
    const withFlag = model(objects, { enableSslPassthrough: true }).route({ url: `https://${HOST}/x?y=1` });
    expect(withFlag).toMatchObject({ status: 200, backends: [{ kind: 'Service', namespace: 'default', name: 'pt', port: '443', weight: 1 }], responseHeaders: [], annotations: ['ssl-passthrough'], source: 'Ingress default/pt' });
    expect(withFlag.upstreamPath).toBeUndefined();
    const without = model(objects).route({ url: `https://${HOST}/x?y=1` });
    expect(without.upstreamPath).toBe('/x?y=1');
    expect(without.notModeled).toContain('ssl-passthrough: acts only with the controller flag --enable-ssl-passthrough (off by default); modeled as off.');
    const { compat } = migrate(objects);
    expect(compat.verify().unexpected).toBe(0);
  });
});
