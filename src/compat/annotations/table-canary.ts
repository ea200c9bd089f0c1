/**
 * Canary and session-affinity annotations (ingress-nginx `internal/ingress/annotations/canary/main.go`,
 * `sessionaffinity/main.go`; per-request decision in `rootfs/etc/nginx/lua/balancer.lua`
 * `route_to_alternative_balancer`, cookies in `rootfs/etc/nginx/lua/balancer/sticky.lua`).
 * Canaries are standard Gateway API (header matches and backend weights), so they are
 * translated on every profile.
 */
import { A, AnnotationFamily, AnnotationRisk, AnnotationSpec, T, U, family, per, same } from './table-types';
import { Behavior } from '../../profiles/behaviors';

const L = AnnotationRisk.LOW;
const M = AnnotationRisk.MEDIUM;

const NO_AFFINITY_STANDARD = U('Session persistence is an Experimental-channel field of HTTPRoute rules; use an implementation profile.');
/** The standard profile on the Experimental channel: a cookie attribute `rules[].sessionPersistence` cannot set. */
const NO_ATTRIBUTE_EXPERIMENTAL = U('Gateway API session persistence (`rules[].sessionPersistence`) has no cookie attributes; the implementation sets them. The affinity itself is kept: remove the annotation, or use the envoy-gateway profile.');
const NO_COOKIE_NGF = U('NGINX Gateway Fabric OSS issues no affinity cookie (clients are pinned by IP address), so cookie attributes have nothing to apply to.');
const cookieAttribute = (attribute: string) => per(
  NO_AFFINITY_STANDARD,
  T(`Cookie attribute \`${attribute}\` on the affinity cookie (BackendTrafficPolicy \`loadBalancer.consistentHash.cookie.attributes\`); how sticky the cookie is differs as the affinity notice says.`),
  NO_COOKIE_NGF,
);

