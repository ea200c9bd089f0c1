import { exampleNames } from '../scripts/example-apps';
import { ManifestValidator } from '../src';
import { committedOutput, driftReport, freshOutput } from './support/examples';

/**
 * Every example app, synthesized now: its objects are accepted by the v1.6.1 Standard CRD
 * schemas and CEL rules, and the committed examples/<name>/dist (what `npm run examples`
 * writes, shown in the README) is exactly that output.
 */
const names = exampleNames();

describe('example output', () => {
  test('the examples are there', () => {
    expect(names.length).toBeGreaterThanOrEqual(5);
    expect(names).toContain('basic-http');
  });

  test.each(names)('examples/%s is accepted by the v1.6.1 Standard CRDs', name => {
    const output = freshOutput(name);
    expect(output.size).toBeGreaterThan(0);
    for (const [file, text] of output) {
      expect({ file, results: ManifestValidator.validateYaml(text) }).toStrictEqual({ file, results: [] });
    }
  });

  test.each(names)('examples/%s/dist is up to date with main.ts (else run npm run examples)', name => {
    expect(driftReport(name, committedOutput(name), freshOutput(name))).toBeUndefined();
  });
});

describe('driftReport', () => {
  const now = new Map([['a.k8s.yaml', 'kind: Gateway\nmetadata:\n  name: edge\n']]);

  test('identical output: nothing to report', () => {
    expect(driftReport('demo', new Map(now), now)).toBeUndefined();
  });

  test('a changed line: the file, the line, both texts and the fix', () => {
    expect(driftReport('demo', new Map([['a.k8s.yaml', 'kind: Gateway\nmetadata:\n  name: old\n']]), now)).toBe(
      'examples/demo/dist/a.k8s.yaml differs from a fresh synth of examples/demo/main.ts at line 3:\n'
      + '  committed:   name: old\n  fresh:       name: edge\n'
      + 'run `npm run examples` and commit examples/demo/dist');
  });

  test('a file cut short, or missing, or extra', () => {
    expect(driftReport('demo', new Map([['a.k8s.yaml', 'kind: Gateway\n']]), now))
      .toMatch(/^examples\/demo\/dist\/a\.k8s\.yaml differs .* at line 2:\n {2}committed: \n {2}fresh: {5}metadata:\n/);
    expect(driftReport('demo', new Map(), now)).toBe(
      'examples/demo/dist holds [] but a fresh synth of examples/demo/main.ts writes [a.k8s.yaml]: run `npm run examples` and commit examples/demo/dist');
    expect(driftReport('demo', new Map([...now, ['b.k8s.yaml', '']]), now)).toMatch(/^examples\/demo\/dist holds \[a\.k8s\.yaml, b\.k8s\.yaml\] but .* writes \[a\.k8s\.yaml\]: run `npm run examples`/);
  });
});
