/**
 * String formats and name rules, as the Kubernetes API server (Go) checks them.
 */

/** A parsed IP address: 4 or 16 bytes, and the IPv6 zone if one was given. @internal */
export interface ParsedIp {
  readonly bytes: number[];
  readonly zone: string;
}

function parseIpv4Fields(s: string, out: number[]): boolean {
  const fields = s.split('.');
  if (fields.length !== 4) return false;
  for (const f of fields) {
    if (!/^[0-9]{1,3}$/.test(f) || (f.length > 1 && f[0] === '0')) return false;
    const n = Number(f);
    if (n > 255) return false;
    out.push(n);
  }
  return true;
}

function parseIpv6(input: string): ParsedIp | undefined {
  let s = input;
  let zone = '';
  const pct = s.indexOf('%');
  if (pct >= 0) {
    zone = s.slice(pct + 1);
    s = s.slice(0, pct);
    if (zone === '') return undefined;
  }
  const ip: number[] = new Array(16).fill(0);
  let ellipsis = -1;
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === '') return { bytes: ip, zone };
  }
  let i = 0;
  while (i < 16) {
    const m = /^[0-9a-fA-F]*/.exec(s)![0];
    if (m.length === 0 || m.length > 4) return undefined;
    if (s[m.length] === '.') {
      if ((ellipsis < 0 && i !== 12) || i + 4 > 16) return undefined;
      const v4: number[] = [];
      if (!parseIpv4Fields(s, v4)) return undefined;
      ip.splice(i, 4, ...v4);
      i += 4;
      s = '';
      break;
    }
    const acc = parseInt(m, 16);
    ip[i] = Math.floor(acc / 256);
    ip[i + 1] = acc % 256;
    i += 2;
    s = s.slice(m.length);
    if (s === '') break;
    if (s[0] !== ':' || s.length === 1) return undefined;
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return undefined;
      ellipsis = i;
      s = s.slice(1);
      if (s === '') break;
    }
  }
  if (s !== '') return undefined;
  if (i < 16) {
    if (ellipsis < 0) return undefined;
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j];
    for (let j = ellipsis; j < ellipsis + n; j++) ip[j] = 0;
  } else if (ellipsis >= 0) {
    return undefined;
  }
  return { bytes: ip, zone };
}

/**
 * Go's `netip.ParseAddr`: strict dotted-quad IPv4 (no leading zeros), RFC 4291 IPv6 with an
 * optional embedded IPv4 tail and zone.
 * @internal
 */
export function parseAddr(s: string): ParsedIp | undefined {
  for (const c of s) {
    if (c === '.') {
      const out: number[] = [];
      return parseIpv4Fields(s, out) ? { bytes: out, zone: '' } : undefined;
    }
    if (c === ':') return parseIpv6(s);
    if (c === '%') return undefined;
  }
  return undefined;
}

/**
 * k8s.io/utils `net.ParseIPSloppy` for a dotted-quad IPv4 address: Go 1.16's `net.ParseIP`,
 * which accepts leading zeros (`010.0.0.1` is 10.0.0.1, read as decimal).
 * @internal
 */
export function isSloppyIpv4(s: string): boolean {
  const fields = s.split('.');
  if (fields.length !== 4) return false;
  return fields.every(f => /^[0-9]+$/.test(f) && Number(f) <= 255);
}

/** Go's `net.ParseIP(s) != nil` (no zones). @internal */
export function isGoIp(s: string): boolean {
  const ip = parseAddr(s);
  return ip !== undefined && ip.zone === '';
}

/**
 * The Kubernetes CEL `isIP()`: a valid IPv4 or IPv6 address without zone, not IPv4-mapped IPv6.
 * @internal
 */
export function isKubernetesIp(s: string): boolean {
  const ip = parseAddr(s);
  if (!ip || ip.zone !== '') return false;
  if (ip.bytes.length === 16) {
    const b = ip.bytes;
    const mapped = b.slice(0, 10).every(x => x === 0) && b[10] === 0xff && b[11] === 0xff;
    if (mapped) return false;
  }
  return true;
}

const DATE_TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:?[0-9]{2})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/**
 * The OpenAPI string formats the API server checks (kube-openapi `pkg/validation/strfmt`,
 * `default.go`); formats not listed here are not checked, as on the server. `ipv4` is lenient
 * there (`isIPv4`: `netutils.ParseIPSloppy`, leading zeros allowed), unlike CEL's `isIP()`.
 * (`int32`/`int64` apply to numbers: see structural.ts.)
 * @internal
 */
export const STRING_FORMATS: { readonly [format: string]: (s: string) => boolean } = {
  'ipv4': s => isSloppyIpv4(s) || (isGoIp(s) && s.includes('.')),
  'ipv6': s => isGoIp(s) && s.includes(':'),
  'date-time': s => DATE_TIME.test(s),
  'datetime': s => DATE_TIME.test(s),
  'byte': s => BASE64.test(s),
  'uuid': s => UUID.test(s),
};

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const maxLen = (n: number) => `must be no more than ${n} characters`;

/** `k8s.io/apimachinery` `IsDNS1123Label`: error strings, empty when valid. @internal */
export function dns1123LabelErrors(s: string): string[] {
  const errs: string[] = [];
  if (s.length > 63) errs.push(maxLen(63));
  if (!DNS1123_LABEL.test(s)) {
    errs.push("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with " +
      "an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
  }
  return errs;
}

/** `IsDNS1123Subdomain`. @internal */
export function dns1123SubdomainErrors(s: string): string[] {
  const errs: string[] = [];
  if (s.length > 253) errs.push(maxLen(253));
  if (!DNS1123_SUBDOMAIN.test(s)) {
    errs.push("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end " +
      "with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
  }
  return errs;
}

/** `IsDNS1035Label`. @internal */
export function dns1035LabelErrors(s: string): string[] {
  const errs: string[] = [];
  if (s.length > 63) errs.push(maxLen(63));
  if (!DNS1035_LABEL.test(s)) {
    errs.push("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and " +
      "end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
  }
  return errs;
}

const QN_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/** `IsQualifiedName` (label and annotation keys). @internal */
export function qualifiedNameErrors(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...dns1123SubdomainErrors(prefix).map(e => `prefix part ${e}`));
  } else {
    return [`a qualified name ${QN_MSG} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLen(63)}`);
  if (!QUALIFIED_NAME.test(name)) errs.push(`name part ${QN_MSG}`);
  return errs;
}

/** `IsValidLabelValue`. @internal */
export function labelValueErrors(s: string): string[] {
  const errs: string[] = [];
  if (s.length > 63) errs.push(maxLen(63));
  if (!LABEL_VALUE.test(s)) {
    errs.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end " +
      "with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is " +
      "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
  }
  return errs;
}
