import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { INVALID_REASONS } from './invalid-reasons';
import { ReleaseChannel } from '../../src/core/channel';
import { GatewayApiVersion, ManifestValidator, ValidationResult } from '../../src/validation';
import { describeWithShared, SHARED } from '../support/shared-data';

/*
 * Upstream's own corpus (shared/gateway-api/<v>/examples): its CI applies every valid example to
 * a real API server and expects acceptance, and every invalid one alone and expects rejection.
 * Standard examples run against the standard CRDs; standard + experimental examples against the
 * experimental CRDs (the experimental folders hold only what needs the experimental channel).
 */

interface Doc {
  readonly file: string;
  readonly object: any;
}

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap(e => (e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : e.name.endsWith('.yaml') ? [path.join(dir, e.name)] : []))
    .sort();
}

function docs(version: string, kind: 'valid' | 'invalid', channel: ReleaseChannel): Doc[] {
  const folders = channel === ReleaseChannel.STANDARD ? ['standard'] : ['standard', 'experimental'];
  const out: Doc[] = [];
  for (const folder of folders) {
    for (const file of yamlFiles(path.join(SHARED, version, 'examples', kind, folder))) {
      for (const doc of YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
        const object = doc.toJS();
        if (!object || object.kind === 'Namespace') continue;
        out.push({ file: path.relative(SHARED, file), object });
      }
    }
  }
  return out;
}

const EXPECTED: { [key: string]: { valid: number; invalid: number } } = {
  'v1.6.1 standard': { valid: 92, invalid: 32 },
  'v1.6.1 experimental': { valid: 103, invalid: 36 },
  'v1.5.1 standard': { valid: 77, invalid: 32 },
  'v1.5.1 experimental': { valid: 90, invalid: 36 },
};

describeWithShared('upstream example corpus', () => {
  for (const version of [GatewayApiVersion.V1_6_1, GatewayApiVersion.V1_5_1]) {
    for (const channel of [ReleaseChannel.STANDARD, ReleaseChannel.EXPERIMENTAL]) {
      const label = `${version} ${channel}`;
      // Each document alone, as the API server sees it (cross-object checks need the whole set).
      const options = { gatewayApiVersion: version, channel, crossObject: false };

      test(`${label}: every valid example is accepted`, () => {
        const valid = docs(version, 'valid', channel);
        const rejected: { file: string; results: ValidationResult[] }[] = [];
        for (const d of valid) {
          const results = ManifestValidator.validateObjects([d.object], options);
          if (results.length > 0) rejected.push({ file: d.file, results });
        }
        expect(rejected).toEqual([]);
        expect(valid.length).toBe(EXPECTED[label].valid);
      });

      test(`${label}: every invalid example is rejected`, () => {
        const invalid = docs(version, 'invalid', channel);
        const accepted = invalid.filter(d => ManifestValidator.validateObjects([d.object], options).length === 0).map(d => d.file);
        expect(accepted).toEqual([]);
        expect(invalid.length).toBe(EXPECTED[label].invalid);
      });
    }
  }

  // Timed, against a YAML-parse floor, by bench/checks.ts (npx projen bench).
  test('the whole corpus in one call gives the same verdicts', () => {
    let accepted = 0;
    for (const version of [GatewayApiVersion.V1_6_1, GatewayApiVersion.V1_5_1]) {
      for (const channel of [ReleaseChannel.STANDARD, ReleaseChannel.EXPERIMENTAL]) {
        const valid = docs(version, 'valid', channel).map(d => d.object);
        if (ManifestValidator.validateObjects(valid, { gatewayApiVersion: version, channel, crossObject: false }).length === 0) accepted++;
      }
    }
    expect(accepted).toBe(4);
  });

  for (const version of [GatewayApiVersion.V1_6_1, GatewayApiVersion.V1_5_1]) {
    for (const channel of [ReleaseChannel.STANDARD, ReleaseChannel.EXPERIMENTAL]) {
      test(`${version} ${channel}: each invalid example fails for the reason upstream wrote it for`, () => {
        const root = path.join(SHARED, version, 'examples', 'invalid');
        const options = { gatewayApiVersion: version, channel, crossObject: false };
        const folders = channel === ReleaseChannel.STANDARD ? ['standard'] : ['standard', 'experimental'];
        const files = folders.flatMap(folder => yamlFiles(path.join(root, folder))).map(file => path.relative(root, file));
        const problems: string[] = [];
        for (const file of files) {
          const reason = INVALID_REASONS[file];
          if (reason === undefined) {
            problems.push(`${file}: no reason in test/validation/invalid-reasons.ts`);
            continue;
          }
          const objects = YAML.parseAllDocuments(fs.readFileSync(path.join(root, file), 'utf8')).map(d => d.toJS()).filter(o => o);
          const results = ManifestValidator.validateObjects(objects, options);
          for (const want of reason.results) {
            if (!results.some(r => r.path === want.path && want.message.test(r.message))) {
              problems.push(`${file} (${reason.mistake}): no result at ${want.path} matching ${want.message}; got ${JSON.stringify(results.map(r => `${r.path}: ${r.message}`))}`);
            }
          }
        }
        expect(problems).toEqual([]);
        expect(files.length).toBe(channel === ReleaseChannel.STANDARD ? 32 : 36);
      });
    }
  }

  test('every reason in the table is for an invalid example of both v1.6.1 and v1.5.1', () => {
    for (const version of [GatewayApiVersion.V1_6_1, GatewayApiVersion.V1_5_1]) {
      const root = path.join(SHARED, version, 'examples', 'invalid');
      const files = yamlFiles(root).map(file => path.relative(root, file));
      expect({ version, files: files.sort() }).toEqual({ version, files: Object.keys(INVALID_REASONS).sort() });
    }
  });
});
