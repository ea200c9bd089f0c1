import * as fs from 'fs';
import * as path from 'path';
import { ReleaseChannel } from '../../src/core/channel';
import { GatewayApiVersion, ManifestValidator, ValidationOptions, ValidationResult, ValidationSeverity } from '../../src/validation';
import { describeWithShared, SHARED } from '../support/shared-data';

/*
 * Cross-object checks, one by one: the exact results of the error or warning case, and the
 * accepted case next to it. Every fixture is valid against the v1.6.1 Standard CRDs on its own,
 * so every result here comes from a cross-object check.
 */

const GROUP = 'gateway.networking.k8s.io';
const { ERROR, WARNING } = ValidationSeverity;

function validate(objects: any[], options: ValidationOptions = {}): ValidationResult[] {
  return ManifestValidator.validateObjects(objects, options);
}

function meta(name: string, namespace?: string): any {
  return { name, ...(namespace !== undefined ? { namespace } : {}) };
}

function gateway(name: string, namespace: string | undefined, listeners: any[], extra: any = {}): any {
  return { apiVersion: `${GROUP}/v1`, kind: 'Gateway', metadata: meta(name, namespace), spec: { gatewayClassName: 'eg', listeners, ...extra } };
}

function listenerSet(name: string, namespace: string, parentRef: any, listeners: any[]): any {
  return { apiVersion: `${GROUP}/v1`, kind: 'ListenerSet', metadata: meta(name, namespace), spec: { parentRef, listeners } };
}

function http(name = 'http', port = 80, extra: any = {}): any {
  return { name, port, protocol: 'HTTP', ...extra };
}

function https(name = 'https', port = 443, extra: any = {}): any {
  return { name, port, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'cert' }] }, ...extra };
}

function route(kind: string, name: string, namespace: string | undefined, spec: any): any {
  return { apiVersion: `${GROUP}/v1`, kind, metadata: meta(name, namespace), spec };
}

function httpRoute(name: string, namespace: string | undefined, spec: any): any {
  return route('HTTPRoute', name, namespace, spec);
}

function grant(namespace: string, from: any[], to: any[]): any {
  return { apiVersion: `${GROUP}/v1`, kind: 'ReferenceGrant', metadata: meta('grant', namespace), spec: { from, to } };
}

function service(name: string, namespace: string, ports: any[] = [{ name: 'https', port: 443 }]): any {
  return { apiVersion: 'v1', kind: 'Service', metadata: meta(name, namespace), spec: { ports } };
}

function namespaceObject(name: string, labels: { [k: string]: string } = {}): any {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

function backendTlsPolicy(name: string, ns: string, targetRefs: any[]): any {
  return {
    apiVersion: `${GROUP}/v1`,
    kind: 'BackendTLSPolicy',
    metadata: meta(name, ns),
    spec: { targetRefs, validation: { hostname: 'api.example.com', wellKnownCACertificates: 'System' } },
  };
}

/** A rule with one backend in the route's own namespace. */
function rule(extra: any = {}): any {
  return { backendRefs: [{ name: 'web', port: 80 }], ...extra };
}

const ALL = { namespaces: { from: 'All' } };

/** A result reported on an object. */
function at(obj: any, documentIndex: number, field: string, code: string, severity: ValidationSeverity, message: string): ValidationResult {
  return { kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name, path: field, message, code, severity, documentIndex };
}

describe('a coherent set of objects is accepted', () => {
  test('Gateway, ListenerSet, routes across namespaces, grants, namespace selectors and a policy', () => {
    const edge = gateway('edge', 'infra', [
      http('http', 80, { allowedRoutes: ALL }),
      https('https', 443, { hostname: '*.example.com', allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'shop' } } } } }),
    ], { allowedListeners: { namespaces: { from: 'Same' } } });
    const objects = [
      namespaceObject('shop', { team: 'shop' }),
      edge,
      listenerSet('extra', 'infra', { name: 'edge' }, [http('extra-http', 8080, { allowedRoutes: ALL })]),
      httpRoute('web', 'shop', {
        parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'https' }, { kind: 'ListenerSet', name: 'extra', namespace: 'infra' }],
        hostnames: ['www.example.com'],
        rules: [rule(), { backendRefs: [{ name: 'pay', namespace: 'pay', port: 80 }] }],
      }),
      grant('pay', [{ group: GROUP, kind: 'HTTPRoute', namespace: 'shop' }], [{ group: '', kind: 'Service' }]),
      service('api', 'shop'),
      backendTlsPolicy('tls', 'shop', [{ group: '', kind: 'Service', name: 'api', sectionName: 'https' }]),
    ];
    expect(validate(objects)).toEqual([]);
  });

  test('references to objects managed elsewhere are not reported', () => {
    expect(validate([
      httpRoute('web', 'shop', { parentRefs: [{ name: 'shared', namespace: 'infra' }, { kind: 'ListenerSet', name: 'ls' }], rules: [rule()] }),
      backendTlsPolicy('tls', 'shop', [{ group: '', kind: 'Service', name: 'api' }]),
      listenerSet('team', 'team', { name: 'shared', namespace: 'infra' }, [http()]),
    ])).toEqual([]);
  });

  test('crossObject: false turns the checks off', () => {
    const objects = [gateway('edge', 'infra', [http()]), httpRoute('web', 'infra', { parentRefs: [{ name: 'edge', sectionName: 'nope' }], rules: [rule()] })];
    expect(validate(objects).map(r => r.code)).toEqual(['section-not-found']);
    expect(validate(objects, { crossObject: false })).toEqual([]);
  });
});

