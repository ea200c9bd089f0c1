import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { sortedEntries } from './header-modifier';
import { HttpFilter } from './http-filter';
import { HttpRouteMatch, PathMatchType, isPrefixMatch, renderHttpRouteMatch } from './http-match';
import { HttpRouteRetry, HttpRouteSessionPersistence, renderRetry, renderSessionPersistence } from './http-route-experimental';
import { mergeResponseHeaders } from './response-headers';
import { Route, RouteProps } from './route-base';
import { Backend, IBackendFilter } from '../core/backend';
import { GatewayApiChannel, ReleaseChannel } from '../core/channel';
import { toGatewayDuration } from '../core/duration';
import { describeConstruct } from '../core/errors';
import { checkHeaderName, checkSectionName } from '../core/formats';
import type * as Exp from '../imports/experimental/gateway.networking.k8s.io';
import * as std from '../imports/standard/gateway.networking.k8s.io';
import { CoveredFinding, reportedFinding } from '../validation/construct-findings';

const KIND = 'HTTPRoute';
const MAX_RULES = 16;
const MAX_MATCHES = 64;
const MAX_TOTAL_MATCHES = 128;
const MAX_BACKENDS = 16;
const MAX_FILTERS = 16;
const FILTER_TYPES = ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'RequestRedirect', 'URLRewrite', 'ExtensionRef', 'CORS', 'ExternalAuth'];
const SINGLE_FILTERS = ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'URLRewrite', 'CORS'];
/** Header values in the Experimental CRDs: visible characters, single spaces or tabs between. */
const VISIBLE_HEADER_VALUE = /^[!-~]+([\t ]?[!-~]+)*$/;

/**
 * One rule of an HTTPRoute: which requests it matches, what it does to them, where it sends them.
 */
export interface HttpRouteRule {
  /**
   * Name of the rule (a lowercase RFC 1123 subdomain, unique within the route), usable as a
   * policy `sectionName`.
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * Matches, ORed (each match ANDs its conditions). At most 64 per rule and 128 per route.
   * @default - every request (Gateway API defaults to one PathPrefix "/" match)
   */
  readonly matches?: HttpRouteMatch[];
  /**
   * Filters applied, in order, to every request the rule matches (at most 16).
   * @default - none
   */
  readonly filters?: HttpFilter[];
  /**
   * Where matched requests go, split by weight (at most 16). Not allowed with a
   * RequestRedirect filter.
   * @default - none; the rule then needs a RequestRedirect or ExtensionRef filter
   */
  readonly backends?: Backend[];
  /**
   * Time for the gateway to answer the client, retries included (`timeouts.request`).
   * `Duration.seconds(0)` disables the timeout.
   * @default - the implementation's default
   */
  readonly timeout?: Duration;
  /**
   * Time for one request from the gateway to a backend (`timeouts.backendRequest`); at most
   * `timeout` unless that is 0.
   * @default - the implementation's default
   */
  readonly backendTimeout?: Duration;
  /**
   * Retry of failed backend requests (Experimental channel only).
   * @default - the implementation's retry behaviour
   */
  readonly retry?: HttpRouteRetry;
  /**
   * Session persistence for the rule's backends (Experimental channel only).
   * @default - no session persistence
   */
  readonly sessionPersistence?: HttpRouteSessionPersistence;
}

/**
 * Properties of an `HttpRoute`.
 */
export interface HttpRouteProps extends RouteProps {
  /**
   * Hostnames the route matches (the `Host` header); lowercase DNS names, a leading `*.` for
   * wildcards. At most 16. More can be added with `addHostname`.
   * @default - every hostname the listener accepts
   */
  readonly hostnames?: string[];
  /**
   * Rules of the route (at most 16). More can be added with `addRule`.
   * @default - none yet; add at least one with `addRule`
   */
  readonly rules?: HttpRouteRule[];
}

