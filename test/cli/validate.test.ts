import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ManifestValidator } from '../../src/validation/validator';
import { CliRun, runCli } from '../support/run-cli';
import { describeWithShared, SHARED } from '../support/shared-data';

/*
 * The `validate` command, run in-process through `main(argv, io)`: upstream's example corpus
 * (shared/gateway-api/<v>/examples, both releases and channels) file by file, then output
 * formats, inputs (files, directories, stdin) and exit codes.
 */

const ROOT = path.resolve(__dirname, '..', '..');

function run(argv: string[], options: { stdin?: string; cwd?: string; tty?: boolean } = {}): CliRun {
  return runCli(argv, { ...options, cwd: options.cwd ?? ROOT });
}

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap(e => (e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : e.name.endsWith('.yaml') ? [path.join(dir, e.name)] : []))
    .sort();
}

/**
 * Example files per release and channel (counted in shared/gateway-api/<v>/examples; the
 * experimental channel runs the standard folder too): a file lost or added upstream shows here.
 */
const EXAMPLE_FILES: Record<string, Record<string, { valid: number; invalid: number }>> = {
  'v1.6.1': { standard: { valid: 79, invalid: 32 }, experimental: { valid: 79 + 9, invalid: 32 + 4 } },
  'v1.5.1': { standard: { valid: 66, invalid: 32 }, experimental: { valid: 66 + 11, invalid: 32 + 4 } },
};

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-validate-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const VALID_ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web
  namespace: shop
spec:
  parentRefs:
  - name: edge
  rules:
  - backendRefs:
    - name: web
      port: 80
`;

const INVALID_ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: api
  namespace: shop
spec:
  hostnames:
  - "http://a<"
  rules:
  - backendRefs:
    - name: api
      port: 800080
`;

describeWithShared('upstream examples, file by file', () => {
  for (const version of ['v1.6.1', 'v1.5.1']) {
    for (const channel of ['standard', 'experimental']) {
      // The experimental folders hold only what needs the experimental channel; the standard
      // examples must pass (and the invalid ones fail) on the experimental CRDs too.
      const folders = channel === 'standard' ? ['standard'] : ['standard', 'experimental'];
      const files = (kind: string) => folders.flatMap(f => yamlFiles(path.join(SHARED, version, 'examples', kind, f)));
      const valid = files('valid');
      const invalid = files('invalid');

      test(`${version} ${channel}: every valid example exits 0 (${valid.length} files)`, () => {
        expect(valid.length).toBe(EXAMPLE_FILES[version][channel].valid);
        const failed = valid
          .map(file => ({ file: path.relative(SHARED, file), ...run(['validate', '--gateway-api', version, '--channel', channel, file]) }))
          .filter(r => r.code !== 0)
          .map(r => `${r.file}: exit ${r.code}\n${r.out}${r.err}`);
        expect(failed).toEqual([]);
      });

      test(`${version} ${channel}: every invalid example exits 1 (${invalid.length} files)`, () => {
        expect(invalid.length).toBe(EXAMPLE_FILES[version][channel].invalid);
        const accepted = invalid
          .map(file => ({ file: path.relative(SHARED, file), ...run(['validate', `--gateway-api=${version}`, `--channel=${channel}`, file]) }))
          .filter(r => r.code !== 1 || r.out === '')
          .map(r => `${r.file}: exit ${r.code}\n${r.out}${r.err}`);
        expect(accepted).toEqual([]);
      });
    }
  }

  test('a whole folder at once: every invalid file is reported, in sorted order', () => {
    const dir = path.join(SHARED, 'v1.6.1', 'examples', 'invalid', 'standard');
    const r = run(['validate', dir]);
    expect(r.code).toBe(1);
    const reported = [...new Set(r.out.trim().split('\n').map(l => l.slice(0, l.indexOf(':'))))];
    expect(reported).toEqual(yamlFiles(dir));
    expect(r.err).toMatch(/^32 objects in 32 files: 32 invalid objects \(\d+ problems\)(, \d+ warnings?)? \(Gateway API v1\.6\.1, standard channel\)\n$/);
  });

  test('the valid folder at once, object by object (--no-cross-object), on both channels of both releases', () => {
    // The folder is not one set of objects (several examples reuse a Gateway's name with
    // other listeners), so only the per-object checks apply to it as a whole.
    for (const version of ['v1.6.1', 'v1.5.1']) {
      const std = run(['validate', path.join(SHARED, version, 'examples', 'valid', 'standard'), '--gateway-api', version, '--no-cross-object']);
      expect({ version, code: std.code, out: std.out }).toEqual({ version, code: 0, out: '' });
      const exp = run(['validate', path.join(SHARED, version, 'examples', 'valid'), '--gateway-api', version, '--channel', 'experimental', '--no-cross-object']);
      expect({ version, code: exp.code, out: exp.out }).toEqual({ version, code: 0, out: '' });
    }
  });

  test('experimental kinds and fields are rejected on the standard channel', () => {
    const dir = path.join(SHARED, 'v1.6.1', 'examples', 'valid', 'experimental');
    const r = run(['validate', dir]);
    expect(r.code).toBe(1);
  });

  test('problems point at the line of the offending field', () => {
    const port = path.join(SHARED, 'v1.6.1/examples/invalid/standard/gateway/invalid-listener-port.yaml');
    expect(run(['validate', port]).out).toBe(`${port}:10: Gateway invalid-listener-port spec.listeners[0].port: `
      + 'Invalid value: 123456789: spec.listeners[0].port in body should be less than or equal to 65535\n');
    const method = path.join(SHARED, 'v1.6.1/examples/invalid/standard/httproute/invalid-method.yaml');
    expect(run(['validate', method]).out.split('\n')[0]).toBe(`${method}:8: HTTPRoute invalid-method spec.rules[0].matches[0].method: `
      + 'Unsupported value: "NOTREAL": supported values: "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"');
  });
});

