import { brief, HSTS, ingress, model, route } from './helpers';
import { IngressNginxModel } from '../../../src/compat/nginx-model';

const CORS_DEFAULT = [
  { name: 'access-control-allow-credentials', value: 'true' },
  { name: 'access-control-allow-headers', value: 'DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization' },
  { name: 'access-control-allow-methods', value: 'GET, PUT, POST, DELETE, PATCH, OPTIONS' },
  { name: 'access-control-allow-origin', value: '*' },
  { name: 'access-control-max-age', value: '1728000' },
];

describe('IngressNginxModel: CORS (annotations/cors/main.go defaults, nginx.tmpl define "CORS")', () => {
  const m = model([ingress('c', { host: 'c.test', annotations: { 'enable-cors': 'true' }, paths: [{ svc: 'c' }] })]);

  test('any OPTIONS is answered 204 by nginx with the default CORS headers (no Origin needed with origin *)', () => {
    const o = route(m, 'https://c.test/api', { method: 'OPTIONS' });
    expect([o.status, o.backends, o.annotations, o.source]).toStrictEqual([204, [], ['enable-cors'], 'Ingress default/c']);
    expect(o.responseHeaders).toStrictEqual([...CORS_DEFAULT, HSTS]);
  });

  test('other requests are proxied and the response gets the CORS headers', () => {
    const o = route(m, 'http://c.test/api', { headers: [{ name: 'Origin', value: 'https://app.test' }] });
    expect(brief(o)).toBe('200 default/c:80=1 /api');
    expect(o.responseHeaders).toStrictEqual(CORS_DEFAULT);
  });

  test('an origin list echoes a matching Origin (case-insensitive, *. = one label); others get no CORS and OPTIONS is proxied', () => {
    const l = model([ingress('c', {
      host: 'l.test',
      annotations: { 'enable-cors': 'true', 'cors-allow-origin': 'https://app.test, https://*.dev.test', 'cors-allow-credentials': 'false', 'cors-allow-methods': 'GET,POST', 'cors-max-age': '60' },
      paths: [{ svc: 'c' }],
    })]);
    const ok = route(l, 'http://l.test/', { method: 'OPTIONS', headers: [{ name: 'origin', value: 'https://x.DEV.test' }] });
    expect([ok.status, ok.responseHeaders]).toStrictEqual([204, [
      { name: 'access-control-allow-headers', value: 'DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization' },
      { name: 'access-control-allow-methods', value: 'GET,POST' },
      { name: 'access-control-allow-origin', value: 'https://x.DEV.test' },
      { name: 'access-control-max-age', value: '60' },
    ]]);
    expect(ok.annotations).toStrictEqual(['cors-allow-credentials', 'cors-allow-methods', 'cors-allow-origin', 'cors-max-age', 'enable-cors']);
    const no = route(l, 'http://l.test/', { method: 'OPTIONS', headers: [{ name: 'origin', value: 'https://evil.test' }] });
    expect([brief(no), no.responseHeaders]).toStrictEqual(['200 default/c:80=1 /', []]);
  });
});

