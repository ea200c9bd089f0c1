/**
 * Session affinity: `affinity: cookie` and `session-cookie-*` into the `cookieAffinity`
 * behaviour, parsed as ingress-nginx's `internal/ingress/annotations/sessionaffinity/main.go`
 * does (bad values ignored, name defaulting to `INGRESSCOOKIE`) with the cookie attributes of
 * `rootfs/etc/nginx/lua/balancer/sticky.lua` (a browser honours Max-Age over Expires, so
 * `session-cookie-max-age` wins over `session-cookie-expires`). Internal.
 */
import { Duration } from 'cdk8s';
import { FamilyContext } from './context';
import { BASIC_CHARS, URL_IS_VALID } from './values';
import { CookieAffinityBehavior } from '../../profiles/behaviors';

/** `sessionaffinity/main.go` `defaultAffinityCookieName`. */
export const DEFAULT_COOKIE_NAME = 'INGRESSCOOKIE';

/** Reads the affinity annotations; true when cookie affinity is set. */
export function parseAffinity(ctx: FamilyContext): boolean {
  const type = ctx.string('affinity', 'no affinity');
  if (type !== undefined && type !== 'cookie') {
    ctx.invalid('affinity', `value "${type}" is not cookie (the only affinity type); ingress-nginx ignores it (no affinity)`);
  }
  if (type !== 'cookie') {
    const dependent = [...ctx.keysWithPrefix('session-cookie-'), ...ctx.keysWithPrefix('affinity-')];
    for (const key of dependent) ctx.noEffect(key, 'affinity: cookie');
    return false;
  }
  const sources = ['affinity'];
  let cookieName = DEFAULT_COOKIE_NAME;
  const name = ctx.string('session-cookie-name', DEFAULT_COOKIE_NAME);
  if (name !== undefined) {
    if (BASIC_CHARS.test(name) && !name.includes('/') && !name.includes(':')) {
      cookieName = name;
      sources.push('session-cookie-name');
    } else {
      ctx.invalid('session-cookie-name', `value "${name}" is not a cookie name (letters, digits, -, ., _ and ~); ingress-nginx uses ${DEFAULT_COOKIE_NAME}`);
    }
  }
  const maxAge = seconds(ctx, 'session-cookie-max-age');
  const expires = seconds(ctx, 'session-cookie-expires');
  if (maxAge !== undefined) sources.push('session-cookie-max-age');
  if (expires !== undefined) sources.push('session-cookie-expires');
  let path: string | undefined;
  const rawPath = ctx.string('session-cookie-path', 'the Ingress path');
  if (rawPath !== undefined) {
    if (rawPath.startsWith('/') && URL_IS_VALID.test(rawPath)) {
      path = rawPath;
      sources.push('session-cookie-path');
    } else {
      ctx.invalid('session-cookie-path', `value "${rawPath}" is not a path such as /app; ingress-nginx ignores it (the cookie Path is the Ingress path)`);
    }
  }
  const lifetime = maxAge ?? expires;
  const behavior: CookieAffinityBehavior = {
    cookieName,
    ...(lifetime === undefined ? {} : { maxAge: Duration.seconds(lifetime) }),
    ...(path === undefined ? {} : { path }),
  };
  ctx.setBehavior('cookieAffinity', behavior, sources);
  return true;
}

/** A cookie lifetime in whole seconds above 0; anything else is ignored with an invalid notice. */
function seconds(ctx: FamilyContext, key: string): number | undefined {
  const raw = ctx.string(key, 'a session cookie');
  if (raw === undefined) return undefined;
  if (/^[1-9][0-9]*$/.test(raw) && Number.isSafeInteger(Number(raw))) return Number(raw);
  ctx.invalid(key, `value "${raw}" is not a number of seconds above 0; IngressCompat ignores it (a session cookie, as ingress-nginx gives for a value it cannot read)`);
  return undefined;
}
