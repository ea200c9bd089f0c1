/**
 * The value arbitraries that every generator of one noise level shares: names, namespaces,
 * hostnames, ports, weights, paths, header names and values, regular expressions, methods,
 * durations and label maps. Each is drawn mostly from its valid domain and sometimes
 * (`Noise.near`) from a near-invalid one; hostnames come from a small shared pool so that
 * listener and route hostnames sometimes intersect and sometimes do not.
 */
import * as fc from 'fast-check';
import { DurationDesc } from './descriptions';
import { Noise } from './noise';

const VALID_HOSTNAMES = [
  'example.com', '*.example.com', 'a.example.com', 'b.a.example.com', 'api.test', '*.test', 'test',
  'x-1.example.com', `${'a'.repeat(63)}.example.com`, '*.a.example.com', '1.2.3.256', '0a.example.com',
  // 253 characters exactly
  `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`,
];
const NEAR_HOSTNAMES = [
  'Example.com', '*.*.example.com', 'a.*.example.com', 'example.com.', '-a.example.com', '1.2.3.4', '::1',
  '*', '*example.com', `${'a'.repeat(64)}.com`, 'a_b.example.com', '', ' example.com', 'example..com', 'é.example.com',
  `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`,
];
const VALID_PATHS = ['/', '/api', '/api/v1', '/api/', "/!$&'()*+,;=:@", '/a-b_c.d~e', '/%20x', '/.well-known', '/a/..b', '/a/...', '/foo%2Ebar', `/${'p'.repeat(1023)}`];
const NEAR_PATHS = ['api', '//', '/a//b', '/./', '/a/./b', '/a/.', '/a/..', '/a/../b', '/%2fx', '/%2F', '/a#b', '/a b', '/ä', '/a?b', '/%zz', '/%', '', `/${'p'.repeat(1024)}`];

/** The value arbitraries of one noise level (built once by `valueArbitraries`). */
export interface Values {
  readonly noise: Noise;
  readonly namespace: fc.Arbitrary<string>;
  readonly objectName: fc.Arbitrary<string>;
  readonly hostname: fc.Arbitrary<string>;
  /** Hostnames where a wildcard is not allowed (redirect and rewrite targets). */
  readonly preciseHostname: fc.Arbitrary<string>;
  readonly port: fc.Arbitrary<number>;
  readonly weight: fc.Arbitrary<number>;
  readonly group: fc.Arbitrary<string>;
  readonly kind: fc.Arbitrary<string>;
  /** HTTP header names (RFC 7230 tokens). */
  readonly headerName: fc.Arbitrary<string>;
  /** Header and query parameter values. */
  readonly headerValue: fc.Arbitrary<string>;
  /** Exact and PathPrefix values. */
  readonly path: fc.Arbitrary<string>;
  /** RegularExpression values. */
  readonly regex: fc.Arbitrary<string>;
  readonly method: fc.Arbitrary<string>;
  readonly duration: fc.Arbitrary<DurationDesc>;
  readonly labelMap: fc.Arbitrary<Record<string, string>>;
}

