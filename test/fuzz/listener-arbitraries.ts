/**
 * Listener generators: certificates, allowedRoutes namespaces and kinds, TLS settings
 * consistent with the protocol (or, near-invalid, not), and lists of 1-5 listeners whose
 * names, ports and hostnames come from small pools so that conflicts happen.
 */
import * as fc from 'fast-check';
import { around, lists, maybe, stripUndefined } from './combinators';
import { CertDesc, defaultListenerName, defaultListenerPort, ListenerDesc, ListenerProtocol, NamespacesDesc, RouteKindDesc } from './descriptions';
import { Values } from './values';

const KINDS_BY_PROTOCOL: Record<Exclude<ListenerProtocol, 'custom'>, string[]> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'], HTTPS: ['HTTPRoute', 'GRPCRoute'], TLS: ['TLSRoute'], TCP: ['TCPRoute'], UDP: ['UDPRoute'],
};

const PORTS: Record<ListenerProtocol, number[]> = {
  HTTP: [80, 8080], HTTPS: [443, 8443], TLS: [443, 8443, 9443], TCP: [5432, 3306], UDP: [53, 5353], custom: [9000, 9001],
};

/** TLS settings of a listener: consistent with its protocol, or (near-invalid) not. */
type TlsSettings = Pick<ListenerDesc, 'mode' | 'certificates' | 'tlsOptions'>;

/** The listener arbitraries of one noise level, and the certificate and namespace ones Gateways share. */
export interface ListenerArbitraries {
  readonly cert: fc.Arbitrary<CertDesc>;
  readonly namespaces: fc.Arbitrary<NamespacesDesc>;
  /** 1-5 listeners, names made unique unless near-invalid. */
  readonly listeners: fc.Arbitrary<ListenerDesc[]>;
  /** 1 to `max` certificates. */
  certs(max: number): fc.Arbitrary<CertDesc[]>;
}

