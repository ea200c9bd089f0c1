/**
 * Synth benchmark: what a user pays for `cdk8s synth` of an app of N HTTPRoutes (3 rules each)
 * across 50 Gateways, measured from outside. Every run is a fresh `node` process (cold: node's
 * start-up, loading cdk8s and the compiled library, constructing, `app.synth()` writing the
 * manifest) running bench/synth-app.ts transpiled to plain JavaScript, in three variants:
 *
 *   l1   the generated L1 classes only, producing the identical JSON (the floor)
 *   off  this library's L2 constructs, synth-time validation disabled
 *   on   this library's L2 constructs, synth-time validation on (the default)
 *
 *   node -r ts-node/register/transpile-only bench/synth.ts                  # N = 500 and 5,000
 *   node -r ts-node/register/transpile-only bench/synth.ts --n 5000,50000
 *   RUNS=7 WARM=3 node -r ts-node/register/transpile-only bench/synth.ts --n 5000
 *
 * Build lib/ first (`npx projen compile`): the benchmark refuses a lib/ older than src/
 * (BENCH_LIB=/abs/dir measures another build of src/ instead).
 *
 * Each size runs RUNS rounds (default 5); a round runs the three variants one after the other.
 * Time is the CPU time of the whole process (user + system, all threads, from its start to its
 * exit), read by a preloaded script when the process exits; wall time and peak resident memory
 * (maxRSS) are reported beside it. The three outputs are compared byte for byte in every round.
 * The warm figure (WARM in-process repetitions after a warm-up, default 3, median wall time of
 * build + synth, modules loaded and caches filled) is measured once per variant beside it.
 * Prints medians, ratios to L1, µs/route, peak RSS and the growth between the smallest and
 * largest N.
 */
import * as childProcess from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { median } from './stats';

const RUNS = Number(process.env.RUNS ?? 5);
const WARM = Number(process.env.WARM ?? 3);
const ROOT = path.resolve(__dirname, '..');
const LIB = process.env.BENCH_LIB ?? path.join(ROOT, 'lib');
/** Under node_modules' reach (and git-ignored), so the measured process resolves cdk8s as an app does. */
const WORK = path.join(ROOT, 'bench', 'results');
const VARIANTS = ['l1', 'off', 'on'] as const;
type Variant = typeof VARIANTS[number];

/** Preloaded into every measured process: writes its CPU time and peak RSS when it exits. */
const MEASURE_JS = `'use strict';
const fs = require('fs');
process.on('exit', () => {
  const c = process.cpuUsage();
  fs.writeFileSync(process.env.BENCH_MEASURE_OUT, JSON.stringify({ cpu: (c.user + c.system) / 1000, rss: process.resourceUsage().maxRSS / 1024 }));
});
`;

interface Sample {
  /** CPU ms of the whole process. */
  readonly cpu: number;
  readonly wall: number;
  /** Peak RSS, MiB. */
  readonly rss: number;
  /** Wall ms of the phases inside the process. */
  readonly load: number;
  readonly construct: number;
  readonly synth: number;
  /** Warm runs' wall ms. */
  readonly warm: number[];
}

class Runner {
  private readonly measure: string;
  private readonly out: string;
  public readonly app: string;

  constructor(public readonly dir: string) {
    this.measure = path.join(dir, 'measure.js');
    this.out = path.join(dir, 'measure.json');
    this.app = path.join(WORK, `synth-app-${process.pid}.js`);
    fs.writeFileSync(this.measure, MEASURE_JS);
    const source = fs.readFileSync(path.join(__dirname, 'synth-app.ts'), 'utf8');
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    fs.mkdirSync(WORK, { recursive: true });
    fs.writeFileSync(this.app, js);
  }

  /** Runs one variant in a fresh process; returns its measures and the manifest it wrote. */
  public run(variant: Variant, n: number, warm = 0): { sample: Sample; manifest: Buffer } {
    const outdir = path.join(this.dir, `out-${variant}`);
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.rmSync(this.out, { force: true });
    const start = process.hrtime.bigint();
    const r = childProcess.spawnSync(process.execPath, [...(warm > 0 ? ['--expose-gc'] : []), '-r', this.measure, this.app, variant, String(n), outdir, String(warm)], {
      env: { ...process.env, BENCH_MEASURE_OUT: this.out, BENCH_LIB: LIB, NODE_OPTIONS: '' },
      encoding: 'utf8',
      maxBuffer: 1024 * 1024 * 1024,
    });
    const wall = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`${variant} N=${n} exited ${r.status}:\n${r.stdout.slice(0, 2000)}${r.stderr.slice(0, 4000)}`);
    if (r.stderr !== '') throw new Error(`${variant} N=${n} printed on stderr:\n${r.stderr.slice(0, 4000)}`);
    const m = JSON.parse(fs.readFileSync(this.out, 'utf8'));
    const phases = JSON.parse(r.stdout);
    const files = fs.readdirSync(outdir);
    if (files.length !== 1) throw new Error(`${variant} wrote ${files.join(', ')}, expected one manifest`);
    const manifest = fs.readFileSync(path.join(outdir, files[0]));
    fs.rmSync(outdir, { recursive: true, force: true });
    return { sample: { cpu: m.cpu, wall, rss: m.rss, ...phases }, manifest };
  }

  public dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.rmSync(this.app, { force: true });
  }
}

interface Medians {
  readonly cpu: number;
  readonly wall: number;
  readonly rss: number;
  readonly load: number;
  readonly construct: number;
  readonly synth: number;
  /** Median warm wall ms (build + synth in a warmed-up process). */
  warm?: number;
}

