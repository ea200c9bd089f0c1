import { ReleaseChannel } from '../../src/core/channel';
import { GatewayApiVersion, ManifestValidator, ValidationOptions, ValidationSeverity } from '../../src/validation';
import { loadCrdSet } from '../../src/validation/catalog';
import { cloneJson, decodeObject } from '../../src/validation/decode';
import { Issue } from '../../src/validation/errors';
import { SchemaNode } from '../../src/validation/schema';
import { validateNode } from '../../src/validation/structural';

/* OpenAPI v3 schema features with Kubernetes semantics, one by one, with exact results. */

const BLOCKED = {
  path: '',
  message: 'Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
};

/**
 * The per-object results (no cross-object checks), without `code`, `severity` and
 * `documentIndex`, after checking them: every result here is an error, `cel` exactly when a
 * rule failed, `cel-skipped` for the blocked marker, `not-an-object`/`unknown-kind` for those,
 * `schema` otherwise.
 */
function validate(objects: any[], options?: ValidationOptions) {
  return ManifestValidator.validateObjects(objects, { ...options, crossObject: false }).map(r => {
    const { code, severity, documentIndex, ...rest } = r;
    expect(severity).toBe(ValidationSeverity.ERROR);
    expect(documentIndex).toBeGreaterThanOrEqual(0);
    expect(documentIndex).toBeLessThan(objects.length);
    const expected = r.rule !== undefined ? 'cel'
      : r.message === BLOCKED.message ? 'cel-skipped'
        : r.message.startsWith('no matches for kind') ? 'unknown-kind'
          : r.path === 'apiVersion' || r.path === 'kind' || r.kind === '' ? 'not-an-object' : 'schema';
    expect(code).toBe(expected);
    return rest;
  });
}

function gateway(spec: any): any {
  return { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'ns' }, spec };
}

function route(spec: any): any {
  return { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'ns' }, spec };
}

const listener = (extra: any = {}) => ({ name: 'http', port: 80, protocol: 'HTTP', ...extra });
const at = (kind: string, name: string) => ({ kind, namespace: 'ns', name });

describe('structural defaults', () => {
  const schema = () => loadCrdSet('gateway-api-v1.6.1-standard').find('gateway.networking.k8s.io', 'HTTPRoute')!
    .versions.find(v => v.name === 'v1')!.schema!;

  test('object and array defaults are applied recursively, including inside inserted defaults', () => {
    const obj: any = route({ parentRefs: [{ name: 'gw' }] });
    const out: Issue[] = [];
    decodeObject(schema(), obj, out);
    expect(out).toEqual([]);
    expect(obj.spec).toEqual({
      parentRefs: [{ name: 'gw', group: 'gateway.networking.k8s.io', kind: 'Gateway' }],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }] }],
    });
  });

  test('defaults reach list items and replace nulls; absent optional fields stay absent', () => {
    const obj: any = route({
      rules: [{ matches: [{ headers: [{ name: 'x', value: 'y' }] }], backendRefs: [{ name: 'svc', port: 80, weight: null }] }],
    });
    decodeObject(schema(), obj, []);
    expect(obj.spec.rules[0]).toEqual({
      matches: [{ headers: [{ name: 'x', value: 'y', type: 'Exact' }], path: { type: 'PathPrefix', value: '/' } }],
      backendRefs: [{ name: 'svc', port: 80, weight: 1, group: '', kind: 'Service' }],
    });
  });

  test('copy on write: the input is left as it was, the result equals the in-place decoding and shares what did not change', () => {
    const make = (): any => ({
      ...route({
        rules: [
          { matches: [{ headers: [{ name: 'x', value: 'y' }] }], backendRefs: [{ name: 'svc', port: 80, weight: null }] },
          { matches: [{ path: { type: 'Exact', value: '/a' } }], backendRefs: [{ group: '', kind: 'Service', name: 'b', port: 80, weight: 1 }] },
        ],
        unknownField: 1,
      }),
      metadata: { name: 'web', namespace: 'ns', labels: { a: null }, bogus: true },
    });
    const input = make();
    const before = JSON.stringify(input);
    const copyOut: Issue[] = [];
    const decoded: any = decodeObject(schema(), input, copyOut, false);
    expect(JSON.stringify(input)).toBe(before);
    const inPlace = make();
    const inPlaceOut: Issue[] = [];
    decodeObject(schema(), inPlace, inPlaceOut);
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(inPlace)); // same values, same key order
    expect(copyOut).toEqual(inPlaceOut);
    expect(copyOut.map(i => i.path)).toEqual(['metadata.bogus', 'spec.unknownField']);
    // the second rule's match and backend had nothing to change: shared, not copied
    expect(decoded.spec.rules[1].matches[0]).toBe(input.spec.rules[1].matches[0]);
    expect(decoded.spec.rules[1].backendRefs[0]).toBe(input.spec.rules[1].backendRefs[0]);
    expect(decoded.spec.rules[0]).not.toBe(input.spec.rules[0]);
    // an object decoding leaves as it is, is returned itself
    const done = decodeObject(schema(), inPlace, [], false);
    expect(done).toBe(inPlace);
  });

  test('CEL rules see the defaults (kind defaults to Service, which needs a port)', () => {
    expect(validate([route({ rules: [{ backendRefs: [{ name: 'svc' }] }] })])).toEqual([
      {
        ...at('HTTPRoute', 'web'),
        path: 'spec.rules[0].backendRefs[0]',
        message: 'Invalid value: "object": Must have port for Service reference',
        rule: "(size(self.group) == 0 && self.kind == 'Service') ? has(self.port) : true",
      },
    ]);
    expect(validate([route({ rules: [{ backendRefs: [{ group: 'example.com', kind: 'Bucket', name: 'b' }] }] })])).toEqual([]);
  });

  test('a ReplacePrefixMatch rewrite is valid thanks to the default PathPrefix match', () => {
    const rewrite = { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } } };
    expect(validate([route({ rules: [{ filters: [rewrite], backendRefs: [{ name: 'svc', port: 80 }] }] })])).toEqual([]);
  });

  test('the caller\'s objects are not modified', () => {
    const obj = route({ rules: [{ backendRefs: [{ name: 'svc', port: 80 }] }], bogus: 1 });
    const before = JSON.stringify(obj);
    validate([obj]);
    expect(JSON.stringify(obj)).toBe(before);
  });
});

