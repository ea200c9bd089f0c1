import { celProperty } from './cel-deps';
import { LiteNode, Unsupported } from './cel-lite-parse';
import { liteProgram } from './cel-lite-program';
import { isKubernetesIp } from './formats';
import { re2Matcher } from './regex';
import { hasOwn, propertyOf, SchemaNode } from './schema';

/*
 * The fast path of CEL rule evaluation: a rule of the subset `cel-lite-parse.ts` parses is
 * evaluated here, on the JSON value and its schema, without `@bufbuild/cel` (whose loading,
 * parsing and binding cost more than most validations). It only ever answers "the rule passes":
 * any other outcome (false, an error, a value or function it does not cover, a type it is not
 * sure how CEL compares) makes the caller evaluate the rule with `@bufbuild/cel`, which also
 * writes the messages. So the fast path must never pass a rule that `@bufbuild/cel` would not:
 * each operation is done only where its CEL meaning is plain, and `Unsupported` otherwise.
 *
 * Values are bound as `cel.ts`'s `Binder` binds them: null (and missing) as null, integers as
 * `int` (bigint) unless the schema says `number`, objects as maps of the properties CEL sees
 * (escaped names), lists as lists; `&&`, `||` and the comprehensions absorb errors as CEL does
 * (`false && error` is false, `true || error` true).
 */

const NOT_BOUND = Symbol('not bound');

/** CEL's reserved words (cel.ts escapes them). */
const RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if',
  'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

const plainNames = new Map<string, boolean>();

/** A name Kubernetes' escaping leaves as it is (cel.ts `escapePropertyName`). */
function isPlainName(name: string): boolean {
  let known = plainNames.get(name);
  if (known === undefined) {
    known = /^[_a-zA-Z][_a-zA-Z0-9]*$/.test(name) && !name.includes('__') && !RESERVED.has(name);
    plainNames.set(name, known);
  }
  return known;
}

/** A CEL duration, in nanoseconds. */
class Duration {
  constructor(public readonly ns: bigint) {}
}

/** A list: JSON items bound on access (with the items' schema), or values already bound. */
class List {
  constructor(private readonly items: readonly unknown[], private readonly schema: SchemaNode | undefined, private readonly bound: boolean) {}

  public get size(): number {
    return this.items.length;
  }

  public get(i: number): Value {
    return this.bound ? this.items[i] as Value : bind(this.schema, this.items[i]);
  }
}

/** A JSON object bound as a CEL map under its schema. */
class ObjectMap {
  constructor(public readonly obj: Record<string, unknown>, public readonly schema: SchemaNode | undefined, public readonly escape: Escape) {}

  /** The JSON key CEL sees under `name` (a bound property), if any. */
  public keyOf(name: string): string | undefined {
    if (isPlainName(name)) {
      // a key is bound under its own name unless escaped, and escaping leaves plain names alone
      // and makes every other name not plain: only the key `name` itself can be bound as `name`
      return hasOwn(this.obj, name) && this.schemaOf(name) !== NOT_BOUND ? name : undefined;
    }
    for (const k of Object.keys(this.obj)) {
      if (celProperty(this.schema, k, this.escape)?.name === name) return k;
    }
    return undefined;
  }

  /** The schema of a key bound under its own (plain) name, or NOT_BOUND (cel-deps.ts `celProperty`). */
  private schemaOf(name: string): SchemaNode | undefined | typeof NOT_BOUND {
    const declared = propertyOf(this.schema, name);
    if (declared) return declared;
    const addl = this.schema?.additionalProperties;
    if (typeof addl === 'object') return addl;
    return this.schema?.properties ? NOT_BOUND : undefined;
  }

  /** The names CEL sees, in the object's order. */
  public names(): string[] {
    const out: string[] = [];
    for (const k of Object.keys(this.obj)) {
      const p = celProperty(this.schema, k, this.escape);
      if (p) out.push(p.name);
    }
    return out;
  }

  public get(name: string): Value {
    if (isPlainName(name)) {
      const schema = hasOwn(this.obj, name) ? this.schemaOf(name) : NOT_BOUND;
      if (schema === NOT_BOUND) throw new Unsupported('no such key');
      return bind(schema, this.obj[name]);
    }
    const k = this.keyOf(name);
    if (k === undefined) throw new Unsupported('no such key');
    return bind(celProperty(this.schema, k, this.escape)!.schema, this.obj[k]);
  }
}

