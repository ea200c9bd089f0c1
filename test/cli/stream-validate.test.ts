import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readFileBounded, releaseRead } from '../../src/cli/bounded-read';
import { Manifest, ManifestObject, ManifestSyntaxError } from '../../src/cli/manifests';
import { ValidationSession } from '../../src/validation/validation-session';
import { lineIndex, lineStarts } from '../../src/validation/yaml-positions';
import { CliRun, runCli } from '../support/run-cli';

/*
 * The `validate` command reads and validates one input at a time, and within an input one
 * document at a time (a 90 MB file is never held decoded): the order of the work, what the
 * reader keeps, and the output, which is the same as when everything was decoded at once.
 */

const TARGET = '(Gateway API v1.6.1, standard channel)';
const GROUP = 'gateway.networking.k8s.io';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-stream-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});
afterEach(() => {
  jest.restoreAllMocks();
});

function run(argv: string[]): CliRun {
  return runCli(argv, { cwd: tmp });
}

function write(name: string, data: string): void {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
}

function route(name: string, extra = ''): string {
  return `apiVersion: ${GROUP}/v1
kind: HTTPRoute
metadata:
  name: ${name}
  namespace: shop
spec:
  parentRefs:
  - name: edge
    namespace: infra${extra}
  rules:
  - backendRefs:
    - name: web
      port: 80
`;
}

const GATEWAY = `apiVersion: ${GROUP}/v1
kind: Gateway
metadata:
  name: edge
  namespace: infra
spec:
  gatewayClassName: eg
  listeners:
  - name: http
    port: 80
    protocol: HTTP
    allowedRoutes:
      namespaces:
        from: All
`;

/** Every object and array reachable from a value. */
function reachable(root: unknown): Set<object> {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v)) continue;
    if (v instanceof Map) {
      for (const [k, x] of v) stack.push(k, x);
    } else {
      for (const k of Object.getOwnPropertyNames(v)) stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return seen;
}

describe('Manifest.read: one document at a time', () => {
  test('objects are given to the caller as their documents are decoded, up to a syntax error', () => {
    const m = Manifest.parse(`${route('a')}---\n${route('b')}---\nkind: x\n  bad: indent\n`);
    const seen: string[] = [];
    expect(() => m.read(o => seen.push((o.object as any).metadata.name))).toThrow(new ManifestSyntaxError(30, 6, 'bad indentation of a mapping entry'));
    expect(seen).toEqual(['a', 'b']);
  });

  test('the manifest keeps the text and the documents\' ranges, not the objects (the same few objects for 10 or 1,000 documents)', () => {
    const read = (n: number) => {
      const m = Manifest.parse(Array.from({ length: n }, (_, i) => route(`r${i}`)).join('---\n'));
      const objects: ManifestObject[] = [];
      m.read(o => objects.push(o));
      expect(objects).toHaveLength(n);
      const kept = reachable(m);
      const parts = reachable(objects.map(o => o.object));
      expect([...parts].filter(p => kept.has(p))).toEqual([]);
      return kept.size;
    };
    expect(read(1000)).toBe(read(10));
  });

  test('lines of documents read earlier, with \\r\\n and \\r line ends, as counted over the whole text', () => {
    const docs = [route('a').replace(/\n/g, '\r\n'), '# only a comment\r\n', route('b', '\n    sectionName: x').replace(/\n/g, '\r')];
    const text = docs.join('---\n');
    const m = Manifest.parse(text);
    m.read(() => undefined);
    const starts = lineStarts(text);
    const line = (offset: number) => lineIndex(starts, offset) + 1;
    const b = text.indexOf('name: b');
    expect([m.lineOf(2, 'metadata.name'), m.lineOf(0, 'spec.rules[0].backendRefs[0].port'), m.lineOf(2, 'spec.parentRefs[0].sectionName'), m.lineOf(1, '')])
      .toEqual([line(b), line(text.indexOf('port: 80')), line(text.indexOf('sectionName: x')), line(text.indexOf('# only'))]);
  });
});

