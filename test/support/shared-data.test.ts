import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  finishSkipLog, isCi, JestDeclarations, missingInCiMessage, SharedDataGate, SharedDataMode, sharedDataMode,
  skipSummary, SKIP_LOG_ENV, startSkipLog,
} from './shared-data';

/** Stand-ins for jest's `describe` and `test` that record what a gate declares. */
function recorder() {
  const calls: unknown[][] = [];
  const fn = (kind: string) => (...args: unknown[]) => { calls.push([kind, ...args]); };
  const describe = Object.assign(fn('describe'), { skip: fn('describe.skip') });
  const test = Object.assign(fn('test'), { skip: fn('test.skip') });
  const skips: string[] = [];
  const declarations = { describe, test } as unknown as JestDeclarations;
  const gate = (mode: SharedDataMode) => new SharedDataGate(mode, '/nowhere/gateway-api', () => declarations, name => skips.push(name));
  return { calls, skips, gate };
}

describe('when the shared data is used', () => {
  test.each([
    [undefined, false], ['', false], ['false', false], ['FALSE', false], ['0', false],
    ['true', true], ['1', true], ['yes', true],
  ])('CI=%s is CI: %s', (ci, expected) => {
    expect(isCi({ CI: ci })).toBe(expected);
  });

  test('present: run, CI or not; missing: fail in CI, skip elsewhere', () => {
    const missing = path.join(os.tmpdir(), 'no-such-dir-for-shared-data-test', 'gateway-api');
    expect([
      sharedDataMode(os.tmpdir(), { CI: 'true' }), sharedDataMode(os.tmpdir(), {}),
      sharedDataMode(missing, { CI: 'true' }), sharedDataMode(missing, {}), sharedDataMode(missing, { CI: 'false' }),
    ]).toEqual([SharedDataMode.RUN, SharedDataMode.RUN, SharedDataMode.FAIL, SharedDataMode.SKIP, SharedDataMode.SKIP]);
  });
});

describe('SharedDataGate', () => {
  const body = () => undefined;

  test('run: the block and the test are declared as given', () => {
    const { calls, skips, gate } = recorder();
    gate(SharedDataMode.RUN).describe('corpus', body);
    gate(SharedDataMode.RUN).test('one', body, 5000);
    expect(calls).toEqual([['describe', 'corpus', body], ['test', 'one', body, 5000]]);
    expect(skips).toEqual([]);
  });

  test('skip: declared skipped, and each skip noted for the summary line', () => {
    const { calls, skips, gate } = recorder();
    gate(SharedDataMode.SKIP).describe('corpus', body);
    gate(SharedDataMode.SKIP).test('one', body);
    expect(calls).toEqual([['describe.skip', 'corpus', body], ['test.skip', 'one', body, undefined]]);
    expect(skips).toEqual(['corpus', 'one']);
  });

  test('fail (CI): the block becomes one failing test saying what is missing; its body is never run', () => {
    const { calls, skips, gate } = recorder();
    let ran = false;
    gate(SharedDataMode.FAIL).describe('corpus', () => { ran = true; });
    expect(calls).toEqual([['describe', 'corpus', expect.any(Function)]]);
    (calls[0][2] as () => void)();
    expect(calls[1]).toEqual(['test', 'needs the shared data', expect.any(Function)]);
    expect(calls[1][2] as () => void).toThrow(
      'the shared Gateway API data is missing: /nowhere/gateway-api does not exist, and CI needs it '
      + '(CI runs with ../shared beside the project; GATEWAY_API_SHARED_DIR overrides where it is looked for)');
    expect({ ran, skips }).toEqual({ ran: false, skips: [] });
  });

  test('fail (CI): a single test fails with the same message', () => {
    const { calls, gate } = recorder();
    gate(SharedDataMode.FAIL).test('one', body);
    expect(calls).toEqual([['test', 'one', expect.any(Function)]]);
    expect(calls[0][2] as () => void).toThrow(missingInCiMessage('/nowhere/gateway-api'));
  });
});

describe('the summary of a local run without the data', () => {
  test('one line naming the folder, the counts, the files and the way out', () => {
    expect(skipSummary('/x/gateway-api', [
      { file: 'test/validation/corpus.test.ts', name: 'upstream example corpus' },
      { file: 'test/cli/validate.test.ts', name: 'upstream examples, file by file' },
      { file: 'test/validation/corpus.test.ts', name: 'another' },
    ])).toBe('shared data: /x/gateway-api is missing, so 3 test groups in 2 files (test/cli/validate.test.ts, '
      + 'test/validation/corpus.test.ts) were skipped; put the upstream data in ../shared beside the project '
      + 'or set GATEWAY_API_SHARED_DIR (with CI=true they fail instead)');
    expect(skipSummary('/x', [{ file: 'a.test.ts', name: 'n' }])).toMatch(/^shared data: \/x is missing, so 1 test group in 1 file \(a\.test\.ts\) was skipped; /);
  });

  test('the log collects the skips of every file and is printed once, then removed', () => {
    const saved = process.env[SKIP_LOG_ENV];
    try {
      startSkipLog();
      const log = process.env[SKIP_LOG_ENV]!;
      fs.appendFileSync(log, `${JSON.stringify({ file: 'b.test.ts', name: 'x' })}\n${JSON.stringify({ file: 'a.test.ts', name: 'y' })}\n`);
      const printed: string[] = [];
      finishSkipLog(line => printed.push(line));
      expect(printed).toHaveLength(1);
      expect(printed[0]).toMatch(/ is missing, so 2 test groups in 2 files \(a\.test\.ts, b\.test\.ts\) were skipped; /);
      expect([fs.existsSync(log), fs.existsSync(path.dirname(log)), process.env[SKIP_LOG_ENV]]).toEqual([false, false, undefined]);

      startSkipLog();
      const empty = process.env[SKIP_LOG_ENV]!;
      finishSkipLog(line => printed.push(line));
      expect([printed.length, fs.existsSync(path.dirname(empty))]).toEqual([1, false]);
    } finally {
      if (saved === undefined) delete process.env[SKIP_LOG_ENV];
      else process.env[SKIP_LOG_ENV] = saved;
    }
  });
});