type Value = null | boolean | string | bigint | number | Duration | List | ObjectMap;
type Escape = (name: string) => string | undefined;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

let escapeName: Escape = () => undefined;

function bind(schema: SchemaNode | undefined, v: unknown): Value {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) && schema?.type !== 'number' ? BigInt(v) : v;
    case 'string':
    case 'boolean':
      return v;
    case 'object':
      return Array.isArray(v) ? new List(v, schema?.items, false) : new ObjectMap(v as Record<string, unknown>, schema, escapeName);
    default:
      throw new Unsupported('value');
  }
}

/** Variables in scope: `self`, then comprehension variables. */
interface Scope {
  readonly name: string;
  readonly value: Value;
  readonly parent?: Scope;
}

function lookup(scope: Scope | undefined, name: string): Value {
  for (let s = scope; s; s = s.parent) if (s.name === name) return s.value;
  throw new Unsupported(`identifier ${name}`);
}

function int(v: bigint): bigint {
  if (v < INT64_MIN || v > INT64_MAX) throw new Unsupported('int overflow');
  return v;
}

function str(v: Value): string {
  if (typeof v !== 'string') throw new Unsupported('not a string');
  return v;
}

function bool(v: Value): boolean {
  if (typeof v !== 'boolean') throw new Unsupported('not a bool');
  return v;
}

/** A string of characters below U+D800 only (JavaScript's order and indexes are code points'). */
function plain(v: Value): v is string {
  const s = str(v);
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0xd800) return false;
  return true;
}

function equal(a: Value, b: Value): boolean {
  if (a === null || b === null) {
    if (a === b) return true;
    throw new Unsupported('null compared');
  }
  const t = typeof a;
  if (t !== typeof b) throw new Unsupported('types compared');
  if (t === 'string' || t === 'boolean' || t === 'bigint' || t === 'number') return a === b;
  if (a instanceof Duration && b instanceof Duration) return a.ns === b.ns;
  if (a instanceof List && b instanceof List) {
    if (a.size !== b.size) return false;
    for (let i = 0; i < a.size; i++) if (!equal(a.get(i), b.get(i))) return false;
    return true;
  }
  throw new Unsupported('values compared');
}

function compare(a: Value, b: Value): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string' && plain(a) && plain(b)) return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Duration && b instanceof Duration) return a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0;
  throw new Unsupported('values ordered');
}

/** 30 years, in nanoseconds. */
const MAX_DURATION_NS = 30n * 365n * 24n * 3_600_000_000_000n;
const DURATION_UNITS: { readonly [u: string]: bigint } = {
  ns: 1n, us: 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n,
};

/** `duration(string)` for whole numbers of units (`1h30m`, `500ms`); other forms are not covered. */
function parseDuration(s: string): Duration {
  if (!/^(\d{1,9}(ns|us|ms|s|m|h))+$/.test(s)) throw new Unsupported('duration form');
  let ns = 0n;
  for (const m of s.matchAll(/(\d+)(ns|us|ms|s|m|h)/g)) ns += BigInt(m[1]) * DURATION_UNITS[m[2]];
  // far within Go's and CEL's duration ranges (about 292 years): no overflow to mimic
  if (ns > MAX_DURATION_NS) throw new Unsupported('duration range');
  return new Duration(ns);
}

function size(v: Value): bigint {
  if (typeof v === 'string') {
    let n = 0;
    for (const _ of v) n++;
    return BigInt(n);
  }
  if (v instanceof List) return BigInt(v.size);
  if (v instanceof ObjectMap) return BigInt(v.names().length);
  throw new Unsupported('size');
}

