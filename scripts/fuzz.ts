/**
 * Nightly-style fuzzing of the L2 API: the property of test/fuzz/fuzz.test.ts over many more
 * apps (10,000 by default) and a fresh random seed each run, printed so any failure replays.
 *
 *   npx ts-node --transpile-only -P scripts/tsconfig.json scripts/fuzz.ts [runs] [seed]
 *   (or FUZZ_RUNS / FUZZ_SEED in the environment)
 *
 * Unlike the Jest property, the run does not stop at the first failure: every failing app is
 * recorded, failures are grouped by signature (reason and message shape), and for each group
 * the first counterexample is replayed with fast-check (seed and path), minimized and printed
 * with the replay command. Exits with 1 when anything failed.
 */
import * as fc from 'fast-check';
import { appArb } from '../test/fuzz/app-arbitrary';
import { AppDesc } from '../test/fuzz/descriptions';
import { failureSignature, minimize } from '../test/fuzz/minimize';
import { judge } from '../test/fuzz/oracle';

const runs = Number(process.argv[2] ?? process.env.FUZZ_RUNS ?? 10_000);
const seed = Number(process.argv[3] ?? process.env.FUZZ_SEED ?? Math.floor(Math.random() * 0x7fff_ffff));

interface Failure {
  readonly index: number;
  readonly desc: AppDesc;
  readonly count: number;
}

console.log(`fuzz: ${runs} apps, seed ${seed}`);
const started = Date.now();
const outcomes = { accepted: 0, rejected: 0, flagged: 0, failed: 0 };
const failures = new Map<string, Failure>();
let index = 0;

// The property never fails, so that every run is judged; failures are collected instead.
fc.assert(fc.property(appArb, desc => {
  const verdict = judge(desc);
  const signature = failureSignature(verdict);
  if (verdict.ok) {
    outcomes[verdict.outcome]++;
  } else {
    outcomes.failed++;
    const known = failures.get(signature!);
    failures.set(signature!, known ? { ...known, count: known.count + 1 } : { index, desc, count: 1 });
  }
  index++;
  if (index % 1000 === 0) console.log(`  ${index} apps, ${outcomes.failed} failed, ${((Date.now() - started) / 1000).toFixed(1)}s`);
}), { numRuns: runs, seed });

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`fuzz: ${runs} apps in ${seconds}s: ${outcomes.accepted} accepted, ${outcomes.rejected} rejected with a descriptive error, `
  + `${outcomes.flagged} flagged by cross-object validation, ${outcomes.failed} failed (seed ${seed})`);

for (const [signature, failure] of failures) {
  // Replay the run with fast-check to get its shrunk counterexample, then minimize further.
  const replay = fc.check(fc.property(appArb, d => judge(d).ok), { seed, path: String(failure.index), numRuns: 1 });
  const shrunk = replay.failed ? replay.counterexample![0] : failure.desc;
  const minimal = minimize(shrunk);
  const verdict = judge(minimal);
  console.log([
    '',
    `FAILURE (${failure.count} app${failure.count === 1 ? '' : 's'}): ${signature}`,
    `  replay: FUZZ_SEED=${seed} FUZZ_PATH=${replay.failed ? replay.counterexamplePath : failure.index} npx jest test/fuzz --coverage=false`,
    `  counterexample (minimized): ${JSON.stringify(minimal)}`,
    ...(verdict.ok ? [] : verdict.detail.split('\n').slice(0, 40).map(line => `  | ${line}`)),
  ].join('\n'));
}

if (failures.size > 0) {
  process.exitCode = 1;
}
