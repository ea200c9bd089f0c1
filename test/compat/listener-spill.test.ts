import { Chart, Testing } from 'cdk8s';
import { ImplementationProfile, IngressCompat } from '../../src';

const ingress = (i: number) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: `site-${i}`, namespace: 'web', creationTimestamp: `2025-01-01T00:00:${String(i % 60).padStart(2, '0')}Z` },
  spec: {
    ingressClassName: 'nginx',
    tls: [{ hosts: [`s${i}.example.com`], secretName: `s${i}-tls` }],
    rules: [{ host: `s${i}.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }],
  },
});

describe('IngressCompat with many TLS hosts', () => {
  test('more than 63 TLS hosts spill into a second Gateway; every Gateway stays within 64 listeners and every route finds its listener', () => {
    const chart = new Chart(Testing.app(), 'migrated');
    IngressCompat.fromManifests(chart, 'Compat', { objects: Array.from({ length: 70 }, (_, i) => ingress(i)), profile: ImplementationProfile.standard(), printNotices: false });
    const objects = Testing.synth(chart);
    const gateways = objects.filter(o => o.kind === 'Gateway');
    expect(gateways.map(g => [g.metadata.name, g.spec.listeners.length])).toStrictEqual([['nginx', 64], ['nginx-2', 8]]);
    const listenersOf = new Map(gateways.map(g => [g.metadata.name, new Set(g.spec.listeners.map((l: any) => l.name))]));
    const routes = objects.filter(o => o.kind === 'HTTPRoute');
    expect(routes).toHaveLength(140); // a route and its HTTP → HTTPS redirect per host
    for (const r of routes) {
      for (const p of r.spec.parentRefs) expect(listenersOf.get(p.name)?.has(p.sectionName)).toBe(true);
    }
    const https = routes.filter(r => r.spec.parentRefs[0].sectionName.startsWith('https-'));
    expect(new Set(https.map(r => r.spec.parentRefs[0].name)).size).toBe(2);
  });

  test('a spilled host answers both ports on its own Gateway: its HTTP → HTTPS redirect attaches to that Gateway\'s HTTP listener', () => {
    const chart = new Chart(Testing.app(), 'migrated');
    const compat = IngressCompat.fromManifests(chart, 'Compat', { objects: Array.from({ length: 70 }, (_, i) => ingress(i)), profile: ImplementationProfile.standard(), printNotices: false });
    const objects = Testing.synth(chart);
    const parentsOf = (host: string) => objects.filter(o => o.kind === 'HTTPRoute' && o.spec.hostnames.includes(host))
      .flatMap(r => r.spec.parentRefs.map((p: any) => `${p.name}/${p.sectionName}`)).sort();
    const spilled = objects.find(o => o.kind === 'Gateway' && o.metadata.name === 'nginx-2').spec.listeners
      .find((l: any) => l.protocol === 'HTTPS').hostname;
    expect(parentsOf(spilled)).toStrictEqual(['nginx-2/http', `nginx-2/https-${spilled.replace(/\./g, '-')}`]);
    expect(parentsOf('s0.example.com')).toStrictEqual(['nginx/http', 'nginx/https-s0-example-com']);
    expect(compat.verify().unexpected).toBe(0);
  });
});