describe('output', () => {
  test('one line per problem: file:line: Kind namespace/name path: message', () => {
    const file = write('out/mixed.yaml', `${VALID_ROUTE}---\n${INVALID_ROUTE}`);
    const r = run(['validate', file]);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      `${file}:21: HTTPRoute shop/api spec.hostnames[0]: Invalid value: "http://a<": spec.hostnames[0] in body should match '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'`,
      `${file}:25: HTTPRoute shop/api spec.rules[0].backendRefs[0].port: Invalid value: 800080: spec.rules[0].backendRefs[0].port in body should be less than or equal to 65535`,
    ]);
    expect(lines[lines.length - 1]).toBe('');
    const problems = lines.length - 1;
    expect(r.err).toBe(`2 objects in 1 file: 1 invalid object (${problems} problems) (Gateway API v1.6.1, standard channel)\n`);
  });

  test('relative inputs are shown as given; cluster-scoped objects without a namespace', () => {
    write('rel/gc.yaml', 'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: eg\nspec:\n  controllerName: example\n');
    const r = run(['validate', 'rel/gc.yaml'], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^rel\/gc\.yaml:6: GatewayClass eg spec\.controllerName: Invalid value: "example": /);
  });

  test('--json: a report with every result, its file, line and document', () => {
    const file = write('json/mixed.yaml', `${VALID_ROUTE}---\n${INVALID_ROUTE}`);
    const r = run(['validate', '--json', file]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    const report = JSON.parse(r.out);
    expect(Object.keys(report)).toEqual(['valid', 'exitCode', 'gatewayApiVersion', 'channel', 'files', 'objects', 'invalidObjects', 'results', 'errors']);
    expect(report).toMatchObject({
      valid: false,
      exitCode: 1,
      gatewayApiVersion: 'v1.6.1',
      channel: 'standard',
      files: [file],
      objects: 2,
      invalidObjects: 1,
      errors: [],
    });
    expect(report.results.length).toBeGreaterThanOrEqual(2);
    expect(report.results[1]).toEqual({
      file,
      line: 25,
      documentIndex: 1,
      // Present when the validator grades its results.
      ...(report.results[1].severity !== undefined ? { severity: 'error' } : {}),
      ...(report.results[1].code !== undefined ? { code: 'schema' } : {}),
      kind: 'HTTPRoute',
      namespace: 'shop',
      name: 'api',
      path: 'spec.rules[0].backendRefs[0].port',
      message: 'Invalid value: 800080: spec.rules[0].backendRefs[0].port in body should be less than or equal to 65535',
    });
  });

  test('--json for valid input', () => {
    const file = write('json/valid.yaml', VALID_ROUTE);
    const r = run(['validate', file, '--json', '--channel', 'experimental', '--gateway-api', '1.5.1']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      valid: true,
      exitCode: 0,
      gatewayApiVersion: 'v1.5.1',
      channel: 'experimental',
      files: [file],
      objects: 1,
      invalidObjects: 0,
      results: [],
      errors: [],
    });
  });

  test('CEL rule violations carry the rule in --json', () => {
    const file = write('json/cel.yaml', VALID_ROUTE.replace('port: 80\n', ''));
    const report = JSON.parse(run(['validate', '--json', file]).out);
    expect(report.results).toEqual([expect.objectContaining({
      line: 11, path: 'spec.rules[0].backendRefs[0]', message: 'Invalid value: "object": Must have port for Service reference', rule: expect.stringContaining('port'),
    })]);
  });

  test('the same inputs give the same output', () => {
    const dir = path.join(tmp, 'out');
    expect(run(['validate', dir])).toEqual(run(['validate', dir]));
  });
});