describe('IngressNginxModel: what is not modeled, snippets, mirrors', () => {
  test('timeouts, body size, rate limits, auth, IP lists and affinity go to notModeled and annotations', () => {
    const m = model([ingress('n', {
      host: 'n.test',
      annotations: {
        'proxy-body-size': '8m',
        'proxy-read-timeout': '120',
        'limit-rps': '5',
        'whitelist-source-range': '10.0.0.0/8',
        'auth-type': 'basic',
        'auth-secret': 'htpasswd',
        'affinity': 'cookie',
      },
      paths: [{ svc: 'n' }],
    })]);
    const o = route(m, 'http://n.test/');
    expect(o.status).toBe(200);
    expect(o.notModeled).toStrictEqual([
      'affinity: cookie session affinity (a request with the affinity cookie stays on its endpoint, and on its primary or canary backend) is not modeled.',
      'auth-type, auth-secret: basic authentication (401 without valid credentials) is not modeled.',
      'limit-rps: the per-client request rate limit (503 above it) is not modeled.',
      'proxy-body-size: the request body size limit (413 above it) is not modeled.',
      'proxy-read-timeout: the backend read timeout is not modeled.',
      'whitelist-source-range: the client IP allow list (403 for other clients) is not modeled.',
    ]);
    expect(o.annotations).toStrictEqual(['affinity', 'auth-secret', 'auth-type', 'limit-rps', 'proxy-body-size', 'proxy-read-timeout', 'whitelist-source-range']);
  });

  test('controller.go CheckIngress: an Ingress with a snippet is not served while allow-snippet-annotations is false (the default)', () => {
    const objects = [ingress('s', { host: 's.test', annotations: { 'configuration-snippet': 'more_set_headers "X: y";' }, paths: [{ svc: 's' }] })];
    const m = model(objects);
    expect(route(m, 'http://s.test/').status).toBe(404);
    expect(m.notices.map(n => n.message)).toStrictEqual([expect.stringMatching(/^not served: ingress-nginx ignores this whole Ingress: `nginx\.ingress\.kubernetes\.io\/configuration-snippet` is a snippet/)]);
    expect(route(model(objects, { controllerConfig: { allowSnippetAnnotations: true, annotationsRiskLevel: 'Critical' } }), 'http://s.test/').status).toBe(200);
  });

  test('mirror-target: an in-cluster Service URL is a Service mirror, any other URL a URL mirror', () => {
    const m = model([
      ingress('m', { host: 'm.test', annotations: { 'mirror-target': 'http://shadow.test-ns.svc.cluster.local:8080$request_uri' }, paths: [{ svc: 'm' }] }),
      ingress('u', { host: 'u.test', annotations: { 'mirror-target': 'https://copy.example.com$request_uri' }, paths: [{ svc: 'u' }] }),
    ]);
    expect(route(m, 'http://m.test/').mirrors).toStrictEqual([{ kind: 'Service', namespace: 'test-ns', name: 'shadow', port: '8080', weight: 1 }]);
    expect(route(m, 'http://u.test/').mirrors).toStrictEqual([{ kind: 'URL', namespace: '', name: 'https://copy.example.com', port: '443', weight: 1 }]);
    expect(route(m, 'http://u.test/').annotations).toStrictEqual(['mirror-target']);
  });

  test('custom-http-errors and default-backend are notModeled sentences', () => {
    const m = model([ingress('e', { host: 'e.test', annotations: { 'custom-http-errors': '404,503', 'default-backend': 'errors' }, paths: [{ svc: 'e' }] })]);
    expect(route(m, 'http://e.test/').notModeled).toStrictEqual([
      'custom-http-errors: backend answers 404, 503 are replaced by the default backend\'s error page; not modeled.',
      'default-backend: Service errors answers when the backend has no endpoints; endpoints are not modeled.',
    ]);
  });

  test('fromYaml reads the same as fromObjects; output does not depend on input order', () => {
    const yaml = [
      'apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata: {name: web, namespace: ns}',
      'spec:', '  rules:', '  - host: y.test', '    http:', '      paths:',
      '      - {path: /, pathType: Prefix, backend: {service: {name: websvc, port: {number: 80}}}}',
    ].join('\n');
    expect(brief(IngressNginxModel.fromYaml(yaml).route({ url: 'http://y.test/' }))).toBe('200 ns/websvc:80=1 /');
    const a = ingress('a', { host: 'h.test', paths: [{ path: '/p', svc: 'a' }] });
    const b = ingress('b', { host: 'h.test', paths: [{ path: '/p', svc: 'b' }] });
    expect(route(model([a, b]), 'http://h.test/p')).toStrictEqual(route(model([b, a]), 'http://h.test/p'));
  });
});

describe('IngressNginxModel: more request-level details', () => {
  test('a value that denies the location (annotations.go: location denied) answers 503', () => {
    const m = model([ingress('d', { host: 'd.test', annotations: { 'whitelist-source-range': 'not-a-cidr' }, paths: [{ svc: 'd' }] })]);
    const o = route(m, 'http://d.test/');
    expect([o.status, o.backends, o.annotations, o.source]).toStrictEqual([503, [], ['whitelist-source-range'], 'Ingress default/d']);
  });

  test('ssl-passthrough needs --enable-ssl-passthrough (off by default): the host is served as HTTP, with a notModeled sentence', () => {
    const m = model([ingress('p', { host: 'p.test', annotations: { 'ssl-passthrough': 'true' }, paths: [{ svc: 'p' }] })]);
    const o = route(m, 'https://p.test/');
    expect([brief(o), o.notModeled, o.annotations]).toStrictEqual([
      '200 default/p:80=1 /',
      ['ssl-passthrough: acts only with the controller flag --enable-ssl-passthrough (off by default); modeled as off.'],
      ['ssl-passthrough'],
    ]);
  });

  test('use-forwarded-headers: X-Forwarded-Proto https is trusted, so no redirect; X-Forwarded-Host becomes the Host sent upstream', () => {
    const objects = [ingress('w', { host: 'w.test', tls: ['w.test'], paths: [{ svc: 'w' }] })];
    const headers = [{ name: 'X-Forwarded-Proto', value: 'https' }, { name: 'X-Forwarded-Host', value: 'public.test, proxy.test' }];
    expect(route(model(objects), 'http://w.test/', { headers }).status).toBe(308);
    const o = route(model(objects, { controllerConfig: { useForwardedHeaders: true } }), 'http://w.test/', { headers });
    expect([o.status, o.upstreamHost]).toStrictEqual([200, 'public.test']);
  });

  test('a wildcard host with a certificate redirects each of its one-label hosts; the certificate of *.<parent> covers an exact host without one (certificate.lua)', () => {
    const m = model([
      ingress('wild', { host: '*.w.test', tls: ['*.w.test'], paths: [{ svc: 'wild' }] }),
      ingress('exact', { host: 'a.w.test', paths: [{ svc: 'exact' }] }),
    ]);
    expect(route(m, 'http://b.w.test/x').status).toBe(308);
    expect(route(m, 'http://a.w.test/x').location).toBe('https://a.w.test/x');
  });
});
