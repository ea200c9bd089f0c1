import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readBounded } from '../../src/cli/bounded-read';
import { main } from '../../src/cli/main';
import { Manifest } from '../../src/cli/manifests';
import { CliIo, parseValidateArgs } from '../../src/cli/validate-command';
import { ValidationSession } from '../../src/validation/validation-session';
import { CliRun, runCli } from '../support/run-cli';

/*
 * The `validate` command against hostile input on disk: endless devices, huge files, symbolic
 * link loops, binary files, unreadable entries and exceptions inside the validator. Every case
 * ends in one line per input and exit code 2, never a stack trace or an unbounded read.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const TARGET = '(Gateway API v1.6.1, standard channel)';

function run(argv: string[], options: { stdin?: (maxBytes: number) => string | Buffer | undefined; cwd?: string } = {}): CliRun {
  return runCli(argv, { ...options, cwd: options.cwd ?? tmp });
}

// The module itself (not the `import *` copy, whose properties cannot be redefined), for spies.
const realFs: typeof fs = jest.requireActual('fs');

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-hostile-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});
afterEach(() => {
  jest.restoreAllMocks();
});

function write(name: string, data: string | Buffer): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
  return file;
}

function route(name: string): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: ${name}
  namespace: shop
spec:
  rules:
  - backendRefs:
    - name: web
      port: 80
`;
}

/** A route with an invalid port: validated, it would print a problem on standard output. */
const INVALID_ROUTE = route('bad').replace('port: 80', 'port: 70000');

