import { Construct } from 'constructs';
import { Backend } from '../core/backend';
import { throwAt } from '../core/errors';
import { checkPort } from '../core/formats';
import { IRouteParent } from '../core/references';
import { GatewayApiResourceProps } from '../core/resource';
import { HttpFilter } from '../routes/http-filter';
import { PathMatch, checkHttpPath } from '../routes/http-match';
import { HttpRoute, HttpRouteRule } from '../routes/http-route';
import { describeParent } from '../routes/route-base';

const KIND = 'SslRedirect';
/** ingress-nginx's `http-redirect-code` values (`template/configmap.go` `validRedirectCodes`). */
const SSL_REDIRECT_CODES = [301, 302, 307, 308];
/** ingress-nginx `no-tls-redirect-locations` default (`config.go` `NewDefault()`; docs/ingress-nginx.md#sslredirect). */
const ACME_CHALLENGE_PATH = '/.well-known/acme-challenge';

/**
 * Properties of an `SslRedirect`.
 */
export interface SslRedirectProps extends GatewayApiResourceProps {
  /**
   * The plain-HTTP listeners to redirect from: `gateway.listener('http')`,
   * `listenerSet.listener('http')`, or a whole Gateway or ListenerSet whose listeners are all
   * HTTP. A parent known to have an HTTPS or TLS listener is a synth error (the redirect
   * would answer HTTPS requests too, and loop).
   */
  readonly parents: IRouteParent[];
  /**
   * Hostnames to redirect (the hosts that have a certificate, in ingress-nginx terms).
   * @default - every hostname the parent listeners accept, as ingress-nginx's
   * `force-ssl-redirect` does for every host
   */
  readonly hostnames?: string[];
  /**
   * Status code of the redirect: 301, 302, 307 or 308 (ingress-nginx's valid
   * `http-redirect-code` values).
   * @default 308 - ingress-nginx's `http-redirect-code`, which keeps the method and body
   */
  readonly statusCode?: number;
  /**
   * Port of the HTTPS target, for HTTPS listeners on a port other than 443.
   * @default - not set: the Location carries no port (https implies 443), as ingress-nginx
   * with `use-port-in-redirects: false`
   */
  readonly port?: number;
  /**
   * Backend that answers ACME HTTP-01 challenges (for example cert-manager's solver
   * Service): requests under `acmeChallengePath` go to it instead of being redirected, like
   * ingress-nginx's `no-tls-redirect-locations` exemption.
   * @default - no exemption: challenge requests are redirected like any other
   */
  readonly acmeChallengeBackend?: Backend;
  /**
   * Path prefix exempted from the redirect when `acmeChallengeBackend` is set.
   * @default "/.well-known/acme-challenge" - ingress-nginx's `no-tls-redirect-locations`
   */
  readonly acmeChallengePath?: string;
  /**
   * Create a ReferenceGrant when `acmeChallengeBackend` is in another namespace.
   * @default true
   */
  readonly createReferenceGrants?: boolean;
}

/**
 * Redirects plain-HTTP requests to HTTPS, the way ingress-nginx does for every host that has
 * a certificate (`ssl-redirect: true`, decided by `redirect_to_https()` in ingress-nginx's
 * `rootfs/etc/nginx/lua/lua_ingress.lua`; see docs/ingress-nginx.md#sslredirect): an
 * HTTPRoute on the HTTP listener whose rule answers with a `RequestRedirect` to scheme
 * `https`, status 308, no port, path and query kept. Optionally `/.well-known/acme-challenge`
 * is forwarded to a backend instead (the longer path prefix wins over `/`).
 *
 * Divergence: ingress-nginx strips a trailing `/` from the redirected URI
 * (`preserve-trailing-slash: false`); Gateway API keeps the path as it is.
 */
export class SslRedirect extends Construct {
  /** The HTTPRoute that redirects. */
  public readonly route: HttpRoute;
  /** The status code of the redirect. */
  public readonly statusCode: number;

  public constructor(scope: Construct, id: string, props: SslRedirectProps) {
    super(scope, id);
    const fail = (msg: string): never => throwAt(this, KIND, msg);
    if (props.parents.length === 0) {
      fail('parents is empty; pass the HTTP listener to redirect from, e.g. gateway.listener(\'http\')');
    }
    this.statusCode = props.statusCode ?? 308; // ingress-nginx http-redirect-code (docs/ingress-nginx.md#sslredirect)
    if (!SSL_REDIRECT_CODES.includes(this.statusCode)) {
      fail(`statusCode ${this.statusCode} must be one of ${SSL_REDIRECT_CODES.join(', ')} (ingress-nginx's http-redirect-code values)`);
    }
    if (props.port !== undefined) {
      const err = checkPort(props.port);
      if (err) fail(`port: ${err}`);
    }
    const acmePath = props.acmeChallengePath ?? ACME_CHALLENGE_PATH;
    if (props.acmeChallengePath !== undefined) {
      if (props.acmeChallengeBackend === undefined) {
        fail(`acmeChallengePath "${acmePath}" is set without acmeChallengeBackend; pass the backend that answers the challenges`);
      }
      const err = checkHttpPath(acmePath);
      if (err) fail(`acmeChallengePath: ${err}`);
      if (acmePath.replace(/\/+$/, '') === '') fail(`acmeChallengePath "${acmePath}" would exempt every path from the redirect`);
    }

    const rules: HttpRouteRule[] = [{
      name: 'redirect-to-https',
      matches: [{ path: PathMatch.prefix('/') }],
      filters: [HttpFilter.requestRedirect({ scheme: 'https', port: props.port, statusCode: this.statusCode })],
    }];
    if (props.acmeChallengeBackend !== undefined) {
      rules.push({
        name: 'acme-challenge',
        matches: [{ path: PathMatch.prefix(acmePath) }],
        backends: [props.acmeChallengeBackend],
      });
    }
    this.route = new HttpRoute(this, 'Route', {
      metadata: props.metadata,
      parents: props.parents,
      hostnames: props.hostnames,
      createReferenceGrants: props.createReferenceGrants,
      rules,
    });
    this.node.addValidation({ validate: () => this.validateParents() });
  }

  private validateParents(): string[] {
    const errors: string[] = [];
    for (const parent of this.route.parents) {
      const secure = (parent.knownListeners() ?? []).filter(l => l.protocol === 'HTTPS' || l.protocol === 'TLS');
      if (secure.length === 0) continue;
      const ref = parent.toParentReference();
      errors.push(`parent ${describeParent(ref)} has ${secure.map(l => `${l.protocol} listener "${l.name}"`).join(', ')}; `
        + `the HTTPS redirect would answer those requests too and loop; attach to the HTTP listener only (${ref.kind === 'ListenerSet' ? 'listenerSet' : 'gateway'}.listener('${firstHttp(parent) ?? 'http'}'))`);
    }
    return errors;
  }
}

function firstHttp(parent: IRouteParent): string | undefined {
  return (parent.knownListeners() ?? []).find(l => l.protocol === 'HTTP')?.name;
}
