import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { isCovered, startFindingsPass } from './construct-findings';
import type { validateInputs } from './validate-inputs';
import {
  GatewayApiVersion, ImplementationCrds, ValidationInput, ValidationResult, ValidationSeverity,
} from './validation-types';
import { GatewayApiChannel } from '../core/channel';

/**
 * Options of the synth-time validation of an app.
 */
export interface GatewayApiValidationOptions {
  /**
   * The Gateway API release installed in the target cluster. The channel is chosen per chart
   * (or any scope) with `GatewayApiChannel.useExperimental`.
   * @default GatewayApiVersion.V1_6_1
   */
  readonly gatewayApiVersion?: GatewayApiVersion;

  /**
   * Implementation CRDs installed as well; objects of their groups are validated against them.
   * @default - the implementations whose API group an object of the app uses
   * (`gateway.envoyproxy.io`: Envoy Gateway v1.9.0; `gateway.nginx.org`: NGINX Gateway Fabric v2.6.7)
   */
  readonly implementations?: ImplementationCrds[];

  /**
   * Run the cross-object checks (route attachment, ReferenceGrants, listener and route
   * conflicts, policy targets) over all objects of the app.
   * @default true
   */
  readonly crossObject?: boolean;

  /**
   * Turns the synth-time validation off.
   * @default false
   */
  readonly disabled?: boolean;

  /**
   * Fail synth on warnings too.
   * @default false
   */
  readonly failOnWarnings?: boolean;

  /**
   * Also report `cel-skipped` findings: the API server's note that some CEL rules of an
   * object were not evaluated because the object has other errors (which are reported).
   * @default false
   */
  readonly verbose?: boolean;

  /**
   * Print warnings with `console.warn` (once per synth). They are also available as
   * `GatewayApiValidation.of(app).warnings` after synth.
   * @default true
   */
  readonly printWarnings?: boolean;
}

const ID = 'GatewayApiValidation';
const MARKER = Symbol.for('cdk8s-gateway-api.GatewayApiValidation');

/** One error to report on an API object. */
interface PendingError {
  readonly path: string;
  readonly code: string;
  readonly message: string;
  readonly line: string;
}

/** What one validation of the app found, per API object. */
interface Outcome {
  /** Findings that fail synth, per API object. */
  readonly errors: ReadonlyMap<ApiObject, PendingError[]>;
  /** Warnings, formatted like errors (`[path] ...`). */
  readonly warnings: string[];
  printed: boolean;
}

/**
 * A synthesis in progress (`App.synth()`, `App.synthYaml()`, `Chart.toJson()`): cdk8s validates
 * the whole app once per chart plus once, and renders every object afterwards. Within one
 * synthesis the app cannot change, so the objects are rendered and validated once, and the
 * rendered JSON is handed to cdk8s instead of rendering again.
 */
class Session {
  public depth = 0;
  public outcome?: Outcome;
  private readonly memos: Array<{ obj: ApiObject; previous?: PropertyDescriptor }> = [];

  /** Makes `obj.toJson()` return `json` until the session ends. */
  public memoize(obj: ApiObject, json: unknown): void {
    this.memos.push({ obj, previous: Object.getOwnPropertyDescriptor(obj, 'toJson') });
    Object.defineProperty(obj, 'toJson', { value: () => json, configurable: true, writable: true, enumerable: false });
  }

  public end(): void {
    for (const { obj, previous } of this.memos) {
      if (previous) {
        Object.defineProperty(obj, 'toJson', previous);
      } else {
        delete (obj as any).toJson;
      }
    }
    this.memos.length = 0;
  }
}

const sessions = new WeakMap<IConstruct, Session>();
const wrapped = new WeakMap<object, Set<string>>();

function inSession<T>(root: IConstruct, fn: () => T): T {
  let session = sessions.get(root);
  if (!session) {
    session = new Session();
    sessions.set(root, session);
  }
  session.depth++;
  try {
    return fn();
  } finally {
    session.depth--;
    if (session.depth === 0) {
      sessions.delete(root);
      session.end();
    }
  }
}

