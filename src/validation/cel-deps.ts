import type { parse } from '@bufbuild/cel';
import { propertyOf, SchemaNode } from './schema';

/*
 * What a set of CEL expressions can observe of `self`, found by walking their parsed ASTs, and
 * a key of a value that holds exactly that (a projection), so that two values with the same key
 * get the same result from the expressions: the verdict cache of `cel.ts` relies on it.
 *
 * The analysis is conservative: `self` (or a comprehension variable ranging over a part of it)
 * may only be followed by the accesses below; any other use of such a path (an operand of
 * `==`, `in`, `+`, an argument of a function other than `size`, a list element, a result...)
 * needs the whole value there. What each access observes in `@bufbuild/cel`:
 *
 * - `p.f` of a map: whether the key `f` is bound (a missing key is an error) and its value,
 *   itself observed as the next accesses say;
 * - `has(p.f)` of a map: whether the key is bound to a non-null value (a null value is not
 *   present for `has`);
 * - `size(p)`, `p.size()` of a list: its length; of a map: its keys;
 * - `p[n]` (constant int) of a list: the length and the element `n`;
 * - `p.all(x, ...)` and the other comprehensions over a list: the length, and every element as
 *   the variable's uses observe it; over a map the variable is a key, so the whole map counts;
 * - `size(p.filter(x, cond))`: the length and each element as `cond` observes it (only the
 *   count of the filtered list is read, never its elements).
 *
 * Anything else a path's value turns out to be at run time (a list where a map is accessed, a
 * string where a size is taken, null, ...) is keyed by the whole value there.
 */

type Expr = ReturnType<typeof parse>['expr'];

/**
 * What expressions observe of a value (a node of `self`'s tree).
 * @internal
 */
export interface Dep {
  /** The whole value is observed. */
  whole: boolean;
  /** The size (list length, map keys). */
  size: boolean;
  /** Map keys read, with what is observed of their values. */
  fields?: Map<string, Dep>;
  /** Map keys tested with `has()`. */
  has?: Set<string>;
  /** Constant list indices read. */
  index?: Map<number, Dep>;
  /** Every element of a list (comprehensions). */
  elems?: Dep;
}

/**
 * A dependency node that observes nothing yet.
 * @internal
 */
export function newDep(): Dep {
  return { whole: false, size: false };
}

/** Variables in scope: a path of `self`, or `null` for a variable that is not one. */
type Scope = ReadonlyMap<string, Dep | null>;

class Unanalyzable extends Error {}

/**
 * What the expressions observe of `self`, each evaluated with `self` bound (only).
 * @internal
 */
export function analyzeSelf(exprs: readonly Expr[]): Dep {
  const root = newDep();
  try {
    for (const e of exprs) visit(e, new Map([['self', root]]));
  } catch (e) {
    if (!(e instanceof Unanalyzable)) throw e;
    root.whole = true;
  }
  return root;
}

/**
 * The node of `map` under `k`, added when missing.
 * @internal
 */
export function child<K>(map: Map<K, Dep>, k: K): Dep {
  let d = map.get(k);
  if (!d) {
    d = newDep();
    map.set(k, d);
  }
  return d;
}

/** The constant int of an expression, if it is one (in the safe integer range). */
function constInt(e: Expr): number | undefined {
  if (e.exprKind.case !== 'constExpr') return undefined;
  const k = e.exprKind.value.constantKind;
  if (k.case !== 'int64Value') return undefined;
  const n = Number(k.value);
  return Number.isSafeInteger(n) && BigInt(n) === k.value ? n : undefined;
}

/**
 * The dependency node of an expression that is a path of `self` (a variable, field selections,
 * constant indices); undefined for other expressions. Creates the nodes along the path.
 */
function pathOf(e: Expr, scope: Scope): Dep | undefined {
  switch (e.exprKind.case) {
    case 'identExpr':
      return scope.get(e.exprKind.value.name) ?? undefined;
    case 'selectExpr': {
      const s = e.exprKind.value;
      if (s.testOnly || !s.operand) return undefined;
      const p = pathOf(s.operand, scope);
      return p ? child(p.fields ??= new Map(), s.field) : undefined;
    }
    case 'callExpr': {
      const c = e.exprKind.value;
      if (c.function !== '_[_]' || c.target || c.args.length !== 2) return undefined;
      const n = constInt(c.args[1]);
      if (n === undefined) return undefined;
      const p = pathOf(c.args[0], scope);
      return p ? child(p.index ??= new Map(), n) : undefined;
    }
    default:
      return undefined;
  }
}

