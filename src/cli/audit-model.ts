import { LocatedObject } from './migrate-inputs';
import { AnnotationTotals, countByStatus, sortNotices, StatusCounts, totalsByAnnotation } from './report';
import { CompatNotice } from '../compat/notices';
import { readCompatManifests } from '../compat/parse/read-manifests';
import { selectIngresses } from '../compat/parse/select';

/*
 * What `audit` prints, whatever the format: every Ingress (class, hosts, TLS hosts, each
 * annotation with the status IngressCompat gives it on the chosen profile), the findings that
 * are not about one annotation, and the totals per annotation and per status. Sorted: the same
 * input gives the same report whatever its order.
 */

/** One annotation of one Ingress. */
export interface AuditAnnotation {
  /** The full key (`nginx.ingress.kubernetes.io/rewrite-target`). */
  readonly annotation: string;
  readonly status: string;
  readonly message: string;
}

/** One Ingress. */
export interface AuditIngress {
  /** `namespace/name`. */
  readonly ingress: string;
  /** The class it is served as (or its own class when it is skipped); empty when it has none. */
  readonly ingressClass: string;
  /** Whether ingress-nginx serves it with the classes taken (else it is skipped, and not migrated). */
  readonly served: boolean;
  /** The hosts of its rules, sorted (`*` for a rule without host). */
  readonly hosts: string[];
  /** The hosts of its `spec.tls`, sorted. */
  readonly tlsHosts: string[];
  /** Its annotations with their notices, sorted by key. */
  readonly annotations: AuditAnnotation[];
  /** Notices about it that are not about one annotation. */
  readonly findings: CompatNotice[];
  /** Its notices by status. */
  readonly byStatus: StatusCounts;
}

/** The whole audit. */
export interface Audit {
  readonly profile: string;
  readonly ingresses: AuditIngress[];
  /** Notices about something else than an Ingress: Gateways' defaults, ignored objects, the controller ConfigMap. */
  readonly otherFindings: CompatNotice[];
  readonly byAnnotation: AnnotationTotals[];
  readonly byStatus: StatusCounts;
  /** Every notice. */
  readonly notices: number;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Builds the audit.
 *
 * @param objects the objects read
 * @param notices IngressCompat's notices (positions as `file:line`)
 * @param profile the profile's name
 * @param ingressClasses `--ingress-class` (none: IngressCompat's default)
 */
export function buildAudit(objects: readonly LocatedObject[], notices: readonly CompatNotice[], profile: string,
  ingressClasses: readonly string[]): Audit {
  const { parsed } = readCompatManifests({ objects: objects.map(o => o.object) });
  const selection = selectIngresses(parsed, ingressClasses.length > 0 ? { ingressClasses: [...ingressClasses] } : {});
  const sorted = sortNotices(notices);
  const byIngress = new Map<string, CompatNotice[]>();
  for (const n of sorted) {
    const list = byIngress.get(n.ingress);
    if (list) list.push(n);
    else byIngress.set(n.ingress, [n]);
  }
  const ids = new Set(parsed.ingresses.map(i => i.id));
  const ingresses = [...parsed.ingresses].sort((a, b) => cmp(a.id, b.id)).map((i): AuditIngress => {
    const own = byIngress.get(i.id) ?? [];
    const served = selection.classOf.has(i.id);
    const hosts = [...new Set(i.rules.map(r => r.host ?? '*'))].sort(cmp);
    return {
      ingress: i.id,
      ingressClass: selection.classOf.get(i.id) ?? i.ingressClassName ?? '',
      served,
      hosts: hosts.length > 0 ? hosts : (i.defaultBackend ? ['*'] : []),
      tlsHosts: [...new Set(i.tls.flatMap(t => (t.hosts.length > 0 ? t.hosts : ['*'])))].sort(cmp),
      annotations: own.filter(n => n.annotation !== undefined).map(n => ({ annotation: n.annotation!, status: n.status, message: n.message })),
      findings: own.filter(n => n.annotation === undefined),
      byStatus: countByStatus(own),
    };
  });
  return {
    profile,
    ingresses,
    otherFindings: sorted.filter(n => !ids.has(n.ingress)),
    byAnnotation: totalsByAnnotation(sorted),
    byStatus: countByStatus(sorted),
    notices: sorted.length,
  };
}
