import { GatewayApiVersion, ManifestValidator, ValidationSeverity } from '../../src/validation';
import { checkCrossObject } from '../../src/validation/cross-object';
import { crossObjectSet } from '../support/scale-fixtures';

/* The public entry points around the cross-object checks: names, YAML parsing, document positions, order, speed. */

const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: edge, namespace: infra }
spec:
  gatewayClassName: eg
  listeners:
  - { name: http, port: 80, protocol: HTTP }
`;

const ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: infra }
spec:
  parentRefs: [{ name: edge, sectionName: https }]
  rules:
  - backendRefs: [{ name: web }]
`;

describe('validateManifests and validateManifestObjects', () => {
  test('are validateYaml and validateObjects under the names of the issue', () => {
    const text = `${GATEWAY}---\n${ROUTE}`;
    const results = ManifestValidator.validateManifests(text);
    expect(results).toEqual(ManifestValidator.validateYaml(text));
    expect(results.map(r => [r.documentIndex, r.path, r.code, r.severity])).toEqual([
      [1, 'spec.rules[0].backendRefs[0]', 'cel', ValidationSeverity.ERROR],
      [1, 'spec.parentRefs[0].sectionName', 'section-not-found', ValidationSeverity.ERROR],
    ]);
    const objects = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Mesh', metadata: { name: 'm' } }];
    expect(ManifestValidator.validateManifestObjects(objects)).toEqual(ManifestValidator.validateObjects(objects));
    expect(ManifestValidator.validateManifestObjects(objects)[0]).toMatchObject({ code: 'unknown-kind', documentIndex: 1 });
  });

  test('results are ordered by document; per-object results first within one', () => {
    const results = ManifestValidator.validateManifests(`${ROUTE}---\n${GATEWAY}`);
    expect(results.map(r => [r.documentIndex, r.code])).toEqual([[0, 'cel'], [0, 'section-not-found']]);
  });

  test('the options reach the per-object checks', () => {
    const tls = 'apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TLSRoute\nmetadata: { name: t, namespace: ns }\nspec: { hostnames: [a.example.com], rules: [{ backendRefs: [{ name: s, port: 443 }] }] }\n';
    expect(ManifestValidator.validateManifests(tls, { gatewayApiVersion: GatewayApiVersion.V1_5_1 }).map(r => r.code)).toEqual(['unknown-kind']);
  });
});

describe('YAML', () => {
  test('documentIndex counts every document, empty ones included; List items share theirs', () => {
    const list = `apiVersion: v1
kind: List
items:
- ${GATEWAY.replace(/\n(?!$)/g, '\n  ')}- ${ROUTE.replace(/\n(?!$)/g, '\n  ')}`;
    const results = ManifestValidator.validateManifests(`# a comment is no document\n---\n${GATEWAY}---\n---\n${list}`);
    expect(results.map(r => [r.documentIndex, r.kind, r.code])).toEqual([[2, 'HTTPRoute', 'cel'], [2, 'HTTPRoute', 'section-not-found']]);
  });

  test('a syntax error is reported with its line and column, and the other documents are still validated', () => {
    const results = ManifestValidator.validateManifests(`${GATEWAY}---\nkey: [unclosed\n---\n${ROUTE}`);
    expect(results.map(r => [r.documentIndex, r.code])).toEqual([[1, 'yaml'], [2, 'cel'], [2, 'section-not-found']]);
    expect(results[0]).toMatchObject({ kind: '', path: '', severity: ValidationSeverity.ERROR });
    expect(results[0].message).toMatch(/^invalid YAML: .*at line \d+, column \d+/s);
  });

  test('anchors and aliases are resolved (by the careful parser), within limits', () => {
    const text = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: ns }
spec:
  rules:
  - backendRefs: &b [{ name: web, port: 80 }]
  - backendRefs: *b
    matches: [{ path: { type: Exact, value: /x } }]
`;
    expect(ManifestValidator.validateManifests(text)).toEqual([]);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      return `${next}: &${next} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`;
    })].join('\n');
    expect(ManifestValidator.validateManifests(bomb).map(r => r.code)).toEqual(['yaml']);
  });

  test('duplicate keys are a YAML error, as for the API server', () => {
    expect(ManifestValidator.validateManifests('apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata: { name: x }\n').map(r => r.code)).toEqual(['yaml']);
  });
});

describe('performance', () => {
  // Timed (and its growth with the number of routes) by bench/checks.ts (npx projen bench).
  test('cross-object checks accept 2,000 routes on 50 Gateways with a ReferenceGrant', () => {
    const objects = crossObjectSet(2_000);
    expect(checkCrossObject(objects.map(obj => ({ obj })))).toEqual([]);
  });
});
