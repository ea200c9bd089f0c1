import { IConstruct } from 'constructs';

/**
 * A Gateway API release channel: the CRD set the synthesized objects target.
 */
export enum ReleaseChannel {
  /** GA kinds and fields only (the default). */
  STANDARD = 'standard',
  /** The Experimental channel: a superset with alpha fields and X* kinds. */
  EXPERIMENTAL = 'experimental',
}

const CHANNELS = new WeakMap<IConstruct, ReleaseChannel>();

/**
 * Selects the Gateway API release channel for a scope (usually the App or a Chart).
 *
 * Every construct under the scope targets that channel: Experimental fields (HTTPRoute
 * `retry`, `sessionPersistence`, the `ExternalAuth` filter, …) are accepted only when the
 * channel is Experimental, and the objects are rendered and validated against that
 * channel's CRDs. Select the channel before adding constructs that use Experimental fields.
 */
export class GatewayApiChannel {
  /**
   * Opts a scope (and everything under it) in to the Experimental channel.
   *
   * @param scope the App, a Chart, or any construct
   */
  public static useExperimental(scope: IConstruct): void {
    CHANNELS.set(scope, ReleaseChannel.EXPERIMENTAL);
  }

  /**
   * Pins a scope (and everything under it) to the Standard channel, overriding an
   * Experimental opt-in made on an enclosing scope.
   */
  public static useStandard(scope: IConstruct): void {
    CHANNELS.set(scope, ReleaseChannel.STANDARD);
  }

  /**
   * The channel in effect for a construct: the nearest explicit choice on it or an
   * enclosing scope, otherwise Standard.
   */
  public static of(scope: IConstruct): ReleaseChannel {
    // the nearest scope that chose a channel, walking up (no array of the scopes is made)
    for (let s: IConstruct | undefined = scope; s !== undefined; s = s.node.scope) {
      const channel = CHANNELS.get(s);
      if (channel) {
        return channel;
      }
    }
    return ReleaseChannel.STANDARD;
  }

  private constructor() {}
}
