/**
 * Rewrites the generated parts of README.md (the behaviour × profile matrix) and
 * docs/profiles.md (the matrix and every non-exact verdict with its sentence) from the
 * verdict table in src/profiles/verdicts.ts. `test/profiles/matrix.test.ts` fails when they
 * disagree. Also rewrites the verdict list of each profile example's README.
 *
 *   npx projen docs:profiles
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { ShopChart, VERDICT_MARKERS, renderVerdicts } from '../examples/profile-common/shop';
import * as gw from '../src';
import { MATRIX_MARKERS, NOTES_MARKERS, renderProfileMatrix, renderProfileNotes, replaceBetween } from '../src/profiles/matrix';

const ROOT = path.resolve(__dirname, '..');
for (const file of ['README.md', 'docs/profiles.md']) {
  const abs = path.join(ROOT, file);
  let text = fs.readFileSync(abs, 'utf8');
  text = replaceBetween(text, MATRIX_MARKERS, renderProfileMatrix());
  if (text.includes(NOTES_MARKERS[0])) text = replaceBetween(text, NOTES_MARKERS, renderProfileNotes());
  fs.writeFileSync(abs, text);
  console.log(`wrote ${file}`);
}

// Each profile example's README lists the verdicts of its app that are not exact.
for (const profile of [gw.ImplementationProfile.envoyGateway(), gw.ImplementationProfile.nginxGatewayFabric()]) {
  const file = path.join(ROOT, 'examples', `profile-${profile.name}`, 'README.md');
  const chart = new ShopChart(new App(), 'shop', profile, 'class');
  fs.writeFileSync(file, replaceBetween(fs.readFileSync(file, 'utf8'), VERDICT_MARKERS, renderVerdicts(chart.verdicts)));
  console.log(`wrote ${path.relative(ROOT, file)}`);
}
