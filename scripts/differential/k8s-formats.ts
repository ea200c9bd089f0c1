/**
 * The independent validator's string formats and name rules, written from the Kubernetes
 * definitions (k8s.io/kube-openapi `pkg/validation/strfmt`, k8s.io/apimachinery
 * `pkg/util/validation`, k8s.io/utils `net`), without the project's `src/validation/formats.ts`.
 */

const DEC_OCTET_SLOPPY = /^[0-9]+$/;

/** k8s.io/utils `net.ParseIPSloppy`'s IPv4 part: four decimal fields, leading zeros allowed. */
function ipv4Sloppy(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every(p => DEC_OCTET_SLOPPY.test(p) && p.length <= 12 && Number(p) <= 255);
}

/** Strict dotted quad (Go `netip.ParseAddr`): no leading zeros. */
function ipv4Strict(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every(p => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

/** IPv6 text (RFC 4291), with an embedded IPv4 tail checked by `tail`; no zone. */
function ipv6With(s: string, tail: (v4: string) => boolean): boolean {
  if (s.includes('%')) return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string): string[] | undefined => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !rest) return false;
  const all = [...head, ...rest];
  let words = 0;
  for (let i = 0; i < all.length; i++) {
    const g = all[i];
    if (i === all.length - 1 && g.includes('.')) {
      if (!tail(g)) return false;
      words += 2;
    } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) {
      words += 1;
    } else {
      return false;
    }
  }
  return halves.length === 2 ? words <= 7 : words === 8;
}

/** kube-openapi `IsIPv4`: parses with `ParseIPSloppy` and contains a dot. */
export function isOpenApiIpv4(s: string): boolean {
  return s.includes('.') && (ipv4Sloppy(s) || ipv6With(s, ipv4Sloppy));
}

/** kube-openapi `IsIPv6`: parses with `ParseIPSloppy` and contains a colon. */
export function isOpenApiIpv6(s: string): boolean {
  return s.includes(':') && ipv6With(s, ipv4Sloppy);
}

/** The CEL IP library's `isIP` (`netip.ParseAddr`, then no zone and no IPv4-mapped IPv6). */
export function isCelIp(s: string): boolean {
  return ipv4Strict(s) || (ipv6With(s, ipv4Strict) && !isMapped(s.toLowerCase()));
}

function isMapped(s: string): boolean {
  // Expand the address and look at the first 12 bytes: 0...0 ffff.
  const halves = s.split('::');
  const expand = (h: string): string[] => (h === '' ? [] : h.split(':').flatMap(g => (g.includes('.') ? ['v4', 'v4'] : [g])));
  const head = expand(halves[0]);
  const tail = halves.length === 2 ? expand(halves[1]) : [];
  const words = [...head, ...new Array(8 - head.length - tail.length).fill('0'), ...tail];
  return words.slice(0, 5).every(w => parseInt(w, 16) === 0) && parseInt(words[5], 16) === 0xffff;
}

/** Go `base64.StdEncoding.DecodeString` (CR and LF are ignored). */
export function isStdBase64(s: string): boolean {
  const t = s.replace(/[\r\n]/g, '');
  return t.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(t);
}

/** kube-openapi `ParseDateTime`: RFC 3339 and the ISO 8601 variants strfmt accepts. */
export function isOpenApiDateTime(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(s);
  if (!m) return false;
  const [month, day, hour, min, sec] = [m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || min > 59 || sec > 59) return false;
  const year = Number(m[1]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (day > days) return false;
  if (m[8] && m[8] !== 'Z') {
    const [zh, zm] = m[8].slice(1).split(':').map(Number);
    if (zh > 23 || zm > 59) return false;
  }
  return true;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** apimachinery `IsDNS1123Label`. */
export function isDns1123Label(s: string): boolean {
  return s.length <= 63 && DNS_LABEL.test(s);
}

/** apimachinery `IsDNS1123Subdomain`. */
export function isDns1123Subdomain(s: string): boolean {
  return s.length <= 253 && DNS_SUBDOMAIN.test(s);
}

/** apimachinery `IsDNS1035Label`. */
export function isDns1035Label(s: string): boolean {
  return s.length <= 63 && DNS_1035.test(s);
}

/** apimachinery `IsQualifiedName`: `[prefix/]name`, prefix a DNS-1123 subdomain. */
export function isQualifiedName(s: string): boolean {
  const parts = s.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (parts.length === 2 && (parts[0] === '' || !isDns1123Subdomain(parts[0]))) return false;
  return name.length > 0 && name.length <= 63 && QUALIFIED_PART.test(name);
}

/** apimachinery `IsValidLabelValue`. */
export function isLabelValue(s: string): boolean {
  return s === '' || (s.length <= 63 && QUALIFIED_PART.test(s));
}
