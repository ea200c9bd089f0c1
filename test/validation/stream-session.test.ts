import * as jsyaml from 'js-yaml';
import { CrdSet } from '../../src/validation/catalog';
import { ValidationSession } from '../../src/validation/validation-session';
import { ManifestValidator, ValidationResult, ValidationSeverity } from '../../src/validation/validator';

/*
 * Validation one object at a time (ValidationSession): results come back as each object is
 * added, and what stays for the cross-object checks is a few facts per object, never the object
 * or any part of it, whatever its size.
 */

const GROUP = 'gateway.networking.k8s.io';

/** Every object and array reachable from a value (shared CRD data left out; closures cannot be walked). */
function reachable(root: unknown): Set<object> {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v) || v instanceof CrdSet) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v)) continue;
    if (v instanceof Map) {
      for (const [k, x] of v) stack.push(k, x);
    } else if (v instanceof Set) {
      for (const x of v) stack.push(x);
    } else {
      for (const k of Object.getOwnPropertyNames(v)) stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return seen;
}

/** A route with `rules` rules, each with matches, filters and backends. */
function route(i: number, rules = 2): any {
  return {
    apiVersion: `${GROUP}/v1`,
    kind: 'HTTPRoute',
    metadata: { name: `r${i}`, namespace: 'shop', labels: { app: 'web' }, annotations: { note: `route ${i}` } },
    spec: {
      parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'http' }],
      hostnames: [`r${i}.example.com`],
      rules: Array.from({ length: rules }, (_, k) => ({
        matches: [{ path: { type: 'PathPrefix', value: `/p${k}` }, headers: [{ name: 'x-v', value: 'v2' }] }],
        filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-env', value: 'prod' }] } }],
        backendRefs: [{ name: `svc-${i}`, port: 8080 }],
      })),
    },
  };
}

function gateway(): any {
  return {
    apiVersion: `${GROUP}/v1`,
    kind: 'Gateway',
    metadata: { name: 'edge', namespace: 'infra' },
    spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] },
  };
}

/** The session after adding `n` routes of `rules` rules and a Gateway, and the objects added. */
function filled(n: number, rules: number, owned: boolean): { session: ValidationSession; objects: any[] } {
  const objects = [gateway(), ...Array.from({ length: n }, (_, i) => route(i, rules))];
  const session = new ValidationSession({}, position => objects[position]);
  for (const [documentIndex, obj] of objects.entries()) {
    expect(session.add({ obj, documentIndex }, owned)).toEqual([]);
  }
  return { session, objects };
}

describe('what a session keeps', () => {
  test.each([false, true])('no object added, nor any part of one, is reachable from it (decoded in place: %s)', owned => {
    const { session, objects } = filled(50, 3, owned);
    const parts = reachable(objects);
    parts.delete(objects);
    const kept = reachable(session);
    expect([...parts].filter(p => kept.has(p))).toEqual([]);
    expect(session.finish()).toEqual([]);
    expect([...parts].filter(p => reachable(session).has(p))).toEqual([]);
  });

  test('two small objects per route (its facts and its hostnames), whatever the number of its rules', () => {
    const size = (n: number, rules: number) => reachable(filled(n, rules, true).session).size;
    const base = size(100, 1);
    // one more route: its entry and its list of hostnames (parents and matches equal to the others' are shared)
    expect(size(200, 1) - base).toBe(2 * 100);
    // 16 rules per route (the most allowed) instead of 1: the 15 more match keys are kept once for all routes
    expect(size(100, 16) - base).toBe(15);
  });
});