function call(node: Extract<LiteNode, { k: 'call' }>, scope: Scope | undefined): Value {
  const args = node.args.map(a => evaluate(a, scope));
  if (node.target === undefined) {
    if (node.fn === 'size' && args.length === 1) return size(args[0]);
    if (node.fn === 'duration' && args.length === 1) return parseDuration(str(args[0]));
    if (node.fn === 'isIP' && args.length === 1) return isKubernetesIp(str(args[0]));
    throw new Unsupported(`function ${node.fn}`);
  }
  const target = evaluate(node.target, scope);
  switch (node.fn) {
    case 'size':
      if (args.length === 0) return size(target);
      break;
    case 'matches':
      if (args.length === 1) return matches(str(target), str(args[0]));
      break;
    // (strings with surrogates, or beyond U+D7FF, are left to CEL)
    case 'contains':
      if (args.length === 1 && plain(target) && plain(args[0])) return target.includes(args[0]);
      break;
    case 'startsWith':
      if (args.length === 1 && plain(target) && plain(args[0])) return target.startsWith(args[0]);
      break;
    case 'endsWith':
      if (args.length === 1 && plain(target) && plain(args[0])) return target.endsWith(args[0]);
      break;
    case 'split':
      if (args.length === 1 && plain(target) && plain(args[0]) && args[0] !== '') return new List(target.split(args[0]), undefined, true);
      break;
    case 'substring': {
      // (indexes of strings with characters beyond U+FFFF are not covered)
      const points = [...str(target)];
      if (points.length !== (target as string).length) break;
      const start = args[0];
      const end = args.length === 2 ? args[1] : BigInt(points.length);
      if (args.length >= 1 && args.length <= 2 && typeof start === 'bigint' && typeof end === 'bigint'
        && start >= 0n && start <= end && end <= BigInt(points.length)) {
        return points.slice(Number(start), Number(end)).join('');
      }
      break;
    }
  }
  throw new Unsupported(`method ${node.fn}`);
}

function matches(s: string, pattern: string): boolean {
  try {
    return re2Matcher(pattern)(s);
  } catch {
    throw new Unsupported('pattern');
  }
}

/** The elements a comprehension ranges over: a list's items, a map's (bound) names. */
function rangeOf(v: Value, macro: string): { readonly n: number; readonly at: (i: number) => Value } {
  if (v instanceof List) return { n: v.size, at: i => v.get(i) };
  if (v instanceof ObjectMap && (macro === 'all' || macro === 'exists' || macro === 'exists_one')) {
    const names = v.names();
    return { n: names.length, at: i => names[i] };
  }
  throw new Unsupported('range');
}