/** The `experimentalFields` of most rules (shared: a large app has thousands of rules). */
const NO_FIELDS: string[] = [];
/** The filters of a rule without filters (shared; `addExtensionFilter` replaces it). */
const NO_FILTERS: IBackendFilter[] = [];
const NO_HEADERS: ReadonlyArray<[string, string]> = [];

interface StoredRule {
  readonly name?: string;
  /** Index in `spec.rules` (messages name the rule with `ruleWhere`). */
  readonly index: number;
  readonly filters: IBackendFilter[];
  readonly rendered: any;
  readonly backends: Backend[];
  readonly hasRedirectOrExtension: boolean;
  readonly experimentalFields: string[];
  readonly matchCount: number;
}

/**
 * An HTTPRoute (`gateway.networking.k8s.io/v1`): routes HTTP requests that reach its parent
 * Gateway listeners (HTTP or HTTPS) to backends.
 *
 * Bad input throws at once; whole-route facts (no rules, a rule that would return 500) are
 * reported at synth.
 */
export class HttpRoute extends Route {
  private readonly _rules: StoredRule[] = [];
  // Created when first needed: most routes name no rule and set no route-wide header.
  private _usedRuleNames?: Set<string>;
  private _responseHeaders: ReadonlyArray<[string, string]> = NO_HEADERS;

  public constructor(scope: Construct, id: string, props: HttpRouteProps = {}) {
    super(scope, id, std.HttpRoute.GVK, props);
    this._addHostnames(props.hostnames ?? []);
    for (const rule of props.rules ?? []) this.addRule(rule);
    this.node.addValidation({ validate: () => this._validateRules() });
  }

  /** @internal */
  protected _ruleNames(): string[] {
    return [...this._usedRuleNames ?? []];
  }

  /** Number of rules added so far. */
  public get ruleCount(): number {
    return this._rules.length;
  }

  /** Adds hostnames the route matches (the `Host` header). */
  public addHostname(...hostnames: string[]): void {
    this._addHostnames(hostnames);
  }

  /**
   * Sets response headers on every rule of the route, those added so far and those added
   * later (a route-wide `ResponseHeaderModifier.set`). Each header is merged into the rule's
   * own ResponseHeaderModifier filter, or one is appended when the rule has none, so a rule
   * never carries two. Setting a header again with the same value changes nothing. Throws,
   * and changes no rule, when a rule already sets, adds or removes one of these headers
   * otherwise, or when a rule cannot take the header (16 filters or 16 set headers already).
   */
  public applyResponseHeaders(headers: { [name: string]: string }): void {
    const entries = sortedEntries(headers);
    if (entries.length === 0) this._fail('applyResponseHeaders: no header given; pass at least one');
    const added: Array<[string, string]> = [];
    for (const [name, value] of entries) {
      const err = checkHeaderName(name);
      if (err) this._fail(`applyResponseHeaders: ${err}`);
      const previous = this._responseHeaders.find(([n]) => n.toLowerCase() === name.toLowerCase());
      if (previous && previous[1] !== value) {
        this._fail(`applyResponseHeaders: response header "${name}" is already set on every rule to "${previous[1]}"; it cannot also be "${value}"`);
      }
      if (!previous) added.push([name, value]);
    }
    if (added.length === 0) return;
    // Check every rule first, then change them all: a failure leaves the route as it was.
    const merged = this._rules.map(rule => mergeResponseHeaders(rule.rendered.filters, added, MAX_FILTERS, msg => this._fail(`${ruleWhere(rule)}: ${msg}`)));
    this._rules.forEach((rule, i) => { rule.rendered.filters = merged[i]; });
    this._responseHeaders = [...this._responseHeaders, ...added];
  }

