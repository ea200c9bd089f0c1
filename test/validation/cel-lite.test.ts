import * as fs from 'fs';
import * as path from 'path';
import { parse } from '@bufbuild/cel';
import { ReleaseChannel } from '../../src/core/channel';
import { GatewayApiVersion, ManifestValidator, ValidationOptions } from '../../src/validation';
import { dataSetIds, loadCrdSet } from '../../src/validation/catalog';
import { CelValidator, escapePropertyName, setCelCacheEnabled, setCelLiteEnabled } from '../../src/validation/cel';
import { analyzeSelf } from '../../src/validation/cel-deps';
import { litePasses } from '../../src/validation/cel-lite';
import { analyzeSelfLite } from '../../src/validation/cel-lite-deps';
import { LiteNode, parseLite, Unsupported } from '../../src/validation/cel-lite-parse';
import { liteProgram } from '../../src/validation/cel-lite-program';
import { Issue } from '../../src/validation/errors';
import { SchemaNode } from '../../src/validation/schema';
import { describeWithShared, SHARED } from '../support/shared-data';

/*
 * The fast path of CEL evaluation (cel-lite.ts) may only say "passes" where @bufbuild/cel says
 * so too: every case below is evaluated both ways, and wherever the fast path passes a rule,
 * @bufbuild/cel (fast path off, no cache) must pass it. Then whole validations, with the fast
 * path on and off, must give the same results.
 */

afterEach(() => {
  setCelLiteEnabled(true);
  setCelCacheEnabled(true);
});

const NODE: SchemaNode = {
  type: 'object',
  properties: {
    's': { type: 'string' },
    'n': { type: 'integer' },
    'd': { type: 'number' },
    't': { type: 'string' },
    'l': { type: 'array', items: { type: 'string' } },
    'o': { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } }, nullable: true },
    'm': { type: 'object', additionalProperties: { type: 'string' } },
    'f': { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true } as SchemaNode,
    'namespace': { type: 'string' },
    'x-y': { type: 'string' },
  },
};

function withRule(rule: string): SchemaNode {
  return { ...NODE, 'x-kubernetes-validations': [{ rule }] };
}

/** @bufbuild/cel's verdict: the rule passes on the value (no issue). */
function celPasses(node: SchemaNode, value: unknown): boolean {
  setCelLiteEnabled(false);
  setCelCacheEnabled(false);
  try {
    const out: Issue[] = [];
    const root: SchemaNode = { type: 'object', properties: { x: node } };
    new CelValidator(out).validateRoot(root, { x: JSON.parse(JSON.stringify(value)) });
    return out.length === 0;
  } finally {
    setCelLiteEnabled(true);
    setCelCacheEnabled(true);
  }
}