describe('route parentRefs', () => {
  const edge = gateway('edge', 'infra', [http('http', 80, { allowedRoutes: ALL }), https('https', 443, { allowedRoutes: ALL })]);

  test('parent-not-found: a warning when the set defines other Gateways in that namespace', () => {
    const typo = httpRoute('a', 'infra', { parentRefs: [{ name: 'edg' }], rules: [rule()] });
    const elsewhere = httpRoute('b', 'infra', { parentRefs: [{ name: 'other', namespace: 'elsewhere' }], rules: [rule()] });
    expect(validate([edge, typo, elsewhere])).toEqual([
      at(typo, 1, 'spec.parentRefs[0]', 'parent-not-found', WARNING,
        'Gateway "infra/edg" is not among the objects, which define Gateways "infra/edge" in namespace "infra"; check the name (or apply it first)'),
    ]);
  });

  test('section-not-found and port-not-found', () => {
    const a = httpRoute('a', 'infra', { parentRefs: [{ name: 'edge', sectionName: 'htp' }], rules: [rule()] });
    const b = httpRoute('b', 'infra', { parentRefs: [{ name: 'edge', port: 8443 }], rules: [rule()] });
    const c = httpRoute('c', 'infra', { parentRefs: [{ name: 'edge', sectionName: 'http', port: 8080 }], rules: [rule()] });
    const ok = httpRoute('ok', 'infra', { parentRefs: [{ name: 'edge', sectionName: 'https', port: 443 }], rules: [rule()] });
    expect(validate([edge, a, b, c, ok])).toEqual([
      at(a, 1, 'spec.parentRefs[0].sectionName', 'section-not-found', ERROR, 'Gateway "infra/edge" has no listener named "htp" (listeners: http, https)'),
      at(b, 2, 'spec.parentRefs[0].port', 'port-not-found', ERROR, 'Gateway "infra/edge" has no listener on port 8443 (ports: 80, 443)'),
      at(c, 3, 'spec.parentRefs[0].port', 'port-not-found', ERROR, 'listener "http" of Gateway "infra/edge" is on port 80, not 8080'),
    ]);
  });

  test('route-kind-not-allowed: by the listener protocol, or by allowedRoutes.kinds', () => {
    const gw = gateway('tls', 'infra', [
      { name: 'tls', port: 443, protocol: 'TLS', tls: { mode: 'Passthrough' } },
      http('h', 80, { allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }] } }),
    ]);
    const a = httpRoute('a', 'infra', { parentRefs: [{ name: 'tls', sectionName: 'tls' }], rules: [rule()] });
    const g = route('GRPCRoute', 'g', 'infra', { parentRefs: [{ name: 'tls', sectionName: 'h' }], rules: [rule()] });
    const ok = route('TLSRoute', 't', 'infra', { parentRefs: [{ name: 'tls' }], hostnames: ['a.example.com'], rules: [rule()] });
    expect(validate([gw, a, g, ok])).toEqual([
      at(a, 1, 'spec.parentRefs[0]', 'route-kind-not-allowed', ERROR,
        'no listener of Gateway "infra/tls" that this reference selects accepts HTTPRoutes ("tls" TLS accepts TLSRoute)'),
      at(g, 2, 'spec.parentRefs[0]', 'route-kind-not-allowed', ERROR,
        'no listener of Gateway "infra/tls" that this reference selects accepts GRPCRoutes ("h" HTTP accepts HTTPRoute)'),
    ]);
  });

  test('namespace-not-allowed: Same (the default), and selectors over Namespace labels', () => {
    const gw = gateway('edge', 'infra', [
      http('team', 80, { allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'shop' } } } } }),
      http('named', 81, { allowedRoutes: { namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['shop'] }] } } } }),
      http('same', 82),
    ]);
    const to = (name: string, ns: string, sectionName: string) =>
      httpRoute(name, ns, { parentRefs: [{ name: 'edge', namespace: 'infra', sectionName }], hostnames: [`${name}.example.com`], rules: [rule()] });
    const objects = [
      gw, namespaceObject('blog', { team: 'blog' }), namespaceObject('shop', { team: 'shop' }),
      to('a', 'blog', 'team'), // labels known: not selected
      to('b', 'unknown', 'team'), // no Namespace object: cannot tell, not reported
      to('c', 'blog', 'named'), // the name label is always known
      to('d', 'blog', 'same'),
      to('ok1', 'shop', 'team'), to('ok2', 'shop', 'named'), to('ok3', 'infra', 'same'),
    ];
    expect(validate(objects)).toEqual([
      at(objects[3], 3, 'spec.parentRefs[0]', 'namespace-not-allowed', ERROR,
        'no listener of Gateway "infra/edge" that this reference selects accepts routes from namespace "blog" ("team" allowedRoutes.namespaces.from Selector)'),
      at(objects[5], 5, 'spec.parentRefs[0]', 'namespace-not-allowed', ERROR,
        'no listener of Gateway "infra/edge" that this reference selects accepts routes from namespace "blog" ("named" allowedRoutes.namespaces.from Selector)'),
      at(objects[6], 6, 'spec.parentRefs[0]', 'namespace-not-allowed', ERROR,
        'no listener of Gateway "infra/edge" that this reference selects accepts routes from namespace "blog" ("same" allowedRoutes.namespaces.from Same)'),
    ]);
  });

  test('no-matching-listener-hostname, and hostname-unused for the hostnames no listener serves', () => {
    const gw = gateway('edge', 'infra', [https('https', 443, { hostname: '*.example.com', allowedRoutes: ALL })]);
    const a = httpRoute('a', 'shop', { parentRefs: [{ name: 'edge', namespace: 'infra' }], hostnames: ['example.com', 'www.example.org'], rules: [rule()] });
    const b = httpRoute('b', 'shop', { parentRefs: [{ name: 'edge', namespace: 'infra' }], hostnames: ['www.example.com', 'www.example.org'], rules: [rule()] });
    const ok = httpRoute('ok', 'shop', { parentRefs: [{ name: 'edge', namespace: 'infra' }], hostnames: ['a.b.example.com', '*.example.com'], rules: [rule()] });
    expect(validate([gw, a, b, ok])).toEqual([
      at(a, 1, 'spec.parentRefs[0]', 'no-matching-listener-hostname', ERROR,
        'no hostname of the route (example.com, www.example.org) intersects the hostname of a listener of Gateway "infra/edge" that this reference selects ("https" *.example.com); the route is not accepted'),
      at(b, 2, 'spec.hostnames[1]', 'hostname-unused', WARNING,
        'hostname "www.example.org" intersects the hostname of no listener the route attaches to; it is ignored'),
    ]);
  });

  test('routes attach to ListenerSet listeners by sectionName; a Gateway reference does not see them', () => {
    const gw = gateway('edge', 'infra', [http()], { allowedListeners: { namespaces: { from: 'Same' } } });
    const ls = listenerSet('extra', 'infra', { name: 'edge' }, [http('extra', 8080)]);
    const a = httpRoute('a', 'infra', { parentRefs: [{ name: 'edge', sectionName: 'extra' }], rules: [rule()] });
    const ok = httpRoute('ok', 'infra', { parentRefs: [{ kind: 'ListenerSet', name: 'extra', sectionName: 'extra' }], rules: [rule()] });
    expect(validate([gw, ls, a, ok])).toEqual([
      at(a, 2, 'spec.parentRefs[0].sectionName', 'section-not-found', ERROR, 'Gateway "infra/edge" has no listener named "extra" (listeners: http)'),
    ]);
  });
});