export function valueArbitraries(noise: Noise): Values {
  const { near } = noise;

  const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/);

  const namespace = near(
    fc.constantFrom('shop', 'infra', 'payments', 'team-a'),
    fc.constantFrom('Shop', 'team_a', '-infra', 'pay.ments', 'a'.repeat(64), ''),
  );

  const objectName = near(
    fc.oneof(fc.constantFrom('web', 'api', 'payments', 'db', 'svc-1', 'a.b', 'x'.repeat(253)), label),
    fc.constantFrom('Web', 'web_1', '', '-web', 'web-', 'a'.repeat(254), 'a..b', 'wéb'),
  );

  const hostname = near(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...VALID_HOSTNAMES) },
      { weight: 1, arbitrary: fc.tuple(fc.boolean(), label, fc.constantFrom('example.com', 'test')).map(([w, l, d]) => `${w ? '*.' : ''}${l}.${d}`) },
    ),
    fc.oneof(
      fc.constantFrom(...NEAR_HOSTNAMES),
      // Anything over the hostname alphabet (often valid): where the construct check meets the CRD pattern.
      fc.stringMatching(/^(\*\.)?[-a-z0-9.*]{1,12}$/),
    ),
  );

  /** Hostnames where a wildcard is not allowed (redirect and rewrite targets). */
  const preciseHostname = near(
    fc.constantFrom('example.com', 'a.example.com', 'api.test', 'test', 'www.example.org'),
    fc.constantFrom('*.example.com', 'Example.com', 'example.com.', '1.2.3.4', ''),
  );

  const port = near(
    fc.oneof(fc.constantFrom(80, 443, 8080, 8443, 5432, 53, 1, 65535), fc.integer({ min: 1, max: 65535 })),
    fc.constantFrom(0, 65536, -1, 80.5),
  );

  const weight = near(
    fc.oneof(fc.constantFrom(0, 1, 10, 100, 1_000_000), fc.integer({ min: 0, max: 1_000_000 })),
    fc.constantFrom(-1, 1_000_001, 0.5),
    15,
  );

  const group = near(fc.constantFrom('', 'example.com', 'gateway.envoyproxy.io'), fc.constantFrom('Example.com', 'example.com.', '_x'));
  const kind = near(fc.constantFrom('Service', 'Backend', 'ServiceImport', 'x-Kind1'), fc.constantFrom('', '1Kind', 'Kind_', 'Ki nd', 'K'.repeat(64)));

  /** HTTP header names (RFC 7230 tokens). */
  const headerName = near(
    fc.oneof(fc.constantFrom('x-env', 'X-Request-Id', 'accept', 'Authorization', "!#$%&'*+-.^_`|~", 'h'.repeat(256)), label),
    fc.oneof(
      fc.constantFrom('x env', 'x:y', '', 'é', 'h'.repeat(257), '(x)', 'x\n'),
      // Token characters and separators alike.
      fc.stringMatching(/^[-A-Za-z0-9!#$%&'*+.^_`|~:;,()\/ ]{1,8}$/),
    ),
  );

  /** Header and query parameter values: any content; 1-1024 characters suit both, up to 4096 headers only. */
  const headerValue = near(
    fc.oneof(fc.constantFrom('v', 'a b', 'a  b', 'tab\tbed', '*', 'x'.repeat(1024), 'ünïcode'), fc.string({ minLength: 1, maxLength: 12 })),
    fc.constantFrom('', 'x'.repeat(1025), 'x'.repeat(4097), 'line\nbreak'),
  );

  /** Exact and PathPrefix values. */
  const path = near(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...VALID_PATHS) },
      { weight: 1, arbitrary: fc.array(label, { minLength: 1, maxLength: 3 }).map(p => `/${p.join('/')}`) },
    ),
    fc.oneof(
      fc.constantFrom(...NEAR_PATHS),
      // Path characters, dots, slashes, escapes and a few that do not belong (often valid).
      fc.stringMatching(/^\/([-a-z0-9._~!$&'()*+,;=:@\/]|%[0-9a-fA-F]{2}|%2[fF]|[#? %])*$/).filter(p => p.length <= 24),
    ),
    12,
  );

  /** RegularExpression values: anything of 1-1024 characters, edge-case characters included. */
  const regex = near(
    fc.oneof(fc.constantFrom('^/api/.*$', '/v[0-9]+/', '.*', '(a|b)', '[', '\\', '/\n/', '/ü', '\u0000', ' ', 'r'.repeat(1024)), fc.string({ minLength: 1, maxLength: 10 })),
    fc.constantFrom('', 'r'.repeat(1025)),
  );

  const method = near(
    fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'),
    fc.constantFrom('get', 'FOO', '*', ''),
  );

  const duration: fc.Arbitrary<DurationDesc> = near(
    fc.oneof(
      fc.record({ unit: fc.constant('millis' as const), amount: fc.integer({ min: 0, max: 359_999_999_999 }) }),
      fc.record({ unit: fc.constant('millis' as const), amount: fc.constantFrom(0, 1, 500, 1500, 100_000) }),
      fc.record({ unit: fc.constant('seconds' as const), amount: fc.constantFrom(0, 1, 5, 30, 90, 1.5) }),
      fc.record({ unit: fc.constant('minutes' as const), amount: fc.constantFrom(1, 2, 90) }),
      fc.record({ unit: fc.constant('hours' as const), amount: fc.constantFrom(1, 24, 99_999, 100_000) }),
    ),
    fc.oneof(
      fc.record({ unit: fc.constant('millis' as const), amount: fc.constantFrom(0.5, 1.25) }),
      // Above 99999h99999m99999s99999ms, the longest Gateway API duration.
      fc.record({ unit: fc.constant('hours' as const), amount: fc.constant(110_000) }),
    ),
  );

  const labelMap = fc.dictionary(
    near(fc.constantFrom('env', 'team', 'example.com/tier', 'app.kubernetes.io/name'), fc.constantFrom('Bad Key', '/x', 'a/b/c', `${'a'.repeat(254)}/x`)),
    near(fc.constantFrom('prod', 'a', 'x-y_z.1', ''), fc.constantFrom('-bad', 'bad value', 'v'.repeat(64))),
    { minKeys: 1, maxKeys: 3, noNullPrototype: true },
  );

  return {
    noise,
    namespace,
    objectName,
    hostname,
    preciseHostname,
    port,
    weight,
    group,
    kind,
    headerName,
    headerValue,
    path,
    regex,
    method,
    duration,
    labelMap,
  };
}
