import { throwIn } from '../../core/errors';
import { checkHeaderName, checkObjectName } from '../../core/formats';
import { ISecretLike } from '../../core/kplus-like';
import * as eg from '../../imports/envoy-gateway/gateway.envoyproxy.io';

/**
 * Options of `BasicAuth.fromSecret` and `BasicAuth.fromSecretName`.
 */
export interface BasicAuthOptions {
  /**
   * Request header that carries the authenticated user name to the backend (such as
   * `X-Auth-User`).
   * @default - the user name is not forwarded
   */
  readonly forwardUsernameHeader?: string;
}

/**
 * HTTP Basic authentication against an htpasswd Secret (`spec.basicAuth` of a SecurityPolicy).
 *
 * Envoy Gateway reads the users from the Secret's key `.htpasswd` and accepts only `{SHA}`
 * hashes (`user:{SHA}base64(sha1(password))`, as `htpasswd -s` writes them); see
 * `api/v1alpha1/basic_auth_types.go` in envoyproxy/gateway. An ingress-nginx secret (key
 * `auth`, often apr1 or bcrypt hashes) must be converted. Requests without valid credentials
 * get 401.
 */
export class BasicAuth {
  /**
   * A Secret object, such as a `Secret` of any cdk8s-plus 2.x line. When the Secret is in
   * another namespace than the policy, a ReferenceGrant in the Secret's namespace must allow
   * references from SecurityPolicy.
   */
  public static fromSecret(secret: ISecretLike, options: BasicAuthOptions = {}): BasicAuth {
    return BasicAuth.create('BasicAuth.fromSecret', secret.name, secret.metadata?.namespace, options);
  }

  /** A Secret by name, in the policy's namespace. */
  public static fromSecretName(name: string, options: BasicAuthOptions = {}): BasicAuth {
    return BasicAuth.create('BasicAuth.fromSecretName', name, undefined, options);
  }

  private static create(factory: string, name: string, namespace: string | undefined, options: BasicAuthOptions): BasicAuth {
    const errors = [
      checkObjectName(name),
      options.forwardUsernameHeader === undefined ? undefined : checkHeaderName(options.forwardUsernameHeader),
    ];
    for (const err of errors) {
      if (err) throwIn(factory, err);
    }
    return new BasicAuth(name, namespace, options.forwardUsernameHeader);
  }

  private constructor(
    /** Name of the htpasswd Secret. */
    public readonly secretName: string,
    /** Namespace of the Secret when known; undefined means the policy's. */
    public readonly secretNamespace: string | undefined,
    /** Header that forwards the user name, when set. */
    public readonly forwardUsernameHeader: string | undefined) {}

  /** @internal */
  public _toKube(policyNamespace: string | undefined): eg.SecurityPolicySpecBasicAuth {
    const ns = this.secretNamespace !== undefined && this.secretNamespace !== policyNamespace ? this.secretNamespace : undefined;
    return {
      users: { name: this.secretName, namespace: ns },
      forwardUsernameHeader: this.forwardUsernameHeader,
    };
  }
}
