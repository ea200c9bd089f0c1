import { RuleContext, notice, resolveBackend } from './context';
import { GatewaySet } from './gateways';
import { safeName } from '../../core/names';
import { TlsRoute } from '../../routes/tls-route';
import { IngressModel } from '../model';
import { NoticeStatus } from '../notices';
import { HostPlan } from '../plan/hosts';
import { passthroughLocation } from '../plan/tls';

/**
 * `ssl-passthrough`: TLS on port 443 for the host goes, unterminated, to the backend of the
 * host's `/` location, chosen by SNI (ingress-nginx's TLS proxy in front of nginx,
 * `internal/ingress/controller/nginx.go` with `--enable-ssl-passthrough`): a TLSRoute on the
 * host's TLS Passthrough listener (emitted by `emitGateways`). As in ingress-nginx the other
 * annotations do not act on that traffic, and plain HTTP on port 80 is still routed.
 */
export function emitPassthrough(ctx: RuleContext, host: HostPlan, set: GatewaySet): void {
  const loc = passthroughLocation(host);
  const parent = host.host === undefined ? undefined : set.passthrough.get(host.host);
  if (loc === undefined || parent === undefined) return;
  const owner = loc.owner;
  const backend = resolveBackend(ctx, owner, loc.backend, `ssl-passthrough of host ${host.host}`);
  if (backend === undefined) {
    notice(ctx.log, owner, 'ssl-passthrough', NoticeStatus.UNSUPPORTED, `the backend of path / on ${host.host} cannot be resolved (see the Ingress's notice), so no TLSRoute was emitted; the TLS listener has no route`);
    return;
  }
  const slug = host.host!.replace(/^\*\./, 'wildcard.').replace(/\./g, '-');
  new TlsRoute(ctx.scope, `Passthrough-${owner.id}-${host.host}`, {
    metadata: { name: safeName(`${owner.name}-${slug}-passthrough`, 253, [owner.id, host.host!, 'passthrough']), namespace: owner.namespace },
    parents: [parent],
    hostnames: [host.host!],
    backends: [backend],
  });
  notice(ctx.log, owner, 'ssl-passthrough', NoticeStatus.TRANSLATED,
    `TLS for ${host.host} on port 443 is passed through by SNI to ${backend._describe()}, the backend of path / (TLS listener in Passthrough mode and a TLSRoute), as ingress-nginx does with --enable-ssl-passthrough; the other annotations do not act on that traffic, and plain HTTP is still routed`);
}

/**
 * The notice of an Ingress whose `ssl-passthrough` has no effect in ingress-nginx: it has no
 * `/` path on a named host, the only location ingress-nginx passes through.
 */
export function passthroughWithoutEffect(ctx: RuleContext, owner: IngressModel): void {
  const hasRoot = owner.rules.some(r => r.host !== undefined && r.paths.some(p => p.path === '/' && p.pathType !== 'Exact'));
  if (hasRoot) return;
  notice(ctx.log, owner, 'ssl-passthrough', NoticeStatus.TRANSLATED,
    'no effect, as in ingress-nginx: it passes through only the backend of a named host\'s / path, and this Ingress has none; nothing emitted');
}
