import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { ShopChart, VERDICT_MARKERS, renderVerdicts } from '../../examples/profile-common/shop';
import { Behavior, Fidelity, ImplementationProfile, ProfileName } from '../../src';
import { MATRIX_MARKERS, NOTES_MARKERS, renderProfileMatrix, renderProfileNotes, replaceBetween } from '../../src/profiles/matrix';

const ROOT = path.resolve(__dirname, '..', '..');

describe('profile matrix', () => {
  test.each(['README.md', 'docs/profiles.md'])('%s shows the matrix generated from the verdict table (npx projen docs:profiles)', file => {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    let expected = replaceBetween(text, MATRIX_MARKERS, renderProfileMatrix());
    if (text.includes(NOTES_MARKERS[0])) expected = replaceBetween(expected, NOTES_MARKERS, renderProfileNotes());
    expect(text).toBe(expected);
  });

  test('every behaviour has a verdict on every profile, and every non-exact one says why', () => {
    for (const behavior of Object.values(Behavior)) {
      for (const profile of Object.values(ProfileName)) {
        const v = ImplementationProfile.verdictOf(behavior, profile);
        expect(Object.values(Fidelity)).toContain(v.fidelity);
        if (v.fidelity === Fidelity.EXACT) {
          expect(v.note).toBe('');
        } else {
          expect(v.note).toMatch(/^\S.{20,}\.$/);
        }
        if (v.fidelity !== Fidelity.UNSUPPORTED) expect(v.emits).not.toBe('');
      }
    }
  });

  test('the standard profile emits nothing but standard Gateway API', () => {
    for (const behavior of Object.values(Behavior)) {
      const v = ImplementationProfile.verdictOf(behavior, ProfileName.STANDARD);
      if (v.fidelity !== Fidelity.UNSUPPORTED) expect(v.emits).toMatch(/ResponseHeaderModifier/);
    }
  });

  test.each([ImplementationProfile.envoyGateway(), ImplementationProfile.nginxGatewayFabric()])('examples/profile-$name/README.md lists the app\'s verdicts that are not exact', profile => {
    const file = path.join(ROOT, 'examples', `profile-${profile.name}`, 'README.md');
    const text = fs.readFileSync(file, 'utf8');
    const chart = new ShopChart(new App(), 'shop', profile, 'class');
    expect(text).toBe(replaceBetween(text, VERDICT_MARKERS, renderVerdicts(chart.verdicts)));
    expect(chart.verdicts.filter(v => v.fidelity !== Fidelity.EXACT).length).toBeGreaterThan(0);
  });

  test('replaceBetween refuses a file without the markers', () => {
    expect(() => replaceBetween('no markers', MATRIX_MARKERS, 'x')).toThrow(/markers .* not found/);
  });
});
