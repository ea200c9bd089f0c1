import { sumCounts } from './audit-format';
import { Audit } from './audit-model';
import { STATUSES, StatusCounts } from './report';

/*
 * The `html` format of `audit`: one self-contained file (inline CSS and script, a Content
 * Security Policy that forbids loading anything), readable when opened from disk. Every table
 * sorts by a click on a column header, or on load from the address's fragment:
 * `audit.html#sort=ingresses:3:desc` (table id, 0-based column, optional `desc`), which also
 * lets a headless browser check the sorting. Every text from the input is escaped.
 */

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The page's script: sorting (stable; numbers by value, other text by code units). */
export const SORT_SCRIPT = `(function () {
  function compare(a, b) {
    var na = Number(a), nb = Number(b);
    if (a !== '' && b !== '' && !isNaN(na) && !isNaN(nb)) return na - nb;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  function sortTable(table, col, desc) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (r, i) {
      var cell = r.cells[col];
      return { row: r, key: cell ? (cell.getAttribute('data-sort') || cell.textContent) : '', index: i };
    });
    rows.sort(function (x, y) { return (desc ? -1 : 1) * compare(x.key, y.key) || x.index - y.index; });
    rows.forEach(function (x) { body.appendChild(x.row); });
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) {
      if (i === col) heads[i].setAttribute('aria-sort', desc ? 'descending' : 'ascending');
      else heads[i].removeAttribute('aria-sort');
    }
  }
  function fromHash() {
    var m = /^#sort=([a-z-]+):(\\d+)(:desc)?$/.exec(window.location.hash);
    var table = m && document.getElementById(m[1]);
    if (table) sortTable(table, Number(m[2]), !!m[3]);
  }
  document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('th button');
    if (!button) return;
    var th = button.parentNode;
    var table = th.closest('table');
    sortTable(table, th.cellIndex, th.getAttribute('aria-sort') === 'ascending');
  });
  window.addEventListener('hashchange', fromHash);
  fromHash();
})();`;

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:0 0 2em}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th button{font:inherit;font-weight:bold;border:0;background:none;cursor:pointer;padding:0}
th[aria-sort=ascending] button::after{content:" \\25B2"}th[aria-sort=descending] button::after{content:" \\25BC"}
td.n{text-align:right}tfoot td{font-weight:bold;background:#f4f4f4}
.translated{color:#176f2c}.approximate{color:#8a5a00}.unsupported{color:#b00020}.invalid{color:#6a1b9a}`;

/** A cell: escaped text, a status colour, numbers right-aligned. */
interface Cell {
  readonly text: string;
  readonly status?: boolean;
  readonly number?: boolean;
}

const text = (t: string): Cell => ({ text: t });
const num = (n: number): Cell => ({ text: String(n), number: true });
const status = (s: string): Cell => ({ text: s, status: true });

function td(c: Cell): string {
  const cls = c.number ? ' class="n"' : c.status ? ` class="${escapeHtml(c.text)}"` : '';
  return `<td${cls}>${escapeHtml(c.text)}</td>`;
}

function table(id: string, caption: string, headers: readonly string[], rows: readonly Cell[][], footer?: readonly Cell[]): string {
  const head = headers.map(h => `<th><button type="button">${escapeHtml(h)}</button></th>`).join('');
  const body = rows.map(r => `<tr>${r.map(td).join('')}</tr>`).join('\n');
  const foot = footer ? `\n<tfoot><tr id="${id}-total">${footer.map(td).join('')}</tr></tfoot>` : '';
  return `<h2>${escapeHtml(caption)}</h2>\n<table id="${id}">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>${foot}\n</table>\n`;
}

function counts(c: StatusCounts): Cell[] {
  return STATUSES.map(s => num(c[s]));
}

/** The `html` format. */
export function formatHtml(audit: Audit): string {
  const served = audit.ingresses.filter(i => i.served).length;
  const findings = [...audit.ingresses.flatMap(i => i.findings), ...audit.otherFindings];
  const sections = [
    table('ingresses', 'Ingresses', ['Ingress', 'Class', 'Served', 'Hosts', 'TLS hosts', ...STATUSES],
      audit.ingresses.map(i => [text(i.ingress), text(i.ingressClass), text(i.served ? 'yes' : 'no'), text(i.hosts.join(' ')), text(i.tlsHosts.join(' ')), ...counts(i.byStatus)])),
    table('annotations', 'Annotations by Ingress', ['Ingress', 'Annotation', 'Status', 'Note'],
      audit.ingresses.flatMap(i => i.annotations.map(a => [text(i.ingress), text(a.annotation), status(a.status), text(a.message)]))),
    table('findings', 'Other findings', ['Object', 'Status', 'Note'], findings.map(n => [text(n.ingress), status(n.status), text(n.message)])),
    table('totals-annotation', 'Totals per annotation', ['Annotation', ...STATUSES, 'total'],
      audit.byAnnotation.map(t => [text(t.annotation), ...counts(t), num(t.total)]),
      [text('total'), ...counts(sumCounts(audit)), num(audit.byAnnotation.reduce((a, t) => a + t.total, 0))]),
    table('totals-status', 'Totals per status', ['Status', 'Notices'], STATUSES.map(s => [status(s), num(audit.byStatus[s])]),
      [text('total'), num(audit.notices)]),
  ];
  const summary = `${audit.ingresses.length} Ingresses (${served} served), ${audit.notices} notices, profile ${audit.profile}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>Ingress audit</title>
<style>
${STYLE}
</style>
</head>
<body>
<h1>Ingress audit</h1>
<p id="summary">${escapeHtml(summary)}</p>
${sections.join('')}<script>
${SORT_SCRIPT}
</script>
</body>
</html>
`;
}
