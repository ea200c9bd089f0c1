import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { extractFeatures } from './annotations/extract';
import { rejectionReason } from './annotations/risk';
import { fallbackNotice } from './annotations/table';
import { unknownAnnotationNotice } from './annotations/unknown';
import { IngressNginxControllerConfig, effectiveControllerConfig } from './controller-config';
import { applyDefaultBehaviors, applyIngressBehaviors } from './emit/behaviors';
import { GatewaySet, emitGateways } from './emit/gateways';
import { emitHostRoutes } from './emit/routes';
import { IngressFeatures } from './features';
import { NGINX_PREFIX } from './model';
import { NoticeLog } from './notice-log';
import { CompatNotice, NoticeStatus } from './notices';
import { pathTypeRejection } from './parse/path-type';
import { readCompatManifests } from './parse/read-manifests';
import { selectIngresses } from './parse/select';
import { defaultBehaviors } from './plan/defaults';
import { HostPlan, PlannedIngress, planHosts } from './plan/hosts';
import { RegexDialect } from './plan/paths';
import { IngressCompatIngress, ingressObject } from './spec-props';
import { MigrationSides, verifyMigration } from './verify/verify-migration';
import { VerifyReport } from './verify/verify-types';
import { GatewayApiChannel, ReleaseChannel } from '../core/channel';
import { IGateway } from '../gateway/gateway';
import { IListenerSet } from '../gateway/listener-set';
import { ImplementationProfile } from '../profiles/profile';
import { ProfileName } from '../profiles/verdicts';
import { PathRegexDialect } from '../simulate/path-regex-dialect';
import { GatewayApiValidation } from '../validation/synth-validation';
import { GatewayApiVersion } from '../validation/validation-types';

/** Options shared by every way of building an `IngressCompat`. */
export interface IngressCompatOptions {
  /**
   * The implementation to reproduce ingress-nginx's behaviours on.
   * @default ImplementationProfile.standard() - standard Gateway API only; the rest is reported
   */
  readonly profile?: ImplementationProfile;
  /**
   * Ingress classes to take (by `spec.ingressClassName` or the `kubernetes.io/ingress.class`
   * annotation).
   * @default - as ingress-nginx: class `nginx`, classes whose IngressClass names the
   * controller `k8s.io/ingress-nginx`, and Ingresses without class when such an IngressClass
   * is the default or `watchIngressWithoutClass` is set
   */
  readonly ingressClasses?: string[];
  /**
   * Take Ingresses without a class (ingress-nginx's `--watch-ingress-without-class`).
   * @default false
   */
  readonly watchIngressWithoutClass?: boolean;
  /**
   * GatewayClass name of the Gateways created for each ingress class.
   * @default - the ingress class name
   */
  readonly gatewayClassNames?: { [ingressClass: string]: string };
  /**
   * The ingress-nginx controller ConfigMap's settings (or its raw `data`), which change the
   * defaults the translation starts from exactly as they do in ingress-nginx.
   * @default - ingress-nginx's defaults
   */
  readonly controllerConfig?: IngressNginxControllerConfig;
  /**
   * An existing Gateway to attach every route to, instead of creating one Gateway per ingress
   * class and namespace. Its listeners are used by name (`httpListenerName`,
   * `httpsListenerName`).
   * @default - Gateways are created
   */
  readonly gateway?: IGateway;
  /**
   * An existing ListenerSet to attach every route to (instead of `gateway`).
   * @default - Gateways are created
   */
  readonly listenerSet?: IListenerSet;
  /**
   * Listener of `gateway` or `listenerSet` for plain HTTP (and the HTTP → HTTPS redirect).
   * @default "http"
   */
  readonly httpListenerName?: string;
  /**
   * Listener of `gateway` or `listenerSet` for HTTPS (it must hold certificates for the TLS
   * hosts, e.g. a wildcard).
   * @default "https"
   */
  readonly httpsListenerName?: string;
  /**
   * The Gateway API release the output targets. v1.5.1 and v1.6.1 have the same fields for
   * everything IngressCompat emits; the release is also the one the app's synth validation
   * checks against (set on the app when it has none; a different one there is a synth error).
   * @default - the release the app's synth validation targets (`GatewayApiValidation`), else v1.6.1
   */
  readonly gatewayApiVersion?: GatewayApiVersion;
  /**
   * The Gateway API release channel the output targets (set on this construct with
   * `GatewayApiChannel`). On the Experimental channel the standard profile reproduces retries
   * (`proxy-next-upstream*`) with HTTPRoute `rules[].retry` and cookie affinity
   * (`affinity: cookie`) with `rules[].sessionPersistence`.
   * @default - the channel in effect for the scope (`GatewayApiChannel.of`), Standard unless chosen
   */
  readonly channel?: ReleaseChannel;
  /**
   * Fail synth when a notice is not `translated`.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * Print the notices that are not `translated` with `console.warn` at synth.
   * @default true
   */
  readonly printNotices?: boolean;
}

