import { CompatNotice, NoticeStatus } from '../compat/notices';

/*
 * The report of `migrate --report FILE.json` (and the totals `audit` prints):
 * `{"notices": [{ingress, annotation?, status, message}], "summary": {...}}`. One notice per
 * annotation key per Ingress (more only when one key yields several findings), plus notices
 * without `annotation` for findings about an Ingress or an input object (ignored kinds,
 * skipped classes, spilled listeners, rejected Ingresses). Everything is sorted: the same
 * input gives the same bytes.
 */

/** Every status, in the order reports list them. */
export const STATUSES: readonly NoticeStatus[] = [NoticeStatus.TRANSLATED, NoticeStatus.APPROXIMATE, NoticeStatus.UNSUPPORTED, NoticeStatus.INVALID];

/** A count per status. */
export interface StatusCounts {
  readonly translated: number;
  readonly approximate: number;
  readonly unsupported: number;
  readonly invalid: number;
}

/** The totals of one annotation key over all Ingresses. */
export interface AnnotationTotals extends StatusCounts {
  readonly annotation: string;
  readonly total: number;
}

/** The `summary` of the report. */
export interface ReportSummary {
  /** Ingress objects read (every apiVersion, list items included). */
  readonly ingresses: number;
  /** Objects written (0 when nothing was written). */
  readonly objects: number;
  /** Number of notices. */
  readonly notices: number;
  /** Notices by status. */
  readonly byStatus: StatusCounts;
  /** Notices by annotation key (sorted by key). */
  readonly byAnnotation: AnnotationTotals[];
  readonly profile: string;
  readonly gatewayApiVersion: string;
  readonly channel: string;
  /** Files read, in order (`<stdin>` for standard input). */
  readonly files: string[];
  /** Whether `--strict` was given. */
  readonly strict: boolean;
  /** The exit status of the command. */
  readonly exitCode: number;
}

/** The report file's content. */
export interface MigrationReport {
  readonly notices: CompatNotice[];
  readonly summary: ReportSummary;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Notices sorted by Ingress, annotation (notices without one first), status, message; fields in a fixed order. */
export function sortNotices(notices: readonly CompatNotice[]): CompatNotice[] {
  return notices
    .map(n => ({ ingress: n.ingress, ...(n.annotation !== undefined ? { annotation: n.annotation } : {}), status: n.status, message: n.message }))
    .sort((a, b) => cmp(a.ingress, b.ingress) || cmp(a.annotation ?? '', b.annotation ?? '') || cmp(a.status, b.status) || cmp(a.message, b.message));
}

/** Counts notices by status. */
export function countByStatus(notices: readonly CompatNotice[]): StatusCounts {
  const counts = { translated: 0, approximate: 0, unsupported: 0, invalid: 0 };
  for (const n of notices) counts[n.status]++;
  return counts;
}

/** The totals of each annotation key, sorted by key. */
export function totalsByAnnotation(notices: readonly CompatNotice[]): AnnotationTotals[] {
  const byKey = new Map<string, CompatNotice[]>();
  for (const n of notices) {
    if (n.annotation === undefined) continue;
    const list = byKey.get(n.annotation);
    if (list) list.push(n);
    else byKey.set(n.annotation, [n]);
  }
  return [...byKey.keys()].sort(cmp).map(annotation => {
    const list = byKey.get(annotation)!;
    return { annotation, ...countByStatus(list), total: list.length };
  });
}

/** `1 Ingress`, `2 Ingresses`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** `20 translated, 3 approximate, 1 unsupported, 0 invalid`. */
export function statusLine(counts: StatusCounts): string {
  return STATUSES.map(s => `${counts[s]} ${s}`).join(', ');
}

/** The report as the bytes written (two-space indentation, a final newline). */
export function reportJson(report: MigrationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
