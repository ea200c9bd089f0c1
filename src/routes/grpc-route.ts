import { Construct } from 'constructs';
import { GrpcFilter } from './grpc-filter';
import { GrpcRouteMatch } from './grpc-match';
import { checkUniqueHeaders } from './header-match';
import { Route, RouteProps } from './route-base';
import { Backend, IBackendFilter } from '../core/backend';
import { checkSectionName } from '../core/formats';
import * as l1 from '../imports/standard/gateway.networking.k8s.io';
import { reportedFinding } from '../validation/construct-findings';

const ROUTE_KIND = 'GRPCRoute';
const MAX_RULES = 16;
const MAX_MATCHES_PER_RULE = 64;
const MAX_MATCHES_TOTAL = 128;
const MAX_HEADERS = 16;
const MAX_FILTERS = 16;
const MAX_BACKENDS = 16;
const UNIQUE_FILTERS = ['RequestHeaderModifier', 'ResponseHeaderModifier'];

/**
 * One GRPCRoute rule: which calls it matches, how it changes them, and where it sends them.
 */
export interface GrpcRouteRule {
  /**
   * Name of the rule, unique within the route (a lowercase RFC 1123 subdomain). Policies
   * and status refer to the rule by this name.
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * Conditions, ORed: a call matches the rule when it matches any of them. At most 64 per
   * rule and 128 across the route.
   * @default - every call
   */
  readonly matches?: GrpcRouteMatch[];
  /**
   * Filters applied, in order, to every call the rule matches (at most 16).
   * @default - none
   */
  readonly filters?: GrpcFilter[];
  /**
   * Where matching calls go, split by weight (at most 16). Per-backend filters must be
   * GRPCRoute filters.
   * @default - none; the implementation answers matching calls with an error
   */
  readonly backends?: Backend[];
}

/**
 * Properties of a GrpcRoute.
 */
export interface GrpcRouteProps extends RouteProps {
  /**
   * Hostnames (`:authority`) the route matches; a wildcard is allowed as the first label.
   * More can be added with `addHostname`.
   * @default - every hostname the listener accepts
   */
  readonly hostnames?: string[];
  /**
   * Rules of the route (at most 16). More can be added with `addRule`.
   * @default - none yet; at least one is required at synth
   */
  readonly rules?: GrpcRouteRule[];
}

interface StoredRule {
  readonly name?: string;
  readonly matches: GrpcRouteMatch[];
  readonly filters: GrpcFilter[];
  readonly backends: Backend[];
}

/**
 * A GRPCRoute: routes gRPC calls by service, method and metadata from HTTP or HTTPS
 * listeners to backends.
 *
 * Backends in another namespace get a narrowly scoped ReferenceGrant unless
 * `createReferenceGrants` is false.
 */
export class GrpcRoute extends Route {
  private readonly _rules: StoredRule[] = [];

  public constructor(scope: Construct, id: string, props: GrpcRouteProps = {}) {
    super(scope, id, l1.GrpcRoute.GVK, props);
    for (const hostname of props.hostnames ?? []) this.addHostname(hostname);
    for (const rule of props.rules ?? []) this.addRule(rule);
    this.node.addValidation({ validate: () => this._validateRules() });
  }

  /** @internal */
  protected _ruleNames(): string[] {
    return this._rules.map(r => r.name).filter((n): n is string => n !== undefined);
  }

  /** The number of rules added so far. */
  public get ruleCount(): number {
    return this._rules.length;
  }

  /**
   * Adds a hostname (`:authority`) the route matches. Repeats are ignored; at most 16.
   */
  public addHostname(hostname: string): void {
    this._addHostnames([hostname]);
  }

