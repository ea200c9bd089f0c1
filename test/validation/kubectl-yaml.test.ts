import { expandKubectlList, MAX_NESTING_DEPTH, readManifest } from '../../src/validation/kubectl-yaml';
import { ManifestValidator } from '../../src/validation/validator';
import { parsePath, YamlPositionIndex } from '../../src/validation/yaml-positions';

/*
 * Manifests read as kubectl reads them (go-yaml v2 + sigs.k8s.io/yaml + apimachinery's
 * YAMLOrJSONDecoder). Expected values are written out from those sources' rules.
 */

/** The value of the only document of a text (fails on a read error). */
function one(text: string): unknown {
  const docs = readManifest(text).documents;
  expect(docs).toHaveLength(1);
  expect(docs[0].error).toBeUndefined();
  return docs[0].value;
}

/** The read error of the only document of a text. */
function errorOf(text: string): { offset: number; reason: string } {
  const docs = readManifest(text).documents;
  const bad = docs.find(d => d.error);
  expect(bad).toBeDefined();
  return { offset: bad!.error!.offset, reason: bad!.error!.reason };
}

describe('YAML 1.1 scalars (go-yaml v2 resolve.go)', () => {
  test('booleans: y, yes, on, n, no, off in their three spellings', () => {
    expect(one('a: y\nb: Y\nc: yes\nd: Yes\ne: YES\nf: on\ng: On\nh: ON\ni: true\n')).toStrictEqual(
      { a: true, b: true, c: true, d: true, e: true, f: true, g: true, h: true, i: true });
    expect(one('a: n\nb: N\nc: no\nd: No\ne: NO\nf: off\ng: Off\nh: OFF\ni: False\n')).toStrictEqual(
      { a: false, b: false, c: false, d: false, e: false, f: false, g: false, h: false, i: false });
    // not in the table: strings
    expect(one('a: oN\nb: yES\nc: nO\n')).toStrictEqual({ a: 'oN', b: 'yES', c: 'nO' });
  });

  test('integers in Go base-0 syntax, underscores removed', () => {
    expect(one('a: 0b101\nb: 0x1F\nc: 0o17\nd: 017\ne: 1_000\nf: -0x10\ng: +5\nh: 0B11\ni: -0\n')).toStrictEqual(
      { a: 5, b: 31, c: 15, d: 15, e: 1000, f: -16, g: 5, h: 3, i: 0 });
  });

  test('floats; 08 is not octal but a float; an overflowing exponent stays a string', () => {
    expect(one('a: 1e3\nb: .5\nc: -1.5\nd: 08\ne: 1.0\nf: 1e400\ng: 0x\nh: 1.2.3\n')).toStrictEqual(
      { a: 1000, b: 0.5, c: -1.5, d: 8, e: 1, f: '1e400', g: '0x', h: '1.2.3' });
  });

  test('null, timestamps and quoted scalars', () => {
    expect(one('a: ~\nb: null\nc:\nd: 2001-12-14\ne: "on"\nf: \'0x1F\'\ng: !!str 5\nh: |\n  yes\n')).toStrictEqual(
      { a: null, b: null, c: null, d: '2001-12-14', e: 'on', f: '0x1F', g: '5', h: 'yes\n' });
  });

  test('explicit tags: !!float takes an integer, !!int refuses text', () => {
    expect(one('a: !!float 3\nb: !!int "7"\nc: !!bool yes\n')).toStrictEqual({ a: 3, b: 7, c: true });
    expect(errorOf('a: !!int abc\n').reason).toBe('cannot decode !!str `abc` as a !!int');
  });

  test('NaN and infinities have no JSON form', () => {
    expect(errorOf('a: .nan\n').reason).toMatch(/unsupported value: NaN/);
    expect(errorOf('a: [-.inf]\n').reason).toMatch(/unsupported value: -Inf/);
    expect(errorOf('spec:\n  x: .Inf\n')).toEqual({ offset: 11, reason: 'error converting YAML to JSON: json: unsupported value: +Inf' });
  });
});

describe('map keys (sigs.k8s.io/yaml convertToJSONableObject)', () => {
  test('non-string keys become strings', () => {
    expect(one('on: 1\nno: 2\n0x1F: 3\n1.5: 4\n1e6: 5\n.inf: 6\n"on": 7\n')).toStrictEqual(
      { 'true': 1, 'false': 2, '31': 3, '1.5': 4, '1e+06': 5, '.inf': 6, 'on': 7 });
  });

  test('a null key and a collection key are refused', () => {
    expect(errorOf('~: 1\n').reason).toMatch(/unsupported map key/);
    expect(errorOf('? [a]\n: 1\n').reason).toMatch(/invalid map key/);
  });

  test('a repeated key is refused', () => {
    expect(errorOf('a: 1\nb: 2\na: 3\n')).toEqual({ offset: 10, reason: 'duplicated mapping key' });
  });
});

