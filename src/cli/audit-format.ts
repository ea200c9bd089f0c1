import { Audit } from './audit-model';
import { STATUSES, StatusCounts } from './report';
import { NGINX_PREFIX } from '../compat/model';
import { CompatNotice } from '../compat/notices';

/*
 * The text formats of `audit`: `table` (fits a 100-column terminal: notes wrap, other long
 * cells are cut with `…`), `markdown` (GitHub tables, cells escaped), `csv` (RFC 4180, one record per row with its
 * kind in the first column) and `json`. The HTML format is in src/cli/audit-html.ts.
 */

/** The width `table` fits in. */
export const TABLE_WIDTH = 100;

/** A column of a text table. */
interface Column {
  readonly header: string;
  readonly right?: boolean;
  /** Narrowed first when the table is too wide, and wrapped rather than cut. */
  readonly flex?: boolean;
}

function cut(s: string, width: number): string {
  return s.length <= width ? s : `${s.slice(0, Math.max(width - 1, 0))}…`;
}

/** One line of text: newlines and tabs become spaces. */
function oneLine(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ');
}

/** A text table no wider than `TABLE_WIDTH`, columns two spaces apart. */
export function textTable(columns: readonly Column[], rows: readonly string[][]): string {
  const cells = rows.map(r => r.map(oneLine));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map(r => r[i].length)));
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (columns.length - 1);
  const flex = columns.findIndex(c => c.flex);
  if (flex >= 0 && total() > TABLE_WIDTH) widths[flex] = Math.max(columns[flex].header.length, widths[flex] - (total() - TABLE_WIDTH), 10);
  while (total() > TABLE_WIDTH) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest] <= 6) break;
    widths[widest]--;
  }
  const line = (r: readonly string[]) => r.map((s, i) => {
    const v = cut(s, widths[i]);
    return columns[i].right ? v.padStart(widths[i]) : v.padEnd(widths[i]);
  }).join('  ').trimEnd();
  // The flexible column wraps onto continuation lines; the others are cut.
  const lines = (r: readonly string[]) => {
    if (flex < 0) return [line(r)];
    const wrapped = wrap(r[flex], widths[flex]);
    return wrapped.map((part, k) => line(r.map((s, i) => (i === flex ? part : k === 0 ? s : ''))));
  };
  return [line(columns.map(c => c.header)), ...cells.flatMap(lines)].join('\n') + '\n';
}

/** Text in lines of at most `width` characters, broken at spaces (a longer word is split). */
export function wrap(s: string, width: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (rest.length > width) {
    const space = rest.lastIndexOf(' ', width);
    const at = space > 0 ? space : width;
    out.push(rest.slice(0, at));
    rest = rest.slice(space > 0 ? at + 1 : at);
  }
  out.push(rest);
  return out;
}

/** `enable-cors` for an ingress-nginx key, the key itself otherwise. */
function shortKey(annotation: string): string {
  return annotation.startsWith(NGINX_PREFIX) ? annotation.slice(NGINX_PREFIX.length) : annotation;
}

function counts(c: StatusCounts): string[] {
  return STATUSES.map(s => String(c[s]));
}

function ingressCount(audit: Audit): string {
  const served = audit.ingresses.filter(i => i.served).length;
  const skipped = audit.ingresses.length - served;
  return `${audit.ingresses.length} Ingress${audit.ingresses.length === 1 ? '' : 'es'}${skipped > 0 ? ` (${served} served, ${skipped} skipped)` : ''}`;
}

/** The `table` format. */
export function formatTable(audit: Audit): string {
  const parts: string[] = [];
  parts.push(`Ingresses: ${ingressCount(audit)}, profile ${audit.profile}\n`);
  if (audit.ingresses.length > 0) {
    parts.push(textTable(
      [{ header: 'INGRESS' }, { header: 'CLASS' }, { header: 'TLS' }, { header: 'HOSTS', flex: true },
        { header: 'TRANSL', right: true }, { header: 'APPROX', right: true }, { header: 'UNSUPP', right: true }, { header: 'INVALID', right: true }],
      audit.ingresses.map(i => [i.ingress, `${i.ingressClass || '-'}${i.served ? '' : ' (skipped)'}`, i.tlsHosts.length > 0 ? 'yes' : 'no', i.hosts.join(',') || '-', ...counts(i.byStatus)]),
    ));
  }
  const annotations = audit.ingresses.flatMap(i => i.annotations.map(a => [i.ingress, shortKey(a.annotation), a.status, a.message]));
  if (annotations.length > 0) {
    parts.push(`\nAnnotations (${NGINX_PREFIX}*) by Ingress\n`);
    parts.push(textTable([{ header: 'INGRESS' }, { header: 'ANNOTATION' }, { header: 'STATUS' }, { header: 'NOTE', flex: true }], annotations));
  }
  const findings: CompatNotice[] = [...audit.ingresses.flatMap(i => i.findings), ...audit.otherFindings];
  if (findings.length > 0) {
    parts.push('\nOther findings\n');
    parts.push(textTable([{ header: 'OBJECT' }, { header: 'STATUS' }, { header: 'NOTE', flex: true }], findings.map(n => [n.ingress, n.status, n.message])));
  }
  if (audit.byAnnotation.length > 0) {
    parts.push('\nTotals per annotation\n');
    const right = (header: string) => ({ header, right: true });
    parts.push(textTable(
      [{ header: 'ANNOTATION', flex: true }, right('TRANSLATED'), right('APPROXIMATE'), right('UNSUPPORTED'), right('INVALID'), right('TOTAL')],
      [...audit.byAnnotation.map(t => [shortKey(t.annotation), ...counts(t), String(t.total)]),
        ['TOTAL', ...counts(sumCounts(audit)), String(audit.byAnnotation.reduce((a, t) => a + t.total, 0))]],
    ));
  }
  parts.push('\nTotals per status\n');
  parts.push(textTable([{ header: 'STATUS' }, { header: 'NOTICES', right: true }],
    [...STATUSES.map(s => [s, String(audit.byStatus[s])]), ['total', String(audit.notices)]]));
  return parts.join('');
}