/** Properties of `IngressCompat.fromManifests`. */
export interface IngressCompatManifestsProps extends IngressCompatOptions {
  /**
   * Manifests as YAML or JSON text (`kubectl get ingress -A -o yaml`, several documents, `List`
   * kinds): Ingresses, IngressClasses and Services.
   * @default - none; give `manifests` or `objects`
   */
  readonly manifests?: string;
  /**
   * Manifests as objects.
   * @default - none
   */
  readonly objects?: any[];
  /**
   * Name of the input in messages (`ingresses.yaml`).
   * @default "manifests"
   */
  readonly sourceName?: string;
}

/** Properties of `IngressCompat.fromIngress`. */
export interface IngressCompatFromIngressProps extends IngressCompatOptions {
  /**
   * Remove the original Ingress from the app, so that synth emits only the Gateway API objects.
   * @default false
   */
  readonly removeOriginal?: boolean;
}

/** Properties of `IngressCompat.fromSpec`. */
export interface IngressCompatFromSpecProps extends IngressCompatOptions {
  /** The Ingresses. */
  readonly ingresses: IngressCompatIngress[];
}

/**
 * ingress-nginx Ingresses in, Gateway API that behaves the same out: Gateways with a listener
 * per TLS host, one HTTPRoute per Ingress and host, the HTTP → HTTPS redirect, HSTS, rewrites,
 * redirects, canaries and CORS in standard Gateway API, and what standard Gateway API cannot
 * say through the implementation profile. Every `nginx.ingress.kubernetes.io/*` annotation of
 * every Ingress ends in exactly one notice (`notices`): translated, approximate (how it
 * differs), unsupported (why, and what to do) or invalid (bad value; ingress-nginx's fallback
 * applied). See docs/ingress-nginx.md and docs/ingress-nginx-annotations.md.
 */
export class IngressCompat extends Construct {
  /** Translates Ingress manifests (YAML/JSON text or objects). */
  public static fromManifests(scope: Construct, id: string, props: IngressCompatManifestsProps): IngressCompat {
    return new IngressCompat(scope, id, props);
  }

  /**
   * Migrates an Ingress already in the app in place: a cdk8s-plus `Ingress` (any line 28-33) or
   * any `ApiObject` of kind Ingress. Services of the app are read too (named ports). Call it
   * after the Ingress is fully configured: its manifest is read now.
   */
  public static fromIngress(scope: Construct, id: string, ingress: IConstruct, props: IngressCompatFromIngressProps = {}): IngressCompat {
    const api = ApiObject.isApiObject(ingress) ? ingress : ApiObject.of(ingress);
    if (api.kind !== 'Ingress') {
      throw new Error(`IngressCompat.fromIngress: ${ingress.node.path} is a ${api.kind}, not an Ingress`);
    }
    const services = scope.node.root.node.findAll()
      .filter((c): c is ApiObject => ApiObject.isApiObject(c) && c.kind === 'Service' && c.apiVersion === 'v1')
      .map(c => c.toJson());
    const objects = [api.toJson(), ...services];
    if (props.removeOriginal) ingress.node.scope?.node.tryRemoveChild(ingress.node.id);
    return new IngressCompat(scope, id, { ...props, objects, sourceName: ingress.node.path });
  }

  /** Migrates Ingresses given as typed props (new code). */
  public static fromSpec(scope: Construct, id: string, props: IngressCompatFromSpecProps): IngressCompat {
    return new IngressCompat(scope, id, { ...props, objects: props.ingresses.map(ingressObject), sourceName: 'ingresses' });
  }

  /** Every notice, sorted by Ingress, annotation and message. */
  public readonly notices: CompatNotice[];
  /** The Gateway API release the output targets. */
  public readonly gatewayApiVersion: GatewayApiVersion;
  /** The Gateway API release channel the output targets. */
  public readonly channel: ReleaseChannel;
  private readonly verifySides: Omit<MigrationSides, 'output' | 'notices'>;

