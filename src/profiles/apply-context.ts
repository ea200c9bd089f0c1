import { Duration } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Behavior, BehaviorSet, CookieSameSite, Fidelity, HstsBehavior, LoadBalancingAlgorithm, RetryCondition } from './behaviors';
import { BehaviorVerdict, ProfileResult } from './results';
import { ProfileName, verdictOf } from './verdicts';
import { Backend } from '../core/backend';
import { throwIn } from '../core/errors';
import { checkHostname, checkObjectName, checkPort } from '../core/formats';
import { IPolicyTarget, PolicyTargetReference } from '../core/references';
import { sizeInBytes } from '../core/size';
import { HttpFilter } from '../routes/http-filter';
import { HttpRoute } from '../routes/http-route';
import { RouteRuleTarget } from '../routes/route-base';
import { parseAddr } from '../validation/formats';

const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/**
 * ingress-nginx's `limit-burst-multiplier` default (`annotations/ratelimit/main.go`).
 * @internal
 */
export const DEFAULT_BURST_MULTIPLIER = 5;

/**
 * ingress-nginx's `limit-req-status-code` default (`config.go` `NewDefault()`).
 * @internal
 */
export const DEFAULT_REJECT_STATUS = 503;


/** What a target is, for the attachment rules of each implementation. */
export enum TargetShape {
  /** A whole Gateway or ListenerSet. */
  GATEWAY = 'gateway',
  /** One listener of a Gateway or ListenerSet. */
  LISTENER = 'listener',
  /** A whole HTTPRoute or GRPCRoute. */
  ROUTE = 'route',
  /** One named rule of a route. */
  RULE = 'rule',
  /** Anything else (a Service, an implementation's kind). */
  OTHER = 'other',
}

/** A verdict that differs from the profile's general one for this target or these values. */
export interface VerdictOverride {
  readonly fidelity: Fidelity;
  readonly note: string;
  readonly emits?: string;
}

/**
 * The state of one `ImplementationProfile.apply` call: the target, the verdicts given so far
 * and the resources created.
 * @internal
 */
export class ApplyContext {
  public readonly ref: PolicyTargetReference;
  public readonly shape: TargetShape;
  private readonly verdicts: BehaviorVerdict[] = [];
  private readonly resources: IConstruct[] = [];
  private readonly backends: Backend[] = [];

  public constructor(
    public readonly scope: Construct,
    public readonly profile: ProfileName,
    public readonly target: IPolicyTarget,
    public readonly services: IPolicyTarget[]) {
    this.ref = target.toPolicyTargetReference();
    this.shape = shapeOf(this.ref);
  }

  /** `Gateway "edge"`, `HTTPRoute "shop/upload"` (route/rule). */
  public get describeTarget(): string {
    return `${this.ref.kind} "${this.ref.name}${this.ref.sectionName ? `/${this.ref.sectionName}` : ''}"`;
  }

  /**
   * Metadata of the resources created: in the target's namespace when it is known (a policy
   * attaches only to targets of its own namespace), else the chart's.
   */
  public metadata(): { namespace?: string } {
    const namespace = this.target.targetNamespace;
    return namespace === undefined ? {} : { namespace };
  }

  /** Records the verdict on a behaviour: the profile's general one, or `override`. */
  public verdict(behavior: Behavior, override?: VerdictOverride): void {
    const general = verdictOf(behavior, this.profile);
    this.verdicts.push({
      behavior,
      profile: this.profile,
      fidelity: override?.fidelity ?? general.fidelity,
      emits: override === undefined ? general.emits : override.emits ?? (override.fidelity === Fidelity.UNSUPPORTED ? '-' : general.emits),
      note: override?.note ?? general.note,
      target: this.describeTarget,
    });
  }

  /** Records an unsupported verdict with its reason. */
  public unsupported(behavior: Behavior, note: string): void {
    this.verdict(behavior, { fidelity: Fidelity.UNSUPPORTED, note });
  }

  /**
   * Load balancing, hash key and cookie affinity set one thing: ingress-nginx's precedence is
   * affinity, then `upstream-hash-by`, then `load-balance` (`controller.go`,
   * `rootfs/etc/nginx/lua/balancer.lua`). True, with the verdict recorded, when `behavior` is
   * superseded by another of them in `set`.
   */
  public balancingSuperseded(set: BehaviorSet, behavior: Behavior): boolean {
    const winner = set.cookieAffinity !== undefined ? Behavior.COOKIE_AFFINITY
      : set.hashKey !== undefined ? Behavior.HASH_KEY : Behavior.LOAD_BALANCING;
    if (behavior === winner) return false;
    const by = winner === Behavior.COOKIE_AFFINITY ? 'cookie affinity' : 'the hash key';
    this.verdict(behavior, { fidelity: Fidelity.EXACT, emits: `- (${by} takes precedence, as in ingress-nginx)`, note: '' });
    return true;
  }