describe('inputs', () => {
  test('directories: recursive, *.yaml/*.yml/*.json only, sorted, hidden entries skipped', () => {
    const dir = path.join(tmp, 'tree');
    write('tree/b.yaml', INVALID_ROUTE);
    write('tree/a/z.yml', INVALID_ROUTE.replace('name: api', 'name: api2'));
    write('tree/a/y.json', JSON.stringify({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'x' }, spec: {} }, null, 2));
    write('tree/c.txt', 'not: [yaml');
    write('tree/.hidden/bad.yaml', 'not: [yaml');
    write('tree/.bad.yaml', 'not: [yaml');
    const r = run(['validate', dir, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.files).toEqual([path.join(dir, 'a', 'y.json'), path.join(dir, 'a', 'z.yml'), path.join(dir, 'b.yaml')]);
    expect([...new Set(report.results.map((x: any) => x.file))]).toEqual(report.files);
    // The JSON file's problem is located too.
    expect(report.results[0]).toMatchObject({ file: path.join(dir, 'a', 'y.json'), line: 7, path: 'spec.controllerName', message: 'Required value' });
  });

  test('stdin: - (and no input at all when stdin is not a terminal)', () => {
    const dash = run(['validate', '-'], { stdin: INVALID_ROUTE });
    expect(dash.code).toBe(1);
    expect(dash.out).toMatch(/^<stdin>:8: HTTPRoute shop\/api spec\.hostnames\[0\]: /);
    const implicit = run(['validate'], { stdin: VALID_ROUTE, tty: false });
    expect(implicit).toEqual({ code: 0, out: '', err: '1 object in 1 file: all valid (Gateway API v1.6.1, standard channel)\n' });
    const withFiles = run(['validate', write('in/valid.yaml', VALID_ROUTE), '-'], { stdin: INVALID_ROUTE });
    expect(withFiles.code).toBe(1);
  });

  test('no input on a terminal is a usage error', () => {
    const r = run(['validate'], { tty: true });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no input/);
  });

  test('kind: List is expanded; paths and lines point into its items', () => {
    const list = [
      'apiVersion: v1', 'kind: List', 'items:',
      '- apiVersion: v1', '  kind: Service', '  metadata:', '    name: web',
      '- apiVersion: gateway.networking.k8s.io/v1', '  kind: HTTPRoute', '  metadata:', '    name: r', '  spec:', '    hostnames:', '    - "Bad_Host"', '',
    ].join('\n');
    const r = run(['validate', '-', '--json'], { stdin: list });
    const report = JSON.parse(r.out);
    expect(report.objects).toBe(2);
    expect(report.results[0]).toMatchObject({ line: 14, kind: 'HTTPRoute', name: 'r', path: 'items[1].spec.hostnames[0]' });
  });

  test('objects of other API groups are skipped; empty documents ignored', () => {
    const r = run(['validate', '-'], { stdin: '---\n# nothing\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  bogus: 1\n---\n' });
    expect(r).toEqual({ code: 0, out: '', err: '1 object in 1 file: all valid (Gateway API v1.6.1, standard channel)\n' });
  });

  test('a document that is not an object is invalid', () => {
    const r = run(['validate', '-'], { stdin: '- a\n- b\n' });
    expect(r.code).toBe(1);
    expect(r.out).toBe('<stdin>:1: <document>: not a Kubernetes object: expected a mapping with apiVersion and kind\n');
  });

  test('experimental objects validate with --channel experimental', () => {
    const tcp = 'apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TCPRoute\nmetadata:\n  name: t\nspec:\n  rules:\n  - backendRefs:\n    - name: s\n      port: 9000\n';
    expect(run(['validate', '-', '--gateway-api', 'v1.6.1'], { stdin: tcp }).code).toBe(1);
    expect(run(['validate', '-', '--channel', 'experimental'], { stdin: tcp }).code).toBe(0);
  });
});

