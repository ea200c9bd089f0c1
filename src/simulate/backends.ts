/**
 * Backends of a rule: weights, ReferenceGrants, BackendTLSPolicy. Internal.
 */
import { ModelContext, ModelListener } from './attachment';
import { certRef } from './listeners';
import { byAge, group, id, K8sObject, ns } from './objects';
import { backendLabel, Draft, notModeled, percent, step } from './outcome';
import { referenceAllowed } from './reference-grants';
import { SimBackend } from './types';

/** A backend reference read: the SimBackend, and why it cannot take traffic (if so). */
export interface ReadBackend {
  readonly backend: SimBackend;
  readonly error?: string;
}

/**
 * Reads a backendRef (or a mirror's backendRef) of `route`: kind defaults to Service, namespace
 * to the route's; a cross-namespace reference needs a ReferenceGrant (GEP-709).
 */
export function readBackend(ctx: ModelContext, ref: any, route: K8sObject, weight: number): ReadBackend {
  const b: SimBackend = {
    kind: ref?.kind ?? 'Service',
    namespace: ref?.namespace ?? ns(route),
    name: ref?.name ?? '',
    ...(ref?.port !== undefined ? { port: String(ref.port) } : {}),
    weight,
  };
  const allowed = referenceAllowed(ctx.objects, { group: group(route), kind: route.kind, namespace: ns(route) },
    { group: ref?.group ?? '', kind: b.kind, namespace: b.namespace, name: b.name });
  return allowed ? { backend: b } : { backend: b, error: `${route.kind} ${id(route)}: ${backendLabel(b)} is not covered by a ReferenceGrant` };
}

/**
 * Forwards to a rule's backendRefs: each gets weight / sum of weights (`weight` default 1,
 * HTTPBackendRef field doc). Backends with weight 0 get nothing and are left out. Requests that
 * would go to an invalid backend get 500 (HTTPRouteRule `backendRefs` field doc): status 200 when
 * a valid backend takes a share, else 500, and the invalid share is named in notModeled.
 */
export function forward(ctx: ModelContext, refs: any[], route: K8sObject, l: ModelListener, d: Draft): void {
  const total = refs.reduce((sum, r) => sum + (r.weight ?? 1), 0);
  let lost = 0;
  for (const r of refs) {
    const share = total ? (r.weight ?? 1) / total : 0;
    const { backend, error } = readBackend(ctx, r, route, share);
    const tls = !error && (r.group ?? '') === '' && backend.kind === 'Service' ? backendTls(ctx, backend, l, d) : '';
    if (error) {
      lost += share;
      step(d, 'backend', backendLabel(backend), `${error}: its ${percent(share)} of the requests get 500`);
    } else if (share === 0) {
      step(d, 'backend', backendLabel(backend), 'weight 0: receives nothing');
    } else {
      d.backends.push(backend);
      d.targets.push({ kind: backend.kind, namespace: backend.namespace, name: backend.name, sectionName: backend.port });
      step(d, 'backend', backendLabel(backend), `weight ${r.weight ?? 1} of ${total} (${percent(share)})${tls}`);
    }
  }
  if (!refs.length) step(d, 'backend', 'none', 'the rule has no backendRefs: 500');
  else if (!d.backends.length && !lost) step(d, 'backend', 'none', 'every backend has weight 0: 500');
  d.status = d.backends.length ? 200 : 500;
  if (d.backends.length && lost > 0) notModeled(d, `${percent(lost)} of these requests get 500 (an invalid backend's share); the backends list shows the valid shares only`);
}

/**
 * The BackendTLSPolicy of a Service backend, as step text: a policy naming the Service port's
 * name in `sectionName` beats one for the whole Service, then the oldest, then by name
 * (BackendTLSPolicy `targetRefs` field doc, GEP-1897); with the Gateway's backend client
 * certificate (`spec.tls.backend.clientCertificateRef`, GEP-3155).
 */
function backendTls(ctx: ModelContext, b: SimBackend, l: ModelListener, d: Draft): string {
  const svc = ctx.objects.find('Service', b.namespace, b.name);
  const portName = (svc?.spec?.ports ?? []).find((p: any) => String(p.port) === b.port)?.name;
  const scored = byAge(ctx.objects.all('BackendTLSPolicy').filter(p => ns(p) === b.namespace)).flatMap(p => {
    const t = (p.spec?.targetRefs ?? []).find((r: any) => (r.group ?? '') === '' && r.kind === 'Service' && r.name === b.name
      && (!r.sectionName || r.sectionName === portName));
    return t ? [{ p, specific: t.sectionName ? 1 : 0 }] : [];
  });
  const policy = scored.sort((x, y) => y.specific - x.specific)[0]?.p;
  if (!policy) return '';
  const v = policy.spec.validation ?? {};
  const trust = [
    ...(v.caCertificateRefs ?? []).map((r: any) => `${r.kind} ${b.namespace}/${r.name}`),
    ...(v.wellKnownCACertificates ? [`${v.wellKnownCACertificates} CAs`] : []),
  ];
  const parts = [`BackendTLSPolicy ${id(policy)}`, `trusting ${trust.join(', ') || 'nothing'}`];
  if (v.subjectAltNames?.length) parts.push(`SANs ${v.subjectAltNames.map((s: any) => s.hostname ?? s.uri).join(', ')}`);
  const cc = l.gateway.spec?.tls?.backend?.clientCertificateRef;
  if (cc) parts.push(`client certificate ${certRef(ctx, cc, l.gateway, 'Secret', d, 'backend client certificate')}`);
  return `; TLS to ${v.hostname} (${parts.join(', ')})`;
}
