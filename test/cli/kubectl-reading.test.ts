import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Manifest } from '../../src/cli/manifests';
import { CliRun, runCli } from '../support/run-cli';

/*
 * `validate` reads files as `kubectl apply -f` does: bytes decoded as kubectl decodes them,
 * JSON or YAML by content, list kinds expanded, go-yaml's limits; and it locates problems in
 * linear time.
 */

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-kubectl-reading-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function run(argv: string[]): CliRun {
  return runCli(argv, { cwd: tmp });
}

function write(name: string, data: string | Buffer): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
  return name;
}

const CLASS = (name: string, controller = 'example.com/gc') =>
  `apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: ${name}\nspec:\n  controllerName: ${controller}\n`;

describe('encodings', () => {
  test('a Latin-1 byte is an error with the file and its byte offset (exit 2)', () => {
    const [before, after] = CLASS('a').replace('example.com/gc', 'example.com/caf|').split('|');
    const bytes = Buffer.concat([Buffer.from(before), Buffer.from([0xe9]), Buffer.from(after)]);
    const file = write('enc/latin1.yaml', bytes);
    const r = run(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(`${file}:6:34: invalid text: byte offset ${before.length}: invalid UTF-8 (0xE9): save the file as UTF-8 (kubectl would replace the byte with U+FFFD)`);
    expect(r.out).toBe('');
  });

  test('UTF-16 with a byte order mark is decoded, as kubectl does (little and big endian)', () => {
    const text = CLASS('u16', 'not-a-domain');
    const le = write('enc/le.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const be = write('enc/be.yaml', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    for (const file of [le, be]) {
      const r = run(['validate', file, '--json']);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.out).results.map((x: any) => [x.file, x.line, x.path])).toEqual([[file, 6, 'spec.controllerName']]);
    }
  });

  test('a UTF-8 byte order mark is not part of the text', () => {
    const file = write('enc/bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CLASS('bom'))]));
    expect(run(['validate', file]).code).toBe(0);
  });
});

describe('JSON or YAML by content, as kubectl sniffs it', () => {
  test('two concatenated JSON objects are two objects', () => {
    const a = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'a' }, spec: { controllerName: 'example.com/gc' } };
    const b = { ...a, metadata: { name: 'b' }, spec: { controllerName: 'bad' } };
    const file = write('sniff/two.json', `${JSON.stringify(a)}\n${JSON.stringify(b, null, 2)}\n`);
    const r = run(['validate', file, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).results.map((x: any) => [x.name, x.line, x.path, x.documentIndex])).toEqual([['b', 9, 'spec.controllerName', 1]]);
  });

  test('YAML in a .json file is read as YAML, with YAML 1.1 values', () => {
    const file = write('sniff/yaml.json', CLASS('on'));
    const r = run(['validate', file, '--json']);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.out).results;
    expect(results.map((x: any) => [x.line, x.path])).toEqual([[4, 'metadata.name'], [4, 'metadata.name']]);
    expect(results[0].message).toMatch(/Invalid value: true: .*must be of type string/);
  });
});

