/**
 * The independent reader: a manifest text as kubectl reads it, through the `yaml` package
 * (YAML 1.1, merge keys) instead of the project's js-yaml-based reader. Plain scalars are
 * resolved as go-yaml v2's `resolve()` does (sigs.k8s.io/yaml sits on it): booleans and nulls
 * from its table, numbers through Go's `strconv.ParseInt(s, 0, 64)` with underscores removed
 * (so `0o17`, `017`, `0x1F`, `0b101`, `1_000`), then `ParseUint`, then its float pattern;
 * timestamps stay strings (decoded into interface{}), sexagesimal numbers are strings.
 */
import * as YAML from 'yaml';

type Tag = YAML.ScalarTag | YAML.CollectionTag;

const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** Go's strconv.ParseInt/ParseUint with base 0, on a string without underscores. */
function goParseInt(s: string): number | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2];
  let v: bigint;
  if (/^0[xXoObB]/.test(body)) v = BigInt(body.toLowerCase());
  else if (body.length > 1 && body[0] === '0') v = BigInt(`0o${body.slice(1)}`);
  else v = BigInt(body);
  if (m[1] === '-') v = -v;
  const max = m[1] === '-' ? 2n ** 63n : 2n ** 64n - 1n;
  if ((v < 0n ? -v : v) > max) return undefined;
  return Number(v);
}

/** go-yaml v2 `resolve()` for a plain scalar that starts like a number. */
function resolveNumber(s: string): unknown {
  const plain = s.replace(/_/g, '');
  const i = goParseInt(plain);
  if (i !== undefined) return i;
  if (YAML_FLOAT.test(plain)) return Number(plain);
  return s;
}

const NUMBER_TAG: YAML.ScalarTag = {
  tag: 'tag:yaml.org,2002:int',
  default: true,
  test: /^[-+0-9.]/,
  resolve: (s: string) => resolveNumber(s) as any,
};

const SPECIAL_FLOATS: YAML.ScalarTag = {
  tag: 'tag:yaml.org,2002:float',
  default: true,
  test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  resolve: (s: string) => (s.includes('n') || s.includes('N') ? (s.toLowerCase().includes('nan') ? NaN : Infinity) : Infinity),
};

function goYamlTags(tags: Tag[]): Tag[] {
  const keep = tags.filter(t => ['tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq', 'tag:yaml.org,2002:str', 'tag:yaml.org,2002:null',
    'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:merge'].includes(t.tag));
  return [...keep, SPECIAL_FLOATS, NUMBER_TAG];
}

/** One document as kubectl would send it, or why kubectl would refuse it. */
export interface ReadDocument {
  readonly object?: unknown;
  readonly error?: string;
}

function finite(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(finite);
  if (typeof v === 'object' && v !== null) return Object.values(v).every(finite);
  return true;
}

function hasNullKey(doc: YAML.Document): boolean {
  let found = false;
  YAML.visit(doc, {
    Pair(_, pair) {
      const k = pair.key as unknown;
      if (k === null || (YAML.isScalar(k) && k.value === null)) found = true;
    },
  });
  return found;
}

/** Reads a manifest text (YAML stream, or JSON values when it starts with `{`). Empty documents are skipped. */
export function readDocuments(text: string): ReadDocument[] {
  if (/^\s*\{/.test(text)) {
    try {
      return [{ object: JSON.parse(text) }];
    } catch (e) {
      return [{ error: `json: ${(e as Error).message}` }];
    }
  }
  const out: ReadDocument[] = [];
  for (const doc of YAML.parseAllDocuments(text, { version: '1.1', merge: true, customTags: goYamlTags as any, uniqueKeys: true })) {
    if (doc.errors.length > 0) {
      out.push({ error: `yaml: ${doc.errors[0].message.split('\n')[0]}` });
      continue;
    }
    if (doc.contents === null) continue;
    if (hasNullKey(doc)) {
      out.push({ error: 'yaml: null mapping key' });
      continue;
    }
    const object = doc.toJS({ maxAliasCount: 100 });
    if (object === null || object === undefined) continue;
    out.push(finite(object) ? { object } : { error: 'json: unsupported value (.inf or .nan)' });
  }
  return out;
}
