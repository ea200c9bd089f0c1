import { Construct } from 'constructs';
import { BasicAuthSecret } from './basic-auth-secret';
import { GatewayApiResource, GatewayApiResourceProps } from '../../core/resource';
import * as ngf from '../../imports/nginx-gateway-fabric/gateway.nginx.org';
import { FilterExtensionReference, IHttpFilterExtension } from '../../routes/http-filter';

/**
 * A realm nginx can write inside the quotes of `auth_basic "<realm>"` as NGINX Gateway Fabric
 * renders it: no `"`, `\` or `$` (a variable), and no control characters.
 */
const REALM = /^[^"\\$\u0000-\u001f\u007f]*$/;

/**
 * Options of HTTP Basic authentication (`spec.basic` of an AuthenticationFilter).
 */
export interface BasicAuthOptions {
  /** The Secret with the htpasswd users (key `auth`, type `nginx.org/htpasswd`). */
  readonly secret: BasicAuthSecret;
  /**
   * The realm sent in `WWW-Authenticate: Basic realm="<realm>"` (`auth_basic`). It cannot
   * contain `"`, `\`, `$` or control characters, and cannot be `off` (which turns nginx's
   * basic authentication off).
   * @default "" (ingress-nginx's `auth-realm` default)
   */
  readonly realm?: string;
}

/**
 * Properties of an AuthenticationFilter.
 */
export interface AuthenticationFilterProps extends GatewayApiResourceProps {
  /** HTTP Basic authentication against an htpasswd Secret. */
  readonly basic: BasicAuthOptions;
}

/**
 * An NGINX Gateway Fabric AuthenticationFilter (`gateway.nginx.org/v1alpha1`) of type `Basic`:
 * requests of the HTTPRoute rules that reference it need valid user credentials from an
 * htpasswd Secret, or get 401.
 *
 * Reference it from rules in the same namespace with `HttpFilter.extension(filter)`. (The
 * `OIDC` and `JWT` types need NGINX Plus and have no construct here; use the generated
 * `ngfapi.AuthenticationFilter`.)
 *
 * ```ts
 * import { Chart } from 'cdk8s';
 * import { HttpFilter, HttpRoute, nginxGatewayFabric } from 'cdk8s-gateway-api';
 *
 * declare const chart: Chart;
 * declare const route: HttpRoute;
 * const auth = new nginxGatewayFabric.AuthenticationFilter(chart, 'BasicAuth', {
 *   basic: { secret: nginxGatewayFabric.BasicAuthSecret.fromSecretName('basic-auth'), realm: 'Authentication Required' },
 * });
 * route.addRule({ filters: [HttpFilter.extension(auth)] });
 * ```
 */
export class AuthenticationFilter extends GatewayApiResource implements IHttpFilterExtension {
  /** The Secret with the htpasswd users. */
  public readonly secret: BasicAuthSecret;
  /** The realm of the `WWW-Authenticate` challenge. */
  public readonly realm: string;

  public constructor(scope: Construct, id: string, props: AuthenticationFilterProps) {
    super(scope, id, ngf.AuthenticationFilter.GVK, props);
    const { secret, realm = '' } = props.basic;
    if (secret.secretNamespace !== undefined && secret.secretNamespace !== this.namespace) {
      this._fail(`spec.basic.secretRef: Secret "${secret.secretName}" is in namespace "${secret.secretNamespace}", but the filter reads Secrets of its own namespace${this.namespace === undefined ? ' (none set)' : ` "${this.namespace}"`}; create the Secret in the filter's namespace`);
    }
    if (!REALM.test(realm)) {
      this._fail(`spec.basic.realm: ${JSON.stringify(realm)} cannot contain ", \\, $ or control characters: NGINX Gateway Fabric writes it unescaped into auth_basic "<realm>"`);
    }
    if (realm === 'off') {
      this._fail('spec.basic.realm: "off" turns nginx\'s basic authentication off (auth_basic off); choose another realm');
    }
    this.secret = secret;
    this.realm = realm;
  }

  /** Namespace of the filter; routes reference filters of their own namespace only. */
  public get filterNamespace(): string | undefined {
    return this.namespace;
  }

  /** The `extensionRef` to this filter. */
  public toFilterExtensionReference(): FilterExtensionReference {
    return { group: this.apiGroup, kind: this.kind, name: this.name };
  }

  /** @internal */
  protected _toSpec(): any {
    return ngf.toJson_AuthenticationFilterSpec({
      type: ngf.AuthenticationFilterSpecType.BASIC,
      basic: { secretRef: { name: this.secret.secretName }, realm: this.realm },
    });
  }
}
