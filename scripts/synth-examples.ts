/**
 * Synthesizes every example app under examples/ into examples/<name>/dist/*.k8s.yaml
 * (`npm run examples`; arguments: only these examples).
 *
 * Each example is a cdk8s app (`main.ts` + `cdk8s.yaml`). The apps are run in this one
 * process, in a sorted order, each with CDK8S_OUTDIR pointing at its own dist folder
 * (scripts/example-apps.ts), so the run is fast and the output deterministic. Stale YAML from
 * an earlier run is removed first. The tests synthesize the same way into a temporary folder
 * and fail when the committed dist/ differs (test/examples-valid.test.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLES_DIR, exampleNames, synthExample } from './example-apps';

const only = process.argv.slice(2);
const names = exampleNames().filter(name => only.length === 0 || only.includes(name));

if (names.length === 0) {
  throw new Error(`no examples found in ${EXAMPLES_DIR}${only.length ? ` matching ${only.join(', ')}` : ''}`);
}

for (const name of names) {
  const outdir = path.join(EXAMPLES_DIR, name, 'dist');
  fs.rmSync(outdir, { recursive: true, force: true });
  const files = synthExample(name, outdir);
  console.log(`${name}: ${files.map(f => path.join('examples', name, 'dist', f)).join(', ')}`);
}
