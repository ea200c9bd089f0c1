import { Construct } from 'constructs';
import { ApplyContext, checkBehaviorSet } from './apply-context';
import { Behavior, BehaviorSet } from './behaviors';
import { applyEnvoyGateway } from './envoy-gateway-profile';
import { applyNginxGatewayFabric } from './nginx-gateway-fabric-profile';
import { ApplyOptions, ProfileResult } from './results';
import { applyStandard } from './standard-profile';
import { ProfileName, VerdictEntry, verdictOf } from './verdicts';
import { IPolicyTarget } from '../core/references';

/**
 * An implementation profile: reproduces ingress-nginx behaviours on one Gateway API
 * implementation with the resources it understands, and says how faithful each one is.
 *
 * - `standard()`: standard Gateway API only; what it cannot say is reported, never dropped.
 * - `envoyGateway()`: Envoy Gateway v1.9 policies (BackendTrafficPolicy, ClientTrafficPolicy,
 *   SecurityPolicy, HTTPRouteFilter, Backend).
 * - `nginxGatewayFabric()`: NGINX Gateway Fabric v2.6 policies (ClientSettingsPolicy,
 *   ProxySettingsPolicy, UpstreamSettingsPolicy, RateLimitPolicy, AuthenticationFilter).
 *
 * The verdict of each profile on each behaviour is data (`ImplementationProfile.verdictOf`),
 * shown in README's profile matrix and docs/profiles.md.
 */
export class ImplementationProfile {
  /** Standard Gateway API only. */
  public static standard(): ImplementationProfile {
    return new ImplementationProfile(ProfileName.STANDARD);
  }

  /** Envoy Gateway v1.9. */
  public static envoyGateway(): ImplementationProfile {
    return new ImplementationProfile(ProfileName.ENVOY_GATEWAY);
  }

  /** NGINX Gateway Fabric v2.6. */
  public static nginxGatewayFabric(): ImplementationProfile {
    return new ImplementationProfile(ProfileName.NGINX_GATEWAY_FABRIC);
  }

  /** A profile by name. */
  public static of(name: ProfileName): ImplementationProfile {
    if (!Object.values(ProfileName).includes(name)) {
      throw new Error(`ImplementationProfile.of: unknown profile "${name}"; use ${Object.values(ProfileName).join(', ')}`);
    }
    return new ImplementationProfile(name);
  }

  /** The general verdict of a profile on a behaviour (the profile matrix). */
  public static verdictOf(behavior: Behavior, profile: ProfileName): VerdictEntry {
    return verdictOf(behavior, profile);
  }

  private constructor(
    /** The profile's name. */
    public readonly name: ProfileName) {}

  /**
   * Reproduces `behaviors` on `target` (a Gateway, one listener, a ListenerSet, a route, or
   * one named rule: `route.ruleTarget('name')`), creating the resources under a new construct
   * `id` in `scope`: at most one resource of each kind, so one call gives one policy per kind
   * and target. Filters are appended to the target route's rules (add the rules first).
   *
   * Bad values throw at once; a behaviour the profile cannot reproduce on this target is
   * reported in the result (`unsupported`), never dropped.
   */
  public apply(scope: Construct, id: string, target: IPolicyTarget, behaviors: BehaviorSet, options: ApplyOptions = {}): ProfileResult {
    checkBehaviorSet(`ImplementationProfile ${this.name} ${scope.node.path === '' ? id : `${scope.node.path}/${id}`}`, behaviors);
    const ctx = new ApplyContext(new Construct(scope, id), this.name, target, options.services ?? []);
    switch (this.name) {
      case ProfileName.ENVOY_GATEWAY:
        applyEnvoyGateway(ctx, behaviors);
        break;
      case ProfileName.NGINX_GATEWAY_FABRIC:
        applyNginxGatewayFabric(ctx, behaviors);
        break;
      default:
        applyStandard(ctx, behaviors);
    }
    return ctx.result();
  }
}
