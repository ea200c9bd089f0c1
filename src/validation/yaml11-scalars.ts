/*
 * Plain YAML scalars resolved as kubectl resolves them: kubectl reads manifests with go-yaml v2
 * (through sigs.k8s.io/yaml), which follows YAML 1.1. This file encodes go-yaml v2's
 * `resolve.go` (`resolve`, `resolveMap`, `resolve_table`) and sigs.k8s.io/yaml's `yaml.go`
 * (`convertToJSONableObject`: how non-string map keys become JSON object keys).
 */

/** A scalar that kubectl would refuse (explicit tag that does not fit the value). */
export class ScalarResolveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScalarResolveError';
  }
}

/** go-yaml v2 `resolveMap`: the words resolved by table lookup. */
const RESOLVE_MAP = new Map<string, unknown>();
for (const w of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) RESOLVE_MAP.set(w, true);
for (const w of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) RESOLVE_MAP.set(w, false);
for (const w of ['', '~', 'null', 'Null', 'NULL']) RESOLVE_MAP.set(w, null);
for (const w of ['.nan', '.NaN', '.NAN']) RESOLVE_MAP.set(w, NaN);
for (const w of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) RESOLVE_MAP.set(w, Infinity);
for (const w of ['-.inf', '-.Inf', '-.INF']) RESOLVE_MAP.set(w, -Infinity);

/**
 * go-yaml v2 `resolve_table`: the first character decides what a plain scalar may be. 'S' sign,
 * 'D' digit, 'M' word of the table, '.' float; no entry (e.g. `<`, `_`, letters not listed):
 * always a string.
 */
function hint(first: number): string | undefined {
  if (first === 0x2b || first === 0x2d) return 'S'; // + -
  if (first >= 0x30 && first <= 0x39) return 'D';
  if (first === 0x2e) return '.';
  // y Y n N t T f F o O ~
  if (first === 0x79 || first === 0x59 || first === 0x6e || first === 0x4e || first === 0x74 || first === 0x54
    || first === 0x66 || first === 0x46 || first === 0x6f || first === 0x4f || first === 0x7e) return 'M';
  return undefined;
}

/** go-yaml v2 `yamlStyleFloat`. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * Go's `strconv.ParseInt(s, 0, 64)` (base from the prefix: `0x`, `0o`, `0b`, a leading `0` for
 * octal, else decimal), or undefined when Go would fail; `unsigned`: `strconv.ParseUint`.
 */
function parseGoInt(s: string, unsigned: boolean): bigint | undefined {
  let i = 0;
  let neg = false;
  if (!unsigned && (s[0] === '+' || s[0] === '-')) {
    neg = s[0] === '-';
    i = 1;
  }
  let body = s.slice(i);
  let re = /^[0-9]+$/;
  let prefix = '';
  if (/^0[xX]/.test(body)) { prefix = '0x'; body = body.slice(2); re = /^[0-9a-fA-F]+$/; } else if (/^0[bB]/.test(body)) { prefix = '0b'; body = body.slice(2); re = /^[01]+$/; } else if (/^0[oO]/.test(body)) { prefix = '0o'; body = body.slice(2); re = /^[0-7]+$/; } else if (body.length > 1 && body[0] === '0') { prefix = '0o'; body = body.slice(1); re = /^[0-7]+$/; }
  if (!re.test(body)) return undefined;
  let v = BigInt(prefix + body);
  if (neg) v = -v;
  if (unsigned ? v > UINT64_MAX : v < INT64_MIN || v > INT64_MAX) return undefined;
  return v;
}

/** A resolved scalar: go-yaml's short tag (`bool`, `null`, `int`, `float`, `str`) and value. */
export interface Resolved {
  readonly tag: string;
  readonly value: unknown;
}

/** go-yaml v2 `resolve("", in)`; see `resolvePlainScalar`. */
export function resolve(s: string): Resolved {
  const h = s === '' ? 'N' : hint(s.charCodeAt(0));
  if (h === undefined) return { tag: 'str', value: s };
  const value = RESOLVE_MAP.get(s);
  if (value !== undefined) {
    return { tag: value === null ? 'null' : typeof value === 'boolean' ? 'bool' : 'float', value };
  }
  if (h === 'M' || h === 'N') return { tag: 'str', value: s };
  if (h === '.') {
    // strconv.ParseFloat(in, 64) on the text as written
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s)) return { tag: 'float', value: Number(s) };
    return { tag: 'str', value: s };
  }
  const plain = s.replace(/_/g, '');
  const i = parseGoInt(plain, false) ?? parseGoInt(plain, true);
  if (i !== undefined) return { tag: 'int', value: i === 0n ? 0 : Number(i) };
  if (YAML_STYLE_FLOAT.test(plain)) {
    const f = Number(plain);
    // strconv.ParseFloat fails with ErrRange on overflow: the text then stays a string.
    if (Number.isFinite(f)) return { tag: 'float', value: f === 0 ? 0 : f };
  }
  return { tag: 'str', value: s };
}