describe('ReferenceGrants', () => {
  test('reference-not-granted: backends and mirrors of routes, certificates of Gateways and ListenerSets', () => {
    const r = httpRoute('a', 'shop', {
      rules: [{
        backendRefs: [{ name: 'pay', namespace: 'pay', port: 80 }, { name: 'other', namespace: 'pay', port: 80 }],
        filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'm', namespace: 'audit', port: 80 } } }],
      }],
    });
    const gw = gateway('edge', 'infra', [https('https', 443, { tls: { certificateRefs: [{ name: 'wild', namespace: 'certs' }] } })], { allowedListeners: { namespaces: { from: 'All' } } });
    const ls = listenerSet('team', 'infra', { name: 'edge' }, [https('team', 8443, { tls: { certificateRefs: [{ name: 'wild', namespace: 'certs' }] } })]);
    const objects = [
      r,
      grant('pay', [{ group: GROUP, kind: 'HTTPRoute', namespace: 'shop' }], [{ group: '', kind: 'Service', name: 'pay' }]),
      gw,
      grant('certs', [{ group: GROUP, kind: 'Gateway', namespace: 'infra' }], [{ group: '', kind: 'Secret' }]),
      ls,
    ];
    expect(validate(objects)).toEqual([
      at(r, 0, 'spec.rules[0].backendRefs[1]', 'reference-not-granted', ERROR,
        'backend Service "pay/other" is in another namespace, and no ReferenceGrant in namespace "pay" allows HTTPRoute from namespace "shop" to refer to it'),
      at(r, 0, 'spec.rules[0].filters[0].requestMirror.backendRef', 'reference-not-granted', ERROR,
        'mirror backend Service "audit/m" is in another namespace, and no ReferenceGrant in namespace "audit" allows HTTPRoute from namespace "shop" to refer to it'),
      // grants are not inherited from the parent Gateway
      at(ls, 4, 'spec.listeners[0].tls.certificateRefs[0]', 'reference-not-granted', ERROR,
        'certificate Secret "certs/wild" is in another namespace, and no ReferenceGrant in namespace "certs" allows ListenerSet from namespace "infra" to refer to it'),
    ]);
  });

  test('Gateway-level TLS references (backend client certificate, CA bundles) need grants too', () => {
    const gw = gateway('edge', 'infra', [https()], {
      tls: {
        backend: { clientCertificateRef: { group: '', kind: 'Secret', name: 'client', namespace: 'pki' } },
        frontend: { default: { validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca', namespace: 'pki' }] } } },
      },
    });
    expect(validate([gw]).map(r => [r.path, r.code])).toEqual([
      ['spec.tls.backend.clientCertificateRef', 'reference-not-granted'],
      ['spec.tls.frontend.default.validation.caCertificateRefs[0]', 'reference-not-granted'],
    ]);
    const pki = grant('pki', [{ group: GROUP, kind: 'Gateway', namespace: 'infra' }], [{ group: '', kind: 'Secret' }, { group: '', kind: 'ConfigMap', name: 'ca' }]);
    expect(validate([gw, pki])).toEqual([]);
  });

  test('objects without a namespace are not judged (their namespace is chosen at apply time)', () => {
    expect(validate([httpRoute('a', undefined, { rules: [{ backendRefs: [{ name: 'pay', namespace: 'pay', port: 80 }] }] })])).toEqual([]);
  });
});

