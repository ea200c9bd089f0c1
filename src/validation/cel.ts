import type { CelEnv, CelResult, CelValue, parse } from '@bufbuild/cel';
import { analyzeSelf, celProperty, Projector } from './cel-deps';
import { litePasses } from './cel-lite';
import { analyzeSelfLite } from './cel-lite-deps';
import type { LiteNode } from './cel-lite-parse';
import { liteProgram } from './cel-lite-program';
import { celExtensions, celRuntime } from './cel-runtime';
import { keyWriter, NodeCache, Verdict } from './cel-verdict-cache';
export { celCacheStats, clearCelCache } from './cel-verdict-cache';
import { child, Issue, issues, key } from './errors';
import { PathStack } from './path-stack';
import { re2Matcher } from './regex';
import { prepare, propertyOf, SchemaNode, ValidationRule } from './schema';

/*
 * CEL `x-kubernetes-validations`, evaluated with `@bufbuild/cel` the way the API server does:
 * defaults already applied, `self` bound to the node the rule sits on, integers as CEL `int`
 * (BigInt), property names escaped (`namespace` -> `__namespace__`), a rule that errors counts
 * as a violation, transition rules (`oldSelf`) skipped. Each distinct expression is parsed and
 * planned once per process.
 *
 * The rules are pure functions of `self`, so the verdicts of a node's rules are cached per
 * schema node, keyed by what the rules can observe of the value (see `cel-deps.ts`): the
 * many repeated path matches, filters and backend references of a large manifest are
 * evaluated once. A value is bound to CEL only when its verdicts are not cached.
 *
 * A rule is first tried on the fast path of `cel-lite.ts` (the JSON value, no `@bufbuild/cel`),
 * which can only say that it passes; `@bufbuild/cel` (loaded on first use, see cel-runtime.ts)
 * decides every other case and writes the messages. A node's verdicts are cached after its first
 * evaluations (UNCACHED_EVALUATIONS); what its rules observe is found on the fast path's ASTs when
 * they are in its subset (cel-lite-deps.ts): valid input needs no `@bufbuild/cel` at all.
 */

type Program = (bindings: { self: CelValue }) => CelResult;
type Expr = ReturnType<typeof parse>['expr'];
type Compiled = { readonly run: Program; readonly expr: Expr } | { readonly error: string };

const RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if',
  'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

/**
 * Kubernetes' escaping of property names for CEL; undefined when the name cannot be accessed.
 * @internal
 */
export function escapePropertyName(name: string): string | undefined {
  if (escapes.has(name)) return escapes.get(name);
  const escaped = escapeUncached(name);
  escapes.set(name, escaped);
  return escaped;
}

const escapes = new Map<string, string | undefined>();

function escapeUncached(name: string): string | undefined {
  if (name === '' || (name[0] >= '0' && name[0] <= '9')) return undefined;
  if (RESERVED.has(name)) return `__${name}__`;
  const escaped = name.replace(/__|[.\-/]/g, m => ({ '__': '__underscores__', '.': '__dot__', '-': '__dash__', '/': '__slash__' } as any)[m]);
  return /^[_a-zA-Z][_a-zA-Z0-9]*$/.test(escaped) ? escaped : undefined;
}

let env: CelEnv | undefined;

function celEnvironment(): CelEnv {
  if (!env) {
    const { CelScalar, celEnv, celMethod } = celRuntime();
    // The standard `matches` compiles its RE2 pattern on every call; use the cached matcher.
    const matches = celMethod('matches', CelScalar.STRING, [CelScalar.STRING], CelScalar.BOOL, function (this: string, p: string) {
      return re2Matcher(p)(this);
    });
    // (the Kubernetes library builds on `@bufbuild/cel`: loaded with it)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { kubernetesFunctions } = require('./k8s-cel-lib') as typeof import('./k8s-cel-lib');
    env = celEnv({ funcs: [...celExtensions().strings, ...kubernetesFunctions(), matches] });
  }
  return env;
}

const compiled = new Map<string, Compiled>();

/**
 * Parses and plans a CEL expression once per process.
 * @internal
 */
