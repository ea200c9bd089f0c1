import { Duration } from 'cdk8s';
import { Backend as CoreBackend } from '../../core/backend';
import { toGatewayDuration } from '../../core/duration';
import { throwIn } from '../../core/errors';
import { charLength, checkHeaderName } from '../../core/formats';
import * as eg from '../../imports/envoy-gateway/gateway.envoyproxy.io';

/** Group and kind pairs the CRD's CEL rules allow in `extAuth.{http,grpc}.backendRefs`. */
const BACKEND_KINDS = ['/Service', 'multicluster.x-k8s.io/ServiceImport', 'gateway.envoyproxy.io/Backend'];
/** The `statusOnError` enum of the SecurityPolicy CRD (4xx and 5xx codes only). */
const STATUS_ON_ERROR = [400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 421,
  422, 423, 424, 426, 428, 429, 431, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511];

/**
 * Options shared by `ExternalAuth.http` and `ExternalAuth.grpc`.
 */
export interface ExternalAuthBaseOptions {
  /**
   * Client request headers sent to the authorization service.
   * @default - HTTP services get only Host, Method, Path, Content-Length and Authorization
   * (always sent, listed or not); gRPC services get every header
   */
  readonly headersToExtAuth?: string[];
  /**
   * How long to wait for the authorization service.
   * @default - 10 seconds, Envoy Gateway's default (`api/v1alpha1/ext_auth_types.go`)
   */
  readonly timeout?: Duration;
  /**
   * Let requests through when the authorization service cannot be reached or answers with an
   * error (fail open) instead of rejecting them.
   * @default false (fail closed, the CRD's default)
   */
  readonly failOpen?: boolean;
  /**
   * Status returned to the client when the authorization service fails or cannot be reached
   * (a 4xx or 5xx code from the CRD's list).
   * @default - 403, Envoy Gateway's default
   */
  readonly statusOnError?: number;
}

/**
 * Options of `ExternalAuth.http`.
 */
export interface ExternalAuthHttpOptions extends ExternalAuthBaseOptions {
  /**
   * A path *prefixed* to the client's path in the authorization request: with `/auth`, a
   * request to `/hello` is checked at `/auth/hello`. Exclusive with `pathOverride`.
   * @default - the client's path
   */
  readonly path?: string;
  /**
   * A path that *replaces* the client's path in the authorization request (`/auth` is checked
   * at `/auth` whatever the client asked for): what ingress-nginx's `auth-url` does.
   * Exclusive with `path`.
   * @default - the client's path
   */
  readonly pathOverride?: string;
  /**
   * Headers of the authorization service's (200) response copied into the request to the
   * backend, replacing headers of the same name (ingress-nginx's `auth-response-headers`).
   * @default - none
   */
  readonly headersToBackend?: string[];
}

/**
 * External authorization (`spec.extAuth` of a SecurityPolicy): each request is first sent to
 * an authorization service, over HTTP or Envoy's ext_authz gRPC protocol.
 *
 * Over HTTP, a 200 response lets the request through; any other response is returned to the
 * client as is (ingress-nginx turns everything but 401 and 403 into 500). The authorization
 * request keeps the client's method.
 */
export class ExternalAuth {
  /**
   * An HTTP authorization service: a Service (`Backend.fromServiceName('auth', 8080)`), an
   * Envoy Gateway `Backend` (`backend.toBackend()`) or a ServiceImport. A backend in another
   * namespace needs a ReferenceGrant there that allows references from SecurityPolicy.
   */
  public static http(backend: CoreBackend, options: ExternalAuthHttpOptions = {}): ExternalAuth {
    const f = 'ExternalAuth.http';
    if (options.path !== undefined && options.pathOverride !== undefined) {
      throwIn(f, `path ("${options.path}") and pathOverride ("${options.pathOverride}") are exclusive; path is prefixed to the client's path, pathOverride replaces it: pass one`);
    }
    checkPath(f, 'path', options.path);
    checkPath(f, 'pathOverride', options.pathOverride);
    checkHeaders(f, 'headersToBackend', options.headersToBackend);
    return new ExternalAuth(f, 'http', backend, options);
  }

  /** A gRPC authorization service speaking Envoy's `envoy.service.auth.v3.Authorization` API. */
  public static grpc(backend: CoreBackend, options: ExternalAuthBaseOptions = {}): ExternalAuth {
    return new ExternalAuth('ExternalAuth.grpc', 'grpc', backend, options);
  }

  private readonly timeout?: string;

  private constructor(factory: string,
    /** `http` or `grpc`. */
    public readonly protocol: string,
    /** The authorization service. */
    public readonly backend: CoreBackend,
    private readonly options: ExternalAuthHttpOptions) {
    const groupKind = `${backend.group}/${backend.kind}`;
    if (!BACKEND_KINDS.includes(groupKind)) {
      throwIn(factory, `backend ${backend._describe()} (group "${backend.group}") is not a Service, a ServiceImport (multicluster.x-k8s.io) or an Envoy Gateway Backend (gateway.envoyproxy.io), the kinds extAuth.${protocol}.backendRefs accept`);
    }
    if (backend.filters.length > 0) {
      throwIn(factory, `backend ${backend._describe()} has filters; an authorization backend takes none (filters apply to route backends only)`);
    }
    checkHeaders(factory, 'headersToExtAuth', options.headersToExtAuth);
    if (options.timeout !== undefined) {
      const { value, error } = toGatewayDuration(options.timeout);
      if (value === undefined) throwIn(factory, `timeout: ${error}`);
      this.timeout = value;
    }
    if (options.statusOnError !== undefined && !STATUS_ON_ERROR.includes(options.statusOnError)) {
      throwIn(factory, `statusOnError ${options.statusOnError} is not one of the codes the CRD allows (4xx and 5xx: ${STATUS_ON_ERROR.join(', ')})`);
    }
  }

  /** @internal */
  public _toKube(policyNamespace: string | undefined): eg.SecurityPolicySpecExtAuth {
    const o = this.options;
    const ref = this.backend._toKube(policyNamespace);
    // group and kind are always written: the CRD's CEL rules read them.
    const backendRefs = [{
      group: this.backend.group, kind: this.backend.kind, name: ref.name, namespace: ref.namespace, port: ref.port, weight: ref.weight,
    }];
    return {
      http: this.protocol === 'http' ? {
        backendRefs,
        path: o.path,
        pathOverride: o.pathOverride,
        headersToBackend: o.headersToBackend ? [...o.headersToBackend] : undefined,
      } : undefined,
      grpc: this.protocol === 'grpc' ? { backendRefs } : undefined,
      headersToExtAuth: o.headersToExtAuth ? [...o.headersToExtAuth] : undefined,
      timeout: this.timeout,
      failOpen: o.failOpen,
      statusOnError: o.statusOnError as eg.SecurityPolicySpecExtAuthStatusOnError | undefined,
    };
  }
}

function checkPath(factory: string, field: string, path: string | undefined): void {
  if (path === undefined) return;
  if (!path.startsWith('/') || charLength(path) > 1024 || /[\s?#]/.test(path)) {
    throwIn(factory, `${field} "${path}" must be an absolute path ("/auth"), at most 1024 characters, without spaces, query or fragment`);
  }
}

function checkHeaders(factory: string, field: string, headers: string[] | undefined): void {
  if (headers === undefined) return;
  if (headers.length === 0) {
    throwIn(factory, `${field} is empty; omit it to keep the default`);
  }
  for (const h of headers) {
    const err = checkHeaderName(h);
    if (err) throwIn(factory, `${field}: ${err}`);
  }
}
