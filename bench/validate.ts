/**
 * Validation benchmark: what a user pays for `cdk8s-gateway-api validate FILE`, measured from
 * outside: every run is a fresh `node` process running the compiled CLI (lib/cli/main.js, what
 * the published package's `bin` runs), against a fresh `node` process that reads the same file
 * and parses it with js-yaml `loadAll` (the floor: no validator can skip parsing).
 *
 *   node -r ts-node/register/transpile-only bench/validate.ts               # N = 5,000 and 50,000
 *   node -r ts-node/register/transpile-only bench/validate.ts 5000 20000
 *   RUNS=7 node -r ts-node/register/transpile-only bench/validate.ts 5000
 *   node -r ts-node/register/transpile-only bench/validate.ts --cold-start    # only the cold start
 *   VALIDATE_CLI=../other/lib/cli/main.js node -r ts-node/register/transpile-only bench/validate.ts   # another build
 *
 * Build lib/ first (`npx projen compile`): the benchmark warns of a lib/ older than src/.
 *
 * The input is generated deterministically: N HTTPRoutes (3 rules each: exact and prefix path
 * matches, a method match, exact and regex header matches, a request header modifier, a prefix
 * rewrite, CORS, timeouts, weighted backends) across 20 namespaces, attached to 50 Gateways
 * (HTTP and HTTPS listeners). N = 5,000 gives about 7 MB of YAML. Every object is valid (the run
 * fails otherwise), the common case in CI.
 *
 * Each size runs RUNS rounds (default 5); a round runs the floor and the command alternately.
 * Beside them, the warm figure: the command run again and again in one process (what a long-lived
 * process or an in-process benchmark sees).
 * Time is the CPU time of the whole process (user + system, all threads, from its start to its
 * exit: node's own start-up included), read by a preloaded script when the process exits; wall
 * time and peak resident memory (maxRSS) are reported beside it. Then the cold start: the command
 * on one small file (a Gateway and an HTTPRoute) against `node -e 0`, COLD_RUNS rounds (default 11).
 * Prints medians, ratios, µs/object, peak RSS and the growth between the smallest and largest N.
 */
import * as childProcess from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { median } from './stats';

const RUNS = Number(process.env.RUNS ?? 5);
const COLD_RUNS = Number(process.env.COLD_RUNS ?? 11);
const NAMESPACES = 20;
const GATEWAYS = 50;
const ROOT = path.resolve(__dirname, '..');
/** The compiled CLI measured: this repository's lib/, or another build's (VALIDATE_CLI, to compare two builds). */
const CLI = process.env.VALIDATE_CLI ? path.resolve(process.env.VALIDATE_CLI) : path.join(ROOT, 'lib', 'cli', 'main.js');

function gatewayYaml(g: number): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: gw-${g}
  namespace: infra
  labels:
    app.kubernetes.io/name: edge
    app.kubernetes.io/part-of: bench
spec:
  gatewayClassName: eg
  listeners:
  - name: http
    port: 80
    protocol: HTTP
    allowedRoutes:
      namespaces:
        from: All
  - name: https
    port: 443
    protocol: HTTPS
    hostname: "*.example.com"
    tls:
      mode: Terminate
      certificateRefs:
      - kind: Secret
        name: wildcard-example-com-${g}
    allowedRoutes:
      namespaces:
        from: All
`;
}

function routeYaml(i: number): string {
  const g = i % GATEWAYS;
  const ns = `team-${i % NAMESPACES}`;
  const canary = 5 + (i % 20);
  return `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: app-${i}
  namespace: ${ns}
