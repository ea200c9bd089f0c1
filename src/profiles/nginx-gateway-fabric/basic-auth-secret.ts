import { throwIn } from '../../core/errors';
import { checkObjectName } from '../../core/formats';
import { ISecretLike } from '../../core/kplus-like';

/**
 * The Secret holding the users of HTTP Basic authentication (`spec.basic.secretRef` of an
 * AuthenticationFilter), in the filter's namespace.
 *
 * NGINX Gateway Fabric reads an htpasswd file from the Secret's key `auth`, the same key as
 * ingress-nginx's `auth-file` Secrets, and nginx's `auth_basic` accepts the same hashes
 * (crypt, apr1, `{SHA}`, `{SSHA}`, `{PLAIN}`). Unlike ingress-nginx, the Secret must have
 * the type `nginx.org/htpasswd`; any other type makes the filter invalid
 * (`internal/controller/state/resolver/secrets.go` in nginx/nginx-gateway-fabric), so an
 * ingress-nginx Secret of type `Opaque` must be recreated with that type.
 */
export class BasicAuthSecret {
  /**
   * A Secret object, such as a `Secret` of any cdk8s-plus 2.x line. It must be in the
   * filter's namespace.
   */
  public static fromSecret(secret: ISecretLike): BasicAuthSecret {
    return BasicAuthSecret.create('BasicAuthSecret.fromSecret', secret.name, secret.metadata?.namespace);
  }

  /** A Secret by name, in the filter's namespace. */
  public static fromSecretName(name: string): BasicAuthSecret {
    return BasicAuthSecret.create('BasicAuthSecret.fromSecretName', name, undefined);
  }

  private static create(factory: string, name: string, namespace: string | undefined): BasicAuthSecret {
    const err = checkObjectName(name);
    if (err) throwIn(factory, err);
    return new BasicAuthSecret(name, namespace);
  }

  private constructor(
    /** Name of the Secret. */
    public readonly secretName: string,
    /** Namespace of the Secret when known; undefined means the filter's. */
    public readonly secretNamespace?: string) {}
}