  /**
   * Adds a rule. Throws, naming the rule and field, when the rule breaks a Gateway API limit
   * or a filter combination rule.
   */
  public addRule(rule: HttpRouteRule): void {
    const index = this._rules.length;
    // (messages only: made when one is thrown)
    const where = (): string => ruleWhere({ index, name: rule.name });
    const fail = (msg: string): never => this._fail(`${where()}: ${msg}`);
    if (index >= MAX_RULES) fail(`the route already has ${MAX_RULES} rules, the maximum; split it into several HTTPRoutes`);

    if (rule.name !== undefined) {
      const err = checkSectionName(rule.name);
      if (err) fail(`rule ${err}`);
      if (this._usedRuleNames?.has(rule.name)) fail(`rule name "${rule.name}" is already used in this route`);
    }

    const matches = rule.matches ?? [];
    if (matches.length > MAX_MATCHES) fail(`matches has ${matches.length} entries, the maximum is ${MAX_MATCHES}`);
    const matchCount = Math.max(matches.length, 1); // an empty list defaults to one match
    let total = matchCount;
    for (let r = 0; r < index; r++) total += this._rules[r].matchCount;
    if (total > MAX_TOTAL_MATCHES) {
      fail(`the route would have ${total} matches across its rules, the maximum is ${MAX_TOTAL_MATCHES} (rules without matches count as one)`);
    }
    // The construct path is named only in errors: made when one is thrown.
    let described: string | undefined;
    const prefix = (): string => described ??= `${describeConstruct(this, KIND)}: ${where()}`;
    const renderedMatches = new Array(matches.length);
    for (let i = 0; i < matches.length; i++) renderedMatches[i] = renderHttpRouteMatch(() => `${prefix()}.matches[${i}]`, matches[i]);

    const filters: IBackendFilter[] = rule.filters ?? [];
    if (filters.length > 0) this._checkFilters(() => `${where()}.filters`, filters);
    const backends = rule.backends ?? [];
    if (backends.length > MAX_BACKENDS) fail(`backends has ${backends.length} entries, the maximum is ${MAX_BACKENDS}`);
    // Weights, ports and names were checked by the Backend factories.
    let backendFilters = false;
    for (let i = 0; i < backends.length; i++) {
      const b = backends[i];
      if (b.filters.length === 0) continue;
      backendFilters = true;
      this._checkFilters(() => `${where()}.backendRefs[${i}].filters`, b.filters);
    }

    const hasRedirect = hasFilterOfType(filters, 'RequestRedirect');
    if (hasRedirect && backends.length > 0) {
      fail(`a RequestRedirect filter cannot be used together with backends (${backends.map(b => b._describe()).join(', ')}); the redirect answers the request, so remove the backends or the redirect`);
    }
    // the rule's filters and its backends' (a copy only when backends have filters)
    const allFilters = backendFilters ? filters.concat(...backends.map(b => b.filters)) : filters;
    const prefixFilter = allFilters.length > 0 ? allFilters.find(f => pathModifierOf(f) === 'ReplacePrefixMatch') : undefined;
    if (prefixFilter && !(matches.length === 0 || (matches.length === 1 && isPrefixMatch(matches[0])))) {
      const got = matches.length === 1 ? `its match is ${matches[0].path!.type} "${matches[0].path!.value}"` : `it has ${matches.length} matches`;
      fail(`the ${prefixFilter.filterType} filter uses ReplacePrefixMatch, which needs exactly one ${PathMatchType.PATH_PREFIX} match; ${got}`);
    }

    const timeouts = rule.timeout === undefined && rule.backendTimeout === undefined ? undefined : this._renderTimeouts(where, rule);
    const experimentalFields = rule.retry === undefined && rule.sessionPersistence === undefined && !hasFilterOfType(allFilters, 'ExternalAuth')
      ? NO_FIELDS
      : [
        ...rule.retry !== undefined ? ['retry'] : [],
        ...rule.sessionPersistence !== undefined ? ['sessionPersistence'] : [],
        ...hasFilterOfType(allFilters, 'ExternalAuth') ? ['the ExternalAuth filter'] : [],
      ];
    for (const field of experimentalFields) this._requireExperimental(`${where()}: ${field}`);
    const retry = rule.retry === undefined ? undefined : renderRetry(`${prefix()}.retry`, rule.retry);
    const sessionPersistence = rule.sessionPersistence === undefined ? undefined
      : renderSessionPersistence(`${prefix()}.sessionPersistence`, rule.sessionPersistence);

    const renderedFilters = filters.length ? filters.map(f => f.renderFilter()) : undefined;
    const rendered = {
      name: rule.name,
      matches: renderedMatches.length ? renderedMatches : undefined,
      filters: this._responseHeaders.length
        ? mergeResponseHeaders(renderedFilters, this._responseHeaders, MAX_FILTERS, msg => fail(`${msg} (set on every rule by applyResponseHeaders)`))
        : renderedFilters,
      backendRefs: backends.length ? renderBackends(backends, this.namespace) : undefined,
      timeouts,
      retry,
      sessionPersistence,
    };

    // Everything is valid: record the rule and the backends it sends traffic to.
    for (const b of backends) this._useBackend(b);
    for (let i = 0; i < allFilters.length; i++) {
      for (const b of filterBackends(allFilters[i])) this._useBackend(b);
    }
    if (rule.name !== undefined) (this._usedRuleNames ??= new Set()).add(rule.name);
    this._rules.push({
      name: rule.name,
      index,
      filters: filters.length > 0 ? [...filters] : NO_FILTERS,
      rendered,
      backends: [...backends],
      hasRedirectOrExtension: hasRedirect || hasFilterOfType(filters, 'ExtensionRef'),
      experimentalFields,
      matchCount,
    });
  }