/** Analyzes an expression whose value is used as a whole. */
function visit(e: Expr | undefined, scope: Scope): void {
  if (!e) return;
  const p = pathOf(e, scope);
  if (p) {
    p.whole = true;
    return;
  }
  const kind = e.exprKind;
  switch (kind.case) {
    case 'constExpr':
    case 'identExpr':
      // a constant, or a variable that is not a path of self
      return;
    case 'selectExpr': {
      const s = kind.value;
      if (s.testOnly && s.operand) {
        const operand = pathOf(s.operand, scope);
        if (operand) {
          (operand.has ??= new Set()).add(s.field);
          return;
        }
      }
      visit(s.operand, scope);
      return;
    }
    case 'callExpr': {
      const c = kind.value;
      if (c.function === 'size' && ((c.target && c.args.length === 0) || (!c.target && c.args.length === 1))) {
        const arg = c.target ?? c.args[0];
        const operand = pathOf(arg, scope);
        if (operand) {
          operand.size = true;
          return;
        }
        if (filterCount(arg, scope)) return;
      }
      visit(c.target, scope);
      for (const a of c.args) visit(a, scope);
      return;
    }
    case 'listExpr':
      for (const x of kind.value.elements) visit(x, scope);
      return;
    case 'structExpr':
      for (const entry of kind.value.entries) {
        if (entry.keyKind.case === 'mapKey') visit(entry.keyKind.value, scope);
        visit(entry.value, scope);
      }
      return;
    case 'comprehensionExpr': {
      const c = kind.value;
      if (c.iterVar === c.accuVar || c.iterVar2 === c.accuVar) throw new Unanalyzable();
      const elem = rangeElements(c.iterRange, c.iterVar2, scope);
      visit(c.accuInit, scope);
      const inner = new Map(scope);
      inner.set(c.iterVar, elem);
      if (c.iterVar2) inner.set(c.iterVar2, null);
      inner.set(c.accuVar, null);
      visit(c.loopCondition, inner);
      visit(c.loopStep, inner);
      const outer = new Map(scope);
      outer.set(c.accuVar, null);
      visit(c.result, outer);
      return;
    }
    default:
      throw new Unanalyzable();
  }
}

/** The node of a comprehension range's elements, or null when the range is not a list path. */
function rangeElements(range: Expr | undefined, iterVar2: string, scope: Scope): Dep | null {
  const r = range && !iterVar2 ? pathOf(range, scope) : undefined;
  if (r) return r.elems ??= newDep();
  visit(range, scope);
  return null;
}

function isIdent(e: Expr | undefined, name: string): boolean {
  return e?.exprKind.case === 'identExpr' && e.exprKind.value.name === name;
}

/**
 * `size(<list>.filter(x, cond))`: the `filter` macro's comprehension
 * (`accu = []`, `cond ? accu + [x] : accu`, result `accu`) whose result only has its size read.
 * Analyzes it (only `cond` observes the elements) and returns true if `e` is one.
 */
function filterCount(e: Expr, scope: Scope): boolean {
  if (e.exprKind.case !== 'comprehensionExpr') return false;
  const c = e.exprKind.value;
  const init = c.accuInit?.exprKind;
  const cond = c.loopCondition?.exprKind;
  const step = c.loopStep?.exprKind;
  if (c.iterVar2 || c.iterVar === c.accuVar) return false;
  if (init?.case !== 'listExpr' || init.value.elements.length !== 0) return false;
  if (cond?.case !== 'constExpr' || cond.value.constantKind.case !== 'boolValue' || cond.value.constantKind.value !== true) return false;
  if (!isIdent(c.result, c.accuVar)) return false;
  if (step?.case !== 'callExpr' || step.value.function !== '_?_:_' || step.value.target || step.value.args.length !== 3) return false;
  const [test, add, keep] = step.value.args;
  if (!isIdent(keep, c.accuVar)) return false;
  const plus = add.exprKind;
  if (plus.case !== 'callExpr' || plus.value.function !== '_+_' || plus.value.target || plus.value.args.length !== 2) return false;
  if (!isIdent(plus.value.args[0], c.accuVar)) return false;
  const one = plus.value.args[1].exprKind;
  if (one.case !== 'listExpr' || one.value.elements.length !== 1 || one.value.optionalIndices.length !== 0) return false;
  if (!isIdent(one.value.elements[0], c.iterVar)) return false;

  const elem = rangeElements(c.iterRange, '', scope);
  const inner = new Map(scope);
  inner.set(c.iterVar, elem);
  inner.set(c.accuVar, null);
  visit(test, inner);
  return true;
}

