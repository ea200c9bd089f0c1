/**
 * The bad-input corpus of the `validate` command: hostile, broken and huge inputs, each run as a
 * fresh process (`cdk8s-gateway-api validate INPUT`), judged on what a CI user needs:
 *
 * - exit status 0, 1 or 2 (never a crash: 134 out of memory, 139, a signal);
 * - a reason on at most a few lines, never a stack trace (`    at …`);
 * - within 30 s and 1 GiB peak resident memory (measured with GNU time when /usr/bin/time is there).
 *
 *   npx projen bad-inputs            # prints one row per input; exits 1 when an input breaks a limit
 *
 * Runs the compiled CLI (lib/cli/main.js) when it is newer than every source file, else the
 * sources through ts-node (slower to start).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const LIMIT_MS = 30_000;
const LIMIT_KIB = 1024 * 1024;
const TIME = '/usr/bin/time';

interface Case {
  readonly name: string;
  /** Creates the input in `dir` and returns the path to pass to the command. */
  readonly make: (dir: string) => string;
  /** Exit statuses that are the right verdict for this input. */
  readonly expect: number[];
}

const route = (i: number) => `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r${i}\n  namespace: ns\nspec:\n  hostnames:\n  - h${i}.example.com\n  parentRefs:\n  - name: gw\n`;

function write(dir: string, name: string, data: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

const CASES: Case[] = [
  { name: 'empty file', make: d => write(d, 'empty.yaml', ''), expect: [0] },
  { name: 'comments only', make: d => write(d, 'comments.yaml', '# nothing\n---\n# still nothing\n'), expect: [0] },
  { name: 'binary (NUL bytes)', make: d => write(d, 'binary.yaml', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))), expect: [2] },
  { name: 'invalid UTF-8 (Latin-1 byte)', make: d => write(d, 'latin1.yaml', Buffer.concat([Buffer.from(route(0).replace('h0.example.com', 'caf')), Buffer.from([0xe9, 0x0a])])), expect: [2] },
  { name: 'UTF-16LE with BOM', make: d => write(d, 'utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(route(0), 'utf16le')])), expect: [0, 1] },
  { name: 'YAML 1.1 boolean as a name (name: on)', make: d => write(d, 'on.yaml', route(0).replace('name: r0', 'name: on')), expect: [1] },
  { name: 'two concatenated JSON objects in .json', make: d => write(d, 'two.json', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b"}}'), expect: [0] },
  {
    name: 'alias bomb (billion laughs)',
    make: d => {
      const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 1; i < 9; i++) {
        const prev = String.fromCharCode(96 + i);
        const next = String.fromCharCode(97 + i);
        lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
      }
      return write(d, 'bomb.yaml', lines.join('\n') + '\n');
    },
    expect: [2],
  },
  { name: '10,000-deep nesting', make: d => write(d, 'deep.yaml', `spec: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`), expect: [1, 2] },
  {
    name: '500,000 keys in one document',
    make: d => {
      const keys = Array.from({ length: 500_000 }, (_, i) => `  k${i}: v`).join('\n');
      return write(d, 'keys.yaml', `${route(0)}  extra:\n${keys.replace(/^ {2}/gm, '    ')}\n`);
    },
    expect: [1],
  },
  {
    name: 'symlink loop and dangling link in a directory',
    make: d => {
      const dir = path.join(d, 'links');
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'ok.yaml'), route(1));
      fs.symlinkSync('loop-b.yaml', path.join(dir, 'loop-a.yaml'));
      fs.symlinkSync('loop-a.yaml', path.join(dir, 'loop-b.yaml'));
      fs.symlinkSync('missing.yaml', path.join(dir, 'gone.yaml'));
      return dir;
    },
    expect: [2],
  },
  { name: '/dev/zero (no end)', make: () => '/dev/zero', expect: [2] },
  {
    name: '~90 MB: 530,000 HTTPRoutes',
    make: d => {
      const file = path.join(d, 'big.yaml');
      const fd = fs.openSync(file, 'w');
      for (let i = 0; i < 530_000; i += 1000) {
        fs.writeSync(fd, Array.from({ length: 1000 }, (_, k) => route(i + k)).join('---\n') + '---\n');
      }
      fs.closeSync(fd);
      return file;
    },
    expect: [0],
  },
];

function command(): string[] {
  const lib = path.join(ROOT, 'lib', 'cli', 'main.js');
  const src = path.join(ROOT, 'src');
  const newest = (dir: string): number => Math.max(...fs.readdirSync(dir, { withFileTypes: true })
    .map(e => (e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs)));
  // lib/ is used only when no source file (the validator's included) is newer than it
  if (fs.existsSync(lib) && fs.statSync(lib).mtimeMs >= newest(src)) {
    // `node -e SCRIPT -- ARGS`: process.argv is [node, ...ARGS]
    return [process.execPath, '-e', `require(${JSON.stringify(lib)}).run(process.argv.slice(1))`, '--'];
  }
  return [process.execPath, path.join(ROOT, 'bin', 'cdk8s-gateway-api')];
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-inputs-'));
const base = command();
const hasTime = fs.existsSync(TIME);
console.log(`node ${process.version}; ${base.length > 2 ? 'compiled lib/' : 'sources via ts-node'}; limits ${LIMIT_MS / 1000} s, ${LIMIT_KIB / 1024} MiB${hasTime ? '' : ' (no /usr/bin/time: memory not measured)'}`);
console.log(['input', 'exit', 'expected', 's', 'peak MiB', 'verdict', 'first line of output'].join('\t'));
let failures = 0;
try {
  for (const c of CASES) {
    const input = c.make(dir);
    const argv = [...base, 'validate', input];
    const [cmd, ...args] = hasTime ? [TIME, '-f', '%M', ...argv] : argv;
    const start = Date.now();
    const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', timeout: LIMIT_MS * 2, maxBuffer: 256 * 1024 * 1024 });
    const seconds = (Date.now() - start) / 1000;
    const stderrLines = r.stderr.trimEnd().split('\n');
    const kib = hasTime ? Number(stderrLines.pop()) : NaN;
    const output = `${r.stdout}${stderrLines.join('\n')}`;
    const problems = [
      r.status === null ? `killed (${r.signal ?? 'timeout'})` : undefined,
      r.status !== null && !c.expect.includes(r.status) ? `exit ${r.status}` : undefined,
      /^\s+at .+:\d+:\d+\)?$/m.test(output) ? 'stack trace' : undefined,
      seconds * 1000 > LIMIT_MS ? 'over 30 s' : undefined,
      kib > LIMIT_KIB ? 'over 1 GiB' : undefined,
    ].filter(p => p !== undefined);
    if (problems.length > 0) failures++;
    const first = output.split('\n').find(l => l.trim() !== '') ?? '';
    console.log([c.name, r.status ?? r.signal, c.expect.join('/'), seconds.toFixed(1), Number.isNaN(kib) ? '-' : (kib / 1024).toFixed(0),
      problems.length > 0 ? `FAIL: ${problems.join(', ')}` : 'ok', first.slice(0, 140)].join('\t'));
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(failures === 0 ? 'every input within its limits' : `${failures} input(s) broke a limit`);
process.exitCode = failures === 0 ? 0 : 1;
