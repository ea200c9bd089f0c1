import { isCelError } from '@bufbuild/cel';
import { ManifestValidator, ValidationResult, ValidationSeverity } from '../../src/validation';
import { compileExpression } from '../../src/validation/cel';
import { clientSideApplySizeProblem } from '../../src/validation/cross-object/apply-size';
import { Issue } from '../../src/validation/errors';
import { STRING_FORMATS } from '../../src/validation/formats';
import { validateNode } from '../../src/validation/structural';

function run(expr: string): unknown {
  const c = compileExpression(expr);
  if ('error' in c) throw new Error(c.error);
  const r = c.run({ self: null as any });
  return isCelError(r) ? `error: ${r.message}` : r;
}

/*
 * Object checks as the API server and kubectl make them: REST mapping of apiVersion/kind, keys
 * named like JavaScript prototype members, nulls in maps and metadata, the lenient ipv4 format
 * against the strict CEL isIP(), int32/int64 ranges, and the size limit of client-side apply.
 */

const validate = (objects: any[]): ValidationResult[] => ManifestValidator.validateObjects(objects, { crossObject: false });

const route = (spec: any, metadata: any = {}) =>
  ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'ns', ...metadata }, spec });
const gateway = (spec: any) =>
  ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'ns' }, spec });
const listeners = [{ name: 'http', port: 80, protocol: 'HTTP' }];
const schemaError = (kind: string, name: string, path: string, message: string): ValidationResult =>
  ({ kind, namespace: 'ns', name, path, message, code: 'schema', severity: ValidationSeverity.ERROR, documentIndex: 0 });
const unknownField = (path: string) => schemaError('HTTPRoute', 'web', path, `unknown field "${path}"`);

describe('apiVersion and kind are mapped as kubectl maps them', () => {
  const unknownKind = (path: string, message: string): ValidationResult =>
    ({ kind: 'HTTPRoute', namespace: 'ns', name: 'web', path, message, code: 'unknown-kind', severity: ValidationSeverity.ERROR, documentIndex: 0 });

  test('an empty apiVersion is missing', () => {
    expect(validate([{ ...route({}), apiVersion: '' }])).toStrictEqual([
      { kind: 'HTTPRoute', namespace: 'ns', name: 'web', path: 'apiVersion', message: 'Required value', code: 'not-an-object', severity: ValidationSeverity.ERROR, documentIndex: 0 },
    ]);
  });

  test('a group without version is a version of the core group, which does not serve it', () => {
    expect(validate([{ ...route({}), apiVersion: 'gateway.networking.k8s.io' }])).toStrictEqual([
      unknownKind('', 'no matches for kind "HTTPRoute" in version "gateway.networking.k8s.io" ' +
        '(apiVersion is "group/version", such as "gateway.networking.k8s.io/v1")'),
    ]);
  });

  test('two slashes do not parse', () => {
    expect(validate([{ ...route({}), apiVersion: 'a/b/c' }])).toStrictEqual([
      unknownKind('apiVersion', 'unexpected GroupVersion string: a/b/c'),
    ]);
  });

  test('core v1 does not serve a Gateway API kind', () => {
    expect(validate([{ ...route({}), apiVersion: 'v1' }])).toStrictEqual([
      unknownKind('', 'no matches for kind "HTTPRoute" in version "v1"'),
    ]);
    expect(validate([{ ...route({}), apiVersion: 'v2' }])).toStrictEqual([
      unknownKind('', 'no matches for kind "HTTPRoute" in version "v2"'),
    ]);
  });

  test('core kinds and unknown groups are still skipped', () => {
    const objects = ['Service', 'ConfigMap', 'Secret', 'Namespace', 'ServiceList', 'List'].map(kind => ({ apiVersion: 'v1', kind, metadata: { name: 'x' } }));
    objects.push({ apiVersion: 'example.com/v1', kind: 'HTTPRoute', metadata: { name: 'x' }, spec: { anything: 1 } } as any);
    objects.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } });
    expect(validate(objects)).toStrictEqual([]);
  });
});

