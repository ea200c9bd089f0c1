/**
 * IngressCompat benchmark (issue 10): N ingress-nginx Ingresses with a realistic annotation mix
 * through `IngressCompat` (Envoy Gateway profile) and `App.synthYaml()` with the synth-time
 * validation on (schema + CEL of Gateway API and Envoy Gateway, cross-object checks), against a
 * floor: a bare synth of the very same output objects as plain `ApiObject`s (no library
 * construct, so no validation) in the same process. The outputs are compared byte for byte.
 *
 *   node --expose-gc -r ts-node/register/transpile-only bench/compat.ts              # N = 200 and 2,000
 *   node --expose-gc -r ts-node/register/transpile-only bench/compat.ts 200 2000 20000
 *
 * Per N: a fresh process (cold) gives its start-up time (node, ts-node and the library, which
 * ts-node transpiles here; the built package loads faster), its first IngressCompat + synth (CRD
 * data decoded and CEL rules compiled on first use) and its whole wall time; then, in this
 * process, the warm median, the floor's median, the warm/floor ratio, microseconds per Ingress,
 * the growth from one N to the next (linear cost: growth ≈ the ratio of the Ns) and peak resident
 * memory. Goal (issue 10): 2,000 Ingresses under 5 s; a slower first or warm run sets exit code 1.
 *
 * The input (`ingresses`) is deterministic: 20 namespaces, about 40% of hosts with TLS, regex
 * paths, rewrites (prefix idiom and capture groups), canary pairs (header and weight), CORS, body
 * size, timeouts, rate limits, IP allow lists, basic and external auth, affinity, redirects, a few
 * snippets (those Ingresses are ignored, as by ingress-nginx) and typos.
 */
import { execFileSync } from 'child_process';
import { ApiObject, App, Chart } from 'cdk8s';
import { GatewayApiValidation, ImplementationProfile, IngressCompat } from '../src';

const RUNS = 5;
const NAMESPACES = 20;

/** The annotation prefix. */
const P = 'nginx.ingress.kubernetes.io/';

function backend(name: string, port = 80): any {
  return { service: { name, port: { number: port } } };
}