/** [rule, value, the fast path passes it] */
const CASES: ReadonlyArray<readonly [string, unknown, boolean]> = [
  ["self.s == 'a'", { s: 'a' }, true],
  ["self.s == 'a'", { s: 'b' }, false],
  ["self.s == 'a'", {}, false],
  ["has(self.s) && self.s.startsWith('a')", { s: 'abc' }, true],
  ["!has(self.o) || self.o.a != 'bad'", { o: { a: 'ok' } }, true],
  ["!has(self.o) || self.o.a != 'bad'", {}, true],
  ["!has(self.o) || self.o.a != 'bad'", { o: { a: 'bad' } }, false],
  ["!has(self.o) || self.o.a != 'bad'", { o: null }, false],
  ["!has(self.o) || self.o.a != 'bad'", { o: {} }, false],
  ["has(self.o) && self.o.a == 'x'", { o: {} }, false],
  ['self.n < 10', { n: 3 }, true],
  ['self.n < 10', { n: 30 }, false],
  ["self.n == 'a'", { n: 3 }, false],
  ['self.n == 3 && self.n != 4 && self.n >= 3 && self.n <= 3 && self.n > 2', { n: 3 }, true],
  ['self.d > 0.5', { d: 1 }, false],
  ['self.d == 1', { d: 1 }, false],
  ['size(self.l) == 2 && self.l.size() == 2', { l: ['a', 'b'] }, true],
  ['self.l.all(x, x.size() < 5)', { l: ['a', 'bcd'] }, true],
  ['self.l.all(x, x.size() < 2)', { l: ['a', 'bcd'] }, false],
  ["self.l.all(x, x == 'a' || self.missing)", { l: ['a'] }, true],
  ["self.l.all(x, x == 'a' && self.missing)", { l: ['a'] }, false],
  ["self.l.exists(x, x == 'b')", { l: ['a', 'b'] }, true],
  ["self.l.exists(x, x == 'c')", { l: ['a', 'b'] }, false],
  ["self.l.exists_one(x, x == 'a')", { l: ['a', 'b'] }, true],
  ["self.l.exists_one(x, x == 'a')", { l: ['a', 'a'] }, false],
  ["self.l.filter(x, x == 'a').size() <= 1", { l: ['a', 'b'] }, true],
  ["self.l.filter(x, x == 'a').size() <= 1", { l: ['a', 'a'] }, false],
  ["self.l.map(x, x + '!').exists(y, y == 'a!')", { l: ['a'] }, true],
  ['self.l[1] == "b"', { l: ['a', 'b'] }, true],
  ['self.l[5] == "b"', { l: ['a', 'b'] }, false],
  ["self.m.all(k, k.matches('^[a-z.]+$'))", { m: { 'a.b': '1' } }, true],
  ["self.m.all(k, k.matches('^[a-z]+$'))", { m: { 'a.b': '1' } }, false],
  ["'a.b' in self.m && !('c' in self.m) && self.m['a.b'] == '1' && self.m.size() == 1", { m: { 'a.b': '1' } }, true],
  ["self.s in ['x', 'y']", { s: 'y' }, true],
  ["self.s in ['x', 'y']", { s: 'z' }, false],
  ["self.t == '' || duration(self.t) < duration('1h')", { t: '30m' }, true],
  ["!(duration(self.t) == duration('0s') || duration(self.t) > duration('1h'))", { t: '1h' }, true],
  ["!(duration(self.t) == duration('0s') || duration(self.t) > duration('1h'))", { t: '1h1ms' }, false],
  ["!(duration(self.t) == duration('0s') || duration(self.t) > duration('1h'))", { t: '0s' }, false],
  ["duration(self.t) < duration('1h')", { t: '1.5h' }, false],
  ["duration(self.t) == duration('10s')", { t: '010s' }, true],
  ["duration(self.t) == duration('1h')", { t: '0h59m60s' }, true],
  ["duration(self.t) == duration('2m')", { t: '1m1m' }, true],
  ["duration(self.t) == duration('1ms')", { t: '1000us' }, true],
  ["duration(self.t) == duration('1us')", { t: '1000ns' }, true],
  ["duration(self.t) > duration('1h')", { t: '999999999h' }, false],
  ["duration(self.t) > duration('1h')", { t: '' }, false],
  ["duration(self.t) < duration('1h')", { t: 'soon' }, false],
  ["self.s.split('/')[0].size() < 3", { s: 'ab/cde' }, true],
  ["self.s.contains('*') ? (self.s.startsWith('*.') && self.s.substring(2).endsWith('com')) : true", { s: '*.x.com' }, true],
  ["self.s.substring(5) == ''", { s: 'abc' }, false],
  ["self.s.split('/') == ['a', '', 'b'] && ''.split('/') == [''] && self.s.split('//').size() == 2", { s: 'a//b' }, true],
  ["self.s.substring(1, 2) == '\u00e9' && size(self.s) == 5", { s: 'h\u00e9llo' }, true],
  ["self.s.substring(1) == '\u{1F600}x'", { s: '\u{1F600}\u{1F600}x' }, false],
  ["self.s.matches('^(?i)abc$') && !self.s.matches('^ABD$')", { s: 'ABC' }, true],
  ["self.s.matches('a.c') && !self.s.matches('^a.c$')", { s: 'xa\u00e9cx' }, true],
  ['self.s.substring(1, 2) == "b"', { s: 'abc' }, true],
  ['self.n + 1 == 4 && self.n * 2 == 6 && self.n / 2 == 1 && self.n % 2 == 1 && -self.n == 0 - 3', { n: 3 }, true],
  ['self.n / 0 == 1', { n: 3 }, false],
  ['9223372036854775807 + self.n > 0', { n: 1 }, false],
  ["r'a\\b' == 'a\\\\b' && r\"\"\"x'y\"\"\" == \"x'y\"", {}, true],
  ['self.s.matches(r"""^[a-z]+$""")', { s: 'abc' }, true],
  ['self.s.matches(r"""^[a-z]+$""")', { s: 'ab1' }, false],
  ['self.s.matches("^\\\\pL+$")', { s: 'abc' }, true],
  ['self.s.matches("^\\\\pL+$")', { s: 'a1' }, false],
  ['[1, 2] + [3] == [1, 2, 3]', {}, true],
  ["isIP('1.2.3.4') && !isIP('01.2.3.4')", {}, true],
  ['size(self.s) == 1', { s: '\u{1F600}' }, true],
  ["self.s < 'b'", { s: '\u{1F600}' }, false],
  ["self.s < 'b'", { s: 'a' }, true],
  ['self.missing == 1 || true', {}, true],
  ['self.missing == 1 && false', {}, false],
  ["self.__namespace__ == 'x'", { namespace: 'x' }, true],
  ["self.__namespace__ == 'x'", { namespace: 'y' }, false],
  ["self.x__dash__y == 'a' && has(self.x__dash__y)", { 'x-y': 'a' }, true],
  ["self.x__dash__y == 'a'", { 'x-y': 'b' }, false],
  ['!has(self.o.zz) && !has(self.zz)', { o: { zz: 'pruned' }, zz: 1 }, true],
  ['self.o.zz == 1', { o: { zz: 1 } }, false],
  ["self.f.zz == 1 && self.f.a__b == 'c' && has(self.f.zz) && self.f.size() == 2", { f: { zz: 1, a__b: 'c' } }, true],
  ["self.f.zz == 1 && self.f['a__b'] == 'c' && has(self.f.zz) && self.f.size() == 2", { f: { zz: 1, a__b: 'c' } }, true],
  ['int(self.s) == 1', { s: '1' }, false],
  ["self.s == 'a' ? true : self.missing", { s: 'a' }, true],
  ["self.s == 'a' ? true : self.missing", { s: 'b' }, false],
  ['format.dns1123Label().validate(self.s) == null', { s: 'a' }, false],
  ['this is not CEL (', {}, false],
  ['self.l.all(x, x.size() < 5', { l: [] }, false],
];

