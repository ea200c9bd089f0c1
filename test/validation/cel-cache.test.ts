import * as fs from 'fs';
import * as path from 'path';
import { parse } from '@bufbuild/cel';
import * as YAML from 'yaml';
import { ReleaseChannel } from '../../src/core/channel';
import { GatewayApiVersion, ImplementationCrds, ManifestValidator, ValidationOptions, ValidationResult } from '../../src/validation';
import { loadCrdSet } from '../../src/validation/catalog';
import { CelValidator, celCacheStats, clearCelCache, escapePropertyName, setCelCacheEnabled, setCelLiteEnabled } from '../../src/validation/cel';
import { analyzeSelf, KeyWriter, Projector } from '../../src/validation/cel-deps';
import { Issue } from '../../src/validation/errors';
import { SchemaNode } from '../../src/validation/schema';
import { SHARED, testWithShared } from '../support/shared-data';

/*
 * The CEL verdict cache: a node's rules are evaluated once per distinct key of what they observe
 * of the value. A cached verdict must be exactly the verdict an evaluation gives.
 */

afterEach(() => {
  setCelCacheEnabled(true);
  setCelLiteEnabled(true);
  clearCelCache();
});

/** Results with the cache off, then twice with it on (filling it, then from it). */
function bothWays<T>(run: () => T): { uncached: T; filling: T; cached: T } {
  setCelCacheEnabled(false);
  const uncached = run();
  setCelCacheEnabled(true);
  clearCelCache();
  const filling = run();
  const cached = run();
  return { uncached, filling, cached };
}

function celIssues(schema: SchemaNode, values: readonly unknown[]): Issue[][] {
  return values.map(v => {
    const out: Issue[] = [];
    new CelValidator(out).validateRoot(schema, JSON.parse(JSON.stringify(v)));
    return out;
  });
}

function route(spec: any, name = 'web'): any {
  return { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name, namespace: 'ns' }, spec };
}

/** A hand-written schema exercising what the key must capture. */
const ITEM: SchemaNode = {
  'type': 'object',
  'properties': {
    type: { type: 'string' },
    value: { type: 'string' },
    n: { type: 'integer' },
    x: { type: 'number' },
    opt: { type: 'object', properties: { a: { type: 'string' } }, nullable: true },
    list: { type: 'array', items: { type: 'object', properties: { k: { type: 'string' }, v: { type: 'string' } } } },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    namespace: { type: 'string' },
  },
  'x-kubernetes-validations': [
    { rule: "self.type == 'A' ? has(self.value) : true", message: 'A needs a value' },
    { rule: "!has(self.opt) || self.opt.a != 'bad'", messageExpression: "'opt.a is ' + self.opt.a", fieldPath: '.opt.a', reason: 'FieldValueForbidden' },
    { rule: 'self.n < 10', messageExpression: "'n is ' + string(self.n)", reason: 'FieldValueRequired' },
    { rule: "self.list.filter(i, i.k == 'dup').size() <= 1", message: 'one dup at most' },
    { rule: "size(self.list) == 0 || self.list[0].k != 'first'", message: 'not first' },
    { rule: 'self.list.all(a, self.list.exists_one(b, a.k == b.k))', reason: 'FieldValueDuplicate' },
    { rule: "!('x' in self.labels) || self.labels.size() < 3", message: 'labels' },
    { rule: "!has(self.__namespace__) || self.__namespace__ != 'kube-system'", message: 'namespace' },
    { rule: 'self.x > 0.5', message: 'x' },
    { rule: 'self.missing == 1' },
    { rule: 'this is not CEL (' },
  ],
};

const SCHEMA: SchemaNode = {
  type: 'object',
  properties: { spec: { type: 'object', properties: { items: { type: 'array', items: ITEM } } } },
};

