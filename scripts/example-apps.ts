/**
 * The example apps under examples/: each is a cdk8s app (`main.ts` + `cdk8s.yaml`) that builds
 * and synthesizes its charts when its module is loaded. `npm run examples`
 * (scripts/synth-examples.ts) writes their output to examples/<name>/dist; the tests synthesize
 * them into a temporary folder, check that output and compare it with the committed dist/.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The examples folder. */
export const EXAMPLES_DIR = path.resolve(__dirname, '..', 'examples');

/** The examples (folders with a main.ts), sorted. */
export function exampleNames(): string[] {
  return fs.readdirSync(EXAMPLES_DIR)
    .filter(name => fs.existsSync(path.join(EXAMPLES_DIR, name, 'main.ts')))
    .sort();
}

/**
 * Runs examples/<name>/main.ts in this process with CDK8S_OUTDIR set to `outdir` (cdk8s's `App`
 * reads it) and returns the names of the `*.k8s.yaml` files it wrote there, sorted. The app
 * runs when its module is first loaded: once per process (or jest test file).
 */
export function synthExample(name: string, outdir: string): string[] {
  const saved = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(EXAMPLES_DIR, name, 'main.ts'));
  } finally {
    if (saved === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = saved;
  }
  const files = fs.existsSync(outdir) ? fs.readdirSync(outdir).filter(f => f.endsWith('.k8s.yaml')).sort() : [];
  if (files.length === 0) {
    throw new Error(`examples/${name}/main.ts wrote no *.k8s.yaml to ${outdir} (was it already loaded in this process?)`);
  }
  return files;
}
