import { isCelError } from '@bufbuild/cel';
import { ReleaseChannel } from '../../src/core/channel';
import { GatewayApiVersion, ManifestValidator, ValidationSeverity } from '../../src/validation';
import { CelValidator, compileExpression, compiledExpressionCount, escapePropertyName } from '../../src/validation/cel';
import { Issue } from '../../src/validation/errors';
import { isGoIp, isKubernetesIp, STRING_FORMATS } from '../../src/validation/formats';
import { re2Matcher } from '../../src/validation/regex';
import { SchemaNode } from '../../src/validation/schema';

/* CEL x-kubernetes-validations: binding, Kubernetes libraries and evaluation semantics. */

const at = (kind: string, name: string) => ({ kind, namespace: 'ns', name });

function route(spec: any): any {
  return { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'ns' }, spec };
}

function run(expr: string, self: unknown): unknown {
  const c = compileExpression(expr);
  if ('error' in c) throw new Error(c.error);
  const r = c.run({ self: self as any });
  return isCelError(r) ? `error: ${r.message}` : r;
}

/** Validates `value` against a hand-written schema (for semantics the shipped CRDs do not exercise). */
function celIssues(schema: SchemaNode, value: unknown): Issue[] {
  const out: Issue[] = [];
  new CelValidator(out).validateRoot(schema, value);
  return out;
}

describe('binding', () => {
  test('integers are CEL ints (numerator <= denominator, with the denominator default 100)', () => {
    const mirror = (fraction: any) => route({
      rules: [{
        backendRefs: [{ name: 'svc', port: 80 }],
        filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'm', port: 80 }, fraction } }],
      }],
    });
    expect(ManifestValidator.validateObjects([mirror({ numerator: 50 })])).toEqual([]);
    expect(ManifestValidator.validateObjects([mirror({ numerator: 5, denominator: 2 })])).toEqual([
      {
        ...at('HTTPRoute', 'web'),
        path: 'spec.rules[0].filters[0].requestMirror.fraction',
        message: 'Invalid value: "object": numerator must be less than or equal to denominator',
        rule: 'self.numerator <= self.denominator',
        code: 'cel',
        severity: ValidationSeverity.ERROR,
        documentIndex: 0,
      },
    ]);
    const schema: SchemaNode = { 'type': 'object', 'properties': { n: { type: 'integer' } }, 'x-kubernetes-validations': [{ rule: 'type(self.n) == int && self.n + 1 == 3' }] };
    expect(celIssues(schema, { n: 2 })).toEqual([]);
  });

  test('the property `namespace` is `__namespace__` (parentRef distinctness)', () => {
    const refs = (ns1: string, ns2: string) => route({
      parentRefs: [
        { name: 'gw', namespace: ns1, sectionName: 'a' }, { name: 'gw', namespace: ns2, sectionName: 'a' },
      ],
    });
    expect(ManifestValidator.validateObjects([refs('one', 'two')])).toEqual([]);
    const r = ManifestValidator.validateObjects([refs('one', 'one')]);
    expect(r.map(x => [x.path, x.message])).toEqual([
      ['spec.parentRefs', 'Invalid value: "array": sectionName must be unique when parentRefs includes 2 or more references to the same parent'],
    ]);
    expect(r[0].rule).toContain('p1.__namespace__ == p2.__namespace__');
  });

  test('property names are escaped as Kubernetes does', () => {
    expect(['namespace', 'in', 'a.b', 'x-y', 'a/b', 'a__b', '1x', 'ok'].map(escapePropertyName)).toEqual(
      ['__namespace__', '__in__', 'a__dot__b', 'x__dash__y', 'a__slash__b', 'a__underscores__b', undefined, 'ok']);
  });

  test('map keys (labels) are not escaped; list-map uniqueness is also enforced by CEL for listeners', () => {
    const gw = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'gw', namespace: 'ns' },
      spec: {
        gatewayClassName: 'gc',
        listeners: [{ name: 'a', port: 80, protocol: 'HTTP' }, { name: 'a', port: 81, protocol: 'HTTP' }],
        infrastructure: { labels: { 'example.com/team': 'edge', 'in': 'x' } },
      },
    };
    expect(ManifestValidator.validateObjects([gw]).map(r => [r.path, r.message])).toEqual([
      ['spec.listeners[1]', 'Duplicate value: map[string]interface {}{"name":"a"}'],
      ['spec.listeners', 'Invalid value: "array": Listener name must be unique within the Gateway'],
    ]);
  });

  test('a rule that errors is a violation, reported like the API server', () => {
    const schema: SchemaNode = {
      'type': 'object',
      'properties': { a: { type: 'string' } },
      'x-kubernetes-validations': [{ rule: "self.a == 'x'", message: 'a must be x' }],
    };
    expect(celIssues(schema, {})).toEqual([
      { path: '', message: 'Invalid value: "object": no such key: a evaluating rule: a must be x', rule: "self.a == 'x'" },
    ]);
  });

  test('messageExpression, reason and fieldPath', () => {
    const schema: SchemaNode = {
      type: 'object',
      properties: {
        spec: {
          'type': 'object',
          'properties': { n: { type: 'integer' } },
          'x-kubernetes-validations': [
            { rule: 'self.n < 3', messageExpression: "'n is ' + string(self.n)", fieldPath: '.n', reason: 'FieldValueForbidden' },
            { rule: 'self.n < 2', messageExpression: "''", message: 'fallback' },
            { rule: 'self.n < 1' },
          ],
        },
      },
    };
    expect(celIssues(schema, { spec: { n: 5 } })).toEqual([
      { path: 'spec.n', message: 'Forbidden: n is 5', rule: 'self.n < 3' },
      { path: 'spec', message: 'Invalid value: "object": fallback', rule: 'self.n < 2' },
      { path: 'spec', message: 'Invalid value: "object": failed rule: self.n < 1', rule: 'self.n < 1' },
    ]);
  });

  test('transition rules (oldSelf) are skipped', () => {
    const gc = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'gc' },
      spec: { controllerName: 'example.com/gateway-controller' },
    };
    expect(ManifestValidator.validateObjects([gc])).toEqual([]);
  });

  test('rules on the root see only metadata.name and generateName', () => {
    const schema: SchemaNode = {
      'type': 'object',
      'properties': { metadata: { type: 'object' } },
      'x-kubernetes-validations': [{ rule: "self.metadata.name == 'a' && !has(self.metadata.namespace)" }],
    };
    expect(celIssues(schema, { metadata: { name: 'a', namespace: 'ns' } })).toEqual([]);
  });
});