describe('unknown fields and nulls', () => {
  test('unknown fields are errors (strict field validation), at any depth and in metadata', () => {
    const obj = gateway({ gatewayClassName: 'gc', listeners: [listener({ colour: 'blue' })], extra: true });
    obj.metadata.labelz = { a: 'b' };
    expect(validate([obj])).toEqual([
      { ...at('Gateway', 'gw'), path: 'metadata.labelz', message: 'unknown field "metadata.labelz"' },
      { ...at('Gateway', 'gw'), path: 'spec.extra', message: 'unknown field "spec.extra"' },
      { ...at('Gateway', 'gw'), path: 'spec.listeners[0].colour', message: 'unknown field "spec.listeners[0].colour"' },
    ]);
  });

  test('null non-nullable fields count as absent', () => {
    expect(validate([gateway({ gatewayClassName: 'gc', listeners: [listener({ hostname: null })], addresses: null })])).toEqual([]);
    expect(validate([gateway({ gatewayClassName: null, listeners: [listener()] })])).toEqual([
      { ...at('Gateway', 'gw'), path: 'spec.gatewayClassName', message: 'Required value' },
      { ...at('Gateway', 'gw'), ...BLOCKED },
    ]);
  });
});

describe('value validations', () => {
  test('type mismatch is a blocking TypeInvalid error', () => {
    expect(validate([gateway({ gatewayClassName: 'gc', listeners: [listener({ port: '80' })] })])).toEqual([
      {
        ...at('Gateway', 'gw'),
        path: 'spec.listeners[0].port',
        message: 'Invalid value: "80": spec.listeners[0].port in body must be of type integer: "string"',
      },
      { ...at('Gateway', 'gw'), ...BLOCKED },
    ]);
  });

  test('enum', () => {
    const r = validate([route({ rules: [{ matches: [{ method: 'FETCH' }] }] })]);
    expect(r[0]).toEqual({
      ...at('HTTPRoute', 'web'),
      path: 'spec.rules[0].matches[0].method',
      message: 'Unsupported value: "FETCH": supported values: "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"',
    });
    expect(r[1]).toEqual({ ...at('HTTPRoute', 'web'), ...BLOCKED });
  });

  test('integer enum values are listed as strings', () => {
    const redirect = { type: 'RequestRedirect', requestRedirect: { statusCode: 305 } };
    expect(validate([route({ rules: [{ filters: [redirect] }] })])[0].message)
      .toBe('Unsupported value: 305: supported values: "301", "302", "303", "307", "308"');
  });

  test('pattern', () => {
    expect(validate([route({ hostnames: ['Example.com'] })])).toEqual([
      {
        ...at('HTTPRoute', 'web'),
        path: 'spec.hostnames[0]',
        message: "Invalid value: \"Example.com\": spec.hostnames[0] in body should match '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'",
      },
    ]);
  });

  test('maxLength counts characters (code points), not UTF-16 units or bytes', () => {
    const gc = (description: string) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'gc' },
      spec: { controllerName: 'example.com/gateway', description },
    });
    expect(validate([gc('🚀'.repeat(64))])).toEqual([]);
    expect(validate([gc('🚀'.repeat(65))])).toEqual([
      { kind: 'GatewayClass', name: 'gc', path: 'spec.description', message: 'Too long: may not be more than 64 bytes' },
      { kind: 'GatewayClass', name: 'gc', ...BLOCKED },
    ]);
  });

  test('minLength', () => {
    expect(validate([route({ parentRefs: [{ name: '' }] })])).toEqual([
      { ...at('HTTPRoute', 'web'), path: 'spec.parentRefs[0].name', message: 'Invalid value: "": spec.parentRefs[0].name in body should be at least 1 chars long' },
    ]);
  });

  test('maxItems and minItems', () => {
    const hostnames = Array.from({ length: 17 }, (_, i) => `h${i}.example.com`);
    expect(validate([route({ hostnames })])).toEqual([
      { ...at('HTTPRoute', 'web'), path: 'spec.hostnames', message: 'Too many: 17: must have at most 16 items' },
      { ...at('HTTPRoute', 'web'), ...BLOCKED },
    ]);
    expect(validate([gateway({ gatewayClassName: 'gc', listeners: [] })])[0]).toEqual({
      ...at('Gateway', 'gw'),
      path: 'spec.listeners',
      message: 'Invalid value: []interface {}{}: spec.listeners in body should have at least 1 items',
    });
  });

  test('minimum and maximum, printed like Go floats', () => {
    expect(validate([gateway({ gatewayClassName: 'gc', listeners: [listener({ port: 0 })] })])).toEqual([
      { ...at('Gateway', 'gw'), path: 'spec.listeners[0].port', message: 'Invalid value: 0: spec.listeners[0].port in body should be greater than or equal to 1' },
    ]);
    expect(validate([route({ rules: [{ backendRefs: [{ name: 'svc', port: 80, weight: 1000001 }] }] })])).toEqual([
      {
        ...at('HTTPRoute', 'web'),
        path: 'spec.rules[0].backendRefs[0].weight',
        message: 'Invalid value: 1000001: spec.rules[0].backendRefs[0].weight in body should be less than or equal to 1e+06',
      },
    ]);
  });

  test('required', () => {
    expect(validate([gateway({ listeners: [{ name: 'http', protocol: 'HTTP' }] })])).toEqual([
      { ...at('Gateway', 'gw'), path: 'spec.gatewayClassName', message: 'Required value' },
      { ...at('Gateway', 'gw'), path: 'spec.listeners[0].port', message: 'Required value' },
      { ...at('Gateway', 'gw'), ...BLOCKED },
    ]);
  });

  test('maxProperties and additionalProperties values', () => {
    const labels = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, 'v']));
    expect(validate([gateway({ gatewayClassName: 'gc', listeners: [listener()], infrastructure: { labels } })])).toEqual([
      { ...at('Gateway', 'gw'), path: 'spec.infrastructure.labels', message: 'Too many: 9: must have at most 8 items' },
      { ...at('Gateway', 'gw'), ...BLOCKED },
    ]);
    expect(validate([gateway({ gatewayClassName: 'gc', listeners: [listener()], infrastructure: { labels: { a: 'b c' } } })])).toEqual([
      {
        ...at('Gateway', 'gw'),
        path: 'spec.infrastructure.labels[a]',
        message: "Invalid value: \"b c\": spec.infrastructure.labels[a] in body should match '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$'",
      },
    ]);
  });

  test('oneOf / anyOf / not with the ipv4 and ipv6 formats (Gateway addresses)', () => {
    const addresses = (...values: string[]) => gateway({
      gatewayClassName: 'gc',
      listeners: [listener()],
      addresses: values.map(value => ({ type: 'IPAddress', value })),
    });
    // the OpenAPI ipv4 format allows leading zeros (kube-openapi isIPv4: netutils.ParseIPSloppy)
    expect(validate([addresses('10.0.0.1', '2001:db8::1', '::ffff:10.0.0.1', '010.0.0.1')])).toEqual([]);
    expect(validate([addresses('256.0.0.1')])).toEqual([
      {
        ...at('Gateway', 'gw'),
        path: 'spec.addresses[0]',
        message: 'Invalid value: map[string]interface {}{"type":"IPAddress", "value":"256.0.0.1"}: ' +
        'spec.addresses[0] in body must validate one and only one schema (oneOf). Found none valid',
      },
      {
        ...at('Gateway', 'gw'),
        path: 'spec.addresses[0].value',
        message: 'Invalid value: "256.0.0.1": spec.addresses[0].value in body must validate at least one schema (anyOf)',
      },
      {
        ...at('Gateway', 'gw'),
        path: 'spec.addresses[0].value',
        message: 'Invalid value: "256.0.0.1": spec.addresses[0].value in body must be of type ipv4: "256.0.0.1"',
      },
    ]);
    expect(validate([addresses('fe80::1%eth0')])).toHaveLength(3);
    expect(validate([gateway({ gatewayClassName: 'gc', listeners: [listener()], addresses: [{ type: 'Hostname', value: 'lb.example.com' }] })])).toEqual([]);
  });
});

