/**
 * `migrate` benchmark (issue 11): N ingress-nginx Ingresses (realistic annotation mix, 30% with
 * TLS, 10% canaries, 10% on regex hosts) through `cdk8s-gateway-api migrate` end to end, each run
 * a fresh process as a user runs it (read the YAML, IngressCompat, synth with validation, write
 * the YAML and the report), against `cdk8s-gateway-api validate` of the YAML it wrote (the same
 * process start, YAML reading and validation, without the conversion).
 *
 *   node -r ts-node/register/transpile-only bench/migrate.ts              # N = 200 and 2,000
 *   node -r ts-node/register/transpile-only bench/migrate.ts 200 2000 20000
 *
 * The command runs from the compiled `lib/` when it is newer than every file of `src/` (after
 * `npx projen compile`), else through ts-node (which transpiles the library at start-up: slower);
 * the table says which (`BENCH_LIB=DIR` runs DIR/cli/main.js instead, e.g. a `tsc --outDir DIR`
 * build of the working tree). Wall time is the median of RUNS runs; peak RSS is the largest "Maximum
 * resident set size" GNU time reports (/usr/bin/time -v; "-" without it). Growth is the time of
 * one N over the previous one's (linear cost: growth ≈ the ratio of the Ns; the goal is 10× the
 * input in at most 11× the time). Goal (issue 11): 2,000 Ingresses under 5 s; a slower run sets
 * exit code 1. The same migrate with `--verify` (issue 12: probes asked of the ingress-nginx and
 * Gateway API models) is timed beside it: goal at most 2× migrate's time.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const RUNS = Number(process.env.RUNS ?? 3);
const NAMESPACES = 20;
const ROOT = path.join(__dirname, '..');
const P = 'nginx.ingress.kubernetes.io/';

function backend(name: string, port = 80): any {
  return { service: { name, port: { number: port } } };
}

/** Ingress `i` of the mix: every 10th is on a regex host (use-regex), 3 in 10 have TLS. */
function ingress(i: number): any {
  const ns = `team-${i % NAMESPACES}`;
  const host = `app-${i}.${ns}.example.com`;
  const a: Record<string, string> = {};
  const pick = (mod: number, rest: number) => i % mod === rest;
  let paths: any[] = [
    { path: '/', pathType: 'Prefix', backend: backend(`web-${i}`) },
    { path: '/api', pathType: 'Prefix', backend: backend(`api-${i}`, 8080) },
  ];
  if (pick(10, 1)) {
    a[`${P}use-regex`] = 'true';
    paths = [paths[0], { path: '/api/v[0-9]+/.*', pathType: 'ImplementationSpecific', backend: backend(`api-${i}`, 8080) }];
  } else if (pick(20, 2)) {
    a[`${P}rewrite-target`] = '/$2';
    paths = [{ path: '/api(/|$)(.*)', pathType: 'ImplementationSpecific', backend: backend(`api-${i}`, 8080) }];
  }
  if (pick(7, 0)) {
    a[`${P}enable-cors`] = 'true';
    a[`${P}cors-allow-origin`] = `https://app.${ns}.example.com`;
  }
  if (pick(3, 0)) a[`${P}proxy-body-size`] = ['8m', '50m', '0'][i % 3];
  if (pick(3, 1)) {
    a[`${P}proxy-read-timeout`] = '300';
    a[`${P}proxy-send-timeout`] = '300';
  }
  if (pick(10, 5)) a[`${P}limit-rps`] = '20';
  if (pick(10, 6)) a[`${P}whitelist-source-range`] = '10.0.0.0/8,192.168.0.0/16';
  if (pick(20, 7)) {
    a[`${P}auth-type`] = 'basic';
    a[`${P}auth-secret`] = 'basic-auth';
  } else if (pick(30, 8)) {
    a[`${P}auth-url`] = `http://oauth2-proxy.${ns}.svc.cluster.local:4180/oauth2/auth`;
  }
  if (pick(20, 9)) a[`${P}affinity`] = 'cookie';
  if (pick(25, 11)) a[`${P}ssl-redirect`] = 'false';
  if (pick(50, 13)) a[`${P}permanent-redirect`] = `https://new.${ns}.example.com/`;
  if (pick(100, 23)) a[`${P}configuration-snippet`] = 'more_set_headers "X-Frame-Options: DENY";';
  if (pick(100, 29)) a[`${P}proxy-bodysize`] = '10m';
  const tls = i % 10 < 3;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: `app-${i}`, namespace: ns, annotations: a },
    spec: {
      ingressClassName: 'nginx',
      ...(tls ? { tls: [{ hosts: [host], secretName: `app-${i}-tls` }] } : {}),
      rules: [{ host, http: { paths } }],
    },
  };
}

