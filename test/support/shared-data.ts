import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * The upstream Gateway API data (CRDs and upstream's example corpus) that some tests read. It is
 * not part of the repository: it lies in a `shared` folder beside the project (CI puts a copy
 * there), or wherever `GATEWAY_API_SHARED_DIR` points.
 *
 * Tests that read it are declared with `describeWithShared` / `testWithShared`. When the data is
 * missing they do not pass silently:
 * - in CI (`CI` set and not "false"/"0") each such group or test is replaced by one that fails,
 *   saying what is missing and that CI needs it;
 * - elsewhere they are skipped, and the run prints one line at the end (the jest globalSetup and
 *   globalTeardown in this folder collect the skips of every test file, whatever the workers).
 */

/** The environment variable that overrides where the shared data is. */
export const SHARED_DIR_ENV = 'GATEWAY_API_SHARED_DIR';

/** The variable through which the test files report their skips to the global teardown. */
export const SKIP_LOG_ENV = 'CDK8S_GATEWAY_API_SHARED_SKIP_LOG';

/** The project root. */
const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The folder with the shared data: `$GATEWAY_API_SHARED_DIR` (a relative path is taken from the
 * project root), else `../shared` beside the project.
 */
export const SHARED_DIR = path.resolve(ROOT, process.env[SHARED_DIR_ENV] || path.join('..', 'shared'));

/** Upstream Gateway API releases in it (`<version>/{standard,experimental}/*.yaml`, `<version>/examples/`). */
export const SHARED = path.join(SHARED_DIR, 'gateway-api');

/** What to do with a test that needs the shared data. */
export enum SharedDataMode {
  /** The data is there: run the test. */
  RUN = 'run',
  /** The data is missing in CI: fail, saying so. */
  FAIL = 'fail',
  /** The data is missing elsewhere: skip, and say so once for the run. */
  SKIP = 'skip',
}

/** Whether `env` is a CI environment (`CI` set to anything but "", "false" or "0"). */
export function isCi(env: { readonly [name: string]: string | undefined }): boolean {
  const ci = (env.CI ?? '').trim().toLowerCase();
  return ci !== '' && ci !== 'false' && ci !== '0';
}

/** The mode for data expected at `dir`, in the environment `env`. */
export function sharedDataMode(dir: string, env: { readonly [name: string]: string | undefined }): SharedDataMode {
  if (fs.existsSync(dir)) return SharedDataMode.RUN;
  return isCi(env) ? SharedDataMode.FAIL : SharedDataMode.SKIP;
}

/** The message of a test that fails in CI because the data at `dir` is missing. */
export function missingInCiMessage(dir: string): string {
  return `the shared Gateway API data is missing: ${dir} does not exist, and CI needs it `
    + `(CI runs with ../shared beside the project; ${SHARED_DIR_ENV} overrides where it is looked for)`;
}

/** The one line printed at the end of a local run in which tests were skipped for want of the data at `dir`. */
export function skipSummary(dir: string, skips: readonly SkippedGroup[]): string {
  const files = [...new Set(skips.map(s => s.file))].sort();
  return `shared data: ${dir} is missing, so ${skips.length} test group${skips.length === 1 ? '' : 's'} `
    + `in ${files.length} file${files.length === 1 ? '' : 's'} (${files.join(', ')}) ${skips.length === 1 ? 'was' : 'were'} skipped; `
    + `put the upstream data in ../shared beside the project or set ${SHARED_DIR_ENV} (with CI=true they fail instead)`;
}

/** A `describe` or `test` that was skipped for want of the data. */
export interface SkippedGroup {
  /** The test file, relative to the project root. */
  readonly file: string;
  /** The name of the group or test. */
  readonly name: string;
}

/** The jest functions a gate declares tests with (the globals, or stand-ins in the gate's own test). */
export interface JestDeclarations {
  readonly describe: jest.Describe;
  readonly test: jest.It;
}

/** Declares tests that need the shared data, according to a mode. */
export class SharedDataGate {
  public constructor(
    private readonly mode: SharedDataMode,
    private readonly dir: string,
    private readonly declarations: () => JestDeclarations,
    private readonly onSkip: (name: string) => void,
  ) {}

  /** A `describe` block whose tests read the shared data. */
  public describe(name: string, body: () => void): void {
    const { describe, test } = this.declarations();
    switch (this.mode) {
      case SharedDataMode.RUN:
        describe(name, body);
        return;
      case SharedDataMode.FAIL:
        describe(name, () => test('needs the shared data', () => this.fail()));
        return;
      case SharedDataMode.SKIP:
        this.onSkip(name);
        describe.skip(name, body);
        return;
    }
  }

  /** A test that reads the shared data. */
  public test(name: string, fn: jest.ProvidesCallback, timeout?: number): void {
    const { test } = this.declarations();
    switch (this.mode) {
      case SharedDataMode.RUN:
        test(name, fn, timeout);
        return;
      case SharedDataMode.FAIL:
        test(name, () => this.fail());
        return;
      case SharedDataMode.SKIP:
        this.onSkip(name);
        test.skip(name, fn, timeout);
        return;
    }
  }

  private fail(): never {
    throw new Error(missingInCiMessage(this.dir));
  }
}

/** Records a skip for the global teardown (or, outside a jest run with the global setup, prints it). */
function logSkip(name: string): void {
  const testPath: string | undefined = expect.getState().testPath;
  const file = testPath ? path.relative(ROOT, testPath) : '<unknown test file>';
  const log = process.env[SKIP_LOG_ENV];
  if (log) {
    fs.appendFileSync(log, `${JSON.stringify({ file, name })}\n`);
  } else {
    process.stderr.write(`${skipSummary(SHARED, [{ file, name }])}\n`);
  }
}

const gate = new SharedDataGate(sharedDataMode(SHARED, process.env), SHARED, () => ({ describe, test }), logSkip);

/** `describe` for tests that read the shared data (see the top of this file for what happens without it). */
export function describeWithShared(name: string, body: () => void): void {
  gate.describe(name, body);
}

/** `test` for a test that reads the shared data (see the top of this file for what happens without it). */
export function testWithShared(name: string, fn: jest.ProvidesCallback, timeout?: number): void {
  gate.test(name, fn, timeout);
}

/** For the jest globalSetup: a fresh file for this run's skips, named in the environment the test files inherit. */
export function startSkipLog(): void {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-gateway-api-jest-')), 'shared-data-skips.jsonl');
  fs.writeFileSync(log, '');
  process.env[SKIP_LOG_ENV] = log;
}

/** For the jest globalTeardown: prints the one summary line (if anything was skipped) and removes the log. */
export function finishSkipLog(print: (line: string) => void): void {
  const log = process.env[SKIP_LOG_ENV];
  delete process.env[SKIP_LOG_ENV];
  if (!log || !fs.existsSync(log)) return;
  const skips = fs.readFileSync(log, 'utf8').split('\n').filter(l => l !== '').map(l => JSON.parse(l) as SkippedGroup);
  fs.rmSync(log);
  fs.rmdirSync(path.dirname(log));
  if (skips.length > 0) print(skipSummary(SHARED, skips));
}