describe('Kubernetes CEL libraries', () => {
  test('isIP (TLSRoute hostnames)', () => {
    const tls = (hostnames: string[]) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'TLSRoute',
      metadata: { name: 't', namespace: 'ns' },
      spec: { hostnames, rules: [{ backendRefs: [{ name: 'svc', port: 443 }] }] },
    });
    expect(ManifestValidator.validateObjects([tls(['a.example.com'])])).toEqual([]);
    expect(ManifestValidator.validateObjects([tls(['1.2.3.4'])])).toEqual([
      {
        kind: 'TLSRoute',
        namespace: 'ns',
        name: 't',
        path: 'spec.hostnames',
        message: 'Invalid value: "array": Hostnames cannot contain an IP',
        rule: 'self.all(h, !isIP(h))',
        code: 'cel',
        severity: ValidationSeverity.ERROR,
        documentIndex: 0,
      },
    ]);
    expect(run('isIP(self)', '::1')).toBe(true);
    expect(run('isIP(self)', 'fe80::1%eth0')).toBe(false);
    expect(run('isIP(self)', '::ffff:1.2.3.4')).toBe(false);
    expect(run('isIP(self)', '01.2.3.4')).toBe(false);
  });

  test('format.dns1123Label().validate() returns an optional, as in Kubernetes', () => {
    expect(run('format.dns1123Label().validate(self).hasValue()', 'my-name')).toBe(false);
    expect(run('format.dns1123Label().validate(self).hasValue()', 'My_Name')).toBe(true);
    expect(run('format.dns1123Label().validate(self).value().size() > 0', 'My_Name')).toBe(true);
    expect(run("format.named('dns1123Subdomain').value().validate(self).hasValue()", 'a.b')).toBe(false);
    expect(run("format.named('nope').hasValue()", '')).toBe(false);
    // An optional never equals null: the v1.6.1 XBackend rule is false for every non-empty name.
    expect(run('format.dns1123Label().validate(self) == null', 'my-name')).toBe(false);
  });

  test('XBackend port names are rejected like the API server does (upstream rule bug in v1.6.1)', () => {
    const backend = (name: string) => ({
      apiVersion: 'gateway.networking.x-k8s.io/v1alpha1',
      kind: 'XBackend',
      metadata: { name: 'b', namespace: 'ns' },
      spec: { type: 'ExternalHostname', externalHostname: { hostname: 'api.example.com' }, port: { name, port: 443 } },
    });
    const options = { channel: ReleaseChannel.EXPERIMENTAL };
    expect(ManifestValidator.validateObjects([backend('')], options)).toEqual([]);
    expect(ManifestValidator.validateObjects([backend('https')], options).map(r => [r.path, r.message])).toEqual([
      ['spec.port.name', 'Invalid value: "string": Name must be a valid DNS label'],
    ]);
  });

  test('strings extension and duration()', () => {
    expect(run("self.split('/')[0].size()", 'example.com/x')).toBe(11n);
    expect(run("duration(self) <= duration('1h')", '59m')).toBe(true);
  });

  test('RE2 syntax: (?i), raw strings, and dot semantics', () => {
    expect(run('self.matches(r"""^(?i)\\.?[a-z_][a-z_0-9]*$""")', 'Foo.Bar'.slice(3))).toBe(true);
    expect(run('self.matches(r"""^(?i)\\.?[a-z_][a-z_0-9]*$""")', '.MyService')).toBe(true);
    expect(re2Matcher('^a.b$')('a\rb')).toBe(true); // RE2's . matches \r; JavaScript's does not
    expect(re2Matcher('^a.b$')('a\nb')).toBe(false);
    expect(re2Matcher('^[]a]+$')(']a]')).toBe(true);
    expect(re2Matcher('^\\pL+$')('héllo')).toBe(true); // RE2-only syntax goes to the RE2 port
    expect(re2Matcher('^[A-Za-z0-9!#$%&\'*+\\-.^_\\x60|~]+$')('x-`')).toBe(true);
  });
});

