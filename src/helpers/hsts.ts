import { Duration } from 'cdk8s';
import { throwIn } from '../core/errors';
import { HttpFilter } from '../routes/http-filter';
import { HttpRoute, HttpRouteRule } from '../routes/http-route';
import { mergeResponseHeaders } from '../routes/response-headers';
import { describeParent } from '../routes/route-base';

const HEADER = 'Strict-Transport-Security';
const MAX_FILTERS = 16;
/** ingress-nginx `hsts-max-age` default: one year (`config.go` `NewDefault()`; docs/ingress-nginx.md#hsts). */
const DEFAULT_MAX_AGE_SECONDS = 31536000;
/** Routes that already carry the HTTP-listener check (one check per route). */
const CHECKED = new WeakSet<HttpRoute>();

/**
 * Options of `Hsts.of`. The defaults are ingress-nginx's (`hsts: true`,
 * `hsts-max-age: "31536000"`, `hsts-include-subdomains: true`, `hsts-preload: false`).
 */
export interface HstsOptions {
  /**
   * How long browsers remember to use HTTPS only (`max-age`), in whole seconds. `0` tells
   * them to forget the policy.
   * @default Duration.seconds(31536000) - one year, ingress-nginx's `hsts-max-age`
   */
  readonly maxAge?: Duration;
  /**
   * Whether the policy covers every subdomain (`; includeSubDomains`).
   * @default true - ingress-nginx's `hsts-include-subdomains`
   */
  readonly includeSubDomains?: boolean;
  /**
   * Whether to ask for inclusion in browsers' preload lists (`; preload`).
   * @default false - ingress-nginx's `hsts-preload`
   */
  readonly preload?: boolean;
}

/**
 * The `Strict-Transport-Security` response header (HSTS) as ingress-nginx sends it on every
 * HTTPS response: `max-age=31536000; includeSubDomains` by default.
 *
 * Apply it to a route (`applyToRoute`, every rule, present and future) or to one rule before
 * adding it (`applyToRule`). Either way the header is merged into the rule's
 * ResponseHeaderModifier filter when it has one, so no rule carries two. Attach the route to
 * HTTPS listeners only: ingress-nginx never sends the header on plain HTTP
 * (`_M.header()` in ingress-nginx's `rootfs/etc/nginx/lua/lua_ingress.lua`; see
 * docs/ingress-nginx.md#hsts).
 *
 * Divergence: Gateway API sets the header per rule, so responses that match no rule (404)
 * carry no HSTS header, where ingress-nginx adds it to every HTTPS response.
 */
export class Hsts {
  /** The header name, `Strict-Transport-Security`. */
  public static readonly HEADER_NAME = HEADER;

  /** An HSTS header; without options it is ingress-nginx's default. */
  public static of(options: HstsOptions = {}): Hsts {
    const maxAge = options.maxAge ?? Duration.seconds(DEFAULT_MAX_AGE_SECONDS);
    const ms = maxAge.toMilliseconds({ integral: false });
    if (ms < 0 || ms % 1000 !== 0) {
      throwIn('Hsts.of', `maxAge ${ms}ms must be a whole number of seconds, 0 or more (max-age is sent in seconds)`);
    }
    return new Hsts(maxAge, options.includeSubDomains ?? true, options.preload ?? false);
  }

  /** The header value, e.g. `max-age=31536000; includeSubDomains`. */
  public readonly value: string;

  private constructor(
    /** How long browsers remember the policy. */
    public readonly maxAge: Duration,
    /** Whether the policy covers subdomains. */
    public readonly includeSubDomains: boolean,
    /** Whether preloading is requested. */
    public readonly preload: boolean) {
    // Same order as ingress-nginx's lua_ingress.lua `_M.header()`.
    this.value = `max-age=${maxAge.toSeconds()}${includeSubDomains ? '; includeSubDomains' : ''}${preload ? '; preload' : ''}`;
  }

  /** A ResponseHeaderModifier filter that sets the header (for a rule that has none yet). */
  public toFilter(): HttpFilter {
    return HttpFilter.responseHeaderModifier({ set: { [HEADER]: this.value } });
  }

  /**
   * Sets the header on every rule of `route`, those added so far and those added later,
   * merging it into each rule's ResponseHeaderModifier filter. At synth, a parent known to
   * have a plain HTTP listener is an error.
   */
  public applyToRoute(route: HttpRoute): void {
    route.applyResponseHeaders({ [HEADER]: this.value });
    if (CHECKED.has(route)) return;
    CHECKED.add(route);
    route.node.addValidation({ validate: () => httpParents(route) });
  }

  /**
   * A copy of `rule` whose filters set the header: merged into its ResponseHeaderModifier
   * filter when it has one, otherwise a new one appended.
   */
  public applyToRule(rule: HttpRouteRule): HttpRouteRule {
    const where = `Hsts.applyToRule${rule.name !== undefined ? ` (rule "${rule.name}")` : ''}`;
    const filters = rule.filters ?? [];
    const merged = mergeResponseHeaders(filters.map(f => f.renderFilter()), [[HEADER, this.value]], MAX_FILTERS, msg => throwIn(where, msg));
    const index = filters.findIndex(f => f.filterType === 'ResponseHeaderModifier');
    const modifier = merged[index === -1 ? merged.length - 1 : index].responseHeaderModifier;
    const rebuilt = HttpFilter.responseHeaderModifier({
      set: Object.fromEntries((modifier.set ?? []).map((h: any) => [h.name, h.value])),
      add: modifier.add ? Object.fromEntries(modifier.add.map((h: any) => [h.name, h.value])) : undefined,
      remove: modifier.remove,
    });
    return {
      ...rule,
      filters: index === -1 ? [...filters, rebuilt] : filters.map((f, i) => (i === index ? rebuilt : f)),
    };
  }
}

/** Errors for parents of `route` known to have a plain HTTP listener. */
function httpParents(route: HttpRoute): string[] {
  const errors: string[] = [];
  for (const parent of route.parents) {
    const http = (parent.knownListeners() ?? []).filter(l => l.protocol === 'HTTP');
    if (http.length === 0) continue;
    errors.push(`Hsts: parent ${describeParent(parent.toParentReference())} has plain HTTP listener(s) ${http.map(l => `"${l.name}"`).join(', ')}; `
      + 'ingress-nginx sends Strict-Transport-Security on HTTPS responses only, so attach this route to the HTTPS listener (gateway.listener(\'https\')) and redirect HTTP with SslRedirect');
  }
  return errors;
}
