/**
 * Differential run of the validator (`ManifestValidator`, src/validation/) against an independent
 * validator (scripts/differential/independent.ts): generated documents, one per text, judged by
 * both; prints the agreement and each class of disagreement with its smallest example, and
 * writes a JSON report.
 *
 *   npx projen differential [--seed N] [--count N] [--cli N]
 *
 * A fresh seed is drawn unless --seed is given; --cli (default 300) is how many documents are
 * also validated through the `validate` command (one file each, one process).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generate, GeneratedDocument } from './generator';
import { IndependentValidator } from './independent';
import { readDocuments } from './reader';
import { ReleaseChannel } from '../../src/core/channel';
import { ImplementationCrds, ManifestValidator, ValidationResult, ValidationSeverity } from '../../src/validation/validator';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const seed = Number(arg('--seed') ?? Math.floor(Math.random() * 0x7fffffff));
const count = Number(arg('--count') ?? 12_000);
const cliCount = Number(arg('--cli') ?? 300);
const IMPLEMENTATIONS = [ImplementationCrds.ENVOY_GATEWAY_V1_9_0, ImplementationCrds.NGINX_GATEWAY_FABRIC_V2_6_7];

interface Outcome {
  readonly doc: GeneratedDocument;
  readonly ours: boolean;
  readonly ourReasons: string[];
  readonly theirs: boolean;
  readonly theirReasons: string[];
}

function ourVerdict(doc: GeneratedDocument): { valid: boolean; reasons: string[] } {
  const results: ValidationResult[] = ManifestValidator.validateManifests(doc.text, {
    channel: doc.set === 'experimental' ? ReleaseChannel.EXPERIMENTAL : ReleaseChannel.STANDARD,
    implementations: IMPLEMENTATIONS,
    crossObject: false,
  });
  const errors = results.filter(x => x.severity === ValidationSeverity.ERROR && x.code !== 'cel-skipped');
  return { valid: errors.length === 0, reasons: errors.slice(0, 5).map(x => `${x.code}: ${x.path || '(root)'}: ${x.message.slice(0, 160)}`) };
}

function theirVerdict(validators: Record<string, IndependentValidator>, doc: GeneratedDocument): { valid: boolean; reasons: string[] } {
  const read = readDocuments(doc.text);
  const reasons: string[] = [];
  for (const d of read) {
    if (d.error) reasons.push(`read: ${d.error}`);
    else reasons.push(...validators[doc.set].validate(d.object).reasons);
  }
  return { valid: reasons.length === 0, reasons };
}

/** A disagreement's class: who rejects, and the first reason with indexes and values generalized. */
function classOf(o: Outcome): string {
  const generalize = (s: string): string => s.replace(/\[\d+\]/g, '[]').replace(/"[^"]*"/g, '"…"').replace(/\(.*\)$/, '').slice(0, 110);
  return o.ours ? `only independent rejects | ${generalize(o.theirReasons[0] ?? '')}` : `only ours rejects | ${generalize(o.ourReasons[0] ?? '')}`;
}

function cliVerdicts(docs: GeneratedDocument[]): Map<number, boolean> {
  const out = new Map<number, boolean>();
  for (const set of ['standard', 'experimental'] as const) {
    const subset = docs.filter(d => d.set === set);
    if (subset.length === 0) continue;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `differential-cli-${set}-`));
    for (const d of subset) fs.writeFileSync(path.join(dir, `doc-${String(d.id).padStart(6, '0')}.yaml`), d.text);
    let stdout: string;
    let stderr = '';
    try {
      stdout = execFileSync(path.join(__dirname, '..', '..', 'bin', 'cdk8s-gateway-api'), ['validate', dir, '--channel', set, '--no-cross-object', '--json',
        ...IMPLEMENTATIONS.flatMap(i => ['--implementation', i])], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    } catch (e) {
      stdout = (e as { stdout: string }).stdout;
      stderr = String((e as { stderr?: unknown }).stderr ?? '');
    }
    fs.rmSync(dir, { recursive: true, force: true });
    if (!stdout.trim().startsWith('{')) throw new Error(`the validate command printed no report: ${stderr.trim().split('\n')[0]}`);
    const report = JSON.parse(stdout) as { results: Array<{ file: string; severity: string; code: string }>; errors: Array<{ file: string }> };
    const invalid = new Set<string>();
    for (const x of report.results) if (x.severity === 'error' && x.code !== 'cel-skipped') invalid.add(path.basename(x.file));
    for (const x of report.errors ?? []) invalid.add(path.basename(x.file));
    for (const d of subset) out.set(d.id, !invalid.has(`doc-${String(d.id).padStart(6, '0')}.yaml`));
  }
  return out;
}