export function compileExpression(expr: string): Compiled {
  let c = compiled.get(expr);
  if (!c) {
    try {
      const parsed = celRuntime().parse(expr);
      c = { run: celRuntime().plan(celEnvironment(), parsed) as unknown as Program, expr: parsed.expr };
    } catch (e) {
      c = { error: e instanceof Error ? e.message : String(e) };
    }
    compiled.set(expr, c);
  }
  return c;
}

/** Number of distinct expressions compiled so far (for tests and benchmarks). @internal */
export function compiledExpressionCount(): number {
  return compiled.size;
}

/**
 * Converts a (defaulted, pruned) JSON value to its CEL value under a schema, memoized per
 * object so a subtree is converted once however many rules read it.
 */
class Binder {
  private readonly memo = new Map<object, CelValue>();

  public bind(schema: SchemaNode | undefined, value: unknown, isRoot = false): CelValue {
    if (value === null || value === undefined) return null;
    switch (typeof value) {
      case 'number':
        return Number.isInteger(value) && schema?.type !== 'number' ? BigInt(value) : value;
      case 'string':
      case 'boolean':
        return value;
      case 'bigint':
        return value;
    }
    const obj = value as object;
    const memoized = this.memo.get(obj);
    if (memoized !== undefined) return memoized;
    let out: CelValue;
    if (Array.isArray(obj)) {
      out = celRuntime().celList(obj.map(v => this.bind(schema?.items, v)));
    } else {
      const map = new Map<string, CelValue>();
      for (const [k, v] of Object.entries(obj)) {
        // (cel-deps.ts keys values by the same property binding)
        const prop = celProperty(schema, k, escapePropertyName);
        if (!prop) continue;
        map.set(prop.name, isRoot && prop.declared && k === 'metadata' ? this.rootMetadata(v) : this.bind(prop.schema, v));
      }
      out = celRuntime().celMap(map);
    }
    this.memo.set(obj, out);
    return out;
  }

  /** At the root, CEL sees only `metadata.name` and `metadata.generateName`. */
  private rootMetadata(meta: unknown): CelValue {
    const map = new Map<string, CelValue>();
    if (meta && typeof meta === 'object') {
      for (const k of ['name', 'generateName']) {
        const v = (meta as any)[k];
        if (typeof v === 'string') map.set(k, v);
      }
    }
    return celRuntime().celMap(map);
  }
}

/** The rule text as Kubernetes quotes it in error messages (the message when there is one). */
function ruleErrorString(rule: ValidationRule): string {
  return (rule.message && rule.message.trim()) || rule.rule.trim();
}

/** Appends a rule's relative `fieldPath` (`.a.b`, `['k']`) to a path. */
function withFieldPath(path: string, fieldPath: string | undefined): string {
  if (!fieldPath) return path;
  let p = path;
  const re = /\.([^.[\]]+)|\['((?:[^'\\]|\\.)*)'\]|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(fieldPath)) !== null) {
    if (m[1] !== undefined) p = child(p, m[1]);
    else if (m[2] !== undefined) p = key(p, m[2]);
    else p = `${p}[${m[3]}]`;
  }
  return p;
}

function celErrorText(e: Error): string {
  return e.message.replace(/^field not found: /, 'no such key: ');
}

const PASSED = null;
/** The verdicts of a node whose rules all passed (shared). */
const ALL_PASSED: readonly Verdict[] = Object.freeze([]);

/**
 * What the walk needs of a schema node with rules at or below it: its rules, and the children
 * with rules at or below them (the others are not visited).
 */
interface WalkPlan {
  readonly rules: readonly ValidationRule[];
  readonly props: readonly (readonly [string, SchemaNode])[];
  readonly items: SchemaNode | undefined;
  readonly additionalProperties: SchemaNode | undefined;
  cache?: NodeCache;
  /** The walk plans of `props`, made on first use. */
  propPlans?: readonly WalkPlan[];
  /** Evaluations at this node without a cache (one is made after UNCACHED_EVALUATIONS). */
  uncached: number;
}

const walkPlans = new WeakMap<SchemaNode, WalkPlan | null>();

