import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { ingressBatch, ingressDescArb } from './migrate-arbitraries';
import { migrateAndCheck } from './migrate-checks';

/*
 * Robustness of `migrate` (issue 11): 1,000 generated Ingresses with random annotation mixes
 * (test/cli/migrate-arbitraries.ts), in batches of 50 through the command in-process, each batch
 * on one of the three profiles. Every batch must exit 0 without a stack trace, give output that
 * validates, and a notice for every annotation key of every Ingress (exactly one). The seed is
 * fixed so a failure replays; MIGRATE_FUZZ_SEED and MIGRATE_FUZZ_RUNS run others
 * (`MIGRATE_FUZZ_SEED=7 MIGRATE_FUZZ_RUNS=5000 npx jest test/cli/migrate-robustness.test.ts`).
 */

const SEED = Number(process.env.MIGRATE_FUZZ_SEED ?? 20260711);
const RUNS = Number(process.env.MIGRATE_FUZZ_RUNS ?? 1000);
const BATCH = 50;
const PROFILES = ['standard', 'envoy-gateway', 'nginx-gateway-fabric'];

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-migrate-robust-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

test(`${RUNS} generated Ingresses (seed ${SEED}): no crash, valid output, one notice per annotation key`, () => {
  const descs = fc.sample(ingressDescArb, { numRuns: RUNS, seed: SEED });
  const problems: string[] = [];
  let annotations = 0;
  let notices = 0;
  for (let first = 0; first < descs.length; first += BATCH) {
    const objects = ingressBatch(descs.slice(first, first + BATCH), first);
    const profile = PROFILES[(first / BATCH) % PROFILES.length];
    const run = migrateAndCheck(tmp, `batch-${first}.yaml`, objects, ['--profile', profile]);
    problems.push(...run.problems.map(p => `[${profile}, seed ${SEED}, batch ${first}] ${p}`));
    annotations += objects.reduce((n, o) => n + Object.keys(o.metadata.annotations).length, 0);
    notices += run.notices.length;
  }
  expect(problems).toEqual([]);
  // The run exercised something: most Ingresses carry annotations, and each got its notice.
  expect(descs).toHaveLength(RUNS);
  expect(annotations).toBeGreaterThan(RUNS * 2);
  expect(notices).toBeGreaterThan(annotations * 0.8);
}, 180_000);