test('the bytes of a file are released once decoded: the input is not held twice, as bytes and as text', () => {
  write('release/a.yaml', route('a'));
  const read = readFileBounded(path.join(tmp, 'release/a.yaml'), 1024);
  const m = Manifest.parse(read.data);
  expect(read.data.length).toBe(route('a').length);
  releaseRead(read.data);
  expect(read.data.length).toBe(0);
  const names: unknown[] = [];
  m.read(o => names.push((o.object as any).metadata.name));
  expect(names).toEqual(['a']);
});

describe('the command, one input and one object at a time', () => {
  test('each input is read, then its objects validated one by one, before the next input is read', () => {
    write('order/a.yaml', `${route('a1')}---\n${route('a2')}`);
    write('order/b.yaml', route('b1'));
    const events: string[] = [];
    const parse = Manifest.parse;
    jest.spyOn(Manifest, 'parse').mockImplementation(input => {
      events.push(`read ${Buffer.from(input as Uint8Array).toString('utf8').match(/name: (\w+)/)![1]}`);
      return parse.call(Manifest, input);
    });
    const add = ValidationSession.prototype.add;
    jest.spyOn(ValidationSession.prototype, 'add').mockImplementation(function (this: ValidationSession, input, owned) {
      events.push(`validate ${(input.obj as any).metadata.name}`);
      return add.call(this, input, owned);
    });
    expect(run(['validate', 'order'])).toEqual({ code: 0, out: '', err: `3 objects in 2 files: all valid ${TARGET}\n` });
    expect(events).toEqual(['read a1', 'validate a1', 'validate a2', 'read b1', 'validate b1']);
  });

  test('an input with a syntax error after valid and invalid documents is not validated at all', () => {
    write('late/a.yaml', `${route('bad').replace('port: 80', 'port: 0')}---\n${route('fine')}---\nkind: x\n  bad: indent\n`);
    write('late/b.yaml', `${GATEWAY}---\n${route('other', '\n    sectionName: https')}`);
    expect(run(['validate', 'late'])).toEqual({
      code: 2,
      out: 'late/b.yaml:25: HTTPRoute shop/other spec.parentRefs[0].sectionName: Gateway "infra/edge" has no listener named "https" (listeners: http)\n',
      err: 'late/a.yaml:30:6: invalid YAML: bad indentation of a mapping entry\n'
        + `1 input could not be parsed; 2 objects in 1 file: 1 invalid object (1 problem) ${TARGET}\n`,
    });
  });

  test('a finding across objects is located in a document read long before (and in a list item)', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n- ${route('listed', '\n    sectionName: nope').trimEnd().replace(/\n/g, '\n  ')}\n`;
    write('far/a.yaml', [route('first', '\n    port: 8080'), list, ...Array.from({ length: 50 }, (_, i) => route(`r${i}`).replace('namespace: infra', 'namespace: elsewhere')), GATEWAY].join('---\n'));
    expect(run(['validate', 'far/a.yaml'])).toEqual({
      code: 1,
      out: 'far/a.yaml:10: HTTPRoute shop/first spec.parentRefs[0].port: Gateway "infra/edge" has no listener on port 8080 (ports: 80)\n'
        + 'far/a.yaml:28: HTTPRoute shop/listed items[0].spec.parentRefs[0].sectionName: Gateway "infra/edge" has no listener named "nope" (listeners: http)\n',
      err: `53 objects in 1 file: 2 invalid objects (2 problems) ${TARGET}\n`,
    });
  });

  test('objects defined twice with different content, in two files: decoded again to be compared', () => {
    write('twice/a.yaml', route('same'));
    write('twice/b.yaml', `${GATEWAY}---\n${route('same', '\n    sectionName: http')}`);
    const reread = jest.spyOn(Manifest.prototype, 'reread');
    expect(run(['validate', 'twice'])).toEqual({
      code: 0,
      out: 'twice/b.yaml:16: HTTPRoute shop/same: warning: HTTPRoute "shop/same" is defined 2 times with different content (documents 1, 3); '
        + 'applied in order only the last would remain, so cross-object checks skip it and the references to it\n',
      err: `3 objects in 2 files: all valid, 1 warning ${TARGET}\n`,
    });
    expect(reread.mock.calls).toEqual([[0, -1], [1, -1]]);
  });

  test('an exception inside the validator is one line for the input it throws on; the rest is validated together', () => {
    write('throws/a.yaml', route('a'));
    write('throws/b.yaml', `${route('fine')}---\n${route('kaboom')}`);
    write('throws/c.yaml', route('bad').replace('port: 80', 'port: 70000'));
    const add = ValidationSession.prototype.add;
    const seen: string[] = [];
    jest.spyOn(ValidationSession.prototype, 'add').mockImplementation(function (this: ValidationSession, input, owned) {
      const name = (input.obj as any).metadata.name;
      seen.push(name);
      if (name === 'kaboom') throw new TypeError("Cannot read properties of undefined (reading 'x')");
      return add.call(this, input, owned);
    });
    const r = run(['validate', 'throws']);
    expect(r).toEqual({
      code: 2,
      out: 'throws/c.yaml:13: HTTPRoute shop/bad spec.rules[0].backendRefs[0].port: Invalid value: 70000: spec.rules[0].backendRefs[0].port in body should be less than or equal to 65535\n',
      err: 'throws/b.yaml: internal error while validating HTTPRoute kaboom (document 2): '
        + "Cannot read properties of undefined (reading 'x')\n"
        + `1 input could not be validated; 2 objects in 2 files: 1 invalid object (1 problem) ${TARGET}\n`,
    });
    // each object once, in input order
    expect(seen).toEqual(['a', 'fine', 'kaboom', 'bad']);
  });

  test('an exception in the checks across objects: the inputs it throws on alone are left out, the rest checked again', () => {
    write('cross/a.yaml', `${GATEWAY}---\n${route('a', '\n    sectionName: nope')}`);
    write('cross/b.yaml', route('kaboom'));
    const finish = ValidationSession.prototype.finish;
    const calls: string[] = [];
    jest.spyOn(ValidationSession.prototype, 'finish').mockImplementation(function (this: ValidationSession, keep) {
      calls.push(keep ? `finish ${[0, 1, 2].filter(keep).join(',')}` : 'finish all');
      if (!keep) throw new RangeError('Maximum call stack size exceeded');
      return finish.call(this, keep);
    });
    jest.spyOn(ValidationSession.prototype, 'finishAlone').mockImplementation(position => {
      calls.push(`alone ${position}`);
      if (position === 2) throw new Error('boom\n    at check (parents.ts:1:1)');
    });
    expect(run(['validate', 'cross'])).toEqual({
      code: 2,
      out: 'cross/a.yaml:25: HTTPRoute shop/a spec.parentRefs[0].sectionName: Gateway "infra/edge" has no listener named "nope" (listeners: http)\n',
      err: 'cross/b.yaml: internal error while validating HTTPRoute kaboom (document 1): boom at check (parents.ts:1:1)\n'
        + `1 input could not be validated; 2 objects in 1 file: 1 invalid object (1 problem) ${TARGET}\n`,
    });
    expect(calls).toEqual(['finish all', 'alone 0', 'alone 1', 'alone 2', 'finish 0,1']);
  });

  test('an exception in the checks across objects that no object alone causes: nothing is validated', () => {
    write('together/a.yaml', route('a'));
    write('together/b.yaml', route('b'));
    jest.spyOn(ValidationSession.prototype, 'finish').mockImplementation(() => {
      throw new Error('only together');
    });
    expect(run(['validate', 'together'])).toEqual({
      code: 2,
      out: '',
      err: 'together/a.yaml, together/b.yaml: internal error while validating these inputs together: only together\n'
        + `1 input could not be validated; nothing validated ${TARGET}\n`,
    });
  });
});