  /** Records a created construct. */
  public add<T extends IConstruct>(resource: T): T {
    this.resources.push(resource);
    return resource;
  }

  /** Records a backend the rules should use. */
  public addBackend(backend: Backend): void {
    this.backends.push(backend);
  }

  /** The target HTTPRoute (whole or one rule), when the target is one of this app. */
  public httpRoute(): HttpRoute | undefined {
    const route = this.target instanceof RouteRuleTarget ? this.target.route : this.target;
    return route instanceof HttpRoute ? route : undefined;
  }

  /**
   * Appends an ExtensionRef filter to the target rule (or every rule of the target route).
   * Returns why it cannot, or undefined when done.
   */
  public attachFilter(filter: HttpFilter): string | undefined {
    const route = this.httpRoute();
    if (route === undefined) {
      return `the filter attaches to HTTPRoute rules, and the target is ${this.describeTarget}; apply it to the HTTPRoutes (or one rule: route.ruleTarget('name'))`;
    }
    route.addExtensionFilter(filter, this.target instanceof RouteRuleTarget ? this.target.ruleName : undefined);
    return undefined;
  }

  /** The result of the call. */
  public result(): ProfileResult {
    const order = Object.values(Behavior) as string[];
    const verdicts = [...this.verdicts].sort((a, b) => order.indexOf(a.behavior) - order.indexOf(b.behavior));
    return { verdicts, resources: [...this.resources], backends: [...this.backends] };
  }
}

function shapeOf(ref: PolicyTargetReference): TargetShape {
  if (ref.group !== GATEWAY_GROUP) return TargetShape.OTHER;
  if (ref.kind === 'Gateway' || ref.kind === 'ListenerSet') return ref.sectionName ? TargetShape.LISTENER : TargetShape.GATEWAY;
  if (ref.kind === 'HTTPRoute' || ref.kind === 'GRPCRoute') return ref.sectionName ? TargetShape.RULE : TargetShape.ROUTE;
  return TargetShape.OTHER;
}

/** The `Strict-Transport-Security` value of an HSTS behaviour (ingress-nginx's format). */
export function hstsValue(hsts: HstsBehavior): string {
  const seconds = (hsts.maxAge ?? Duration.seconds(31536000)).toSeconds();
  return `max-age=${seconds}${hsts.includeSubDomains ?? true ? '; includeSubDomains' : ''}${hsts.preload ? '; preload' : ''}`;
}

/** The larger of two optional durations. */
export function longer(a: Duration | undefined, b: Duration | undefined): Duration | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a.toMilliseconds() >= b.toMilliseconds() ? a : b;
}

/** A CIDR, with a plain address turned into a /32 or /128 CIDR; undefined when invalid. */
export function toCidr(value: string): string | undefined {
  const [addr, prefix, ...rest] = value.split('/');
  const ip = parseAddr(addr);
  if (ip === undefined || ip.zone !== '' || rest.length > 0) return undefined;
  const bits = ip.bytes.length * 8;
  if (prefix === undefined) return `${addr}/${bits}`;
  if (!/^(0|[1-9][0-9]{0,2})$/.test(prefix) || Number(prefix) > bits) return undefined;
  return value;
}

/** An RFC 6265 cookie name: an RFC 7230 token. */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

const positiveInteger = (n: number | undefined) => n === undefined || (Number.isInteger(n) && n > 0);