function main(): void {
  console.log(`differential: ${count} documents, seed ${seed}`);
  const started = Date.now();
  const docs = generate(seed, count);
  const validators = { standard: new IndependentValidator('standard'), experimental: new IndependentValidator('experimental') };
  const outcomes: Outcome[] = [];
  for (const doc of docs) {
    const a = ourVerdict(doc);
    const b = theirVerdict(validators, doc);
    outcomes.push({ doc, ours: a.valid, ourReasons: a.reasons, theirs: b.valid, theirReasons: b.reasons });
    if ((doc.id + 1) % 2000 === 0) console.log(`  ${doc.id + 1} documents, ${((Date.now() - started) / 1000).toFixed(1)}s`);
  }
  const disagreements = outcomes.filter(o => o.ours !== o.theirs);
  const classes = new Map<string, Outcome[]>();
  for (const o of disagreements) {
    const c = classOf(o);
    classes.set(c, [...(classes.get(c) ?? []), o]);
  }
  const agree = outcomes.length - disagreements.length;
  const valid = outcomes.filter(o => o.ours && o.theirs).length;
  console.log(`\n${outcomes.length} documents (seed ${seed}): ${agree} agree (${((100 * agree) / outcomes.length).toFixed(3)}%), `
    + `${valid} valid for both, ${outcomes.length - valid - disagreements.length} invalid for both, ${disagreements.length} disagree`);

  const cliSubset = docs.slice(0, cliCount);
  let cliMismatch: GeneratedDocument[] = [];
  let cliError: string | undefined;
  try {
    const cli = cliVerdicts(cliSubset);
    cliMismatch = cliSubset.filter(d => cli.get(d.id) !== outcomes[d.id].ours);
    console.log(`CLI: ${cliSubset.length} documents through \`validate\`, ${cliSubset.length - cliMismatch.length} with the library's verdict`
      + `${cliMismatch.length ? ` (differ: ${cliMismatch.slice(0, 10).map(d => d.id).join(', ')})` : ''}`);
  } catch (e) {
    cliError = (e as Error).message;
    console.log(`CLI: not compared: ${cliError}`);
  }

  const uncompiled = new Set([...validators.standard.cel.uncompiled.keys(), ...validators.experimental.cel.uncompiled.keys()]);
  const evaluations = validators.standard.cel.evaluations + validators.experimental.cel.evaluations;
  const violations = validators.standard.cel.violations + validators.experimental.cel.violations;
  console.log(`CEL (independent): ${evaluations} rule evaluations on schema-valid objects, ${violations} violated; `
    + `${uncompiled.size} rules the second implementation could not compile`);

  const sorted = [...classes.entries()].sort((x, y) => y[1].length - x[1].length);
  for (const [c, members] of sorted) {
    const minimal = members.reduce((m, o) => (o.doc.text.length < m.doc.text.length ? o : m));
    console.log(`\n[${members.length}] ${c}\n  labels: ${minimal.doc.labels.join(', ')} (${minimal.doc.set})`
      + `\n  ours: ${minimal.ourReasons.join(' / ') || 'valid'}\n  independent: ${minimal.theirReasons.join(' / ') || 'valid'}`
      + `\n  ${minimal.doc.text.length < 1500 ? minimal.doc.text.trim().replace(/\n/g, '\n  ') : `(${minimal.doc.text.length} characters, document ${minimal.doc.id})`}`);
  }
  const report = path.join(os.tmpdir(), `differential-${seed}.json`);
  fs.writeFileSync(report, JSON.stringify({
    seed,
    documents: outcomes.length,
    agree,
    agreement: agree / outcomes.length,
    cli: { documents: cliSubset.length, mismatches: cliMismatch.map(d => d.id), error: cliError },
    uncompiledCelRules: [...uncompiled],
    classes: sorted.map(([c, members]) => ({
      class: c,
      count: members.length,
      examples: members.slice(0, 3).map(o => ({
        id: o.doc.id, set: o.doc.set, labels: o.doc.labels, text: o.doc.text, ours: o.ourReasons, independent: o.theirReasons,
      })),
    })),
  }, null, 2));
  console.log(`\nreport: ${report} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
}

main();