describe('the fast path passes a rule only where @bufbuild/cel does', () => {
  test.each(CASES)('%s on %j', (rule, value, fast) => {
    const node = withRule(rule);
    const lite = litePasses(rule, node, JSON.parse(JSON.stringify(value)), escapePropertyName);
    expect(lite).toBe(fast);
    if (lite) expect(celPasses(node, value)).toBe(true);
  });

  test('operators parse with CEL\'s precedence and associativity', () => {
    const id = (name: string) => ({ k: 'id', name });
    expect(parseLite('a || b && c == d + e * f in g')).toEqual({
      k: 'or',
      a: id('a'),
      b: {
        k: 'and',
        a: id('b'),
        b: {
          k: 'bin',
          op: 'in',
          a: { k: 'bin', op: '==', a: id('c'), b: { k: 'bin', op: '+', a: id('d'), b: { k: 'bin', op: '*', a: id('e'), b: id('f') } } },
          b: id('g'),
        },
      },
    });
    expect(parseLite('a - b - c')).toEqual({ k: 'bin', op: '-', a: { k: 'bin', op: '-', a: id('a'), b: id('b') }, b: id('c') });
    expect(parseLite('!a.b ? c : d ? e : f')).toEqual({
      k: 'cond',
      c: { k: 'not', a: { k: 'sel', obj: id('a'), f: 'b' } },
      a: id('c'),
      b: { k: 'cond', c: id('d'), a: id('e'), b: id('f') },
    });
    expect(() => parseLite('a ? b')).toThrow(Unsupported);
    expect(() => parseLite('a.?b')).toThrow(Unsupported);
  });

  test('it parses every rule of the Gateway API CRDs', () => {
    const rules = new Set<string>();
    const seen = new Set<object>();
    const walk = (n: any): void => {
      if (!n || typeof n !== 'object' || seen.has(n)) return;
      seen.add(n);
      for (const r of n['x-kubernetes-validations'] ?? []) rules.add(r.rule);
      for (const v of Object.values(n)) walk(v);
    };
    for (const id of ['gateway-api-v1.6.1-experimental', 'gateway-api-v1.5.1-experimental']) loadCrdSet(id).crds.forEach(walk);
    const unparsed = [...rules].filter(r => {
      try {
        parseLite(r);
        return false;
      } catch {
        return true;
      }
    });
    expect(rules.size).toBeGreaterThan(80);
    expect(unparsed).toEqual([]);
  });
});