describe('BackendTLSPolicy targets', () => {
  test('policy-target-not-found (warning) and policy-section-not-found', () => {
    const p = backendTlsPolicy('p', 'shop', [{ group: '', kind: 'Service', name: 'apo' }, { group: '', kind: 'Service', name: 'api', sectionName: 'https' }]);
    const elsewhere = backendTlsPolicy('q', 'other', [{ group: '', kind: 'Service', name: 'x' }]);
    const ok = backendTlsPolicy('ok', 'shop', [{ group: '', kind: 'Service', name: 'named', sectionName: 'https' }]);
    expect(validate([service('api', 'shop', [{ port: 443 }]), p, elsewhere, service('named', 'shop'), ok])).toEqual([
      at(p, 1, 'spec.targetRefs[0]', 'policy-target-not-found', WARNING,
        'target Service "shop/apo" is not among the objects, which define other Services in namespace "shop"; check the name (a policy targets objects of its own namespace)'),
      at(p, 1, 'spec.targetRefs[1].sectionName', 'policy-section-not-found', ERROR,
        'Service "shop/api" has no port named "https" (its ports have no names); the policy applies to nothing'),
    ]);
  });
});

describe('listeners of a Gateway and its ListenerSets', () => {
  test('listener-conflict across objects and within one (distinctness beyond the CEL rule), too-many-listeners', () => {
    const own = Array.from({ length: 40 }, (_, i) => http(`l${i}`, 1000 + i));
    const gw = gateway('edge', 'infra', [
      ...own,
      http('web', 80, { hostname: 'a.example.com' }),
      https('tls-web', 80, { hostname: 'b.example.com' }),
      http('b', 80, { hostname: 'b.example.com' }),
    ], { allowedListeners: { namespaces: { from: 'Same' } } });
    const ls = listenerSet('a', 'infra', { name: 'edge' }, [
      ...Array.from({ length: 30 }, (_, i) => http(`m${i}`, 2000 + i)),
      http('dup', 80, { hostname: 'a.example.com' }),
      { name: 'raw', port: 80, protocol: 'TCP' },
    ]);
    expect(validate([gw, ls])).toEqual([
      at(gw, 0, 'spec.listeners[42]', 'listener-conflict', ERROR,
        'listener "b" (HTTP/80 b.example.com) conflicts with listener "tls-web" (HTTPS/80 b.example.com) of this object: HTTP, HTTPS and TLS listeners on one port must differ in hostname; implementations mark it Conflicted and do not serve it'),
      at(gw, 0, 'spec.listeners', 'too-many-listeners', WARNING,
        'the Gateway has 75 listeners with its ListenerSets (43 of its own, 32 from "infra/a"); implementations may reject those beyond 64 (TooManyListeners), the ListenerSets\' last'),
      at(ls, 1, 'spec.listeners[30]', 'listener-conflict', ERROR,
        'listener "dup" (HTTP/80 a.example.com) conflicts with listener "web" (HTTP/80 a.example.com) of Gateway "infra/edge": same port, protocol and hostname; implementations mark it Conflicted and do not serve it'),
      at(ls, 1, 'spec.listeners[31]', 'listener-conflict', ERROR,
        'listener "raw" (TCP/80) conflicts with listener "web" (HTTP/80 a.example.com) of Gateway "infra/edge": a TCP listener shares the port with an HTTP, HTTPS or TLS listener; implementations mark it Conflicted and do not serve it'),
    ]);
  });

  test('distinct listeners: other hostname, other port, TCP next to UDP; a ListenerSet that is not attached is judged alone', () => {
    const gw = gateway('edge', 'infra', [http('a', 80, { hostname: 'a.example.com' }), http('b', 80), { name: 'dns', port: 53, protocol: 'UDP' }], {
      allowedListeners: { namespaces: { from: 'Same' } },
    });
    const ls = listenerSet('x', 'infra', { name: 'edge' }, [http('c', 80, { hostname: 'c.example.com' }), { name: 'dns-tcp', port: 53, protocol: 'TCP' }]);
    const detached = listenerSet('y', 'other', { name: 'edge', namespace: 'infra' }, [http('d', 80)]);
    expect(validate([gw, ls, detached]).map(r => r.code)).toEqual(['listenerset-not-allowed']);
  });

  test('https-listener-without-tls', () => {
    const gw = gateway('edge', 'infra', [{ name: 'https', port: 443, protocol: 'HTTPS' }]);
    expect(validate([gw])).toEqual([
      at(gw, 0, 'spec.listeners[0]', 'https-listener-without-tls', ERROR,
        'listener "https" has protocol HTTPS but no tls; an HTTPS listener must configure tls (mode Terminate with certificateRefs)'),
    ]);
  });
});

