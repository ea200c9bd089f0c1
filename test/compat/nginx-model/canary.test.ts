import { backends, ingress, model, route } from './helpers';

const main = ingress('main', { host: 'c.test', paths: [{ path: '/app', svc: 'stable' }] });
function canary(annotations: Record<string, string>, path = '/app', name = 'canary') {
  return ingress(name, { host: 'c.test', created: '2024-03-01T00:00:00Z', annotations: { canary: 'true', ...annotations }, paths: [{ path, svc: name }] });
}
const STABLE = 'default/stable:80=1';
const CANARY = 'default/canary:80=1';

describe('IngressNginxModel: canary (balancer.lua route_to_alternative_balancer, annotations/canary/main.go)', () => {
  test('canary-by-header: always → canary, never → primary, other values fall through to the weight', () => {
    const m = model([main, canary({ 'canary-by-header': 'X-Canary', 'canary-weight': '30' })]);
    expect(backends(route(m, 'http://c.test/app', { headers: [{ name: 'x-canary', value: 'always' }] }))).toStrictEqual([CANARY]);
    expect(backends(route(m, 'http://c.test/app', { headers: [{ name: 'X-Canary', value: 'never' }] }))).toStrictEqual([STABLE]);
    expect(backends(route(m, 'http://c.test/app', { headers: [{ name: 'X-Canary', value: 'maybe' }] }))).toStrictEqual(['default/canary:80=0.3', 'default/stable:80=0.7']);
  });

  test('the exact outcome of a header-routed request: canary step and annotations of the canary Ingress', () => {
    const m = model([main, canary({ 'canary-by-header': 'X-Canary' })]);
    const o = route(m, 'http://c.test/app/x', { headers: [{ name: 'X-Canary', value: 'always' }] });
    expect(o.steps.slice(2)).toStrictEqual([
      { stage: 'canary', name: 'canary Ingress default/canary', detail: 'header X-Canary: always (canaries attach to the primary upstream default/stable:80)' },
      { stage: 'backend', name: 'Service default/canary:80', detail: 'upstream path /app/x' },
    ]);
    expect(o.annotations).toStrictEqual(['canary', 'canary-by-header']);
    expect(o.source).toBe('Ingress default/main');
  });

  test('canary-by-header-value: only that value routes to the canary; never is not special then', () => {
    const m = model([main, canary({ 'canary-by-header': 'X-Canary', 'canary-by-header-value': 'blue', 'canary-by-cookie': 'c' })]);
    expect(backends(route(m, 'http://c.test/app', { headers: [{ name: 'X-Canary', value: 'blue' }] }))).toStrictEqual([CANARY]);
    expect(backends(route(m, 'http://c.test/app', { headers: [{ name: 'X-Canary', value: 'always' }] }))).toStrictEqual([STABLE]);
    // A non-matching value falls through to the cookie.
    expect(backends(route(m, 'http://c.test/app', { headers: [{ name: 'X-Canary', value: 'never' }], cookies: [{ name: 'c', value: 'always' }] }))).toStrictEqual([CANARY]);
  });

  test('canary-by-header-pattern: an unanchored, case-sensitive regex', () => {
    const m = model([main, canary({ 'canary-by-header': 'X-Canary', 'canary-by-header-pattern': 'beta|rc' })]);
    expect(backends(route(m, 'http://c.test/app', { headers: [{ name: 'X-Canary', value: 'v2-rc1' }] }))).toStrictEqual([CANARY]);
    expect(backends(route(m, 'http://c.test/app', { headers: [{ name: 'X-Canary', value: 'RC' }] }))).toStrictEqual([STABLE]);
  });

  test('precedence header → cookie → weight: header never wins over cookie always; cookie never wins over weight', () => {
    const m = model([main, canary({ 'canary-by-header': 'X-Canary', 'canary-by-cookie': 'beta', 'canary-weight': '100' })]);
    expect(backends(route(m, 'http://c.test/app', { headers: [{ name: 'X-Canary', value: 'never' }], cookies: [{ name: 'beta', value: 'always' }] }))).toStrictEqual([STABLE]);
    expect(backends(route(m, 'http://c.test/app', { cookies: [{ name: 'beta', value: 'never' }] }))).toStrictEqual([STABLE]);
    expect(backends(route(m, 'http://c.test/app', { headers: [{ name: 'Cookie', value: 'a=1; beta=always' }] }))).toStrictEqual([CANARY]);
    expect(backends(route(m, 'http://c.test/app'))).toStrictEqual([CANARY]);
  });

  test('canary-weight-total is honoured above 100; weight 0 sends nothing to the canary', () => {
    const m = model([main, canary({ 'canary-weight': '250', 'canary-weight-total': '1000' })]);
    expect(backends(route(m, 'http://c.test/app'))).toStrictEqual(['default/canary:80=0.25', 'default/stable:80=0.75']);
    const zero = model([main, canary({})]);
    expect(backends(route(zero, 'http://c.test/app'))).toStrictEqual([STABLE]);
  });

  test('a canary path without a main Ingress of the same host, path and pathType is ignored', () => {
    const m = model([main, canary({ 'canary-weight': '100' }, '/other')]);
    expect(backends(route(m, 'http://c.test/app'))).toStrictEqual([STABLE]);
    expect(route(m, 'http://c.test/other').status).toBe(404);
  });

  test('controller.go mergeAlternativeBackends: the canary joins the primary upstream, so another path using the same Service is split too', () => {
    const shared = ingress('shared', { host: 'other.test', paths: [{ path: '/x', svc: 'stable' }] });
    const m = model([main, shared, canary({ 'canary-weight': '100' })]);
    expect(backends(route(m, 'http://other.test/x'))).toStrictEqual([CANARY]);
  });

  test('only the first canary of an upstream (in Ingress order: same timestamp, name descending) is used', () => {
    const m = model([main, canary({ 'canary-weight': '100' }), canary({ 'canary-weight': '100' }, '/app', 'later')]);
    expect(backends(route(m, 'http://c.test/app'))).toStrictEqual(['default/later:80=1']);
  });
});