// Validators that grade their results (severity, code) also check the objects together.
const graded = (ManifestValidator.validateObjects([null]) as Array<{ severity?: string }>)[0]?.severity !== undefined;
const describeGraded = graded ? describe : describe.skip;

describeGraded('checks across objects: all inputs are one set', () => {
  const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: edge
  namespace: shop
spec:
  gatewayClassName: eg
  listeners:
  - name: http
    port: 80
    protocol: HTTP
`;
  const ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web
  namespace: shop
spec:
  parentRefs:
  - name: edge
    sectionName: https
  - name: other
  rules:
  - backendRefs:
    - name: web
      port: 80
`;

  test('a route in one file, its Gateway in another: errors fail, warnings do not', () => {
    const gateway = write('set/a-gateway.yaml', GATEWAY);
    const route = write('set/b-route.yaml', ROUTE);
    const r = run(['validate', '--json', gateway, route]);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.out).results;
    expect(results).toEqual([
      expect.objectContaining({ file: route, line: 9, severity: 'error', kind: 'HTTPRoute', path: 'spec.parentRefs[0].sectionName' }),
      expect.objectContaining({ file: route, line: 10, severity: 'warning', kind: 'HTTPRoute', path: 'spec.parentRefs[1]' }),
    ]);
    const human = run(['validate', gateway, route]);
    expect(human.out.split('\n')[1]).toMatch(new RegExp(`^${route.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:10: HTTPRoute shop/web spec\\.parentRefs\\[1\\]: warning: `));
    expect(human.err).toMatch(/: 1 invalid object \(1 problem\), 1 warning \(/);

    // Only warnings: exit 0, the warnings still printed.
    const fixed = write('set/c-route.yaml', ROUTE.replace('sectionName: https', 'sectionName: http'));
    const ok = run(['validate', gateway, fixed]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/: warning: /);
  });

  test('--no-cross-object checks each object alone', () => {
    const r = run(['validate', '--no-cross-object', '-'], { stdin: `${GATEWAY}---\n${ROUTE}` });
    expect(r).toEqual({ code: 0, out: '', err: '2 objects in 1 file: all valid (Gateway API v1.6.1, standard channel)\n' });
  });
});