const ITEMS: any[] = [
  { type: 'A', value: 'v', n: 1, x: 1, list: [], labels: {} },
  { type: 'A', value: 'other', n: 1, x: 1, list: [], labels: {} },
  { type: 'A', n: 1, x: 1, list: [], labels: {} },
  { type: 'B', n: 1, x: 1, list: [], labels: {} },
  { type: 'A', value: 'v', n: 12, x: 1, list: [], labels: {} },
  { type: 'A', value: 'v', n: 13, x: 1, list: [], labels: {} },
  { type: 'A', value: 'v', n: 1, x: 0.25, list: [], labels: {} },
  { type: 'A', value: 'v', n: 1, x: 1, opt: { a: 'bad' }, list: [], labels: {} },
  { type: 'A', value: 'v', n: 1, x: 1, opt: null, list: [], labels: {} },
  { type: 'A', value: 'v', n: 1, x: 1, opt: {}, list: [], labels: {} },
  { type: 'A', value: 'v', n: 1, x: 1, list: [{ k: 'dup', v: '1' }, { k: 'dup', v: '2' }], labels: {} },
  { type: 'A', value: 'v', n: 1, x: 1, list: [{ k: 'dup', v: '3' }, { k: 'other', v: '4' }], labels: {} },
  { type: 'A', value: 'v', n: 1, x: 1, list: [{ k: 'first' }], labels: {} },
  { type: 'A', value: 'v', n: 1, x: 1, list: [{ k: 'b' }, { k: 'first' }], labels: {} },
  { type: 'A', value: 'v', n: 1, x: 1, list: [], labels: { x: '1', y: '2', z: '3' } },
  { type: 'A', value: 'v', n: 1, x: 1, list: [], labels: { y: '2', x: '1', z: '3' } },
  { type: 'A', value: 'v', n: 1, x: 1, list: [], labels: { a: '1', y: '2', z: '3' } },
  { type: 'A', value: 'v', n: 1, x: 1, list: [], labels: {}, namespace: 'kube-system' },
  { type: 'A', value: 'v', n: 1, x: 1, list: [], labels: {}, namespace: 'default' },
  { type: 'A', value: 'v', n: 1, list: [], labels: {} },
  { type: 'A', value: 'v', x: 1, list: [], labels: {} },
  { type: 'A', value: 'v', n: 1, x: 1, labels: {} },
  { type: 'A', value: 'v', n: 1, x: 1, list: [] },
];