spec:
  parentRefs:
  - name: gw-${g}
    namespace: infra
    sectionName: https
  hostnames:
  - app-${i}.example.com
  rules:
  - matches:
    - path:
        type: PathPrefix
        value: /api
      headers:
      - type: Exact
        name: x-version
        value: v2
      - type: RegularExpression
        name: x-tenant
        value: "^tenant-[0-9]+$"
    filters:
    - type: RequestHeaderModifier
      requestHeaderModifier:
        set:
        - name: x-env
          value: prod
    - type: URLRewrite
      urlRewrite:
        path:
          type: ReplacePrefixMatch
          replacePrefixMatch: /v2
    backendRefs:
    - name: api-${i}
      port: 8080
      weight: ${100 - canary}
    - name: api-${i}-canary
      port: 8080
      weight: ${canary}
    timeouts:
      request: 10s
  - matches:
    - path:
        type: Exact
        value: /login
      method: POST
    filters:
    - type: CORS
      cors:
        allowOrigins:
        - https://app-${i}.example.com
        - https://*.example.org
        allowMethods:
        - GET
        - POST
        allowHeaders:
        - authorization
        allowCredentials: true
        maxAge: 3600
    backendRefs:
    - name: web-${i}
      port: 80
    timeouts:
      request: 30s
  - matches:
    - path:
        type: PathPrefix
        value: /
    backendRefs:
    - name: web-${i}
      port: 80
`;
}

/** The benchmark input: 50 Gateways (fewer for N < 50) and N routes, `---` separated. */
export function generate(n: number): string {
  const docs: string[] = [];
  for (let g = 0; g < Math.min(GATEWAYS, n); g++) docs.push(gatewayYaml(g));
  for (let i = 0; i < n; i++) docs.push(routeYaml(i));
  return docs.join('---\n');
}

/** Number of objects in `generate(n)`. */
function objectsOf(n: number): number {
  return n + Math.min(GATEWAYS, n);
}

/** Preloaded into every measured process: writes its CPU time and peak RSS when it exits. */
const MEASURE_JS = `'use strict';
const fs = require('fs');
process.on('exit', () => {
  const c = process.cpuUsage();
  fs.writeFileSync(process.env.BENCH_MEASURE_OUT, JSON.stringify({ cpu: (c.user + c.system) / 1000, rss: process.resourceUsage().maxRSS / 1024 }));
});
`;

/** The floor: read the file and parse it with js-yaml (the version the CLI uses), print the document count. */
function floorJs(): string {
  const jsYaml = require.resolve('js-yaml', { paths: [ROOT] });
  return `'use strict';
const text = require('fs').readFileSync(process.argv[2], 'utf8');
const docs = require(${JSON.stringify(jsYaml)}).loadAll(text);
process.stdout.write(String(docs.length));
`;
}

/**
 * The warm figure: the command run RUNS + 1 times in one process (modules loaded, code optimized,
 * caches filled by the runs before), printing the median CPU ms of all runs but the first.
 */
function warmJs(): string {
  return `'use strict';
