import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../support/run-cli';

const INPUT = path.join(__dirname, '..', '..', 'examples', 'migrate-ingress', 'ingresses.yaml');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'migrate-verify-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('migrate --verify', () => {
  test('the example: every differing probe is explained; the JSON report lists each with its notices or divergence', () => {
    const run = runCli(['migrate', INPUT, '--profile', 'envoy-gateway', '--gateway-class', 'eg', '-o', 'out.yaml', '--report', 'r.json', '--verify-report', 'v.json'], { cwd: tmp });
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/^verify: (\d+) probes, (\d+) agree, (\d+) differ as expected \(explained by a notice or a known divergence\), 0 differ unexpectedly$/m);
    const report = JSON.parse(fs.readFileSync(path.join(tmp, 'v.json'), 'utf8'));
    expect(report.summary.unexpected).toBe(0);
    expect(report.summary.probes).toBe(report.summary.agreeing + report.summary.expected);
    expect(report.findings.length).toBe(report.summary.expected);
    for (const f of report.findings) {
      expect(f.expected).toBe(true);
      expect(f.notices.length + f.divergences.length).toBeGreaterThan(0);
      expect(f.differences.length).toBeGreaterThan(0);
    }
    const docs = report.findings.find((f: any) => f.request === 'GET http://docs.example.com/?verify=1');
    expect(docs).toMatchObject({
      differences: [{ field: 'location', ingressNginx: 'https://docs.example.org/shop', gatewayApi: 'https://docs.example.org/shop?verify=1' }],
      notices: [{ ingress: 'shop/docs', annotation: 'nginx.ingress.kubernetes.io/permanent-redirect', status: 'approximate' }],
    });
    const slash = report.findings.find((f: any) => f.request === 'GET http://shop.example.com/');
    expect(slash.divergences).toEqual([expect.stringMatching(/^trailing-slash-in-https-redirect: /)]);
    expect(fs.existsSync(path.join(tmp, 'out.yaml'))).toBe(true);
  });

  test('the text report on standard error lists each difference with the fields and the notice', () => {
    const run = runCli(['migrate', INPUT, '--verify', '-o', 'out2.yaml'], { cwd: tmp });
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/^ {2}expected {3}GET http:\/\/docs\.example\.com\/\?verify=1\n {6}location: ingress-nginx https:\/\/docs\.example\.org\/shop \| Gateway API https:\/\/docs\.example\.org\/shop\?verify=1\n/m);
    expect(run.err).toMatch(/^ {6}notice: shop\/docs nginx\.ingress\.kubernetes\.io\/permanent-redirect \(approximate\): /m);
  });

  test('the probe set and the report are the same for reversed input documents', () => {
    const docs = fs.readFileSync(INPUT, 'utf8').split(/^---$/m);
    fs.writeFileSync(path.join(tmp, 'reversed.yaml'), [...docs].reverse().join('---\n'));
    runCli(['migrate', INPUT, '-o', 'a.yaml', '--verify-report', 'va.json'], { cwd: tmp });
    runCli(['migrate', 'reversed.yaml', '-o', 'b.yaml', '--verify-report', 'vb.json'], { cwd: tmp });
    expect(fs.readFileSync(path.join(tmp, 'vb.json'), 'utf8')).toEqual(fs.readFileSync(path.join(tmp, 'va.json'), 'utf8'));
  });
});
