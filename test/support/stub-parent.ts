import { IRouteParent, ParentReference, RouteParentListener } from '../../src';

/**
 * A stand-in route parent (a Gateway listener, a ListenerSet, …) for route unit tests: a
 * fixed parentRef and, optionally, the listeners it is known to have.
 */
export class StubParent implements IRouteParent {
  public constructor(private readonly ref: ParentReference, private readonly listeners?: RouteParentListener[]) {}

  public toParentReference(): ParentReference {
    return this.ref;
  }

  public knownListeners(): RouteParentListener[] | undefined {
    return this.listeners;
  }
}