  /**
   * Appends an `ExtensionRef` filter (`HttpFilter.extension` or `HttpFilter.extensionRef`) to
   * the rule named `ruleName`, or, without a name, to every rule added so far. Implementation
   * profiles use it to attach the filter objects they create (an NGINX Gateway Fabric
   * `AuthenticationFilter`, an Envoy Gateway `HTTPRouteFilter`) to rules that exist. Other
   * filter types go in `addRule`. Every rule is checked before any is changed.
   */
  public addExtensionFilter(filter: HttpFilter, ruleName?: string): void {
    if (filter.filterType !== 'ExtensionRef') {
      this._fail(`addExtensionFilter: only ExtensionRef filters can be added to rules already added, not ${filter.filterType}; pass it in addRule({ filters })`);
    }
    const rules = ruleName === undefined ? this._rules : this._rules.filter(r => r.name === ruleName);
    if (rules.length === 0) {
      const names = this._rules.map(r => r.name).filter(n => n !== undefined).map(n => `"${n}"`);
      this._fail(ruleName === undefined
        ? 'addExtensionFilter: the route has no rules yet; add the rules first'
        : `addExtensionFilter: no rule named "${ruleName}" (named rules: ${names.length > 0 ? names.join(', ') : 'none'}); add the rule with that name first`);
    }
    for (const rule of rules) {
      this._checkFilters(() => `${ruleWhere(rule)}.filters`, [...rule.filters, filter]);
      if ((rule.rendered.filters ?? []).length >= MAX_FILTERS) {
        this._fail(`${ruleWhere(rule)}.filters already has ${MAX_FILTERS} entries, the maximum`);
      }
    }
    for (const rule of rules) {
      (rule as { filters: IBackendFilter[] }).filters = [...rule.filters, filter]; // (a new list: NO_FILTERS is shared)
      rule.rendered.filters = [...(rule.rendered.filters ?? []), filter.renderFilter()];
      (rule as { hasRedirectOrExtension: boolean }).hasRedirectOrExtension = true;
    }
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
      rules: this._rules.length ? this._rules.map(r => r.rendered) : undefined,
    };
  }

  /** @internal */
  protected _specJson(spec: any): any {
    return GatewayApiChannel.of(this) === ReleaseChannel.EXPERIMENTAL
      ? experimentalBindings().toJson_HttpRouteSpec(spec)
      : std.toJson_HttpRouteSpec(spec);
  }

  private _requireExperimental(what: string): void {
    if (GatewayApiChannel.of(this) !== ReleaseChannel.EXPERIMENTAL) {
      this._fail(`${what} exists only in the Experimental channel of Gateway API; call GatewayApiChannel.useExperimental(app) before adding this rule, or remove it`);
    }
  }

  private _checkFilters(whereOf: () => string, filters: IBackendFilter[]): void {
    if (filters.length > MAX_FILTERS) this._fail(`${whereOf()} has ${filters.length} entries, the maximum is ${MAX_FILTERS}`);
    const counts = new Map<string, number>();
    for (const f of filters) {
      if (!f.routeKinds.includes(KIND) || !FILTER_TYPES.includes(f.filterType)) {
        this._fail(`${whereOf()}: a ${f.filterType} filter for ${f.routeKinds.join('/')} cannot be used in an HTTPRoute; use an HttpFilter`);
      }
      counts.set(f.filterType, (counts.get(f.filterType) ?? 0) + 1);
      const ns = f instanceof HttpFilter ? f._extensionNamespace : undefined;
      if (ns !== undefined && this.namespace !== undefined && ns !== this.namespace) {
        this._fail(`${whereOf()}: the ExtensionRef filter ${(f as HttpFilter)._extensionName} is in namespace "${ns}", not the route's namespace "${this.namespace}"; an ExtensionRef names an object in the route's own namespace, so create the filter there`);
      }
    }
    for (const type of SINGLE_FILTERS) {
      const n = counts.get(type) ?? 0;
      if (n > 1) this._fail(`${whereOf()}: the ${type} filter appears ${n} times; it may appear only once per list (merge them)`);
    }
    if (counts.has('RequestRedirect') && counts.has('URLRewrite')) {
      this._fail(`${whereOf()}: RequestRedirect and URLRewrite cannot be used together; a redirect already sets the target URL`);
    }
  }

  private _renderTimeouts(whereOf: () => string, rule: HttpRouteRule): any {
    const request = this._duration(() => `${whereOf()}: timeout`, rule.timeout);
    const backendRequest = this._duration(() => `${whereOf()}: backendTimeout`, rule.backendTimeout);
    if (request === undefined && backendRequest === undefined) return undefined;
    const requestMs = rule.timeout?.toMilliseconds();
    const backendMs = rule.backendTimeout?.toMilliseconds();
    if (requestMs !== undefined && backendMs !== undefined && requestMs !== 0 && backendMs > requestMs) {
      this._fail(`${whereOf()}: backendTimeout ${backendRequest} is longer than timeout ${request}; a backend request cannot outlive the whole request (use a timeout of 0s to disable it)`);
    }
    return { request, backendRequest };
  }

  private _duration(what: () => string, duration: Duration | undefined): string | undefined {
    if (duration === undefined) return undefined;
    const { value, error } = toGatewayDuration(duration);
    if (error) this._fail(`${what()}: ${error}`);
    return value;
  }

  private _validateRules(): string[] {
    if (this._rules.length === 0) {
      return [reportedFinding(this.apiObject, { path: 'spec.rules' }, 'HTTPRoute has no rules; add one with addRule() (without rules it matches every request and answers 500)')];
    }
    const errors: string[] = [];
    const experimental = GatewayApiChannel.of(this) === ReleaseChannel.EXPERIMENTAL;
    this._rules.forEach((rule, i) => {
      // `covers`: what the validator would report again about this rule (nothing for the 500s).
      const report = (message: string, covers?: CoveredFinding) => errors.push(covers === undefined ? `${ruleWhere(rule)}: ${message}`
        : reportedFinding(this.apiObject, { path: `spec.rules[${i}]`, ...covers }, `${ruleWhere(rule)}: ${message}`));
      if (rule.backends.length > 0 && rule.backends.every(b => b.weight === 0)) {
        report(`every backend has weight 0 (${rule.backends.map(b => b._describe()).join(', ')}), so all matched requests get HTTP 500; give at least one backend a positive weight`);
      }
      if (rule.backends.length === 0 && !rule.hasRedirectOrExtension) {
        report('the rule has no backends and no RequestRedirect or ExtensionRef filter, so matched requests get HTTP 500; add backends or a redirect');
      }
      if (!experimental && rule.experimentalFields.length > 0) {
        report(`${rule.experimentalFields.join(', ')} exist only in the Experimental channel, but the route targets Standard; call GatewayApiChannel.useExperimental(app) or remove them`,
          { code: 'schema', message: 'unknown field' });
      }
      if (experimental) {
        for (const value of headerValues(rule.rendered)) {
          if (!VISIBLE_HEADER_VALUE.test(value)) {
            report(`header value ${JSON.stringify(value)} is rejected by the Experimental CRDs (visible characters only, single spaces or tabs between them)`, {});
          }
        }
      }
    });
    return errors;
  }
}