/** The canary of Ingress `i` (same host and path): by header, then 10% by weight. */
function canary(i: number): any {
  const stable = ingress(i);
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: `app-${i}-canary`, namespace: stable.metadata.namespace, annotations: { [`${P}canary`]: 'true', [`${P}canary-by-header`]: 'X-Canary', [`${P}canary-weight`]: '10' } },
    spec: { ingressClassName: 'nginx', rules: [{ host: stable.spec.rules[0].host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend(`web-${i}-v2`) }] } }] },
  };
}

/** N Ingresses as a `kubectl get ingress -A -o json` List: 9 main Ingresses, then a canary of the 9th. */
export function input(n: number): string {
  const items: any[] = [];
  for (let i = 0; items.length < n; i++) {
    items.push(ingress(i));
    if (i % 9 === 8 && items.length < n) items.push(canary(i));
  }
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
}

/** Whether lib/ is newer than every file of src/ (then the compiled command is run). */
function libIsFresh(): boolean {
  const compiled = path.join(ROOT, 'lib', 'cli', 'main.js');
  if (!fs.existsSync(compiled)) return false;
  const built = fs.statSync(compiled).mtimeMs;
  const newest = (dir: string): number => fs.readdirSync(dir, { withFileTypes: true })
    .reduce((m, e) => Math.max(m, e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs), 0);
  return newest(path.join(ROOT, 'src')) <= built;
}

/** A compiled library elsewhere (`BENCH_LIB=/tmp/x/lib`, from `tsc --outDir /tmp/x/lib`): wins over lib/. */
const OTHER_LIB = process.env.BENCH_LIB;
const COMPILED = OTHER_LIB !== undefined || libIsFresh();
const COMMAND = COMPILED
  ? [process.execPath, path.join(OTHER_LIB ?? path.join(ROOT, 'lib'), 'cli', 'main.js')]
  : [process.execPath, '-r', require.resolve('ts-node/register/transpile-only'), path.join(ROOT, 'src', 'cli', 'main.ts')];
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

interface Run {
  readonly ms: number;
  readonly stderr: string;
  readonly rssMb?: number;
  readonly code: number;
}

function run(args: string[], cwd: string): Run {
  const argv = GNU_TIME ? [GNU_TIME, '-v', ...COMMAND, ...args] : [...COMMAND, ...args];
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'), NODE_PATH: path.join(ROOT, 'node_modules') } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  return { ms, code: r.status ?? -1, stderr: r.stderr ?? '', ...(rss ? { rssMb: Number(rss[1]) / 1024 } : {}) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface Result {
  readonly n: number;
  readonly bytes: number;
  readonly outBytes: number;
  readonly migrateMs: number;
  readonly validateMs: number;
  readonly verifyMs: number;
  readonly probes: string;
  readonly rssMb?: number;
  readonly validateRssMb?: number;
}