describe('formats', () => {
  test('ipv4 / ipv6 like Go net.ParseIP, isIP like the Kubernetes IP library', () => {
    expect(['1.2.3.4', '255.255.255.255', '::', '::1', '2001:db8::8a2e:370:7334', '::ffff:1.2.3.4', '1:2:3:4:5:6:7:8'].every(isGoIp)).toBe(true);
    expect(['1.2.3', '01.2.3.4', '256.1.1.1', '1.2.3.4.5', ':::1', '1::2::3', '1:2:3:4:5:6:7:8:9', 'fe80::1%eth0', '', 'x'].some(isGoIp)).toBe(false);
    expect(STRING_FORMATS.ipv4('::ffff:1.2.3.4')).toBe(true);
    expect(STRING_FORMATS.ipv6('1.2.3.4')).toBe(false);
    expect(isKubernetesIp('::ffff:1.2.3.4')).toBe(false);
    expect(isKubernetesIp('2001:db8::1')).toBe(true);
  });
});

describe('compilation', () => {
  test('each distinct rule is compiled once per process', () => {
    const objects = Array.from({ length: 50 }, (_, i) => route({
      hostnames: [`h${i}.example.com`],
      rules: [{ matches: [{ path: { type: 'Exact', value: `/p${i}` } }], backendRefs: [{ name: 'svc', port: 80 }] }],
    }));
    // (a node's rules are compiled by @bufbuild/cel once its verdicts are cached, after its first evaluations)
    ManifestValidator.validateObjects(objects, { crossObject: false });
    const count = compiledExpressionCount();
    expect(ManifestValidator.validateObjects(objects, { crossObject: false })).toEqual([]);
    expect(ManifestValidator.validateObjects(objects, { gatewayApiVersion: GatewayApiVersion.V1_5_1, crossObject: false })).toEqual([]);
    expect(compiledExpressionCount()).toBeLessThanOrEqual(count + 5);
    expect(compileExpression('self.a == 1')).toBe(compileExpression('self.a == 1'));
  });
});
