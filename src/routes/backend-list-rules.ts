import { ApiObject } from 'cdk8s';
import { Backend } from '../core/backend';
import { checkSectionName } from '../core/formats';
import { reportedFinding } from '../validation/construct-findings';

/** TLSRoute, TCPRoute and UDPRoute v1 (v1.6.1 CRDs): `rules` has exactly one entry. */
const MAX_RULES = 1;
const MAX_BACKENDS = 16;

/**
 * A rule that is only a named list of backends (TLSRoute, TCPRoute and UDPRoute).
 * @internal
 */
export interface BackendListRule {
  readonly name?: string;
  readonly backends: Backend[];
}

/**
 * What the rule list needs from the route that owns it.
 * @internal
 */
export interface BackendListRouteHost {
  /** Route kind for messages (`TCPRoute`). */
  readonly kind: string;
  /** The route's API object (whose validator findings the rule checks cover). */
  readonly apiObject: ApiObject;
  /** Throws with the route's kind and path. */
  fail(message: string): never;
  /** Registers a backend (cross-namespace grants). */
  useBackend(backend: Backend): void;
}

interface StoredRule {
  readonly name?: string;
  readonly backends: Backend[];
}

/**
 * The rules of a route whose rules are plain backend lists: limits, checks, rendering and
 * validation shared by TlsRoute, TcpRoute and UdpRoute.
 * @internal
 */
export class BackendListRules {
  private readonly rules: StoredRule[] = [];

  public constructor(private readonly host: BackendListRouteHost) {}

  /** Number of rules added so far. */
  public get count(): number {
    return this.rules.length;
  }

  /** Names of the named rules. */
  public names(): string[] {
    return this.rules.map(r => r.name).filter((n): n is string => n !== undefined);
  }

  /** Adds the rule (1-16 backends, optional name). */
  public add(rule: BackendListRule): void {
    const where = `spec.rules[${this.rules.length}]${rule.name !== undefined ? ` ("${rule.name}")` : ''}`;
    if (this.rules.length >= MAX_RULES) {
      this.host.fail(`spec.rules already has a rule and ${this.host.kind} v1 allows exactly one; add the backends to that rule (addBackend)`);
    }
    if (rule.name !== undefined) {
      const err = checkSectionName(rule.name);
      if (err) this.host.fail(`${where}: rule ${err}`);
    }
    if (rule.backends.length === 0) {
      this.host.fail(`${where}: a rule needs at least one backend`);
    }
    if (rule.backends.length > MAX_BACKENDS) {
      this.host.fail(`${where}: ${rule.backends.length} backends, the maximum is ${MAX_BACKENDS}`);
    }
    rule.backends.forEach(b => this.checkBackend(where, b));
    for (const backend of rule.backends) this.host.useBackend(backend);
    this.rules.push({ name: rule.name, backends: [...rule.backends] });
  }

  /** Adds a backend to the last rule, creating an unnamed rule when there is none. */
  public addBackend(backend: Backend): void {
    if (this.rules.length === 0) {
      this.add({ backends: [backend] });
      return;
    }
    const index = this.rules.length - 1;
    const rule = this.rules[index];
    this.addTo(rule, `spec.rules[${index}]${rule.name !== undefined ? ` ("${rule.name}")` : ''}`, backend);
  }

  /** The `spec.rules` list, or undefined when empty; backends in `routeNamespace` render without a namespace. */
  public render(routeNamespace?: string): any[] | undefined {
    if (this.rules.length === 0) return undefined;
    return this.rules.map(r => ({ name: r.name, backendRefs: r.backends.map(b => b._toKube(routeNamespace)) }));
  }

  /** Synth-time errors: no rules, or a rule whose backends all have weight 0. */
  public validate(): string[] {
    if (this.rules.length === 0) {
      return [reportedFinding(this.host.apiObject, { path: 'spec.rules' }, `${this.host.kind} has no rules; pass backends or rules, or call addBackend() or addRule()`)];
    }
    const errors: string[] = [];
    this.rules.forEach((r, i) => {
      if (r.backends.every(b => b.weight === 0)) {
        errors.push(`spec.rules[${i}]${r.name !== undefined ? ` ("${r.name}")` : ''}: every backend has weight 0, so the rule sends no traffic; give at least one backend a positive weight`);
      }
    });
    return errors;
  }

  private checkBackend(where: string, backend: Backend): void {
    if (backend.filters.length > 0) {
      this.host.fail(`${where}: backend ${backend._describe()} has filters, but ${this.host.kind} backends cannot have filters`);
    }
  }

  private addTo(rule: StoredRule, where: string, backend: Backend): void {
    this.checkBackend(where, backend);
    if (rule.backends.length >= MAX_BACKENDS) {
      this.host.fail(`${where}: already has ${MAX_BACKENDS} backends, the maximum`);
    }
    this.host.useBackend(backend);
    rule.backends.push(backend);
  }
}
