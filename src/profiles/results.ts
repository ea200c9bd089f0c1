import { IConstruct } from 'constructs';
import { Behavior, Fidelity } from './behaviors';
import { ProfileName } from './verdicts';
import { Backend } from '../core/backend';
import { IPolicyTarget } from '../core/references';

/** What a profile did with one behaviour on one target. */
export interface BehaviorVerdict {
  /** The behaviour. */
  readonly behavior: Behavior;
  /** The profile that answered. */
  readonly profile: ProfileName;
  /** How exactly it is reproduced. */
  readonly fidelity: Fidelity;
  /** What was emitted (kind and field), or `-`. */
  readonly emits: string;
  /** How it differs (approximate), or why not and what to do (unsupported); empty when exact. */
  readonly note: string;
  /** The target, e.g. `Gateway "edge"` or `HTTPRoute "shop-route/upload"`. */
  readonly target: string;
}

/** Options of `ImplementationProfile.apply`. */
export interface ApplyOptions {
  /**
   * The backend Services of the target, for behaviours an implementation configures per
   * Service (NGINX Gateway Fabric's UpstreamSettingsPolicy: load balancing, hash key, affinity).
   * @default - none; such behaviours are then reported unsupported on that implementation
   */
  readonly services?: IPolicyTarget[];
}

/** What `ImplementationProfile.apply` emitted and how faithful each behaviour is. */
export interface ProfileResult {
  /** One verdict per behaviour given, in `Behavior` order. */
  readonly verdicts: BehaviorVerdict[];
  /** The constructs created (policies, filters, backends), at most one of each kind. */
  readonly resources: IConstruct[];
  /**
   * Backends the target's rules should send traffic to instead of the original ones (Envoy
   * Gateway `Backend` objects for HTTPS without verification); empty otherwise.
   */
  readonly backends: Backend[];
}