  private constructor(scope: Construct, id: string, props: IngressCompatManifestsProps) {
    super(scope, id);
    const log = new NoticeLog();
    const profile = props.profile ?? ImplementationProfile.standard();
    if (props.channel === ReleaseChannel.EXPERIMENTAL) GatewayApiChannel.useExperimental(this);
    else if (props.channel === ReleaseChannel.STANDARD) GatewayApiChannel.useStandard(this);
    else if (props.channel !== undefined) throw new Error(`IngressCompat ${this.node.path}: channel "${props.channel}" is not standard or experimental`);
    this.gatewayApiVersion = targetVersion(this, props.gatewayApiVersion);
    this.channel = GatewayApiChannel.of(this);
    const experimentalRules = this.channel === ReleaseChannel.EXPERIMENTAL && profile.name === ProfileName.STANDARD;
    const read = readCompatManifests({ text: props.manifests, objects: props.objects, sourceName: props.sourceName ?? 'manifests' });
    read.notices.forEach(n => log.append(n));
    const configNotices: CompatNotice[] = [];
    const config = effectiveControllerConfig(props.controllerConfig, configNotices);
    configNotices.forEach(n => log.append(n));
    const selection = selectIngresses(read.parsed, { ingressClasses: props.ingressClasses, watchWithoutClass: props.watchIngressWithoutClass });
    selection.notices.forEach(n => log.append(n));
    // The annotations of an Ingress that is not taken are accounted for too.
    const taken = new Set(selection.selected.map(i => i.id));
    for (const ingress of read.parsed.ingresses) {
      if (taken.has(ingress.id)) continue;
      for (const key of ingress.nginx.keys()) {
        log.set({
          ingress: ingress.id,
          annotation: `${NGINX_PREFIX}${key}`,
          status: NoticeStatus.UNSUPPORTED,
          message: 'not translated: the Ingress is not taken (its class is not one of the ingress classes taken; see the Ingress\'s notice)',
        });
      }
    }

    const planned: PlannedIngress[] = [];
    for (const ingress of selection.selected) {
      const ingressClass = selection.classOf.get(ingress.id) ?? 'nginx';
      const rejected = rejectionReason(ingress.nginx, config) ?? pathTypeRejection(ingress, config);
      const features: IngressFeatures = rejected !== undefined
        ? { ...extractFeatures(ingress, config, new NoticeLog()), rejected }
        : extractFeatures(ingress, config, log);
      if (features.rejected !== undefined) {
        for (const key of ingress.nginx.keys()) {
          log.set({ ingress: ingress.id, annotation: `${NGINX_PREFIX}${key}`, status: NoticeStatus.UNSUPPORTED, message: features.rejected });
        }
        log.append({ ingress: ingress.id, status: NoticeStatus.UNSUPPORTED, message: `not translated: ${features.rejected}` });
      }
      planned.push({ ingress, features, ingressClass });
    }

    const hosts = planHosts(planned, log);
    const featuresOf = new Map(planned.map(p => [p.ingress, p.features]));
    const dialect = profile.name === ProfileName.NGINX_GATEWAY_FABRIC ? RegexDialect.NGINX_PREFIX_MATCH : RegexDialect.RE2_FULL_MATCH;
    const gatewaySets = new Map<string, GatewaySet>();
    const byClass = new Map<string, HostPlan[]>();
    for (const h of hosts) {
      const list = byClass.get(h.ingressClass);
      if (list === undefined) byClass.set(h.ingressClass, [h]);
      else list.push(h);
    }
    const classNames = new Map(Object.entries(props.gatewayClassNames ?? {}));
    const attached = props.gateway ?? props.listenerSet;
    const attachedSet = attached === undefined ? undefined : attachTo(attached, hosts, props);
    if (attached !== undefined) applyDefaultBehaviors(this, profile, 'gateway', attached, defaultBehaviors(config), log, experimentalRules);
    const gatewaysFor = (ingressClass: string) => (namespace: string): GatewaySet => {
      if (attachedSet !== undefined) return attachedSet;
      const key = `${ingressClass}\u0000${namespace}`;
      let set = gatewaySets.get(key);
      if (set === undefined) {
        // Every route of a host attaches to the Gateway of its first Ingress's namespace.
        const nsHosts = (byClass.get(ingressClass) ?? []).filter(h => h.first.namespace === namespace);
        set = emitGateways(this, ingressClass, namespace, nsHosts, { gatewayClassNames: classNames, config });
        gatewaySets.set(key, set);
        for (const gateway of set.gateways) {
          applyDefaultBehaviors(gateway, profile, `gateway/${namespace}/${gateway.name}`, gateway, defaultBehaviors(config), log, experimentalRules);
        }
      }
      return set;
    };

    const ctx = { scope: this, profile, dialect, log, services: read.parsed.services, regexMode: false, experimentalRules };
    for (const host of hosts) {
      for (const { ingress, route } of emitHostRoutes(ctx, config, host, gatewaysFor(host.ingressClass))) {
        const features = featuresOf.get(ingress)!;
        applyIngressBehaviors(route, profile, ingress, features, route, log, experimentalRules);
      }
    }

    // Every annotation key ends in exactly one notice.
    for (const { ingress } of planned) {
      for (const key of ingress.nginx.keys()) {
        if (log.has(ingress.id, `${NGINX_PREFIX}${key}`)) continue;
        log.set(fallbackNotice(ingress.id, key, profile.name, ingress.nginx.get(key), this.channel) ?? unknownAnnotationNotice(ingress.id, key));
      }
    }
    this.notices = log.all();
    this.verifySides = {
      text: props.manifests,
      objects: props.objects,
      // ssl-passthrough is translated as the controller ran it with --enable-ssl-passthrough
      // (without the flag the annotation does nothing), so the model runs with the flag too.
      options: {
        ingressClasses: props.ingressClasses,
        watchIngressWithoutClass: props.watchIngressWithoutClass,
        controllerConfig: props.controllerConfig,
        enableSslPassthrough: true,
      },
      pathRegexDialect: dialect === RegexDialect.NGINX_PREFIX_MATCH ? PathRegexDialect.NGINX : PathRegexDialect.RE2_FULL_MATCH,
    };

    const nonTranslated = () => this.notices.filter(n => n.status !== NoticeStatus.TRANSLATED);
    let printed = false;
    this.node.addValidation({
      validate: () => {
        const lines = nonTranslated().map(n => `${n.ingress}${n.annotation ? ` ${n.annotation}` : ''}: ${n.status}: ${n.message}`);
        if (props.strict) return lines.map(l => `strict: ${l}`);
        if ((props.printNotices ?? true) && !printed && lines.length > 0) {
          printed = true;
          console.warn(`IngressCompat ${this.node.path}: ${lines.length} notice(s) not translated:\n  ${lines.join('\n  ')}`);
        }
        return [];
      },
    });
  }

