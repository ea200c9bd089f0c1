/**
 * Field-by-field comparison of two `SimOutcome`s: the ingress-nginx model's and the Gateway API
 * model's answer to one probe. Weighted outcomes compare the traffic shares (within half a
 * percentage point), never single draws. Internal.
 */
import { VerifyFieldDifference } from './verify-types';
import { SimBackend, SimHeader, SimOutcome } from '../../simulate/types';

const WEIGHT_TOLERANCE = 0.005;

/** The fields on which `nginx` and `gateway` differ, in a fixed order; empty when they agree. */
export function compareOutcomes(nginx: SimOutcome, gateway: SimOutcome): VerifyFieldDifference[] {
  const out: VerifyFieldDifference[] = [];
  const check = (field: string, a: string, b: string) => {
    if (a !== b) out.push({ field, ingressNginx: a, gatewayApi: b });
  };
  check('status', String(nginx.status), String(gateway.status));
  check('location', nginx.location ?? '-', gateway.location ?? '-');
  if (!sameShares(nginx.backends, gateway.backends)) check('backends', renderBackends(nginx.backends), renderBackends(gateway.backends));
  const forwarded = nginx.status < 300 && gateway.status < 300;
  if (forwarded) {
    check('upstreamPath', nginx.upstreamPath ?? '-', gateway.upstreamPath ?? '-');
    check('upstreamHost', nginx.upstreamHost ?? '-', gateway.upstreamHost ?? '-');
    check('requestHeaders', renderHeaders(nginx.requestHeaders), renderHeaders(gateway.requestHeaders));
  }
  check('responseHeaders', renderHeaders(nginx.responseHeaders), renderHeaders(gateway.responseHeaders));
  if (!sameShares(nginx.mirrors, gateway.mirrors)) check('mirrors', renderBackends(nginx.mirrors), renderBackends(gateway.mirrors));
  return out;
}

function backendKey(b: SimBackend): string {
  return `${b.kind} ${b.namespace}/${b.name}${b.port !== undefined ? `:${b.port}` : ''}`;
}

/** Shares by backend, summed (one backend may appear in several weighted entries). */
function shares(list: readonly SimBackend[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const b of list) m.set(backendKey(b), (m.get(backendKey(b)) ?? 0) + b.weight);
  for (const [k, w] of m) if (w <= 0) m.delete(k);
  return m;
}

function sameShares(a: readonly SimBackend[], b: readonly SimBackend[]): boolean {
  const sa = shares(a);
  const sb = shares(b);
  if (sa.size !== sb.size) return false;
  for (const [k, w] of sa) {
    const other = sb.get(k);
    if (other === undefined || Math.abs(other - w) > WEIGHT_TOLERANCE) return false;
  }
  return true;
}

/** `Service shop/web:80 90%, Service shop/web-canary:80 10%`, or `-`. */
export function renderBackends(list: readonly SimBackend[]): string {
  const s = [...shares(list)].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  return s.length ? s.map(([k, w]) => `${k} ${Math.round(w * 1000) / 10}%`).join(', ') : '-';
}

/** `name: value; name: value`, sorted, names lower-case; `-` when empty. */
export function renderHeaders(list: readonly SimHeader[]): string {
  const s = list.map(h => `${h.name.toLowerCase()}: ${h.value}`).sort();
  return s.length ? s.join('; ') : '-';
}
