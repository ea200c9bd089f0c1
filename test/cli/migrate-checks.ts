import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { P } from './migrate-arbitraries';
import { runCli } from '../support/run-cli';

/*
 * The robustness property of `migrate` (issue 11), shared by the generated run
 * (migrate-robustness.test.ts) and the hand-written peer fixtures (migrate-peer-fixtures.test.ts):
 * the command does not crash, the output validates, and every nginx annotation key of every
 * Ingress taken has exactly one notice in the report.
 */

/** One report notice. */
export interface ReportNotice {
  readonly ingress: string;
  readonly annotation?: string;
  readonly status: string;
  readonly message: string;
}

/** What one run gave, and every way it broke the property (empty when it held). */
export interface RobustnessRun {
  readonly code: number;
  readonly err: string;
  readonly notices: ReportNotice[];
  readonly problems: string[];
}

/**
 * Runs `migrate` on `objects` (written as multi-document YAML to `dir/name`) and checks the property.
 *
 * @param dir a scratch directory
 * @param name the input file's name
 * @param objects the input objects (Ingresses of class nginx, Services, ...)
 * @param args more arguments (`--profile ...`)
 */
export function migrateAndCheck(dir: string, name: string, objects: readonly any[], args: readonly string[] = []): RobustnessRun {
  const file = path.join(dir, name);
  // YAML 1.1 quoting, as kubectl writes it: `on`, `yes` stay strings for a YAML 1.1 reader.
  fs.writeFileSync(file, objects.map(o => stringify(o, { version: '1.1' })).join('---\n'));
  const report = path.join(dir, `${name}.report.json`);
  const r = runCli(['migrate', file, '--report', report, '-o', path.join(dir, `${name}.out.yaml`), '--quiet', ...args], { cwd: dir });
  const problems: string[] = [];
  if (r.code !== 0) problems.push(`exit ${r.code}: ${r.err.trim()}`);
  if (/internal error|^\s+at .+:\d+:\d+\)?$/m.test(r.err)) problems.push(`crash: ${r.err.trim()}`);
  if (/^validation: /m.test(r.err)) problems.push(`invalid output: ${r.err.trim()}`);
  const notices: ReportNotice[] = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, 'utf8')).notices : [];
  if (r.code === 0) {
    const counts = new Map<string, number>();
    for (const n of notices) {
      if (n.annotation !== undefined) counts.set(`${n.ingress} ${n.annotation}`, (counts.get(`${n.ingress} ${n.annotation}`) ?? 0) + 1);
    }
    for (const o of objects.filter(x => x.kind === 'Ingress')) {
      const id = `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`;
      for (const key of Object.keys(o.metadata.annotations ?? {}).filter(k => k.startsWith(P))) {
        const n = counts.get(`${id} ${key}`) ?? 0;
        if (n !== 1) problems.push(`${name}: ${id} ${key}=${JSON.stringify(o.metadata.annotations[key])} has ${n} notices`);
      }
    }
  }
  return { code: r.code, err: r.err, notices, problems };
}
