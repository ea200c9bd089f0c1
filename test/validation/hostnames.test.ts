import { Chart, Testing } from 'cdk8s';
import * as gw from '../../src';
import { ManifestValidator } from '../../src/validation';
import { effectiveHostname, hostnamesIntersect } from '../../src/validation/cross-object/hostnames';

/*
 * Gateway API hostname matching, against the examples of the spec. The constructs
 * (`route-base.ts`) and the validator (`cross-object/parents.ts`) share one intersection
 * function, so the fuzz test, which compares the two, cannot catch a bug in it: these
 * verdicts are written by hand from the `hostnames` field description of HTTPRoute and
 * GRPCRoute and the Listener `hostname` description (v1.6.1 CRDs), never computed.
 */

/** [route hostname, listener hostname, do they intersect?] (undefined: not specified). */
const SPEC_EXAMPLES: Array<[string | undefined, string | undefined, boolean]> = [
  // "A Listener with `test.example.com` as the hostname matches HTTPRoutes that have either not
  // specified any hostnames, or have specified at least one of `test.example.com` or `*.example.com`."
  [undefined, 'test.example.com', true],
  ['test.example.com', 'test.example.com', true],
  ['*.example.com', 'test.example.com', true],
  // "A Listener with `*.example.com` as the hostname matches HTTPRoutes that have either not
  // specified any hostnames or have specified at least one hostname that matches the Listener
  // hostname. For example, `*.example.com`, `test.example.com`, and `foo.test.example.com` would
  // all match. On the other hand, `example.com` and `test.example.net` would not match."
  [undefined, '*.example.com', true],
  ['*.example.com', '*.example.com', true],
  ['test.example.com', '*.example.com', true],
  ['foo.test.example.com', '*.example.com', true],
  ['example.com', '*.example.com', false],
  ['test.example.net', '*.example.com', false],
  // "a match for `*.example.com` would match both `test.example.com`, and `foo.test.example.com`,
  // but not `example.com`" — here with the wildcard on the route and the precise name on the listener.
  ['*.example.com', 'foo.test.example.com', true],
  ['*.example.com', 'example.com', false],
  // Listener `hostname`: "When unspecified, all hostnames are matched."
  ['example.com', undefined, true],
  ['*.example.com', undefined, true],
  [undefined, undefined, true],
];

/** Consequences of the suffix-match rule at label boundaries (verdicts written by hand). */
const LABEL_BOUNDARIES: Array<[string, string, boolean]> = [
  ['*.example.com', 'testexample.com', false], // the suffix is `.example.com`, dot included
  ['*.example.com', 'xample.com', false],
  ['*.example.com', 'com', false],
  ['*.example.com', '*.test.example.com', true], // a.test.example.com matches both
  ['*.example.com', '*.com', true], // a.example.com matches both
  ['*.example.com', '*.example.net', false],
  ['*.example.com', '*.anexample.com', false],
  ['test.example.com', 'foo.example.com', false],
  ['example.com', 'example.com', true],
];

describe('hostnamesIntersect', () => {
  test.each(SPEC_EXAMPLES)('spec example: route %s on listener %s -> %s', (route, listener, expected) => {
    expect(hostnamesIntersect(route, listener)).toBe(expected);
  });

  test.each(SPEC_EXAMPLES)('spec example, argument order swapped: %s and %s -> %s', (route, listener, expected) => {
    expect(hostnamesIntersect(listener, route)).toBe(expected);
  });

  test.each(LABEL_BOUNDARIES)('label boundary: %s and %s -> %s (both orders)', (a, b, expected) => {
    expect(hostnamesIntersect(a, b)).toBe(expected);
    expect(hostnamesIntersect(b, a)).toBe(expected);
  });

  test('a route with test.example.com and test.example.net on *.example.com: only the first matches', () => {
    // "if a Listener specified `*.example.com`, and the HTTPRoute specified `test.example.com` and
    // `test.example.net`, `test.example.net` must not be considered for a match."
    expect(['test.example.com', 'test.example.net'].filter(h => hostnamesIntersect(h, '*.example.com'))).toStrictEqual(['test.example.com']);
  });
});

describe('effectiveHostname', () => {
  /** [route hostname, listener hostname, the hosts the route serves there]; every pair intersects. */
  test.each([
    [undefined, undefined, '*'],
    [undefined, 'test.example.com', 'test.example.com'],
    [undefined, '*.example.com', '*.example.com'],
    ['test.example.com', undefined, 'test.example.com'],
    ['*.example.com', undefined, '*.example.com'],
    ['test.example.com', 'test.example.com', 'test.example.com'],
    // A wildcard route on a precise listener serves only the listener's host.
    ['*.example.com', 'test.example.com', 'test.example.com'],
    ['*.example.com', 'foo.test.example.com', 'foo.test.example.com'],
    // A precise route on a wildcard listener serves its own host.
    ['test.example.com', '*.example.com', 'test.example.com'],
    ['foo.test.example.com', '*.example.com', 'foo.test.example.com'],
    // Two wildcards: the longer suffix.
    ['*.example.com', '*.example.com', '*.example.com'],
    ['*.test.example.com', '*.example.com', '*.test.example.com'],
    ['*.example.com', '*.test.example.com', '*.test.example.com'],
  ])('route %s on listener %s serves %s', (route, listener, expected) => {
    expect(effectiveHostname(route, listener)).toBe(expected);
  });
});

describe('end to end: a route on *.example.com does not attach to a listener on example.com', () => {
  function chartWithListener(hostname: string) {
    const chart = new Chart(Testing.app(), 'platform', { namespace: 'shop' });
    const gateway = new gw.Gateway(chart, 'Edge', {
      metadata: { name: 'edge', namespace: 'infra' },
      gatewayClass: gw.GatewayClass.fromGatewayClassName(chart, 'Eg', 'eg'),
    });
    const http = gateway.addHttpListener({ hostname, allowedRoutes: gw.RouteNamespaces.all() });
    new gw.HttpRoute(chart, 'Wild', {
      metadata: { name: 'wild' },
      parents: [http],
      hostnames: ['*.example.com'],
      rules: [{ backends: [gw.Backend.fromServiceName('web', 80)] }],
    });
    return chart;
  }

  test('the constructs fail synth', () => {
    expect(() => Testing.synth(chartWithListener('example.com'))).toThrow(
      /\[platform\/Wild\] hostnames \*\.example\.com cannot intersect the hostname of any listener of parent Gateway "infra\/edge" listener "http" \(http HTTP\/80 example\.com\); the route would never match/);
  });

  test('the same route on a listener for www.example.com synthesizes', () => {
    const [, route] = Testing.synth(chartWithListener('www.example.com'));
    expect(route.spec.hostnames).toStrictEqual(['*.example.com']);
  });

  test('the validator reports the route as not accepted', () => {
    const objects = [
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: 'edge', namespace: 'infra' },
        spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', hostname: 'example.com', allowedRoutes: { namespaces: { from: 'All' } } }] },
      },
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'wild', namespace: 'shop' },
        spec: { parentRefs: [{ name: 'edge', namespace: 'infra' }], hostnames: ['*.example.com'], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] },
      },
    ];
    expect(ManifestValidator.validateObjects(objects).map(r => [r.name, r.path, r.code, r.message])).toEqual([
      ['wild', 'spec.parentRefs[0]', 'no-matching-listener-hostname',
        'no hostname of the route (*.example.com) intersects the hostname of a listener of Gateway "infra/edge" that this reference selects ("http" example.com); the route is not accepted'],
    ]);
  });
});