/** Runs a method of an App or Chart instance inside a synthesis session of `root`. */
function wrapInSession(target: any, method: string, root: IConstruct): void {
  const done = wrapped.get(target) ?? new Set<string>();
  if (done.has(method)) return;
  const original = target[method];
  if (typeof original !== 'function') return;
  done.add(method);
  wrapped.set(target, done);
  Object.defineProperty(target, method, {
    value: function (this: unknown, ...args: unknown[]) {
      return inSession(root, () => original.apply(this, args));
    },
    configurable: true,
    writable: true,
    enumerable: false,
  });
}

/** What to do about a field the target CRDs do not declare (often an escape-hatch patch). */
const UNKNOWN_FIELD_HINT = '; the target CRDs do not declare it: if the cluster runs a newer Gateway API release or the '
  + 'Experimental channel, select it with GatewayApiValidation.configure(app, { gatewayApiVersion }) or '
  + 'GatewayApiChannel.useExperimental(scope), or turn synth-time validation off with { disabled: true }';

function describeResult(r: ValidationResult): string {
  const id = r.name === undefined ? '' : r.namespace === undefined ? ` ${r.name}` : ` ${r.namespace}/${r.name}`;
  const hint = r.code === 'schema' && r.message.startsWith('unknown field') ? UNKNOWN_FIELD_HINT : '';
  return `${r.kind}${id}${r.path !== '' ? ` ${r.path}` : ''}: ${r.message}${hint} [${r.code}]`;
}

/**
 * Validation of every API object of an app at synth time, against the Gateway API CRDs of the
 * app's target release and each object's channel: the CRD schemas and CEL rules, then the
 * cross-object checks over all objects together. All objects are validated, including plain
 * `ApiObject`s and those of other libraries (objects of other API groups are checked only
 * through the cross-object rules that use them).
 *
 * It is added to the app automatically when the first construct of this library is created;
 * call `GatewayApiValidation.configure(app, ...)` to choose the release, to turn it off, or to
 * enable it for an app that has no construct of this library.
 *
 * Errors fail `App.synth()` (and `Testing.synth`) with cdk8s's "Validation failed" error, one
 * line per problem, prefixed with the API object's construct path:
 * `[chart/route/Resource] HTTPRoute shop/web spec.rules[0]: Invalid value: "object": ... [cel]`.
 * Warnings do not fail synth; they are printed once per synth with `console.warn` and kept in
 * `warnings`.
 *
 * Each object is rendered once per synth: the JSON validated is the JSON written.
 */
export class GatewayApiValidation extends Construct {
  /**
   * Sets the validation options of an app (merged with those set before) and returns its
   * validation, adding it when needed.
   *
   * @param scope the App or any construct in it
   * @param options the options to set
   */
  public static configure(scope: IConstruct, options: GatewayApiValidationOptions = {}): GatewayApiValidation {
    const validation = GatewayApiValidation.of(scope);
    const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    validation._options = { ...validation._options, ...defined };
    return validation;
  }

  /**
   * The validation of the app that contains `scope`, added when needed (with default options).
   *
   * @param scope the App or any construct in it
   */
  public static of(scope: IConstruct): GatewayApiValidation {
    const root = scope.node.root;
    const existing = root.node.tryFindChild(ID) as any;
    if (existing !== undefined) {
      if (existing[MARKER] !== true) {
        throw new Error(`GatewayApiValidation: the app already has a child with id "${ID}" that is not a GatewayApiValidation`);
      }
      return existing as GatewayApiValidation;
    }
    return new GatewayApiValidation(root);
  }

  /**
   * Called by every construct of this library: makes sure the app is validated at synth.
   * @internal
   */
  public static _register(apiObject: ApiObject): void {
    const validation = GatewayApiValidation.of(apiObject);
    wrapInSession(apiObject.chart, 'toJson', validation.node.root);
  }

  private _options: GatewayApiValidationOptions = {};
  private _pending = new Map<ApiObject, PendingError[]>();
  private _warnings: string[] = [];
  private readonly _attached = new WeakSet<ApiObject>();

  private constructor(root: IConstruct) {
    super(root as Construct, ID);
    Object.defineProperty(this, MARKER, { value: true });
    // The root is validated first (cdk8s visits the tree in pre-order), so each pass computes
    // the results there and every API object then reports its own.
    root.node.addValidation({ validate: () => this.startPass() });
    wrapInSession(root, 'synth', root);
    wrapInSession(root, 'synthYaml', root);
  }