/** One Ingress of the mix; `i` picks the features, deterministically. */
function ingress(i: number, ns: string, host: string): any {
  const a: Record<string, string> = {};
  const root = { path: '/', pathType: 'Prefix', backend: backend(`web-${i}`) };
  let paths: any[];
  const pick = (mod: number, rest: number) => i % mod === rest;
  // rewrite-target acts on every path of its Ingress, so rewrites get an Ingress of their own.
  if (pick(10, 1)) {
    a[`${P}use-regex`] = 'true';
    paths = [root, { path: '/api/v[0-9]+/.*', pathType: 'ImplementationSpecific', backend: backend(`api-${i}`, 8080) }];
  } else if (pick(10, 2)) {
    a[`${P}rewrite-target`] = '/$2';
    paths = [{ path: '/api(/|$)(.*)', pathType: 'ImplementationSpecific', backend: backend(`api-${i}`, 8080) }];
  } else if (pick(20, 3)) {
    a[`${P}rewrite-target`] = '/static/$1';
    paths = [{ path: '/assets/(.*)', pathType: 'ImplementationSpecific', backend: backend(`cdn-${i}`) }];
  } else {
    paths = [root, { path: '/api', pathType: 'Prefix', backend: backend(`api-${i}`, 8080) }];
  }
  if (pick(7, 0) || pick(7, 3)) {
    a[`${P}enable-cors`] = 'true';
    a[`${P}cors-allow-origin`] = `https://app.${ns}.example.com`;
  }
  if (pick(3, 0)) a[`${P}proxy-body-size`] = ['8m', '50m', '0'][i % 3];
  if (pick(3, 1)) {
    a[`${P}proxy-read-timeout`] = '300';
    a[`${P}proxy-send-timeout`] = '300';
  }
  if (pick(5, 4)) a[`${P}proxy-connect-timeout`] = '10';
  if (pick(10, 5)) {
    a[`${P}limit-rps`] = '20';
    a[`${P}limit-burst-multiplier`] = '3';
  }
  if (pick(10, 6)) a[`${P}whitelist-source-range`] = '10.0.0.0/8,192.168.0.0/16';
  if (pick(20, 7)) {
    a[`${P}auth-type`] = 'basic';
    a[`${P}auth-secret`] = 'basic-auth';
    a[`${P}auth-realm`] = 'Authentication Required';
  } else if (pick(30, 8)) {
    a[`${P}auth-url`] = `http://oauth2-proxy.${ns}.svc.cluster.local:4180/oauth2/auth`;
    a[`${P}auth-signin`] = `https://auth.${ns}.example.com/oauth2/start`;
  }
  if (pick(20, 9)) {
    a[`${P}affinity`] = 'cookie';
    a[`${P}session-cookie-name`] = 'route';
  } else if (pick(20, 19)) {
    a[`${P}load-balance`] = 'ewma';
  }
  if (pick(25, 11)) a[`${P}ssl-redirect`] = 'false';
  if (pick(50, 13)) a[`${P}permanent-redirect`] = `https://new.${ns}.example.com/`;
  if (pick(50, 17)) a[`${P}app-root`] = '/app';
  if (pick(100, 23)) a[`${P}configuration-snippet`] = 'more_set_headers "X-Frame-Options: DENY";';
  if (pick(100, 29)) a[`${P}proxy-bodysize`] = '10m';
  if (pick(100, 31)) a[`${P}enable-cros`] = 'true';
  const tls = i % 5 < 2;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: `app-${i}`, namespace: ns, creationTimestamp: timestamp(i), annotations: a },
    spec: {
      ingressClassName: 'nginx',
      ...(tls ? { tls: [{ hosts: [host], secretName: `app-${i}-tls` }] } : {}),
      rules: [{ host, http: { paths } }],
    },
  };
}

function timestamp(i: number): string {
  const d = new Date(Date.UTC(2025, 0, 1) + i * 1000);
  return d.toISOString().replace(/\.000Z$/, 'Z');
}

/** The canary of Ingress `i`: by header, then 10% by weight. */
function canary(i: number, ns: string, host: string): any {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: `app-${i}-canary`,
      namespace: ns,
      creationTimestamp: timestamp(i),
      annotations: { [`${P}canary`]: 'true', [`${P}canary-by-header`]: 'X-Canary', [`${P}canary-weight`]: '10' },
    },
    spec: { ingressClassName: 'nginx', rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend(`web-${i}-v2`) }] } }] },
  };
}

