import { Duration } from 'cdk8s';
import { toGatewayDuration } from '../core/duration';
import { throwIn } from '../core/errors';
import { charLength } from '../core/formats';

const MAX_SESSION_NAME = 128;

/**
 * Retry of failed backend requests for an HTTPRoute rule (Experimental channel only).
 */
export interface HttpRouteRetry {
  /**
   * Most retries of one request (1 or more).
   * @default - implementation-specific
   */
  readonly attempts?: number;
  /**
   * Least time to wait between attempts (whole milliseconds).
   * @default - implementation-specific
   */
  readonly backoff?: Duration;
  /**
   * Response status codes (400-599) that make a request retried.
   * @default - implementation-specific
   */
  readonly codes?: number[];
}

/**
 * How a session is tracked.
 */
export enum SessionPersistenceType {
  /** A cookie set by the gateway (the Gateway API default). */
  COOKIE = 'Cookie',
  /** A header. */
  HEADER = 'Header',
}

/**
 * Lifetime of a session persistence cookie.
 */
export enum CookieLifetimeType {
  /** Deleted when the browser session ends (the Gateway API default). */
  SESSION = 'Session',
  /** Persists until `absoluteTimeout` elapses (Expires/Max-Age). */
  PERMANENT = 'Permanent',
}

/**
 * Session persistence for an HTTPRoute rule: requests of one session go to the same
 * backend endpoint (Experimental channel only).
 */
export interface HttpRouteSessionPersistence {
  /**
   * How the session is tracked.
   * @default SessionPersistenceType.COOKIE
   */
  readonly type?: SessionPersistenceType;
  /**
   * Name of the session cookie or header (at most 128 characters).
   * @default - implementation-specific
   */
  readonly sessionName?: string;
  /**
   * Time after which the session ends, however active it is. Required for permanent cookies.
   * @default - no absolute timeout
   */
  readonly absoluteTimeout?: Duration;
  /**
   * Lifetime of the cookie (cookie sessions only).
   * @default - not rendered (Gateway API defaults to a session cookie)
   */
  readonly cookieLifetime?: CookieLifetimeType;
}

function duration(where: string, field: string, value: Duration | undefined): string | undefined {
  if (value === undefined) return undefined;
  const { value: out, error } = toGatewayDuration(value);
  if (error) throwIn(where, `${field}: ${error}`);
  return out;
}

/**
 * Checks and renders a rule's `retry`.
 * @internal
 */
export function renderRetry(where: string, retry: HttpRouteRetry): any {
  if (retry.attempts !== undefined && (!Number.isInteger(retry.attempts) || retry.attempts < 1)) {
    throwIn(where, `attempts ${retry.attempts} must be a whole number, 1 or more`);
  }
  const codes = retry.codes ?? [];
  for (const code of codes) {
    if (!Number.isInteger(code) || code < 400 || code > 599) {
      throwIn(where, `codes: status code ${code} is outside 400-599`);
    }
  }
  if (new Set(codes).size !== codes.length) {
    throwIn(where, `codes lists a status code more than once: ${codes.join(', ')}`);
  }
  return {
    attempts: retry.attempts,
    backoff: duration(where, 'backoff', retry.backoff),
    codes: codes.length ? [...codes] : undefined,
  };
}

/**
 * Checks and renders a rule's `sessionPersistence`.
 * @internal
 */
export function renderSessionPersistence(where: string, sp: HttpRouteSessionPersistence): any {
  const type = sp.type ?? SessionPersistenceType.COOKIE;
  if (!Object.values(SessionPersistenceType).includes(type)) {
    throwIn(where, `type "${type}" must be Cookie or Header`);
  }
  if (sp.sessionName !== undefined && (charLength(sp.sessionName) < 1 || charLength(sp.sessionName) > MAX_SESSION_NAME)) {
    throwIn(where, `sessionName "${sp.sessionName}" must be 1-${MAX_SESSION_NAME} characters`);
  }
  if (sp.cookieLifetime !== undefined && type !== SessionPersistenceType.COOKIE) {
    throwIn(where, `cookieLifetime ${sp.cookieLifetime} applies to Cookie sessions only, the type is ${type}`);
  }
  if (sp.cookieLifetime === CookieLifetimeType.PERMANENT && sp.absoluteTimeout === undefined) {
    throwIn(where, 'a Permanent cookie needs absoluteTimeout (it sets the cookie\'s expiry)');
  }
  return {
    type,
    sessionName: sp.sessionName,
    absoluteTimeout: duration(where, 'absoluteTimeout', sp.absoluteTimeout),
    cookieConfig: sp.cookieLifetime === undefined ? undefined : { lifetimeType: sp.cookieLifetime },
  };
}