describe('ListenerSet parents', () => {
  test('listenerset-not-allowed (allowedListeners None by default, or Same) and listenerset-parent-not-gateway', () => {
    const objects = [
      gateway('edge', 'infra', [http()]),
      gateway('open', 'infra', [http()], { allowedListeners: { namespaces: { from: 'Same' } } }),
      listenerSet('a', 'infra', { name: 'edge' }, [http('x', 81)]),
      listenerSet('b', 'team', { name: 'open', namespace: 'infra' }, [http('x', 82)]),
      listenerSet('c', 'infra', { group: '', kind: 'Service', name: 'edge' }, [http('x', 83)]),
      listenerSet('ok', 'infra', { name: 'open' }, [http('x', 84)]),
    ];
    expect(validate(objects)).toEqual([
      at(objects[2], 2, 'spec.parentRef', 'listenerset-not-allowed', ERROR,
        'Gateway "infra/edge" does not accept this ListenerSet: its spec.allowedListeners admits no ListenerSets (namespaces.from None, the default)'),
      at(objects[3], 3, 'spec.parentRef', 'listenerset-not-allowed', ERROR,
        'Gateway "infra/open" does not accept this ListenerSet: its spec.allowedListeners admits ListenerSets of namespace "infra" only (namespaces.from Same)'),
      at(objects[4], 4, 'spec.parentRef', 'listenerset-parent-not-gateway', ERROR,
        'the parent of a ListenerSet must be a Gateway (group "gateway.networking.k8s.io"), not core kind "Service"'),
    ]);
  });

  test('a Selector in allowedListeners is evaluated against Namespace labels', () => {
    const gw = gateway('edge', 'infra', [http()], { allowedListeners: { namespaces: { from: 'Selector', selector: { matchLabels: { listeners: 'yes' } } } } });
    const objects = [gw, namespaceObject('a', { listeners: 'yes' }), namespaceObject('b'), listenerSet('ok', 'a', { name: 'edge', namespace: 'infra' }, [http('http', 8080)]),
      listenerSet('no', 'b', { name: 'edge', namespace: 'infra' }, [http()])];
    expect(validate(objects).map(r => [r.name, r.code, r.message])).toEqual([
      ['no', 'listenerset-not-allowed', 'Gateway "infra/edge" does not accept this ListenerSet: its spec.allowedListeners selector does not select namespace "b"'],
    ]);
  });
});

