/**
 * Go-like value parsers for ingress-nginx annotation values: the exact rules of
 * `internal/ingress/annotations/parser/main.go` (`strconv.ParseBool`, `strconv.Atoi`, string
 * normalisation) and the validators of `internal/ingress/annotations/parser/validators.go`
 * (`SizeRegex`, `BasicCharsRegex`, `URLIsValidRegex`, …). Internal.
 */
import { Size } from 'cdk8s';
import { toCidr } from '../../profiles/apply-context';

/** Go `strconv.ParseBool`: `1 t T TRUE true True` / `0 f F FALSE false False`; anything else is undefined. */
export function parseGoBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

/** Go `strconv.Atoi`: an optional sign and decimal digits, no spaces, within 64 bits (here: a safe integer). */
export function parseGoInt(value: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * ingress-nginx's string normalisation (`parser.normalizeString`): every line trimmed. An empty
 * result is `InvalidContent` in ingress-nginx; here undefined.
 */
export function normalizeString(value: string): string | undefined {
  const s = value.split('\n').map(line => line.trim()).join('\n');
  return s.length === 0 ? undefined : s;
}

/** An nginx size (`SizeRegex` `^(?i)\d+[bkmg]?$`) as a `cdk8s.Size`; undefined when invalid. */
export function parseNginxSize(value: string): Size | undefined {
  const m = /^([0-9]+)([bkmg]?)$/i.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!Number.isSafeInteger(n)) return undefined;
  switch (m[2].toLowerCase()) {
    case 'k': return Size.kibibytes(n);
    case 'm': return Size.mebibytes(n);
    case 'g': return Size.gibibytes(n);
    default: return Size.kibibytes(n / 1024);
  }
}

/** A comma-separated list: entries trimmed, empty entries dropped. */
export function splitList(value: string): string[] {
  return value.split(',').map(v => v.trim()).filter(v => v.length > 0);
}

/** The result of `parseCidrList`. */
export interface CidrListResult {
  /** The CIDRs (plain addresses as /32 or /128), when every entry is valid. */
  readonly cidrs?: string[];
  /** The first invalid entry, when one is. */
  readonly bad?: string;
}

/**
 * A CIDR list as ingress-nginx's `net.ParseCIDRs` reads it: split on commas, each entry
 * trimmed, each an IP address or a CIDR. An empty entry (`10.0.0.0/8,`) is invalid there too.
 */
export function parseCidrList(value: string): CidrListResult {
  const cidrs: string[] = [];
  for (const raw of value.split(',')) {
    const entry = raw.trim();
    const cidr = toCidr(entry);
    if (cidr === undefined) return { bad: entry };
    cidrs.push(cidr);
  }
  return { cidrs };
}

const ALPHA_NUMERIC = '\\-\\._~a-zA-Z0-9/:';

/** `parser.BasicCharsRegex`: alphanumerics and `-._~:/`. */
export const BASIC_CHARS = new RegExp(`^[/${ALPHA_NUMERIC}]*$`);
/** `parser.URLIsValidRegex`: a URL with `:?&=` and no other special character. */
export const URL_IS_VALID = new RegExp(`^[${ALPHA_NUMERIC}:?&=]*$`);
/** `parser.URLWithNginxVariableRegex`: `URLIsValidRegex` plus `$` (nginx variables). */
export const URL_WITH_NGINX_VARIABLE = new RegExp(`^[${ALPHA_NUMERIC}:?&=$]*$`);
/** `parser.IsValidRegex`: alphanumerics plus regex characters (server names, header patterns). */
export const IS_VALID_REGEX = new RegExp(`^[/${ALPHA_NUMERIC}\\^\\$\\[\\]\\(\\)\\{\\}\\*\\+\\?\\|&=\\\\]*$`);
/** `parser.RegexPathWithCapture`: a path with `$n` capture references. */
export const REGEX_PATH_WITH_CAPTURE = new RegExp(`^/?[${ALPHA_NUMERIC}/$]*$`);
/** `parser.CharsWithSpace`: `BasicCharsRegex` plus spaces. */
export const CHARS_WITH_SPACE = new RegExp(`^[/${ALPHA_NUMERIC} ]*$`);
/** `parser.NGINXVariable`: alphanumerics, `-`, `_`, `$`, `{`, `}`. */
export const NGINX_VARIABLE = /^[A-Za-z0-9\-_${}]*$/;
/** `parser.HeadersVariable`: header names separated by commas. */
export const HEADERS_VARIABLE = /^[A-Za-z0-9\-_, ]*$/;

/** `ValidateServiceName`: a DNS-1035 label (what `default-backend` names). */
export function isDns1035Label(value: string): boolean {
  return value.length <= 63 && /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(value);
}

/** The parts of a URL as Go's `url.Parse` gives them (for the URLs annotations accept). */
export interface ParsedUrl {
  /** The scheme, lower case (`http`). */
  readonly scheme: string;
  /** The host without port (`auth.ns.svc.cluster.local`). */
  readonly hostname: string;
  /** The port, when the URL names one. */
  readonly port?: number;
  /** The path (`/` when empty). */
  readonly path: string;
  /** The query, without `?` (undefined when none). */
  readonly query?: string;
}

/**
 * An absolute URL with scheme and host (`parser.StringToURL` of
 * `internal/ingress/annotations/parser/main.go`: scheme and host required, no `..` in the host);
 * undefined otherwise.
 */
export function parseAbsoluteUrl(value: string): ParsedUrl | undefined {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/.exec(value);
  if (!m) return undefined;
  const authority = m[2].replace(/^[^@]*@/, '');
  const hp = /^(\[[^\]]+\]|[^:]*)(?::([0-9]*))?$/.exec(authority);
  if (!hp || hp[1] === '' || hp[1].includes('..')) return undefined;
  let port: number | undefined;
  if (hp[2] !== undefined && hp[2] !== '') {
    port = Number(hp[2]);
    if (port > 65535) return undefined;
  }
  return { scheme: m[1].toLowerCase(), hostname: hp[1].toLowerCase(), port, path: m[3] === '' ? '/' : m[3], query: m[4] };
}

/** Whether a value is an http or https URL (the check of `redirect.isValidURL`: the scheme starts with `http`). */
export function isHttpUrl(value: string): boolean {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(value);
  return m !== null && m[1].startsWith('http');
}

/** `ns/name` as `k8s.ParseNameNS` reads it (exactly one `/`, both parts set); undefined otherwise. */
export function parseNamespacedName(value: string): { namespace: string; name: string } | undefined {
  const parts = value.split('/');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return undefined;
  return { namespace: parts[0], name: parts[1] };
}

/** `[ns/]name` as client-go's `cache.SplitMetaNamespaceKey` reads it; undefined when malformed. */
export function splitMetaNamespaceKey(value: string): { namespace?: string; name: string } | undefined {
  const parts = value.split('/');
  if (parts.length === 1) return parts[0] === '' ? undefined : { name: parts[0] };
  if (parts.length === 2 && parts[1] !== '') return { namespace: parts[0] === '' ? undefined : parts[0], name: parts[1] };
  return undefined;
}