describe('results as objects are added', () => {
  test('each object\'s results come back from add, cross-object ones from finish, with positions', () => {
    const session = new ValidationSession({}, () => undefined);
    const bad = route(1);
    bad.spec.rules[0].backendRefs[0].port = 70000;
    const orphan = route(2);
    orphan.spec.parentRefs[0].sectionName = 'https';
    expect(session.add({ obj: gateway(), documentIndex: 10 })).toEqual([]);
    expect(session.add({ obj: bad, documentIndex: 11 })).toEqual([{
      kind: 'HTTPRoute',
      namespace: 'shop',
      name: 'r1',
      path: 'spec.rules[0].backendRefs[0].port',
      message: 'Invalid value: 70000: spec.rules[0].backendRefs[0].port in body should be less than or equal to 65535',
      code: 'schema',
      severity: ValidationSeverity.ERROR,
      documentIndex: 11,
    }]);
    expect(session.add({ obj: orphan, documentIndex: 12 })).toEqual([]);
    expect(session.size).toBe(3);
    expect(session.finish()).toEqual([{
      position: 2,
      result: {
        kind: 'HTTPRoute',
        namespace: 'shop',
        name: 'r2',
        path: 'spec.parentRefs[0].sectionName',
        message: 'Gateway "infra/edge" has no listener named "https" (listeners: http)',
        code: 'section-not-found',
        severity: ValidationSeverity.ERROR,
        documentIndex: 12,
      },
    }]);
  });

  test('rollback forgets the objects added since a size: they take no part in the checks', () => {
    const session = new ValidationSession({}, () => undefined);
    const orphan = route(2);
    orphan.spec.parentRefs[0].sectionName = 'https';
    session.add({ obj: gateway(), documentIndex: 0 });
    session.add({ obj: orphan, documentIndex: 1 });
    session.rollback(1);
    expect(session.size).toBe(1);
    expect(session.finish()).toEqual([]);
    // the next object takes the forgotten position
    session.add({ obj: orphan, documentIndex: 1 });
    expect(session.finish().map(f => [f.position, f.result.code])).toEqual([[1, 'section-not-found']]);
  });

  test('an identity defined twice is compared through reread, and only then', () => {
    const objects = [gateway(), route(1), { ...route(1), spec: { ...route(1).spec, hostnames: ['other.example.com'] } }, route(3)];
    const reread = jest.fn((position: number) => objects[position]);
    const session = new ValidationSession({}, reread);
    objects.forEach((obj, documentIndex) => session.add({ obj, documentIndex }, true));
    expect(reread).not.toHaveBeenCalled();
    expect(session.finish().map(f => [f.position, f.result.code, f.result.message])).toEqual([[2, 'duplicate-object',
      'HTTPRoute "shop/r1" is defined 2 times with different content (documents 2, 3); applied in order only the last would remain, so cross-object checks skip it and the references to it']]);
    expect(reread.mock.calls).toEqual([[1], [2]]);
  });
});

describe('objects decoded in place give the results of objects copied first', () => {
  const text = `apiVersion: v1
kind: List
items:
- &first
  apiVersion: ${GROUP}/v1
  kind: HTTPRoute
  metadata: {name: twin, namespace: infra}
  spec:
    parentRefs: [{name: edge, namespace: infra}]
    rules:
    - matches: [{path: {value: /a}}]
      backendRefs: [{name: web, port: 70000}]
- *first
---
apiVersion: ${GROUP}/v1
kind: Gateway
metadata: {name: edge, namespace: infra}
spec:
  gatewayClassName: eg
  listeners:
  - {name: http, port: 80, protocol: HTTP}
  - {name: https, port: 443, protocol: HTTPS}
`;
  test('a list whose second item is an alias of the first: both validated alike', () => {
    const results = ManifestValidator.validateManifests(text);
    const strip = (r: ValidationResult) => ({ ...r, documentIndex: undefined });
    const port: ValidationResult = {
      kind: 'HTTPRoute',
      namespace: 'infra',
      name: 'twin',
      path: 'spec.rules[0].backendRefs[0].port',
      message: 'Invalid value: 70000: spec.rules[0].backendRefs[0].port in body should be less than or equal to 65535',
      code: 'schema',
      severity: ValidationSeverity.ERROR,
      documentIndex: 0,
    };
    const https: ValidationResult = {
      kind: 'Gateway',
      namespace: 'infra',
      name: 'edge',
      path: 'spec.listeners[1]',
      message: 'listener "https" has protocol HTTPS but no tls; an HTTPS listener must configure tls (mode Terminate with certificateRefs)',
      code: 'https-listener-without-tls',
      severity: ValidationSeverity.ERROR,
      documentIndex: 1,
    };
    expect(results).toEqual([port, port, https]);
    // the same objects, decoded by the caller and copied by the validator
    const twin = (jsyaml.load(text.split('---\n')[0]) as any).items[0];
    const gw = { apiVersion: `${GROUP}/v1`, kind: 'Gateway', metadata: { name: 'edge', namespace: 'infra' }, spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }, { name: 'https', port: 443, protocol: 'HTTPS' }] } };
    expect(ManifestValidator.validateObjects([twin, JSON.parse(JSON.stringify(twin)), gw]).map(strip)).toEqual([port, port, https].map(strip));
  });
});