describe('size caps', () => {
  test('an endless character device stops at --max-file-size and is not validated', () => {
    const r = run(['validate', '/dev/zero', '--max-file-size', '1KiB']);
    expect(r).toEqual({
      code: 2,
      out: '',
      err: '/dev/zero: not validated: more than the --max-file-size limit of 1 KiB (stopped after reading 1025 bytes); '
        + 'raise it with --max-file-size SIZE\n'
        + `1 input could not be read; nothing validated ${TARGET}\n`,
    });
  });

  test('a regular file over the default cap (256 MiB) is rejected from its size, without reading it', () => {
    const big = path.join(tmp, 'big.yaml');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 300 * 1024 * 1024); // sparse: takes no disk space
    const read = jest.spyOn(realFs, 'readSync');
    const r = run(['validate', 'big.yaml']);
    expect(read).not.toHaveBeenCalled();
    expect(r.code).toBe(2);
    expect(r.err).toBe('big.yaml: not validated: 300 MiB, more than the --max-file-size limit of 256 MiB; '
      + `raise it with --max-file-size SIZE\n1 input could not be read; nothing validated ${TARGET}\n`);
    fs.rmSync(big);
  });

  test('a file of exactly the cap is validated; one byte more is not, even partly', () => {
    const text = route('web');
    const size = Buffer.byteLength(text);
    write('cap/exact.yaml', text);
    expect(run(['validate', 'cap/exact.yaml', `--max-file-size=${size}`])).toEqual({
      code: 0, out: '', err: `1 object in 1 file: all valid ${TARGET}\n`,
    });
    // The first document is invalid: a partial validation would print its problem.
    write('cap/over.yaml', `${INVALID_ROUTE}---\n${route('web')}`);
    const r = run(['validate', 'cap/over.yaml', '--max-file-size', `${Buffer.byteLength(INVALID_ROUTE)}B`]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^cap\/over\.yaml: not validated: \d+ bytes, more than the --max-file-size limit of \d+ bytes; raise it with --max-file-size SIZE\n/);
  });

  test('standard input is read with the cap, and over it is not validated', () => {
    const limits: number[] = [];
    const r = run(['validate', '-', '--max-file-size', '100B'], { stdin: max => { limits.push(max); return INVALID_ROUTE; } });
    expect(limits).toEqual([100]);
    expect(r).toEqual({
      code: 2,
      out: '',
      err: '<stdin>: not validated: more than the --max-file-size limit of 100 bytes (stopped after reading 101 bytes); '
        + `raise it with --max-file-size SIZE\n1 input could not be read; nothing validated ${TARGET}\n`,
    });
  });

  test('the total cap counts every input; what is left of it caps the next one', () => {
    const a = route('a');
    write('total/a.yaml', a);
    write('total/b.yaml', route('b'));
    const cap = Buffer.byteLength(a) + 10;
    const r = run(['validate', 'total/a.yaml', 'total/b.yaml', '--max-total-size', `${cap}`]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`total/b.yaml: not validated: ${Buffer.byteLength(route('b'))} bytes, more than the 10 bytes left of the `
      + `--max-total-size limit of ${cap} bytes; raise it with --max-total-size SIZE\n`
      + `1 input could not be read; 1 object in 1 file: all valid ${TARGET}\n`);
  });

  test('once the total cap is reached, later inputs are not read', () => {
    write('total/c.yaml', route('c'));
    const r = run(['validate', '/dev/zero', 'total/c.yaml', '--max-total-size', '2KiB', '--max-file-size', '1MiB']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('/dev/zero: not validated: more than the --max-total-size limit of 2 KiB (stopped after reading 2049 bytes); '
      + 'raise it with --max-total-size SIZE\n'
      + 'total/c.yaml: not read: the inputs before it reached --max-total-size (2 KiB); raise it with --max-total-size SIZE\n'
      + `2 inputs could not be read; nothing validated ${TARGET}\n`);
  });

  test.each([
    ['100MB', 100_000_000],
    ['1GiB', 1024 ** 3],
    ['1.5GiB', 1.5 * 1024 ** 3],
    ['512Mi', 512 * 1024 ** 2],
    ['64kb', 64_000],
    ['4096', 4096],
    ['2 TB', 2e12],
  ])('--max-file-size %s is %d bytes', (text, bytes) => {
    expect(parseValidateArgs(['--max-file-size', text, '--max-total-size', text])).toMatchObject({ maxFileSize: bytes, maxTotalSize: bytes });
  });

  test('the defaults let a 100 MB file through: 256 MiB per file, 1 GiB in all', () => {
    expect(parseValidateArgs(['x.yaml'])).toMatchObject({ maxFileSize: 268_435_456, maxTotalSize: 1_073_741_824 });
    expect(run(['validate', '--help']).out).toMatch(/--max-file-size SIZE +the largest input read \(default 256MiB\)/);
  });

  test.each([['lots'], ['0'], ['1XB'], ['0.1B'], ['']])('--max-file-size "%s" is a usage error', text => {
    const r = run(['validate', `--max-file-size=${text}`, 'x.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^cdk8s-gateway-api validate: option --max-file-size: ".*" is not a size \(expected bytes or a number with a unit, like 100MB or 1GiB\)\n/);
  });

  test('the bounded reader never reads past the cap, and waits out EAGAIN', () => {
    const fd = fs.openSync('/dev/zero', 'r');
    try {
      // Over three 1 MiB chunks, up to the cap plus one byte, then stopped.
      expect(readBounded(fd, 3 * 1024 * 1024 + 5)).toEqual({ data: Buffer.alloc(0), exceeded: true, bytesRead: 3 * 1024 * 1024 + 6 });
      const zeros = readBounded(fd, 10, 100);
      expect(zeros).toEqual({ data: Buffer.alloc(0), exceeded: true, bytesRead: 11 });
    } finally {
      fs.closeSync(fd);
    }
    // Without a size hint it is read in 1 MiB chunks: the bytes are joined in order.
    const content = Buffer.from(Array.from({ length: 2.5 * 1024 * 1024 }, (_, i) => (i * 7919) % 251));
    const fd3 = fs.openSync(write('grow.yaml', content), 'r');
    try {
      const read = readBounded(fd3, 8 * 1024 * 1024);
      expect({ same: read.data.equals(content), exceeded: read.exceeded, bytesRead: read.bytesRead })
        .toEqual({ same: true, exceeded: false, bytesRead: content.length });
    } finally {
      fs.closeSync(fd3);
    }
    const file = write('eagain.yaml', 'abc');
    const real = fs.readSync;
    let calls = 0;
    jest.spyOn(realFs, 'readSync').mockImplementation((...args: Parameters<typeof fs.readSync>) => {
      if (calls++ === 0) throw Object.assign(new Error('EAGAIN: resource temporarily unavailable, read'), { code: 'EAGAIN' });
      return (real as (...a: unknown[]) => number)(...args);
    });
    const fd2 = fs.openSync(file, 'r');
    try {
      expect(readBounded(fd2, 10)).toEqual({ data: Buffer.from('abc'), exceeded: false, bytesRead: 3 });
    } finally {
      fs.closeSync(fd2);
    }
    expect(calls).toBe(3);
  });
});

describe('directories with broken entries', () => {
  test('dangling links and link loops are reported one line each; the rest is validated once', () => {
    write('links/a.yaml', route('a'));
    write('links/sub/b.yaml', route('b'));
    const at = (p: string) => path.join(tmp, 'links', p);
    fs.symlinkSync('missing.yaml', at('gone.yaml'));
    fs.symlinkSync('self.yaml', at('self.yaml'));
    fs.symlinkSync('y', at('x'));
    fs.symlinkSync('x', at('y'));
    fs.symlinkSync('nowhere', at('notes.txt')); // not a manifest name: ignored, as a file would be
    fs.symlinkSync('..', at('sub/up'));
    fs.symlinkSync('a.yaml', at('same.yaml'));
    const r = run(['validate', 'links']);
    const real = fs.realpathSync(path.join(tmp, 'links'));
    expect(r).toEqual({
      code: 2,
      out: '',
      err: 'links/gone.yaml: cannot read: dangling symbolic link (to missing.yaml, which does not exist)\n'
        + 'links/self.yaml: cannot read: symbolic link loop (self.yaml)\n'
        + 'links/x: cannot read: symbolic link loop (y)\n'
        + 'links/y: cannot read: symbolic link loop (x)\n'
        + `links/same.yaml: skipped: a link to a file already read (${path.join(real, 'a.yaml')})\n`
        + `links/sub/up: skipped: a link to a directory already read (${real})\n`
        + `4 inputs could not be read; 2 objects in 2 files: all valid ${TARGET}\n`,
    });
  });

  test('a directory given twice is read once, also in the JSON report', () => {
    write('twice/a.yaml', route('a'));
    const real = fs.realpathSync(path.join(tmp, 'twice'));
    const r = run(['validate', 'twice', 'twice/']);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`twice/: skipped: a directory already read (${real})\n1 object in 1 file: all valid ${TARGET}\n`);
    const report = JSON.parse(run(['validate', 'twice', 'twice/', '--json']).out);
    expect({ files: report.files, errors: report.errors, skipped: report.skipped })
      .toEqual({ files: ['twice/a.yaml'], errors: [], skipped: [{ file: 'twice/', message: `skipped: a directory already read (${real})` }] });
  });

  test('a dangling link given as an input is one line', () => {
    fs.symlinkSync('nothing.yaml', path.join(tmp, 'dangling.yaml'));
    expect(run(['validate', 'dangling.yaml'])).toEqual({
      code: 2,
      out: '',
      err: 'dangling.yaml: cannot read: dangling symbolic link (to nothing.yaml, which does not exist)\n'
        + `1 input could not be read; nothing validated ${TARGET}\n`,
    });
  });

  test('an unreadable subdirectory is one line; its siblings are validated', () => {
    write('locked/a.yaml', route('a'));
    write('locked/inner/b.yaml', route('b'));
    const real = fs.readdirSync;
    jest.spyOn(realFs, 'readdirSync').mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
      if (String(p).endsWith(`${path.sep}inner`)) throw Object.assign(new Error("EACCES: permission denied, scandir 'inner'"), { code: 'EACCES' });
      return (real as (...a: unknown[]) => unknown)(p, ...rest);
    }) as typeof fs.readdirSync);
    const r = run(['validate', 'locked']);
    expect(r).toEqual({
      code: 2,
      out: '',
      err: 'locked/inner: cannot read directory: permission denied\n'
        + `1 input could not be read; 1 object in 1 file: all valid ${TARGET}\n`,
    });
  });
});