  /**
   * Adds a rule. Throws when a limit is exceeded, the name is invalid or repeated, a
   * filter that may not repeat appears twice, or a backend filter is not a GRPCRoute filter.
   */
  public addRule(rule: GrpcRouteRule): void {
    const where = `spec.rules[${this._rules.length}]${rule.name !== undefined ? ` ("${rule.name}")` : ''}`;
    if (this._rules.length >= MAX_RULES) {
      this._fail(`spec.rules already has ${MAX_RULES} entries, the maximum; split the route`);
    }
    if (rule.name !== undefined) {
      const err = checkSectionName(rule.name);
      if (err) this._fail(`${where}: rule ${err}`);
      if (this._rules.some(r => r.name === rule.name)) {
        this._fail(`${where}: a rule named "${rule.name}" already exists; rule names must be unique`);
      }
    }
    const matches = [...rule.matches ?? []];
    if (matches.length > MAX_MATCHES_PER_RULE) {
      this._fail(`${where}: ${matches.length} matches, the maximum is ${MAX_MATCHES_PER_RULE} per rule`);
    }
    const total = this._rules.reduce((n, r) => n + r.matches.length, 0) + matches.length;
    if (total > MAX_MATCHES_TOTAL) {
      this._fail(`${where}: the route would have ${total} matches, the maximum is ${MAX_MATCHES_TOTAL} across all rules`);
    }
    matches.forEach((m, i) => {
      const headers = m.headers ?? [];
      if (headers.length > MAX_HEADERS) {
        this._fail(`${where}.matches[${i}]: ${headers.length} headers, the maximum is ${MAX_HEADERS}`);
      }
      try {
        checkUniqueHeaders(`${where}.matches[${i}]`, headers);
      } catch (e) {
        this._fail((e as Error).message);
      }
    });
    const filters = [...rule.filters ?? []];
    this._checkFilters(`${where}.filters`, filters);
    const backends = [...rule.backends ?? []];
    if (backends.length > MAX_BACKENDS) {
      this._fail(`${where}: ${backends.length} backends, the maximum is ${MAX_BACKENDS}`);
    }
    backends.forEach((b, i) => this._checkFilters(`${where}.backendRefs[${i}] (${b._describe()}) filters`, b.filters));

    for (const b of backends) this._useBackend(b);
    for (const f of [...filters, ...backends.flatMap(b => b.filters)]) {
      if (f instanceof GrpcFilter && f._mirrorBackend) this._useBackend(f._mirrorBackend);
    }
    this._rules.push({ name: rule.name, matches, filters, backends });
  }

  /** @internal */
  protected _listenerProtocols(): string[] {
    return ['HTTP', 'HTTPS'];
  }

  /** @internal */
  protected _toSpec(): any {
    return {
      parentRefs: this._renderParentRefs(),
      hostnames: this._renderHostnames(),
      rules: this._rules.length > 0 ? this._rules.map(r => renderRule(r, this.namespace)) : undefined,
    };
  }

  /** @internal */
  protected _specJson(spec: any): any {
    return l1.toJson_GrpcRouteSpec(spec);
  }

  private _checkFilters(where: string, filters: IBackendFilter[]): void {
    if (filters.length > MAX_FILTERS) {
      this._fail(`${where}: ${filters.length} filters, the maximum is ${MAX_FILTERS}`);
    }
    const seen = new Set<string>();
    for (const f of filters) {
      if (!f.routeKinds.includes(ROUTE_KIND)) {
        this._fail(`${where}: a ${f.filterType} filter for ${f.routeKinds.join('/')} cannot be used in a ${ROUTE_KIND}; use GrpcFilter`);
      }
      if (UNIQUE_FILTERS.includes(f.filterType)) {
        if (seen.has(f.filterType)) {
          this._fail(`${where}: ${f.filterType} appears more than once; merge the header changes into one filter`);
        }
        seen.add(f.filterType);
      }
    }
  }

  private _validateRules(): string[] {
    if (this._rules.length === 0) {
      return [reportedFinding(this.apiObject, { path: 'spec.rules' }, 'GRPCRoute has no rules; pass rules or call addRule()')];
    }
    const errors: string[] = [];
    this._rules.forEach((r, i) => {
      if (r.backends.length > 0 && r.backends.every(b => b.weight === 0)) {
        errors.push(`spec.rules[${i}]${r.name !== undefined ? ` ("${r.name}")` : ''}: every backend has weight 0, so the rule sends no traffic; give at least one backend a positive weight`);
      }
    });
    return errors;
  }
}

function renderRule(rule: StoredRule, routeNamespace: string | undefined): any {
  return {
    name: rule.name,
    matches: rule.matches.length > 0 ? rule.matches.map(m => ({
      method: m.method?._toKube(),
      headers: m.headers && m.headers.length > 0 ? m.headers.map(h => h._toKube()) : undefined,
    })) : undefined,
    filters: rule.filters.length > 0 ? rule.filters.map(f => f.renderFilter()) : undefined,
    backendRefs: rule.backends.length > 0 ? rule.backends.map(b => ({
      ...b._toKube(routeNamespace),
      filters: b.filters.length > 0 ? b.filters.map(f => f.renderFilter()) : undefined,
    })) : undefined,
  };
}