export function listenerArbitraries(v: Values): ListenerArbitraries {
  const { noise: { near }, namespace, objectName, hostname, port, group, kind, labelMap } = v;

  const cert: fc.Arbitrary<CertDesc> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ factory: fc.constant('secretName' as const), name: objectName, namespace: maybe(namespace, 3) }) },
    { weight: 1, arbitrary: fc.record({ factory: fc.constant('configMapName' as const), name: objectName, namespace: maybe(namespace, 3) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        factory: fc.constant('ref' as const), name: objectName, namespace: maybe(namespace, 3), group, kind: near(fc.constantFrom('Secret', 'Certificate'), kind),
      }),
    },
  ).map(stripUndefined);
  const certs = (max: number) => fc.array(cert, { minLength: 1, maxLength: max });
  /** Serving certificates, or (near-invalid) about 64 of them. */
  const servingCerts = near(certs(3), around(64, i => ({ factory: 'secretName' as const, name: `cert-${i}` })));

  const namespaces: fc.Arbitrary<NamespacesDesc> = fc.oneof(
    fc.record({ from: fc.constantFrom('same' as const, 'all' as const) }),
    fc.record({ from: fc.constant('selector' as const), labels: near(labelMap, fc.constant({})) }),
  );

  const anyRouteKind: fc.Arbitrary<RouteKindDesc> = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute') },
    { weight: 1, arbitrary: fc.record({ group, kind }) },
  );
  /** `allowedRouteKinds`: kinds that suit the protocol, or (near-invalid) any, repeated. */
  const routeKinds = (protocol: ListenerProtocol) => near(
    fc.uniqueArray(protocol === 'custom' ? anyRouteKind : fc.constantFrom(...KINDS_BY_PROTOCOL[protocol]), { minLength: 1, maxLength: 3, selector: k => JSON.stringify(k) }),
    fc.oneof(fc.uniqueArray(anyRouteKind, { minLength: 1, maxLength: 3, selector: k => JSON.stringify(k) }), fc.constantFrom('HTTPRoute', 'TLSRoute').map(k => [k, k])),
  );
  /** `allowedRoutes`: mostly `All` (a route in any namespace attaches), often the default `Same`. */
  const allowedRoutes: fc.Arbitrary<NamespacesDesc | undefined> = fc.oneof(
    { weight: 4, arbitrary: fc.constant({ from: 'all' as const }) },
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: namespaces },
  );

  const tlsOptions = fc.dictionary(
    near(fc.constantFrom('example.com/min-version', 'gateway.envoyproxy.io/ciphers'), fc.constantFrom('min version', '', 'k'.repeat(300))),
    near(fc.constantFrom('1.2', 'TLS_AES_128_GCM_SHA256', ''), fc.constant('v'.repeat(4097))),
    { minKeys: 1, maxKeys: 2, noNullPrototype: true },
  );

  const listenerName = near(fc.constantFrom('http', 'https', 'tls', 'web', 'api', 'l-1', 'a.b'), fc.constantFrom('HTTP', 'web_1', '', '-x', 'n'.repeat(254)));

  const noTls: fc.Arbitrary<TlsSettings> = fc.constant({});
  const terminate = (mode: fc.Arbitrary<'Terminate' | undefined>): fc.Arbitrary<TlsSettings> => fc.oneof(
    { weight: 4, arbitrary: fc.record({ mode, certificates: servingCerts, tlsOptions: maybe(tlsOptions, 5) }) },
    { weight: 1, arbitrary: fc.record({ mode, tlsOptions }) },
  ).map(stripUndefined);
  const passthrough = (mode: fc.Arbitrary<'Passthrough' | undefined>): fc.Arbitrary<TlsSettings> =>
    fc.record({ mode, tlsOptions: maybe(tlsOptions, 5) }).map(stripUndefined);
  const wrongTls: fc.Arbitrary<TlsSettings> = fc.oneof(
    fc.record({ mode: fc.constant('Terminate' as const) }),
    fc.record({ mode: fc.constant('Passthrough' as const), certificates: certs(1) }),
    fc.record({ certificates: certs(1) }),
    fc.record({ certificates: lists<CertDesc>([]) }),
  );
  const TLS_SETTINGS: Record<ListenerProtocol, fc.Arbitrary<TlsSettings>> = {
    HTTP: near(noTls, wrongTls),
    HTTPS: near(terminate(fc.constant(undefined)), wrongTls),
    TLS: near(fc.oneof(passthrough(fc.constantFrom(undefined, 'Passthrough' as const)), terminate(fc.constant('Terminate' as const))), wrongTls),
    TCP: near(noTls, wrongTls),
    UDP: near(noTls, wrongTls),
    custom: near(fc.oneof(noTls, passthrough(fc.constant('Passthrough' as const)), terminate(fc.constantFrom(undefined, 'Terminate' as const))), wrongTls),
  };

  function listener(protocol: ListenerProtocol): fc.Arbitrary<ListenerDesc> {
    const l4 = protocol === 'TCP' || protocol === 'UDP';
    return fc.tuple(fc.record({
      protocol: fc.constant(protocol),
      customProtocol: protocol === 'custom'
        ? near(fc.constantFrom('example.com/proto', 'example.com/Mqtt', 'Kafka'), fc.constantFrom('http', 'Example.com/x', 'example.com/', 'a b'), 8)
        : fc.constant(undefined),
      name: maybe(listenerName, 2),
      port: l4 || protocol === 'custom'
        ? near(fc.constantFrom(...PORTS[protocol]), port)
        : maybe(near(fc.constantFrom(...PORTS[protocol]), port), 2),
      hostname: l4 ? near(fc.constant(undefined), hostname) : maybe(hostname, 2),
      allowedRoutes,
      allowedRouteKinds: maybe(routeKinds(protocol), 5),
      via: fc.constantFrom('props' as const, 'addListener' as const, 'addMethod' as const),
    }), TLS_SETTINGS[protocol]).map(([l, tls]) => stripUndefined({ ...l, ...tls }));
  }

  const anyListener: fc.Arbitrary<ListenerDesc> = fc.oneof(
    { weight: 4, arbitrary: listener('HTTP') },
    { weight: 4, arbitrary: listener('HTTPS') },
    { weight: 2, arbitrary: listener('TLS') },
    { weight: 2, arbitrary: listener('TCP') },
    { weight: 2, arbitrary: listener('UDP') },
    { weight: 1, arbitrary: listener('custom') },
  );

  /**
   * 1-5 listeners. Names that would repeat (explicit or the protocol default) are made
   * unique unless `keepClashes` (near-invalid), so most Gateways are well-formed; ports and
   * hostnames still clash now and then.
   */
  const listeners: fc.Arbitrary<ListenerDesc[]> = near(
    fc.tuple(
      fc.array(anyListener, { minLength: 1, maxLength: 5 }),
      near(fc.constant(false), fc.constant(true), 3),
    ).map(([items, keepClashes]) => keepClashes ? items : distinctListeners(items)),
    around(64, (i): ListenerDesc => ({ protocol: 'HTTP', name: `l${i}`, port: 10_000 + i, via: 'props' })),
  );

  return { cert, certs, namespaces, listeners };
}

/**
 * Listeners without clashes: unique names, and a fresh port for a listener that would
 * conflict with an earlier one (same port with the same protocol and hostname, HTTP/HTTPS/TLS
 * sharing a port and hostname, TCP sharing a port with one of them).
 */
function distinctListeners(items: ListenerDesc[]): ListenerDesc[] {
  const names = new Set<string>();
  const kept: ListenerDesc[] = [];
  const hostnamed = ['HTTP', 'HTTPS', 'TLS'];
  items.forEach((item, i) => {
    let l = item;
    const name = l.name ?? defaultListenerName(l);
    if (names.has(name)) l = { ...l, name: `l${i}` };
    names.add(l.name ?? name);
    const p = defaultListenerPort(l);
    const clash = kept.some(o => {
      if (defaultListenerPort(o) !== p) return false;
      if (o.protocol === l.protocol && !hostnamed.includes(l.protocol)) return true;
      if (hostnamed.includes(o.protocol) && hostnamed.includes(l.protocol)) return (o.hostname ?? '') === (l.hostname ?? '');
      return (o.protocol === 'TCP' && hostnamed.includes(l.protocol)) || (l.protocol === 'TCP' && hostnamed.includes(o.protocol));
    });
    if (clash && p !== undefined) {
      const fresh = 10_000 + i;
      l = { ...l, port: fresh, ...(l.name === undefined && (l.protocol === 'TCP' || l.protocol === 'UDP') ? { name: `${l.protocol.toLowerCase()}-${fresh}` } : {}) };
    }
    kept.push(l);
  });
  return kept;
}