/** A boolean result of the body, or undefined for an error (or anything not covered). */
function test(body: LiteNode, scope: Scope): boolean | undefined {
  try {
    const r = evaluate(body, scope);
    return typeof r === 'boolean' ? r : undefined;
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

function comprehension(node: Extract<LiteNode, { k: 'comp' }>, scope: Scope | undefined): Value {
  const r = rangeOf(evaluate(node.range, scope), node.macro);
  const at = (i: number): Scope => ({ name: node.v, value: r.at(i), parent: scope });
  switch (node.macro) {
    case 'all':
    case 'exists': {
      // `all` is false at the first false element, whatever errors other elements give;
      // `exists` true at the first true one
      const decisive = node.macro === 'exists';
      let unsure = false;
      for (let i = 0; i < r.n; i++) {
        const t = test(node.body, at(i));
        if (t === decisive) return decisive;
        if (t === undefined) unsure = true;
      }
      if (unsure) throw new Unsupported('comprehension error');
      return !decisive;
    }
    case 'exists_one': {
      let count = 0;
      for (let i = 0; i < r.n; i++) if (bool(evaluate(node.body, at(i)))) count++;
      return count === 1;
    }
    case 'filter': {
      const out: Value[] = [];
      for (let i = 0; i < r.n; i++) {
        const s = at(i);
        if (bool(evaluate(node.body, s))) out.push(s.value);
      }
      return new List(out, undefined, true);
    }
    case 'map': {
      const out: Value[] = [];
      for (let i = 0; i < r.n; i++) out.push(evaluate(node.body, at(i)));
      return new List(out, undefined, true);
    }
  }
  throw new Unsupported(`macro ${node.macro}`);
}

function binary(op: string, a: Value, b: Value): Value {
  switch (op) {
    case '==': return equal(a, b);
    case '!=': return !equal(a, b);
    case '<': return compare(a, b) < 0;
    case '<=': return compare(a, b) <= 0;
    case '>': return compare(a, b) > 0;
    case '>=': return compare(a, b) >= 0;
    case 'in':
      if (b instanceof List) {
        for (let i = 0; i < b.size; i++) if (equal(a, b.get(i))) return true;
        return false;
      }
      if (b instanceof ObjectMap) return b.keyOf(str(a)) !== undefined;
      throw new Unsupported('in');
  }
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    switch (op) {
      case '+': return int(a + b);
      case '-': return int(a - b);
      case '*': return int(a * b);
      case '/': if (b !== 0n) return int(a / b); break;
      case '%': if (b !== 0n) return a % b; break;
    }
  } else if (op === '+' && typeof a === 'string' && typeof b === 'string') {
    return a + b;
  } else if (op === '+' && a instanceof List && b instanceof List) {
    const out: Value[] = [];
    for (let i = 0; i < a.size; i++) out.push(a.get(i));
    for (let i = 0; i < b.size; i++) out.push(b.get(i));
    return new List(out, undefined, true);
  }
  throw new Unsupported(`operator ${op}`);
}

/** Evaluates one operand of `&&` or `||`: its boolean value, or undefined for an error. */
function operand(node: LiteNode, scope: Scope | undefined): boolean | undefined {
  try {
    const v = evaluate(node, scope);
    return typeof v === 'boolean' ? v : undefined;
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

function evaluate(node: LiteNode, scope: Scope | undefined): Value {
  switch (node.k) {
    case 'lit': return node.v;
    case 'id': return lookup(scope, node.name);
    case 'sel': {
      const obj = evaluate(node.obj, scope);
      if (!(obj instanceof ObjectMap)) throw new Unsupported('select');
      return obj.get(node.f);
    }
    case 'has': {
      const obj = evaluate(node.obj, scope);
      if (!(obj instanceof ObjectMap)) throw new Unsupported('has');
      const k = obj.keyOf(node.f);
      if (k === undefined) return false;
      const v = obj.obj[k];
      // a null value: left to CEL
      if (v === null || v === undefined) throw new Unsupported('has null');
      return true;
    }
    case 'idx': {
      const obj = evaluate(node.obj, scope);
      const i = evaluate(node.i, scope);
      if (obj instanceof List && typeof i === 'bigint' && i >= 0n && i < BigInt(obj.size)) return obj.get(Number(i));
      if (obj instanceof ObjectMap && typeof i === 'string') return obj.get(i);
      throw new Unsupported('index');
    }
    case 'call': return call(node, scope);
    case 'list': return new List(node.items.map(x => evaluate(x, scope)), undefined, true);
    case 'comp': return comprehension(node, scope);
    case 'and':
    case 'or': {
      // CEL's `&&` is false if either side is false (even if the other errs), `||` true if either is true
      const decisive = node.k === 'or';
      const a = operand(node.a, scope);
      if (a === decisive) return decisive;
      const b = operand(node.b, scope);
      if (b === decisive) return decisive;
      if (a === undefined || b === undefined) throw new Unsupported('logic error');
      return !decisive;
    }
    case 'not': return !bool(evaluate(node.a, scope));
    case 'neg': {
      const a = evaluate(node.a, scope);
      if (typeof a === 'bigint') return int(-a);
      throw new Unsupported('negation');
    }
    case 'cond': return bool(evaluate(node.c, scope)) ? evaluate(node.a, scope) : evaluate(node.b, scope);
    case 'bin': return binary(node.op, evaluate(node.a, scope), evaluate(node.b, scope));
  }
}

/**
 * Whether a rule certainly passes on a (non-root) value: true only when the fast path evaluated
 * it to `true`; false means "not known here" (the rule may pass, fail or err: ask `@bufbuild/cel`).
 *
 * @param rule the rule's CEL text
 * @param schema the schema node the rule sits on
 * @param value the (defaulted, pruned) JSON value at that node
 * @param escape Kubernetes' escaping of property names (cel.ts `escapePropertyName`)
 * @internal
 */
export function litePasses(rule: string, schema: SchemaNode, value: unknown, escape: Escape): boolean {
  const program = liteProgram(rule);
  if (program === null) return false;
  escapeName = escape;
  try {
    return evaluate(program, { name: 'self', value: bind(schema, value) }) === true;
  } catch (e) {
    if (e instanceof Unsupported) return false;
    throw e;
  }
}