function bench(n: number, dir: string): Result {
  const file = path.join(dir, `ingresses-${n}.json`);
  fs.writeFileSync(file, input(n));
  const out = path.join(dir, `gateway-api-${n}.yaml`);
  const migrate: Run[] = [];
  const validate: Run[] = [];
  const verify: Run[] = [];
  for (let r = 0; r < RUNS; r++) {
    const m = run(['migrate', file, '--profile', 'envoy-gateway', '--gateway-class', 'eg', '--report', path.join(dir, `report-${n}.json`), '-o', out, '--quiet'], dir);
    if (m.code !== 0) throw new Error(`migrate of ${n} Ingresses exited ${m.code}:\n${m.stderr}`);
    migrate.push(m);
    const v = run(['validate', out, '--implementation', 'envoy-gateway-v1.9.0'], dir);
    if (v.code !== 0) throw new Error(`validate of the output of ${n} Ingresses exited ${v.code}:\n${v.stderr}`);
    validate.push(v);
    // The same migrate with --verify (issue 12): exit 1 only means an unexpected difference.
    const w = run(['migrate', file, '--profile', 'envoy-gateway', '--gateway-class', 'eg', '--report', path.join(dir, `report-${n}.json`), '-o', out, '--quiet', '--verify-report', path.join(dir, `verify-${n}.json`)], dir);
    if (w.code !== 0 && w.code !== 1) throw new Error(`migrate --verify of ${n} Ingresses exited ${w.code}:\n${w.stderr}`);
    verify.push(w);
  }
  const summary = JSON.parse(fs.readFileSync(path.join(dir, `verify-${n}.json`), 'utf8')).summary;
  const peak = (runs: Run[]) => (runs.every(x => x.rssMb !== undefined) ? Math.max(...runs.map(x => x.rssMb!)) : undefined);
  return {
    n,
    bytes: fs.statSync(file).size,
    outBytes: fs.statSync(out).size,
    migrateMs: median(migrate.map(x => x.ms)),
    validateMs: median(validate.map(x => x.ms)),
    verifyMs: median(verify.map(x => x.ms)),
    probes: `${summary.probes} (${summary.expected} expected, ${summary.unexpected} unexpected)`,
    rssMb: peak(migrate),
    validateRssMb: peak(validate),
  };
}

function main(): void {
  const sizes = process.argv.slice(2).map(Number).filter(x => x > 0);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-migrate-'));
  try {
    const results = (sizes.length ? sizes : [200, 2000]).map(n => bench(n, dir));
    const s = (x: number) => (x / 1000).toFixed(2);
    const mb = (x?: number) => (x === undefined ? '-' : x.toFixed(0));
    console.log(`node ${process.version}, ${os.cpus().length} CPUs; command from ${OTHER_LIB !== undefined ? `${OTHER_LIB} (compiled)` : COMPILED ? 'lib/ (compiled)' : 'src/ through ts-node (lib/ missing or older than src/)'}; `
      + `migrate --profile envoy-gateway, then validate --implementation envoy-gateway-v1.9.0 of its output; median of ${RUNS} fresh processes each`);
    console.log('N\tinput KB\toutput KB\tmigrate s\tvalidate s\tmigrate/validate\tgrowth\tmigrate RSS MB\tvalidate RSS MB\tmigrate --verify s\tverify/migrate\tprobes');
    results.forEach((r, k) => {
      const growth = k === 0 ? '-' : `${(r.migrateMs / results[k - 1].migrateMs).toFixed(1)}x for ${(r.n / results[k - 1].n).toFixed(0)}x`;
      const kb = (bytes: number) => (bytes / 1024).toFixed(0);
      console.log([r.n, kb(r.bytes), kb(r.outBytes), s(r.migrateMs), s(r.validateMs), (r.migrateMs / r.validateMs).toFixed(1),
        growth, mb(r.rssMb), mb(r.validateRssMb), s(r.verifyMs), (r.verifyMs / r.migrateMs).toFixed(2), r.probes].join('\t'));
    });
    const big = results.find(r => r.n === 2000);
    if (big && big.migrateMs > 5000) {
      console.log(`migrate of 2,000 Ingresses took ${s(big.migrateMs)} s, over the 5 s goal`);
      process.exitCode = 1;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) main();
