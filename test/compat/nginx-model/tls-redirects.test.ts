import { Duration } from 'cdk8s';
import { brief, HSTS, ingress, model, route } from './helpers';

const tlsHost = ingress('web', { host: 'shop.test', tls: ['shop.test'], paths: [{ path: '/', svc: 'web' }, { path: '/.well-known/acme-challenge', svc: 'acme' }] });
const plainHost = ingress('plain', { host: 'plain.test', paths: [{ svc: 'plain' }] });

describe('IngressNginxModel: HTTPS redirect (lua_ingress.lua redirect_to_https, config.go defaults)', () => {
  const m = model([tlsHost, plainHost]);

  test('a host with a certificate: HTTP gets 308 to https://<host without port><request_uri>, one trailing / stripped', () => {
    const o = route(m, 'http://shop.test:8080/cart/?id=7');
    expect(o).toStrictEqual({
      status: 308,
      location: 'https://shop.test/cart/?id=7',
      backends: [],
      requestHeaders: [],
      responseHeaders: [],
      mirrors: [],
      source: 'Ingress default/web',
      annotations: [],
      steps: [
        { stage: 'server', name: 'server shop.test', detail: 'server_name shop.test (exact)' },
        { stage: 'location', name: 'location /', detail: 'prefix / (the server\'s catch-all location); Ingress default/web' },
        { stage: 'annotation', name: 'ssl-redirect', detail: 'ssl-redirect: the host has a certificate, HTTP is redirected to HTTPS (308)' },
      ],
      notModeled: [],
    });
    expect(route(m, 'http://shop.test/').location).toBe('https://shop.test');
    expect(route(m, 'http://shop.test/a/').location).toBe('https://shop.test/a');
  });

  test('no-tls-redirect-locations: the ACME challenge path of an Ingress is not redirected', () => {
    expect(brief(route(m, 'http://shop.test/.well-known/acme-challenge/token'))).toBe('200 default/acme:80=1 /.well-known/acme-challenge/token');
  });

  test('a host without certificate is not redirected; HTTPS responses get HSTS, HTTP ones do not', () => {
    expect(route(m, 'http://plain.test/').status).toBe(200);
    expect(route(m, 'http://plain.test/').responseHeaders).toStrictEqual([]);
    expect(route(m, 'https://shop.test/').responseHeaders).toStrictEqual([HSTS]);
    // lua_ingress.lua _M.header: HSTS on every HTTPS response, the catch-all's 404 included.
    expect(route(m, 'https://unknown.test/').responseHeaders).toStrictEqual([HSTS]);
  });

  test('controller.go createServers: an Ingress with a tls section gives every host of its rules a certificate (the default one when not listed)', () => {
    const both = model([ingress('two', { host: 'b.test', tls: ['a.test'], paths: [{ svc: 'b' }] })]);
    expect(route(both, 'http://b.test/x').status).toBe(308);
  });

  test('ssl-redirect: "false" on the Ingress keeps HTTP; the annotation is listed', () => {
    const off = model([ingress('web', { host: 'shop.test', tls: ['shop.test'], annotations: { 'ssl-redirect': 'false' }, paths: [{ svc: 'web' }] })]);
    const o = route(off, 'http://shop.test/');
    expect(brief(o)).toBe('200 default/web:80=1 /');
  });

  test('force-ssl-redirect redirects a host without certificate; http-redirect-code from the ConfigMap', () => {
    const f = model([ingress('f', { host: 'f.test', annotations: { 'force-ssl-redirect': 'true' }, paths: [{ svc: 'f' }] })], { controllerConfig: { httpRedirectCode: 301 } });
    const o = route(f, 'http://f.test/x?y=1');
    expect([o.status, o.location, o.annotations]).toStrictEqual([301, 'https://f.test/x?y=1', ['force-ssl-redirect']]);
  });

  test('ConfigMap ssl-redirect false turns the default off; hsts settings shape the header', () => {
    const controllerConfig = { sslRedirect: false, hstsMaxAge: Duration.seconds(600), hstsIncludeSubdomains: false, hstsPreload: true };
    const c = model([tlsHost], { controllerConfig });
    expect(route(c, 'http://shop.test/').status).toBe(200);
    expect(route(c, 'https://shop.test/').responseHeaders).toStrictEqual([{ name: 'strict-transport-security', value: 'max-age=600; preload' }]);
    const none = model([tlsHost], { controllerConfig: { hsts: false } });
    expect(route(none, 'https://shop.test/').responseHeaders).toStrictEqual([]);
  });
});