/** Checks the values of a behaviour set; throws naming the field, the value and the fix. */
export function checkBehaviorSet(where: string, set: BehaviorSet): void {
  const fail = (msg: string): never => throwIn(where, msg);
  if (set.retries) {
    const tries = set.retries.tries;
    if (tries !== undefined && (!Number.isInteger(tries) || tries < 1 || tries > 100)) fail(`retries.tries ${tries} must be a whole number from 1 to 100 (the first try included)`);
    for (const c of set.retries.conditions ?? []) {
      if (!Object.values(RetryCondition).includes(c)) fail(`retries.conditions: "${c}" is not a RetryCondition`);
    }
  }
  if (set.loadBalancing !== undefined && !Object.values(LoadBalancingAlgorithm).includes(set.loadBalancing)) {
    fail(`loadBalancing "${set.loadBalancing}" is not a LoadBalancingAlgorithm (round_robin or ewma)`);
  }
  if (set.hashKey !== undefined && !/^\$[A-Za-z0-9_]+$/.test(set.hashKey)) {
    fail(`hashKey "${set.hashKey}" must be one nginx variable such as $remote_addr, $http_x_user or $cookie_session`);
  }
  if (set.cookieAffinity) {
    const { cookieName, path } = set.cookieAffinity;
    if (cookieName !== undefined && !COOKIE_NAME.test(cookieName)) fail(`cookieAffinity.cookieName "${cookieName}" is not an RFC 6265 cookie name (a non-empty token without spaces, "=", ";" or quotes)`);
    if (path !== undefined && !/^\/[^;\u0000-\u001f\u007f]*$/.test(path)) fail(`cookieAffinity.path "${path}" must start with "/" and hold no ";" or control character`);
    const domain = set.cookieAffinity.domain;
    if (domain !== undefined && !/^\.?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(domain)) fail(`cookieAffinity.domain "${domain}" is not a domain name such as example.com`);
    const sameSite = set.cookieAffinity.sameSite;
    if (sameSite !== undefined && !Object.values(CookieSameSite).includes(sameSite)) fail(`cookieAffinity.sameSite "${sameSite}" is not a CookieSameSite (None, Lax or Strict)`);
  }
  if (set.bandwidthLimit !== undefined && !((sizeInBytes(set.bandwidthLimit).bytes ?? 0) >= 1)) {
    fail('bandwidthLimit must be at least 1 byte per second');
  }
  const count = set.proxyBuffers?.count;
  if (count !== undefined && (!Number.isInteger(count) || count < 2 || count > 256)) {
    fail(`proxyBuffers.count ${count} must be a whole number from 2 to 256`);
  }
  for (const [field, list] of [['ipAllowList', set.ipAllowList], ['ipDenyList', set.ipDenyList]] as const) {
    if (list === undefined) continue;
    if (list.length === 0) fail(`${field} is empty; give at least one CIDR (an empty list would ${field === 'ipAllowList' ? 'deny every client' : 'do nothing'}), or leave it out`);
    for (const v of list) {
      if (toCidr(v) === undefined) fail(`${field}: "${v}" is not an IP address or CIDR (e.g. 10.0.0.0/8, 2001:db8::/32)`);
    }
  }
  if (set.rateLimit) {
    const r = set.rateLimit;
    if ((r.requestsPerSecond === undefined) === (r.requestsPerMinute === undefined)) fail('rateLimit needs exactly one of requestsPerSecond and requestsPerMinute');
    if (!positiveInteger(r.requestsPerSecond) || !positiveInteger(r.requestsPerMinute)) fail(`rateLimit: the rate ${r.requestsPerSecond ?? r.requestsPerMinute} must be a whole number above 0`);
    if (!positiveInteger(r.burstMultiplier)) fail(`rateLimit.burstMultiplier ${r.burstMultiplier} must be a whole number above 0`);
    if (r.rejectStatus !== undefined && (!Number.isInteger(r.rejectStatus) || r.rejectStatus < 400 || r.rejectStatus > 599)) fail(`rateLimit.rejectStatus ${r.rejectStatus} must be an HTTP error status (400-599)`);
  }
  if (!positiveInteger(set.connectionLimit)) fail(`connectionLimit ${set.connectionLimit} must be a whole number above 0`);
  if (set.basicAuth) {
    const err = checkObjectName(set.basicAuth.secretName);
    if (err) fail(`basicAuth.secretName: ${err}`);
  }
  if (set.externalAuth) {
    const err = checkObjectName(set.externalAuth.serviceName) ?? checkPort(set.externalAuth.port);
    if (err) fail(`externalAuth: ${err}`);
    if (set.externalAuth.path !== undefined && !set.externalAuth.path.startsWith('/')) fail(`externalAuth.path "${set.externalAuth.path}" must start with "/"`);
  }
  if (set.authSignin !== undefined && !/^https?:\/\/[^/\s?#]+[^\s]*$/.test(set.authSignin)) {
    fail(`authSignin "${set.authSignin}" must be an absolute http:// or https:// URL`);
  }
  if (set.customErrorPages) {
    const codes = set.customErrorPages.statusCodes;
    if (codes.length === 0) fail('customErrorPages.statusCodes is empty; give the backend statuses to replace');
    for (const c of codes) {
      if (!Number.isInteger(c) || c < 400 || c > 599) fail(`customErrorPages.statusCodes: ${c} must be an HTTP error status (400-599)`);
    }
  }
  if (set.hsts?.maxAge !== undefined) {
    const ms = set.hsts.maxAge.toMilliseconds({ integral: false });
    if (ms % 1000 !== 0) fail(`hsts.maxAge ${ms}ms must be a whole number of seconds`);
  }
  if (set.backendHttpsWithoutVerification) {
    const b = set.backendHttpsWithoutVerification;
    const err = checkHostname(b.hostname) ?? checkPort(b.port);
    if (err) fail(`backendHttpsWithoutVerification: ${err}`);
  }
  if (set.captureGroupRewrite) {
    if (set.captureGroupRewrite.pattern.length === 0) fail('captureGroupRewrite.pattern is empty');
  }
}
