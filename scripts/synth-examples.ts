/**
 * Synthesizes every example app under examples/ into examples/<name>/dist/*.k8s.yaml.
 *
 * Each example is a cdk8s app (`main.ts` + `cdk8s.yaml`). The apps are run in this one
 * process, in a sorted order, each with CDK8S_OUTDIR pointing at its own dist folder
 * (cdk8s's App reads it), so the run is fast and the output deterministic. Stale YAML from
 * an earlier run is removed first.
 */
import * as fs from 'fs';
import * as path from 'path';

const examplesDir = path.resolve(__dirname, '..', 'examples');
const only = process.argv.slice(2);

const names = fs.readdirSync(examplesDir)
  .filter(name => fs.existsSync(path.join(examplesDir, name, 'main.ts')))
  .filter(name => only.length === 0 || only.includes(name))
  .sort();

if (names.length === 0) {
  throw new Error(`no examples found in ${examplesDir}${only.length ? ` matching ${only.join(', ')}` : ''}`);
}

for (const name of names) {
  const dir = path.join(examplesDir, name);
  const outdir = path.join(dir, 'dist');
  fs.rmSync(outdir, { recursive: true, force: true });
  process.env.CDK8S_OUTDIR = outdir;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(dir, 'main.ts'));
  const files = fs.readdirSync(outdir).filter(f => f.endsWith('.k8s.yaml')).sort();
  console.log(`${name}: ${files.map(f => path.join('examples', name, 'dist', f)).join(', ')}`);
}
delete process.env.CDK8S_OUTDIR;