describe('x-kubernetes-list-type', () => {
  test('map: unique on the list-map key, reported at each repeated item', () => {
    const headers = [{ name: 'a', value: '1' }, { name: 'b', value: '2' }, { name: 'a', value: '3' }];
    expect(validate([route({ rules: [{ matches: [{ headers }] }] })])).toEqual([
      { ...at('HTTPRoute', 'web'), path: 'spec.rules[0].matches[0].headers[2]', message: 'Duplicate value: map[string]interface {}{"name":"a"}' },
    ]);
  });

  test('map with several keys (XBackendTrafficPolicy targetRefs: group, kind, name)', () => {
    const policy = (targetRefs: any[]) => ({
      apiVersion: 'gateway.networking.x-k8s.io/v1alpha1',
      kind: 'XBackendTrafficPolicy',
      metadata: { name: 'p', namespace: 'ns' },
      spec: { targetRefs },
    });
    const ref = (name: string, kind = 'Service') => ({ group: '', kind, name });
    const options = { channel: ReleaseChannel.EXPERIMENTAL };
    expect(validate([policy([ref('a'), ref('a', 'ServiceImport'), ref('b')])], options)).toEqual([]);
    expect(validate([policy([ref('a'), ref('b'), ref('a')])], options)).toEqual([
      {
        ...at('XBackendTrafficPolicy', 'p'),
        path: 'spec.targetRefs[2]',
        message: 'Duplicate value: map[string]interface {}{"group":"", "kind":"Service", "name":"a"}',
      },
    ]);
  });

  test('set: each repeated value reported once, at the list', () => {
    const modifier = { type: 'RequestHeaderModifier', requestHeaderModifier: { remove: ['x', 'y', 'x', 'x', 'y'] } };
    expect(validate([route({ rules: [{ filters: [modifier] }] })])).toEqual([
      { ...at('HTTPRoute', 'web'), path: 'spec.rules[0].filters[0].requestHeaderModifier.remove', message: 'Duplicate value: "x"' },
      { ...at('HTTPRoute', 'web'), path: 'spec.rules[0].filters[0].requestHeaderModifier.remove', message: 'Duplicate value: "y"' },
    ]);
  });
});

