import { App, Chart } from 'cdk8s';
import { LocatedObject } from './migrate-inputs';
import { IngressCompat } from '../compat/ingress-compat';
import { CompatNotice } from '../compat/notices';
import { GatewayApiChannel, ReleaseChannel } from '../core/channel';
import { Gateway, IGateway } from '../gateway/gateway';
import { IListenerSet, ListenerSet } from '../gateway/listener-set';
import { ImplementationProfile } from '../profiles/profile';
import { ProfileName } from '../profiles/verdicts';
import { GatewayApiValidation } from '../validation/synth-validation';
import { GatewayApiVersion } from '../validation/validation-types';

/*
 * The conversion behind `migrate` and `audit`: exactly what a cdk8s app does with
 * `IngressCompat.fromManifests` (an `App`, a chart `migrated`, the construct `Ingresses`,
 * `GatewayApiValidation` on), so that the same input gives the same bytes through the construct
 * and through the command. The objects are given to the construct as `objects`; the positions
 * it reports (`objects[3]`) are turned back into `file:line`.
 */

/** Id of the chart: also the file name `cdk8s synth` writes (`migrated.k8s.yaml`). */
export const CHART_ID = 'migrated';
/** Id of the IngressCompat construct in the chart. */
export const COMPAT_ID = 'Ingresses';

/** `NS/NAME` of an existing parent (a Gateway or a ListenerSet). */
export interface ParentRef {
  readonly namespace?: string;
  readonly name: string;
}

/** How to convert. */
export interface ConvertOptions {
  readonly profile: ProfileName;
  /** Ingress classes to take (`--ingress-class`); none: IngressCompat's default. */
  readonly ingressClasses: readonly string[];
  /** GatewayClass for every ingress class (`--gateway-class`). */
  readonly gatewayClass?: string;
  /** GatewayClass by ingress class (`--gateway-class-map`); wins over `gatewayClass`. */
  readonly gatewayClassMap: ReadonlyMap<string, string>;
  /** Attach to an existing Gateway (`--gateway`). */
  readonly gateway?: ParentRef;
  /** Attach to an existing ListenerSet (`--listener-set`). */
  readonly listenerSet?: ParentRef;
  /** Listener of the existing parent for HTTP. */
  readonly httpListenerName?: string;
  /** Listener of the existing parent for HTTPS. */
  readonly httpsListenerName?: string;
  /** The controller ConfigMap's `data` (`--nginx-config`). */
  readonly controllerConfigData?: { [key: string]: string };
  readonly gatewayApiVersion: GatewayApiVersion;
  readonly channel: ReleaseChannel;
}

/** The app built, and the notices with input positions. */
export interface Conversion {
  readonly app: App;
  readonly chart: Chart;
  /** The IngressCompat construct (for `verify()`). */
  readonly compat: IngressCompat;
  /** Every notice, in IngressCompat's order, `objects[i]` replaced by `file:line`. */
  readonly notices: CompatNotice[];
}

/** The ingress class names the inputs mention (Ingress classes and annotations, IngressClasses). */
function mentionedClasses(objects: readonly LocatedObject[]): string[] {
  const names = new Set<string>(['nginx']);
  for (const { object } of objects) {
    const o = object as any;
    if (o === null || typeof o !== 'object') continue;
    const fromSpec = o.spec?.ingressClassName;
    const fromAnnotation = o.metadata?.annotations?.['kubernetes.io/ingress.class'];
    const fromClass = o.kind === 'IngressClass' ? o.metadata?.name : undefined;
    for (const n of [fromSpec, fromAnnotation, fromClass]) if (typeof n === 'string' && n !== '') names.add(n);
  }
  return [...names].sort();
}

/** GatewayClass name by ingress class, for IngressCompat's `gatewayClassNames`. */
function gatewayClassNames(objects: readonly LocatedObject[], options: ConvertOptions): { [ingressClass: string]: string } | undefined {
  const out: { [ingressClass: string]: string } = {};
  if (options.gatewayClass !== undefined) {
    for (const c of [...mentionedClasses(objects), ...options.ingressClasses]) out[c] = options.gatewayClass;
  }
  for (const [k, v] of options.gatewayClassMap) out[k] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Replaces `objects[i]` (IngressCompat's name for the i-th object given) by `file:line`. */
function locate(objects: readonly LocatedObject[]): (text: string) => string {
  const cache = new Map<number, string>();
  return text => text.replace(/\bobjects\[(\d+)\]/g, (whole, index: string) => {
    const i = Number(index);
    const o = objects[i];
    if (o === undefined) return whole;
    let at = cache.get(i);
    if (at === undefined) {
      at = `${o.file}:${o.line()}`;
      cache.set(i, at);
    }
    return at;
  });
}

/**
 * Builds the app: a chart with one IngressCompat over the objects. Nothing is synthesized yet.
 *
 * @throws Error from a construct (a bad `--gateway` name, an internal error)
 */
export function convert(objects: readonly LocatedObject[], options: ConvertOptions): Conversion {
  const app = new App();
  const chart = new Chart(app, CHART_ID);
  GatewayApiValidation.configure(app, { gatewayApiVersion: options.gatewayApiVersion, printWarnings: false });
  if (options.channel === ReleaseChannel.EXPERIMENTAL) GatewayApiChannel.useExperimental(chart);
  let gateway: IGateway | undefined;
  let listenerSet: IListenerSet | undefined;
  if (options.gateway) gateway = Gateway.fromGatewayName(chart, 'AttachGateway', options.gateway.name, { namespace: options.gateway.namespace });
  if (options.listenerSet) {
    listenerSet = ListenerSet.fromListenerSetName(chart, 'AttachListenerSet', options.listenerSet.name, { namespace: options.listenerSet.namespace });
  }
  const compat = IngressCompat.fromManifests(chart, COMPAT_ID, {
    objects: objects.map(o => o.object),
    profile: ImplementationProfile.of(options.profile),
    ...(options.ingressClasses.length > 0 ? { ingressClasses: [...options.ingressClasses] } : {}),
    gatewayClassNames: gatewayClassNames(objects, options),
    ...(options.controllerConfigData ? { controllerConfig: { data: options.controllerConfigData } } : {}),
    gateway,
    listenerSet,
    httpListenerName: options.httpListenerName,
    httpsListenerName: options.httpsListenerName,
    printNotices: false,
    gatewayApiVersion: options.gatewayApiVersion,
    channel: options.channel,
  });
  const at = locate(objects);
  const notices = compat.notices.map(n => ({ ...n, ingress: at(n.ingress), message: at(n.message) }));
  return { app, chart, compat, notices };
}