describe('keys named like prototype members are plain unknown fields', () => {
  test.each(['toString', 'constructor', 'hasOwnProperty', 'valueOf'])('metadata.%s and spec.%s', name => {
    expect(validate([route({ [name]: 'x' }, { [name]: 'x' })])).toStrictEqual([
      unknownField(`metadata.${name}`),
      unknownField(`spec.${name}`),
    ]);
  });

  test('__proto__ (as JSON.parse and YAML loaders create it)', () => {
    const obj = JSON.parse('{"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"web","namespace":"ns","__proto__":"x"},' +
      '"spec":{"__proto__":{"a":1},"rules":[{"__proto__":null}]}}');
    expect(validate([obj])).toStrictEqual([
      unknownField('metadata.__proto__'),
      unknownField('spec.__proto__'),
      unknownField('spec.rules[0].__proto__'),
    ]);
    const fromYaml = ManifestValidator.validateYaml([
      'apiVersion: gateway.networking.k8s.io/v1', 'kind: HTTPRoute', 'metadata: {name: web, namespace: ns}', 'spec:', '  constructor: {}', '  __proto__: 1',
    ].join('\n'), { crossObject: false });
    expect(fromYaml.map(r => r.message)).toStrictEqual(['unknown field "spec.constructor"', 'unknown field "spec.__proto__"']);
  });

  test('a prototype name inside a string map is a map key like any other', () => {
    expect(validate([gateway({ gatewayClassName: 'gc', listeners, infrastructure: { labels: { constructor: 'a', toString: 'b' } } })])).toStrictEqual([]);
  });

  test('format.named() and the string formats do not find prototype members', () => {
    expect(run('format.named("dns1123Label").hasValue()')).toBe(true);
    expect(run('format.named("toString").hasValue()')).toBe(false);
    expect(run('format.named("constructor").hasValue()')).toBe(false);
    const out: Issue[] = [];
    validateNode({ type: 'string', format: 'toString' }, 'x', 'f', out, []);
    expect(out).toStrictEqual([]);
  });
});

describe('nulls', () => {
  test('an unknown metadata field set to null is still unknown', () => {
    expect(validate([route({}, { foo: null, toString: null })])).toStrictEqual([unknownField('metadata.foo'), unknownField('metadata.toString')]);
  });

  test('a known metadata field set to null is unset (ObjectMeta is a Go struct)', () => {
    expect(validate([route({}, { labels: null, annotations: null, finalizers: null })])).toStrictEqual([]);
  });

  test('a null label or annotation value decodes as the empty string', () => {
    expect(validate([route({}, { labels: { a: null }, annotations: { 'example.com/b': null } })])).toStrictEqual([]);
  });

  test('a null in a string map of the schema is pruned', () => {
    expect(validate([gateway({ gatewayClassName: 'gc', listeners, infrastructure: { labels: { team: null }, annotations: { 'example.com/x': null } } })]))
      .toStrictEqual([]);
    // a non-null value of the wrong type is still reported
    expect(validate([gateway({ gatewayClassName: 'gc', listeners, infrastructure: { labels: { team: 1 } } })])).toStrictEqual([
      {
        ...schemaError('Gateway', 'gw', 'spec.infrastructure.labels[team]',
          'Invalid value: 1: spec.infrastructure.labels[team] in body must be of type string: "integer"'),
      },
      {
        ...schemaError('Gateway', 'gw', '', 'Invalid value: "null": some validation rules were not checked because the object was invalid; ' +
          'correct the existing errors to complete validation'),
        code: 'cel-skipped',
      },
    ]);
  });
});

