import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { main } from '../../src/cli/main';
import * as convertModule from '../../src/cli/migrate-convert';
import { IngressCompat } from '../../src/compat/ingress-compat';
import { ImplementationProfile } from '../../src/profiles/profile';
import { CliRun, runCli } from '../support/run-cli';

/*
 * `migrate`, run in-process: the report's exact shape, byte-identical output with the
 * IngressCompat construct, exit statuses 0/1/2, positions of YAML errors, no file written on
 * failure, --out-dir, --quiet, --strict, attachment and class options.
 */

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-migrate-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  jest.restoreAllMocks();
});

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

function run(argv: string[], stdin?: string): CliRun {
  return runCli(['migrate', ...argv], { cwd: tmp, stdin });
}

function ingress(namespace: string, name: string, host: string, annotations: Record<string, string> = {}, extra = ''): string {
  const ann = Object.entries(annotations).map(([k, v]) => `\n    nginx.ingress.kubernetes.io/${k}: ${JSON.stringify(v)}`).join('');
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: ${namespace}${ann ? `\n  annotations:${ann}` : ''}
spec:
  ingressClassName: nginx${extra}
  rules:
  - host: ${host}
    http:
      paths:
      - path: /
        pathType: Prefix
        backend: {service: {name: ${name}, port: {number: 80}}}
`;
}

const SMALL = `${ingress('shop', 'web', 'shop.example.com', { 'ssl-redirect': 'false', 'proxy-bodysize': '8m' })}---
# not an Ingress
apiVersion: v1
kind: ConfigMap
metadata: {name: other, namespace: shop}
`;

/** What the construct synthesizes from the same text, as a cdk8s app would. */
function constructOutput(text: string, sourceName: string, props: Record<string, unknown> = {}): { yaml: string; notices: unknown[] } {
  const app = new App();
  const chart = new Chart(app, 'migrated');
  const compat = IngressCompat.fromManifests(chart, 'Ingresses', { manifests: text, sourceName, printNotices: false, ...props });
  return { yaml: app.synthYaml(), notices: compat.notices };
}

function docs(text: string): any[] {
  return parseAllDocuments(text).map(d => d.toJSON());
}

const DEFAULT_NOTICE = (message: RegExp) => ({ ingress: 'gateway/shop/nginx', status: 'unsupported', message: expect.stringMatching(message) });

describe('migrate: output and report', () => {
  test('the report has one notice per annotation key, notices about objects by file:line, and the summary', () => {
    write('in.yaml', SMALL);
    const r = run(['in.yaml', '--report', 'report.json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('migrate: 1 Ingress read from 1 file, 2 objects written; notices: 0 translated, 1 approximate, 10 unsupported, 0 invalid\n');
    const report = JSON.parse(fs.readFileSync(path.join(tmp, 'report.json'), 'utf8'));
    expect(report).toEqual({
      notices: [
        DEFAULT_NOTICE(/^ingress-nginx default body-size-limit: /),
        DEFAULT_NOTICE(/^ingress-nginx default connect-timeout: /),
        DEFAULT_NOTICE(/^ingress-nginx default idle-timeouts: /),
        DEFAULT_NOTICE(/^ingress-nginx default load-balancing: /),
        DEFAULT_NOTICE(/^ingress-nginx default proxy-buffering: /),
        DEFAULT_NOTICE(/^ingress-nginx default request-id: /),
        DEFAULT_NOTICE(/^ingress-nginx default request-timeout: /),
        DEFAULT_NOTICE(/^ingress-nginx default retries: /),
        {
          ingress: 'in.yaml:20',
          status: 'unsupported',
          message: 'ignored: kind ConfigMap is not read by IngressCompat (ConfigMap shop/other at in.yaml:20); if it is the ingress-nginx controller ConfigMap, pass it as the controllerConfig option',
        },
        { ingress: 'shop/web', annotation: 'nginx.ingress.kubernetes.io/proxy-bodysize', status: 'unsupported', message: expect.stringMatching(/did you mean `nginx\.ingress\.kubernetes\.io\/proxy-body-size`\?$/) },
        { ingress: 'shop/web', annotation: 'nginx.ingress.kubernetes.io/ssl-redirect', status: 'approximate', message: expect.stringMatching(/`false`: the rules are also served on HTTP, exactly\.$/) },
      ],
      summary: {
        ingresses: 1,
        objects: 2,
        notices: 11,
        byStatus: { translated: 0, approximate: 1, unsupported: 10, invalid: 0 },
        byAnnotation: [
          { annotation: 'nginx.ingress.kubernetes.io/proxy-bodysize', translated: 0, approximate: 0, unsupported: 1, invalid: 0, total: 1 },
          { annotation: 'nginx.ingress.kubernetes.io/ssl-redirect', translated: 0, approximate: 1, unsupported: 0, invalid: 0, total: 1 },
        ],
        profile: 'standard',
        gatewayApiVersion: 'v1.6.1',
        channel: 'standard',
        files: ['in.yaml'],
        strict: false,
        exitCode: 0,
      },
    });
    // The report file is the JSON, indented, with a final newline; keys in a fixed order.
    expect(fs.readFileSync(path.join(tmp, 'report.json'), 'utf8')).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  test('the same input gives the same bytes and notices through the construct and the command', () => {
    write('in.yaml', SMALL);
    const r = run(['in.yaml', '--report', 'report.json', '--profile', 'envoy-gateway', '--gateway-class', 'eg']);
    const expected = constructOutput(SMALL, 'in.yaml', { profile: ImplementationProfile.envoyGateway(), gatewayClassNames: { nginx: 'eg' } });
    expect(r.code).toBe(0);
    expect(r.out).toBe(expected.yaml);
    expect(r.out).toMatch(/^apiVersion: gateway\.networking\.k8s\.io\/v1\nkind: Gateway\nmetadata:\n {2}name: nginx\n {2}namespace: shop\nspec:\n {2}gatewayClassName: eg\n/);
    expect(JSON.parse(fs.readFileSync(path.join(tmp, 'report.json'), 'utf8')).notices).toEqual(expected.notices);
  });

  test('the HTTPRoute of a plain Ingress, exactly', () => {
    write('in.yaml', ingress('shop', 'web', 'shop.example.com'));
    const r = run(['in.yaml', '-q']);
    expect(r).toEqual({ code: 0, err: '', out: expect.any(String) });
    const objects = docs(r.out);
    expect(objects).toEqual([
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'nginx', namespace: 'shop' }, spec: { gatewayClassName: 'nginx', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } },
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'web-shop-example-com', namespace: 'shop' },
        spec: {
          hostnames: ['shop.example.com'],
          parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'nginx', sectionName: 'http' }],
          rules: [{ backendRefs: [{ name: 'web', port: 80 }], matches: [{ path: { type: 'PathPrefix', value: '/' } }] }],
        },
      },
    ]);
  });

  test('without --report, the notices that are not translated go to stderr before the summary', () => {
    write('in.yaml', ingress('shop', 'web', 'shop.example.com', { 'proxy-bodysize': '8m' }));
    const r = run(['in.yaml', '--profile', 'envoy-gateway']);
    expect(r.code).toBe(0);
    expect(r.err.split('\n')).toEqual([
      expect.stringMatching(/^gateway\/shop\/nginx: approximate: ingress-nginx default idle-timeouts: /),
      expect.stringMatching(/^gateway\/shop\/nginx: approximate: ingress-nginx default retries: /),
      expect.stringMatching(/^shop\/web nginx\.ingress\.kubernetes\.io\/proxy-bodysize: unsupported: `nginx\.ingress\.kubernetes\.io\/proxy-bodysize` is not an ingress-nginx annotation/),
      expect.stringMatching(/^migrate: 1 Ingress read from 1 file, \d+ objects written; notices: \d+ translated, 2 approximate, 1 unsupported, 0 invalid$/),
      '',
    ]);
  });

  test('--quiet prints nothing on stderr and the same YAML', () => {
    write('in.yaml', SMALL);
    const loud = run(['in.yaml']);
    const quiet = run(['in.yaml', '--quiet']);
    expect(quiet).toEqual({ code: 0, out: loud.out, err: '' });
    expect(loud.err).not.toBe('');
  });

  test('-o writes the file and nothing to stdout; - reads stdin', () => {
    const r = run(['-', '-o', 'out.yaml', '-q'], SMALL);
    expect(r).toEqual({ code: 0, out: '', err: '' });
    expect(fs.readFileSync(path.join(tmp, 'out.yaml'), 'utf8')).toBe(constructOutput(SMALL, '<stdin>').yaml);
    expect(fs.readdirSync(tmp)).toEqual(['out.yaml']);
  });

  test('--out-dir writes one file per namespace, together the same objects in the same order', () => {
    write('in/a.yaml', ingress('alpha', 'web', 'a.example.com'));
    write('in/b.yaml', ingress('beta', 'api', 'b.example.com'));
    const all = run(['in', '-q']);
    const r = run(['in', '--out-dir', 'out/gw', '-q']);
    expect(r).toEqual({ code: 0, out: '', err: '' });
    expect(fs.readdirSync(path.join(tmp, 'out/gw'))).toEqual(['alpha.yaml', 'beta.yaml']);
    const alpha = fs.readFileSync(path.join(tmp, 'out/gw/alpha.yaml'), 'utf8');
    const beta = fs.readFileSync(path.join(tmp, 'out/gw/beta.yaml'), 'utf8');
    expect(alpha).toMatch(/^apiVersion: gateway\.networking\.k8s\.io\/v1\nkind: Gateway\nmetadata:\n {2}name: nginx\n {2}namespace: alpha\n/);
    expect(alpha).not.toMatch(/namespace: beta/);
    expect(beta).not.toMatch(/namespace: alpha/);
    // The same objects as on stdout, grouped by namespace, in synth order within each.
    const ns = (o: any): string => o.metadata.namespace;
    const byNamespace = (list: any[]) => [...list].sort((a, b) => (ns(a) < ns(b) ? -1 : ns(a) > ns(b) ? 1 : 0));
    expect([...docs(alpha), ...docs(beta)]).toEqual(byNamespace(docs(all.out)));
    expect(docs(all.out).map(o => o.metadata.namespace)).toEqual(['beta', 'beta', 'alpha', 'alpha']);
  });

  test('a directory is read recursively in sorted order; positions name the file', () => {
    write('in/b/two.yaml', 'apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: x}\n');
    write('in/a.yaml', `${ingress('shop', 'web', 'shop.example.com')}---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n`);
    const r = run(['in', '--report', 'r.json', '-q']);
    expect(r.code).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(tmp, 'r.json'), 'utf8'));
    expect(report.summary.files).toEqual(['in/a.yaml', 'in/b/two.yaml']);
    expect(report.notices.filter((n: any) => n.message.startsWith('ignored:'))).toEqual([
      { ingress: 'in/a.yaml:19', status: 'unsupported', message: 'ignored: kind Pod is not read by IngressCompat (Pod default/p at in/a.yaml:19)' },
      { ingress: 'in/b/two.yaml:1', status: 'unsupported', message: 'ignored: kind Secret is not read by IngressCompat (Secret x/s at in/b/two.yaml:1)' },
    ]);
  });
});

describe('migrate: exit statuses', () => {
  test('2 for malformed YAML, with file:line:column, and no output or report file written', () => {
    write('good.yaml', SMALL);
    write('bad.yaml', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: [a\n  x: }\n');
    const r = run(['good.yaml', 'bad.yaml', '-o', 'out.yaml', '--report', 'r.json']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^bad\.yaml:[45]:\d+: invalid YAML: .+\ncdk8s-gateway-api migrate: 1 input could not be read; nothing written\n$/);
    expect(fs.readdirSync(tmp).sort()).toEqual(['bad.yaml', 'good.yaml']);
  });

  test('2 for a missing input and for binary input; an existing output file is left untouched', () => {
    write('out.yaml', 'old\n');
    fs.writeFileSync(path.join(tmp, 'bin.yaml'), Buffer.from([0x61, 0x00, 0x62]));
    const r = run(['missing.yaml', 'bin.yaml', '-o', 'out.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('missing.yaml: cannot read: no such file or directory\n'
      + 'bin.yaml: not read: binary content (a NUL byte at offset 1); manifests are UTF-8 text, or UTF-16 with a byte order mark\n'
      + 'cdk8s-gateway-api migrate: 2 inputs could not be read; nothing written\n');
    expect(fs.readFileSync(path.join(tmp, 'out.yaml'), 'utf8')).toBe('old\n');
  });

  test('2 when an output cannot be written: no file at all is left (the report neither)', () => {
    write('in.yaml', SMALL);
    const r = run(['in.yaml', '--report', 'r.json', '-o', 'no/such/dir/out.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^cdk8s-gateway-api migrate: cannot write .*no\/such\/dir\/out\.yaml: no such file or directory; nothing written\n$/);
    expect(fs.readdirSync(tmp)).toEqual(['in.yaml']);
  });

  test.each([
    [['--nope'], 'unknown option --nope'],
    [['in.yaml', '--profile', 'istio'], 'option --profile: unknown value "istio" (expected standard, envoy-gateway, nginx-gateway-fabric)'],
    [['in.yaml', '-o', 'a', '--out-dir', 'b'], 'options -o/--output and --out-dir exclude each other'],
    [['in.yaml', '--gateway', 'infra/edge/x'], 'option --gateway: "infra/edge/x" is not NS/NAME[:LISTENER]'],
    [['in.yaml', '--listener-set', 'a/b:c'], 'option --listener-set: "a/b:c" is not NS/NAME'],
    [['in.yaml', '--gateway', 'Infra/edge'], 'option --gateway: "Infra" in "Infra/edge" is not a valid Kubernetes name'],
    [['in.yaml', '--gateway', 'a/b', '--listener-set', 'a/c'], 'options --gateway and --listener-set exclude each other'],
    [['in.yaml', '--gateway', 'a/b', '--gateway-class', 'eg'], 'options --gateway-class and --gateway-class-map apply to the Gateways migrate creates'],
    [['in.yaml', '--gateway-class-map', 'nginx'], 'option --gateway-class-map: "nginx" is not INGRESS_CLASS=GATEWAY_CLASS'],
    [['in.yaml', '--http-listener', 'web'], 'option --http-listener needs --gateway or --listener-set'],
    [['in.yaml', '--gateway-api', 'v1.4.0'], 'option --gateway-api: unknown value "v1.4.0" (expected v1.6.1, v1.5.1)'],
    [['in.yaml', '--strict=yes'], 'option --strict takes no value'],
    [['in.yaml', '--report'], 'option --report needs a value'],
  ])('2 for bad usage %j', (argv, message) => {
    write('in.yaml', SMALL);
    const r = run(argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.startsWith(`cdk8s-gateway-api migrate: ${message}`)).toBe(true);
    expect(r.err).toMatch(/\nRun "cdk8s-gateway-api migrate --help" for usage\.\n$/);
    expect(fs.readdirSync(tmp)).toEqual(['in.yaml']);
  });

  test('2 with no input on a terminal; --help prints the usage with an example', () => {
    expect(runCli(['migrate'], { cwd: tmp, tty: true })).toEqual({ code: 2, out: '', err: expect.stringMatching(/^cdk8s-gateway-api migrate: no input/) });
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: cdk8s-gateway-api migrate \[FILE\|DIR\|-\]\.\.\. \[options\]\n/);
    expect(help.out).toMatch(/\nExample:\n {2}kubectl get ingress,ingressclass,service -A -o yaml > ingresses\.yaml\n/);
  });

  test('--strict: 1 when an annotation is not translated exactly; only the report is written', () => {
    write('in.yaml', ingress('shop', 'web', 'shop.example.com', { 'proxy-bodysize': '8m' }));
    const r = run(['in.yaml', '--strict', '--profile', 'envoy-gateway', '--report', 'r.json', '-o', 'out.yaml']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^strict: shop\/web nginx\.ingress\.kubernetes\.io\/proxy-bodysize: unsupported: .+\nmigrate: 1 Ingress read from 1 file, nothing written \(--strict: 1 notice not translated\); notices: 0 translated, 2 approximate, 1 unsupported, 0 invalid\n$/);
    expect(fs.readdirSync(tmp).sort()).toEqual(['in.yaml', 'r.json']);
    const summary = JSON.parse(fs.readFileSync(path.join(tmp, 'r.json'), 'utf8')).summary;
    expect(summary).toMatchObject({ objects: 0, strict: true, exitCode: 1 });
  });

  test('--strict: 0 when every annotation is translated; the Gateway-default notices stay in the report', () => {
    write('in.yaml', ingress('shop', 'web', 'shop.example.com', { 'whitelist-source-range': '10.0.0.0/8' }));
    const r = run(['in.yaml', '--strict', '--profile', 'envoy-gateway', '--report', 'r.json', '-o', 'out.yaml', '-q']);
    const report = JSON.parse(fs.readFileSync(path.join(tmp, 'r.json'), 'utf8'));
    expect(report.notices.filter((n: any) => n.ingress === 'shop/web')).toEqual([
      { ingress: 'shop/web', annotation: 'nginx.ingress.kubernetes.io/whitelist-source-range', status: 'translated', message: expect.any(String) },
    ]);
    expect(report.notices.filter((n: any) => n.ingress !== 'shop/web').map((n: any) => [n.ingress, n.status])).toEqual([
      ['gateway/shop/nginx', 'approximate'], ['gateway/shop/nginx', 'approximate'],
    ]);
    expect(r).toEqual({ code: 0, out: '', err: '' });
    expect(fs.existsSync(path.join(tmp, 'out.yaml'))).toBe(true);
  });

  test('1 when the output fails validation: the messages name the object, nothing but the report is written', () => {
    const real = convertModule.convert;
    jest.spyOn(convertModule, 'convert').mockImplementation((objects, options) => {
      const conversion = real(objects, options);
      new ApiObject(conversion.chart, 'Broken', {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'broken', namespace: 'shop' },
        spec: { hostnames: ['-bad-'] },
      });
      return conversion;
    });
    write('in.yaml', SMALL);
    const r = run(['in.yaml', '--report', 'r.json', '-o', 'out.yaml', '-q']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^validation: \[migrated\/Broken\] HTTPRoute shop\/broken spec\.hostnames\[0\]: .+\n/);
    expect(r.err).toMatch(/\nmigrate: 1 Ingress read from 1 file, nothing written \(the output fails validation: 1 problem\); notices: .+\n$/);
    expect(fs.readdirSync(tmp).sort()).toEqual(['in.yaml', 'r.json']);
  });
});

describe('migrate: options', () => {
  const route = (out: string) => docs(out).filter(o => o.kind === 'HTTPRoute');
  const tls = '\n  tls:\n  - hosts: [shop.example.com]\n    secretName: shop-tls';

  test('--gateway NS/NAME:LISTENER attaches to the existing Gateway: LISTENER for HTTPS, "http" for HTTP', () => {
    write('in.yaml', ingress('shop', 'web', 'shop.example.com', {}, tls));
    const r = run(['in.yaml', '--gateway', 'infra/edge:websecure', '-q']);
    expect(r.code).toBe(0);
    expect(docs(r.out).map(o => o.kind)).toEqual(['HTTPRoute', 'HTTPRoute']);
    expect(route(r.out).map((o: any) => o.spec.parentRefs)).toEqual([
      [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', namespace: 'infra', sectionName: 'websecure' }],
      [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', namespace: 'infra', sectionName: 'http' }],
    ]);
  });

  test('--listener-set NS/NAME with --http-listener', () => {
    write('in.yaml', ingress('shop', 'web', 'shop.example.com'));
    const r = run(['in.yaml', '--listener-set', 'team/shop', '--http-listener', 'web', '-q']);
    expect(r.code).toBe(0);
    expect(route(r.out).map((o: any) => o.spec.parentRefs)).toEqual([
      [{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'shop', namespace: 'team', sectionName: 'web' }],
    ]);
  });

  test('--gateway-class-map per ingress class, --gateway-class for the others', () => {
    write('in.yaml', `${ingress('a', 'web', 'a.example.com')}---\n${ingress('b', 'api', 'b.example.com').replace('ingressClassName: nginx', 'ingressClassName: internal')}`);
    const r = run(['in.yaml', '--ingress-class', 'nginx', '--ingress-class', 'internal', '--gateway-class-map', 'internal=eg-internal', '--gateway-class', 'eg', '-q']);
    expect(r.code).toBe(0);
    const gateways = docs(r.out).filter((o: any) => o.kind === 'Gateway');
    expect(gateways.map((g: any) => [g.metadata.namespace, g.metadata.name, g.spec.gatewayClassName])).toEqual([
      ['b', 'internal', 'eg-internal'], ['a', 'nginx', 'eg'],
    ]);
  });

  test('--nginx-config changes the defaults; a file that is not a ConfigMap is exit 2 naming it', () => {
    write('in.yaml', ingress('shop', 'web', 'shop.example.com', {}, tls));
    write('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ingress-nginx-controller}\ndata:\n  ssl-redirect: "false"\n');
    write('notcm.yaml', 'apiVersion: v1\nkind: Secret\nmetadata: {name: x}\n');
    const withRedirect = run(['in.yaml', '-q']);
    const without = run(['in.yaml', '--nginx-config', 'cm.yaml', '-q']);
    expect(without.code).toBe(0);
    expect(withRedirect.out).toMatch(/type: RequestRedirect/);
    expect(without.out).not.toMatch(/type: RequestRedirect/);
    const bad = run(['in.yaml', '--nginx-config', 'notcm.yaml']);
    expect(bad).toEqual({
      code: 2,
      out: '',
      err: 'notcm.yaml: expected a v1 ConfigMap, found kind "Secret" apiVersion "v1"; pass the ingress-nginx controller ConfigMap (--nginx-config takes the ingress-nginx controller ConfigMap)\n',
    });
  });

  test('--channel experimental: the standard profile puts retry and sessionPersistence on the rules; --gateway-api v1.5.1 gives the same objects', () => {
    write('in.yaml', ingress('shop', 'web', 'shop.example.com', { 'affinity': 'cookie', 'proxy-next-upstream-tries': '4' }));
    const r = run(['in.yaml', '--channel', 'experimental', '--report', 'r.json', '-q']);
    expect(r.code).toBe(0);
    expect(route(r.out).map((o: any) => o.spec.rules)).toEqual([[{
      backendRefs: [{ name: 'web', port: 80 }],
      matches: [{ path: { type: 'PathPrefix', value: '/' } }],
      retry: { attempts: 3 },
      sessionPersistence: { cookieConfig: { lifetimeType: 'Session' }, sessionName: 'INGRESSCOOKIE', type: 'Cookie' },
    }]]);
    const report = JSON.parse(fs.readFileSync(path.join(tmp, 'r.json'), 'utf8'));
    const statusOf = (key: string) => report.notices.find((n: any) => n.annotation === `nginx.ingress.kubernetes.io/${key}`).status;
    expect([statusOf('affinity'), statusOf('proxy-next-upstream-tries')]).toEqual(['approximate', 'translated']);
    expect(report.summary.channel).toBe('experimental');
    const v15 = run(['in.yaml', '--channel', 'experimental', '--gateway-api', 'v1.5.1', '-q']);
    expect(v15).toEqual({ code: 0, out: r.out, err: '' });
    const standard = run(['in.yaml', '-q']);
    expect(standard.out).not.toMatch(/retry|sessionPersistence/);
  });

  test('progress on a terminal for more than 200 Ingresses, cleared before the summary', () => {
    write('many.yaml', Array.from({ length: 201 }, (_, i) => ingress('ns', `i${i}`, `h${i}.example.com`)).join('---\n'));
    let err = '';
    const code = main(['migrate', 'many.yaml', '-o', 'out.yaml', '--report', 'r.json'], {
      out: () => undefined, err: t => { err += t; }, readStdin: () => undefined, cwd: tmp, stderrIsTty: true,
    });
    expect(code).toBe(0);
    expect(err).toBe('\r\x1b[Kmigrate: converting 201 Ingresses...'
      + '\r\x1b[Kmigrate: validating the output of 201 Ingresses...'
      + '\r\x1b[K'
      + 'migrate: 201 Ingresses read from 1 file, 202 objects written; notices: 0 translated, 0 approximate, 8 unsupported, 0 invalid\n');
  });
});
