import { App } from 'cdk8s';
import { gatewayListeners, ModelContext, NamespaceLabels } from './attachment';
import { explainLines } from './explain';
import { routeHttp, routeL4 } from './http-routing';
import { chooseListener } from './listeners';
import { id, K8sObject, keepObjects, loadObjects, ObjectSet } from './objects';
import { finish, newDraft, notModeled } from './outcome';
import { PathRegexDialect } from './path-regex-dialect';
import { notePolicies } from './policies';
import { referenceAllowed } from './reference-grants';
import { parseRequest } from './request';
import { SimOutcome, SimRequest } from './types';

/** A label of a namespace. */
export interface SimLabel {
  /** Label key. */
  readonly key: string;
  /** Label value. */
  readonly value: string;
}

/** A namespace and its labels, for `allowedRoutes` / `allowedListeners` selectors. */
export interface SimNamespace {
  /** Name of the namespace. */
  readonly name: string;
  /** Its labels. */
  readonly labels: SimLabel[];
}

/** Options of a `RoutingModel`. */
export interface RoutingModelOptions {
  /**
   * Route through this Gateway only (`namespace/name`).
   * @default - every Gateway in the objects, as if they shared one address
   */
  readonly gateway?: string;
  /**
   * Labels of namespaces, for `Selector` namespace policies (they take precedence over
   * Namespace objects in the input, which are read too). A namespace whose labels are unknown is
   * not selected.
   * @default - only Namespace objects in the input
   */
  readonly namespaces?: SimNamespace[];
  /**
   * How RegularExpression paths match.
   * @default PathRegexDialect.RE2_FULL_MATCH
   */
  readonly pathRegexDialect?: PathRegexDialect;
}

/** A reference source or target, in ReferenceGrant terms. */
export interface SimObjectRef {
  /** API group (`""` for the core group). */
  readonly group: string;
  /** Kind. */
  readonly kind: string;
  /** Namespace. */
  readonly namespace: string;
  /**
   * Name (of a target).
   * @default - any name
   */
  readonly name?: string;
}

/** A listener of a Gateway after ListenerSets are merged in. */
export interface SimListener {
  /** The object that declares it: `Gateway ns/name` or `ListenerSet ns/name`. */
  readonly parent: string;
  /** Listener name. */
  readonly name: string;
  /** Port. */
  readonly port: number;
  /** Protocol (`HTTP`, `HTTPS`, `TLS`, `TCP`, `UDP`). */
  readonly protocol: string;
  /**
   * Hostname.
   * @default - any hostname
   */
  readonly hostname?: string;
}

/**
 * A model of Gateway API v1.6 request routing: given the objects an app synthesizes (or a
 * manifest), it answers "where does this request go, and how?" as the spec says, offline.
 *
 * - listener: port and protocol, then hostname (exact > most specific wildcard > none); ListenerSet
 *   listeners are merged after the Gateway's own (GEP-1713); for HTTPS the Host must select the
 *   SNI's listener, else 421 (Listener `hostname` field doc);
 * - attachment: parentRefs (Gateway or ListenerSet, sectionName, port), `allowedRoutes` namespaces
 *   and kinds, hostname intersection;
 * - precedence: HTTPRoute (hostname, Exact path, longest PathPrefix, method, headers, query
 *   params, oldest route, `{namespace}/{name}`, rule order) and GRPCRoute (hostname, service,
 *   method, headers, same ties); TLSRoute by SNI; TCPRoute/UDPRoute by port;
 * - filters in order: RequestHeaderModifier, ResponseHeaderModifier, RequestRedirect, URLRewrite,
 *   RequestMirror, CORS (preflight answered with 204), Envoy Gateway HTTPRouteFilter (cookie
 *   matches, regex path rewrite, Host rewrite, direct response); other ExtensionRefs, ExternalAuth,
 *   timeouts, retries and session persistence are listed in `notModeled`;
 * - ReferenceGrants for cross-namespace backends, mirrors and certificates; BackendTLSPolicy.
 *
 * Assumed: every object is accepted (no schema or existence checks); listener conflicts go to
 * the first listener in merged order; RegularExpression paths are read as RE2 (leading flags,
 * named groups) in JavaScript, match per `pathRegexDialect` and rank as Envoy Gateway ranks them
 * (below Exact, above PathPrefix, longer first); gRPC calls are requests with `content-type: application/grpc` and a
 * `/service/method` path; L4 statuses are nominal (200 connected, 404 refused). Gateway API
 * matches cannot read cookies: the request's `cookies` are sent as a `cookie` header, which
 * header matches (and Envoy Gateway cookie matches) read.
 *
 * Outcome conventions: `requestHeaders` and `responseHeaders` list the headers the proxy touched
 * with their resulting value, a removed header with the empty value `""` (as nginx's
 * `proxy_set_header X ""` removes it); `upstreamHost` has no port; `mirrors` carry the mirrored
 * fraction as `weight`; backends with weight 0 or an invalid reference are left out of `backends`.
 */