describe('what rules observe, found on the fast path\'s ASTs', () => {
  test('is what cel-deps.ts finds on @bufbuild/cel\'s, for every node of every shipped data set whose rules are in the subset', () => {
    let compared = 0;
    const seen = new Set<object>();
    const walk = (n: any): void => {
      if (!n || typeof n !== 'object' || seen.has(n)) return;
      seen.add(n);
      const rules: any[] = (n['x-kubernetes-validations'] ?? []).filter((r: any) => !/oldSelf/.test(r.rule));
      const texts = rules.flatMap(r => (r.messageExpression !== undefined ? [r.rule, r.messageExpression] : [r.rule]));
      const lite = texts.map(liteProgram);
      if (texts.length > 0 && lite.every(x => x !== null)) {
        const expected = analyzeSelf(texts.map(t => parse(t).expr));
        expect({ rules: texts, deps: analyzeSelfLite(lite as LiteNode[]) }).toEqual({ rules: texts, deps: expected });
        compared++;
      }
      for (const v of Object.values(n)) walk(v);
    };
    for (const id of dataSetIds()) loadCrdSet(id).crds.forEach(walk);
    expect(compared).toBeGreaterThan(100);
  });

  test('for the forms the shipped rules do not use', () => {
    const exprs = [
      'self.l.filter(x, x.a == 1)', 'size(self.l.filter(x, x.a == 1)) == 1', 'self.l.map(x, x.b)', 'self.l[2].c == self.m.all(k, k == "a")',
      '[self.a, self.b.c].exists(x, x == 1)', 'self.a.b.size() + size(self.c) > 0 && has(self.d.e) && self.l.exists_one(x, has(x.f))',
    ];
    for (const e of exprs) expect(analyzeSelfLite([liteProgram(e)!])).toEqual(analyzeSelf([parse(e).expr]));
  });
});

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap(e => (e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : e.name.endsWith('.yaml') ? [path.join(dir, e.name)] : []))
    .sort();
}

/** Results of validating a text with the fast path on, then off (no cache either way). */
function bothWays(text: string, options: ValidationOptions): { lite: unknown; cel: unknown } {
  setCelCacheEnabled(false);
  const lite = ManifestValidator.validateYaml(text, options);
  setCelLiteEnabled(false);
  const cel = ManifestValidator.validateYaml(text, options);
  return { lite, cel };
}

describeWithShared('the same results with and without the fast path', () => {
  for (const version of [GatewayApiVersion.V1_6_1, GatewayApiVersion.V1_5_1]) {
    test(`upstream examples of ${version}, valid and invalid, both channels`, () => {
      let findings = 0;
      for (const kind of ['valid', 'invalid']) {
        for (const folder of ['standard', 'experimental']) {
          const channel = folder === 'standard' ? ReleaseChannel.STANDARD : ReleaseChannel.EXPERIMENTAL;
          for (const file of yamlFiles(path.join(SHARED, version, 'examples', kind, folder))) {
            const { lite, cel } = bothWays(fs.readFileSync(file, 'utf8'), { gatewayApiVersion: version, channel, crossObject: false });
            expect({ file, results: lite }).toEqual({ file, results: cel });
            findings += (cel as unknown[]).length;
          }
        }
      }
      expect(findings).toBeGreaterThan(50);
    });
  }
});