/** The walk plan of a schema node; null when no rule is at or below it. */
function walkPlan(schema: SchemaNode): WalkPlan | null {
  let wp = walkPlans.get(schema);
  if (wp === undefined) {
    const p = prepare(schema);
    const below = (s: SchemaNode | undefined): SchemaNode | undefined => (s && prepare(s).celBelow ? s : undefined);
    const addl = schema.additionalProperties;
    wp = !p.celBelow ? null : {
      rules: p.rules,
      props: p.propNames.filter(n => below(schema.properties![n])).map(n => [n, schema.properties![n]] as const),
      items: below(schema.items),
      additionalProperties: typeof addl === 'object' ? below(addl) : undefined,
      uncached: 0,
    };
    walkPlans.set(schema, wp);
  }
  return wp;
}

/**
 * Evaluations of a node's rules before its verdicts are cached: a small input, whose nodes are
 * evaluated a few times each, is not worth the keys.
 */
const UNCACHED_EVALUATIONS = 2;
let cacheEnabled = true;

/**
 * The expressions of a node's rules (and messages) parsed by the fast path, when all of them are
 * in its subset: what they observe is then found without `@bufbuild/cel`.
 */
function litePrograms(rules: readonly ValidationRule[]): LiteNode[] | undefined {
  const out: LiteNode[] = [];
  for (const rule of rules) {
    for (const expr of rule.messageExpression !== undefined ? [rule.rule, rule.messageExpression] : [rule.rule]) {
      const p = liteProgram(expr);
      if (!p) return undefined;
      out.push(p);
    }
  }
  return out;
}

/** The (empty) verdict cache of a schema node's rules, with the projector of its keys. */
function nodeCache(schema: SchemaNode, rules: readonly ValidationRule[]): NodeCache {
  const lite = litePrograms(rules);
  if (lite) return new NodeCache(new Projector(analyzeSelfLite(lite), schema, escapePropertyName));
  const exprs: Expr[] = [];
  for (const rule of rules) {
    const program = compileExpression(rule.rule);
    if ('error' in program) continue; // a compile error does not depend on the value
    exprs.push(program.expr);
    if (rule.messageExpression !== undefined) {
      const msg = compileExpression(rule.messageExpression);
      if (!('error' in msg)) exprs.push(msg.expr);
    }
  }
  return new NodeCache(new Projector(analyzeSelf(exprs), schema, escapePropertyName));
}

/**
 * Turns the verdict cache on or off (for tests comparing both); returns the previous setting.
 * @internal
 */
export function setCelCacheEnabled(enabled: boolean): boolean {
  const previous = cacheEnabled;
  cacheEnabled = enabled;
  return previous;
}

let liteEnabled = true;

/**
 * Turns the fast path (cel-lite.ts) on or off (for tests comparing both); returns the previous setting.
 * @internal
 */
export function setCelLiteEnabled(enabled: boolean): boolean {
  const previous = liteEnabled;
  liteEnabled = enabled;
  return previous;
}

/**
 * Walks the object with its schema and evaluates every non-transition rule at its node.
 * @internal
 */
export class CelValidator {
  /** Made on first use: most objects' rules are all answered by the cache or the fast path. */
  private binder?: Binder;
  private path = new PathStack();
  constructor(private readonly out: Issue[]) {}

  public validateRoot(schema: SchemaNode, value: unknown): void {
    this.path = new PathStack();
    this.walk(schema, value, true);
  }

  private walk(schema: SchemaNode, value: unknown, isRoot = false): void {
    if (value === null || value === undefined) return;
    const wp = walkPlan(schema);
    if (wp) this.walkPlanned(schema, wp, value, isRoot);
  }