describe('merge keys (go-yaml v2 decoder.merge)', () => {
  test('one mapping: later keys of the mapping win over merged ones', () => {
    expect(one('base: &b {p: 1, q: 2}\nm:\n  <<: *b\n  q: 3\n')).toStrictEqual({ base: { p: 1, q: 2 }, m: { p: 1, q: 3 } });
  });

  test('a merge after a key overwrites it, as go-yaml v2 does', () => {
    expect(one('base: &b {x: 1, z: 2}\nm:\n  z: 3\n  <<: *b\n')).toStrictEqual({ base: { x: 1, z: 2 }, m: { z: 2, x: 1 } });
  });

  test('a sequence of mappings: earlier ones win', () => {
    expect(one('a: &a {k: a, p: 1}\nb: &b {k: b, q: 2}\nm:\n  <<: [*a, *b]\n')).toStrictEqual(
      { a: { k: 'a', p: 1 }, b: { k: 'b', q: 2 }, m: { k: 'a', p: 1, q: 2 } });
  });

  test('merging a scalar or a sequence alias is refused; a quoted << is a plain key', () => {
    expect(errorOf('a: &a [1]\nb:\n  <<: *a\n').reason).toBe('map merge requires map or sequence of maps as the value');
    expect(errorOf('b:\n  <<: 3\n').reason).toBe('map merge requires map or sequence of maps as the value');
    expect(one('b:\n  "<<": 3\n')).toStrictEqual({ b: { '<<': 3 } });
  });

  test('aliases are copies, not shared objects', () => {
    const v = one('a: &a {x: [1]}\nb: *a\n') as { a: { x: number[] }; b: { x: number[] } };
    expect(v.b).toStrictEqual({ x: [1] });
    expect(v.b).not.toBe(v.a);
    expect(v.b.x).not.toBe(v.a.x);
  });
});

describe('documents and JSON streams (apimachinery YAMLReader, YAMLOrJSONDecoder)', () => {
  test('YAML documents end at lines starting with ---; empty ones are skipped', () => {
    const r = readManifest('---\na: 1\n---\n---  # next\nb: 2\n');
    expect(r.json).toBe(false);
    expect(r.documents.map(d => d.value)).toStrictEqual([{ a: 1 }, { b: 2 }]);
  });

  test('text after a separator is refused', () => {
    expect(errorOf('a: 1\n--- b: 2\n')).toEqual({ offset: 5, reason: 'invalid Yaml document separator: b: 2' });
  });

  test('concatenated JSON objects are a stream of documents', () => {
    const r = readManifest('  {"kind": "A"}{"kind": "B"}\n{"kind": "C", "on": 1}');
    expect(r.json).toBe(true);
    expect(r.documents.map(d => d.value)).toStrictEqual([{ kind: 'A' }, { kind: 'B' }, { kind: 'C', on: 1 }]);
  });

  test('JSON is sniffed by its first character, not by file name: YAML stays YAML', () => {
    const r = readManifest('kind: A\nflag: on\n');
    expect(r.json).toBe(false);
    expect(r.documents[0].value).toStrictEqual({ kind: 'A', flag: true });
    // a JSON stream stops at its first error, with the offset of the bad character
    expect(readManifest('{"a": 1}\n{"a": }').documents.map(d => d.error?.offset ?? d.value)).toStrictEqual([{ a: 1 }, 15]);
  });
});

describe('lists (apimachinery unstructuredJSONScheme.decodeToList)', () => {
  test('any kind with items is a list; items without kind and apiVersion take the list\'s', () => {
    const list = one('apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRouteList\nitems:\n- metadata: {name: a}\n- kind: Gateway\n  metadata: {name: b}\n');
    expect(expandKubectlList(list)).toStrictEqual([
      { object: { metadata: { name: 'a' }, kind: 'HTTPRoute', apiVersion: 'gateway.networking.k8s.io/v1' }, itemPath: 'items[0]' },
      { object: { kind: 'Gateway', metadata: { name: 'b' } }, itemPath: 'items[1]' },
    ]);
  });

  test('items that are not a list of objects are refused, naming the list', () => {
    expect(expandKubectlList({ kind: 'HTTPRouteList', items: { a: 1 } })).toBe('HTTPRouteList: items must be a list of objects, not a mapping');
    expect(expandKubectlList({ kind: 'List', items: ['x'] })).toBe('List: items[0] must be an object, not a string');
    expect(expandKubectlList({ kind: 'HTTPRoute', metadata: {} })).toStrictEqual([{ object: { kind: 'HTTPRoute', metadata: {} }, itemPath: '' }]);
  });

  test('validateManifests reports a bad list as a problem of its document', () => {
    const results = ManifestValidator.validateManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\nkind: HTTPRouteList\nitems: {}\n');
    expect(results.map(r => [r.documentIndex, r.code, r.message])).toEqual([
      [1, 'yaml', 'invalid list: HTTPRouteList: items must be a list of objects, not a mapping'],
    ]);
  });
});

