/*
 * IngressNginxModel: what ingress-nginx does with a request, given Ingresses, IngressClasses,
 * Services and the controller ConfigMap. Independent of IngressCompat's plan and emit steps (it
 * shares only the parse step and the annotation parsers), so that comparing it with the
 * Gateway API routing model finds translation bugs.
 */
import { SimOutcome, SimRequest } from '../../simulate/types';
import { extractFeatures } from '../annotations/extract';
import { rejectionReason } from '../annotations/risk';
import { effectiveControllerConfig, IngressNginxControllerConfig } from '../controller-config';
import { IngressModel, ParsedInput } from '../model';
import { NoticeLog } from '../notice-log';
import { CompatNotice, NoticeStatus } from '../notices';
import { AcceptedIngress, buildConfig, defaultBackendUpstream, NginxConfig } from './config';
import { routePassthrough } from './passthrough';
import { readRequest } from './request';
import { routeRequest } from './route';
import { pathTypeRejection } from '../parse/path-type';
import { readCompatManifests } from '../parse/read-manifests';
import { selectIngresses } from '../parse/select';

/** Options of `IngressNginxModel`: the same Ingress selection and controller settings as IngressCompat. */
export interface IngressNginxModelOptions {
  /**
   * The ingress classes served.
   * @default - `nginx` and every IngressClass of the input whose controller is `k8s.io/ingress-nginx`
   */
  readonly ingressClasses?: string[];
  /**
   * Serve Ingresses without class when no IngressClass is marked default (`--watch-ingress-without-class`).
   * @default true
   */
  readonly watchIngressWithoutClass?: boolean;
  /**
   * The controller ConfigMap settings.
   * @default - ingress-nginx's defaults
   */
  readonly controllerConfig?: IngressNginxControllerConfig;
  /**
   * The controller's `--default-backend-service` (`namespace/name`): it answers requests no
   * Ingress path takes (its first port when the Service is in the input).
   * @default - the built-in default backend, which answers 404
   */
  readonly defaultBackendService?: string;
  /**
   * The controller's `--enable-ssl-passthrough` flag: HTTPS connections whose SNI names a host
   * with `ssl-passthrough` go to the upstream of its `/` path without TLS termination. Without it,
   * the annotation has no effect.
   * @default false - as the controller
   */
  readonly enableSslPassthrough?: boolean;
}

/**
 * What ingress-nginx does with a request: server, location, annotations, canary and backends,
 * following ingress-nginx's sources (`internal/ingress/controller/controller.go`,
 * `template/template.go`, `rootfs/etc/nginx/template/nginx.tmpl`,
 * `rootfs/etc/nginx/lua/{lua_ingress,balancer}.lua`). Every selected Ingress is served by one
 * controller. Backends are assumed to have ready endpoints.
 */
export class IngressNginxModel {
  /** A model of Ingress, IngressClass and Service objects (other kinds are ignored). */
  public static fromObjects(objects: any[], options: IngressNginxModelOptions = {}): IngressNginxModel {
    return new IngressNginxModel(readCompatManifests({ objects }), options);
  }

  /**
   * A model of YAML (or JSON) manifests, as `kubectl apply -f` reads them.
   * @throws Error when the text cannot be read
   */
  public static fromYaml(text: string, options: IngressNginxModelOptions = {}): IngressNginxModel {
    return new IngressNginxModel(readCompatManifests({ text }), options);
  }

  /** Notices of the input: objects not read, Ingresses not served, invalid annotation values, sorted. */
  public readonly notices: CompatNotice[];
  private readonly config: NginxConfig;
  /**
   * The Ingresses of the classes served, in ingress-nginx's order, and whether each is served
   * (not rejected): what `IngressCompat.verify()` generates its probes from.
   * @internal
   */
  public readonly _selection: { readonly ingresses: IngressModel[]; readonly served: ReadonlySet<IngressModel> };
  private readonly sslPassthrough: boolean;

  private constructor(read: { parsed: ParsedInput; notices: CompatNotice[] }, options: IngressNginxModelOptions) {
    const log = new NoticeLog();
    read.notices.forEach(n => log.append(n));
    const configNotices: CompatNotice[] = [];
    const controller = effectiveControllerConfig(options.controllerConfig, configNotices);
    configNotices.forEach(n => log.append(n));
    const selection = selectIngresses(read.parsed, { ingressClasses: options.ingressClasses, watchWithoutClass: options.watchIngressWithoutClass });
    selection.notices.forEach(n => log.append(n));
    const accepted: AcceptedIngress[] = [];
    for (const ingress of selection.selected) {
      // controller.go CheckIngress / annotations.go Extract: snippets while snippets are off, a
      // risk above annotations-risk-level, an Exact/Prefix path with regex characters
      // (strict-validate-path-type), or a value that drops the Ingress: not served.
      const rejected = rejectionReason(ingress.nginx, controller) ?? pathTypeRejection(ingress, controller);
      const features = extractFeatures(ingress, controller, rejected === undefined ? log : new NoticeLog());
      const reason = rejected ?? features.rejected;
      if (reason !== undefined) {
        log.append({ ingress: ingress.id, status: NoticeStatus.UNSUPPORTED, message: `not served: ${reason}` });
        continue;
      }
      accepted.push({ ingress, features });
    }
    this._selection = { ingresses: selection.selected, served: new Set(accepted.map(a => a.ingress)) };
    const services = read.parsed.services;
    const defaultBackend = options.defaultBackendService === undefined ? undefined : defaultBackendUpstream(options.defaultBackendService, services);
    this.config = buildConfig(accepted, services, controller, defaultBackend);
    this.notices = log.all();
    this.sslPassthrough = options.enableSslPassthrough ?? false;
  }

  /**
   * What ingress-nginx does with the request. `tls://`, `tcp://` and `udp://` requests get status
   * 0 (not served by Ingresses) with a `notModeled` sentence.
   * @throws Error when the request URL cannot be read
   */
  public route(request: SimRequest): SimOutcome {
    const req = readRequest(request);
    if (this.sslPassthrough && req.scheme === 'https') {
      const passed = routePassthrough(this.config, request.sni ?? req.host);
      if (passed !== undefined) return passed;
    }
    return routeRequest(this.config, req, this.sslPassthrough);
  }
}
