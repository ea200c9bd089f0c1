import { Construct } from 'constructs';
import { Backend } from '../core/backend';
import { throwAt, throwIn } from '../core/errors';
import { checkHeaderName } from '../core/formats';
import { IRouteParent } from '../core/references';
import { GatewayApiResourceProps } from '../core/resource';
import { HeaderMatch } from '../routes/header-match';
import { HttpFilter } from '../routes/http-filter';
import { HttpRouteMatch, PathMatch } from '../routes/http-match';
import { HttpRoute, HttpRouteRule } from '../routes/http-route';

const KIND = 'CanarySplit';
/** ingress-nginx's `canary-weight-total` default; smaller totals are ignored (docs/ingress-nginx.md#canarysplit). */
const DEFAULT_TOTAL = 100;
const MAX_WEIGHT = 1000000;
const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;

/**
 * How a `CanaryHeader` decides.
 */
export enum CanaryHeaderMode {
  /** `always` sends to the canary, `never` to the stable backend (`canary-by-header` alone). */
  ALWAYS_OR_NEVER = 'AlwaysOrNever',
  /** One exact value sends to the canary (`canary-by-header-value`). */
  EXACT_VALUE = 'ExactValue',
  /** A value matching a regular expression sends to the canary (`canary-by-header-pattern`). */
  PATTERN = 'Pattern',
}

/**
 * The request header that selects the canary, in one of ingress-nginx's three
 * `canary-by-header` modes (`route_to_alternative_balancer()` in ingress-nginx's
 * `rootfs/etc/nginx/lua/balancer.lua`; see docs/ingress-nginx.md#canarysplit). A request whose
 * header does not decide falls through to the cookie, then to the weight.
 */
export class CanaryHeader {
  /**
   * `canary-by-header: <name>`: value `always` → canary, `never` → stable (the weight is not
   * consulted), anything else falls through. Values are case-sensitive.
   */
  public static alwaysOrNever(name: string): CanaryHeader {
    checkName('CanaryHeader.alwaysOrNever', name);
    return new CanaryHeader(CanaryHeaderMode.ALWAYS_OR_NEVER, name, undefined);
  }

  /**
   * `canary-by-header-value: <value>`: exactly `value` (case-sensitive) → canary; anything
   * else, `never` included, falls through.
   */
  public static exactValue(name: string, value: string): CanaryHeader {
    checkName('CanaryHeader.exactValue', name);
    HeaderMatch.exact(name, value); // checks the value
    return new CanaryHeader(CanaryHeaderMode.EXACT_VALUE, name, value);
  }