describe('routes on one listener', () => {
  const gw = gateway('edge', 'shop', [http('http')]);

  test('route-conflict: same hostname and same match (headers in any order, defaults applied); the later by namespace/name is reported', () => {
    const b = httpRoute('b', 'shop', {
      parentRefs: [{ name: 'edge' }],
      hostnames: ['a.example.com'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'X-A', value: '1' }, { name: 'x-b', value: '2' }] }], backendRefs: [{ name: 'web', port: 80 }] }],
    });
    const a = httpRoute('a', 'shop', {
      parentRefs: [{ name: 'edge' }],
      hostnames: ['a.example.com', 'c.example.com'],
      rules: [{ matches: [{ headers: [{ name: 'x-b', value: '2' }, { name: 'x-a', value: '1' }] }], backendRefs: [{ name: 'web', port: 80 }] }],
    });
    const exact = httpRoute('c', 'shop', { parentRefs: [{ name: 'edge' }], hostnames: ['c.example.com'], rules: [rule({ matches: [{ path: { type: 'Exact', value: '/' } }] })] });
    const otherHost = httpRoute('d', 'shop', { parentRefs: [{ name: 'edge' }], hostnames: ['d.example.com'], rules: [rule()] });
    expect(validate([gw, b, a, exact, otherHost])).toEqual([
      at(b, 1, 'spec.rules[0].matches[0]', 'route-conflict', WARNING,
        'HTTPRoute "shop/a" (spec.rules[0].matches[0]) has the same match for hostname "a.example.com" on listener "http" of Gateway "shop/edge"; only one of the two routes gets this traffic (the older one; with equal age, HTTPRoute "shop/a")'),
    ]);
  });

  test('route-conflict: two routes without hostnames and matches claim everything', () => {
    const a = httpRoute('a', 'shop', { parentRefs: [{ name: 'edge' }], rules: [rule()] });
    const b = httpRoute('b', 'shop', { parentRefs: [{ name: 'edge', sectionName: 'http' }], rules: [rule()] });
    expect(validate([gw, b, a])).toEqual([
      at(b, 1, 'spec.rules[0]', 'route-conflict', WARNING,
        'HTTPRoute "shop/a" (spec.rules[0]) has the same match for hostname (any) on listener "http" of Gateway "shop/edge"; only one of the two routes gets this traffic (the older one; with equal age, HTTPRoute "shop/a")'),
    ]);
  });

  test('route-kind-conflict: an HTTPRoute and a GRPCRoute with intersecting hostnames', () => {
    const a = httpRoute('a', 'shop', { parentRefs: [{ name: 'edge' }], hostnames: ['a.example.com'], rules: [rule()] });
    const b = httpRoute('b', 'shop', { parentRefs: [{ name: 'edge' }], hostnames: ['*.example.com'], rules: [rule()] });
    const g = route('GRPCRoute', 'g', 'shop', { parentRefs: [{ name: 'edge' }], hostnames: ['a.example.com'], rules: [rule()] });
    const separate = route('GRPCRoute', 'h', 'shop', { parentRefs: [{ name: 'edge' }], hostnames: ['grpc.example.org'], rules: [rule()] });
    expect(validate([gw, a, b, g, separate])).toEqual([
      at(g, 3, 'spec.parentRefs[0]', 'route-kind-conflict', ERROR,
        'this GRPCRoute shares hostnames with HTTPRoute "shop/a", HTTPRoute "shop/b" on listener "http" of Gateway "shop/edge"; an HTTPRoute and a GRPCRoute with intersecting hostnames on one listener cannot both be accepted: the older one wins, and with equal age the first by "{namespace}/{name}", which this one is not'),
    ]);
  });
});

