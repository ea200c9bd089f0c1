/*
 * A parser for the part of CEL the shipped CRDs' rules are written in, for the fast path of
 * `cel-lite.ts`: identifiers, field selection, indexing, calls and methods, list literals,
 * `has()` and the comprehension macros (`all`, `exists`, `exists_one`, `filter`, `map` with two
 * arguments), int and string literals (raw and triple-quoted too), `true`, `false`, `null`, and
 * the operators with CEL's precedence. Anything else (doubles, uints, bytes, maps, messages,
 * optionals, escapes other than the simple ones, reserved words) is `Unsupported`: the rule is
 * then always evaluated by `@bufbuild/cel`. The parser decides nothing: an expression it parses
 * is also parsed by `@bufbuild/cel`, with the same meaning (its grammar is CEL's).
 */

/** The expression uses CEL this subset does not cover (or is not CEL). */
export class Unsupported extends Error {}

/** A node of a parsed expression. @internal */
export type LiteNode =
  | { readonly k: 'lit'; readonly v: null | boolean | string | bigint }
  | { readonly k: 'id'; readonly name: string }
  | { readonly k: 'sel'; readonly obj: LiteNode; readonly f: string }
  | { readonly k: 'has'; readonly obj: LiteNode; readonly f: string }
  | { readonly k: 'idx'; readonly obj: LiteNode; readonly i: LiteNode }
  | { readonly k: 'call'; readonly fn: string; readonly target?: LiteNode; readonly args: readonly LiteNode[] }
  | { readonly k: 'list'; readonly items: readonly LiteNode[] }
  | { readonly k: 'comp'; readonly macro: string; readonly range: LiteNode; readonly v: string; readonly body: LiteNode }
  | { readonly k: 'and' | 'or'; readonly a: LiteNode; readonly b: LiteNode }
  | { readonly k: 'not' | 'neg'; readonly a: LiteNode }
  | { readonly k: 'cond'; readonly c: LiteNode; readonly a: LiteNode; readonly b: LiteNode }
  | { readonly k: 'bin'; readonly op: string; readonly a: LiteNode; readonly b: LiteNode };

/** CEL's reserved words, which are not identifiers. */
const RESERVED = new Set(['as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop',
  'package', 'namespace', 'return', 'var', 'void', 'while']);
const MACROS = new Set(['all', 'exists', 'exists_one', 'filter', 'map']);
/** Binary operators by precedence (CEL: `||` < `&&` < relations and `in` < `+ -` < `* / %`). */
const BINARY: { readonly [op: string]: number } = {
  '||': 1, '&&': 2, '<': 3, '<=': 3, '>': 3, '>=': 3, '==': 3, '!=': 3, '+': 4, '-': 4, '*': 5, '/': 5, '%': 5,
};
const SIMPLE_ESCAPES: { readonly [c: string]: string } = { '\\': '\\', '"': '"', "'": "'", '`': '`', '?': '?', 'n': '\n', 'r': '\r', 't': '\t', 'a': '\x07', 'b': '\b', 'f': '\f', 'v': '\v' };
const INT64_MAX = 2n ** 63n - 1n;

type Token = { readonly t: 'id' | 'int' | 'str' | 'p' | 'end'; readonly v: string; readonly s?: string };

/**
 * One token at the current position (a sticky regular expression: the regular expression engine
 * does the scanning, fast even before the JavaScript around it is optimized): spaces or a
 * comment; an identifier; an int; a string's opening (quote, with a raw or bytes prefix); an
 * operator or punctuation.
 */
