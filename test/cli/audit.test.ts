import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatCsv, formatJson, formatMarkdown, formatTable, TABLE_WIDTH, wrap } from '../../src/cli/audit-format';
import { escapeHtml, formatHtml, SORT_SCRIPT } from '../../src/cli/audit-html';
import { Audit } from '../../src/cli/audit-model';
import { NoticeStatus } from '../../src/compat/notices';
import { runCli } from '../support/run-cli';

/*
 * `audit`: the inventory of an input through IngressCompat's notices (end to end), then each
 * format's exact text for a fixed audit, escaping, and the HTML page's sorting script.
 */

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-audit-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

const INPUT = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
  annotations:
    nginx.ingress.kubernetes.io/whitelist-source-range: 10.0.0.0/8
    nginx.ingress.kubernetes.io/proxy-bodysize: 8m
spec:
  ingressClassName: nginx
  tls:
  - hosts: [shop.example.com]
    secretName: shop-tls
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend: {service: {name: web, port: {number: 80}}}
  - http:
      paths:
      - path: /
        pathType: Prefix
        backend: {service: {name: web, port: {number: 80}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: legacy
  namespace: old
spec:
  ingressClassName: traefik
  rules:
  - host: old.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend: {service: {name: legacy, port: {number: 80}}}
`;

function audit(args: string[]) {
  fs.writeFileSync(path.join(tmp, 'in.yaml'), INPUT);
  return runCli(['audit', 'in.yaml', '--profile', 'envoy-gateway', ...args], { cwd: tmp });
}

const counts = (translated: number, approximate: number, unsupported: number, invalid: number) => ({ translated, approximate, unsupported, invalid });

describe('audit end to end', () => {
  test('json: every Ingress with class, hosts, TLS hosts, annotation statuses; findings; totals', () => {
    const r = audit(['--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toEqual({
      profile: 'envoy-gateway',
      summary: { ingresses: 2, served: 1, notices: 5, byStatus: counts(1, 2, 2, 0) },
      ingresses: [
        {
          ingress: 'old/legacy',
          class: 'traefik',
          served: false,
          hosts: ['old.example.com'],
          tlsHosts: [],
          byStatus: counts(0, 0, 1, 0),
          annotations: [],
          findings: [{ status: 'unsupported', message: 'skipped: ingress class "traefik" is not served by ingress-nginx here (classes taken: "nginx"); add "traefik" to ingressClasses to include it' }],
        },
        {
          ingress: 'shop/web',
          class: 'nginx',
          served: true,
          hosts: ['*', 'shop.example.com'],
          tlsHosts: ['shop.example.com'],
          byStatus: counts(1, 0, 1, 0),
          annotations: [
            { annotation: 'nginx.ingress.kubernetes.io/proxy-bodysize', status: 'unsupported', message: expect.stringMatching(/^`nginx\.ingress\.kubernetes\.io\/proxy-bodysize` is not an ingress-nginx annotation/) },
            { annotation: 'nginx.ingress.kubernetes.io/whitelist-source-range', status: 'translated', message: expect.stringMatching(/^SecurityPolicy /) },
          ],
        },
      ],
      otherFindings: [
        { ingress: 'gateway/shop/nginx', status: 'approximate', message: expect.stringMatching(/^ingress-nginx default idle-timeouts: /) },
        { ingress: 'gateway/shop/nginx', status: 'approximate', message: expect.stringMatching(/^ingress-nginx default retries: /) },
      ],
      byAnnotation: [
        { annotation: 'nginx.ingress.kubernetes.io/proxy-bodysize', ...counts(0, 0, 1, 0), total: 1 },
        { annotation: 'nginx.ingress.kubernetes.io/whitelist-source-range', ...counts(1, 0, 0, 0), total: 1 },
      ],
    });
  });

  test('table (the default): fits 100 columns; the Ingress rows and totals exactly', () => {
    const r = audit([]);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(Math.max(...lines.map(l => l.length))).toBeLessThanOrEqual(TABLE_WIDTH);
    expect(lines.slice(0, 4)).toEqual([
      'Ingresses: 2 Ingresses (1 served, 1 skipped), profile envoy-gateway',
      'INGRESS     CLASS              TLS  HOSTS               TRANSL  APPROX  UNSUPP  INVALID',
      'old/legacy  traefik (skipped)  no   old.example.com          0       0       1        0',
      'shop/web    nginx              yes  *,shop.example.com       1       0       1        0',
    ]);
    expect(r.out.slice(r.out.indexOf('\nTotals per annotation'))).toBe(`
Totals per annotation
ANNOTATION              TRANSLATED  APPROXIMATE  UNSUPPORTED  INVALID  TOTAL
proxy-bodysize                   0            0            1        0      1
whitelist-source-range           1            0            0        0      1
TOTAL                            1            0            1        0      2

Totals per status
STATUS       NOTICES
translated         1
approximate        2
unsupported        2
invalid            0
total              5
`);
  });

  test('-o writes the report (html: one self-contained page); nothing on stdout', () => {
    const r = audit(['--format', 'html', '-o', 'audit.html']);
    expect(r).toEqual({ code: 0, out: '', err: '' });
    const html = fs.readFileSync(path.join(tmp, 'audit.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>\n/);
    expect(html).toContain('<tfoot><tr id="totals-status-total"><td>total</td><td class="n">5</td></tr></tfoot>');
    expect(html).not.toMatch(/\s(src|href)=/);
  });

  test.each([
    [['--format', 'xml'], 'option --format: unknown value "xml" (expected table, markdown, json, csv, html)'],
    [['--frmat', 'json'], 'unknown option --frmat'],
  ])('2 for bad usage %j', (args, message) => {
    const r = audit(args);
    expect(r).toEqual({ code: 2, out: '', err: `cdk8s-gateway-api audit: ${message}\nRun "cdk8s-gateway-api audit --help" for usage.\n` });
  });

  test('2 for malformed YAML with file:line:column; --help has an example', () => {
    fs.writeFileSync(path.join(tmp, 'bad.yaml'), 'kind: Ingress\nmetadata: {name: [x}\n');
    const r = runCli(['audit', 'bad.yaml'], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^bad\.yaml:2:\d+: invalid YAML: .+\n$/);
    const help = runCli(['audit', '--help'], { cwd: tmp });
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/\nExample:\n {2}kubectl get ingress,ingressclass -A -o yaml \| cdk8s-gateway-api audit --profile envoy-gateway\n/);
  });
});

/** A fixed audit, with text that needs escaping in every format. */
const FIXED: Audit = {
  profile: 'standard',
  ingresses: [
    {
      ingress: 'a/web',
      ingressClass: 'nginx',
      served: true,
      hosts: ['a.example.com', 'b.example.com'],
      tlsHosts: ['a.example.com'],
      annotations: [
        { annotation: 'nginx.ingress.kubernetes.io/rewrite-target', status: 'approximate', message: 'path "/x", then <b>|pipe|</b>' },
        { annotation: 'nginx.ingress.kubernetes.io/ssl-redirect', status: 'translated', message: '=cmd' },
      ],
      findings: [],
      byStatus: counts(1, 1, 0, 0),
    },
    { ingress: 'b/old', ingressClass: '', served: false, hosts: ['*'], tlsHosts: [], annotations: [], findings: [{ ingress: 'b/old', status: NoticeStatus.UNSUPPORTED, message: 'skipped' }], byStatus: counts(0, 0, 1, 0) },
  ],
  otherFindings: [{ ingress: 'in.yaml:3', status: NoticeStatus.UNSUPPORTED, message: 'ignored: kind Secret' }],
  byAnnotation: [
    { annotation: 'nginx.ingress.kubernetes.io/rewrite-target', ...counts(0, 1, 0, 0), total: 1 },
    { annotation: 'nginx.ingress.kubernetes.io/ssl-redirect', ...counts(1, 0, 0, 0), total: 1 },
  ],
  byStatus: counts(1, 1, 2, 0),
  notices: 4,
};

describe('audit formats, exactly', () => {
  test('table', () => {
    expect(formatTable(FIXED)).toBe(`Ingresses: 2 Ingresses (1 served, 1 skipped), profile standard
INGRESS  CLASS        TLS  HOSTS                        TRANSL  APPROX  UNSUPP  INVALID
a/web    nginx        yes  a.example.com,b.example.com       1       1       0        0
b/old    - (skipped)  no   *                                 0       0       1        0

Annotations (nginx.ingress.kubernetes.io/*) by Ingress
INGRESS  ANNOTATION      STATUS       NOTE
a/web    rewrite-target  approximate  path "/x", then <b>|pipe|</b>
a/web    ssl-redirect    translated   =cmd

Other findings
OBJECT     STATUS       NOTE
b/old      unsupported  skipped
in.yaml:3  unsupported  ignored: kind Secret

Totals per annotation
ANNOTATION      TRANSLATED  APPROXIMATE  UNSUPPORTED  INVALID  TOTAL
rewrite-target           0            1            0        0      1
ssl-redirect             1            0            0        0      1
TOTAL                    1            1            0        0      2

Totals per status
STATUS       NOTICES
translated         1
approximate        1
unsupported        2
invalid            0
total              4
`);
  });

  test('table: a long note wraps at spaces within 100 columns; other long cells are cut with …', () => {
    const long: Audit = {
      ...FIXED,
      ingresses: [{ ...FIXED.ingresses[0], ingress: `ns/${'n'.repeat(120)}`, annotations: [{ annotation: 'x', status: 'translated', message: 'word '.repeat(40).trim() }] }],
    };
    const lines = formatTable(long).split('\n');
    expect(Math.max(...lines.map(l => l.length))).toBe(TABLE_WIDTH);
    expect(lines.filter(l => l.includes('…')).length).toBeGreaterThan(0);
    expect(wrap('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  test('markdown: pipes, backslashes and HTML escaped', () => {
    expect(formatMarkdown(FIXED)).toBe(`# Ingress audit

2 Ingresses (1 served, 1 skipped), profile \`standard\`.

## Ingresses

| Ingress | Class | Served | Hosts | TLS hosts | translated | approximate | unsupported | invalid |
| --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: |
| a/web | nginx | yes | a.example.com, b.example.com | a.example.com | 1 | 1 | 0 | 0 |
| b/old |  | no (skipped) | * |  | 0 | 0 | 1 | 0 |

## Annotations by Ingress

| Ingress | Annotation | Status | Note |
| --- | --- | --- | --- |
| a/web | nginx.ingress.kubernetes.io/rewrite-target | approximate | path "/x", then &lt;b&gt;\\|pipe\\|&lt;/b&gt; |
| a/web | nginx.ingress.kubernetes.io/ssl-redirect | translated | =cmd |

## Other findings

| Object | Status | Note |
| --- | --- | --- |
| b/old | unsupported | skipped |
| in.yaml:3 | unsupported | ignored: kind Secret |

## Totals per annotation

| Annotation | translated | approximate | unsupported | invalid | total |
| --- | ---: | ---: | ---: | ---: | ---: |
| nginx.ingress.kubernetes.io/rewrite-target | 0 | 1 | 0 | 0 | 1 |
| nginx.ingress.kubernetes.io/ssl-redirect | 1 | 0 | 0 | 0 | 1 |
| **total** | 1 | 1 | 0 | 0 | 2 |

## Totals per status

| Status | Notices |
| --- | ---: |
| translated | 1 |
| approximate | 1 |
| unsupported | 2 |
| invalid | 0 |
| total | 4 |
`);
  });

  test('csv: RFC 4180 quoting, formulas neutralised, one record kind per row', () => {
    expect(formatCsv(FIXED).split('\r\n')).toEqual([
      'record,ingress,class,served,hosts,tls_hosts,annotation,status,message,count',
      'ingress,a/web,nginx,true,a.example.com b.example.com,a.example.com,,,,2',
      'notice,a/web,,,,,nginx.ingress.kubernetes.io/rewrite-target,approximate,"path ""/x"", then <b>|pipe|</b>",',
      'notice,a/web,,,,,nginx.ingress.kubernetes.io/ssl-redirect,translated,\'=cmd,',
      'ingress,b/old,,false,*,,,,,0',
      'notice,b/old,,,,,,unsupported,skipped,',
      'notice,in.yaml:3,,,,,,unsupported,ignored: kind Secret,',
      'annotation-total,,,,,,nginx.ingress.kubernetes.io/rewrite-target,approximate,,1',
      'annotation-total,,,,,,nginx.ingress.kubernetes.io/ssl-redirect,translated,,1',
      'status-total,,,,,,,translated,,1',
      'status-total,,,,,,,approximate,,1',
      'status-total,,,,,,,unsupported,,2',
      'status-total,,,,,,,invalid,,0',
      '',
    ]);
  });

  test('json: the audit with its summary', () => {
    const json = JSON.parse(formatJson(FIXED));
    expect(json.summary).toEqual({ ingresses: 2, served: 1, notices: 4, byStatus: counts(1, 1, 2, 0) });
    expect(json.ingresses[1]).toEqual({ ingress: 'b/old', class: '', served: false, hosts: ['*'], tlsHosts: [], byStatus: counts(0, 0, 1, 0), annotations: [], findings: [{ status: 'unsupported', message: 'skipped' }] });
  });

  test('html: input text escaped, totals rows, nothing loaded from elsewhere', () => {
    const html = formatHtml(FIXED);
    expect(escapeHtml('<a href="x">\'&')).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
    expect(html).toContain('<td>path &quot;/x&quot;, then &lt;b&gt;|pipe|&lt;/b&gt;</td>');
    expect(html).not.toContain('<b>|pipe|');
    expect(html).toContain('<tfoot><tr id="totals-annotation-total"><td>total</td><td class="n">1</td><td class="n">1</td><td class="n">0</td><td class="n">0</td><td class="n">2</td></tr></tfoot>');
    expect(html).toContain('<tfoot><tr id="totals-status-total"><td>total</td><td class="n">4</td></tr></tfoot>');
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; script-src \'unsafe-inline\'">');
    expect(html).not.toMatch(/\s(src|href)=|https?:\/\//);
    expect(html.match(/<table id="[a-z-]+">/g)).toEqual([
      '<table id="ingresses">', '<table id="annotations">', '<table id="findings">', '<table id="totals-annotation">', '<table id="totals-status">',
    ]);
  });
});

/** The page's script run against a minimal DOM: one table, sorted from the address's fragment and by clicks. */
function runSortScript(hash: string, rows: string[][], clicks: number[] = []): string[][] {
  const cell = (text: string) => ({ textContent: text, getAttribute: () => null });
  const attrs = rows[0].map(() => new Map<string, string>());
  const heads = attrs.map((a, i) => ({
    cellIndex: i,
    setAttribute: (k: string, v: string) => a.set(k, v),
    removeAttribute: (k: string) => a.delete(k),
    getAttribute: (k: string) => a.get(k) ?? null,
    closest: () => table,
  }));
  const body = {
    rows: rows.map(r => ({ cells: r.map(cell) })),
    appendChild(row: any) {
      this.rows = [...this.rows.filter((x: any) => x !== row), row];
    },
  };
  const table = { tBodies: [body], tHead: { rows: [{ cells: heads }] } };
  let onClick: (e: any) => void = () => undefined;
  const document = { getElementById: (id: string) => (id === 'ingresses' ? table : null), addEventListener: (_: string, f: any) => { onClick = f; } };
  const window = { location: { hash }, addEventListener: () => undefined };
  new Function('document', 'window', SORT_SCRIPT)(document, window);
  for (const col of clicks) onClick({ target: { closest: () => ({ parentNode: heads[col] }) } });
  return body.rows.map((r: any) => r.cells.map((c: any) => c.textContent));
}

describe('html sorting script', () => {
  const rows = [['b', '10'], ['a', '9'], ['c', '100']];

  test('no fragment: the order is kept', () => {
    expect(runSortScript('', rows)).toEqual(rows);
  });

  test('#sort=TABLE:COL sorts text by code units and numbers by value; :desc reverses', () => {
    expect(runSortScript('#sort=ingresses:0', rows)).toEqual([['a', '9'], ['b', '10'], ['c', '100']]);
    expect(runSortScript('#sort=ingresses:1', rows)).toEqual([['a', '9'], ['b', '10'], ['c', '100']]);
    expect(runSortScript('#sort=ingresses:1:desc', rows)).toEqual([['c', '100'], ['b', '10'], ['a', '9']]);
    expect(runSortScript('#sort=other:1', rows)).toEqual(rows);
  });

  test('a click sorts ascending, a second click on the same column descending; ties keep their order', () => {
    const tied = [['x', '2'], ['y', '1'], ['z', '2']];
    expect(runSortScript('', tied, [1])).toEqual([['y', '1'], ['x', '2'], ['z', '2']]);
    expect(runSortScript('', tied, [1, 1])).toEqual([['x', '2'], ['z', '2'], ['y', '1']]);
  });
});
