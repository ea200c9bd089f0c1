import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from './support/run-cli';

/*
 * The README's command transcripts (```text blocks starting with `$ cdk8s-gateway-api`) are
 * what the commands print: `explain` transcripts in full, `migrate` ones as an excerpt (each line
 * shown appears in the output, in order; `...` lines stand for lines left out).
 */

const ROOT = path.join(__dirname, '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** Splits a command line as a POSIX shell does for plain and quoted words. */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

const transcripts = [...README.matchAll(/```text\n(\$ cdk8s-gateway-api [^\n]*)\n([\s\S]*?)```/g)]
  .map(m => ({ command: m[1].slice(2), shown: m[2] }));

test('the README has an explain transcript and a migrate --verify excerpt', () => {
  expect(transcripts.map(t => words(t.command)[1])).toEqual(expect.arrayContaining(['explain', 'migrate']));
});

describe.each(transcripts.map(t => [t.command, t] as const))('README: %s', (_c, t) => {
  test('prints what the README shows', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-'));
    try {
      const argv = words(t.command).slice(1).map(w => (w.startsWith('/tmp/') ? path.join(tmp, path.basename(w)) : w));
      const run = runCli(argv, { cwd: ROOT });
      if (argv[0] === 'explain') {
        expect(run.out).toEqual(t.shown);
        return;
      }
      const lines = run.err.split('\n');
      let at = 0;
      for (const want of t.shown.split('\n').filter(l => l !== '' && l.trim() !== '...')) {
        const found = lines.indexOf(want, at);
        expect({ want, found: found >= 0 }).toEqual({ want, found: true });
        at = found + 1;
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
