/*
 * Generated object sets of a given size, shared by the behaviour tests (small N) and the timing
 * benchmark bench/checks.ts (large N), so both exercise the same shapes.
 */

/** N HTTPRoutes with 3 rules each (path, header and method matches, filters, weighted backends). */
export function httpRoutes(n: number): any[] {
  return Array.from({ length: n }, (_, i) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: `r${i}`, namespace: 'ns' },
    spec: {
      parentRefs: [{ name: 'gw', sectionName: 'https' }],
      hostnames: [`h${i}.example.com`],
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: `/api/${i}` } }], backendRefs: [{ name: 'a', port: 80, weight: 90 }, { name: 'b', port: 80, weight: 10 }] },
        {
          matches: [{ path: { type: 'Exact', value: '/x' }, headers: [{ name: 'x-canary', value: 'y' }] }],
          filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'a', value: 'b' }] } }],
          backendRefs: [{ name: 'a', port: 80 }],
        },
        { matches: [{ path: { type: 'PathPrefix', value: '/old' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] },
      ],
    },
  }));
}

/** 50 Gateways, N HTTPRoutes attached to them (one with a cross-namespace backend each), one ReferenceGrant. */
export function crossObjectSet(n: number): any[] {
  const objects: any[] = [];
  for (let g = 0; g < 50; g++) {
    objects.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: `gw-${g}`, namespace: 'ns' },
      spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }, { name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'c' }] } }] },
    });
  }
  for (let i = 0; i < n; i++) {
    objects.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: `r${i}`, namespace: 'ns' },
      spec: {
        parentRefs: [{ name: `gw-${i % 50}` }],
        hostnames: [`h${i}.example.com`],
        rules: [
          { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'a', port: 80 }] },
          { matches: [{ path: { type: 'PathPrefix', value: '/api' }, headers: [{ name: 'x', value: 'y' }] }], backendRefs: [{ name: 'b', namespace: 'other', port: 80 }] },
        ],
      },
    });
  }
  objects.push({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'ReferenceGrant',
    metadata: { name: 'g', namespace: 'other' },
    spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'ns' }], to: [{ group: '', kind: 'Service' }] },
  });
  return objects;
}