describe('lists', () => {
  test('an HTTPRouteList-style list kind is expanded, lines point into its items', () => {
    const file = write('list/classes.yaml', 'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClassList\nitems:\n- metadata: {name: a}\n  spec: {controllerName: example.com/gc}\n- metadata: {name: b}\n  spec:\n    controllerName: bad\n');
    const r = run(['validate', file, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).results.map((x: any) => [x.kind, x.name, x.line, x.path])).toEqual([['GatewayClass', 'b', 8, 'items[1].spec.controllerName']]);
  });

  test('items that are not a list: an error naming the file, line and document (exit 2)', () => {
    const file = write('list/bad.yaml', `${CLASS('a')}---\nkind: HTTPRouteList\nitems:\n  a: 1\n`);
    const r = run(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(`${file}:9:1: invalid YAML: document 2: HTTPRouteList: items must be a list of objects, not a mapping`);
  });
});

test('an alias bomb is one line of error and exit 2, quickly', () => {
  const lines = ['a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol,lol]'];
  for (let i = 1; i < 9; i++) {
    const p = String.fromCharCode(96 + i);
    const n = String.fromCharCode(97 + i);
    lines.push(`${n}: &${n} [*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p},*${p}]`);
  }
  const file = write('bomb.yaml', lines.join('\n') + '\n');
  const t0 = Date.now();
  const r = run(['validate', file]);
  expect(Date.now() - t0).toBeLessThan(5000);
  expect(r.code).toBe(2);
  expect(r.err.split('\n')[0]).toMatch(new RegExp(`^${file}:\\d+:\\d+: invalid YAML: document contains excessive aliasing$`));
});

test('10,000 levels of nesting: the nesting limit, stated, and exit 2 (no stack overflow)', () => {
  const d = 10_000;
  const file = write('deep.yaml', `${CLASS('deep').trimEnd()}\n  x: ${'['.repeat(d)}${']'.repeat(d)}\n`);
  const r = run(['validate', file]);
  expect(r.code).toBe(2);
  // (the column is where the limit is crossed, past the 1,000th bracket)
  expect(r.err.split('\n')[0]).toMatch(/^deep\.yaml:7:10\d\d: invalid YAML: exceeded max depth of 1000 \(this validator's nesting limit; kubectl's is 10000\)$/);
});

describe('positions in linear time', () => {
  const KEYS = 100_000;

  test(`Manifest.lineOf for each of ${KEYS.toLocaleString('en')} keys`, () => {
    const text = 'data:\n' + Array.from({ length: KEYS }, (_, i) => `  k${i}: v\n`).join('');
    const t0 = Date.now();
    const m = Manifest.parse(text);
    let sum = 0;
    for (let i = KEYS - 1; i >= 0; i--) sum += m.lineOf(0, `data.k${i}`);
    expect(Date.now() - t0).toBeLessThan(10_000);
    // lines 2 .. KEYS + 1
    expect(sum).toBe((KEYS * (KEYS + 3)) / 2);
    expect(m.lineOf(0, 'data.k99999.deeper')).toBe(KEYS + 1);
    expect(m.lineOf(0, 'nope')).toBe(1);
  });

  test(`an object with ${KEYS.toLocaleString('en')} unknown fields is located within 10 s`, () => {
    const fields = Array.from({ length: KEYS }, (_, i) => `  x${i}: 1\n`).join('');
    const file = write('big/fields.yaml', `apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: big\nspec:\n  controllerName: example.com/gc\n${fields}`);
    const t0 = Date.now();
    const r = run(['validate', file, '--json']);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r.code).toBe(1);
    // (other results, such as a size warning, may come with them)
    const results = JSON.parse(r.out).results.filter((x: any) => /^spec\.x/.test(x.path));
    expect(results).toHaveLength(KEYS);
    expect(results[0]).toMatchObject({ line: 7, path: 'spec.x0' });
    expect(results[KEYS - 1]).toMatchObject({ line: KEYS + 6, path: `spec.x${KEYS - 1}` });
  }, 60_000);
});

describe('syntax errors name what the text was read as, not the file extension', () => {
  test('YAML in a .json file, and JSON in a .yaml file', () => {
    fs.writeFileSync(path.join(tmp, 'yaml.json'), 'apiVersion: v1\nkind: [\n');
    fs.writeFileSync(path.join(tmp, 'json.yaml'), '{"apiVersion": "v1", "kind": }\n');
    expect(run(['validate', 'yaml.json']).err.split('\n')[0]).toMatch(/^yaml\.json:\d+:\d+: invalid YAML: /);
    expect(run(['validate', 'json.yaml']).err.split('\n')[0]).toMatch(/^json\.yaml:\d+:\d+: invalid JSON: /);
  });
});