/** The annotation notices by status (the TOTAL row of the per-annotation table). */
export function sumCounts(audit: Audit): StatusCounts {
  const out = { translated: 0, approximate: 0, unsupported: 0, invalid: 0 };
  for (const t of audit.byAnnotation) for (const s of STATUSES) out[s] += t[s];
  return out;
}

/** A Markdown table cell: one line, `|` and HTML escaped. */
function md(s: string): string {
  return oneLine(s).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function mdTable(headers: readonly string[], rows: readonly string[][], right: readonly number[] = []): string {
  const sep = headers.map((_, i) => (right.includes(i) ? '---:' : '---'));
  return [headers, sep, ...rows.map(r => r.map(md))].map(r => `| ${r.join(' | ')} |`).join('\n') + '\n';
}

/** The `markdown` format. */
export function formatMarkdown(audit: Audit): string {
  const parts: string[] = [`# Ingress audit\n\n${md(ingressCount(audit))}, profile \`${audit.profile}\`.\n`];
  parts.push('\n## Ingresses\n\n');
  parts.push(audit.ingresses.length === 0 ? 'None.\n' : mdTable(
    ['Ingress', 'Class', 'Served', 'Hosts', 'TLS hosts', ...STATUSES],
    audit.ingresses.map(i => [i.ingress, i.ingressClass, i.served ? 'yes' : 'no (skipped)', i.hosts.join(', '), i.tlsHosts.join(', '), ...counts(i.byStatus)]),
    [5, 6, 7, 8],
  ));
  parts.push('\n## Annotations by Ingress\n\n');
  const annotations = audit.ingresses.flatMap(i => i.annotations.map(a => [i.ingress, a.annotation, a.status, a.message]));
  parts.push(annotations.length === 0 ? 'None.\n' : mdTable(['Ingress', 'Annotation', 'Status', 'Note'], annotations));
  const findings = [...audit.ingresses.flatMap(i => i.findings), ...audit.otherFindings];
  parts.push('\n## Other findings\n\n');
  parts.push(findings.length === 0 ? 'None.\n' : mdTable(['Object', 'Status', 'Note'], findings.map(n => [n.ingress, n.status, n.message])));
  parts.push('\n## Totals per annotation\n\n');
  parts.push(audit.byAnnotation.length === 0 ? 'None.\n' : mdTable(['Annotation', ...STATUSES, 'total'],
    [...audit.byAnnotation.map(t => [t.annotation, ...counts(t), String(t.total)]),
      ['**total**', ...counts(sumCounts(audit)), String(audit.byAnnotation.reduce((a, t) => a + t.total, 0))]],
    [1, 2, 3, 4, 5]));
  parts.push('\n## Totals per status\n\n');
  parts.push(mdTable(['Status', 'Notices'], [...STATUSES.map(s => [s, String(audit.byStatus[s])]), ['total', String(audit.notices)]], [1]));
  return parts.join('');
}

/** A CSV field (RFC 4180), with a leading `=`, `+`, `-`, `@` neutralised for spreadsheets. */
function csvField(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The `csv` format: one table; the first column says what a record is: `ingress` (one per
 * Ingress), `notice` (one per notice), `annotation-total` and `status-total`.
 */
export function formatCsv(audit: Audit): string {
  const header = ['record', 'ingress', 'class', 'served', 'hosts', 'tls_hosts', 'annotation', 'status', 'message', 'count'];
  const rows: string[][] = [];
  for (const i of audit.ingresses) {
    rows.push(['ingress', i.ingress, i.ingressClass, String(i.served), i.hosts.join(' '), i.tlsHosts.join(' '), '', '', '', String(i.annotations.length)]);
    for (const a of i.annotations) rows.push(['notice', i.ingress, '', '', '', '', a.annotation, a.status, a.message, '']);
    for (const n of i.findings) rows.push(['notice', i.ingress, '', '', '', '', '', n.status, n.message, '']);
  }
  for (const n of audit.otherFindings) rows.push(['notice', n.ingress, '', '', '', '', n.annotation ?? '', n.status, n.message, '']);
  for (const t of audit.byAnnotation) {
    for (const s of STATUSES) if (t[s] > 0) rows.push(['annotation-total', '', '', '', '', '', t.annotation, s, '', String(t[s])]);
  }
  for (const s of STATUSES) rows.push(['status-total', '', '', '', '', '', '', s, '', String(audit.byStatus[s])]);
  return [header, ...rows].map(r => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The `json` format. */
export function formatJson(audit: Audit): string {
  const out = {
    profile: audit.profile,
    summary: {
      ingresses: audit.ingresses.length,
      served: audit.ingresses.filter(i => i.served).length,
      notices: audit.notices,
      byStatus: audit.byStatus,
    },
    ingresses: audit.ingresses.map(i => ({
      ingress: i.ingress,
      class: i.ingressClass,
      served: i.served,
      hosts: i.hosts,
      tlsHosts: i.tlsHosts,
      byStatus: i.byStatus,
      annotations: i.annotations,
      ...(i.findings.length > 0 ? { findings: i.findings.map(n => ({ status: n.status, message: n.message })) } : {}),
    })),
    otherFindings: audit.otherFindings,
    byAnnotation: audit.byAnnotation,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