  private walkPlanned(schema: SchemaNode, wp: WalkPlan, value: unknown, isRoot = false): void {
    if (wp.rules.length > 0) this.evaluate(schema, wp, value, isRoot);
    const path = this.path;
    if (Array.isArray(value)) {
      const items = wp.items;
      if (items) {
        const itemPlan = walkPlan(items)!;
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) continue; // (holes are skipped, as forEach does)
          const v = value[i];
          if (v === null || v === undefined) continue;
          path.index(i);
          this.walkPlanned(items, itemPlan, v);
          path.pop();
        }
      }
    } else if (typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      const props = wp.props;
      const plans = wp.propPlans ??= props.map(([, prop]) => walkPlan(prop)!);
      for (let i = 0; i < props.length; i++) {
        const v = obj[props[i][0]];
        if (v !== undefined && v !== null) {
          path.child(props[i][0]);
          this.walkPlanned(props[i][1], plans[i], v);
          path.pop();
        }
      }
      const addl = wp.additionalProperties;
      if (addl) {
        for (const k of Object.keys(obj)) {
          if (!propertyOf(schema, k)) {
            path.key(k);
            this.walk(addl, obj[k]);
            path.pop();
          }
        }
      }
    }
  }

  private evaluate(schema: SchemaNode, wp: WalkPlan, value: unknown, isRoot: boolean): void {
    const rules = wp.rules;
    // At the root, `metadata` binds differently: not cached (no shipped CRD has rules there).
    let cache: NodeCache | undefined;
    if (!isRoot && cacheEnabled) {
      cache = wp.cache;
      if (!cache && ++wp.uncached > UNCACHED_EVALUATIONS) cache = wp.cache = nodeCache(schema, rules);
    }
    const keyed = cache !== undefined && keyWriter.key(cache.projector, value);
    let verdicts = keyed ? cache!.get(keyWriter.atoms) : undefined;
    if (verdicts === undefined) {
      // the fast path first (cel-lite.ts); `@bufbuild/cel` for a rule it cannot pass
      let self: CelValue | undefined;
      const all = rules.map(rule => (!isRoot && liteEnabled && litePasses(rule.rule, schema, value, escapePropertyName)
        ? PASSED
        : this.verdict(rule, self ??= (this.binder ??= new Binder()).bind(schema, value, isRoot))));
      verdicts = all.every(v => v === PASSED) ? ALL_PASSED : all;
      // (the atoms are still the key's: the evaluation above made no key)
      if (keyed) cache!.set(keyWriter.atoms, verdicts);
    }
    if (verdicts === ALL_PASSED) return;
    const typeName = schema.type ?? '';
    const path = this.path.toString();
    rules.forEach((rule, i) => this.report(rule, verdicts![i], path, typeName));
  }

  /** A rule's verdict on a value (the whole outcome, message included). */
  private verdict(rule: ValidationRule, self: CelValue): Verdict {
    const program = compileExpression(rule.rule);
    if ('error' in program) return { compileError: program.error };
    const result = program.run({ self });
    if (result === true) return PASSED;
    if (celRuntime().isCelError(result)) return { celError: celErrorText(result) };
    return { message: this.message(rule, self) };
  }

  private report(rule: ValidationRule, verdict: Verdict, path: string, typeName: string): void {
    if (verdict === PASSED) return;
    if ('compileError' in verdict) {
      this.out.push(issues.invalid(path, typeName, `rule could not be compiled by this validator (${verdict.compileError}): ${rule.rule.trim()}`, rule.rule));
      return;
    }
    if ('celError' in verdict) {
      this.out.push(issues.invalid(path, typeName, `${verdict.celError} evaluating rule: ${ruleErrorString(rule)}`, rule.rule));
      return;
    }
    const target = withFieldPath(path, rule.fieldPath);
    const message = verdict.message;
    switch (rule.reason) {
      case 'FieldValueForbidden':
        this.out.push({ path: target, message: `Forbidden: ${message}`, rule: rule.rule });
        break;
      case 'FieldValueRequired':
        this.out.push({ path: target, message: `Required value: ${message}`, rule: rule.rule });
        break;
      case 'FieldValueDuplicate':
        this.out.push({ ...issues.duplicate(target, typeName), rule: rule.rule });
        break;
      default:
        this.out.push(issues.invalid(target, typeName, message, rule.rule));
    }
  }

  /** The rule's message: `messageExpression` when it yields a usable string, else `message`. */
  private message(rule: ValidationRule, self: CelValue): string {
    const fallback = rule.message?.trim() ? rule.message.trim() : `failed rule: ${ruleErrorString(rule)}`;
    if (rule.messageExpression === undefined) return fallback;
    const program = compileExpression(rule.messageExpression);
    if ('error' in program) return fallback;
    const msg = program.run({ self });
    if (typeof msg !== 'string' || msg.trim() === '' || /[\r\n]/.test(msg)) return fallback;
    return msg;
  }
}
