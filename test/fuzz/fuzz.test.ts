/**
 * Property-based fuzzing of the L2 API (fast-check): random but well-formed apps, with values
 * partly from near-invalid domains, either fail with a descriptive error or synthesize objects
 * that the v1.6.1 Standard CRDs (schemas and CEL) and the cross-object checks accept. The
 * oracle is documented in `oracle.ts`, the generators in `app-arbitrary.ts`.
 *
 *   FUZZ_RUNS  number of apps (default 2000; the nightly script `scripts/fuzz.ts` runs 10,000)
 *   FUZZ_SEED  seed (default fixed, so CI is reproducible)
 *   FUZZ_PATH  replay one counterexample: FUZZ_SEED=<seed> FUZZ_PATH=<path> npx jest test/fuzz
 *
 * A failure reports the seed and path to replay, and the counterexample minimized.
 */
import * as fc from 'fast-check';
import { appArb } from './app-arbitrary';
import { minimize } from './minimize';
import { AGGREGATE, API_SERVER_WORDING, EAGER, judge, judgeError } from './oracle';

const DEFAULT_SEED = 20261122;
const runs = Number(process.env.FUZZ_RUNS ?? 2000);
const seed = Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
const path = process.env.FUZZ_PATH;

describe('fuzz: random L2 apps', () => {
  test(`${runs} apps either throw a descriptive error or synthesize valid objects (seed ${seed})`, () => {
    const outcomes = { accepted: 0, rejected: 0, flagged: 0 };
    let counting = true;
    const details = fc.check(fc.property(appArb, desc => {
      const verdict = judge(desc);
      if (!verdict.ok) {
        counting = false; // shrinking from here on
        return false;
      }
      if (counting) outcomes[verdict.outcome]++;
      return true;
    }), { numRuns: runs, seed, path });

    if (details.failed) {
      const minimal = minimize(details.counterexample![0]);
      const verdict = judge(minimal);
      throw new Error([
        `fuzz counterexample after ${details.numRuns} apps; replay: FUZZ_SEED=${details.seed} FUZZ_PATH=${details.counterexamplePath} npx jest test/fuzz`,
        verdict.ok ? '(the minimized app passes; see the original counterexample)' : verdict.reason,
        `minimized app: ${JSON.stringify(minimal)}`,
        verdict.ok ? `original app: ${JSON.stringify(details.counterexample![0])}` : verdict.detail,
      ].join('\n'));
    }
    // Both outcomes must be exercised: a generator that only produces invalid (or only valid)
    // apps would make the property vacuous.
    if (path === undefined && runs >= 200) {
      expect(outcomes.accepted).toBeGreaterThan(runs * 0.2);
      expect(outcomes.rejected + outcomes.flagged).toBeGreaterThan(runs * 0.2);
    }
  }, 30 * 60_000);
});

describe('fuzz oracle', () => {
  test('eager errors that name a construct path or factory are descriptive', () => {
    expect(EAGER.test('HttpRoute infra/Route0: spec.rules[0]: backends has 17 entries')).toBe(true);
    expect(EAGER.test('PathMatch.prefix: path "api" must be absolute (start with "/")')).toBe(true);
    expect(EAGER.test('Backend: port 0 is outside 1-65535')).toBe(true);
    expect(judgeError(new Error('HttpRoute infra/Route0: bad'))).toMatchObject({ ok: true, outcome: 'rejected' });
  });

  test('synth aggregates of construct checks pass; schema, CEL and validator lines in them fail', () => {
    const own = 'Validation failed with the following errors:\n  [infra/Gateway0] listener name "http" is used by 2 listeners';
    expect(AGGREGATE.test(own)).toBe(true);
    expect(judgeError(new Error(own))).toMatchObject({ ok: true });
    const schema = 'Validation failed with the following errors:\n  [infra/Route0/Resource] HTTPRoute a/b spec.hostnames[0]: Invalid value: "A": should match';
    expect(judgeError(new Error(schema))).toMatchObject({ ok: false });
    const crossObject = 'Validation failed with the following errors:\n  [infra/Route0/Resource] HTTPRoute a/b spec.parentRefs[0]: no listener accepts it [namespace-not-allowed]';
    expect(judgeError(new Error(crossObject))).toMatchObject({ ok: false });
    expect(API_SERVER_WORDING.test('spec.rules: Too many: 17: must have at most 16 items')).toBe(true);
    expect(API_SERVER_WORDING.test('Required value')).toBe(true);
  });

  test('other throws are findings', () => {
    expect(judgeError(new TypeError("Cannot read properties of undefined (reading 'x')"))).toMatchObject({ ok: false });
    expect(judgeError('a string')).toMatchObject({ ok: false });
    expect(judgeError(new Error('something went wrong'))).toMatchObject({ ok: false });
    expect(judgeError(new Error('Backend: weight [object Object] is outside 0-1000000'))).toMatchObject({ ok: false });
  });
});