const { main } = require(${JSON.stringify(CLI)});
const cpu = [];
for (let r = 0; r <= ${RUNS}; r++) {
  const c = process.cpuUsage();
  let err = '';
  const code = main(['validate', process.argv[2]], { out: () => undefined, err: t => { err += t; }, readStdin: () => '', stdinIsTty: true });
  if (code !== 0) throw new Error(err);
  const d = process.cpuUsage(c);
  if (r > 0) cpu.push((d.user + d.system) / 1000);
}
cpu.sort((a, b) => a - b);
process.stdout.write(String(cpu[Math.floor(cpu.length / 2)]));
`;
}

interface Sample {
  /** CPU ms of the whole process. */
  readonly cpu: number;
  readonly wall: number;
  /** Peak RSS, MiB. */
  readonly rss: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
}

class Runner {
  private readonly measure: string;
  private readonly out: string;
  public readonly floor: string;
  public readonly warm: string;

  constructor(public readonly dir: string) {
    this.measure = path.join(dir, 'measure.js');
    this.out = path.join(dir, 'measure.json');
    this.floor = path.join(dir, 'floor.js');
    fs.writeFileSync(this.measure, MEASURE_JS);
    fs.writeFileSync(this.floor, floorJs());
    this.warm = path.join(dir, 'warm.js');
    fs.writeFileSync(this.warm, warmJs());
  }

  /** Runs `node -r measure.js ...args` in a fresh process. */
  public run(args: readonly string[]): Sample {
    fs.rmSync(this.out, { force: true });
    const start = process.hrtime.bigint();
    const r = childProcess.spawnSync(process.execPath, ['-r', this.measure, ...args], {
      env: { ...process.env, BENCH_MEASURE_OUT: this.out, NODE_OPTIONS: '' },
      encoding: 'utf8',
      maxBuffer: 2 ** 30,
    });
    const wall = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.error) throw r.error;
    const m = JSON.parse(fs.readFileSync(this.out, 'utf8'));
    return { cpu: m.cpu, wall, rss: m.rss, stdout: r.stdout, stderr: r.stderr, status: r.status };
  }
}

interface Medians {
  readonly cpu: number;
  readonly wall: number;
  readonly rss: number;
}

function medians(samples: readonly Sample[]): Medians {
  return { cpu: median(samples.map(s => s.cpu)), wall: median(samples.map(s => s.wall)), rss: Math.max(...samples.map(s => s.rss)) };
}

function checkCommand(s: Sample, objects: number): void {
  if (s.status !== 0 || s.stdout !== '' || !s.stderr.startsWith(`${objects} objects in 1 file: all valid`)) {
    throw new Error(`the benchmark input must be valid; validate exited ${s.status}:\n${s.stdout.slice(0, 2000)}${s.stderr.slice(0, 2000)}`);
  }
}

interface SizeResult {
  readonly n: number;
  readonly objects: number;
  readonly mib: number;
  readonly floor: Medians;
  readonly command: Medians;
  /** CPU ms of a warm run (in one process, after a first run). */
  readonly warm: number;
}

function benchSize(runner: Runner, n: number): SizeResult {
  const text = generate(n);
  const file = path.join(runner.dir, `routes-${n}.yaml`);
  fs.writeFileSync(file, text);
  const objects = objectsOf(n);
  const floors: Sample[] = [];
  const commands: Sample[] = [];
  for (let r = 0; r < RUNS; r++) {
    const f = runner.run([runner.floor, file]);
    if (f.status !== 0 || f.stdout !== String(objects)) throw new Error(`js-yaml read ${f.stdout} documents, expected ${objects}: ${f.stderr}`);
    floors.push(f);
    const c = runner.run([CLI, 'validate', file]);
    checkCommand(c, objects);
    commands.push(c);
  }
  const warm = runner.run([runner.warm, file]);
  if (warm.status !== 0) throw new Error(`warm runs failed: ${warm.stderr}`);
  fs.rmSync(file);
  return { n, objects, mib: Buffer.byteLength(text) / 1024 / 1024, floor: medians(floors), command: medians(commands), warm: Number(warm.stdout) };
}

interface Best {
  readonly wall: number;
  readonly cpu: number;
}

/** The fastest run's wall and CPU time (the least disturbed by other load on the machine). */
function best(samples: readonly Sample[]): Best {
  return { wall: Math.min(...samples.map(s => s.wall)), cpu: Math.min(...samples.map(s => s.cpu)) };
}

function benchColdStart(runner: Runner): { node: Medians; command: Medians; nodeBest: Best; commandBest: Best } {
  const file = path.join(runner.dir, 'small.yaml');
  fs.writeFileSync(file, generate(1));
  const nodes: Sample[] = [];
  const commands: Sample[] = [];
  for (let r = 0; r < COLD_RUNS; r++) {
    nodes.push(runner.run(['-e', '0']));
    const c = runner.run([CLI, 'validate', file]);
    checkCommand(c, objectsOf(1));
    commands.push(c);
  }
  return { node: medians(nodes), command: medians(commands), nodeBest: best(nodes), commandBest: best(commands) };
}

/** The .ts files below a directory (relative paths). */
function sources(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap(e => {
    const p = path.join(rel, e.name);
    return e.isDirectory() ? sources(dir, p) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Warns of compiled files of the CLI and validation older than their sources (a stale lib/). */
function checkBuild(): void {
  if (process.env.VALIDATE_CLI) return;
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run "npx projen compile" first`);
  const stale = ['cli', 'validation'].flatMap(d => sources(path.join(ROOT, 'src', d)).map(f => path.join(d, f))).filter(f => {
    const js = path.join(ROOT, 'lib', f.replace(/\.ts$/, '.js'));
    return fs.existsSync(js) && fs.statSync(js).mtimeMs < fs.statSync(path.join(ROOT, 'src', f)).mtimeMs;
  });
  if (stale.length > 0) console.log(`warning: lib/ is older than src/ for ${stale.join(', ')}: run "npx projen compile" first if the command uses them`);
}

