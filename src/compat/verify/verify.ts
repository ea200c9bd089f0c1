/**
 * Compares the ingress-nginx model with the Gateway API model on the probe requests and sorts
 * each difference into expected (a known divergence of every translation, or an `approximate`,
 * `unsupported` or `invalid` notice of the Ingress that served the request explains it, and is
 * named) or unexpected (a translation bug).
 */
import { compareOutcomes } from './compare';
import { explainingDivergences } from './divergences';
import { generateProbes } from './probes';
import { VerifyFinding, VerifyReport } from './verify-types';
import { SimOutcome, SimRequest } from '../../simulate/types';
import { IngressModel, NGINX_PREFIX } from '../model';
import { CompatNotice, NoticeStatus } from '../notices';

/** What `verifyTranslation` compares. */
export interface VerifyInput {
  /** The Ingresses taken, in ingress-nginx's order. */
  readonly ingresses: readonly IngressModel[];
  /** The translation's notices. */
  readonly notices: readonly CompatNotice[];
  /** The ingress-nginx model. */
  readonly ingressNginx: (request: SimRequest) => SimOutcome;
  /** The Gateway API model of the translation's output. */
  readonly gatewayApi: (request: SimRequest) => SimOutcome;
  /**
   * Whether ingress-nginx serves an Ingress (not rejected).
   * @default - every Ingress
   */
  readonly served?: (ingress: IngressModel) => boolean;
}

/** Runs every probe through both models; findings sorted by request. */
export function verifyTranslation(input: VerifyInput): VerifyReport {
  const probes = generateProbes(input.ingresses, input.served);
  const byIngress = new Map<string, CompatNotice[]>();
  for (const n of input.notices) {
    if (n.status === NoticeStatus.TRANSLATED) continue;
    byIngress.set(n.ingress, [...(byIngress.get(n.ingress) ?? []), n]);
  }
  const findings: VerifyFinding[] = [];
  for (const probe of probes) {
    const nginx = input.ingressNginx(probe.request);
    const gateway = input.gatewayApi(probe.request);
    const differences = compareOutcomes(nginx, gateway);
    if (differences.length === 0) continue;
    const divergences = explainingDivergences(differences, probe.request, nginx, gateway);
    const notices = divergences.length > 0 ? [] : explainingNotices(nginx, gateway, byIngress);
    findings.push({
      request: probe.label,
      expected: divergences.length > 0 || notices.length > 0,
      differences,
      notices,
      divergences,
      ...(nginx.source !== undefined ? { ingress: nginx.source } : {}),
      ...(gateway.source !== undefined ? { route: gateway.source } : {}),
      notModeled: [...new Set([...nginx.notModeled, ...gateway.notModeled])].sort(),
      ingressNginxOutcome: nginx,
      gatewayApiOutcome: gateway,
    });
  }
  const unexpected = findings.filter(f => !f.expected).length;
  return {
    probes: probes.length,
    agreeing: probes.length - findings.length,
    expected: findings.length - unexpected,
    unexpected,
    findings,
  };
}

/**
 * The non-translated notices that explain a difference: those of the Ingress ingress-nginx
 * served the request from about an annotation that acted on the request, or about the Ingress
 * itself (a path left out, a rejected Ingress).
 */
function explainingNotices(nginx: SimOutcome, gateway: SimOutcome, byIngress: ReadonlyMap<string, CompatNotice[]>): CompatNotice[] {
  const ids = [nginx.source, gateway.source]
    .filter((s): s is string => s !== undefined && s.startsWith('Ingress '))
    .map(s => s.slice('Ingress '.length));
  // Annotations whose effect the model leaves out (timeouts, limits, auth) name themselves at
  // the start of a `notModeled` sentence: they cannot explain a routing difference.
  const unmodeled = new Set(nginx.notModeled.map(s => /^([a-z0-9-]+):/.exec(s)?.[1]).filter(k => k !== undefined));
  const acted = new Set(nginx.annotations.filter(a => !unmodeled.has(a)).map(a => `${NGINX_PREFIX}${a}`));
  const out: CompatNotice[] = [];
  const location = servedLocation(nginx);
  for (const id of new Set(ids)) {
    for (const n of byIngress.get(id) ?? []) {
      if (n.annotation !== undefined ? acted.has(n.annotation) : aboutLocation(n.message, location)) out.push(n);
    }
  }
  return out;
}

/** The path of the ingress-nginx location that served the request (`location ~* "^/api"` → `/api`), if any. */
function servedLocation(nginx: SimOutcome): string | undefined {
  const step = nginx.steps.find(s => s.stage === 'location');
  const m = step === undefined ? null : /^location (?:~\* "\^(.*)"|= (.+)|(.+))$/.exec(step.name);
  return m === null ? undefined : m[1] ?? m[2] ?? m[3];
}

/**
 * Whether a notice about an Ingress itself concerns the request: one that names no path (the
 * Ingress is rejected, left out, …) concerns all its requests; one that names paths (`path /x
 * skipped`) only those served by a location of one of them (`/p` or, for a Prefix path, `/p/`).
 */
function aboutLocation(message: string, location: string | undefined): boolean {
  if (!/\bpaths? "?\//.test(message)) return true;
  if (location === undefined) return false;
  // A Prefix path `/p` is served by `location /p/` (and `location = /p`): `updateServerLocations`.
  const named = location.length > 1 && location.endsWith('/') ? [location, location.slice(0, -1)] : [location];
  return named.some(p => new RegExp(`\\bpaths? "?${escapeRegex(p)}(?=[\\s",;:)]|$)`).test(message));
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
