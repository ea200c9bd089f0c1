import { brief, ingress, model, route } from './helpers';

describe('IngressNginxModel: per-host regex mode (template.go enforceRegexModifier, buildLocation)', () => {
  const m = model([
    ingress('regex', { host: 'h.test', annotations: { 'use-regex': 'true' }, paths: [{ path: '/foo/bar/[A-Z0-9]{3}', type: 'ImplementationSpecific', svc: 'regex' }] }),
    ingress('plain', { host: 'h.test', created: '2024-02-01T00:00:00Z', paths: [{ path: '/foo/bar/bar', svc: 'plain' }, { path: '/exact', type: 'Exact', svc: 'exact' }] }),
    ingress('other', { host: 'other.test', paths: [{ path: '/exact', type: 'Exact', svc: 'exact' }] }),
  ]);

  test('use-regex on one Ingress makes every location of the host a ~* "^<path>" regex: Exact /exact also matches /EXACT/more', () => {
    const o = route(m, 'http://h.test/EXACT/more');
    expect(brief(o)).toBe('200 default/exact:80=1 /EXACT/more');
    expect(o.steps[1]).toStrictEqual({ stage: 'location', name: 'location ~* "^/exact"', detail: 'regex ~* "^/exact" (first match in length order; the host is in regex mode); Ingress default/plain' });
    // Another host is not in regex mode.
    expect(route(m, 'http://other.test/exact/more').status).toBe(404);
  });

  test('ingress-path-matching.md: the longest regex string comes first, so /foo/bar/[A-Z0-9]{3} takes /foo/bar/bar', () => {
    const o = route(m, 'http://h.test/foo/bar/bar');
    expect(brief(o)).toBe('200 default/regex:80=1 /foo/bar/bar');
    expect(o.annotations).toStrictEqual(['use-regex']);
    expect(brief(route(m, 'http://h.test/foo/bar/b-r'))).toBe('404');
  });

  test('a plain Prefix in regex mode is a case-insensitive, start-anchored regex: /plain also takes /PLAINX', () => {
    const p = model([
      ingress('regex', { host: 'p.test', annotations: { 'use-regex': 'true' }, paths: [{ path: '/[0-9]+', type: 'ImplementationSpecific', svc: 'digits' }] }),
      ingress('plain', { host: 'p.test', paths: [{ path: '/plain', svc: 'plain' }] }),
    ]);
    expect(brief(route(p, 'http://p.test/PLAINX'))).toBe('200 default/plain:80=1 /PLAINX');
    expect(brief(route(p, 'http://p.test/42/x'))).toBe('200 default/digits:80=1 /42/x');
  });

  test('the catch-all / becomes ~* "^/" and matches what nothing else does', () => {
    const o = route(m, 'http://h.test/none');
    expect(o.status).toBe(404);
    expect(o.steps[1].name).toBe('location ~* "^/"');
  });

  test('a rewrite-target equal to an Exact path is no rewrite there (needsRewrite), but the host\'s catch-all / carries the first Ingress\'s annotations (createServers), so the host is in regex mode', () => {
    const n = model([ingress('a', { host: 'n.test', annotations: { 'rewrite-target': '/p' }, paths: [{ path: '/p', type: 'Exact', svc: 'a' }] })]);
    expect(brief(route(n, 'http://n.test/p/x'))).toBe('200 default/a:80=1 /p/x');
    expect(route(n, 'http://n.test/p/x').annotations).toStrictEqual([]);
    expect(brief(route(n, 'http://n.test/other'))).toBe('404');
  });

  test('Prefix /p with rewrite-target /p: the normalised location /p/ differs from the target, so the host is in regex mode and /p/x is rewritten to /p', () => {
    const n = model([ingress('a', { host: 'n.test', annotations: { 'rewrite-target': '/p' }, paths: [{ path: '/p', svc: 'a' }] })]);
    expect(brief(route(n, 'http://n.test/p/x'))).toBe('200 default/a:80=1 /p');
    expect(brief(route(n, 'http://n.test/px'))).toBe('200 default/a:80=1 /px');
  });
});

describe('IngressNginxModel: rewrite-target (template.go buildProxyPass, nginx rewrite)', () => {
  const m = model([ingress('rw', {
    host: 'r.test',
    annotations: { 'use-regex': 'true', 'rewrite-target': '/$2', 'x-forwarded-prefix': '/api' },
    paths: [{ path: '/api(/|$)(.*)', type: 'ImplementationSpecific', svc: 'api' }],
  })]);

  test('captures $1..$9 from "(?i)<path>" replace the whole URI; the query is appended; X-Forwarded-Prefix with the rewrite', () => {
    const o = route(m, 'http://r.test/API/v1/items?page=2');
    expect(brief(o)).toBe('200 default/api:80=1 /v1/items?page=2');
    expect(o.requestHeaders).toStrictEqual([{ name: 'x-forwarded-prefix', value: '/api' }]);
    expect(o.annotations).toStrictEqual(['rewrite-target', 'use-regex', 'x-forwarded-prefix']);
    expect(o.steps[2]).toStrictEqual({ stage: 'annotation', name: 'rewrite-target', detail: 'rewrite "(?i)/api(/|$)(.*)" /$2 → /v1/items?page=2' });
    expect(brief(route(m, 'http://r.test/api'))).toBe('200 default/api:80=1 /');
  });

  test('a static target replaces the whole path (not only the matched prefix)', () => {
    const s = model([ingress('s', { host: 's.test', annotations: { 'rewrite-target': '/' }, paths: [{ path: '/old', svc: 'svc' }] })]);
    expect(brief(route(s, 'http://s.test/old/deep/path?x=1'))).toBe('200 default/svc:80=1 /?x=1');
  });

  test('an absolute target makes nginx answer 302 to it', () => {
    const a = model([ingress('a', { host: 'a.test', annotations: { 'rewrite-target': 'https://new.test/$1' }, paths: [{ path: '/app/(.*)', type: 'ImplementationSpecific', svc: 'svc' }] })]);
    const o = route(a, 'http://a.test/app/page?q=1');
    expect([o.status, o.location, o.backends]).toStrictEqual([302, 'https://new.test/page?q=1', []]);
  });

  test('upstream-vhost sets the Host sent upstream (template: proxy_set_header Host)', () => {
    const v = model([ingress('v', { host: 'v.test', annotations: { 'upstream-vhost': 'internal.svc' }, paths: [{ svc: 'svc' }] })]);
    const o = route(v, 'http://v.test/');
    expect([o.upstreamHost, o.annotations]).toStrictEqual(['internal.svc', ['upstream-vhost']]);
  });
});
