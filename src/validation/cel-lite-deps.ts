import { child, Dep, newDep } from './cel-deps';
import { LiteNode } from './cel-lite-parse';

/*
 * What expressions observe of `self` (cel-deps.ts `analyzeSelf`), found on the ASTs of
 * `cel-lite-parse.ts` instead of `@bufbuild/cel`'s, so that a node's verdict cache needs no
 * `@bufbuild/cel` when its rules are in the subset. It gives the same dependency tree as
 * `analyzeSelf` on the macros' expansions: a comprehension's body observes the elements of its
 * range as its variable's uses say; `filter` also puts each element whole into its result
 * (`accu + [x]`), unless only the size of that result is read.
 */

type Scope = ReadonlyMap<string, Dep | null>;

/** The dependency node of an expression that is a path of `self`; undefined for others. */
function pathOf(e: LiteNode, scope: Scope): Dep | undefined {
  switch (e.k) {
    case 'id':
      return scope.get(e.name) ?? undefined;
    case 'sel': {
      const p = pathOf(e.obj, scope);
      return p ? child(p.fields ??= new Map(), e.f) : undefined;
    }
    case 'idx': {
      if (e.i.k !== 'lit' || typeof e.i.v !== 'bigint' || !Number.isSafeInteger(Number(e.i.v))) return undefined;
      const p = pathOf(e.obj, scope);
      return p ? child(p.index ??= new Map(), Number(e.i.v)) : undefined;
    }
    default:
      return undefined;
  }
}

/** The node of a comprehension range's elements, or null when the range is not a path. */
function rangeElements(range: LiteNode, scope: Scope): Dep | null {
  const r = pathOf(range, scope);
  if (r) return r.elems ??= newDep();
  visit(range, scope);
  return null;
}

function comprehension(e: Extract<LiteNode, { k: 'comp' }>, scope: Scope, counted: boolean): void {
  const elem = rangeElements(e.range, scope);
  const inner = new Map(scope);
  inner.set(e.v, elem);
  visit(e.body, inner);
  // `filter` adds the element itself to its result (read whole, unless only counted)
  if (e.macro === 'filter' && !counted && elem) elem.whole = true;
}

function visit(e: LiteNode, scope: Scope): void {
  const p = pathOf(e, scope);
  if (p) {
    p.whole = true;
    return;
  }
  switch (e.k) {
    case 'lit':
    case 'id':
      return;
    case 'sel':
      return visit(e.obj, scope);
    case 'idx':
      visit(e.obj, scope);
      return visit(e.i, scope);
    case 'has': {
      const operand = pathOf(e.obj, scope);
      if (operand) {
        (operand.has ??= new Set()).add(e.f);
        return;
      }
      return visit(e.obj, scope);
    }
    case 'call': {
      if (e.fn === 'size' && ((e.target && e.args.length === 0) || (!e.target && e.args.length === 1))) {
        const arg = e.target ?? e.args[0];
        const operand = pathOf(arg, scope);
        if (operand) {
          operand.size = true;
          return;
        }
        if (arg.k === 'comp' && arg.macro === 'filter') return comprehension(arg, scope, true);
      }
      if (e.target) visit(e.target, scope);
      return e.args.forEach(a => visit(a, scope));
    }
    case 'list':
      return e.items.forEach(x => visit(x, scope));
    case 'comp':
      return comprehension(e, scope, false);
    case 'and':
    case 'or':
    case 'bin':
      visit(e.a, scope);
      return visit(e.b, scope);
    case 'not':
    case 'neg':
      return visit(e.a, scope);
    case 'cond':
      visit(e.c, scope);
      visit(e.a, scope);
      return visit(e.b, scope);
  }
}

/**
 * What the expressions observe of `self` (each evaluated with `self` bound), as cel-deps.ts
 * `analyzeSelf` finds it on the same expressions parsed by `@bufbuild/cel`.
 * @internal
 */
export function analyzeSelfLite(exprs: readonly LiteNode[]): Dep {
  const root = newDep();
  for (const e of exprs) visit(e, new Map([['self', root]]));
  return root;
}
