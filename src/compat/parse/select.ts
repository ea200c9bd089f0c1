/*
 * Which Ingresses ingress-nginx would serve, and in which order it reads them
 * (`internal/ingress/controller/store/store.go`: `GetIngressClass`, `sortIngressSlice`).
 */
import { IngressModel, ParsedInput } from '../model';
import { CompatNotice, NoticeStatus } from '../notices';

/** ingress-nginx's `--ingress-class` default. */
export const DEFAULT_INGRESS_CLASS = 'nginx';
/** ingress-nginx's `--controller-class` default. */
export const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx';

/** Which ingress classes to take. */
export interface SelectOptions {
  /**
   * The class names to take; replaces the default set.
   * @default - `nginx` (ingress-nginx's `--ingress-class`) and every IngressClass of the input
   * whose controller is `k8s.io/ingress-nginx` (`--controller-class`)
   */
  readonly ingressClasses?: string[];
  /**
   * Take Ingresses without class (ingress-nginx's `--watch-ingress-without-class`), when no
   * IngressClass is marked default (then the API server gives them that class).
   * @default true
   */
  readonly watchWithoutClass?: boolean;
}

/** The Ingresses taken, in ingress-nginx's order. */
export interface Selection {
  /** Oldest first; ties by `namespace/name` descending (see `sortIngresses`). */
  readonly selected: IngressModel[];
  /**
   * The class each selected Ingress is served as, by Ingress id: its own class, the default
   * IngressClass for an Ingress without class, or the first class taken (`nginx`) for one
   * taken through `watchWithoutClass`.
   */
  readonly classOf: ReadonlyMap<string, string>;
  /** One `unsupported` notice per Ingress left out, sorted by Ingress. */
  readonly notices: CompatNotice[];
}

/**
 * Selects the Ingresses ingress-nginx would serve, as `store.go` `GetIngressClass` does with
 * the default flags:
 * - an Ingress with a class (`spec.ingressClassName`, else the `kubernetes.io/ingress.class`
 *   annotation) is taken when the class is `nginx` or names an IngressClass of the input whose
 *   controller is `k8s.io/ingress-nginx` (an IngressClass `nginx` of another controller
 *   removes `nginx` from the set); `options.ingressClasses` replaces that set;
 * - an Ingress without class is given the IngressClass marked default
 *   (`ingressclass.kubernetes.io/is-default-class: "true"`) when there is one, as the API
 *   server's `DefaultIngressClass` admission plugin does at creation, and is taken when that
 *   class is; with no default class it is taken when `watchWithoutClass` is true (the default).
 *
 * Divergence: ingress-nginx accepts the annotation only when it equals `--ingress-class`
 * exactly; here the annotation is taken for any class of the set.
 */
export function selectIngresses(parsed: ParsedInput, options: SelectOptions = {}): Selection {
  const classes = options.ingressClasses ?? defaultClasses(parsed);
  const taken = new Set(classes);
  const watchWithoutClass = options.watchWithoutClass ?? true;
  const defaults = parsed.ingressClasses.filter(c => c.isDefault).map(c => c.name).sort();
  const takenDefault = defaults.find(d => taken.has(d));
  const set = classes.length === 0 ? 'no class' : classes.map(c => JSON.stringify(c)).join(', ');

  const selected: IngressModel[] = [];
  const classOf = new Map<string, string>();
  const notices: CompatNotice[] = [];
  const skip = (ingress: IngressModel, message: string) => notices.push({ ingress: ingress.id, status: NoticeStatus.UNSUPPORTED, message });

  for (const ingress of parsed.ingresses) {
    const cls = ingress.ingressClassName;
    if (cls !== undefined) {
      if (taken.has(cls)) {
        selected.push(ingress);
        classOf.set(ingress.id, cls);
      } else {
        skip(ingress, `skipped: ingress class ${JSON.stringify(cls)} is not served by ingress-nginx here (classes taken: ${set}); add ${JSON.stringify(cls)} to ingressClasses to include it`);
      }
    } else if (defaults.length > 0) {
      if (takenDefault !== undefined) {
        selected.push(ingress);
        classOf.set(ingress.id, takenDefault);
      } else {
        skip(ingress, `skipped: no ingress class, so the API server gives it the default IngressClass ${defaults.map(d => JSON.stringify(d)).join(', ')}, which is not taken (classes taken: ${set}); set spec.ingressClassName or add the class to ingressClasses to include it`);
      }
    } else if (watchWithoutClass) {
      selected.push(ingress);
      classOf.set(ingress.id, classes[0] ?? DEFAULT_INGRESS_CLASS);
    } else {
      skip(ingress, `skipped: no ingress class and watchWithoutClass is false (ingress-nginx's --watch-ingress-without-class); set spec.ingressClassName: ${classes[0] ?? DEFAULT_INGRESS_CLASS} or watchWithoutClass: true to include it`);
    }
  }
  notices.sort((a, b) => a.ingress < b.ingress ? -1 : a.ingress > b.ingress ? 1 : 0);
  return { selected: sortIngresses(selected), classOf, notices };
}

function defaultClasses(parsed: ParsedInput): string[] {
  const ours = parsed.ingressClasses.filter(c => c.controller === INGRESS_NGINX_CONTROLLER).map(c => c.name);
  const nginxElsewhere = parsed.ingressClasses.some(c => c.name === DEFAULT_INGRESS_CLASS && c.controller !== INGRESS_NGINX_CONTROLLER);
  const names = new Set(nginxElsewhere ? ours : [DEFAULT_INGRESS_CLASS, ...ours]);
  return [...names].sort((a, b) => a === DEFAULT_INGRESS_CLASS ? -1 : b === DEFAULT_INGRESS_CLASS ? 1 : a < b ? -1 : a > b ? 1 : 0);
}

/**
 * ingress-nginx's Ingress order (`store.go` `sortIngressSlice`): `creationTimestamp` ascending
 * (an Ingress without one counts as the oldest, Go's zero time), ties broken by
 * `namespace/name` **descending** (`return in > jn`). This diverges from Gateway API, whose
 * conflict resolution breaks ties by `namespace/name` ascending; IngressCompat follows
 * ingress-nginx, so that the Ingress that wins a conflicting path is the one ingress-nginx
 * served. Returns a new array; the order does not depend on the input order.
 */
export function sortIngresses(ingresses: readonly IngressModel[]): IngressModel[] {
  const time = (i: IngressModel) => {
    const t = i.creationTimestamp === undefined ? Number.NaN : Date.parse(i.creationTimestamp);
    return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
  };
  return [...ingresses].sort((a, b) => {
    const ta = time(a);
    const tb = time(b);
    if (ta !== tb) return ta < tb ? -1 : 1;
    return a.id > b.id ? -1 : a.id < b.id ? 1 : a.inputIndex - b.inputIndex;
  });
}