describe('rule names', () => {
  const r = httpRoute('a', 'shop', { rules: [rule({ name: 'x' }), rule({ name: 'y' }), rule({ name: 'x' })] });

  test('duplicate-rule-name on the Standard channel, whose CRDs do not check it', () => {
    expect(validate([r])).toEqual([
      at(r, 0, 'spec.rules[2].name', 'duplicate-rule-name', ERROR, 'rule name "x" is also the name of spec.rules[0]; rule names must be unique within a route'),
    ]);
  });

  test('left to the CEL rule of the Experimental CRDs', () => {
    expect(validate([r], { channel: ReleaseChannel.EXPERIMENTAL }).map(x => [x.path, x.code, x.message])).toEqual([
      ['spec.rules', 'cel', 'Invalid value: "array": Rule name must be unique within the route'],
    ]);
  });
});

describeWithShared('upstream valid examples', () => {
  function yamlFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true })
      .flatMap(e => (e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : e.name.endsWith('.yaml') ? [path.join(dir, e.name)] : []))
      .sort();
  }

  test.each([GatewayApiVersion.V1_6_1, GatewayApiVersion.V1_5_1])('%s: each example folder (or top-level file) is one coherent set without findings', version => {
    const sets = new Map<string, string[]>();
    for (const channel of ['standard', 'experimental']) {
      const root = path.join(SHARED, version, 'examples', 'valid', channel);
      for (const file of yamlFiles(root)) {
        const dir = path.dirname(file);
        const id = dir === root ? file : dir;
        sets.set(id, [...(sets.get(id) ?? []), file]);
      }
    }
    expect(sets.size).toBeGreaterThan(30);
    const findings: string[] = [];
    for (const [id, files] of sets) {
      const text = files.map(f => fs.readFileSync(f, 'utf8')).join('\n---\n');
      const channel = id.includes(`${path.sep}experimental`) ? ReleaseChannel.EXPERIMENTAL : ReleaseChannel.STANDARD;
      const gatewayApiVersion = version === 'v1.6.1' ? GatewayApiVersion.V1_6_1 : GatewayApiVersion.V1_5_1;
      for (const r of ManifestValidator.validateManifests(text, { channel, gatewayApiVersion })) {
        // Some folders hold variants of one object (same name, different content): reported once as a warning.
        if (r.code === 'duplicate-object' && r.severity === 'warning') continue;
        findings.push(`${path.relative(SHARED, id)}: ${r.kind} ${r.name} ${r.path} [${r.code}] ${r.message}`);
      }
    }
    expect(findings).toEqual([]);
  });

  test.each([
    [GatewayApiVersion.V1_6_1, ReleaseChannel.STANDARD], [GatewayApiVersion.V1_6_1, ReleaseChannel.EXPERIMENTAL],
    [GatewayApiVersion.V1_5_1, ReleaseChannel.STANDARD], [GatewayApiVersion.V1_5_1, ReleaseChannel.EXPERIMENTAL],
  ])('%s %s: the whole valid folder as one set has no errors (unrelated examples reuse names: duplicate-object warnings only)', (version, channel) => {
    const roots = channel === ReleaseChannel.STANDARD ? ['standard'] : ['standard', 'experimental'];
    const text = roots.flatMap(c => yamlFiles(path.join(SHARED, version, 'examples', 'valid', c)))
      .map(f => fs.readFileSync(f, 'utf8')).join('\n---\n');
    const results = ManifestValidator.validateManifests(text, { channel, gatewayApiVersion: version });
    expect(results.filter(r => r.severity === 'error')).toEqual([]);
    const warnings = new Set(results.map(r => r.code));
    expect([...warnings].filter(c => c !== 'duplicate-object' && c !== 'parent-not-found')).toEqual([]);
    expect(warnings.has('duplicate-object')).toBe(true);
  });

  test('an object defined twice with different content is reported once and left out; identical copies count once', () => {
    const gw = (listener: string) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'g', namespace: 'ns' },
      spec: { gatewayClassName: 'c', listeners: [{ name: listener, port: 80, protocol: 'HTTP' }] },
    });
    const duplicatedParentRoute = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'r', namespace: 'ns' },
      spec: { parentRefs: [{ name: 'g', sectionName: 'b' }], rules: [{ backendRefs: [{ name: 's', port: 80 }] }] },
    };
    expect(ManifestValidator.validateObjects([gw('a'), gw('b'), duplicatedParentRoute])).toStrictEqual([{
      kind: 'Gateway',
      namespace: 'ns',
      name: 'g',
      path: '',
      documentIndex: 1,
      code: 'duplicate-object',
      severity: 'warning',
      message: 'Gateway "ns/g" is defined 2 times with different content (documents 1, 2); applied in order only the last would remain, so cross-object checks skip it and the references to it',
    }]);
    expect(ManifestValidator.validateObjects([gw('a'), gw('a'), duplicatedParentRoute]).map(r => r.code)).toStrictEqual(['section-not-found']);
  });
});