describe('a cached verdict is the verdict an evaluation gives', () => {
  test('repeated and differing nodes of a hand-written schema (messages, reasons, fieldPath, errors)', () => {
    // every item alone, then all of them together, in both orders, twice
    const values = [
      ...ITEMS.map(item => ({ spec: { items: [item] } })),
      { spec: { items: ITEMS } },
      { spec: { items: [...ITEMS].reverse() } },
      { spec: { items: [...ITEMS, ...ITEMS] } },
    ];
    const { uncached, filling, cached } = bothWays(() => celIssues(SCHEMA, values));
    expect(filling).toStrictEqual(uncached);
    expect(cached).toStrictEqual(uncached);
    // the results are not trivial: each rule, the error and the compile error are reported
    const messages = new Set(uncached.flat().map(i => i.message.replace(/ \(.*\)/, '')));
    expect(messages.size).toBeGreaterThanOrEqual(10);
    expect(uncached.flat()).toContainEqual({ path: 'spec.items[0].opt.a', message: 'Forbidden: opt.a is bad', rule: "!has(self.opt) || self.opt.a != 'bad'" });
    expect(uncached.flat()).toContainEqual({ path: 'spec.items[0]', message: 'Required value: n is 12', rule: 'self.n < 10' });
    // the cache was used: far fewer entries than nodes evaluated
    expect(celCacheStats().entries).toBeLessThan(ITEMS.length + 2);
  });

  test('HTTPRoutes with repeated and differing matches, filters and backends', () => {
    const routes: any[] = [];
    const paths = ['/', '/api', '/a//b', '/a/./b', 'no-slash', '/x%2fy', '/ok#frag'];
    for (let i = 0; i < 60; i++) {
      const p = paths[i % paths.length];
      const rule: any = {
        matches: [{ path: { type: i % 5 === 0 ? 'Exact' : 'PathPrefix', value: p }, headers: [{ name: 'x-v', value: `v${i % 3}` }] }],
        backendRefs: [{ name: `svc-${i}`, port: 80, weight: i }],
      };
      if (i % 4 === 1) rule.filters = [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } } }];
      if (i % 6 === 2) rule.filters = [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath', replacePrefixMatch: '/x' } } }];
      if (i % 7 === 3) rule.filters = [{ type: 'CORS', cors: { allowOrigins: [`https://a${i}.example.com`, '*'] } }, { type: 'CORS', cors: { allowOrigins: ['*'] } }];
      if (i % 9 === 4) rule.timeouts = { request: '1s', backendRequest: `${i}s` };
      if (i % 8 === 5) delete rule.backendRefs[0].port;
      const parentRefs = [{ name: `gw-${i % 4}` }, ...(i % 10 === 6 ? [{ name: `gw-${i % 4}`, sectionName: 'a' }] : [])];
      routes.push(route({ parentRefs, rules: [rule, ...(i % 11 === 7 ? [rule, rule] : [])] }, `r${i}`));
    }
    const options: ValidationOptions = { crossObject: false };
    const { uncached, filling, cached } = bothWays(() => routes.map(r => ManifestValidator.validateObjects([r], options)));
    expect(filling).toStrictEqual(uncached);
    expect(cached).toStrictEqual(uncached);
    expect(uncached.filter(r => r.some(x => x.code === 'cel')).length).toBeGreaterThan(20);
  });

  test('root rules (metadata binding) are evaluated, not cached', () => {
    const schema: SchemaNode = {
      'type': 'object',
      'properties': { metadata: { type: 'object' }, spec: { type: 'object', properties: { a: { type: 'string' } } } },
      'x-kubernetes-validations': [
        { rule: "self.metadata.name == 'a' && !has(self.metadata.namespace)", message: 'name' },
        { rule: '!has(self.spec.a) || self.spec.a == self.metadata.name', message: 'a' },
      ],
    };
    const values = [
      { metadata: { name: 'a', namespace: 'ns' }, spec: { a: 'a' } },
      { metadata: { name: 'b', namespace: 'ns' }, spec: { a: 'a' } },
      { metadata: { name: 'a' }, spec: { a: 'b' } },
    ];
    const { uncached, filling, cached } = bothWays(() => celIssues(schema, values));
    expect(filling).toStrictEqual(uncached);
    expect(cached).toStrictEqual(uncached);
    expect(uncached.map(r => r.map(i => i.message))).toEqual([[], ['Invalid value: "object": name', 'Invalid value: "object": a'], ['Invalid value: "object": a']]);
    expect(celCacheStats().entries).toBe(0);
  });

  testWithShared('every upstream example, valid and invalid, gives the same results', () => {
    const files = (dir: string): string[] => (!fs.existsSync(dir) ? [] : fs.readdirSync(dir, { withFileTypes: true })
      .flatMap(e => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.yaml') ? [path.join(dir, e.name)] : [])));
    let compared = 0;
    for (const version of [GatewayApiVersion.V1_6_1, GatewayApiVersion.V1_5_1]) {
      const objects = files(path.join(SHARED, version, 'examples'))
        .flatMap(f => YAML.parseAllDocuments(fs.readFileSync(f, 'utf8')).map(d => d.toJS()))
        .filter(o => o && o.kind !== 'Namespace');
      const options: ValidationOptions = { gatewayApiVersion: version, channel: ReleaseChannel.EXPERIMENTAL, crossObject: false };
      const { uncached, filling, cached } = bothWays(() => objects.map(o => ManifestValidator.validateObjects([o], options)));
      expect(filling).toStrictEqual(uncached);
      expect(cached).toStrictEqual(uncached);
      compared += objects.length;
    }
    expect(compared).toBeGreaterThan(200);
  });

  test('random objects of every CRD (implementations too), cache on and off', () => {
    let seed = 42;
    const rnd = (): number => {
      seed = (seed * 48271) % 2147483647; // Park-Miller
      return seed / 2147483647;
    };
    const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
    const STRINGS = ['', '*', '/', '/a', '//a', 'a', 'Service', 'Gateway', 'HTTPRoute', 'gateway.networking.k8s.io', 'Exact', 'JSON', 'Value', '10s', '0s', '2h', '1.2.3.4', 'HTTP', 'TLS'];
    const gen = (s: SchemaNode | undefined, depth: number): unknown => {
      if (!s) return pick(STRINGS);
      if (s.enum && rnd() < 0.9) return pick(s.enum);
      if (s.format === 'duration' && rnd() < 0.7) return pick(['1s', '10s', '0s', '2h']);
      switch (s.type) {
        case 'object': {
          const o: any = {};
          for (const [k, p] of Object.entries(s.properties ?? {})) {
            if ((s.required ?? []).includes(k) || (depth < 6 && rnd() < 0.35)) o[k] = gen(p, depth + 1);
          }
          return o;
        }
        case 'array': {
          const a = Array.from({ length: depth > 6 ? 0 : Math.floor(rnd() * 3) }, () => gen(s.items, depth + 1));
          if (a.length > 0 && rnd() < 0.2) a.push(JSON.parse(JSON.stringify(a[0])));
          return a;
        }
        case 'integer': return pick([0, 1, -1, 80, 65535]);
        case 'number': return pick([0, 1.5, 100]);
        case 'boolean': return rnd() < 0.5;
        default: return s['x-kubernetes-int-or-string'] && rnd() < 0.5 ? pick([0, 80]) : pick(STRINGS);
      }
    };
    const setups: [string, ValidationOptions][] = [
      ['gateway-api-v1.6.1-experimental', { channel: ReleaseChannel.EXPERIMENTAL }],
      ['envoy-gateway-v1.9.0', { implementations: [ImplementationCrds.ENVOY_GATEWAY_V1_9_0] }],
      ['nginx-gateway-fabric-v2.6.7', { implementations: [ImplementationCrds.NGINX_GATEWAY_FABRIC_V2_6_7] }],
    ];
    let violations = 0;
    for (const [id, options] of setups) {
      const objects: any[] = [];
      for (const crd of loadCrdSet(id).crds) {
        for (const v of crd.versions) {
          if (!v.served || !v.schema) continue;
          for (let i = 0; i < 25; i++) {
            objects.push({ ...(gen(v.schema, 0) as object), apiVersion: `${crd.group}/${v.name}`, kind: crd.kind, metadata: { name: `o${i % 3}`, namespace: 'ns' } });
          }
        }
      }
      const validate = (o: any): ValidationResult[] => ManifestValidator.validateObjects([o], { ...options, crossObject: false });
      const { uncached, filling, cached } = bothWays(() => objects.map(validate));
      expect(filling).toStrictEqual(uncached);
      expect(cached).toStrictEqual(uncached);
      violations += uncached.filter((r: ValidationResult[]) => r.some(x => x.code === 'cel')).length;
    }
    expect(violations).toBeGreaterThan(100);
  });
});