  /**
   * `canary-by-header-pattern: <pattern>`: a value in which `pattern` matches anywhere
   * (unanchored, case-sensitive, like ingress-nginx's `ngx.re.match`) → canary; anything else
   * falls through. Rendered as `.*(?:<pattern>).*` so that full-match engines (Envoy's RE2)
   * and search engines agree; the dialect is the implementation's (RE2 for Envoy: no
   * look-around or back-references).
   */
  public static pattern(name: string, pattern: string): CanaryHeader {
    const f = 'CanaryHeader.pattern';
    checkName(f, name);
    if (pattern.length === 0) throwIn(f, `pattern for header "${name}" is empty; it would match every value`);
    try {
      // JavaScript lacks PCRE/RE2 inline flags and (?P<name>); translate them for this syntax check only.
      new RegExp(pattern.replace(/\(\?[imsxU-]+\)/g, '').replace(/\(\?[imsxU-]+:/g, '(?:').replace(/\(\?P</g, '(?<'));
    } catch (e) {
      throwIn(f, `pattern "${pattern}" for header "${name}" is not a valid regular expression (${(e as Error).message})`);
    }
    HeaderMatch.regex(name, wrapPattern(pattern)); // checks the length
    return new CanaryHeader(CanaryHeaderMode.PATTERN, name, pattern);
  }

  private constructor(
    /** How the header decides. */
    public readonly mode: CanaryHeaderMode,
    /** The header name. */
    public readonly headerName: string,
    /** The exact value or the pattern; undefined for `ALWAYS_OR_NEVER`. */
    public readonly headerValue: string | undefined) {}

  /**
   * The header condition that sends to the canary.
   * @internal
   */
  public _canaryMatch(): HeaderMatch {
    switch (this.mode) {
      case CanaryHeaderMode.EXACT_VALUE: return HeaderMatch.exact(this.headerName, this.headerValue!);
      case CanaryHeaderMode.PATTERN: return HeaderMatch.regex(this.headerName, wrapPattern(this.headerValue!));
      default: return HeaderMatch.exact(this.headerName, 'always');
    }
  }

  /**
   * The header condition that forces the stable backend, if the mode has one.
   * @internal
   */
  public _stableMatch(): HeaderMatch | undefined {
    return this.mode === CanaryHeaderMode.ALWAYS_OR_NEVER ? HeaderMatch.exact(this.headerName, 'never') : undefined;
  }
}

function checkName(factory: string, name: string): void {
  const err = checkHeaderName(name);
  if (err) throwIn(factory, err);
}

function wrapPattern(pattern: string): string {
  return `.*(?:${pattern}).*`;
}

/**
 * The `Cookie` header condition that is true when the cookie `name` has exactly `value`:
 * the name starts the header or follows `;` (and optional spaces), and the value ends the
 * header or is followed by `;`. So `canary=always` matches `a=1; canary=always; b=2` but not
 * `xcanary=always` nor `canary=alwaysx`.
 */
function cookieMatch(name: string, value: string): HeaderMatch {
  const escaped = name.replace(REGEX_SPECIAL, '\\$&');
  return HeaderMatch.regex('Cookie', `(^|.*;\\s*)${escaped}=${value}(;.*|$)`);
}

/**
 * ExtensionRef filters that select requests by the canary cookie, used by `CanarySplit`
 * instead of its `Cookie` header regex: an implementation filter whose matches are ANDed with
 * the rule's (Envoy Gateway: an `HTTPRouteFilter` with `cookieMatches`, exact on the cookie
 * value, see `envoyGateway.HttpRouteFilter`).
 */
export interface CanaryCookieFilters {
  /** The filter that holds for cookie value `always` (the canary rule). */
  readonly always: HttpFilter;
  /** The filter that holds for cookie value `never` (the stable rule). */
  readonly never: HttpFilter;
}

/**
 * Properties of a `CanarySplit`.
 */
export interface CanarySplitProps extends GatewayApiResourceProps {
  /** The primary backend (the Ingress without `canary: "true"`). It may not carry a weight. */
  readonly stable: Backend;
  /** The canary backend. It may not carry a weight. */
  readonly canary: Backend;
  /**
   * Share of the remaining requests sent to the canary, out of `weightTotal`.
   * @default 0 - ingress-nginx's `canary-weight`: only header or cookie requests reach the
   * canary
   */
  readonly weight?: number;
  /**
   * Total the weight is a share of (`canary-weight-total`); 100 or more.
   * @default 100 - ingress-nginx's `canary-weight-total` (which ignores values of 100 or less)
   */
  readonly weightTotal?: number;
  /**
   * The header that selects the canary, checked first.
   * @default - no header rule (ingress-nginx without `canary-by-header`)
   */
  readonly header?: CanaryHeader;
  /**
   * Name of the cookie that selects the canary, checked after the header: value `always` →
   * canary, `never` → stable (the weight is not consulted), anything else falls through.
   * @default - no cookie rule (ingress-nginx without `canary-by-cookie`)
   */
  readonly cookie?: string;
  /**
   * Implementation filters that match the cookie (needs `cookie`): the cookie rules then carry
   * the split's matches and this filter instead of a RegularExpression condition on the
   * `Cookie` header, and sit between the header rules and the weighted rule, which they
   * precede by rule order (Gateway API: among equally specific matches, the first rule wins).
   * @default - a RegularExpression match on the `Cookie` header (implementation-specific)
   */
  readonly cookieFilters?: CanaryCookieFilters;
  /**
   * The requests split (the shared path of the primary and the canary Ingress).
   * @default - every request of the route (PathPrefix "/")
   */
  readonly matches?: HttpRouteMatch[];
  /**
   * Filters applied by every rule of the split (CORS, header changes, …).
   * @default - none
   */
  readonly filters?: HttpFilter[];
  /**
   * Prefix of the rule names (`<prefix>-header`, `-header-never`, `-cookie`,
   * `-cookie-never`, `-weight`); needed to target the rules with policies.
   * @default - the rules are unnamed
   */
  readonly ruleNamePrefix?: string;
  /**
   * Route to add the rules to. Without it the split creates its own HTTPRoute from
   * `parents`, `hostnames` and `metadata`.
   * @default - a new HTTPRoute
   */
  readonly route?: HttpRoute;
  /**
   * Parents of the new HTTPRoute (not allowed with `route`).
   * @default - none yet; add them with `split.route.addParent`
   */
  readonly parents?: IRouteParent[];
  /**
   * Hostnames of the new HTTPRoute (not allowed with `route`).
   * @default - every hostname the parent listeners accept
   */
  readonly hostnames?: string[];
  /**
   * Create ReferenceGrants for backends in other namespaces (new HTTPRoute only).
   * @default true
   */
  readonly createReferenceGrants?: boolean;
}

/**
 * A stable and a canary backend for the same requests, decided like ingress-nginx's canary
 * annotations (`internal/ingress/annotations/canary/main.go`, and
 * `route_to_alternative_balancer()` in `rootfs/etc/nginx/lua/balancer.lua`; see
 * docs/ingress-nginx.md#canarysplit): the header first, then the cookie, then the weight. It
 * adds, in this order, to one HTTPRoute:
 *
 * 1. header → canary (`always`, the exact value or the pattern), with the split's matches plus
 *    the header condition;
 * 2. header `never` → stable (always-or-never mode only);
 * 3. cookie `always` → canary, a RegularExpression condition on the `Cookie` header (or the
 *    `cookieFilters.always` implementation filter);
 * 4. cookie `never` → stable (or `cookieFilters.never`);
 * 5. the split's matches → stable and canary weighted `weightTotal - weight` and `weight`.
 *
 * Rules 1-4 carry one header condition more than rule 5, so Gateway API precedence ("most
 * header matches") picks them over the weighted rule: `never` beats the weight. Between
 * rules 1-4 the count is equal and the rule order decides, so the header beats the cookie.
 * With `cookieFilters`, rules 3-4 have the weighted rule's matches and precede it by rule
 * order, and rules 1-2 still win by their extra header condition.
 *
 * Divergences: nginx matches the cookie name case-insensitively and uses its first
 * occurrence; the Cookie condition is case-sensitive and any occurrence matches (with both
 * `c=always` and `c=never`, `always` wins). A header pattern that fails to compile sends
 * nginx to the stable backend; a gateway rejects the rule. Session affinity is not applied.
 */
export class CanarySplit extends Construct {
  /** The route the rules were added to. */
  public readonly route: HttpRoute;
  /** The canary's share, out of `weightTotal`. */
  public readonly weight: number;
  /** The total the weight is a share of. */
  public readonly weightTotal: number;

  public constructor(scope: Construct, id: string, props: CanarySplitProps) {
    super(scope, id);
    const fail = (msg: string): never => throwAt(this, KIND, msg);
    // ingress-nginx: canary-weight 0, canary-weight-total 100 (docs/ingress-nginx.md#canarysplit).
    this.weightTotal = props.weightTotal ?? DEFAULT_TOTAL;
    this.weight = props.weight ?? 0;
    if (!Number.isInteger(this.weightTotal) || this.weightTotal < DEFAULT_TOTAL || this.weightTotal > MAX_WEIGHT) {
      fail(`weightTotal ${this.weightTotal} must be a whole number from ${DEFAULT_TOTAL} to ${MAX_WEIGHT} (ingress-nginx ignores totals below 100 and uses 100)`);
    }
    if (!Number.isInteger(this.weight) || this.weight < 0 || this.weight > this.weightTotal) {
      fail(`weight ${this.weight} must be a whole number from 0 to weightTotal ${this.weightTotal}`);
    }
    for (const [field, b] of [['stable', props.stable], ['canary', props.canary]] as const) {
      if (b.weight !== undefined) {
        fail(`${field} backend ${b._describe()} has weight ${b.weight}; the split sets the weights, so pass the backend without one and use weight/weightTotal`);
      }
    }
    if (props.cookie !== undefined) {
      const err = checkHeaderName(props.cookie);
      if (err) fail(`cookie: ${err.replace('header name', 'cookie name')}`);
    }
    const matches = props.matches ?? [{ path: PathMatch.prefix('/') }];
    if (matches.length === 0) fail('matches is empty; omit it to split every request');
    if (props.header !== undefined) {
      const name = props.header.headerName.toLowerCase();
      matches.forEach((m, i) => {
        if ((m.headers ?? []).some(h => h.name.toLowerCase() === name)) {
          fail(`matches[${i}] already has a condition on header "${props.header!.headerName}", the canary header; remove it from the match`);
        }
      });
    }
    if (props.cookieFilters !== undefined) {
      if (props.cookie === undefined) fail('cookieFilters is set without cookie; name the canary cookie too');
      for (const [field, f] of [['always', props.cookieFilters.always], ['never', props.cookieFilters.never]] as const) {
        if (f.filterType !== 'ExtensionRef') fail(`cookieFilters.${field} is a ${f.filterType} filter; give an ExtensionRef filter that matches the cookie (HttpFilter.extension)`);
      }
    }
    if (props.cookie !== undefined && props.cookieFilters === undefined) {
      matches.forEach((m, i) => {
        if ((m.headers ?? []).some(h => h.name.toLowerCase() === 'cookie')) {
          fail(`matches[${i}] already has a condition on the Cookie header, which the cookie rules need; remove it from the match`);
        }
      });
    }

    if (props.route !== undefined) {
      const extra = (['parents', 'hostnames', 'metadata', 'createReferenceGrants'] as const).filter(k => props[k] !== undefined);
      if (extra.length > 0) {
        fail(`${extra.join(', ')} cannot be set together with route; they belong to the existing HTTPRoute (set them there)`);
      }
      this.route = props.route;
    } else {
      this.route = new HttpRoute(this, 'Route', {
        metadata: props.metadata,
        parents: props.parents,
        hostnames: props.hostnames,
        createReferenceGrants: props.createReferenceGrants,
      });
    }

    const filters = props.filters ?? [];
    const name = (suffix: string) => (props.ruleNamePrefix === undefined ? undefined : `${props.ruleNamePrefix}-${suffix}`);
    const withHeader = (h: HeaderMatch): HttpRouteMatch[] => matches.map(m => ({ ...m, headers: [...(m.headers ?? []), h] }));
    const only = (b: Backend, suffix: string, h: HeaderMatch): HttpRouteRule => ({
      name: name(suffix), matches: withHeader(h), filters, backends: [b],
    });
    const rules: HttpRouteRule[] = [];
    if (props.header !== undefined) {
      rules.push(only(props.canary, 'header', props.header._canaryMatch()));
      const never = props.header._stableMatch();
      if (never) rules.push(only(props.stable, 'header-never', never));
    }
    if (props.cookie !== undefined && props.cookieFilters !== undefined) {
      const c = props.cookieFilters;
      rules.push({ name: name('cookie'), matches, filters: [c.always, ...filters], backends: [props.canary] });
      rules.push({ name: name('cookie-never'), matches, filters: [c.never, ...filters], backends: [props.stable] });
    } else if (props.cookie !== undefined) {
      rules.push(only(props.canary, 'cookie', cookieMatch(props.cookie, 'always')));
      rules.push(only(props.stable, 'cookie-never', cookieMatch(props.cookie, 'never')));
    }
    rules.push({
      name: name('weight'),
      matches,
      filters,
      backends: [withWeight(props.stable, this.weightTotal - this.weight), withWeight(props.canary, this.weight)],
    });
    if (this.route.ruleCount + rules.length > 16) {
      fail(`the split needs ${rules.length} rules and the route already has ${this.route.ruleCount}; an HTTPRoute holds at most 16 (use a new route)`);
    }
    for (const rule of rules) this.route.addRule(rule);
  }
}

function withWeight(b: Backend, weight: number): Backend {
  return Backend.fromRef({ group: b.group, kind: b.kind, name: b.name, namespace: b.namespace, port: b.port, filters: b.filters, weight });
}