  /**
   * Checks that the output routes requests as ingress-nginx routed the input: asks a model of
   * ingress-nginx (`IngressNginxModel`) and the Gateway API routing model (`RoutingModel`, on
   * every object of the app) the same probe requests, generated from the Ingresses (each path
   * and its boundaries, http and https, canary headers and cookies, aliases, CORS, an unknown
   * host and path), and reports each request whose outcome differs: expected when a notice or a
   * known divergence explains it, unexpected otherwise (a translation bug). Call it after the
   * app is fully built; it renders the objects as synth does.
   *
   * @example
   * import { App, Chart } from 'cdk8s';
   * import { IngressCompat } from 'cdk8s-gateway-api';
   * declare const ingressYaml: string;
   *
   * const app = new App();
   * const compat = IngressCompat.fromManifests(new Chart(app, 'migrated'), 'Ingresses', { manifests: ingressYaml });
   * const report = compat.verify();
   * // report.unexpected: requests routed differently, with no notice explaining it
   * const unexpected = report.unexpected;
   */
  public verify(): VerifyReport {
    const output = this.node.root.node.findAll()
      .filter((c): c is ApiObject => ApiObject.isApiObject(c))
      .map(o => o.toJson());
    return verifyMigration({ ...this.verifySides, output, notices: this.notices });
  }
}

/**
 * The release the output targets: the one given (also set on the app's synth validation when it
 * has none, and a synth error when it has another), else the validation's, else v1.6.1.
 */
function targetVersion(compat: IngressCompat, given: GatewayApiVersion | undefined): GatewayApiVersion {
  const validation = GatewayApiValidation.of(compat);
  const configured = validation.options.gatewayApiVersion;
  if (given === undefined) return configured ?? GatewayApiVersion.V1_6_1;
  if (!Object.values(GatewayApiVersion).includes(given)) {
    throw new Error(`IngressCompat ${compat.node.path}: gatewayApiVersion "${given}" is not one of ${Object.values(GatewayApiVersion).join(', ')}`);
  }
  if (configured === undefined) {
    GatewayApiValidation.configure(compat, { gatewayApiVersion: given });
  } else if (configured !== given) {
    compat.node.addValidation({
      validate: () => validation.options.gatewayApiVersion === given ? [] : [
        `IngressCompat ${compat.node.path} targets Gateway API ${given}, but the app's synth validation targets ${validation.options.gatewayApiVersion}; give both the same release (GatewayApiValidation.configure(app, { gatewayApiVersion }))`,
      ],
    });
  }
  return given;
}

/** The listeners of an existing Gateway or ListenerSet, by name. */
function attachTo(parent: IGateway | IListenerSet, hosts: HostPlan[], props: IngressCompatOptions): GatewaySet {
  const httpsName = props.httpsListenerName ?? 'https';
  const https = new Map(hosts.filter(h => h.tls !== undefined && h.host !== undefined).map(h => [h.host!, parent.listener(httpsName)]));
  // ssl-passthrough and client-certificate settings need listeners IngressCompat creates; on an
  // existing parent they are reported by the emit step (no passthrough listener is known).
  const http = parent.listener(props.httpListenerName ?? 'http');
  return { http, httpFor: () => http, https, passthrough: new Map(), gatewayOf: new Map(), frontendValidation: new Map(), gateways: [] };
}
