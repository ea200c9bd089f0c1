import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../support/run-cli';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'migrate-ingress');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'explain-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const explain = (...argv: string[]) => runCli(['explain', ...argv], { cwd: EXAMPLE });

describe('explain', () => {
  test('prints the decision path of a Gateway API request: listener, route, rule, filters, backends, result', () => {
    const run = explain('dist/', 'GET https://shop.example.com/checkout?x=1');
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
    const lines = run.out.split('\n');
    expect(lines[0]).toBe('GET https://shop.example.com/checkout?x=1  (Gateway API)');
    expect(lines.map(l => l.trim().split(/\s+/)[0]).slice(1, 7)).toEqual(['listener', 'route', 'rule', 'filter', 'filter', 'backend']);
    expect(run.out).toMatch(/^ {2}listener +Gateway shop\/nginx listener https-shop-example-com — HTTPS port 443/m);
    expect(run.out).toMatch(/^ {2}result +200 to Service shop\/checkout:8081 100% as \/checkout\?x=1 \(Host shop\.example\.com\)$/m);
  });

  test('shows the redirect of plain HTTP with its status and Location', () => {
    const run = explain('dist/', 'http://shop.example.com/checkout');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^ {2}result +308 redirect to https:\/\/shop\.example\.com\/checkout$/m);
  });

  test('--ingress asks the ingress-nginx model; canary header and cookie options are read', () => {
    const run = explain('--ingress', 'ingresses.yaml', 'GET https://shop.example.com/', '-H', 'X-Canary: always');
    expect(run.code).toBe(0);
    expect(run.out.split('\n')[0]).toBe('GET https://shop.example.com/ [X-Canary: always]  (ingress-nginx)');
    expect(run.out).toMatch(/^ {2}result +200 to Service shop\/web-v2:80 100% as \/ \(Host shop\.example\.com\)$/m);
    const never = explain('--ingress', 'ingresses.yaml', 'https://shop.example.com/', '--header', 'X-Canary: never');
    expect(never.out).toMatch(/^ {2}result +200 to Service shop\/web:80 100%/m);
  });

  test('--json prints the request and the whole outcome', () => {
    const run = explain('dist/', 'GET https://shop.example.com/checkout', '--json');
    const json = JSON.parse(run.out);
    expect(json.request).toEqual({ url: 'https://shop.example.com/checkout', method: 'GET' });
    expect(json.model).toBe('gateway-api');
    expect(json.outcome).toMatchObject({
      status: 200,
      backends: [{ kind: 'Service', namespace: 'shop', name: 'checkout', port: '8081', weight: 1 }],
      upstreamPath: '/checkout',
      source: 'HTTPRoute shop/shop-shop-example-com',
    });
  });

  test('an unknown host is a 404 with no backend', () => {
    expect(explain('dist/', 'http://nowhere.example/').out).toMatch(/^ {2}result +404 \(no backend\)$/m);
  });

  test.each([
    [['dist/'], /no request/],
    [['dist/', 'GET https://a.example/', 'GET https://b.example/'], /one request at a time \(got 2\)/],
    [['GET https://a.example/'], /no input/],
    [['dist/', 'GET https://a.example/', '-H', 'no colon'], /-H "no colon": write "Name: value"/],
    [['dist/', 'GET https://a.example/', '--cookie', 'novalue'], /--cookie "novalue": write name=value/],
    [['dist/', 'GET https://a.example/', '--profile', 'haproxy'], /--profile haproxy: use standard, envoy-gateway, nginx-gateway-fabric/],
  ])('bad usage %j exits 2 with the reason', (argv, pattern) => {
    const run = explain(...argv);
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err).toMatch(pattern);
    expect(run.err).toMatch(/Run "cdk8s-gateway-api explain --help" for usage\.\n$/);
  });

  test('a malformed YAML input exits 2 with file:line:column', () => {
    fs.writeFileSync(path.join(tmp, 'bad.yaml'), 'kind: HTTPRoute\nmetadata: {name: [\n');
    const run = runCli(['explain', 'bad.yaml', 'http://a.example/'], { cwd: tmp });
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^bad\.yaml:\d+:\d+: /);
  });

  test('--help shows an example', () => {
    const run = explain('--help');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Usage: cdk8s-gateway-api explain/);
    expect(run.out).toMatch(/Example:\n {2}cdk8s-gateway-api explain dist\//);
  });
});
