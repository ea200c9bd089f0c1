import { Construct } from 'constructs';
import { Backend } from '../../core/backend';
import { ImplementationProfile } from '../../profiles/profile';
import { BackendModel, IngressModel, NGINX_PREFIX, ServiceModel } from '../model';
import { NoticeLog } from '../notice-log';
import { NoticeStatus } from '../notices';
import { LocationPlan } from '../plan/hosts';
import { RegexDialect } from '../plan/paths';

/** The routes IngressCompat attached to HTTPS listeners (ingress-nginx sets the affinity cookie's Secure flag there). */
export const HTTPS_ROUTES = new WeakSet<Construct>();

/** What a rule needs from its surroundings. */
export interface RuleContext {
  readonly scope: Construct;
  readonly profile: ImplementationProfile;
  readonly dialect: RegexDialect;
  readonly log: NoticeLog;
  readonly services: ServiceModel[];
  readonly regexMode: boolean;
  /** Every location of the host the rule belongs to, in ingress-nginx's order (unset outside a host). */
  readonly hostLocations?: readonly LocationPlan[];
  /** The status of the host's HTTP → HTTPS redirect, when its plain-HTTP requests are redirected (unset otherwise). */
  readonly httpRedirectCode?: number;
  /**
   * Whether backend rules carry the Experimental-channel fields that reproduce retries and
   * cookie affinity (`rules[].retry`, `rules[].sessionPersistence`): the standard profile on the
   * Experimental channel (see experimental.ts).
   */
  readonly experimentalRules: boolean;
}

/**
 * Records the notice of an annotation key of an Ingress (the key without the prefix), unless
 * the key already has one: an invalid value or an ignored key found by the annotation parsers
 * keeps its notice.
 */
export function notice(log: NoticeLog, ingress: IngressModel, key: string, status: NoticeStatus, message: string): void {
  if (log.has(ingress.id, `${NGINX_PREFIX}${key}`)) return;
  log.set({ ingress: ingress.id, annotation: `${NGINX_PREFIX}${key}`, status, message });
}

/**
 * The Gateway API backend of an Ingress backend: a Service port by number, or by name through
 * the Service when the input has it. Undefined (with a notice) when it cannot be resolved.
 * `routeNamespace`: the namespace of the route that refers to it (default: the Ingress's).
 */
export function resolveBackend(ctx: RuleContext, ingress: IngressModel, backend: BackendModel, what: string,
  routeNamespace?: string): Backend | undefined {
  // A Service of another namespace than the route's (a canary Ingress of another namespace):
  // named with its namespace, so that the route creates the ReferenceGrant.
  const options = routeNamespace !== undefined && routeNamespace !== ingress.namespace ? { namespace: ingress.namespace } : {};
  if (backend.resource) {
    const r = backend.resource;
    return Backend.fromRef({ group: r.apiGroup ?? '', kind: r.kind, name: r.name });
  }
  const svc = backend.service;
  if (svc === undefined) return undefined;
  if (svc.port !== undefined) return Backend.fromServiceName(svc.name, svc.port, options);
  const model = ctx.services.find(s => s.namespace === ingress.namespace && s.name === svc.name);
  const port = model?.ports.find(p => p.name === svc.portName)?.port;
  if (port === undefined) {
    ctx.log.append({
      ingress: ingress.id,
      status: NoticeStatus.UNSUPPORTED,
      message: `${what}: Service ${svc.name} port "${svc.portName}" is named, and ${model ? 'the Service has no port of that name' : 'the Service is not in the input'}; Gateway API needs the port number: ${model ? 'fix the port name' : 'add the Service manifest to the input'} (path skipped)`,
    });
    return undefined;
  }
  return Backend.fromServiceName(svc.name, port, options);
}
