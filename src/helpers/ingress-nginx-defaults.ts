import { Duration, Size } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Backend } from '../core/backend';
import { IPolicyTarget } from '../core/references';
import { BehaviorSet, LoadBalancingAlgorithm, RetryCondition } from '../profiles/behaviors';
import { ImplementationProfile } from '../profiles/profile';
import { BehaviorVerdict } from '../profiles/results';

/*
 * ingress-nginx's behaviour for an Ingress without annotations, as a behaviour set
 * (`internal/ingress/controller/config/config.go` `NewDefault()`; docs/ingress-nginx.md):
 * 1m body limit, 5 s connect timeout, 60 s read and send idle timeouts and no request deadline,
 * retries on `error timeout` with 3 tries and non-idempotent requests not re-sent, round robin,
 * X-Request-ID kept or generated, HSTS `max-age=31536000; includeSubDomains`, responses not
 * buffered.
 */
const DEFAULTS: BehaviorSet = {
  bodySizeLimit: Size.mebibytes(1),
  connectTimeout: Duration.seconds(5),
  readTimeout: Duration.seconds(60),
  sendTimeout: Duration.seconds(60),
  requestTimeout: Duration.seconds(0),
  retries: { tries: 3, conditions: [RetryCondition.ERROR, RetryCondition.TIMEOUT], retryNonIdempotent: false },
  loadBalancing: LoadBalancingAlgorithm.ROUND_ROBIN,
  requestId: true,
  hsts: {},
  proxyBuffering: false,
};

/**
 * Properties of `IngressNginxDefaults`.
 */
export interface IngressNginxDefaultsProps {
  /** The implementation to reproduce the defaults on. */
  readonly profile: ImplementationProfile;
  /**
   * What the defaults apply to: a Gateway, one listener, a ListenerSet, a route, or one named
   * rule (`route.ruleTarget('name')`).
   */
  readonly target: IPolicyTarget;
  /**
   * The backend Services, for implementations that set load balancing per Service (NGINX
   * Gateway Fabric).
   * @default - none; load balancing is then reported unsupported on NGINX Gateway Fabric
   */
  readonly services?: IPolicyTarget[];
}

/**
 * Attaches ingress-nginx's no-annotation defaults (`IngressNginxDefaults.behaviors()`) to a
 * Gateway, a listener or a route, on the chosen implementation profile, and keeps the verdicts:
 * what the profile could not reproduce is in `verdicts` (`approximate` or `unsupported`, with
 * the reason), never dropped. The `standard` profile emits nothing beyond standard Gateway API.
 *
 * ```ts
 * import { Chart } from 'cdk8s';
 * import { BehaviorVerdict, Fidelity, Gateway, ImplementationProfile, IngressNginxDefaults } from 'cdk8s-gateway-api';
 *
 * declare const chart: Chart;
 * declare const gateway: Gateway;
 * const defaults = new IngressNginxDefaults(chart, 'defaults', {
 *   profile: ImplementationProfile.envoyGateway(),
 *   target: gateway,
 * });
 * // what differs, and why (`fidelity` and `note` of each verdict)
 * const differences: BehaviorVerdict[] = [];
 * for (const verdict of defaults.verdicts) {
 *   if (verdict.fidelity !== Fidelity.EXACT) {
 *     differences.push(verdict);
 *   }
 * }
 * ```
 */
export class IngressNginxDefaults extends Construct {
  /**
   * ingress-nginx's no-annotation behaviour as a behaviour set (for
   * `ImplementationProfile.apply`): 1m body limit, 5 s connect timeout, 60 s read and send idle
   * timeouts and no request deadline, retries on `error timeout` with 3 tries and
   * non-idempotent requests not re-sent, round robin, X-Request-ID kept or generated, HSTS
   * `max-age=31536000; includeSubDomains`, responses not buffered.
   */
  public static behaviors(): BehaviorSet {
    return { ...DEFAULTS, retries: { ...DEFAULTS.retries, conditions: [...DEFAULTS.retries!.conditions!] }, hsts: {} };
  }

  /** One verdict per default behaviour. */
  public readonly verdicts: BehaviorVerdict[];
  /** The policies and filters created. */
  public readonly resources: IConstruct[];
  /** Backends the target's rules should use instead of the original ones (none for the defaults). */
  public readonly backends: Backend[];

  public constructor(scope: Construct, id: string, props: IngressNginxDefaultsProps) {
    super(scope, id);
    const result = props.profile.apply(this, 'Resources', props.target, IngressNginxDefaults.behaviors(), { services: props.services });
    this.verdicts = result.verdicts;
    this.resources = result.resources;
    this.backends = result.backends;
  }
}