/**
 * The value of a plain (unquoted, untagged) scalar, as go-yaml v2's `resolve("", in)` gives it:
 * YAML 1.1 booleans (`yes`, `on`, `n`, ...), null, integers in Go's base-0 syntax after removing
 * `_` (`0x1F`, `0o17`, `017`, `0b101`, `1_000`), floats (`1e3`, `.5`, `.inf`, `.nan`; `08` is
 * the float 8), else the string itself. Timestamps stay strings (go-yaml v2 `decoder.scalar`
 * keeps timestamp-like text a string when decoding into `interface{}`).
 */
export function resolvePlainScalar(s: string): unknown {
  return resolve(s).value;
}

const TAG_PREFIX = 'tag:yaml.org,2002:';

/** `!!int` → `int`, `tag:yaml.org,2002:int` → `int`, else the tag as written. */
function shortTag(tag: string): string {
  if (tag.startsWith('!!')) return tag.slice(2);
  if (tag.startsWith(TAG_PREFIX)) return tag.slice(TAG_PREFIX.length);
  if (tag.startsWith('!<' + TAG_PREFIX) && tag.endsWith('>')) return tag.slice(2 + TAG_PREFIX.length, -1);
  return '';
}

/**
 * The value of a scalar with an explicit tag, as go-yaml v2's `resolve(tag, in)` and
 * `decoder.scalar` give it: `!!str` keeps the text, `!!int`/`!!float`/`!!bool` resolve it and
 * fail when it is something else (an integer is accepted as a `!!float`), `!!binary` is
 * base64-decoded, other tags (`!custom`, `!!null`) leave the text as it is.
 *
 * @throws ScalarResolveError "cannot decode !!str `abc` as a !!int", as go-yaml says it
 */
export function resolveTaggedScalar(tag: string, text: string): Resolved {
  const t = shortTag(tag);
  switch (t) {
    case 'str':
      return { tag: 'str', value: text };
    case 'binary':
      return { tag: 'str', value: Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8') };
    case 'bool':
    case 'int':
    case 'float': {
      // timestamps are only tried for untagged scalars and `!!timestamp`
      const r = resolve(text);
      if (r.tag === t) return r;
      if (t === 'float' && r.tag === 'int') return { tag: 'float', value: r.value };
      throw new ScalarResolveError(`cannot decode !!${r.tag} \`${text}\` as a !!${t}`);
    }
    default:
      return { tag: 'str', value: text };
  }
}

/** Go's `strconv.FormatFloat(f, 'g', -1, 32)`: shortest float32 digits, `%e` form from 1e6 or below 1e-4. */
function formatFloat32(f: number): string {
  const f32 = Math.fround(f);
  if (f32 === 0) return Object.is(f32, -0) ? '-0' : '0';
  let digits = '';
  let exp = 0;
  for (let p = 1; p <= 9; p++) {
    const s = Math.abs(f32).toExponential(p - 1);
    if (Math.fround(Number(s)) === Math.abs(f32)) {
      const [m, e] = s.split('e');
      digits = m.replace('.', '');
      exp = Number(e);
      break;
    }
  }
  const sign = f32 < 0 ? '-' : '';
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const ae = Math.abs(exp);
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/**
 * The JSON object key of a resolved YAML map key, as sigs.k8s.io/yaml `convertToJSONableObject`
 * makes it: strings as they are, integers in decimal (`0x1F:` → `"31"`), floats with
 * `FormatFloat(f, 'g', -1, 32)` (`.inf`, `-.inf`, `.nan` for the special values), booleans
 * `"true"`/`"false"` (`on:` → `"true"`). Null keys and integers beyond int64 have no JSON form.
 *
 * @returns the key, or undefined for a key that kubectl refuses ("Unsupported map key")
 */
export function jsonKey(key: Resolved): string | undefined {
  const v = key.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (key.tag === 'int') {
      // go-yaml v2 gives int for int64 values, uint64 above them: no case for uint64.
      return v >= 2 ** 63 ? undefined : BigInt(v).toString();
    }
    if (Number.isNaN(v)) return '.nan';
    if (v === Infinity) return '.inf';
    if (v === -Infinity) return '-.inf';
    return formatFloat32(v);
  }
  return undefined;
}