describe('metadata (validated by the API server, not the CRD schema)', () => {
  test('name is required and must be a DNS-1123 subdomain', () => {
    const obj = gateway({ gatewayClassName: 'gc', listeners: [listener()] });
    delete obj.metadata.name;
    expect(validate([obj])).toEqual([
      { kind: 'Gateway', namespace: 'ns', path: 'metadata.name', message: 'Required value: name or generateName is required' },
      { kind: 'Gateway', namespace: 'ns', ...BLOCKED },
    ]);
    obj.metadata.name = 'Edge_1';
    expect(validate([obj])[0].message).toMatch(/^Invalid value: "Edge_1": a lowercase RFC 1123 subdomain must consist of/);
  });

  test('the namespace of a cluster-scoped object is ignored (the API server clears it)', () => {
    const gc = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'gc', namespace: 'Not_A_Label' },
      spec: { controllerName: 'example.com/gateway' },
    };
    expect(validate([gc])).toEqual([]);
    const gw = gateway({ gatewayClassName: 'gc', listeners: [listener()] });
    gw.metadata.namespace = 'Not_A_Label';
    expect(validate([gw]).map(r => r.path)).toEqual(['metadata.namespace']);
  });

  test('label keys and values', () => {
    const obj = gateway({ gatewayClassName: 'gc', listeners: [listener()] });
    obj.metadata.labels = { 'app.kubernetes.io/name': 'web', 'bad key': 'x', 'ok': '-bad-' };
    const r = validate([obj]);
    expect(r.map(x => x.path)).toEqual(['metadata.labels', 'metadata.labels[ok]']);
    expect(r[0].message).toMatch(/^Invalid value: "bad key": name part must consist of alphanumeric characters/);
    expect(r[1].message).toMatch(/^Invalid value: "-bad-": a valid label must be an empty string or consist of/);
  });
});