/**
 * The CEL name and schema of an object's property as `self` binds it (see `Binder`), or
 * undefined for a property CEL does not see.
 * @internal
 */
export function celProperty(schema: SchemaNode | undefined, k: string, escape: (name: string) => string | undefined):
{ name: string; schema: SchemaNode | undefined; declared: boolean } | undefined {
  const props = schema?.properties;
  const declared = propertyOf(schema, k);
  if (declared) {
    const name = escape(k);
    return name === undefined ? undefined : { name, schema: declared, declared: true };
  }
  const addl = typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  if (!props || addl) return { name: k, schema: addl, declared: false };
  return undefined;
}

/** Thrown when a value is not keyed (too long, or not a plain JSON value). */
const GIVE_UP = Symbol('give up');

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/*
 * The atoms of a key. A key is a sequence of atoms: the scalars of the value themselves
 * (strings, numbers, booleans, bigints, null; -0 as its own atom) and symbols for its
 * structure. Every structure starts and ends with its own symbol and a scalar is never a
 * symbol, so a sequence reads back one way only: equal sequences mean equal observations.
 * (Every value's atoms end where its structure closes, so no separator is written between
 * values.)
 * `Map` compares atoms by SameValueZero, which tells all of these apart (except -0 from 0,
 * hence NEGATIVE_ZERO).
 */
const NEGATIVE_ZERO = Symbol('-0');
const LIST_OPEN = Symbol('[');
const MAP_OPEN = Symbol('{');
const LIST_CLOSE = Symbol(']');
const MAP_CLOSE = Symbol('}');
const PROJECTED_LIST = Symbol('L');
const INDEX_PRESENT = Symbol('@=');
const ELEMENTS = Symbol('*');
const PROJECTED_MAP = Symbol('M');
const VALUE_ABSENT = Symbol('n');
const VALUE_PRESENT = Symbol('p');
const SIZE_KEY = Symbol('size key');

/** The atoms of a property's code: its value follows (`field`) or only its presence (`has`). */
const fieldAtoms: symbol[] = [];
const hasAtoms: symbol[] = [];

function atomOf(list: symbol[], code: number, what: string): symbol {
  while (list.length <= code) list.push(Symbol(`${what}${list.length}`));
  return list[code];
}

/**
 * Builds a key: the whole value (`full`) and the atoms projectors write, into `atoms` (one
 * array, reused: read it before the next key).
 * @internal
 */
export class KeyWriter {
  /** The atoms of the last key. */
  public readonly atoms: unknown[] = [];
  /** Characters of the strings written, plus one per atom (bounded by `maxLength`). */
  private length = 0;

  constructor(private readonly maxLength: number) {}

  /** Writes the key of a value for a projector into `atoms`; false if the value is not keyed. */
  public key(projector: Projector, value: unknown): boolean {
    this.atoms.length = 0;
    this.length = 0;
    try {
      projector.write(this, value);
    } catch (e) {
      if (e === GIVE_UP) return false;
      throw e;
    }
    return true;
  }

  /** Writes one atom. */
  public write(atom: unknown): void {
    this.atoms.push(atom);
    this.length += typeof atom === 'string' ? atom.length + 1 : 1;
    if (this.length > this.maxLength) throw GIVE_UP;
  }

