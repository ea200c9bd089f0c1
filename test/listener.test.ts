import { CertificateRef, Listener, RouteKind, RouteNamespaces, TlsMode } from '../src';

const cert = CertificateRef.fromSecretName('site-tls');

describe('Listener', () => {
  test('http() defaults to name "http" and port 80 and renders nothing else', () => {
    const l = Listener.http();
    expect([l.name, l.port, l.protocol, l.hostname, l.tlsMode]).toStrictEqual(['http', 80, 'HTTP', undefined, undefined]);
    expect(l._toKube()).toStrictEqual({
      name: 'http', port: 80, protocol: 'HTTP', hostname: undefined, tls: undefined, allowedRoutes: undefined,
    });
  });

  test('http() with hostname, allowed namespaces and kinds', () => {
    const l = Listener.http({
      name: 'web',
      port: 8080,
      hostname: '*.example.com',
      allowedRoutes: RouteNamespaces.all(),
      allowedRouteKinds: [RouteKind.HTTP_ROUTE, RouteKind.GRPC_ROUTE],
    });
    expect(l._toKube()).toStrictEqual({
      name: 'web',
      port: 8080,
      protocol: 'HTTP',
      hostname: '*.example.com',
      tls: undefined,
      allowedRoutes: {
        namespaces: { from: 'All', selector: undefined },
        kinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }, { group: 'gateway.networking.k8s.io', kind: 'GRPCRoute' }],
      },
    });
    expect(l._describe()).toBe('listener "web" (HTTP/8080 *.example.com)');
  });

  test('https() defaults to name "https", port 443, mode Terminate', () => {
    const l = Listener.https({ certificates: [cert, CertificateRef.fromSecretName('other', { namespace: 'certs' })], tlsOptions: { 'example.com/min-tls': '1.3' } });
    expect(l._toKube('infra')).toStrictEqual({
      name: 'https',
      port: 443,
      protocol: 'HTTPS',
      hostname: undefined,
      allowedRoutes: undefined,
      tls: {
        mode: 'Terminate',
        certificateRefs: [
          { group: '', kind: 'Secret', name: 'site-tls', namespace: undefined },
          { group: '', kind: 'Secret', name: 'other', namespace: 'certs' },
        ],
        options: { 'example.com/min-tls': '1.3' },
      },
    });
  });

  test('https() without certificates renders no tls block (the synth check reports it)', () => {
    const l = Listener.https({});
    expect(l.tlsMode).toBe(TlsMode.TERMINATE);
    expect(l._toKube().tls).toBeUndefined();
  });

  test('tls() defaults to Passthrough and renders the mode explicitly', () => {
    expect(Listener.tls()._toKube()).toStrictEqual({
      name: 'tls',
      port: 443,
      protocol: 'TLS',
      hostname: undefined,
      allowedRoutes: undefined,
      tls: { mode: 'Passthrough', certificateRefs: undefined, options: undefined },
    });
    expect(Listener.tls({ mode: TlsMode.TERMINATE, certificates: [cert], hostname: 'db.example.com' })._toKube().tls)
      .toStrictEqual({ mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'site-tls', namespace: undefined }], options: undefined });
  });

  test('tcp() and udp() name themselves after protocol and port', () => {
    expect(Listener.tcp({ port: 5432 })._toKube()).toStrictEqual({
      name: 'tcp-5432', port: 5432, protocol: 'TCP', hostname: undefined, tls: undefined, allowedRoutes: undefined,
    });
    const udp = Listener.udp({ port: 53, name: 'dns', allowedRoutes: RouteNamespaces.selector({ team: 'dns' }) });
    expect(udp._toKube()).toStrictEqual({
      name: 'dns',
      port: 53,
      protocol: 'UDP',
      hostname: undefined,
      tls: undefined,
      allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'dns' } } }, kinds: undefined },
    });
  });

  test('RouteNamespaces.same() and RouteKind.of()', () => {
    const l = Listener.http({ allowedRoutes: RouteNamespaces.same(), allowedRouteKinds: [RouteKind.of('example.com', 'FooRoute')] });
    expect(l._toKube().allowedRoutes).toStrictEqual({
      namespaces: { from: 'Same', selector: undefined },
      kinds: [{ group: 'example.com', kind: 'FooRoute' }],
    });
    expect([RouteKind.TLS_ROUTE.kind, RouteKind.TCP_ROUTE.kind, RouteKind.UDP_ROUTE.kind]).toStrictEqual(['TLSRoute', 'TCPRoute', 'UDPRoute']);
  });

  test('custom() takes a domain-prefixed protocol and optional TLS', () => {
    expect(Listener.custom({ protocol: 'example.com/Quic', port: 8443 })._toKube()).toStrictEqual({
      name: 'quic', port: 8443, protocol: 'example.com/Quic', hostname: undefined, tls: undefined, allowedRoutes: undefined,
    });
    const tls = Listener.custom({ protocol: 'example.com/proto', port: 9000, name: 'p', certificates: [cert] });
    expect(tls.tlsMode).toBe(TlsMode.TERMINATE);
    expect(tls._toKube().tls).toStrictEqual({ mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'site-tls', namespace: undefined }], options: undefined });
  });

  test('bad name, port and hostname fail in the factory with the value', () => {
    expect(() => Listener.http({ name: 'Web_1' })).toThrow(/^Listener.http: name "Web_1" must be a lowercase RFC 1123 subdomain/);
    expect(() => Listener.https({ port: 70000 })).toThrow(/^Listener.https: port 70000 is outside 1-65535/);
    expect(() => Listener.http({ hostname: 'Example.com' })).toThrow(/^Listener.http: hostname "Example.com" is not a lowercase RFC 1123 DNS name/);
    expect(() => Listener.tls({ hostname: '10.0.0.1' })).toThrow(/^Listener.tls: hostname "10.0.0.1" is an IP address/);
    expect(() => Listener.tcp({ port: 0 })).toThrow(/^Listener.tcp: port 0 is outside 1-65535/);
    expect(() => Listener.udp({ port: 1.5 })).toThrow(/^Listener.udp: port 1.5 is not an integer; ports are whole numbers 1-65535/);
  });

  test('TCP and UDP listeners reject a hostname', () => {
    expect(() => Listener.tcp({ port: 5432, hostname: 'db.example.com' } as any)).toThrow(/Listener.tcp: hostname "db.example.com" is not allowed: TCP listeners match on port only/);
    expect(() => Listener.udp({ port: 53, hostname: 'dns.example.com' } as any)).toThrow(/Listener.udp: hostname "dns.example.com" is not allowed/);
  });

  test('TLS settings are checked', () => {
    expect(() => Listener.http({ certificates: [cert] } as any)).toThrow(/Listener.http: listener "http" cannot have certificates or tlsOptions: HTTP listeners do not use TLS/);
    expect(() => Listener.tls({ certificates: [cert] })).toThrow(/Listener.tls: listener "tls" is in Passthrough mode, which ignores certificates; remove them or use mode TlsMode.TERMINATE/);
    const many = Array.from({ length: 65 }, (_, i) => CertificateRef.fromSecretName(`c${i}`));
    expect(() => Listener.https({ certificates: many })).toThrow(/listener "https" has 65 certificates; at most 64 are allowed/);
    const opts: { [k: string]: string } = {};
    for (let i = 0; i < 17; i++) opts[`example.com/o${i}`] = 'v';
    expect(() => Listener.https({ certificates: [cert], tlsOptions: opts })).toThrow(/listener "https" has 17 tlsOptions; at most 16 are allowed/);
    expect(() => Listener.https({ certificates: [cert], tlsOptions: { k: 'x'.repeat(4097) } })).toThrow(/tlsOptions\["k"\] is 4097 characters; at most 4096/);
  });

  test('allowedRouteKinds: at most 8, no duplicates', () => {
    const kinds = Array.from({ length: 9 }, (_, i) => RouteKind.of('example.com', `K${i}`));
    expect(() => Listener.http({ allowedRouteKinds: kinds })).toThrow(/Listener.http: listener "http" has 9 allowedRouteKinds; at most 8 are allowed/);
    expect(() => Listener.http({ allowedRouteKinds: [RouteKind.HTTP_ROUTE, RouteKind.HTTP_ROUTE] })).toThrow(/lists route kind HTTPRoute \(gateway.networking.k8s.io\) twice/);
    expect(() => RouteKind.of('example.com', '1bad')).toThrow(/RouteKind.of: kind "1bad"/);
    expect(() => RouteKind.of('Bad Group', 'Foo')).toThrow(/RouteKind.of: group "Bad Group"/);
  });

  test('custom() rejects core and malformed protocols and needs a port', () => {
    expect(() => Listener.custom({ protocol: 'https', port: 1 })).toThrow(/Listener.custom: protocol "https" is a core protocol; use Listener.https\(\) instead/);
    expect(() => Listener.custom({ protocol: 'example.com/a b', port: 1 })).toThrow(/Listener.custom: protocol "example.com\/a b" must be a domain-prefixed name/);
    expect(() => Listener.custom({ protocol: 'example.com/x' } as any)).toThrow(/Listener.custom: port is required/);
  });

  test('RouteNamespaces.selector needs labels', () => {
    expect(() => RouteNamespaces.selector({})).toThrow(/RouteNamespaces.selector: matchLabels is empty/);
  });
});
