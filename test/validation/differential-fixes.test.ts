import { ManifestValidator } from '../../src/validation';

/*
 * Classes of disagreement found by the differential run (scripts/differential/) where this
 * validator was wrong, one test each.
 */

function errorsOf(metadataLines: string): Array<[string, string]> {
  const text = [
    'apiVersion: gateway.networking.k8s.io/v1',
    'kind: GatewayClass',
    'metadata:',
    '  name: gc',
    metadataLines,
    'spec:',
    '  controllerName: example.com/gc',
    '',
  ].join('\n');
  return ManifestValidator.validateManifests(text, { crossObject: false })
    .filter(r => r.code !== 'cel-skipped')
    .map(r => [r.path, r.message]);
}

describe('metadata.finalizers (ValidateFinalizerName: qualified names, []string)', () => {
  test('a finalizer whose prefix is not a lowercase DNS-1123 subdomain is refused', () => {
    const found = errorsOf('  finalizers: ["UP/x"]');
    expect(found.map(([p]) => p)).toEqual(['metadata.finalizers[0]']);
    expect(found[0][1]).toMatch(/^Invalid value: "UP\/x": prefix part a lowercase RFC 1123 subdomain must consist of lower case/);
  });

  test('a name part longer than 63 characters, or more than one slash, is refused', () => {
    const found = errorsOf(`  finalizers: ["example.com/${'x'.repeat(64)}", "a/b/c"]`);
    expect(found.map(([p]) => p)).toEqual(['metadata.finalizers[0]', 'metadata.finalizers[1]']);
    expect(found[0][1]).toMatch(/name part must be no more than 63 characters/);
    expect(found[1][1]).toMatch(/a qualified name must consist of alphanumeric characters/);
  });

  test('a finalizer that is not a string is a type error', () => {
    expect(errorsOf('  finalizers: [1]')).toEqual([
      ['metadata.finalizers[0]', 'Invalid value: 1: metadata.finalizers[0] in body must be of type string: "integer"'],
    ]);
  });

  test('qualified names, with or without a prefix, are accepted', () => {
    expect(errorsOf('  finalizers: ["example.com/cleanup", "kubernetes"]')).toEqual([]);
  });
});

describe('metadata.ownerReferences (ValidateOwnerReferences, strict OwnerReference decoding)', () => {
  test('an apiVersion without a version and an empty kind, name or uid are refused', () => {
    expect(errorsOf('  ownerReferences:\n  - {apiVersion: "a/b/c", kind: "", name: s}')).toEqual([
      ['metadata.ownerReferences[0].apiVersion', 'Invalid value: "a/b/c": version must not be empty'],
      ['metadata.ownerReferences[0].kind', 'Invalid value: "": kind must not be empty'],
      ['metadata.ownerReferences[0].uid', 'Invalid value: "": uid must not be empty'],
    ]);
  });

  test('unknown fields, wrong types and items that are not objects are refused', () => {
    expect(errorsOf('  ownerReferences:\n  - {apiVersion: v1, kind: Service, name: s, uid: u, extra: 1, controller: "true"}\n  - x')).toEqual([
      ['metadata.ownerReferences[0].extra', 'unknown field "metadata.ownerReferences[0].extra"'],
      ['metadata.ownerReferences[0].controller', 'Invalid value: "true": metadata.ownerReferences[0].controller in body must be of type boolean: "string"'],
      ['metadata.ownerReferences[1]', 'Invalid value: "x": metadata.ownerReferences[1] in body must be of type object: "string"'],
    ]);
  });

  test('only one reference may be the controller', () => {
    expect(errorsOf([
      '  ownerReferences:',
      '  - {apiVersion: apps/v1, kind: Deployment, name: a, uid: u1, controller: true}',
      '  - {apiVersion: /v1, kind: Service, name: b, uid: u2, controller: true}',
    ].join('\n'))).toEqual([
      ['metadata.ownerReferences[1]', 'Invalid value: "true": Only one reference can have Controller set to true. Found "true" in references for Deployment/a and Service/b'],
    ]);
  });

  test('complete references (a core apiVersion too) are accepted', () => {
    expect(errorsOf('  ownerReferences:\n  - {apiVersion: v1, kind: Service, name: s, uid: u, controller: true, blockOwnerDeletion: false}')).toEqual([]);
  });
});
