import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../support/run-cli';

/*
 * `migrate` and `audit` print the same bytes whatever the order of the input documents: the
 * migrate-ingress example's input (an IngressClass, TLS, regex paths with a rewrite, a canary
 * pair, CORS, a rate limit, a redirect, a snippet, a typo) reversed and shuffled.
 */

const INPUT = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'migrate-ingress', 'ingresses.yaml'), 'utf8');

/** The documents of the input, without the leading comment. */
const DOCUMENTS = INPUT.split(/^---\n/m).map(d => d.replace(/^#.*\n/gm, '')).filter(d => d.trim() !== '');

/** A permutation of the documents from a seed (a linear congruential generator, Fisher-Yates). */
function shuffled(seed: number): string[] {
  const out = [...DOCUMENTS];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-migrate-determinism-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function migrate(documents: string[], dir: string): { out: string; report: string; audit: string; code: number } {
  fs.mkdirSync(path.join(tmp, dir));
  const cwd = path.join(tmp, dir);
  fs.writeFileSync(path.join(cwd, 'ingresses.yaml'), documents.join('---\n'));
  const args = ['ingresses.yaml', '--profile', 'envoy-gateway', '--gateway-class', 'eg'];
  const r = runCli(['migrate', ...args, '--report', 'report.json'], { cwd });
  const audit = runCli(['audit', ...args, '--format', 'json'], { cwd });
  expect(audit.code).toBe(0);
  return { out: r.out, code: r.code, report: fs.readFileSync(path.join(cwd, 'report.json'), 'utf8'), audit: audit.out };
}

test('the input has the documents the shuffles move', () => {
  expect(DOCUMENTS.map(d => /^kind: (\w+)$/m.exec(d)![1])).toEqual(['IngressClass', 'Ingress', 'Ingress', 'Ingress', 'Ingress', 'Ingress', 'Service']);
});

test('documents reversed and shuffled: identical YAML, report and audit', () => {
  const reference = migrate(DOCUMENTS, 'original');
  expect(reference.code).toBe(0);
  expect(reference.out).toMatch(/^apiVersion: gateway\.networking\.k8s\.io\/v1\nkind: Gateway\n/);
  const orders = [[...DOCUMENTS].reverse(), shuffled(1), shuffled(7), shuffled(42)];
  // each order differs from the original (otherwise the test would prove nothing)
  for (const order of orders) expect(order).not.toEqual(DOCUMENTS);
  orders.forEach((order, i) => {
    const got = migrate(order, `order-${i}`);
    expect(got.code).toBe(0);
    expect(got.out).toBe(reference.out);
    expect(got.report).toBe(reference.report);
    expect(got.audit).toBe(reference.audit);
  });
});