describe('exit code 2: unreadable input', () => {
  test('bad YAML is reported with file, line and column', () => {
    const file = write('bad/broken.yaml', `${VALID_ROUTE}---\napiVersion: v1\nkind: [Service\nmetadata: {}\n`);
    const r = run(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:1[56]:\\d+: invalid YAML: .+\n`));
    expect(r.err).toMatch(/\n1 input could not be parsed; nothing validated \(Gateway API v1\.6\.1, standard channel\)\n$/);
  });

  test('duplicate keys are bad YAML, at the duplicate', () => {
    const r = run(['validate', '-'], { stdin: 'apiVersion: v1\nkind: Service\nkind: Pod\n' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^<stdin>:3:\d+: invalid YAML: duplicated mapping key\n/);
  });

  test('bad JSON in a .json file', () => {
    const file = write('badjson/x.json', '{\n  "apiVersion": "v1",\n  "kind": \n}\n');
    const r = run(['validate', file, '--json']);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.out);
    expect(report.errors).toEqual([{ file, line: expect.any(Number), column: expect.any(Number), message: expect.stringMatching(/^invalid JSON: /) }]);
    expect(report.errors[0].line).toBeGreaterThanOrEqual(3);
  });

  test('other inputs are still validated; 2 wins over 1', () => {
    const bad = write('both/bad.yaml', 'a: [\n');
    const invalid = write('both/invalid.yaml', INVALID_ROUTE);
    const r = run(['validate', bad, invalid]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/invalid\.yaml:8: HTTPRoute shop\/api/);
    expect(r.err).toMatch(/bad\.yaml:2:1: invalid YAML: /);
  });

  test('a missing file', () => {
    const r = run(['validate', 'does/not/exist.yaml'], { cwd: tmp });
    expect(r).toEqual({
      code: 2,
      out: '',
      err: 'does/not/exist.yaml: cannot read: no such file or directory\n'
      + '1 input could not be read; nothing validated (Gateway API v1.6.1, standard channel)\n',
    });
  });

  test('a directory without manifests', () => {
    fs.mkdirSync(path.join(tmp, 'empty'), { recursive: true });
    expect(run(['validate', 'empty'], { cwd: tmp }).code).toBe(2);
  });
});

describe('usage', () => {
  test('--help', () => {
    for (const argv of [['validate', '--help'], ['validate', '-h', 'x.yaml']]) {
      const r = run(argv);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^Usage: cdk8s-gateway-api validate \[FILE\|DIR\|-\]\.\.\. \[options\]/);
      expect(r.out).toMatch(/--gateway-api VERSION/);
    }
    expect(run(['--help']).out).toMatch(/^Usage: cdk8s-gateway-api <command>/);
    expect(run([]).code).toBe(2);
    expect(run(['--version']).out).toMatch(/^\d+\.\d+\.\d+/);
  });

  test.each([
    [['validate', '--gateway-api', 'v1.4.0', 'x'], /unknown Gateway API version "v1.4.0" \(expected v1.6.1 or v1.5.1\)/],
    [['validate', '--channel', 'beta', 'x'], /unknown channel "beta" \(expected standard or experimental\)/],
    [['validate', '--channel'], /option --channel needs a value/],
    [['validate', '--json=yes'], /option --json takes no value/],
    [['validate', '--strict'], /unknown option --strict/],
    [['validate', '--implementation', 'istio'], /unknown implementation "istio"/],
    [['lint'], /unknown command "lint"/],
  ])('%j is a usage error', (argv, message) => {
    const r = run(argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
  });

  test('-- ends the options', () => {
    write('dash/--json', VALID_ROUTE);
    const r = run(['validate', '--', '--json'], { cwd: path.join(tmp, 'dash') });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^1 object in 1 file/);
  });

  test('--implementation adds an implementation\'s CRDs', () => {
    const policy = 'apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: BackendTrafficPolicy\nmetadata:\n  name: p\n  namespace: x\nspec:\n  bogus: true\n';
    expect(run(['validate', '-'], { stdin: policy }).code).toBe(0);
    const r = run(['validate', '-', '--implementation', 'envoy-gateway-v1.9.0'], { stdin: policy });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^<stdin>:7: BackendTrafficPolicy x\/p spec\.bogus: /);
  });
});

describe('the installed command', () => {
  // The package's bin runs the compiled lib/ when it exists, else the sources through ts-node.
  const bin = path.join(ROOT, 'bin', 'cdk8s-gateway-api');
  const runBin = (args: string[], input?: string) => spawnSync(process.execPath, [bin, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });

  test('exit codes and streams of a real process', () => {
    const valid = runBin(['validate', 'examples/basic-http/dist']);
    expect({ status: valid.status, stdout: valid.stdout, stderr: valid.stderr })
      .toEqual({ status: 0, stdout: '', stderr: '3 objects in 1 file: all valid (Gateway API v1.6.1, standard channel)\n' });
    const invalid = runBin(['validate', '-'], INVALID_ROUTE);
    expect(invalid.status).toBe(1);
    expect(invalid.stdout).toMatch(/^<stdin>:8: /);
    const bad = runBin(['validate', '-'], 'a: [\n');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^<stdin>:2:1: invalid YAML: /);
  });

  test('the compiled entry point keeps its shebang', () => {
    expect(fs.readFileSync(path.join(ROOT, 'src', 'cli', 'main.ts'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(fs.readFileSync(bin, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    const compiled = path.join(ROOT, 'lib', 'cli', 'main.js');
    if (fs.existsSync(compiled)) expect(fs.readFileSync(compiled, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });
});
