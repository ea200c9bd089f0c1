import * as fs from 'fs';
import * as path from 'path';
import { ManifestValidator } from '../src';

/**
 * Every object the examples emit (the committed examples/<name>/dist YAML, which CI
 * regenerates and compares) is accepted by the v1.6.1 Standard CRD schemas and CEL rules.
 */
const examplesDir = path.resolve(__dirname, '..', 'examples');
const files = fs.readdirSync(examplesDir)
  .filter(name => fs.existsSync(path.join(examplesDir, name, 'dist')))
  .flatMap(name => fs.readdirSync(path.join(examplesDir, name, 'dist'))
    .filter(f => f.endsWith('.k8s.yaml'))
    .map(f => path.join('examples', name, 'dist', f)))
  .sort();

describe('example output', () => {
  test('there is synthesized output for every example', () => {
    const withMain = fs.readdirSync(examplesDir).filter(name => fs.existsSync(path.join(examplesDir, name, 'main.ts')));
    expect(withMain.length).toBeGreaterThanOrEqual(5);
    expect(files.length).toBe(withMain.length);
  });

  test.each(files)('%s is accepted by the v1.6.1 Standard CRDs', file => {
    const text = fs.readFileSync(path.resolve(__dirname, '..', file), 'utf8');
    expect(ManifestValidator.validateYaml(text)).toStrictEqual([]);
  });
});
