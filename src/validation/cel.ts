import { CelEnv, CelResult, CelScalar, CelValue, celEnv, celList, celMap, celMethod, isCelError, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { child, Issue, issues, key } from './errors';
import { kubernetesFunctions } from './k8s-cel-lib';
import { re2Matcher } from './regex';
import { prepare, SchemaNode, ValidationRule } from './schema';

/*
 * CEL `x-kubernetes-validations`, evaluated with `@bufbuild/cel` the way the API server does:
 * defaults already applied, `self` bound to the node the rule sits on, integers as CEL `int`
 * (BigInt), property names escaped (`namespace` -> `__namespace__`), a rule that errors counts
 * as a violation, transition rules (`oldSelf`) skipped. Each distinct expression is parsed and
 * planned once per process.
 */

type Program = (bindings: { self: CelValue }) => CelResult;
type Compiled = { readonly run: Program } | { readonly error: string };

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
    // The standard `matches` compiles its RE2 pattern on every call; use the cached matcher.
    const matches = celMethod('matches', CelScalar.STRING, [CelScalar.STRING], CelScalar.BOOL, function (this: string, p: string) {
      return re2Matcher(p)(this);
    });
    env = celEnv({ funcs: [...strings, ...kubernetesFunctions(), matches] });
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
      c = { run: plan(celEnvironment(), parse(expr)) as unknown as Program };
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
      out = celList(obj.map(v => this.bind(schema?.items, v)));
    } else {
      const map = new Map<string, CelValue>();
      const props = schema?.properties;
      const addl = typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined;
      for (const [k, v] of Object.entries(obj)) {
        if (props && props[k]) {
          const name = escapePropertyName(k);
          if (name === undefined) continue;
          map.set(name, isRoot && k === 'metadata' ? this.rootMetadata(v) : this.bind(props[k], v));
        } else if (!props || addl) {
          map.set(k, this.bind(addl, v));
        }
      }
      out = celMap(map);
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
    return celMap(map);
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

/**
 * Walks the object with its schema and evaluates every non-transition rule at its node.
 * @internal
 */
export class CelValidator {
  private readonly binder = new Binder();
  constructor(private readonly out: Issue[]) {}

  public validateRoot(schema: SchemaNode, value: unknown): void {
    this.walk(schema, value, '', true);
  }

  private walk(schema: SchemaNode, value: unknown, path: string, isRoot = false): void {
    const p = prepare(schema);
    if (!p.celBelow || value === null || value === undefined) return;
    if (p.rules.length > 0) this.evaluate(schema, p.rules, value, path, isRoot);
    if (Array.isArray(value)) {
      if (schema.items) value.forEach((v, i) => this.walk(schema.items!, v, `${path}[${i}]`));
    } else if (typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      for (const name of p.propNames) {
        if (obj[name] !== undefined) this.walk(schema.properties![name], obj[name], child(path, name));
      }
      const addl = schema.additionalProperties;
      if (typeof addl === 'object') {
        for (const k of Object.keys(obj)) {
          if (!schema.properties?.[k]) this.walk(addl, obj[k], key(path, k));
        }
      }
    }
  }

  private evaluate(schema: SchemaNode, rules: readonly ValidationRule[], value: unknown, path: string, isRoot: boolean): void {
    const self = this.binder.bind(schema, value, isRoot);
    const typeName = schema.type ?? '';
    for (const rule of rules) {
      const program = compileExpression(rule.rule);
      if ('error' in program) {
        this.out.push(issues.invalid(path, typeName, `rule could not be compiled by this validator (${program.error}): ${rule.rule.trim()}`, rule.rule));
        continue;
      }
      const result = program.run({ self });
      if (result === true) continue;
      if (isCelError(result)) {
        this.out.push(issues.invalid(path, typeName, `${celErrorText(result)} evaluating rule: ${ruleErrorString(rule)}`, rule.rule));
        continue;
      }
      const target = withFieldPath(path, rule.fieldPath);
      const message = this.message(rule, self);
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
