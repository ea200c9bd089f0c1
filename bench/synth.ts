/**
 * Synth benchmark: an app with N HTTPRoutes across 50 Gateways, built with this library's L2
 * constructs, versus a bare-L1 app (the generated `cdk8s import` classes) producing the
 * identical objects. Both are timed in this one process (construct + synth to YAML), after a
 * warm-up, as the median of several alternating runs; the outputs are compared byte for byte.
 *
 *   npm run bench                 # N = 500 and 5,000
 *   npm run bench -- 500 5000 20000
 *
 * Prints, per N: L1 and L2 median milliseconds, the L2/L1 ratio, microseconds per route,
 * and the process's peak resident memory.
 */
import { App, Chart, Duration } from 'cdk8s';
import * as gw from '../src';
import * as l1 from '../src/imports/standard/gateway.networking.k8s.io';

const GATEWAYS = 50;
const RUNS = 5;

function hostname(i: number): string {
  return `app-${i}.example.com`;
}

function buildL2(n: number): App {
  const app = new App();
  const chart = new Chart(app, 'bench', { namespace: 'bench' });
  const cls = gw.GatewayClass.fromGatewayClassName(chart, 'Class', 'eg');
  const parents: gw.IRouteParent[] = [];
  for (let g = 0; g < GATEWAYS; g++) {
    const gateway = new gw.Gateway(chart, `Gateway${g}`, { metadata: { name: `gw-${g}` }, gatewayClass: cls });
    parents.push(gateway.addHttpListener({ allowedRoutes: gw.RouteNamespaces.all() }));
  }
  for (let i = 0; i < n; i++) {
    new gw.HttpRoute(chart, `Route${i}`, {
      metadata: { name: `route-${i}` },
      parents: [parents[i % GATEWAYS]],
      hostnames: [hostname(i)],
      rules: [
        {
          matches: [{ path: gw.PathMatch.prefix('/') }],
          backends: [
            gw.Backend.fromServiceName(`app-${i}`, 80, { weight: 90 }),
            gw.Backend.fromServiceName(`app-${i}-canary`, 80, { weight: 10 }),
          ],
        },
        {
          matches: [{ path: gw.PathMatch.prefix('/api'), headers: [gw.HeaderMatch.exact('x-version', 'v2')] }],
          filters: [gw.HttpFilter.requestHeaderModifier({ set: { 'x-env': 'prod' } })],
          backends: [gw.Backend.fromServiceName(`api-${i}`, 8080)],
          timeout: Duration.seconds(10),
        },
      ],
    });
  }
  return app;
}

function buildL1(n: number): App {
  const app = new App();
  const chart = new Chart(app, 'bench', { namespace: 'bench' });
  for (let g = 0; g < GATEWAYS; g++) {
    new l1.Gateway(chart, `Gateway${g}`, {
      metadata: { name: `gw-${g}` },
      spec: {
        gatewayClassName: 'eg',
        listeners: [{
          name: 'http',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: l1.GatewaySpecListenersAllowedRoutesNamespacesFrom.ALL } },
        }],
      },
    });
  }
  for (let i = 0; i < n; i++) {
    new l1.HttpRoute(chart, `Route${i}`, {
      metadata: { name: `route-${i}` },
      spec: {
        parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: `gw-${i % GATEWAYS}`, sectionName: 'http' }],
        hostnames: [hostname(i)],
        rules: [
          {
            matches: [{ path: { type: l1.HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: '/' } }],
            backendRefs: [
              { name: `app-${i}`, port: 80, weight: 90 },
              { name: `app-${i}-canary`, port: 80, weight: 10 },
            ],
          },
          {
            matches: [{
              path: { type: l1.HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: '/api' },
              headers: [{ name: 'x-version', type: l1.HttpRouteSpecRulesMatchesHeadersType.EXACT, value: 'v2' }],
            }],
            filters: [{
              type: l1.HttpRouteSpecRulesFiltersType.REQUEST_HEADER_MODIFIER,
              requestHeaderModifier: { set: [{ name: 'x-env', value: 'prod' }] },
            }],
            backendRefs: [{ name: `api-${i}`, port: 8080 }],
            timeouts: { request: '10s' },
          },
        ],
      },
    });
  }
  return app;
}

function timeOnce(build: (n: number) => App, n: number): { ms: number; yaml: string } {
  const start = process.hrtime.bigint();
  const yaml = build(n).synthYaml();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, yaml };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function gc(): void {
  (global as any).gc?.();
}

function bench(n: number): { n: number; l1: number; l2: number } {
  const warmL1 = timeOnce(buildL1, n);
  const warmL2 = timeOnce(buildL2, n);
  if (warmL1.yaml !== warmL2.yaml) {
    const a = warmL1.yaml.split('\n');
    const b = warmL2.yaml.split('\n');
    const line = a.findIndex((l, k) => l !== b[k]);
    throw new Error(`L1 and L2 outputs differ at line ${line + 1}:\n  L1: ${a[line]}\n  L2: ${b[line]}`);
  }
  const l1Times: number[] = [];
  const l2Times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    gc();
    l1Times.push(timeOnce(buildL1, n).ms);
    gc();
    l2Times.push(timeOnce(buildL2, n).ms);
  }
  return { n, l1: median(l1Times), l2: median(l2Times) };
}

const sizes = process.argv.slice(2).map(Number).filter(x => x > 0);
const results = (sizes.length ? sizes : [500, 5000]).map(bench);
console.log(`node ${process.version}, ${GATEWAYS} Gateways, median of ${RUNS} runs (construct + synthYaml), outputs identical`);
console.log('N\tL1 ms\tL2 ms\tL2/L1\tL2 µs/route');
for (const r of results) {
  console.log(`${r.n}\t${r.l1.toFixed(0)}\t${r.l2.toFixed(0)}\t${(r.l2 / r.l1).toFixed(2)}\t${(r.l2 * 1000 / r.n).toFixed(1)}`);
}
if (results.length >= 2) {
  const [a, b] = [results[0], results[results.length - 1]];
  console.log(`growth ${a.n} → ${b.n} (×${(b.n / a.n).toFixed(0)}): L2 time ×${(b.l2 / a.l2).toFixed(1)}, L1 time ×${(b.l1 / a.l1).toFixed(1)}`);
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
