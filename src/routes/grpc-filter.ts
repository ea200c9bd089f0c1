import { HeaderModifierOptions, renderHeaderModifier } from './header-modifier';
import { MirrorOptions, renderMirror } from './mirror';
import { Backend, IBackendFilter } from '../core/backend';
import { throwIn } from '../core/errors';
import { checkGroup, checkKind, checkObjectName } from '../core/formats';

/**
 * A reference to an implementation-specific filter object in the route's namespace.
 */
export interface GrpcExtensionReference {
  /** API group of the filter object (`""` is the core group). */
  readonly group: string;
  /** Kind of the filter object. */
  readonly kind: string;
  /** Name of the filter object. */
  readonly name: string;
}

/**
 * A GRPCRoute filter: changes requests or responses, for a whole rule or for one backend.
 *
 * `RequestHeaderModifier` and `ResponseHeaderModifier` may appear at most once per
 * filter list; `RequestMirror` and `ExtensionRef` may repeat.
 */
export class GrpcFilter implements IBackendFilter {
  /** Sets, adds or removes request headers (metadata) before the request is forwarded. */
  public static requestHeaderModifier(options: HeaderModifierOptions): GrpcFilter {
    const rendered = renderHeaderModifier('GrpcFilter.requestHeaderModifier', options);
    return new GrpcFilter('RequestHeaderModifier', { requestHeaderModifier: rendered });
  }

  /** Sets, adds or removes response headers (metadata) before the response is returned. */
  public static responseHeaderModifier(options: HeaderModifierOptions): GrpcFilter {
    const rendered = renderHeaderModifier('GrpcFilter.responseHeaderModifier', options);
    return new GrpcFilter('ResponseHeaderModifier', { responseHeaderModifier: rendered });
  }

  /**
   * Sends a copy of requests to another backend and ignores its responses. A backend in
   * another namespace gets a ReferenceGrant, as for rule backends.
   */
  public static requestMirror(backend: Backend, options: MirrorOptions = {}): GrpcFilter {
    const rendered = renderMirror('GrpcFilter.requestMirror', backend, options);
    return new GrpcFilter('RequestMirror', { requestMirror: rendered }, backend);
  }

  /** An implementation-specific filter defined by an object in the route's namespace. */
  public static extensionRef(reference: GrpcExtensionReference): GrpcFilter {
    for (const err of [checkGroup(reference.group), checkKind(reference.kind), checkObjectName(reference.name)]) {
      if (err) throwIn('GrpcFilter.extensionRef', err);
    }
    return new GrpcFilter('ExtensionRef', { extensionRef: { group: reference.group, kind: reference.kind, name: reference.name } });
  }

  /** The route kinds this filter is valid in. */
  public readonly routeKinds: string[] = ['GRPCRoute'];

  private constructor(
    /** The filter `type`. */
    public readonly filterType: string,
    private readonly body: any,
    /**
     * The mirror backend of a `RequestMirror` filter.
     * @internal
     */
    public readonly _mirrorBackend?: Backend) {}

  /** Renders the filter object. */
  public renderFilter(): any {
    return { type: this.filterType, ...this.body };
  }
}
