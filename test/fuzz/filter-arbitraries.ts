/**
 * Filter generators: header modifiers, redirects and rewrites (ReplaceFullPath and
 * ReplacePrefixMatch), mirrors with percent or fraction, CORS and extension refs, as used on
 * HTTPRoute and GRPCRoute rules and backends; and filter lists.
 */
import * as fc from 'fast-check';
import { BackendArbitraries } from './backend-arbitraries';
import { around, lists, maybe, merge, stripUndefined } from './combinators';
import { FilterDesc, PathModifierDesc } from './descriptions';
import { Noise } from './noise';
import { Values } from './values';

/** The filter arbitraries of one noise level. */
export interface FilterArbitraries {
  /** Any HTTPRoute filter. */
  readonly httpFilter: fc.Arbitrary<FilterDesc>;
  /** Any GRPCRoute filter. */
  readonly grpcFilter: fc.Arbitrary<FilterDesc>;
}

export function filterArbitraries(v: Values, { plainBackend }: BackendArbitraries): FilterArbitraries {
  const { noise: { near }, objectName, preciseHostname, port, group, kind, headerName, headerValue, method, duration } = v;

  const headerMap = fc.dictionary(headerName, headerValue, { minKeys: 1, maxKeys: 3, noNullPrototype: true });

  /** Header modifiers: distinct names across set/add/remove unless near-invalid. */
  const headerModifier = (type: 'requestHeaderModifier' | 'responseHeaderModifier'): fc.Arbitrary<FilterDesc> => fc.tuple(
    fc.record({
      type: fc.constant(type),
      set: maybe(headerMap, 2),
      add: maybe(headerMap, 2),
      remove: maybe(fc.array(headerName, { minLength: 1, maxLength: 3 }), 2),
    }),
    near(fc.constant(true), fc.constant(false), 4),
  ).map(([m, dedupe]) => {
    if (!dedupe) return stripUndefined(m);
    const seen = new Set<string>();
    const fresh = (name: string) => !seen.has(name.toLowerCase()) && (seen.add(name.toLowerCase()), true);
    const keep = (map?: Record<string, string>) => map && Object.fromEntries(Object.entries(map).filter(([k]) => fresh(k)));
    const set = keep(m.set);
    const add = keep(m.add);
    const remove = m.remove?.filter(fresh);
    const empty = !Object.keys(set ?? {}).length && !Object.keys(add ?? {}).length && !remove?.length;
    return stripUndefined({ type, set: empty ? { 'x-fuzz': 'v' } : set, add, remove: remove?.length ? remove : undefined });
  });

  const pathModifier: fc.Arbitrary<PathModifierDesc> = fc.record({
    type: fc.constantFrom('full' as const, 'prefix' as const),
    value: near(fc.constantFrom('/', '/new', '/v2/api', "/!$&'()*+,;=:@", '/%20'), fc.constantFrom('new', '/a b', '/a#b', '//', '/a/../b', `/${'p'.repeat(1024)}`), 10),
  }).chain(m => m.type === 'prefix' ? fc.constantFrom(m, { ...m, value: '' }) : fc.constant(m));

  const mirror: fc.Arbitrary<FilterDesc> = merge(
    fc.record({ type: fc.constant('requestMirror' as const), backend: plainBackend }),
    near(
      fc.oneof(
        fc.constant({}),
        fc.record({ percent: fc.constantFrom(0, 10, 100) }),
        fc.record({
          fraction: fc.record({ numerator: fc.constantFrom(0, 1, 50), denominator: maybe(fc.constantFrom(100, 1000, 50), 2) }).map(stripUndefined),
        }),
      ),
      fc.oneof(
        fc.record({ percent: fc.constantFrom(-1, 101, 2.5) }),
        fc.record({ fraction: fc.constantFrom({ numerator: -1 }, { numerator: 1.5 }, { numerator: 1000 }, { numerator: 1, denominator: 0 }) }),
        fc.constant({ percent: 10, fraction: { numerator: 1 } }),
      ),
    ),
  );

  const extensionRef: fc.Arbitrary<FilterDesc> = fc.record({
    type: fc.constant('extensionRef' as const),
    group: near(fc.constantFrom('example.com', 'gateway.envoyproxy.io', ''), group),
    kind: near(fc.constantFrom('Filter', 'HTTPRouteFilter'), kind),
    name: objectName,
  });

  const origin = near(
    fc.constantFrom('https://example.com', 'http://a.example.com:8080', 'https://*.example.com', 'http://localhost', 'https://x-1.test:443', 'https://*'),
    fc.oneof(
      fc.constantFrom('example.com', 'https://example.com/', 'ftp://example.com', 'https://example.com:0', 'https://example.com:65536', 'https://exa mple.com', ''),
      fc.stringMatching(/^https?:\/\/(\*\.)?[-a-zA-Z0-9.*]{1,10}(:[0-9]{1,5})?$/),
    ),
    10,
  );

  const corsMethods = near(
    fc.oneof(
      fc.constant({}),
      fc.record({ allowMethods: fc.uniqueArray(method, { minLength: 1, maxLength: 3 }) }),
      fc.record({ allowAllMethods: fc.boolean() }),
    ),
    fc.oneof(fc.record({ allowMethods: lists(['GET', 'GET'], ['*']) }), fc.record({ allowMethods: lists(['GET']), allowAllMethods: fc.constant(true) })),
  );

  const cors: fc.Arbitrary<FilterDesc> = merge(fc.record({
    type: fc.constant('cors' as const),
    allowOrigins: near(
      fc.oneof(lists(['*']), fc.uniqueArray(origin, { minLength: 1, maxLength: 3 })),
      fc.oneof(lists<string>([], ['*', 'https://a.com'], ['https://a.com', 'https://a.com']), around(64, i => `https://o${i}.example.com`)),
    ),
    allowHeaders: maybe(near(fc.oneof(lists(['*']), fc.uniqueArray(headerName, { minLength: 1, maxLength: 3, selector: h => h.toLowerCase() })), lists(['*', 'x-a'], ['X-A', 'x-a'])), 3),
    exposeHeaders: maybe(fc.uniqueArray(headerName, { minLength: 1, maxLength: 3, selector: h => h.toLowerCase() }), 3),
    allowCredentials: maybe(fc.boolean(), 3),
    maxAge: maybe(near(
      fc.record({ unit: fc.constant('seconds' as const), amount: fc.constantFrom(1, 5, 86400) }),
      fc.oneof(duration, fc.record({ unit: fc.constant('seconds' as const), amount: fc.constantFrom(0, 1.5) })),
    ), 3),
  }), corsMethods);

  /** A redirect that changes something (near-invalid: nothing). */
  const redirect: fc.Arbitrary<FilterDesc> = fc.tuple(fc.record({
    type: fc.constant('requestRedirect' as const),
    scheme: maybe(near(fc.constantFrom('http', 'https'), fc.constantFrom('HTTPS', 'ftp', '')), 2),
    hostname: maybe(preciseHostname, 2),
    path: maybe(pathModifier, 2),
    port: maybe(port, 3),
    statusCode: maybe(near(fc.constantFrom(301, 302, 303, 307, 308), fc.constantFrom(200, 304, 399)), 2),
  }), near(fc.constant(true), fc.constant(false), 3)).map(([r, fix]) => {
    const empty = r.scheme === undefined && r.hostname === undefined && r.path === undefined && r.port === undefined;
    return stripUndefined(empty && fix ? { ...r, scheme: 'https' } : r);
  });

  /** A rewrite that changes something (near-invalid: nothing). */
  const rewrite: fc.Arbitrary<FilterDesc> = fc.tuple(fc.record({
    type: fc.constant('urlRewrite' as const),
    hostname: maybe(preciseHostname, 2),
    path: maybe(pathModifier, 2),
  }), near(fc.constant(true), fc.constant(false), 3)).map(([r, fix]) =>
    stripUndefined(r.hostname === undefined && r.path === undefined && fix ? { ...r, hostname: 'example.com' } : r));

  const httpFilter: fc.Arbitrary<FilterDesc> = fc.oneof(
    { weight: 3, arbitrary: headerModifier('requestHeaderModifier') },
    { weight: 3, arbitrary: headerModifier('responseHeaderModifier') },
    { weight: 2, arbitrary: redirect },
    { weight: 3, arbitrary: rewrite },
    { weight: 2, arbitrary: mirror },
    { weight: 2, arbitrary: cors },
    { weight: 1, arbitrary: extensionRef },
  );

  const grpcFilter: fc.Arbitrary<FilterDesc> = fc.oneof(
    headerModifier('requestHeaderModifier'),
    headerModifier('responseHeaderModifier'),
    mirror,
    extensionRef,
  );

  return { httpFilter, grpcFilter };
}

/** Filter lists: each single-use type at most once unless near-invalid. */
export function filterList(noise: Noise, one: fc.Arbitrary<FilterDesc>, max: number): fc.Arbitrary<FilterDesc[]> {
  return noise.near(
    fc.uniqueArray(one, {
      maxLength: max,
      selector: f => f.type === 'requestMirror' || f.type === 'extensionRef' ? JSON.stringify(f) : f.type === 'urlRewrite' ? 'requestRedirect' : f.type,
    }),
    fc.oneof(
      fc.array(one, { minLength: 2, maxLength: 3 }),
      around(16, (i): FilterDesc => ({ type: 'requestMirror', backend: { factory: 'serviceName', name: `mirror-${i}`, port: 80 } })),
    ),
    8,
  );
}