const TOKEN = /([ \t\n\r\f]+|\/\/[^\n]*)|([A-Za-z_][A-Za-z0-9_]*)(?=(["']?))|([0-9]+)([.eExXuU]?)|(["'])|(==|!=|<=|>=|&&|\|\||\?[.[]?|\.[0-9]?|[-<>+*\/%!:,()[\]])/y;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(src);
    if (!m) throw new Unsupported(`character ${src[i]}`);
    i = TOKEN.lastIndex;
    if (m[1] !== undefined) continue;
    if (m[2] !== undefined) {
      const word = m[2];
      if (m[3] !== '') {
        // a prefixed string: r'...' (raw); bytes and other prefixes are not covered
        if (word !== 'r' && word !== 'R') throw new Unsupported('string prefix');
        const r = readString(src, i, true);
        out.push({ t: 'str', v: '', s: r.value });
        i = r.end;
      } else {
        out.push({ t: 'id', v: word });
      }
    } else if (m[4] !== undefined) {
      if (m[5] !== '') throw new Unsupported('not a decimal int');
      out.push({ t: 'int', v: m[4] });
    } else if (m[6] !== undefined) {
      const r = readString(src, i - 1, false);
      out.push({ t: 'str', v: '', s: r.value });
      i = r.end;
    } else {
      const p = m[7];
      // `?.` and `?[` are optional selection, `.5` a double
      if (p.length === 2 && (p[0] === '?' || p[0] === '.')) throw new Unsupported(p[0] === '?' ? 'optional' : 'double');
      out.push({ t: 'p', v: p });
    }
  }
  out.push({ t: 'end', v: '' });
  return out;
}

/** A string literal starting at `i` (at its quote); in a raw string a backslash is a character. */
function readString(src: string, i: number, raw: boolean): { value: string; end: number } {
  const q = src[i];
  const triple = src.startsWith(q.repeat(3), i);
  const close = triple ? q.repeat(3) : q;
  let j = i + close.length;
  let value = '';
  for (;;) {
    if (j >= src.length) throw new Unsupported('unterminated string');
    if (src.startsWith(close, j)) return { value, end: j + close.length };
    const c = src[j];
    if (!triple && (c === '\n' || c === '\r')) throw new Unsupported('newline in string');
    if (c === '\\' && !raw) {
      const e = SIMPLE_ESCAPES[src[j + 1]];
      if (e === undefined) throw new Unsupported('escape');
      value += e;
      j += 2;
    } else {
      value += c;
      j++;
    }
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly toks: Token[]) {}

  public parseAll(): LiteNode {
    const e = this.expr();
    if (this.peek().t !== 'end') throw new Unsupported('trailing input');
    return e;
  }

  private peek(): Token {
    return this.toks[this.pos];
  }

  private isP(v: string): boolean {
    const t = this.toks[this.pos];
    return t.t === 'p' && t.v === v;
  }

  private eat(v: string): void {
    if (!this.isP(v)) throw new Unsupported(`expected ${v}`);
    this.pos++;
  }

  private expr(): LiteNode {
    const c = this.binary(1);
    if (!this.isP('?')) return c;
    this.pos++;
    const a = this.binary(1);
    this.eat(':');
    const b = this.expr();
    return { k: 'cond', c, a, b };
  }

  /** The precedence of the binary operator at the current token (0: none). */
  private precedence(): number {
    const t = this.peek();
    if (t.t === 'id') return t.v === 'in' ? 3 : 0;
    return t.t === 'p' ? BINARY[t.v] ?? 0 : 0;
  }

  /**
   * Operators of at least precedence `min`, left-associative (precedence climbing: one call per
   * level actually used, not one per grammar rule).
   */
  private binary(min: number): LiteNode {
    let a = this.unary();
    for (;;) {
      const p = this.precedence();
      if (p < min) return a;
      const op = this.peek().v;
      this.pos++;
      const b = this.binary(p + 1);
      a = op === '||' ? { k: 'or', a, b } : op === '&&' ? { k: 'and', a, b } : { k: 'bin', op, a, b };
    }
  }

  private unary(): LiteNode {
    if (this.isP('!')) {
      this.pos++;
      return { k: 'not', a: this.unary() };
    }
    if (this.isP('-')) {
      this.pos++;
      // a negative literal is one token in CEL (-9223372036854775808 is an int)
      if (this.peek().t === 'int') throw new Unsupported('negative literal');
      return { k: 'neg', a: this.unary() };
    }
    return this.member();
  }

  private member(): LiteNode {
    let e = this.primary();
    for (;;) {
      if (this.isP('.')) {
        this.pos++;
        const name = this.ident();
        if (this.isP('(')) {
          const args = this.args();
          if (MACROS.has(name)) {
            e = this.macro(name, e, args);
          } else {
            e = { k: 'call', fn: name, target: e, args };
          }
        } else {
          e = { k: 'sel', obj: e, f: name };
        }
      } else if (this.isP('[')) {
        this.pos++;
        const i = this.expr();
        this.eat(']');
        e = { k: 'idx', obj: e, i };
      } else {
        return e;
      }
    }
  }

  private macro(name: string, range: LiteNode, args: LiteNode[]): LiteNode {
    if (args.length !== 2 || args[0].k !== 'id') throw new Unsupported(`${name} form`);
    return { k: 'comp', macro: name, range, v: args[0].name, body: args[1] };
  }

  private ident(): string {
    const t = this.peek();
    if (t.t !== 'id' || RESERVED.has(t.v) || ['true', 'false', 'null', 'in'].includes(t.v)) throw new Unsupported('identifier');
    this.pos++;
    return t.v;
  }

  private args(): LiteNode[] {
    this.eat('(');
    const args: LiteNode[] = [];
    if (!this.isP(')')) {
      args.push(this.expr());
      while (this.isP(',')) {
        this.pos++;
        args.push(this.expr());
      }
    }
    this.eat(')');
    return args;
  }

  private primary(): LiteNode {
    const t = this.peek();
    if (t.t === 'int') {
      this.pos++;
      const v = BigInt(t.v);
      if (v > INT64_MAX) throw new Unsupported('int range');
      return { k: 'lit', v };
    }
    if (t.t === 'str') {
      this.pos++;
      return { k: 'lit', v: t.s! };
    }
    if (t.t === 'id') {
      if (t.v === 'true' || t.v === 'false') {
        this.pos++;
        return { k: 'lit', v: t.v === 'true' };
      }
      if (t.v === 'null') {
        this.pos++;
        return { k: 'lit', v: null };
      }
      const name = this.ident();
      if (!this.isP('(')) return { k: 'id', name };
      const args = this.args();
      if (name === 'has') {
        const a = args[0];
        if (args.length !== 1 || a.k !== 'sel') throw new Unsupported('has form');
        return { k: 'has', obj: a.obj, f: a.f };
      }
      return { k: 'call', fn: name, args };
    }
    if (this.isP('(')) {
      this.pos++;
      const e = this.expr();
      this.eat(')');
      return e;
    }
    if (this.isP('[')) {
      this.pos++;
      const items: LiteNode[] = [];
      while (!this.isP(']')) {
        items.push(this.expr());
        if (!this.isP(',')) break;
        this.pos++;
      }
      this.eat(']');
      return { k: 'list', items };
    }
    throw new Unsupported(`unexpected ${t.v}`);
  }
}

/**
 * Parses an expression of the subset.
 *
 * @throws Unsupported when the expression is outside the subset (or not CEL)
 * @internal
 */
export function parseLite(expr: string): LiteNode {
  return new Parser(tokenize(expr)).parseAll();
}