/** How messages name a rule: `spec.rules[i]`, with its name when it has one. */
function ruleWhere(rule: { readonly index: number; readonly name?: string }): string {
  return `spec.rules[${rule.index}]${rule.name !== undefined ? ` ("${rule.name}")` : ''}`;
}

/** Whether a filter of the type is in the list. */
function hasFilterOfType(filters: readonly IBackendFilter[], type: string): boolean {
  for (let i = 0; i < filters.length; i++) if (filters[i].filterType === type) return true;
  return false;
}


function renderBackends(backends: readonly Backend[], routeNamespace: string | undefined): any[] {
  const out = new Array(backends.length);
  for (let i = 0; i < backends.length; i++) out[i] = renderBackend(backends[i], routeNamespace);
  return out;
}

function renderBackend(b: Backend, routeNamespace: string | undefined): any {
  // Not `{ ...ref, filters }`: a spread copy of a fresh object gets a hidden class of its own
  // in V8 (kilobytes per route in a large app).
  const ref = b._toKube(routeNamespace);
  ref.filters = b.filters.length ? b.filters.map(f => f.renderFilter()) : undefined;
  return ref;
}

/** The path modifier type of a RequestRedirect or URLRewrite filter. */
function pathModifierOf(f: IBackendFilter): string | undefined {
  if (f instanceof HttpFilter) return f._pathModifierType();
  const r = f.renderFilter();
  return (r.requestRedirect ?? r.urlRewrite)?.path?.type;
}

