/**
 * Backend generators: a Service by name, a cdk8s-plus Service or a reference to any kind,
 * with a port, weight (0 included), namespace (cross-namespace ones need a ReferenceGrant) and
 * the filters given.
 */
import * as fc from 'fast-check';
import { maybe, stripUndefined } from './combinators';
import { BackendDesc, FilterDesc } from './descriptions';
import { Values } from './values';

/** The backend arbitraries of one noise level. */
export interface BackendArbitraries {
  /** A mirror target: without weight or filters (near-invalid: with a weight). */
  readonly plainBackend: fc.Arbitrary<BackendDesc>;
  /** Any backend, with `filters`. */
  backend(filters: fc.Arbitrary<FilterDesc[] | undefined>): fc.Arbitrary<BackendDesc>;
}

export function backendArbitraries(v: Values): BackendArbitraries {
  const { noise: { near }, namespace, port, weight, group, kind } = v;

  const backendName = near(fc.constantFrom('web', 'api', 'payments', 'db', 'svc-1'), fc.constantFrom('Web', 'web_1', '', 'a'.repeat(254)));

  /** Where a `Backend.fromRef` points: a Service with a port, another kind, or (near-invalid) a Service without port. */
  const refTarget = near(
    fc.oneof(
      fc.record({ port }),
      fc.record({ group: near(fc.constantFrom('example.com', 'multicluster.x-k8s.io'), group), kind, port: maybe(port, 2) }),
    ),
    fc.constant({ group: '', kind: 'Service' }),
  );

  /** A cdk8s-plus Service's ports and the backend's port option. */
  const kplusPorts = near(
    fc.constantFrom<{ servicePorts: number[]; port?: number }>(
      { servicePorts: [80] }, { servicePorts: [8080], port: 8080 }, { servicePorts: [80, 443], port: 443 }),
    fc.constantFrom<{ servicePorts: number[]; port?: number }>({ servicePorts: [] }, { servicePorts: [80, 443] }, { servicePorts: [80], port: 81 }),
  );

  function backend(filters: fc.Arbitrary<FilterDesc[] | undefined>): fc.Arbitrary<BackendDesc> {
    const options = { namespace: maybe(namespace, 3), weight: maybe(weight, 2), filters };
    return fc.oneof(
      { weight: 6, arbitrary: fc.record({ factory: fc.constant('serviceName' as const), name: backendName, port, ...options }) },
      { weight: 2, arbitrary: fc.tuple(fc.record({ factory: fc.constant('ref' as const), name: backendName, ...options }), refTarget).map(([b, t]) => ({ ...b, ...t })) },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.record({ factory: fc.constant('service' as const), weight: maybe(weight, 2), filters }), kplusPorts)
          .map(([b, p]) => ({ ...b, ...p, name: `kweb-${p.servicePorts.join('-')}` })),
      },
    ).map(stripUndefined);
  }

  const plainBackend: fc.Arbitrary<BackendDesc> = near(
    backend(fc.constant(undefined)).map(b => stripUndefined({ ...b, weight: undefined })),
    backend(fc.constant(undefined)).map(b => ({ ...b, weight: 1 })),
    6,
  );

  return { backend, plainBackend };
}

/** Backends where not every weight is 0 (the first loses its weight when all are 0). */
export function someWeight(backends: BackendDesc[] | undefined): BackendDesc[] | undefined {
  if (!backends || backends.length === 0 || !backends.every(b => b.weight === 0)) return backends;
  return [stripUndefined({ ...backends[0], weight: undefined }), ...backends.slice(1)];
}
