import { Construct } from 'constructs';
import { CookieMatch } from './hrf-cookie-match';
import { DirectResponseOptions, renderDirectResponse } from './hrf-direct-response';
import { HostnameRewrite, RegexRewriteOptions, renderRegexRewrite } from './hrf-url-rewrite';
import { GatewayApiResource, GatewayApiResourceProps } from '../../core/resource';
import * as eg from '../../imports/envoy-gateway/gateway.envoyproxy.io';
import { FilterExtensionReference, IHttpFilterExtension } from '../../routes/http-filter';

const MAX_MATCHES = 8;
const MAX_COOKIES = 16;

/**
 * Properties of an HttpRouteFilter.
 */
export interface HttpRouteFilterProps extends GatewayApiResourceProps {
  /**
   * Rewrites the request path with a regular expression and capture groups (ingress-nginx's
   * `rewrite-target` with `$1`-style captures).
   * @default - the path is not rewritten
   */
  readonly regexRewrite?: RegexRewriteOptions;
  /**
   * Rewrites the Host header from a request header, the backend's hostname or the path.
   * @default - the Host header is not rewritten
   */
  readonly hostnameRewrite?: HostnameRewrite;
  /**
   * Answers with a fixed response instead of forwarding the request.
   * @default - requests are forwarded
   */
  readonly directResponse?: DirectResponseOptions;
  /**
   * Cookie conditions that must all hold for the rule to apply (ANDed with the rule's own
   * matches), such as ingress-nginx's `canary-by-cookie`. At most 16. Alternative sets can be
   * added with `addCookieMatches`.
   * @default - no cookie conditions
   */
  readonly cookieMatches?: CookieMatch[];
}

/**
 * An Envoy Gateway HTTPRouteFilter (`gateway.envoyproxy.io/v1alpha1`): regex path rewrites with
 * capture groups, Host rewrites, fixed responses and cookie matches, which standard
 * HTTPRoute filters cannot express. HTTPRoute rules use it with
 * `HttpFilter.extension(filter)`; the route must be in the filter's namespace.
 *
 * ```ts
 * import { Chart } from 'cdk8s';
 * import { HttpFilter, HttpRoute, PathMatch, Backend, envoyGateway } from 'cdk8s-gateway-api';
 *
 * declare const chart: Chart;
 * declare const route: HttpRoute;
 * const rewrite = new envoyGateway.HttpRouteFilter(chart, 'StripApi', {
 *   regexRewrite: { pattern: '^/api(/|$)(.*)', substitution: '/\\2' },
 * });
 * route.addRule({
 *   matches: [{ path: PathMatch.regex('/api(/|$)(.*)') }],
 *   filters: [HttpFilter.extension(rewrite)],
 *   backends: [Backend.fromServiceName('api', 8080)],
 * });
 * ```
 */
export class HttpRouteFilter extends GatewayApiResource implements IHttpFilterExtension {
  private readonly regexRewrite?: eg.HttpRouteFilterSpecUrlRewritePathReplaceRegexMatch;
  private readonly hostnameRewrite?: HostnameRewrite;
  private readonly directResponse?: eg.HttpRouteFilterSpecDirectResponse;
  private readonly matches: CookieMatch[][] = [];

  public constructor(scope: Construct, id: string, props: HttpRouteFilterProps = {}) {
    super(scope, id, eg.HttpRouteFilter.GVK, props);
    if (props.regexRewrite) {
      const { value, error } = renderRegexRewrite('regexRewrite', props.regexRewrite);
      if (value === undefined) this._fail(error!);
      this.regexRewrite = value;
    }
    this.hostnameRewrite = props.hostnameRewrite;
    if (props.directResponse) {
      const { value, error } = renderDirectResponse(props.directResponse);
      if (value === undefined) this._fail(error!);
      this.directResponse = value;
    }
    if (props.cookieMatches) this.addCookieMatches(props.cookieMatches);
    this.node.addValidation({
      validate: () => (this.regexRewrite || this.hostnameRewrite || this.directResponse || this.matches.length > 0
        ? []
        : ['HTTPRouteFilter sets nothing; pass regexRewrite, hostnameRewrite, directResponse or cookieMatches']),
    });
  }

  /** Namespace of the filter; routes reference filters of their own namespace only. */
  public get filterNamespace(): string | undefined {
    return this.namespace;
  }

  /**
   * Adds a set of cookie conditions that must all hold (one `spec.matches[]` entry, 1-16
   * cookies). The rule applies when any set holds; at most 8 sets.
   */
  public addCookieMatches(cookies: CookieMatch[]): void {
    if (cookies.length === 0 || cookies.length > MAX_COOKIES) {
      this._fail(`spec.matches[${this.matches.length}].cookies: a set has ${cookies.length} cookie matches; give 1-${MAX_COOKIES}`);
    }
    if (this.matches.length >= MAX_MATCHES) {
      this._fail(`spec.matches already has ${MAX_MATCHES} entries, the maximum; merge alternatives into one regular expression`);
    }
    this.matches.push([...cookies]);
  }

  /** The `extensionRef` to this filter. */
  public toFilterExtensionReference(): FilterExtensionReference {
    return { group: this.apiGroup, kind: this.kind, name: this.name };
  }

  /** @internal */
  protected _toSpec(): any {
    const urlRewrite = this.regexRewrite || this.hostnameRewrite ? {
      path: this.regexRewrite
        ? { type: eg.HttpRouteFilterSpecUrlRewritePathType.REPLACE_REGEX_MATCH, replaceRegexMatch: this.regexRewrite }
        : undefined,
      hostname: this.hostnameRewrite?._toKube(),
    } : undefined;
    return eg.toJson_HttpRouteFilterSpec({
      urlRewrite,
      directResponse: this.directResponse,
      matches: this.matches.length > 0 ? this.matches.map(set => ({ cookies: set.map(c => c._toKube()) })) : undefined,
    });
  }
}
