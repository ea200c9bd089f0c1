/**
 * The measured process of the synth benchmark (bench/synth.ts transpiles this file to plain
 * JavaScript and runs it with `node`, so no TypeScript tooling is loaded): it loads cdk8s and the
 * compiled library (`BENCH_LIB`, lib/ by default), builds an app of N HTTPRoutes (3 rules each)
 * across 50 Gateways and writes it with `app.synth()`, like `cdk8s synth`.
 *
 *   node bench/results/synth-app.js VARIANT N OUTDIR [WARM]
 *
 * VARIANT: `l1` (the generated L1 classes only, the same JSON: the floor), `off` (L2 constructs,
 * synth-time validation disabled), `on` (L2 constructs, validation on, the default).
 * WARM > 0 repeats build + synth WARM times in this process (after one warm-up run).
 * Prints one JSON line: the wall ms of loading the modules, constructing and synthesizing
 * (the last run), and the wall ms of each warm run.
 */
import type * as Cdk8s from 'cdk8s';
import type * as Gw from '../src';
import type * as L1 from '../src/imports/standard/gateway.networking.k8s.io';

const GATEWAYS = 50;

type Variant = 'l1' | 'off' | 'on';

function hostname(i: number): string {
  return `app-${i}.example.com`;
}

function buildL2(cdk8s: typeof Cdk8s, gw: typeof Gw, n: number, outdir: string, validation: boolean): Cdk8s.App {
  const app = new cdk8s.App({ outdir });
  if (!validation) gw.GatewayApiValidation.configure(app, { disabled: true });
  const chart = new cdk8s.Chart(app, 'bench', { namespace: 'bench' });
  const cls = gw.GatewayClass.fromGatewayClassName(chart, 'Class', 'eg');
  const parents: Gw.IRouteParent[] = [];
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
          timeout: cdk8s.Duration.seconds(10),
        },
        {
          matches: [{ path: gw.PathMatch.exact('/healthz') }],
          backends: [gw.Backend.fromServiceName(`app-${i}`, 80)],
        },
      ],
    });
  }
  return app;
}

function buildL1(cdk8s: typeof Cdk8s, l1: typeof L1, n: number, outdir: string): Cdk8s.App {
  const app = new cdk8s.App({ outdir });
  const chart = new cdk8s.Chart(app, 'bench', { namespace: 'bench' });
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
          {
            matches: [{ path: { type: l1.HttpRouteSpecRulesMatchesPathType.EXACT, value: '/healthz' } }],
            backendRefs: [{ name: `app-${i}`, port: 80 }],
          },
        ],
      },
    });
  }
  return app;
}

function main(): void {
  const [variant, nArg, outdir, warmArg] = process.argv.slice(2) as [Variant, string, string, string?];
  const n = Number(nArg);
  const warm = Number(warmArg ?? 0);
  const lib = process.env.BENCH_LIB!;
  const ms = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;

  let t = process.hrtime.bigint();
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded here so that the load is timed */
  const cdk8s: typeof Cdk8s = require('cdk8s');
  const build: () => Cdk8s.App = variant === 'l1'
    ? ((l1: typeof L1) => () => buildL1(cdk8s, l1, n, outdir))(require(`${lib}/imports/standard/gateway.networking.k8s.io`))
    : ((gw: typeof Gw) => () => buildL2(cdk8s, gw, n, outdir, variant === 'on'))(require(lib));
  /* eslint-enable @typescript-eslint/no-require-imports */
  const load = ms(t);

  const runs: number[] = [];
  let construct = 0;
  let synth = 0;
  for (let r = 0; r < (warm > 0 ? warm + 1 : 1); r++) {
    (global as any).gc?.();
    t = process.hrtime.bigint();
    const app = build();
    construct = ms(t);
    const s = process.hrtime.bigint();
    app.synth();
    synth = ms(s);
    if (r > 0) runs.push(ms(t));
  }
  process.stdout.write(JSON.stringify({ load, construct, synth, warm: runs }));
}

main();