  /** The whole value: injective on JSON values (undefined and null bind alike, as CEL null). */
  public full(v: unknown): void {
    if (v === null || v === undefined) return this.write(null);
    switch (typeof v) {
      case 'boolean':
      case 'bigint':
      case 'string':
        return this.write(v);
      case 'number':
        return this.write(Object.is(v, -0) ? NEGATIVE_ZERO : v);
      case 'object':
        break;
      default:
        throw GIVE_UP;
    }
    if (Array.isArray(v)) {
      this.write(LIST_OPEN);
      for (let i = 0; i < v.length; i++) {
        if (!(i in v)) throw GIVE_UP;
        this.full(v[i]);
      }
      return this.write(LIST_CLOSE);
    }
    if (!isPlainObject(v as object)) throw GIVE_UP;
    this.write(MAP_OPEN);
    for (const k in v as object) {
      if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
      this.write(k);
      this.full((v as any)[k]);
    }
    this.write(MAP_CLOSE);
  }
}

/**
 * How a map property is keyed: its atom (the observed CEL name's number, or the quoted name
 * when only the map's size is observed), then its value's projection or its presence.
 */
type PropertyEntry = { readonly atom: symbol; readonly name?: string; readonly child?: Projector; readonly presence: boolean } | null;

/** Properties whose entries a projector remembers (the declared ones, and a few others). */
const MAX_REMEMBERED_PROPERTIES = 256;

/**
 * Writes what a dependency node observes of a value at a node of a schema. Within one cache
 * (one schema node, one dependency tree) the keys written are unambiguous: equal keys mean
 * equal observations.
 * @internal
 */
export class Projector {
  private readonly codes = new Map<string, number>();
  private readonly entries = new Map<string, PropertyEntry>();
  private readonly index: readonly (readonly [number, Projector])[];
  private readonly elems: Projector | undefined;

  constructor(private readonly dep: Dep, private readonly schema: SchemaNode | undefined,
    private readonly escape: (name: string) => string | undefined) {
    for (const name of dep.fields?.keys() ?? []) this.codes.set(name, this.codes.size);
    for (const name of dep.has ?? []) if (!this.codes.has(name)) this.codes.set(name, this.codes.size);
    const items = schema?.items;
    this.index = [...(dep.index ?? [])].map(([i, d]) => [i, new Projector(d, items, escape)] as const);
    this.elems = dep.elems ? new Projector(dep.elems, items, escape) : undefined;
  }

  public write(w: KeyWriter, v: unknown): void {
    const dep = this.dep;
    if (dep.whole || v === null || typeof v !== 'object') return w.full(v);
    if (Array.isArray(v)) {
      if (dep.fields || dep.has) return w.full(v);
      w.write(PROJECTED_LIST);
      w.write(v.length);
      for (const [i, p] of this.index) {
        if (i < 0 || i >= v.length) {
          // absent (the length, written above, tells which indices are)
        } else {
          if (!(i in v)) throw GIVE_UP;
          w.write(INDEX_PRESENT);
          w.write(i);
          p.write(w, v[i]);
        }
      }
      const elems = this.elems;
      if (elems) {
        w.write(ELEMENTS);
        for (let i = 0; i < v.length; i++) {
          if (!(i in v)) throw GIVE_UP;
          elems.write(w, v[i]);
        }
      }
      return w.write(LIST_CLOSE);
    }
    if (!isPlainObject(v)) throw GIVE_UP;
    if (dep.index || dep.elems) return w.full(v);
    w.write(PROJECTED_MAP);
    for (const k in v) {
      if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
      let e = this.entries.get(k);
      if (e === undefined) {
        e = this.entry(k);
        if (this.entries.size < MAX_REMEMBERED_PROPERTIES) this.entries.set(k, e);
      }
      if (e === null) continue;
      w.write(e.atom);
      const x = (v as any)[k];
      if (e.child) {
        e.child.write(w, x);
      } else if (e.presence) {
        w.write(x === null || x === undefined ? VALUE_ABSENT : VALUE_PRESENT);
      } else {
        w.write(e.name);
      }
    }
    w.write(MAP_CLOSE);
  }

  private entry(k: string): PropertyEntry {
    const prop = celProperty(this.schema, k, this.escape);
    if (!prop) return null;
    const code = this.codes.get(prop.name);
    const field = this.dep.fields?.get(prop.name);
    if (field) return { atom: atomOf(fieldAtoms, code!, 'field '), child: new Projector(field, prop.schema, this.escape), presence: false };
    if (code !== undefined) return { atom: atomOf(hasAtoms, code, 'has '), presence: true };
    if (this.dep.size) return { atom: SIZE_KEY, name: prop.name, presence: false };
    return null;
  }
}