/** The canary and affinity family. */
export const CANARY_ANNOTATIONS: AnnotationSpec[] = family(AnnotationFamily.CANARY, {
  'canary': {
    valueType: 'bool',
    defaultValue: 'false',
    scope: 'ingress',
    risk: L,
    onInvalid: 'fallback',
    nginx: 'the Ingress is the canary of the Ingress with the same host and path',
    noOpValues: ['false'],
    handling: same(T('The canary\'s paths become rules of the main Ingress\'s HTTPRoute, with header, cookie and weighted rules in nginx\'s order (header → cookie → weight).')),
  },
  'canary-by-header': {
    valueType: 'header name',
    defaultValue: 'none',
    scope: 'ingress',
    risk: M,
    onInvalid: 'fallback',
    nginx: 'header `always` → canary, `never` → main',
    handling: same(T('Header matches: `always` → a rule to the canary, `never` → a rule to the main backend, placed before the weighted rule.')),
  },
  'canary-by-header-value': {
    valueType: 'string',
    defaultValue: 'none',
    scope: 'ingress',
    risk: M,
    onInvalid: 'fallback',
    nginx: 'the header value that selects the canary',
    handling: same(T('Exact header match on the value, to the canary.')),
  },
  'canary-by-header-pattern': {
    valueType: 'PCRE',
    defaultValue: 'none (ignored when a value is set)',
    scope: 'ingress',
    risk: M,
    onInvalid: 'fallback',
    nginx: 'unanchored, case-sensitive regex on the header selecting the canary',
    handling: per(
      A('RegularExpression header match `.*(?:<pattern>).*` to the canary; the regex dialect of header matches is implementation-specific.'),
      T('RegularExpression header match `.*(?:<pattern>).*` (RE2, full match) to the canary; PCRE-only syntax is reported.'),
      A('RegularExpression header match `.*(?:<pattern>).*` to the canary; NGINX Gateway Fabric\'s header regex dialect is not nginx\'s PCRE, so exotic patterns may differ.'),
    ),
  },
  'canary-by-cookie': {
    valueType: 'cookie name',
    defaultValue: 'none',
    scope: 'ingress',
    risk: M,
    onInvalid: 'fallback',
    nginx: 'cookie `always` → canary, `never` → main (after the header)',
    handling: per(
      A('RegularExpression match on the `Cookie` header for `<name>=always` / `<name>=never` (implementation-specific dialect); nginx matches the cookie name case-insensitively, the regex does not.'),
      T('HTTPRouteFilter `matches[].cookies` (Exact `always` / `never`), referenced from the canary rules.'),
      A('RegularExpression match on the `Cookie` header for `<name>=always` / `<name>=never`; nginx matches the cookie name case-insensitively, the regex does not.'),
    ),
  },
  'canary-weight': {
    valueType: 'int',
    defaultValue: '0',
    scope: 'ingress',
    risk: L,
    onInvalid: 'fallback',
    nginx: 'share of the remaining requests sent to the canary',
    handling: same(T('backendRefs weights: main `total − weight`, canary `weight`, on the fallback rule.')),
  },
  'canary-weight-total': {
    valueType: 'int',
    defaultValue: '100 (used only when above 100)',
    scope: 'ingress',
    risk: L,
    onInvalid: 'fallback',
    nginx: 'total the weight is a share of',
    noOpValues: ['100'],
    handling: same(T('The backendRefs weights are taken as shares of this total.')),
  },
  'affinity': {
    valueType: 'cookie',
    defaultValue: 'none',
    scope: 'ingress',
    risk: L,
    onInvalid: 'fallback',
    nginx: 'sticky sessions with a cookie (INGRESSCOOKIE)',
    behavior: Behavior.COOKIE_AFFINITY,
    experimental: A('Sticky sessions with a cookie the Gateway issues and that names the endpoint (HTTPRoute `rules[].sessionPersistence` type Cookie, `cookieConfig.lifetimeType` Session); the cookie\'s Path, HttpOnly and Secure attributes, and how sessions move when endpoints change, are the implementation\'s.'),
  },
  'affinity-mode': {
    valueType: 'balanced/persistent',
    defaultValue: 'balanced',
    scope: 'ingress',
    risk: M,
    onInvalid: 'fallback',
    nginx: '`balanced` moves some sessions on scale-up, `persistent` never does',
    handling: per(
      NO_AFFINITY_STANDARD,
      A('Consistent hashing on the cookie moves some sessions when endpoints change, like `balanced`; `persistent` cannot be kept.'),
      A('Clients are pinned by IP address (`ip_hash`), which moves some of them when endpoints change, like `balanced`.'),
    ),
    experimental: A('How sessions move when endpoints change is the implementation\'s (`rules[].sessionPersistence` has no mode); `persistent` cannot be requested.'),
  },
  'affinity-canary-behavior': {
    valueType: 'sticky/legacy',
    defaultValue: 'sticky',
    scope: 'ingress',
    risk: L,
    onInvalid: 'fallback',
    nginx: '`sticky` keeps clients that were sent to the canary on it',
    noOpValues: ['legacy'],
    handling: same(A('The Gateway chooses canary or main per request, before affinity applies, which is `legacy`; `sticky` (affinitised clients stay on the canary) cannot be reproduced.')),
  },
  'session-cookie-name': {
    valueType: 'string',
    defaultValue: 'INGRESSCOOKIE',
    scope: 'ingress',
    risk: M,
    onInvalid: 'fallback',
    nginx: 'name of the affinity cookie',
    behavior: Behavior.COOKIE_AFFINITY,
    experimental: T('`rules[].sessionPersistence.sessionName`.'),
  },
  'session-cookie-path': {
    valueType: 'path',
    defaultValue: 'the Ingress path',
    scope: 'ingress',
    risk: M,
    onInvalid: 'fallback',
    nginx: '`Path` of the affinity cookie',
    behavior: Behavior.COOKIE_AFFINITY,
    experimental: NO_ATTRIBUTE_EXPERIMENTAL,
  },
  'session-cookie-domain': {
    valueType: 'string',
    defaultValue: 'none',
    scope: 'ingress',
    risk: M,
    onInvalid: 'fallback',
    nginx: '`Domain` of the affinity cookie',
    handling: cookieAttribute('Domain'),
    experimental: NO_ATTRIBUTE_EXPERIMENTAL,
  },
  'session-cookie-expires': {
    valueType: 'int seconds',
    defaultValue: 'none (session cookie)',
    scope: 'ingress',
    risk: M,
    onInvalid: 'fallback',
    nginx: '`Expires` of the affinity cookie',
    behavior: Behavior.COOKIE_AFFINITY,
    experimental: T('A permanent cookie: `rules[].sessionPersistence` `cookieConfig.lifetimeType: Permanent` with `absoluteTimeout` (session-cookie-max-age wins when both are set, as in browsers).'),
  },
  'session-cookie-max-age': {
    valueType: 'int seconds',
    defaultValue: 'none (session cookie)',
    scope: 'ingress',
    risk: M,
    onInvalid: 'fallback',
    nginx: '`Max-Age` of the affinity cookie',
    behavior: Behavior.COOKIE_AFFINITY,
    experimental: T('A permanent cookie: `rules[].sessionPersistence` `cookieConfig.lifetimeType: Permanent` with `absoluteTimeout`.'),
  },
  'session-cookie-secure': {
    valueType: 'bool',
    defaultValue: 'unset (Secure on HTTPS requests)',
    scope: 'ingress',
    risk: L,
    onInvalid: 'fallback',
    nginx: '`Secure` on the affinity cookie',
    handling: cookieAttribute('Secure'),
    experimental: NO_ATTRIBUTE_EXPERIMENTAL,
  },
  'session-cookie-samesite': {
    valueType: 'None/Lax/Strict',
    defaultValue: 'none',
    scope: 'ingress',
    risk: L,
    onInvalid: 'fallback',
    nginx: '`SameSite` of the affinity cookie',
    handling: cookieAttribute('SameSite'),
    experimental: NO_ATTRIBUTE_EXPERIMENTAL,
  },
  'session-cookie-conditional-samesite-none': {
    valueType: 'bool',
    defaultValue: 'false',
    scope: 'ingress',
    risk: L,
    onInvalid: 'fallback',
    nginx: 'leaves out `SameSite=None` for browsers that mishandle it',
    noOpValues: ['false'],
    handling: same(U('No implementation sniffs the user agent to drop `SameSite=None`; current browsers need no such case, so remove the annotation.')),
  },
  'session-cookie-change-on-failure': {
    valueType: 'bool',
    defaultValue: 'false',
    scope: 'ingress',
    risk: L,
    onInvalid: 'fallback',
    nginx: 'picks a new endpoint and resets the cookie when the request fails',
    noOpValues: ['false'],
    handling: per(
      NO_AFFINITY_STANDARD,
      A('Envoy retries the request on another endpoint but keeps the cookie; the session moves only once the endpoint leaves the pool.'),
      U('NGINX Gateway Fabric pins clients by IP address and issues no cookie to change; remove the annotation.'),
    ),
    experimental: U('Gateway API session persistence cannot re-pick an endpoint and reset the cookie on a failed request; remove the annotation.'),
  },
});
