import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ValidationContext } from 'cdk8s-cli/plugins';
import * as YAML from 'yaml';
import { GatewayApiValidationPlugin } from '../../src/validation/plugin';

/*
 * The cdk8s-cli validation plugin, loaded the way `cdk8s synth` loads it: the entry of
 * examples/validation-plugin/cdk8s.yaml, through cdk8s-cli's own plugin manager (in-process, on
 * the sources) and through `cdk8s synth` itself (a real process, on the compiled lib/).
 */

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'validation-plugin');
const CDK8S = path.join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
// cdk8s-cli exports only `cdk8s-cli/plugins`; its plugin manager is loaded by file path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PluginManager } = require(path.join(ROOT, 'node_modules', 'cdk8s-cli', 'lib', 'plugins', '_manager.js'));

const INVALID = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: shop
  namespace: shop
spec:
  hostnames:
    - Shop.Example.com
  rules:
    - backendRefs:
        - name: orders
      matches:
        - path:
            type: PathPrefix
            value: /api
---
apiVersion: v1
kind: Service
metadata:
  name: orders
spec:
  ports:
    - port: 80
`;

interface Entry {
  readonly package: string;
  readonly class: string;
  readonly version: string;
  readonly properties?: { [key: string]: unknown };
}

const config = YAML.parse(fs.readFileSync(path.join(EXAMPLE, 'cdk8s.yaml'), 'utf8'));
const entry: Entry = config.validations[0];

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-plugin-'));
  fs.writeFileSync(path.join(tmp, 'invalid.k8s.yaml'), INVALID);
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('the example lists the plugin under validations:', () => {
  expect(config.validations).toHaveLength(1);
  expect(entry).toEqual({
    package: './../../lib/validation/plugin.js',
    class: 'GatewayApiValidationPlugin',
    version: '0.0.0',
    properties: { gatewayApiVersion: 'v1.6.1', channel: 'standard' },
  });
  // cdk8s-cli loads a local plugin only from a path starting with ./ (or an absolute one).
  expect(entry.package.startsWith('./')).toBe(true);
});

/** Loads the example's entry with cdk8s-cli's plugin manager, from the sources, and runs it. */
async function runPlugin(manifests: string[], metadata: { [name: string]: { path: string } } = {}) {
  const manager = new PluginManager(path.join(tmp, 'plugins'));
  const source = path.join(ROOT, 'src', 'validation', 'plugin.ts');
  const plugin = manager.load({ pkg: source, version: entry.version, class: entry.class, properties: entry.properties });
  expect(plugin.package.path).toBe(source);
  const context = new ValidationContext(manifests, plugin.package.pkg, plugin.package.version, metadata, false);
  await plugin.instance.validate(context);
  return context.report;
}

describe('through cdk8s-cli\'s plugin manager', () => {
  // The plugin logs a summary line through cdk8s-cli's logger (console.log).
  beforeEach(() => jest.spyOn(console, 'log').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  test('a valid app passes', async () => {
    const report = await runPlugin([path.join(EXAMPLE, 'dist', 'validation-plugin.k8s.yaml')]);
    expect(report.success).toBe(true);
    expect(report.toJson().violations).toEqual([]);
    expect(report.toJson().summary.metadata).toEqual({ gatewayApiVersion: 'v1.6.1', channel: 'standard', objects: '2', problems: '0' });
  });

  test('an invalid app fails, with a violation per problem, its construct path and field', async () => {
    const manifest = path.join(tmp, 'invalid.k8s.yaml');
    const report = await runPlugin([manifest], { shop: { path: 'app/shop/Resource' } });
    expect(report.success).toBe(false);
    const violations = report.toJson().violations;
    const hostname = violations.find(v => /hostnames\[0\]/.test(v.violatingConstructs[0]?.locations[0] ?? ''));
    expect(hostname).toMatchObject({
      recommendation: expect.stringMatching(/^Invalid value: "Shop.Example.com": spec.hostnames\[0\] in body should match/),
      violatingConstructs: [{ resourceName: 'shop', constructPath: 'app/shop/Resource', manifestPath: manifest, locations: ['HTTPRoute shop/shop spec.hostnames[0]'] }],
    });
    const port = violations.find(v => v.recommendation === 'Invalid value: "object": Must have port for Service reference');
    expect(port).toMatchObject({
      ruleName: 'Must have port for Service reference',
      fix: expect.stringMatching(/^Change the object so that this CEL rule of the Gateway API v1.6.1 standard channel CRDs holds: /),
      violatingConstructs: [{ resourceName: 'shop', locations: ['HTTPRoute shop/shop spec.rules[0].backendRefs[0]'] }],
    });
    expect(report.toString()).toMatch(/Status\s*│ failure/);
  });

  test('properties select the release and channel, and are checked', () => {
    expect(() => new GatewayApiValidationPlugin({ channel: 'beta' })).toThrow(/channel must be one of "standard", "experimental", got "beta"/);
    expect(() => new GatewayApiValidationPlugin({ gatewayApiVersion: 'v1.4.0' })).toThrow(/gatewayApiVersion must be one of "v1.6.1", "v1.5.1"/);
    expect(() => new GatewayApiValidationPlugin({ chanel: 'standard' } as any)).toThrow(/unknown properties "chanel"/);
    expect(() => new GatewayApiValidationPlugin({ failOnWarnings: 'yes' } as any)).toThrow(/failOnWarnings must be true or false/);
    expect(() => new GatewayApiValidationPlugin({ gatewayApiVersion: '1.5.1', channel: 'Experimental', implementations: ['envoy-gateway-v1.9.0'] })).not.toThrow();
  });

  test('the channel matters: an experimental kind fails on standard and passes on experimental', async () => {
    const tcp = path.join(tmp, 'tcp.k8s.yaml');
    fs.writeFileSync(tcp, 'apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TCPRoute\nmetadata:\n  name: t\nspec:\n  rules:\n  - backendRefs:\n    - name: s\n      port: 9000\n');
    const context = () => new ValidationContext([tcp], 'p', '0.0.0', {}, false);
    const standard = context();
    await new GatewayApiValidationPlugin({ gatewayApiVersion: 'v1.6.1' }).validate(standard);
    expect(standard.report.success).toBe(false);
    const experimental = context();
    await new GatewayApiValidationPlugin({ channel: 'experimental', crossObject: false }).validate(experimental);
    expect(experimental.report.success).toBe(true);
  });

  test('a manifest that is not YAML fails the report', async () => {
    const bad = path.join(tmp, 'bad.k8s.yaml');
    fs.writeFileSync(bad, 'kind: [\n');
    const context = new ValidationContext([bad], 'p', '0.0.0', {}, false);
    await new GatewayApiValidationPlugin().validate(context);
    expect(context.report.success).toBe(false);
    expect(context.report.toJson().violations[0]).toMatchObject({ ruleName: 'unreadable manifest', recommendation: expect.stringMatching(/bad\.k8s\.yaml:2: /) });
  });
});

// `cdk8s synth` runs the plugin from the compiled library (the example's `package` path), so
// this needs `npx projen compile` (the build compiles before it tests). Without lib/, or with a
// lib/ older than the plugin's sources, it is skipped (the tests above cover the sources).
const compiled = path.join(ROOT, 'lib', 'validation', 'plugin.js');
const sources = ['plugin.ts', 'validator.ts'].map(f => path.join(ROOT, 'src', 'validation', f));
const upToDate = fs.existsSync(compiled) && sources.every(f => fs.statSync(f).mtimeMs <= fs.statSync(compiled).mtimeMs);
if (!upToDate) {
  // eslint-disable-next-line no-console
  console.warn(`skipping cdk8s synth of examples/validation-plugin: ${path.relative(ROOT, compiled)} is ${fs.existsSync(compiled) ? 'older than its sources' : 'missing'} (run npx projen compile)`);
}
const describeCompiled = upToDate ? describe : describe.skip;

describeCompiled('cdk8s synth in examples/validation-plugin (offline, compiled lib/)', () => {
  const synth = (args: string[]) => spawnSync(process.execPath,
    [CDK8S, 'synth', '--no-check-upgrade', '--plugins-dir', path.join(tmp, 'plugins'), ...args],
    { cwd: EXAMPLE, encoding: 'utf8', timeout: 60_000 });

  test('the example app synthesizes and passes validation', () => {
    const out = path.join(tmp, 'pass');
    const r = synth(['--output', out]);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    expect(r.stdout).toMatch(/Performing validations/);
    expect(r.stdout).toMatch(/Validation Report \(.*lib\/validation\/plugin\.js@0\.0\.0\)/);
    expect(r.stdout).toMatch(/Status\s*│ success/);
    expect(r.stdout).toMatch(/Validations ended succesfully/);
    // The same YAML as the committed example output (npm run examples).
    expect(fs.readFileSync(path.join(out, 'validation-plugin.k8s.yaml'), 'utf8'))
      .toBe(fs.readFileSync(path.join(EXAMPLE, 'dist', 'validation-plugin.k8s.yaml'), 'utf8'));
  }, 60_000);

  test('an invalid manifest fails synth (exit 2) with the report', () => {
    const app = `mkdir -p "$CDK8S_OUTDIR" && cp ${JSON.stringify(path.join(tmp, 'invalid.k8s.yaml'))} "$CDK8S_OUTDIR/"`;
    const r = synth(['--app', app, '--output', path.join(tmp, 'fail')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/Status\s*│ failure/);
    expect(r.stdout).toMatch(/Must have port for Service reference/);
    expect(r.stdout).toMatch(/Resource Name: shop/);
    expect(r.stderr).toMatch(/Validation failed/);
  }, 60_000);
});
