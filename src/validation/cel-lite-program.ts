import { LiteNode, parseLite, Unsupported } from './cel-lite-parse';

/*
 * The programs of the CEL fast path (cel-lite.ts): each rule of the subset parsed once, and
 * refused when it names a function, method or variable the fast path does not evaluate. Internal.
 */

/** Functions (no target) and methods the fast path evaluates. */
const FUNCTIONS = new Set(['size', 'duration', 'isIP']);
const METHODS = new Set(['size', 'matches', 'contains', 'startsWith', 'endsWith', 'split', 'substring']);

/**
 * Refuses an expression that names a function, method or variable the fast path does not know
 * (one `@bufbuild/cel` might not compile: its verdict must come from there).
 */
function checkNames(node: LiteNode, vars: ReadonlySet<string>): void {
  const check = (n: LiteNode) => checkNames(n, vars);
  switch (node.k) {
    case 'lit': return;
    case 'id':
      if (!vars.has(node.name)) throw new Unsupported(`identifier ${node.name}`);
      return;
    case 'sel':
    case 'has': return check(node.obj);
    case 'idx': check(node.obj); return check(node.i);
    case 'call':
      if (!(node.target ? METHODS : FUNCTIONS).has(node.fn)) throw new Unsupported(`function ${node.fn}`);
      if (node.target) check(node.target);
      return node.args.forEach(check);
    case 'list': return node.items.forEach(check);
    case 'comp':
      check(node.range);
      return checkNames(node.body, new Set([...vars, node.v]));
    case 'and':
    case 'or':
    case 'bin': check(node.a); return check(node.b);
    case 'not':
    case 'neg': return check(node.a);
    case 'cond': check(node.c); check(node.a); return check(node.b);
  }
}

/** Parsed rules by text; null for a rule outside the subset. */
const programs = new Map<string, LiteNode | null>();

/**
 * The parsed form of an expression of the subset, checked (names it uses are known); null when
 * the expression is outside the subset.
 * @internal
 */
export function liteProgram(expr: string): LiteNode | null {
  let p = programs.get(expr);
  if (p === undefined) {
    try {
      p = parseLite(expr);
      checkNames(p, new Set(['self']));
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      p = null;
    }
    programs.set(expr, p);
  }
  return p;
}
