/**
 * Infrastructure generators: an owned or imported GatewayClass, 1-2 Gateways (listeners,
 * addresses, allowedListeners, client-certificate validation by default and per port, backend
 * client certificate, infrastructure) and 0-1 ListenerSet attached to one of them.
 */
import * as fc from 'fast-check';
import { around, lists, maybe, stripUndefined } from './combinators';
import {
  AddressDesc, CertDesc, ClientValidationDesc, GatewayClassDesc, GatewayDesc, InfrastructureDesc, ListenerSetDesc,
} from './descriptions';
import { ListenerArbitraries } from './listener-arbitraries';
import { Values } from './values';

/** The infrastructure arbitraries of one noise level. */
export interface GatewayArbitraries {
  readonly gatewayClass: fc.Arbitrary<GatewayClassDesc>;
  readonly gateways: fc.Arbitrary<GatewayDesc[]>;
  /** No ListenerSet (mostly) or one, attached to one of `gws`. */
  listenerSets(gws: GatewayDesc[]): fc.Arbitrary<ListenerSetDesc[]>;
}

export function gatewayArbitraries(v: Values, { cert, certs, namespaces, listeners }: ListenerArbitraries): GatewayArbitraries {
  const { noise: { near }, namespace, objectName, hostname, port, group, kind, labelMap } = v;

  const address: fc.Arbitrary<AddressDesc> = fc.oneof(
    fc.record({ factory: fc.constant('ipAddress' as const), value: near(fc.constantFrom('10.0.0.1', '192.168.1.10', '2001:db8::1', '::1'), fc.constantFrom('10.0.0.256', 'example.com', '', '1.2.3')) }),
    fc.record({ factory: fc.constant('hostname' as const), value: hostname }),
    fc.record({ factory: fc.constant('named' as const), value: near(fc.constantFrom('reserved-ip', 'My Address'), fc.constantFrom('', 'n'.repeat(254))) }),
    fc.record({ factory: fc.constant('custom' as const), addressType: near(fc.constant('example.com/pool'), fc.constantFrom('pool', 'Example.com/pool')), value: maybe(fc.constantFrom('a', 'v'.repeat(253)), 2) }),
  ).map(stripUndefined);
  const addresses = near(
    fc.uniqueArray(address, { minLength: 1, maxLength: 3, selector: a => `${a.factory}|${a.addressType}|${a.value}` }),
    fc.oneof(address.map(a => [a, a]), around(16, (i): AddressDesc => ({ factory: 'ipAddress', value: `10.0.0.${i + 1}` }))),
  );

  const clientValidation: fc.Arbitrary<ClientValidationDesc> = fc.record({
    caCertificates: near(certs(2), lists<CertDesc>([])),
    mode: maybe(fc.constantFrom('AllowValidOnly' as const, 'AllowInsecureFallback' as const), 2),
  }).map(stripUndefined);

  const perPortValidation = near(
    fc.uniqueArray(
      fc.record({ port: near(fc.constantFrom(443, 8443), port), validation: clientValidation }),
      { minLength: 1, maxLength: 2, selector: p => p.port },
    ),
    fc.record({ port: fc.constant(443), validation: clientValidation }).map(p => [p, p]),
  );

  const infrastructure: fc.Arbitrary<InfrastructureDesc> = fc.record({
    labels: maybe(labelMap, 2),
    annotations: maybe(fc.dictionary(
      near(fc.constantFrom('example.com/owner', 'note'), fc.constantFrom('bad key', '')),
      near(fc.constantFrom('x', '', 'long '.repeat(100)), fc.constant('v'.repeat(4097))),
      { minKeys: 1, maxKeys: 2, noNullPrototype: true }), 2),
    parametersRef: maybe(fc.record({ group, kind, name: objectName }), 3),
  }).map(stripUndefined);

  const gateway = (index: number): fc.Arbitrary<GatewayDesc> => fc.record({
    name: maybe(near(fc.constant(`gw-${index}`), fc.constantFrom(`GW${index}`, `gw_${index}`)), 2),
    namespace: maybe(namespace, 3),
    listeners,
    addresses: maybe(addresses, 6),
    allowedListeners: maybe(fc.oneof(fc.record({ from: fc.constant('none' as const) }), namespaces), 4),
    clientCertificateValidation: maybe(clientValidation, 8),
    perPortValidation: maybe(perPortValidation, 10),
    backendClientCertificate: maybe(cert, 8),
    infrastructure: maybe(infrastructure, 8),
    createReferenceGrants: maybe(near(fc.constant(true), fc.constant(false), 3), 4),
  }).map(stripUndefined);

  const gatewayClass: fc.Arbitrary<GatewayClassDesc> = fc.record({
    owned: fc.boolean(),
    name: maybe(near(fc.constant('eg'), fc.constantFrom('EG', 'e_g')), 2),
    controllerName: near(fc.constantFrom('example.com/gateway-controller', 'gateway.envoyproxy.io/gatewayclass-controller'), fc.constantFrom('controller', 'Example.com/x', 'example.com/')),
    description: maybe(near(fc.constantFrom('Edge gateways', ''), fc.constant('d'.repeat(65))), 4),
  }).map(stripUndefined);

  const gateways: fc.Arbitrary<GatewayDesc[]> = fc.oneof(
    { weight: 4, arbitrary: gateway(0).map(g => [g]) },
    { weight: 1, arbitrary: fc.tuple(gateway(0), gateway(1)) },
  );

  const listenerSets = (gws: GatewayDesc[]): fc.Arbitrary<ListenerSetDesc[]> => fc.oneof(
    { weight: 5, arbitrary: lists<ListenerSetDesc>([]) },
    {
      weight: 1,
      arbitrary: fc.record({ gateway: fc.nat({ max: gws.length - 1 }), name: maybe(fc.constant('set-0'), 2), namespace: maybe(namespace, 3), listeners })
        .map(s => [stripUndefined(s)]),
    },
  );

  return { gatewayClass, gateways, listenerSets };
}
