/*
 * Go's parsing of ConfigMap strings, as ingress-nginx applies it to its controller ConfigMap
 * (`internal/ingress/controller/template/configmap.go` `ReadConfig`: a few keys by hand with
 * `strconv.Atoi`, the rest through mapstructure with `WeaklyTypedInput`, which reads a bool
 * with `strconv.ParseBool` and an int with `strconv.ParseInt(s, 0, bits)`).
 */

/** Go's `strconv.ParseBool`: undefined for anything else. */
export function goParseBool(s: string): boolean | undefined {
  switch (s) {
    case '1': case 't': case 'T': case 'TRUE': case 'true': case 'True':
      return true;
    case '0': case 'f': case 'F': case 'FALSE': case 'false': case 'False':
      return false;
    default:
      return undefined;
  }
}

/**
 * mapstructure's weakly typed string → bool: `strconv.ParseBool`, and the empty string is
 * false (mapstructure `decodeBool`).
 */
export function weakBool(s: string): boolean | undefined {
  return s === '' ? false : goParseBool(s);
}

/** Go's `strconv.Atoi` for an int64: an optional sign and decimal digits. */
export function goAtoi(s: string): number | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * mapstructure's weakly typed string → int: `strconv.ParseInt(s, 0, 64)` (base prefixes
 * `0x`, `0o`, `0b`, a leading `0` for octal, `_` between digits as in Go literals), and the empty string is 0
 * (mapstructure `decodeInt`).
 */
export function weakInt(s: string): number | undefined {
  if (s === '') return 0;
  let rest = s;
  let negative = false;
  if (rest[0] === '+' || rest[0] === '-') {
    negative = rest[0] === '-';
    rest = rest.slice(1);
  }
  let base = 10;
  let prefixed = false;
  if (/^0[xX]/.test(rest)) [base, rest, prefixed] = [16, rest.slice(2), true];
  else if (/^0[oO]/.test(rest)) [base, rest, prefixed] = [8, rest.slice(2), true];
  else if (/^0[bB]/.test(rest)) [base, rest, prefixed] = [2, rest.slice(2), true];
  else if (rest.length > 1 && rest[0] === '0') [base, rest, prefixed] = [8, rest.slice(1), true];
  // Go's underscoreOK: `_` only between digits, or between a base prefix and a digit.
  if (rest.includes('_') && ((!prefixed && rest.startsWith('_')) || /__|_$/.test(rest))) return undefined;
  const digits = rest.replace(/_/g, '');
  const valid = base === 16 ? /^[0-9a-fA-F]+$/ : base === 10 ? /^\d+$/ : base === 8 ? /^[0-7]+$/ : /^[01]+$/;
  if (!valid.test(digits)) return undefined;
  const n = parseInt(digits, base);
  if (!Number.isSafeInteger(n)) return undefined;
  return negative ? -n : n;
}