describe('limits', () => {
  /** "Billion laughs": 9 levels of 10 aliases, 10^9 nodes once expanded. */
  function aliasBomb(): string {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const p = String.fromCharCode(96 + i);
      const n = String.fromCharCode(97 + i);
      lines.push(`${n}: &${n} [*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p}]`);
    }
    return lines.join('\n') + '\n';
  }

  test('an alias bomb is refused quickly, like go-yaml ("excessive aliasing")', () => {
    const bomb = aliasBomb();
    expect(bomb.length).toBeLessThan(600);
    const t0 = Date.now();
    const e = errorOf(bomb);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(e.reason).toBe('document contains excessive aliasing');
  });

  test('moderate aliasing is expanded', () => {
    const text = 'x: &x [1, 2, 3]\n' + Array.from({ length: 50 }, (_, i) => `k${i}: *x`).join('\n') + '\n';
    const v = one(text) as Record<string, number[]>;
    expect(Object.keys(v)).toHaveLength(51);
    expect(v.k49).toStrictEqual([1, 2, 3]);
  });

  test('anchors must be defined before use and may not contain themselves', () => {
    expect(errorOf('a: *nope\n').reason).toBe("unknown anchor 'nope' referenced");
    expect(errorOf('a: &a [*a]\n').reason).toBe("anchor 'a' value contains itself");
  });

  const nestedFlow = (d: number) => 'a: ' + '['.repeat(d) + ']'.repeat(d) + '\n';
  const nestedBlock = (d: number) => Array.from({ length: d }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' 1\n';

  test(`nesting up to ${MAX_NESTING_DEPTH} levels is read, one more is refused`, () => {
    expect(one(nestedFlow(MAX_NESTING_DEPTH - 1))).toBeDefined();
    expect(errorOf(nestedFlow(MAX_NESTING_DEPTH)).reason).toMatch(/^exceeded max depth of 1000/);
    expect(errorOf(nestedBlock(MAX_NESTING_DEPTH + 1)).reason).toMatch(/^exceeded max depth of 1000/);
    const block = one(nestedBlock(MAX_NESTING_DEPTH)) as Record<string, unknown>;
    let depth = 0;
    for (let v: unknown = block; typeof v === 'object' && v !== null; v = (v as Record<string, unknown>).k) depth++;
    expect(depth).toBe(MAX_NESTING_DEPTH);
  });

  test('10,000 levels (kubectl\'s limit) give the limit error, not a stack overflow', () => {
    for (const text of [nestedFlow(10_000), '{"a": ' + '['.repeat(10_000) + ']'.repeat(10_000) + '}']) {
      const e = errorOf(text);
      expect(e.reason).toBe('exceeded max depth of 1000 (this validator\'s nesting limit; kubectl\'s is 10000)');
    }
    const results = ManifestValidator.validateManifests(nestedFlow(10_000));
    expect(results.map(r => [r.code, r.message.split(' at line')[0]])).toEqual([
      ['yaml', 'invalid YAML: exceeded max depth of 1000 (this validator\'s nesting limit; kubectl\'s is 10000)'],
    ]);
  });
});

describe('validateManifests sees what the API server sees', () => {
  test('`name: on` is the boolean true: "must be of type string"', () => {
    const results = ManifestValidator.validateManifests('apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: on\nspec:\n  controllerName: example.com/gc\n');
    expect(results.some(r => r.path === 'metadata.name' && /must be of type string/.test(r.message))).toBe(true);
    const quoted = ManifestValidator.validateManifests('apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: "on"\nspec:\n  controllerName: example.com/gc\n');
    expect(quoted).toEqual([]);
  });

  test('a merge key fills a route\'s fields', () => {
    const text = `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: gc
spec:
  <<: {controllerName: example.com/gc}
`;
    expect(ManifestValidator.validateManifests(text)).toEqual([]);
  });
});

describe('YamlPositionIndex', () => {
  const text = 'a:\n  on: 1\n  list:\n  - x\n  - {k: v}\n  0x1F: y\n  ref: *nope\n';
  const index = new YamlPositionIndex(text);
  const lineOf = (path: string) => text.slice(0, index.offsetOf(parsePath(path))).split('\n').length;

  test('keys are matched as kubectl converts them, items by position', () => {
    expect(lineOf('a.true')).toBe(2);
    expect(lineOf('a.list[1].k')).toBe(5);
    expect(lineOf('a.list[0]')).toBe(4);
    expect(lineOf('a[31]')).toBe(6);
  });

  test('the deepest existing node for a missing path; the root for an empty one', () => {
    expect(lineOf('a.list[7].k')).toBe(3);
    expect(lineOf('a.on')).toBe(1);
    expect(lineOf('')).toBe(1);
  });

  test('a document that does not parse has no positions', () => {
    expect(new YamlPositionIndex('a: [\n').offsetOf(['a'])).toBe(-1);
  });
});