  /** The options in effect. */
  public get options(): GatewayApiValidationOptions {
    return { ...this._options };
  }

  /**
   * Warnings of the last synth, formatted like errors:
   * `[construct/path] Kind namespace/name field: message [code]`.
   */
  public get warnings(): string[] {
    return [...this._warnings];
  }

  private startPass(): string[] {
    startFindingsPass(this.node.root);
    if (this._options.disabled) {
      this._pending = new Map();
      this._warnings = [];
      return [];
    }
    const root = this.node.root;
    const session = sessions.get(root);
    let outcome = session?.outcome;
    if (!outcome) {
      outcome = this.compute(root, session);
      if (session) session.outcome = outcome;
    }
    this._pending = new Map(outcome.errors);
    this._warnings = outcome.warnings;
    if (!outcome.printed && outcome.warnings.length > 0 && this._options.printWarnings !== false && !this._options.failOnWarnings) {
      outcome.printed = true;
      const n = outcome.warnings.length;
      console.warn(`cdk8s-gateway-api: ${n} validation warning${n === 1 ? '' : 's'}:\n  ${outcome.warnings.join('\n  ')}`);
    }
    return [];
  }

  private compute(root: IConstruct, session: Session | undefined): Outcome {
    const objects: ApiObject[] = [];
    const inputs: ValidationInput[] = [];
    for (const c of root.node.findAll()) {
      if (!ApiObject.isApiObject(c)) continue;
      this.attach(c);
      let json: unknown;
      try {
        json = c.toJson();
      } catch {
        continue; // cdk8s reports the same error when it renders the object
      }
      inputs.push({ obj: json, documentIndex: objects.length, channel: GatewayApiChannel.of(c) });
      objects.push(c);
      session?.memoize(c, json);
      wrapInSession(c.chart, 'toJson', root);
    }
    const results = validator()(inputs, {
      gatewayApiVersion: this._options.gatewayApiVersion,
      implementations: this._options.implementations ?? impliedImplementations(objects),
      crossObject: this._options.crossObject,
    });
    const errors = new Map<ApiObject, PendingError[]>();
    const warnings: string[] = [];
    for (const r of results) {
      if (r.code === 'cel-skipped' && !this._options.verbose) continue;
      const obj = objects[r.documentIndex!];
      const line = describeResult(r);
      if (r.severity === ValidationSeverity.ERROR || this._options.failOnWarnings) {
        const list = errors.get(obj) ?? [];
        list.push({ path: r.path, code: r.code, message: r.message, line });
        errors.set(obj, list);
      } else {
        warnings.push(`[${obj.node.path}] ${line}`);
      }
    }
    return { errors, warnings, printed: false };
  }

  /** Adds the validation through which an API object reports its own results. */
  private attach(obj: ApiObject): void {
    if (this._attached.has(obj)) return;
    this._attached.add(obj);
    obj.node.addValidation({
      validate: () => {
        const pending = this._pending.get(obj);
        if (!pending) return [];
        this._pending.delete(obj);
        // Findings that a construct's own check (run just before) already reported are not repeated.
        return pending.filter(e => !isCovered(obj, e.path, e.code, e.message)).map(e => e.line);
      },
    });
  }
}

/** The implementation CRD set of each API group the validator ships CRDs for. */
const IMPLEMENTATION_GROUPS: ReadonlyArray<[string, ImplementationCrds]> = [
  ['gateway.envoyproxy.io', ImplementationCrds.ENVOY_GATEWAY_V1_9_0],
  ['gateway.nginx.org', ImplementationCrds.NGINX_GATEWAY_FABRIC_V2_6_7],
];

/** The implementations whose API groups the objects use. */
function impliedImplementations(objects: ApiObject[]): ImplementationCrds[] {
  const groups = new Set(objects.map(o => o.apiGroup));
  return IMPLEMENTATION_GROUPS.filter(([group]) => groups.has(group)).map(([, id]) => id);
}

let validateFn: typeof validateInputs | undefined;

/** The validation of objects, loaded on first use: an app with validation disabled never loads it. */
function validator(): typeof validateInputs {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return validateFn ??= (require('./validate-inputs') as typeof import('./validate-inputs')).validateInputs;
}