export class RoutingModel {
  /** A model of the given objects (Lists are not expanded; values without `kind` and `metadata.name` are ignored). */
  public static fromObjects(objects: any[], options?: RoutingModelOptions): RoutingModel {
    return new RoutingModel(keepObjects(objects), options ?? {});
  }

  /** A model of the objects of a multi-document YAML text or JSON stream (Lists expanded); throws on a syntax error. */
  public static fromYaml(text: string, options?: RoutingModelOptions): RoutingModel {
    return new RoutingModel(loadObjects(text, 'RoutingModel.fromYaml'), options ?? {});
  }

  /** A model of every chart of a cdk8s app (`chart.toJson()`). */
  public static fromApp(app: App, options?: RoutingModelOptions): RoutingModel {
    return RoutingModel.fromObjects(app.charts.flatMap(c => c.toJson()), options);
  }

  /**
   * The readable lines of an outcome's decision path, for a CLI: one line per step
   * (`listener`, `route`, `rule`, `filter`, `backend`), then the result and what was not modeled.
   * Works for the outcomes of both routing models.
   */
  public static explainLines(outcome: SimOutcome): string[] {
    return explainLines(outcome);
  }

  /** The objects the model reads. */
  public readonly objects: any[];
  private readonly ctx: ModelContext;

  private constructor(objects: K8sObject[], options: RoutingModelOptions) {
    this.objects = objects;
    const labels: NamespaceLabels = new Map();
    for (const n of objects.filter(o => o.kind === 'Namespace')) labels.set(n.metadata.name, n.metadata.labels ?? {});
    for (const n of options.namespaces ?? []) labels.set(n.name, Object.fromEntries(n.labels.map(l => [l.key, l.value])));
    this.ctx = { objects: new ObjectSet(objects), labels, gateway: options.gateway, pathRegexDialect: options.pathRegexDialect };
  }

  /**
   * Routes a request: the listener, route, rule, filters and backends, with the status the
   * client sees (see `SimOutcome`). Throws when the URL cannot be read.
   */
  public route(request: SimRequest): SimOutcome {
    const req = parseRequest(request);
    const d = newDraft();
    const listener = chooseListener(this.ctx, req, d);
    if (listener) {
      if (listener.spec.protocol === 'HTTP' || listener.spec.protocol === 'HTTPS') routeHttp(this.ctx, req, listener, d);
      else routeL4(this.ctx, req, listener, d);
    }
    notePolicies(this.ctx.objects, d);
    if (req.grpc && d.status === 404 && d.source === undefined && listener) {
      notModeled(d, 'gRPC status Unimplemented is shown as 404');
    }
    return finish(d);
  }

  /** `explainLines(route(request))`. */
  public explain(request: SimRequest): string[] {
    return explainLines(this.route(request));
  }

  /**
   * The listeners of a Gateway after merging the ListenerSets it admits, in merged order
   * (GEP-1713); empty when there is no such Gateway.
   */
  public listenersOf(namespace: string, name: string): SimListener[] {
    const gateway = this.ctx.objects.find('Gateway', namespace, name);
    if (!gateway) return [];
    return gatewayListeners(this.ctx.objects, gateway, this.ctx.labels).map(l => ({
      parent: `${l.parent.kind} ${id(l.parent)}`,
      name: l.spec.name,
      port: l.spec.port,
      protocol: l.spec.protocol,
      ...(l.spec.hostname ? { hostname: l.spec.hostname } : {}),
    }));
  }

  /**
   * Whether a reference from `source` to `target` is allowed: same namespace, or a ReferenceGrant
   * in the target's namespace covers it (GEP-709).
   */
  public referenceAllowed(source: SimObjectRef, target: SimObjectRef): boolean {
    return referenceAllowed(this.ctx.objects, source, target);
  }
}
