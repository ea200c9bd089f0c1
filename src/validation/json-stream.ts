/*
 * A stream of concatenated JSON values, read as kubectl reads a manifest whose first
 * non-space character is `{`: k8s.io/apimachinery `pkg/util/yaml/decoder.go`
 * (`YAMLOrJSONDecoder.Decode`) hands such a stream to Go's `json.Decoder`, which reads one value
 * after another, separated by JSON white space only. The scanner is iterative: nesting depth
 * costs no stack.
 */

/** A JSON syntax error: offset of the offending character, and what is wrong. */
export interface JsonSyntaxProblem {
  readonly offset: number;
  readonly reason: string;
}

/** One value of the stream: its source range and nesting depth. */
export interface JsonValueRange {
  readonly start: number;
  readonly end: number;
  readonly depth: number;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The offset of the first non-white-space character at or after `i` (JSON white space). */
export function skipJsonSpace(text: string, i: number): number {
  while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Scans one JSON value (RFC 8259) starting at `start` (white space before it is skipped).
 *
 * @returns its range, or the first syntax error
 */
export function scanJsonValue(text: string, start: number): JsonValueRange | JsonSyntaxProblem {
  let i = skipJsonSpace(text, start);
  const valueStart = i;
  const describe = () => (i >= text.length ? 'unexpected end of input' : `unexpected ${JSON.stringify(text[i])}`);
  const fail = (reason: string): JsonSyntaxProblem => ({ offset: i, reason });
  // Stack of open containers: '{' or '['.
  const stack: string[] = [];
  let maxDepth = 0;
  for (;;) {
    // Expect a value.
    i = skipJsonSpace(text, i);
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c);
      if (stack.length > maxDepth) maxDepth = stack.length;
      i++;
      i = skipJsonSpace(text, i);
      if ((c === '{' && text[i] === '}') || (c === '[' && text[i] === ']')) {
        i++;
        stack.pop();
      } else if (c === '{') {
        const p = readKey();
        if (p) return p;
        continue;
      } else {
        continue;
      }
    } else if (c === '"') {
      const p = readString();
      if (p) return p;
    } else if (c === 't' || c === 'f' || c === 'n') {
      const word = c === 't' ? 'true' : c === 'f' ? 'false' : 'null';
      if (!text.startsWith(word, i)) return fail(describe());
      i += word.length;
    } else {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m || m[0] === '' || m[0] === '-') return fail(`expected a value, ${describe()}`);
      i += m[0].length;
    }
    // After a value: close containers or go on with the next element.
    for (;;) {
      if (stack.length === 0) return { start: valueStart, end: i, depth: maxDepth };
      i = skipJsonSpace(text, i);
      const top = stack[stack.length - 1];
      if (text[i] === ',') {
        i++;
        if (top === '{') {
          const p = readKey();
          if (p) return p;
        }
        break;
      }
      if ((top === '{' && text[i] === '}') || (top === '[' && text[i] === ']')) {
        i++;
        stack.pop();
        continue;
      }
      return fail(top === '{' ? `expected ',' or '}', ${describe()}` : `expected ',' or ']', ${describe()}`);
    }
  }

  function readKey(): JsonSyntaxProblem | undefined {
    i = skipJsonSpace(text, i);
    if (text[i] !== '"') return fail(`expected a property name, ${describe()}`);
    const p = readString();
    if (p) return p;
    i = skipJsonSpace(text, i);
    if (text[i] !== ':') return fail(`expected ':', ${describe()}`);
    i++;
    return undefined;
  }

  function readString(): JsonSyntaxProblem | undefined {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) return fail('unterminated string');
      const ch = text.charCodeAt(i);
      if (ch === 34) { i++; return undefined; }
      if (ch < 0x20) return fail('control character in string');
      if (ch === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) { i++; return fail('bad \\u escape'); }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          i++;
          return fail('bad escape');
        }
      } else {
        i++;
      }
    }
  }
}

/** Whether a scan result is an error. */
export function isJsonProblem(r: JsonValueRange | JsonSyntaxProblem): r is JsonSyntaxProblem {
  return 'reason' in r;
}

/** Offset and description of the first JSON syntax error of a one-value text, or undefined. */
export function findJsonError(text: string): JsonSyntaxProblem | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const r = scanJsonValue(text, start);
  if (isJsonProblem(r)) return r;
  const after = skipJsonSpace(text, r.end);
  if (after < text.length) return { offset: after, reason: `unexpected ${JSON.stringify(text[after])} after the value` };
  return undefined;
}
