/**
 * Validation benchmark: the whole `cdk8s-gateway-api validate` command path, run in-process on
 * one multi-document YAML file (read → parse → validate → format), against parsing the same
 * text with js-yaml `loadAll` (the floor: no validator can skip parsing).
 *
 *   node --expose-gc -r ts-node/register/transpile-only bench/validate.ts              # N = 5,000 and 500
 *   node --expose-gc -r ts-node/register/transpile-only bench/validate.ts 5000 20000
 *
 * The input is generated deterministically: N HTTPRoutes (3 rules each: exact and prefix path
 * matches, a method match, exact and regex header matches, a request header
 * modifier, a prefix rewrite, CORS, timeouts, weighted backends) across 20 namespaces, plus one
 * Gateway per 100 routes (HTTP and HTTPS listeners). N = 5,000 gives about 7 MB of YAML. Every
 * object is valid (the run fails otherwise), the common case in CI.
 *
 * The largest N is measured first: its first command run is the cold one (CRD data decoded, every
 * CEL rule compiled), as in a fresh process. Then both sides run alternately, RUNS times, and
 * the medians (and the best runs, steadier on a busy machine) are compared. Prints the ratio
 * command / js-yaml, the cost per object, growth between the sizes, and peak resident memory.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as jsyaml from 'js-yaml';
import { main } from '../src/cli/main';

const RUNS = 7;
const NAMESPACES = 20;
const ROUTES_PER_GATEWAY = 100;

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
  const g = Math.floor(i / ROUTES_PER_GATEWAY);
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

/** The benchmark input: N routes and their Gateways, `---` separated. */
export function generate(n: number): string {
  const docs: string[] = [];
  for (let g = 0; g < Math.ceil(n / ROUTES_PER_GATEWAY); g++) docs.push(gatewayYaml(g));
  for (let i = 0; i < n; i++) docs.push(routeYaml(i));
  return docs.join('---\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** CPU milliseconds (user + system, all threads of the process) since `start`. */
function cpuMs(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

function gc(): void {
  (global as any).gc?.();
}

interface Sample {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  readonly ms: number;
  readonly cpu: number;
}

/** One run of the whole command, reading the file, writing its output to strings. */
function runCommand(file: string): Sample {
  let out = '';
  let err = '';
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const code = main(['validate', file], {
    out: t => { out += t; },
    err: t => { err += t; },
    readStdin: () => '',
    stdinIsTty: true,
  });
  return { code, out, err, ms: ms(start), cpu: cpuMs(cpu) };
}

function runJsYaml(text: string): { ms: number; cpu: number; docs: number } {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const docs = jsyaml.loadAll(text).length;
  return { ms: ms(start), cpu: cpuMs(cpu), docs };
}

interface Result {
  readonly n: number;
  readonly objects: number;
  readonly mib: number;
  readonly cold?: number;
  readonly yaml: number;
  readonly command: number;
  readonly yamlCpu: number;
  readonly commandCpu: number;
  readonly yamlBest: number;
  readonly commandBest: number;
}

/** Peak RSS right after the cold run (before the repeated runs add garbage). */
let coldRss: number | undefined;

function bench(n: number, dir: string, cold: boolean): Result {
  const text = generate(n);
  const file = path.join(dir, `routes-${n}.yaml`);
  fs.writeFileSync(file, text);
  const objects = n + Math.ceil(n / ROUTES_PER_GATEWAY);

  let coldMs: number | undefined;
  if (cold) {
    gc();
    const first = runCommand(file);
    coldMs = first.ms;
    coldRss = process.resourceUsage().maxRSS / 1024;
    check(first, objects);
  }
  const floor = runJsYaml(text);
  if (floor.docs !== objects) throw new Error(`js-yaml read ${floor.docs} documents, expected ${objects}`);
  check(runCommand(file), objects);

  const yaml: { ms: number; cpu: number }[] = [];
  const command: { ms: number; cpu: number }[] = [];
  for (let r = 0; r < RUNS; r++) {
    gc();
    yaml.push(runJsYaml(text));
    gc();
    command.push(runCommand(file));
  }
  return {
    n,
    objects,
    mib: Buffer.byteLength(text) / 1024 / 1024,
    cold: coldMs,
    yaml: median(yaml.map(x => x.ms)),
    command: median(command.map(x => x.ms)),
    yamlCpu: median(yaml.map(x => x.cpu)),
    commandCpu: median(command.map(x => x.cpu)),
    yamlBest: Math.min(...yaml.map(x => x.ms)),
    commandBest: Math.min(...command.map(x => x.ms)),
  };
}

function check(sample: Sample, objects: number): void {
  if (sample.code !== 0 || sample.out !== '') {
    throw new Error(`the benchmark input must be valid; validate exited ${sample.code}:\n${sample.out.slice(0, 2000)}${sample.err}`);
  }
  if (!sample.err.startsWith(`${objects} objects in 1 file: all valid`)) throw new Error(`unexpected summary: ${sample.err}`);
}

function run(): void {
  const sizes = process.argv.slice(2).map(Number).filter(x => x > 0);
  const ns = (sizes.length ? sizes : [5000, 500]).sort((a, b) => b - a);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-validate-'));
  try {
    const results = ns.map((n, k) => bench(n, dir, k === 0));
    console.log(`node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}; whole command in-process (read file, parse, validate, format) vs js-yaml loadAll of the same text; median of ${RUNS} alternating runs`);
    console.log('routes\tobjects\tMiB\tjs-yaml ms\tcommand ms\tratio\tµs/object\tµs/object beyond parse\t| best: js-yaml\tcommand\tratio\t| CPU ratio');
    for (const r of results) {
      console.log([r.n, r.objects, r.mib.toFixed(2), r.yaml.toFixed(0), r.command.toFixed(0), (r.command / r.yaml).toFixed(2),
        (r.command * 1000 / r.objects).toFixed(1), ((r.command - r.yaml) * 1000 / r.objects).toFixed(1),
        `| ${r.yamlBest.toFixed(0)}`, r.commandBest.toFixed(0), (r.commandBest / r.yamlBest).toFixed(2),
        `| ${(r.commandCpu / r.yamlCpu).toFixed(2)}`].join('\t'));
    }
    console.log('(medians of wall-clock time; best: fastest run of each; CPU ratio: medians of process CPU time, all threads)');
    const first = results[0];
    if (first.cold !== undefined) {
      console.log(`cold first run (${first.n} routes, CRD data decoded and CEL rules compiled in it): ${first.cold.toFixed(0)} ms, ratio ${(first.cold / first.yaml).toFixed(2)}`);
    }
    if (results.length >= 2) {
      const small = results[results.length - 1];
      const big = results[0];
      console.log(`growth ${small.n} → ${big.n} routes (×${(big.objects / small.objects).toFixed(1)} objects): command ×${(big.command / small.command).toFixed(1)}, js-yaml ×${(big.yaml / small.yaml).toFixed(1)}`);
    }
    const baseline = coldRss !== undefined ? `; ${coldRss.toFixed(0)} MiB after the cold run, before the repeated runs` : '';
    console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB${baseline} (this process holds ts-node and the generated texts too)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) run();