const f0 = (x: number) => x.toFixed(0);
const f2 = (x: number) => x.toFixed(2);

function run(): void {
  checkBuild();
  const coldOnly = process.argv.includes('--cold-start');
  const sizes = process.argv.slice(2).map(Number).filter(x => x > 0);
  const ns = coldOnly ? [] : (sizes.length ? sizes : [5000, 50000]).sort((a, b) => a - b);
  const runner = new Runner(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-validate-')));
  try {
    const results = ns.map(n => benchSize(runner, n));
    const cold = benchColdStart(runner);
    console.log(`node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}; each run a fresh process: `
      + `\`node ${path.relative(ROOT, CLI)} validate FILE\` vs \`node floor.js FILE\` (read + js-yaml loadAll); medians of ${RUNS} alternating rounds`);
    console.log('routes\tobjects\tMiB\tjs-yaml CPU ms\tvalidate CPU ms\tCPU ratio\t| wall: js-yaml\tvalidate\tratio\t| µs/object\t| peak RSS MiB: js-yaml\tvalidate\t| warm CPU ms\tratio');
    for (const r of results) {
      console.log([r.n, r.objects, f2(r.mib), f0(r.floor.cpu), f0(r.command.cpu), f2(r.command.cpu / r.floor.cpu),
        `| ${f0(r.floor.wall)}`, f0(r.command.wall), f2(r.command.wall / r.floor.wall),
        `| ${(r.command.cpu * 1000 / r.objects).toFixed(1)}`, `| ${f0(r.floor.rss)}`, f0(r.command.rss), `| ${f0(r.warm)}`, f2(r.warm / r.floor.cpu)].join('\t'));
    }
    if (results.length >= 2) {
      const small = results[0];
      const big = results[results.length - 1];
      console.log(`growth ${small.n} → ${big.n} routes (×${(big.objects / small.objects).toFixed(1)} objects): `
        + `validate CPU ×${(big.command.cpu / small.command.cpu).toFixed(1)}, js-yaml CPU ×${(big.floor.cpu / small.floor.cpu).toFixed(1)}`);
    }
    console.log(`cold start, one small file (1 Gateway, 1 HTTPRoute), medians of ${COLD_RUNS} rounds: `
      + `\`node -e 0\` ${f0(cold.node.wall)} ms wall / ${f0(cold.node.cpu)} ms CPU, validate ${f0(cold.command.wall)} ms wall / ${f0(cold.command.cpu)} ms CPU: `
      + `+${f0(cold.command.wall - cold.node.wall)} ms wall, +${f0(cold.command.cpu - cold.node.cpu)} ms CPU; peak RSS ${f0(cold.node.rss)} / ${f0(cold.command.rss)} MiB`);
    console.log(`  best runs: \`node -e 0\` ${f0(cold.nodeBest.wall)} ms wall / ${f0(cold.nodeBest.cpu)} ms CPU, validate ${f0(cold.commandBest.wall)} ms wall / `
      + `${f0(cold.commandBest.cpu)} ms CPU: +${f0(cold.commandBest.wall - cold.nodeBest.wall)} ms wall, +${f0(cold.commandBest.cpu - cold.nodeBest.cpu)} ms CPU`);
    console.log('(CPU: user + system time of the whole process, all threads; peak RSS: the largest of the runs; '
      + `warm: the command again in a process that ran it before, median of ${RUNS}, against the cold js-yaml process)`);
  } finally {
    fs.rmSync(runner.dir, { recursive: true, force: true });
  }
}

if (require.main === module) run();
