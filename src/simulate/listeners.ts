/**
 * Listener selection for a request. Internal.
 */
import { gatewayListeners, ModelContext, ModelListener } from './attachment';
import { cmpKeys, hostnameMatches, listenerSpecificity } from './hostnames';
import { GW, id, K8sObject, ns } from './objects';
import { Draft, notModeled, step } from './outcome';
import { referenceAllowed } from './reference-grants';
import { ParsedRequest } from './request';

/** `Gateway ns/name listener x` or `ListenerSet ns/name listener x`. */
export function listenerLabel(l: ModelListener): string {
  return `${l.parent.kind} ${id(l.parent)} listener ${l.spec.name}`;
}

/**
 * The listener whose hostname best matches `name`: an exact hostname, then the wildcard with the
 * most labels, then a listener without hostname (Listener `hostname` field doc); ties go to the
 * first in merged order (GEP-1713: the Gateway's own listeners, then ListenerSets by age and name).
 */
function pick(listeners: ModelListener[], name: string): ModelListener[] {
  return listeners.filter(l => hostnameMatches(l.spec.hostname, name))
    .sort((a, b) => cmpKeys(listenerSpecificity(a.spec.hostname), listenerSpecificity(b.spec.hostname)));
}

function reason(ranked: ModelListener[], name: string): string {
  if (ranked.length === 1) return `only listener matching ${name}`;
  const h: string | undefined = ranked[0].spec.hostname;
  const kind = !h ? 'no hostname (catch-all)' : h.startsWith('*.') ? 'most specific wildcard' : 'exact hostname';
  const tie = cmpKeys(listenerSpecificity(h), listenerSpecificity(ranked[1].spec.hostname)) === 0 ? ', first in merged order' : '';
  return `${kind} among ${ranked.length} listeners matching ${name}${tie}`;
}

/**
 * Chooses the listener for a request: same port, protocol HTTP for `http://`, HTTPS or TLS for
 * `https://` and `tls://` (chosen by SNI), TCP or UDP. For HTTPS the Host must select the listener
 * the SNI selected, else 421 Misdirected Request when another listener matches the Host, or 404
 * when none does (Listener `hostname` field doc: "To detect misdirected requests, Gateways SHOULD
 * match the authority of the requests with all the SNI hostname(s) ..."). Records the listener step; returns undefined when the
 * request stops here.
 */
export function chooseListener(ctx: ModelContext, req: ParsedRequest, d: Draft): ModelListener | undefined {
  const tlsLike = req.protocol === 'HTTPS' || req.protocol === 'TLS';
  const protocols = tlsLike ? ['HTTPS', 'TLS'] : [req.protocol];
  const candidates = ctx.objects.cached(`on ${ctx.gateway ?? '*'} ${req.port} ${protocols.join('/')}`, () => ctx.objects.all('Gateway')
    .filter(g => !ctx.gateway || id(g) === ctx.gateway)
    .flatMap(g => gatewayListeners(ctx.objects, g, ctx.labels))
    .filter(l => l.spec.port === req.port && protocols.includes(l.spec.protocol)));
  const name = tlsLike ? req.sni : req.host;
  const ranked = pick(candidates, name);
  const listener = ranked[0];
  if (!listener) {
    step(d, 'listener', 'none', candidates.length
      ? `none of ${candidates.length} ${protocols.join('/')} listeners on port ${req.port} matches ${tlsLike ? 'SNI ' : ''}${name}`
      : `no ${protocols.join('/')} listener on port ${req.port}`);
    return undefined;
  }
  step(d, 'listener', listenerLabel(listener), `${describe(ctx, listener, d)}; ${reason(ranked, name)}`);
  const parent = listener.parent;
  d.targets.push({ kind: parent.kind, namespace: ns(parent), name: parent.metadata.name, sectionName: listener.spec.name });
  if (listener.parent !== listener.gateway) d.targets.push({ kind: 'Gateway', namespace: ns(listener.gateway), name: listener.gateway.metadata.name });
  if (listener.spec.protocol === 'HTTPS' && req.protocol === 'HTTPS') {
    const byHost = pick(candidates.filter(l => l.spec.protocol === 'HTTPS'), req.host)[0];
    if (byHost !== listener) {
      d.status = byHost ? 421 : 404;
      step(d, 'listener', byHost ? listenerLabel(byHost) : 'none', byHost
        ? `Host ${req.host} selects another listener than SNI ${req.sni}: 421 Misdirected Request`
        : `Host ${req.host} matches no listener: 404`);
      return undefined;
    }
  }
  return listener;
}

/** `HTTPS port 443, hostname a.example.com; TLS Terminate with Secret ns/c; client certificates ...`. */
function describe(ctx: ModelContext, l: ModelListener, d: Draft): string {
  const s = l.spec;
  let out = `${s.protocol} port ${s.port}, hostname ${s.hostname ?? '(any)'}`;
  if (s.tls) {
    const certs = (s.tls.certificateRefs ?? []).map((r: any) => certRef(ctx, r, l.parent, 'Secret', d, `listener ${s.name}`));
    out += `; TLS ${s.tls.mode ?? 'Terminate'}${certs.length ? ` with ${certs.join(', ')}` : ''}`;
  }
  const frontend = l.gateway.spec?.tls?.frontend;
  const validation = (frontend?.perPort ?? []).find((p: any) => p.port === s.port)?.tls?.validation ?? frontend?.default?.validation;
  if (s.protocol === 'HTTPS' && validation) {
    const cas = (validation.caCertificateRefs ?? []).map((r: any) => certRef(ctx, r, l.gateway, 'ConfigMap', d, 'client validation'));
    out += `; client certificates checked against ${cas.join(', ')} (${validation.mode ?? 'AllowValidOnly'})`;
  }
  return out;
}

/**
 * `Kind namespace/name` of a certificate reference; a cross-namespace one not covered by a
 * ReferenceGrant goes to notModeled (the listener's ResolvedRefs is False, RefNotPermitted; what
 * traffic it still serves is up to the implementation).
 */
export function certRef(ctx: ModelContext, ref: any, owner: K8sObject, defaultKind: string, d: Draft, what: string): string {
  const to = { group: ref.group ?? '', kind: ref.kind ?? defaultKind, namespace: ref.namespace ?? ns(owner), name: ref.name };
  const label = `${to.kind} ${to.namespace}/${to.name}`;
  if (!referenceAllowed(ctx.objects, { group: GW, kind: owner.kind, namespace: ns(owner) }, to)) {
    notModeled(d, `${owner.kind} ${id(owner)} ${what}: ${label} is not covered by a ReferenceGrant (ResolvedRefs False, RefNotPermitted); whether traffic still flows is implementation-specific`);
  }
  return label;
}