function medians(samples: readonly Sample[]): Medians {
  const of = (k: 'cpu' | 'wall' | 'load' | 'construct' | 'synth') => median(samples.map(s => s[k]));
  return { cpu: of('cpu'), wall: of('wall'), load: of('load'), construct: of('construct'), synth: of('synth'), rss: median(samples.map(s => s.rss)) };
}

/** Throws, naming the first differing line, unless the manifests are byte-identical. */
function checkIdentical(a: Buffer, b: Buffer, what: string): void {
  if (a.equals(b)) return;
  const la = a.toString('utf8').split('\n');
  const lb = b.toString('utf8').split('\n');
  const line = la.findIndex((l, k) => l !== lb[k]);
  throw new Error(`${what}: outputs differ at line ${line + 1}:\n  ${la[line]}\n  ${lb[line]}`);
}

function benchSize(runner: Runner, n: number): { n: number; results: Record<Variant, Medians> } {
  const samples: Record<Variant, Sample[]> = { l1: [], off: [], on: [] };
  for (let r = 0; r < RUNS; r++) {
    const manifests = VARIANTS.map(v => {
      const { sample, manifest } = runner.run(v, n);
      samples[v].push(sample);
      return manifest;
    });
    checkIdentical(manifests[0], manifests[1], `N=${n} l1 vs off`);
    checkIdentical(manifests[0], manifests[2], `N=${n} l1 vs on`);
  }
  const results = Object.fromEntries(VARIANTS.map(v => [v, medians(samples[v])])) as Record<Variant, Medians>;
  if (WARM > 0) {
    for (const v of VARIANTS) results[v].warm = median(runner.run(v, n, WARM).sample.warm);
  }
  return { n, results };
}

/** The .ts files below a directory (relative paths). */
function sources(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap(e => {
    const p = path.join(rel, e.name);
    return e.isDirectory() ? sources(dir, p) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The source directories of the modules the measured app loads. */
const LOADED = ['core', 'gateway', 'grants', 'routes', 'validation', 'imports/standard'];

/** Refuses a lib/ whose compiled files of the modules the app loads are older than their sources (or missing). */
function checkBuild(): void {
  if (!fs.existsSync(path.join(LIB, 'index.js'))) throw new Error(`${LIB}/index.js is missing: run "npx projen compile" first`);
  if (process.env.BENCH_LIB) return;
  const stale = ['index.ts', ...LOADED.flatMap(d => sources(path.join(ROOT, 'src', d)).map(f => path.join(d, f)))].filter(f => {
    const js = path.join(LIB, f.replace(/\.ts$/, '.js'));
    return !fs.existsSync(js) || fs.statSync(js).mtimeMs < fs.statSync(path.join(ROOT, 'src', f)).mtimeMs;
  });
  if (stale.length > 0) throw new Error(`lib/ is older than src/ (${stale.slice(0, 3).join(', ')}...): run "npx projen compile" first`);
}

function sizesOf(argv: readonly string[]): number[] {
  const k = argv.indexOf('--n');
  const raw = k >= 0 ? argv[k + 1] ?? '' : argv.filter(a => /^\d+$/.test(a)).join(',');
  const sizes = raw.split(',').map(Number).filter(x => x > 0);
  return (sizes.length ? sizes : [500, 5000]).sort((a, b) => a - b);
}

const f0 = (x: number) => x.toFixed(0);
const f2 = (x: number) => x.toFixed(2);

function run(): void {
  checkBuild();
  const ns = sizesOf(process.argv.slice(2));
  const runner = new Runner(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-')));
  try {
    const all = ns.map(n => benchSize(runner, n));
    console.log(`node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}; each run a fresh process `
      + `(load cdk8s + ${path.relative(ROOT, LIB) || LIB}, construct, app.synth() to a file); N HTTPRoutes × 3 rules across 50 Gateways; `
      + `medians of ${RUNS} interleaved rounds; outputs byte-identical`);
    console.log('routes\tvariant\tCPU ms\t×L1\twall ms\t×L1\tµs/route\tpeak RSS MiB\t×L1\t| load\tconstruct\tsynth ms (wall)\t| warm ms\t×L1');
    for (const { n, results } of all) {
      const l1 = results.l1;
      for (const v of VARIANTS) {
        const r = results[v];
        console.log([n, v, f0(r.cpu), f2(r.cpu / l1.cpu), f0(r.wall), f2(r.wall / l1.wall), (r.cpu * 1000 / n).toFixed(1),
          f0(r.rss), f2(r.rss / l1.rss), `| ${f0(r.load)}`, f0(r.construct), f0(r.synth),
          r.warm === undefined ? '|' : `| ${f0(r.warm)}`, r.warm === undefined || l1.warm === undefined ? '' : f2(r.warm / l1.warm)].join('\t'));
      }
    }
    if (all.length >= 2) {
      const small = all[0];
      const big = all[all.length - 1];
      console.log(`growth ${small.n} → ${big.n} routes (×${(big.n / small.n).toFixed(1)}): CPU `
        + VARIANTS.map(v => `${v} ×${(big.results[v].cpu / small.results[v].cpu).toFixed(1)}`).join(', '));
    }
    console.log('(CPU: user + system time of the whole process, all threads; peak RSS: maxRSS, median of the runs; '
      + 'load/construct/synth: wall time of the phases inside the process; warm: build + synth repeated in one process)');
  } finally {
    runner.dispose();
  }
}

run();