describe('ipv4: lenient OpenAPI format, strict CEL isIP()', () => {
  test('a Gateway address with leading zeros passes the ipv4 format (ParseIPSloppy)', () => {
    const addresses = (value: string) => gateway({ gatewayClassName: 'gc', listeners, addresses: [{ type: 'IPAddress', value }] });
    expect(validate([addresses('010.0.0.1')])).toStrictEqual([]);
    expect(validate([addresses('0010.000.0.001')])).toStrictEqual([]);
    expect(validate([addresses('10.0.0.256')]).map(r => r.message)).toContain(
      'Invalid value: "10.0.0.256": spec.addresses[0].value in body must be of type ipv4: "10.0.0.256"');
    expect(validate([addresses('10.0.0')]).map(r => r.message)).toContain(
      'Invalid value: "10.0.0": spec.addresses[0].value in body must be of type ipv4: "10.0.0"');
  });

  test('the ipv4 format and isIP() side by side', () => {
    expect(['010.0.0.1', '1.2.3.04', '000000001.2.3.4', '::ffff:1.2.3.4'].every(s => STRING_FORMATS.ipv4(s))).toBe(true);
    expect(['256.0.0.1', '1.2.3', '1.2.3.4.5', '1..2.3', ' 1.2.3.4', '1.2.3.4%eth0', '0x1.2.3.4', '::1'].some(s => STRING_FORMATS.ipv4(s))).toBe(false);
    expect(run('isIP("10.0.0.1")')).toBe(true);
    expect(run('isIP("010.0.0.1")')).toBe(false);
  });

  test('isIP() rejects leading zeros (netip.ParseAddr): TLSRoute hostnames', () => {
    const tlsRoute = (hostname: string) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'TLSRoute',
      metadata: { name: 't', namespace: 'ns' },
      spec: { hostnames: [hostname], rules: [{ backendRefs: [{ name: 's', port: 443 }] }] },
    });
    expect(validate([tlsRoute('10.0.0.1')]).map(r => [r.path, r.message, r.code])).toStrictEqual([
      ['spec.hostnames', 'Invalid value: "array": Hostnames cannot contain an IP', 'cel'],
    ]);
    // not an IP for CEL, and a valid RFC 1123 name
    expect(validate([tlsRoute('010.0.0.1')])).toStrictEqual([]);
  });
});

describe('int32 and int64 ranges', () => {
  test('cors.maxAge beyond int32', () => {
    const cors = (maxAge: number) => route({ rules: [{ filters: [{ type: 'CORS', cors: { allowOrigins: ['https://a.example'], maxAge } }] }] });
    expect(validate([cors(2147483647)])).toStrictEqual([]);
    expect(validate([cors(3000000000)])).toStrictEqual([
      schemaError('HTTPRoute', 'web', 'spec.rules[0].filters[0].cors.maxAge',
        'Invalid value: 3000000000: spec.rules[0].filters[0].cors.maxAge in body must be of type int32 (-2147483648 to 2147483647)'),
    ]);
  });

  test('a mirror fraction denominator of 3e9', () => {
    const mirror = { backendRef: { name: 's', port: 80 }, fraction: { numerator: 1, denominator: 3e9 } };
    expect(validate([route({ rules: [{ filters: [{ type: 'RequestMirror', requestMirror: mirror }] }] })])).toStrictEqual([
      schemaError('HTTPRoute', 'web', 'spec.rules[0].filters[0].requestMirror.fraction.denominator',
        'Invalid value: 3000000000: spec.rules[0].filters[0].requestMirror.fraction.denominator in body must be of type int32 (-2147483648 to 2147483647)'),
    ]);
  });

  test('int64 beyond its range (a hand-written schema: the shipped CRDs have no int64 spec field)', () => {
    const check = (value: number) => {
      const out: Issue[] = [];
      validateNode({ type: 'integer', format: 'int64' }, value, 'n', out, []);
      return out.map(i => i.message);
    };
    expect(check(9007199254740991)).toStrictEqual([]);
    expect(check(-9223372036854775808)).toStrictEqual([]);
    expect(check(1e19)).toStrictEqual(['Invalid value: 10000000000000000000: n in body must be of type int64 (-9223372036854775808 to 9223372036854775807)']);
    expect(check(2 ** 63)).toHaveLength(1);
  });
});