describe('IngressNginxModel: redirect annotations (redirect/redirect.go, nginx.tmpl)', () => {
  test('app-root: 302 to $scheme://$http_host<app-root> for / only, before the HTTPS redirect', () => {
    const m = model([ingress('a', { host: 'a.test', tls: ['a.test'], annotations: { 'app-root': '/app' }, paths: [{ svc: 'a' }] })]);
    const o = route(m, 'http://a.test/');
    expect([o.status, o.location, o.annotations, o.source]).toStrictEqual([302, 'http://a.test/app', ['app-root'], 'Ingress default/a']);
    expect(route(m, 'http://a.test/x').status).toBe(308);
  });

  test('permanent-redirect: 301 by default, the URL verbatim, the query not appended; HSTS on HTTPS', () => {
    const m = model([ingress('p', { host: 'p.test', annotations: { 'permanent-redirect': 'https://new.test/landing' }, paths: [{ svc: 'p' }] })]);
    const o = route(m, 'https://p.test/any?x=1');
    expect([o.status, o.location, o.backends, o.annotations, o.responseHeaders]).toStrictEqual([301, 'https://new.test/landing', [], ['permanent-redirect'], [HSTS]]);
  });

  test('permanent-redirect-code 308; an out-of-range code falls back to 301', () => {
    const ok = model([ingress('p', { host: 'p.test', annotations: { 'permanent-redirect': 'https://n.test', 'permanent-redirect-code': '308' }, paths: [{ svc: 'p' }] })]);
    expect([route(ok, 'http://p.test/').status, route(ok, 'http://p.test/').annotations]).toStrictEqual([308, ['permanent-redirect', 'permanent-redirect-code']]);
    const bad = model([ingress('p', { host: 'p.test', annotations: { 'permanent-redirect': 'https://n.test', 'permanent-redirect-code': '399' }, paths: [{ svc: 'p' }] })]);
    expect(route(bad, 'http://p.test/').status).toBe(301);
  });

  test('temporal-redirect: 302, and it wins over permanent-redirect', () => {
    const m = model([ingress('t', { host: 't.test', annotations: { 'temporal-redirect': 'https://tmp.test/', 'permanent-redirect': 'https://perm.test/' }, paths: [{ svc: 't' }] })]);
    const o = route(m, 'http://t.test/');
    expect([o.status, o.location]).toStrictEqual([302, 'https://tmp.test/']);
  });

  test('from-to-www-redirect: www.<host> answers http-redirect-code to the host, scheme kept, one trailing / stripped', () => {
    const m = model([ingress('w', { host: 'example.test', annotations: { 'from-to-www-redirect': 'true' }, paths: [{ svc: 'w' }] })]);
    const o = route(m, 'https://www.example.test/a/?q=1');
    expect([o.status, o.location, o.annotations, o.responseHeaders]).toStrictEqual([308, 'https://example.test/a/?q=1', ['from-to-www-redirect'], []]);
    expect(route(m, 'http://www.example.test/').location).toBe('http://example.test');
    expect(route(m, 'http://example.test/').status).toBe(200);
  });

  test('server-alias: the alias host is served by the host\'s server', () => {
    const m = model([ingress('s', { host: 'main.test', annotations: { 'server-alias': 'alias.test' }, paths: [{ svc: 's' }] })]);
    const o = route(m, 'http://alias.test/');
    expect([brief(o), o.annotations]).toStrictEqual(['200 default/s:80=1 /', ['server-alias']]);
  });
});