/** N Ingresses (every 25th main Ingress has a canary partner, counted in N). */
export function ingresses(n: number): any[] {
  const out: any[] = [];
  for (let i = 0; out.length < n; i++) {
    const ns = `team-${i % NAMESPACES}`;
    const host = `app-${i}.${ns}.example.com`;
    out.push(ingress(i, ns, host));
    if (i % 25 === 14 && out.length < n) out.push(canary(i, ns, host));
  }
  return out;
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function gc(): void {
  (global as any).gc?.();
}

/** IngressCompat + synth with validation; the YAML and the output objects. */
function migrate(objects: any[]): { yaml: string; docs: any[] } {
  const app = new App();
  GatewayApiValidation.configure(app, { printWarnings: false });
  const chart = new Chart(app, 'migrated');
  IngressCompat.fromManifests(chart, 'Ingresses', {
    objects,
    profile: ImplementationProfile.envoyGateway(),
    gatewayClassNames: { nginx: 'eg' },
    printNotices: false,
  });
  const yaml = app.synthYaml();
  return { yaml, docs: chart.toJson() };
}

/** The floor: the same objects as plain ApiObjects, synthesized without any validation. */
function bare(docs: any[]): string {
  const app = new App();
  const chart = new Chart(app, 'migrated');
  docs.forEach((d, k) => new ApiObject(chart, `o${k}`, d));
  return app.synthYaml();
}

/** Child mode: one cold run, printed as JSON; `loadMs` is the time from process start (node, ts-node, the library). */
function child(n: number): void {
  const loadMs = process.uptime() * 1000;
  const input = ingresses(n);
  const run = process.hrtime.bigint();
  const out = migrate(input);
  console.log(JSON.stringify({ loadMs, runMs: ms(run), objects: out.docs.length, rssMb: process.resourceUsage().maxRSS / 1024 }));
}

interface Result {
  readonly n: number;
  readonly objects: number;
  /** Start-up of a fresh process up to the first run: node, ts-node, and the library (transpiled by ts-node here; the built package loads faster). */
  readonly loadMs: number;
  /** The first IngressCompat + synth of the fresh process. */
  readonly coldMs: number;
  readonly coldWallMs: number;
  readonly coldRssMb: number;
  readonly warmMs: number;
  readonly floorMs: number;
}

function cold(n: number): { loadMs: number; ms: number; wallMs: number; rssMb: number } {
  const start = process.hrtime.bigint();
  const out = execFileSync(process.execPath, [...process.execArgv, __filename, '--child', String(n)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = ms(start);
  const r = JSON.parse(out.trim().split('\n').pop()!);
  return { loadMs: r.loadMs, ms: r.runMs, wallMs, rssMb: r.rssMb };
}

function bench(n: number): Result {
  const c = cold(n);
  const input = ingresses(n);
  const first = migrate(input);
  const floorYaml = bare(first.docs);
  if (floorYaml !== first.yaml) {
    const a = first.yaml.split('\n');
    const b = floorYaml.split('\n');
    const line = a.findIndex((x, k) => x !== b[k]);
    throw new Error(`IngressCompat and bare outputs differ at line ${line + 1}:\n  compat: ${a[line]}\n  bare:   ${b[line]}`);
  }
  const warm: number[] = [];
  const floor: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    gc();
    let start = process.hrtime.bigint();
    migrate(input);
    warm.push(ms(start));
    gc();
    start = process.hrtime.bigint();
    bare(first.docs);
    floor.push(ms(start));
  }
  const objects = first.docs.length;
  return { n, objects, loadMs: c.loadMs, coldMs: c.ms, coldWallMs: c.wallMs, coldRssMb: c.rssMb, warmMs: median(warm), floorMs: median(floor) };
}

function main(): void {
  const childAt = process.argv.indexOf('--child');
  if (childAt >= 0) return child(Number(process.argv[childAt + 1]));
  const sizes = process.argv.slice(2).map(Number).filter(x => x > 0);
  const results = (sizes.length ? sizes : [200, 2000]).map(bench);
  const s = (x: number) => (x / 1000).toFixed(2);
  console.log(`node ${process.version}, Envoy Gateway profile, synthYaml with validation; warm and floor: median of ${RUNS} runs; outputs identical`);
  console.log('N\tobjects\tload s\tcold s\tprocess s\twarm s\tfloor s\twarm/floor\tµs/Ingress\tgrowth\tcold RSS MB');
  results.forEach((r, k) => {
    const growth = k === 0 ? '-' : `${(r.warmMs / results[k - 1].warmMs).toFixed(1)}x for ${(r.n / results[k - 1].n).toFixed(0)}x`;
    const ratio = (r.warmMs / r.floorMs).toFixed(1);
    console.log([r.n, r.objects, s(r.loadMs), s(r.coldMs), s(r.coldWallMs), s(r.warmMs), s(r.floorMs), ratio, (r.warmMs * 1000 / r.n).toFixed(0), growth, r.coldRssMb.toFixed(0)].join('\t'));
  });
  console.log(`peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  const big = results.find(r => r.n === 2000);
  if (big && Math.max(big.coldMs, big.warmMs) > 5000) {
    console.log(`2,000 Ingresses took over the 5 s goal (cold ${s(big.coldMs)} s, warm ${s(big.warmMs)} s)`);
    process.exitCode = 1;
  }
}

main();