describe('too-large-for-client-side-apply', () => {
  const configMap = (bytes: number) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big', namespace: 'ns' }, data: { blob: 'x'.repeat(bytes) } });

  test('an object whose JSON nearly fills the annotation limit is a warning, on any kind', () => {
    const obj = configMap(300000);
    // ASCII only; kubectl marshals the object with an (empty) annotations map
    const size = JSON.stringify(obj).length + ',"annotations":{}'.length;
    expect(ManifestValidator.validateObjects([obj])).toStrictEqual([{
      kind: 'ConfigMap',
      namespace: 'ns',
      name: 'big',
      path: '',
      message: `the object is ${size} bytes as JSON: plain "kubectl apply" copies it into the kubectl.kubernetes.io/last-applied-configuration annotation, ` +
        `and the object's annotations would total ${size + 48} bytes, over the API server's 262144-byte limit (metadata.annotations: Too long); ` +
        'apply it with "kubectl apply --server-side" (or kubectl create/replace), or split it into smaller objects',
      code: 'too-large-for-client-side-apply',
      severity: ValidationSeverity.WARNING,
      documentIndex: 0,
    }]);
  });

  test('the limit counts UTF-8 bytes, the annotation key and the other annotations', () => {
    const base = JSON.stringify(configMap(0)).length;
    const limit = 262144 - 48 - base - ',"annotations":{}'.length;
    expect(validate([configMap(limit)])).toStrictEqual([]);
    expect(validate([configMap(limit + 1)]).map(r => r.code)).toStrictEqual(['too-large-for-client-side-apply']);
    // 'é' is 2 bytes of UTF-8
    const accented = { ...configMap(0), data: { blob: 'é'.repeat(Math.floor(limit / 2) + 1) } };
    expect(validate([accented]).map(r => r.code)).toStrictEqual(['too-large-for-client-side-apply']);
    // another annotation counts twice: in the JSON (7 bytes more than the empty map) and as itself (2 bytes)
    const annotated = { ...configMap(limit - 8), metadata: { name: 'big', namespace: 'ns', annotations: { a: 'b' } } };
    expect(validate([annotated]).map(r => r.code)).toStrictEqual(['too-large-for-client-side-apply']);
    expect(validate([{ ...annotated, data: { blob: 'x'.repeat(limit - 9) } }])).toStrictEqual([]);
    // an existing last-applied annotation is replaced, not counted
    const reapplied = { ...configMap(limit), metadata: { name: 'big', namespace: 'ns', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': 'x'.repeat(1000) } } };
    expect(validate([reapplied])).toStrictEqual([]);
  });

  test('a value JSON cannot serialize (a bigint) is measured by walking it, and never throws', () => {
    const big = (n: number) => ({ ...configMap(n), spec: { count: 10n } });
    expect(clientSideApplySizeProblem(big(100))).toBeUndefined();
    // beyond the bound, the object has no JSON to measure: no warning (and no exception)
    expect(clientSideApplySizeProblem(big(300000))).toBeUndefined();
    expect(clientSideApplySizeProblem(configMap(300000))).toMatch(/^the object is \d+ bytes as JSON/);
  });

  test('Gateway API objects are measured too, and the warning comes after their errors', () => {
    const rules = Array.from({ length: 16 }, () => ({ matches: [{ headers: [{ name: 'x', value: 'v'.repeat(4096) }] }] }));
    const big = route({ rules: [...rules, ...rules, ...rules, ...rules], bogus: 1 });
    expect(validate([big]).map(r => [r.code, r.severity])).toEqual(expect.arrayContaining([
      ['schema', ValidationSeverity.ERROR],
      ['too-large-for-client-side-apply', ValidationSeverity.WARNING],
    ]));
  });
});