/** Backends a filter sends requests to (mirror and external auth targets). */
function filterBackends(f: IBackendFilter): Backend[] {
  if (f instanceof HttpFilter) return f.backend ? [f.backend] : [];
  const r = f.renderFilter();
  const ref = r.requestMirror?.backendRef ?? r.externalAuth?.backendRef;
  return ref ? [Backend.fromRef({ group: ref.group, kind: ref.kind, name: ref.name, namespace: ref.namespace, port: ref.port })] : [];
}

/** Every header value in a rendered rule (match conditions and header modifiers). */
function headerValues(rule: any): string[] {
  const values: string[] = [];
  for (const m of rule.matches ?? []) values.push(...(m.headers ?? []).map((h: any) => h.value));
  const filters = [...(rule.filters ?? []), ...(rule.backendRefs ?? []).flatMap((b: any) => b.filters ?? [])];
  for (const f of filters) {
    const mod = f.requestHeaderModifier ?? f.responseHeaderModifier;
    if (!mod) continue;
    for (const h of [...(mod.set ?? []), ...(mod.add ?? [])]) values.push(h.value);
  }
  return values;
}

let experimental: typeof Exp | undefined;

/** The Experimental channel's L1 bindings, loaded on first use (most apps target Standard). */
function experimentalBindings(): typeof Exp {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return experimental ??= require('../imports/experimental/gateway.networking.k8s.io') as typeof Exp;
}