describe('status', () => {
  test('is ignored with the status subresource (after decoding: unknown fields still count)', () => {
    const obj = route({});
    obj.status = { parents: 'not a list' };
    expect(validate([obj])).toEqual([]);
    obj.status = { parents: [], colour: 'x' };
    expect(validate([obj])).toEqual([{ ...at('HTTPRoute', 'web'), path: 'status.colour', message: 'unknown field "status.colour"' }]);
  });

  test('is an unknown field of ReferenceGrant, which has no status', () => {
    const grant = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ReferenceGrant',
      metadata: { name: 'g', namespace: 'ns' },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'a' }], to: [{ group: '', kind: 'Service' }] },
      status: {},
    };
    expect(validate([grant])).toEqual([{ ...at('ReferenceGrant', 'g'), path: 'status', message: 'unknown field "status"' }]);
  });
});

describe('versions and kinds', () => {
  test('v1.5.1 and v1.6.1 schemas differ (TCPRoute v1 is standard only in v1.6.1)', () => {
    const tcp = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'TCPRoute',
      metadata: { name: 't', namespace: 'ns' },
      spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'svc', port: 9000 }] }] },
    };
    expect(validate([tcp])).toEqual([]);
    expect(validate([tcp], { gatewayApiVersion: GatewayApiVersion.V1_5_1 })).toEqual([
      {
        kind: 'TCPRoute',
        namespace: 'ns',
        name: 't',
        path: '',
        message: 'no matches for kind "TCPRoute" in version "gateway.networking.k8s.io/v1" (not served by Gateway API v1.5.1 standard channel)',
      },
    ]);
  });
});

describe('features used by implementation CRDs (hand-written schemas)', () => {
  const check = (schema: SchemaNode, value: any): Issue[] => {
    const obj = cloneJson(value);
    const out: Issue[] = [];
    decodeObject(schema, obj, out);
    validateNode(schema, obj, '', out, out);
    return out;
  };
  const obj = (properties: { [k: string]: SchemaNode }, extra: Partial<SchemaNode> = {}): SchemaNode => ({ type: 'object', properties, ...extra });

  test('x-kubernetes-int-or-string', () => {
    const s = obj({ port: { 'x-kubernetes-int-or-string': true, 'anyOf': [{ type: 'integer' }, { type: 'string' }] } });
    expect(check(s, { port: 8080 })).toEqual([]);
    expect(check(s, { port: 'http' })).toEqual([]);
    expect(check(s, { port: true })).toEqual([
      { path: 'port', message: 'Invalid value: true: port in body must be of type integer,string: "boolean"', blocking: true },
    ]);
  });

  test('nullable keeps null; x-kubernetes-preserve-unknown-fields keeps unknown fields', () => {
    const s = obj({ a: { type: 'string', nullable: true }, raw: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true } });
    expect(check(s, { a: null, raw: { anything: [1, { x: 2 }] } })).toEqual([]);
  });

  test('exclusive bounds, multipleOf, minProperties, allOf', () => {
    const s = obj({
      pct: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 100, exclusiveMaximum: true },
      step: { type: 'integer', multipleOf: 5 },
      m: { type: 'object', additionalProperties: { type: 'string' }, minProperties: 1 },
      both: { type: 'string', allOf: [{ minLength: 2 }, { pattern: '^a' }] },
    });
    expect(check(s, { pct: 50.5, step: 10, m: { k: 'v' }, both: 'ab' })).toEqual([]);
    expect(check(s, { pct: 100, step: 7, m: {}, both: 'b' }).map(i => i.message)).toEqual([
      'Invalid value: 100: pct in body should be less than 100',
      'Invalid value: 7: step in body should be a multiple of 5',
      'Invalid value: map[string]interface {}{}: m in body should have at least 1 properties',
      'Invalid value: "b": both in body must validate all the schemas (allOf)',
      'Invalid value: "b": both in body should be at least 2 chars long',
      'Invalid value: "b": both in body should match \'^a\'',
    ]);
  });

  test('null list items are type errors; list-map items must be objects', () => {
    const s = obj({ l: { 'type': 'array', 'items': { type: 'object', properties: { name: { type: 'string' } } }, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] } });
    expect(check(s, { l: [null, 'x'] }).map(i => i.message)).toEqual([
      'Invalid value: "null": l[0] in body must be of type object: "null"',
      'Invalid value: "x": l[1] in body must be of type object: "string"',
      'Invalid value: "x": must be an object for an array of list-type map',
    ]);
  });
});
