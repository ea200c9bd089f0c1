import { ReleaseChannel } from '../../src/core/channel';
import { GatewayApiVersion, ImplementationCrds, ManifestValidator, ValidationSeverity } from '../../src/validation';
import { httpRoutes } from '../support/scale-fixtures';

/* The public API: options, kinds that are not served, other groups, YAML input, implementations. */

const ROUTE_YAML = `
apiVersion: v1
kind: Service
metadata: { name: svc }
spec: { ports: [{ port: 80 }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: prod }
spec:
  parentRefs: [{ name: edge }]
  rules:
  - backendRefs: [{ name: svc }]
`;

describe('ManifestValidator.validateYaml', () => {
  test('validates every Gateway API document and skips the others', () => {
    expect(ManifestValidator.validateYaml(ROUTE_YAML)).toEqual([
      {
        kind: 'HTTPRoute',
        namespace: 'prod',
        name: 'web',
        path: 'spec.rules[0].backendRefs[0]',
        message: 'Invalid value: "object": Must have port for Service reference',
        rule: "(size(self.group) == 0 && self.kind == 'Service') ? has(self.port) : true",
        code: 'cel',
        severity: ValidationSeverity.ERROR,
        documentIndex: 1,
      },
    ]);
  });

  test('expands List documents, ignores empty documents, reports YAML errors', () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: gateway.networking.k8s.io/v1\n  kind: GatewayClass\n  metadata: { name: gc }\n  spec: { controllerName: nope }\n---\n---\nkey: [unclosed\n';
    const r = ManifestValidator.validateYaml(list);
    expect(r.map(x => [x.kind, x.path])).toEqual([['GatewayClass', 'spec.controllerName'], ['', '']]);
    expect(r[1].message).toMatch(/^invalid YAML: /);
  });
});

describe('ManifestValidator.validateObjects', () => {
  const xmesh = {
    apiVersion: 'gateway.networking.x-k8s.io/v1alpha1',
    kind: 'XMesh',
    metadata: { name: 'mesh' },
    spec: { controllerName: 'example.com/mesh' },
  };

  test('X* kinds exist only in the experimental channel', () => {
    expect(ManifestValidator.validateObjects([xmesh])).toEqual([
      {
        kind: 'XMesh',
        name: 'mesh',
        path: '',
        message: 'no matches for kind "XMesh" in version "gateway.networking.x-k8s.io/v1alpha1" (not served by Gateway API v1.6.1 standard channel)',
        code: 'unknown-kind',
        severity: ValidationSeverity.ERROR,
        documentIndex: 0,
      },
    ]);
    expect(ManifestValidator.validateObjects([xmesh], { channel: ReleaseChannel.EXPERIMENTAL })).toEqual([]);
  });

  test('versions that are listed but not served are errors (TLSRoute v1alpha2 on standard)', () => {
    const tls = {
      apiVersion: 'gateway.networking.k8s.io/v1alpha2',
      kind: 'TLSRoute',
      metadata: { name: 't', namespace: 'ns' },
      spec: { hostnames: ['a.example.com'], rules: [{ backendRefs: [{ name: 'svc', port: 443 }] }] },
    };
    expect(ManifestValidator.validateObjects([tls], { gatewayApiVersion: GatewayApiVersion.V1_5_1 })[0].message)
      .toBe('no matches for kind "TLSRoute" in version "gateway.networking.k8s.io/v1alpha2" (not served by Gateway API v1.5.1 standard channel)');
    const experimental = { gatewayApiVersion: GatewayApiVersion.V1_5_1, channel: ReleaseChannel.EXPERIMENTAL };
    expect(ManifestValidator.validateObjects([tls], experimental)).toEqual([]);
  });

  test('unknown kinds of a Gateway API group are errors; other groups are skipped', () => {
    expect(ManifestValidator.validateObjects([
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Mesh', metadata: { name: 'm' } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: 'anything' },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } },
    ]).map(r => r.message)).toEqual(['no matches for kind "Mesh" in version "gateway.networking.k8s.io/v1" (not served by Gateway API v1.6.1 standard channel)']);
  });

  test('documents that are not objects, or lack apiVersion/kind', () => {
    expect(ManifestValidator.validateObjects(['text', { kind: 'Gateway' }])).toEqual([
      { kind: '', path: '', message: 'not a Kubernetes object: expected a mapping with apiVersion and kind', code: 'not-an-object', severity: ValidationSeverity.ERROR, documentIndex: 0 },
      { kind: 'Gateway', path: 'apiVersion', message: 'Required value', code: 'not-an-object', severity: ValidationSeverity.ERROR, documentIndex: 1 },
    ]);
  });

  test('results keep the order of the objects', () => {
    const gc = (name: string, controllerName: string) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name }, spec: { controllerName } });
    expect(ManifestValidator.validateObjects([gc('b', 'x'), gc('ok', 'example.com/x'), gc('a', 'y')]).map(r => r.name)).toEqual(['b', 'a']);
  });
});

describe('implementation CRDs', () => {
  const btp = (spec: any) => ({ apiVersion: 'gateway.envoyproxy.io/v1alpha1', kind: 'BackendTrafficPolicy', metadata: { name: 'p', namespace: 'ns' }, spec });
  const eg = { implementations: [ImplementationCrds.ENVOY_GATEWAY_V1_9_0] };

  test('are skipped unless selected', () => {
    expect(ManifestValidator.validateObjects([btp({ bogus: true })])).toEqual([]);
  });

  test('Envoy Gateway BackendTrafficPolicy', () => {
    const targetRefs = [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'web' }];
    expect(ManifestValidator.validateObjects([btp({ targetRefs, timeout: { http: { requestTimeout: '10s' } } })], eg)).toEqual([]);
    const r = ManifestValidator.validateObjects([btp({ targetRefs, targetRef: targetRefs[0] })], eg);
    expect(r.map(x => x.path)).toEqual(['spec']);
    expect(r[0].rule).toContain('has(self.targetRef) && !has(self.targetRefs)');
  });

  test('NGINX Gateway Fabric AuthenticationFilter', () => {
    const filter = (spec: any) => ({ apiVersion: 'gateway.nginx.org/v1alpha1', kind: 'AuthenticationFilter', metadata: { name: 'f', namespace: 'ns' }, spec });
    const ngf = { implementations: [ImplementationCrds.NGINX_GATEWAY_FABRIC_V2_6_7] };
    expect(ManifestValidator.validateObjects([filter({ type: 'Basic' })], ngf).map(r => r.rule)).toEqual(["self.type != 'Basic' || has(self.basic)"]);
  });
});

describe('performance', () => {
  // Timed with 5,000 routes, against a floor, by bench/checks.ts (npx projen bench).
  test('500 HTTPRoutes with 3 rules each validate in one call without findings', () => {
    const routes = httpRoutes(500);
    expect(ManifestValidator.validateObjects(routes)).toEqual([]);
  });
});
