import { Duration } from 'cdk8s';
import { toGatewayDuration } from '../../core/duration';
import { charLength, checkHeaderName } from '../../core/formats';
import * as eg from '../../imports/envoy-gateway/gateway.envoyproxy.io';

/** The origin pattern and length of the SecurityPolicy CRD's `cors.allowOrigins[]`. */
const ORIGIN = /^(\*|[A-Za-z][A-Za-z0-9+.-]*:\/\/(\*|(\*\.)?(([\w-]+\.?)+)?[\w-]+)(:\d{1,5})?)$/;
const MAX_ORIGIN = 253;
const TOKEN = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;

/**
 * CORS settings of a SecurityPolicy (`spec.cors`): Envoy answers preflight requests and adds
 * the `Access-Control-*` headers itself.
 */
export interface SecurityPolicyCorsOptions {
  /**
   * Origins allowed to make requests: `*`, or `scheme://host[:port]` where host may start
   * with `*.` (`https://*.example.com`) or be `*` (`https://*`). At least one.
   */
  readonly allowOrigins: string[];
  /**
   * Methods allowed in cross-origin requests (`Access-Control-Allow-Methods`), or `*`.
   * @default - none listed
   */
  readonly allowMethods?: string[];
  /**
   * Request headers allowed in cross-origin requests (`Access-Control-Allow-Headers`), or `*`.
   * @default - none listed
   */
  readonly allowHeaders?: string[];
  /**
   * Response headers exposed to scripts (`Access-Control-Expose-Headers`), or `*`.
   * @default - none listed
   */
  readonly exposeHeaders?: string[];
  /**
   * How long browsers may cache a preflight response (`Access-Control-Max-Age`);
   * ingress-nginx's default is 1728000 seconds (20 days).
   * @default - no `Access-Control-Max-Age` header (browsers cache for 5 seconds)
   */
  readonly maxAge?: Duration;
  /**
   * Whether requests may carry credentials (`Access-Control-Allow-Credentials: true`).
   * @default - the header is not sent (credentials are not allowed)
   */
  readonly allowCredentials?: boolean;
}

/**
 * Checks and renders `spec.cors`, or returns the first error (naming the field and value).
 * @internal
 */
export function renderSecurityPolicyCors(options: SecurityPolicyCorsOptions): { value?: eg.SecurityPolicySpecCors; error?: string } {
  if (options.allowOrigins.length === 0) {
    return { error: 'cors.allowOrigins is empty; give at least one origin ("*" for any)' };
  }
  for (const origin of options.allowOrigins) {
    if (charLength(origin) > MAX_ORIGIN || !ORIGIN.test(origin)) {
      return { error: `cors.allowOrigins: "${origin}" is not an origin; write "*" or "scheme://host[:port]" (host may be "*" or start with "*."), at most ${MAX_ORIGIN} characters` };
    }
  }
  for (const method of options.allowMethods ?? []) {
    if (method !== '*' && !TOKEN.test(method)) {
      return { error: `cors.allowMethods: "${method}" is not an HTTP method name (an RFC 7230 token such as "GET") or "*"` };
    }
  }
  for (const [field, headers] of [['allowHeaders', options.allowHeaders], ['exposeHeaders', options.exposeHeaders]] as const) {
    for (const header of headers ?? []) {
      const err = header === '*' ? undefined : checkHeaderName(header);
      if (err) return { error: `cors.${field}: ${err}` };
    }
  }
  let maxAge: string | undefined;
  if (options.maxAge !== undefined) {
    const { value, error } = toGatewayDuration(options.maxAge);
    if (value === undefined) return { error: `cors.maxAge: ${error}` };
    maxAge = value;
  }
  const list = (l: string[] | undefined) => (l && l.length > 0 ? [...l] : undefined);
  return {
    value: {
      allowOrigins: [...options.allowOrigins],
      allowMethods: list(options.allowMethods),
      allowHeaders: list(options.allowHeaders),
      exposeHeaders: list(options.exposeHeaders),
      maxAge,
      allowCredentials: options.allowCredentials,
    },
  };
}
