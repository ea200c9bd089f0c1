import { backend, get, gateway, http, model, obj, steps, svc } from './fixtures';

describe('references', () => {
  const grant = (namespace: string, from: object, to: object) => obj('ReferenceGrant', namespace, `g-${namespace}`, {
    from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'apps', ...from }], to: [{ group: '', kind: 'Service', ...to }],
  });
  const build = (...more: any[]) => model([
    gateway('apps', 'gw', [http()]),
    obj('HTTPRoute', 'apps', 'r', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [svc('db', 5432, { namespace: 'data' })] }] }),
    ...more,
  ]);

  test('a backend in another namespace needs a ReferenceGrant in that namespace', () => {
    const denied = get(build(), 'http://h/');
    expect([denied.status, denied.backends, steps(denied, 'backend')]).toEqual([500, [], [{
      stage: 'backend', name: 'Service data/db:5432', detail: 'HTTPRoute apps/r: Service data/db:5432 is not covered by a ReferenceGrant: its 100% of the requests get 500',
    }]]);
    expect(get(build(grant('data', {}, {})), 'http://h/')).toMatchObject({ status: 200, backends: [backend('data', 'db', 5432)], notModeled: [] });
    expect(get(build(grant('data', {}, { name: 'db' })), 'http://h/').status).toBe(200);
    expect(get(build(grant('data', {}, { name: 'cache' })), 'http://h/').status).toBe(500);
    expect(get(build(grant('data', { kind: 'GRPCRoute' }, {})), 'http://h/').status).toBe(500);
    expect(get(build(grant('data', { namespace: 'other' }, {})), 'http://h/').status).toBe(500);
    expect(get(build(grant('apps', {}, {})), 'http://h/').status).toBe(500);
  });

  test('with some backends invalid, the valid ones keep their share and the rest is named', () => {
    const m = model([
      gateway('apps', 'gw', [http()]),
      obj('HTTPRoute', 'apps', 'r', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [svc('db', 5432, { namespace: 'data', weight: 1 }), svc('app', 80, { weight: 3 })] }] }),
    ]);
    const r = get(m, 'http://h/');
    expect([r.status, r.backends, r.notModeled]).toEqual([200, [backend('apps', 'app', 80, 0.75)],
      ['25% of these requests get 500 (an invalid backend\'s share); the backends list shows the valid shares only']]);
  });

  test('listener certificates, CA references and the backend client certificate are checked too', () => {
    const build2 = (...more: any[]) => model([
      gateway('edge', 'gw', [{ name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'site', namespace: 'certs' }] } }], {
        tls: {
          frontend: { default: { validation: { caCertificateRefs: [{ kind: 'ConfigMap', name: 'ca', namespace: 'cas' }] } }, perPort: [{ port: 8443, tls: {} }] },
          backend: { clientCertificateRef: { name: 'client', namespace: 'certs' } },
        },
      }),
      obj('HTTPRoute', 'edge', 'r', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [svc('app', 8443)] }] }),
      obj('BackendTLSPolicy', 'edge', 'p', { targetRefs: [{ group: '', kind: 'Service', name: 'app' }], validation: { hostname: 'app.internal', wellKnownCACertificates: 'System' } }),
      ...more,
    ]);
    const res = get(build2(), 'https://h/');
    expect(res.steps[0]).toEqual({
      stage: 'listener',
      name: 'Gateway edge/gw listener https',
      detail: 'HTTPS port 443, hostname (any); TLS Terminate with Secret certs/site; client certificates checked against ConfigMap cas/ca (AllowValidOnly); only listener matching h',
    });
    expect(steps(res, 'backend')[0].detail)
      .toBe('weight 1 of 1 (100%); TLS to app.internal (BackendTLSPolicy edge/p, trusting System CAs, client certificate Secret certs/client)');
    const suffix = 'is not covered by a ReferenceGrant (ResolvedRefs False, RefNotPermitted); whether traffic still flows is implementation-specific';
    expect(res.notModeled).toEqual([
      `Gateway edge/gw listener https: Secret certs/site ${suffix}`,
      `Gateway edge/gw client validation: ConfigMap cas/ca ${suffix}`,
      `Gateway edge/gw backend client certificate: Secret certs/client ${suffix}`,
    ]);
    const fromGateway = { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'edge' };
    const granted = build2(
      obj('ReferenceGrant', 'certs', 'g', { from: [fromGateway], to: [{ group: '', kind: 'Secret' }] }),
      obj('ReferenceGrant', 'cas', 'g', { from: [fromGateway], to: [{ group: '', kind: 'ConfigMap', name: 'ca' }] }),
    );
    expect(get(granted, 'https://h/').notModeled).toEqual([]);
    expect(granted.referenceAllowed({ ...fromGateway, kind: 'ListenerSet' }, { group: '', kind: 'Secret', namespace: 'certs', name: 'site' })).toBe(false);
    expect(granted.referenceAllowed(fromGateway, { group: '', kind: 'Secret', namespace: 'certs', name: 'any' })).toBe(true);
    expect(granted.referenceAllowed(fromGateway, { group: '', kind: 'ConfigMap', namespace: 'cas', name: 'other' })).toBe(false);
  });

  test('BackendTLSPolicy: a policy for the port name beats one for the whole Service, which beats none', () => {
    const policy = (name: string, sectionName?: string) => obj('BackendTLSPolicy', 'apps', name, {
      targetRefs: [{ group: '', kind: 'Service', name: 'app', sectionName }],
      validation: { hostname: `${name}.internal`, caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: `${name}-ca` }] },
    });
    const objects = [
      gateway('apps', 'gw', [http()]),
      obj('HTTPRoute', 'apps', 'r', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [svc('app', 8443), svc('other', 80)] }] }),
      policy('whole'), policy('port', 'https'),
    ];
    const service = obj('Service', 'apps', 'app', { ports: [{ name: 'https', port: 8443 }] });
    expect(steps(get(model(objects), 'http://h/'), 'backend').map(s => s.detail)).toEqual([
      'weight 1 of 2 (50%); TLS to whole.internal (BackendTLSPolicy apps/whole, trusting ConfigMap apps/whole-ca)',
      'weight 1 of 2 (50%)',
    ]);
    expect(steps(get(model([...objects, service]), 'http://h/'), 'backend')[0].detail)
      .toBe('weight 1 of 2 (50%); TLS to port.internal (BackendTLSPolicy apps/port, trusting ConfigMap apps/port-ca)');
  });

  test('mirror backends in another namespace need a grant too', () => {
    const m = model([
      gateway('apps', 'gw', [http()]),
      obj('HTTPRoute', 'apps', 'r', {
        parentRefs: [{ name: 'gw' }],
        rules: [{ filters: [{ type: 'RequestMirror', requestMirror: { backendRef: svc('shadow', 80, { namespace: 'qa' }) } }], backendRefs: [svc('app')] }],
      }),
    ]);
    const r = get(m, 'http://h/');
    expect([r.status, r.mirrors, steps(r, 'filter')[0].detail]).toEqual([200, [],
      'HTTPRoute apps/r: Service qa/shadow:80 is not covered by a ReferenceGrant: not mirrored']);
  });
});
