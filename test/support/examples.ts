import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXAMPLES_DIR, synthExample } from '../../scripts/example-apps';

/**
 * The example apps' output for the tests: synthesized now, in this process (so a construct bug
 * fails the example tests, not only CI's check that the committed files are up to date), and
 * the committed examples/<name>/dist that `npm run examples` writes.
 */

const fresh = new Map<string, ReadonlyMap<string, string>>();

/** File name → YAML text of examples/<name>/main.ts synthesized now (once per test file). */
export function freshOutput(name: string): ReadonlyMap<string, string> {
  let output = fresh.get(name);
  if (!output) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `example-${name}-`));
    try {
      output = new Map(synthExample(name, outdir).map(f => [f, fs.readFileSync(path.join(outdir, f), 'utf8')]));
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
    fresh.set(name, output);
  }
  return output;
}

/** The YAML of the example's `<name>.k8s.yaml` (its one chart), synthesized now. */
export function freshYaml(name: string): string {
  const text = freshOutput(name).get(`${name}.k8s.yaml`);
  if (text === undefined) throw new Error(`examples/${name}/main.ts does not write ${name}.k8s.yaml: ${[...freshOutput(name).keys()].join(', ')}`);
  return text;
}

/** File name → YAML text of the committed examples/<name>/dist (empty without dist/). */
export function committedOutput(name: string): ReadonlyMap<string, string> {
  const dist = path.join(EXAMPLES_DIR, name, 'dist');
  if (!fs.existsSync(dist)) return new Map();
  return new Map(fs.readdirSync(dist).filter(f => f.endsWith('.k8s.yaml')).sort()
    .map(f => [f, fs.readFileSync(path.join(dist, f), 'utf8')]));
}

/** How the committed output of an example differs from a fresh synth, with the fix; undefined when identical. */
export function driftReport(name: string, committed: ReadonlyMap<string, string>, now: ReadonlyMap<string, string>): string | undefined {
  const fix = `run \`npm run examples\` and commit examples/${name}/dist`;
  const source = `a fresh synth of examples/${name}/main.ts`;
  const list = (m: ReadonlyMap<string, string>) => `[${[...m.keys()].sort().join(', ')}]`;
  if (list(committed) !== list(now)) {
    return `examples/${name}/dist holds ${list(committed)} but ${source} writes ${list(now)}: ${fix}`;
  }
  for (const [file, text] of now) {
    const old = committed.get(file)!;
    if (old === text) continue;
    const a = old.split('\n');
    const b = text.split('\n');
    let at = 0;
    while (at < a.length && at < b.length && a[at] === b[at]) at++;
    return `examples/${name}/dist/${file} differs from ${source} at line ${at + 1}:\n`
      + `  committed: ${a[at] ?? '(end of file)'}\n  fresh:     ${b[at] ?? '(end of file)'}\n${fix}`;
  }
  return undefined;
}