describe('one line per input, never a stack trace', () => {
  test('EISDIR: standard input is a directory', () => {
    const fd = fs.openSync(tmp, 'r');
    try {
      const r = run(['validate', '-'], { stdin: max => readBounded(fd, max).data });
      expect(r).toEqual({ code: 2, out: '', err: `<stdin>: cannot read: is a directory\n1 input could not be read; nothing validated ${TARGET}\n` });
    } finally {
      fs.closeSync(fd);
    }
  });

  test('EACCES: a file that cannot be opened', () => {
    write('acces/a.yaml', route('a'));
    write('acces/secret.yaml', route('s'));
    const real = fs.openSync;
    jest.spyOn(realFs, 'openSync').mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
      if (String(p).endsWith('secret.yaml')) throw Object.assign(new Error("EACCES: permission denied, open 'secret.yaml'"), { code: 'EACCES' });
      return (real as (...a: unknown[]) => number)(p, ...rest);
    }) as typeof fs.openSync);
    const r = run(['validate', 'acces']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`acces/secret.yaml: cannot read: permission denied\n1 input could not be read; 1 object in 1 file: all valid ${TARGET}\n`);
  });

  test('a binary file is not parsed; UTF-16 text with a byte order mark is not binary', () => {
    write('bin/image.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d, 0x0a]));
    const r = run(['validate', 'bin/image.yaml']);
    expect(r).toEqual({
      code: 2,
      out: '',
      err: 'bin/image.yaml: not validated: binary content (a NUL byte at offset 4); manifests are UTF-8 text, or UTF-16 with a byte order mark\n'
        + `1 input could not be read; nothing validated ${TARGET}\n`,
    });
    write('bin/utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(route('u'), 'utf16le')]));
    expect(run(['validate', 'bin/utf16.yaml'])).toEqual({ code: 0, out: '', err: `1 object in 1 file: all valid ${TARGET}\n` });
  });

  test('an exception while parsing one input is one line for it', () => {
    write('boom/a.yaml', route('a'));
    write('boom/b.yaml', route('b'));
    const real = Manifest.parse;
    jest.spyOn(Manifest, 'parse').mockImplementation((...args: Parameters<typeof Manifest.parse>) => {
      const text = typeof args[0] === 'string' ? args[0] : Buffer.from(args[0]).toString('utf8');
      if (text.includes('name: b')) throw new RangeError('Maximum call stack size exceeded\n    at parse (manifests.ts:1:1)');
      return real.apply(Manifest, args);
    });
    const r = run(['validate', 'boom']);
    expect(r).toEqual({
      code: 2,
      out: '',
      err: 'boom/b.yaml: cannot parse: Maximum call stack size exceeded at parse (manifests.ts:1:1)\n'
        + `1 input could not be parsed; 1 object in 1 file: all valid ${TARGET}\n`,
    });
  });

  test('an exception inside the validator is one line for the input it throws on; the rest is validated', () => {
    write('throws/a.yaml', route('a'));
    write('throws/b.yaml', `${route('fine')}---\n${route('kaboom')}`);
    write('throws/c.yaml', INVALID_ROUTE);
    const real = ValidationSession.prototype.add;
    const seen: string[] = [];
    jest.spyOn(ValidationSession.prototype, 'add').mockImplementation(function (this: ValidationSession, ...args: Parameters<ValidationSession['add']>) {
      const name = (args[0].obj as { metadata: { name: string } }).metadata.name;
      seen.push(name);
      if (name === 'kaboom') throw new TypeError("Cannot read properties of undefined (reading 'x')");
      return real.apply(this, args);
    });
    const r = run(['validate', 'throws']);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^throws\/c\.yaml:10: HTTPRoute shop\/bad spec\.rules\[0\]\.backendRefs\[0\]\.port: /);
    expect(r.err).toBe('throws/b.yaml: internal error while validating HTTPRoute kaboom (document 2): '
      + "Cannot read properties of undefined (reading 'x')\n"
      + `1 input could not be validated; 2 objects in 2 files: 1 invalid object (1 problem) ${TARGET}\n`);
    // Validated one object at a time, as the files are read.
    expect(seen).toEqual(['a', 'fine', 'kaboom', 'bad']);
  });

  test('an exception anywhere else is one line on standard error, with exit code 2', () => {
    write('out/a.yaml', INVALID_ROUTE);
    let err = '';
    const io: CliIo = {
      out: () => { throw new Error('write EPIPE\n    at afterWriteDispatched'); },
      err: t => { err += t; },
      readStdin: () => '',
      cwd: tmp,
    };
    expect(main(['validate', 'out/a.yaml'], io)).toBe(2);
    expect(err).toBe('cdk8s-gateway-api validate: internal error: write EPIPE at afterWriteDispatched\n');
  });

  test('the installed command reads standard input with the cap (an endless stream)', () => {
    const bin = path.join(ROOT, 'bin', 'cdk8s-gateway-api');
    const zero = fs.openSync('/dev/zero', 'r');
    try {
      const r = spawnSync(process.execPath, [bin, 'validate', '-', '--max-file-size', '64KiB'], {
        cwd: ROOT, stdio: [zero, 'pipe', 'pipe'], encoding: 'utf8', timeout: 60_000,
      });
      expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
        status: 2,
        stdout: '',
        stderr: '<stdin>: not validated: more than the --max-file-size limit of 64 KiB (stopped after reading 65537 bytes); '
          + `raise it with --max-file-size SIZE\n1 input could not be read; nothing validated ${TARGET}\n`,
      });
    } finally {
      fs.closeSync(zero);
    }
  });
});