describe('keys', () => {
  /** The key's atoms (a copy), undefined when the value is not keyed. */
  const keyOf = (rules: string[], schema: SchemaNode, value: unknown, max = 10_000): unknown[] | undefined => {
    const writer = new KeyWriter(max);
    return writer.key(new Projector(analyzeSelf(rules.map(r => parse(r).expr)), schema, escapePropertyName), value) ? [...writer.atoms] : undefined;
  };

  test('what a rule does not observe is not in the key', () => {
    const rules = ["!(has(self.cors) && self.type != 'CORS')", "self.filter(f, f.type == 'CORS').size() <= 1"];
    const a = keyOf([rules[0]], ITEM, { type: 'CORS', cors: { allowOrigins: ['https://a.example.com'] } });
    const b = keyOf([rules[0]], ITEM, { type: 'CORS', cors: { allowOrigins: ['https://b.example.com'] } });
    expect(a).toEqual(b);
    const list: SchemaNode = { type: 'array', items: ITEM };
    expect(keyOf([rules[1]], list, [{ type: 'CORS', value: 'a' }, { type: 'B' }])).toEqual(keyOf([rules[1]], list, [{ type: 'CORS', value: 'b' }, { type: 'B', n: 1 }]));
  });

  test('what a rule observes is in the key', () => {
    const differ = (rules: string[], schema: SchemaNode, a: unknown, b: unknown): void => {
      expect(keyOf(rules, schema, a)).not.toEqual(keyOf(rules, schema, b));
    };
    differ(['has(self.opt)'], ITEM, { opt: null }, { opt: {} }); // null is absent for has()
    differ(['has(self.opt)'], ITEM, {}, { opt: {} });
    differ(['self.type == "A"'], ITEM, { type: 'A' }, { type: 'B' });
    differ(['self.type == "A"'], ITEM, { type: 'A' }, {}); // a missing key is an error
    differ(['self.n == 1'], ITEM, { n: 1 }, { n: '1' });
    differ(['self.x == 0.0'], ITEM, { x: 0 }, { x: -0 });
    differ(['self.list.size() > 1'], ITEM, { list: [{}] }, { list: [{}, {}] });
    differ(['self.list[1].k == "a"'], ITEM, { list: [{ k: 'a' }] }, { list: [{ k: 'a' }, { k: 'a' }] });
    differ(['self.list.all(i, i.k == "a")'], ITEM, { list: [{ k: 'a' }, { k: 'b' }] }, { list: [{ k: 'b' }, { k: 'a' }] });
    differ(['self.labels.size() == 1'], ITEM, { labels: { a: '1' } }, { labels: { a: '1', b: '2' } });
    differ(['self.labels.all(k, k != "a")'], ITEM, { labels: { a: '1', b: '2' } }, { labels: { b: '2', a: '1' } }); // map order
    differ(['self.opt.a == "x"'], ITEM, { opt: { a: 'x' } }, { opt: [] }); // a list where a map is read
    differ(['has(self.__namespace__)'], ITEM, { namespace: 'a' }, { namespace: null });
    differ(['self.list.exists(i, i == {"k": "a"})'], ITEM, { list: [{ k: 'a' }] }, { list: [{ k: 'a', v: 'b' }] }); // an element compared whole
    // map() reads only what its expression reads
    expect(keyOf(['self.list.map(i, i.k).size() > 0'], ITEM, { list: [{ k: 'a' }] })).toEqual(keyOf(['self.list.map(i, i.k).size() > 0'], ITEM, { list: [{ k: 'a', v: 'b' }] }));
  });

  test('a key longer than the limit, or of a value that is not plain JSON, is not made', () => {
    expect(keyOf(['self.type == "A"'], ITEM, { type: 'A'.repeat(100) }, 50)).toBeUndefined();
    expect(keyOf(['self.type == "A"'], ITEM, { type: 'A' }, 50)).toBeDefined();
    expect(keyOf(['self.opt == null'], ITEM, { opt: new Date(0) })).toBeUndefined();
    expect(keyOf(['self.list.all(i, has(i.k))'], ITEM, { list: [, { k: 'a' }] })).toBeUndefined(); // eslint-disable-line no-sparse-arrays
  });
});

describe('memory', () => {
  test('the cache of a node is bounded', () => {
    const schema: SchemaNode = {
      type: 'object',
      properties: { spec: { 'type': 'object', 'properties': { a: { type: 'string' } }, 'x-kubernetes-validations': [{ rule: "self.a != 'x'" }] } },
    };
    clearCelCache();
    for (let i = 0; i < 1500; i++) new CelValidator([]).validateRoot(schema, { spec: { a: `value-${i}` } });
    // the first 2 values are evaluated without a cache; of the 1,498 keys after them, the node's
    // cache keeps 1,000, then starts again for the other 498
    expect(celCacheStats().entries).toBe(498);
    const out: Issue[] = [];
    new CelValidator(out).validateRoot(schema, { spec: { a: 'x' } });
    expect(out).toEqual([{ path: 'spec', message: "Invalid value: \"object\": failed rule: self.a != 'x'", rule: "self.a != 'x'" }]);
  });
});
