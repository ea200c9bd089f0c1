/**
 * Syntax rules of Gateway API v1.6.1 field types, checked eagerly so that bad input fails at
 * the line that supplied it. Each function returns an error message, or undefined when valid.
 * Patterns are the `pattern`/`maxLength` validations that the v1.6.1 Standard CRDs carry for
 * these field types, declared in kubernetes-sigs/gateway-api `apis/v1/shared_types.go`
 * (Hostname, PreciseHostname, SectionName, HeaderName, Namespace, Group, Kind). ObjectName has
 * only a length there; object names are checked as Kubernetes DNS-1123 subdomains.
 * @internal
 */

const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const PRECISE_HOSTNAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SECTION_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const GROUP = /^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const KIND = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * The length of a string as the API server counts it for `maxLength`/`minLength`: Unicode
 * characters (code points), not UTF-16 units (an emoji is one character, `"😀".length` is 2).
 * Shared by the constructs' eager checks and the validator.
 * @internal
 */
export function charLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** @internal */
export function checkHostname(value: string): string | undefined {
  if (value.length < 1 || value.length > 253) {
    return `hostname "${value}" must be 1-253 characters`;
  }
  const withPort = /^([^:]*):(\d*)$/.exec(value);
  if (withPort && !IPV4.test(withPort[1])) {
    return `hostname "${value}" has a port; Gateway API hostnames are DNS names without a port (use "${withPort[1]}" and set the port on the listener)`;
  }
  if (IPV4.test(value) || IPV4.test(withPort?.[1] ?? '') || value.includes(':')) {
    return `hostname "${value}" is an IP address; Gateway API hostnames must be DNS names`;
  }
  if (!HOSTNAME.test(value)) {
    return `hostname "${value}" is not a lowercase RFC 1123 DNS name (a wildcard is allowed only as the whole first label, as in "*.example.com")`;
  }
  return undefined;
}

/** @internal */
export function checkPreciseHostname(value: string): string | undefined {
  if (value.length < 1 || value.length > 253 || !PRECISE_HOSTNAME.test(value)) {
    return `hostname "${value}" must be a lowercase RFC 1123 DNS name without a wildcard`;
  }
  return undefined;
}

/** @internal */
export function checkPort(value: number): string | undefined {
  if (!Number.isInteger(value)) {
    return `port ${value} is not an integer; ports are whole numbers 1-65535`;
  }
  if (value < 1 || value > 65535) {
    return `port ${value} is outside 1-65535`;
  }
  return undefined;
}

/** @internal */
export function checkSectionName(value: string): string | undefined {
  if (value.length < 1 || value.length > 253 || !SECTION_NAME.test(value)) {
    return `name "${value}" must be a lowercase RFC 1123 subdomain (letters, digits, "-" and ".")`;
  }
  return undefined;
}

/** @internal */
export function checkHeaderName(value: string): string | undefined {
  if (value.length < 1 || value.length > 256 || !HEADER_NAME.test(value)) {
    return `header name "${value}" is not a valid HTTP header name (RFC 7230 token, 1-256 characters)`;
  }
  return undefined;
}

/** @internal */
export function checkObjectName(value: string): string | undefined {
  if (value.length < 1 || value.length > 253 || !OBJECT_NAME.test(value)) {
    return `name "${value}" must be a lowercase RFC 1123 subdomain of 1-253 characters`;
  }
  return undefined;
}

/** @internal */
export function checkNamespace(value: string): string | undefined {
  if (value.length < 1 || value.length > 63 || !NAMESPACE.test(value)) {
    return `namespace "${value}" must be a lowercase RFC 1123 label of 1-63 characters`;
  }
  return undefined;
}

/** @internal */
export function checkGroup(value: string): string | undefined {
  if (value.length > 253 || !GROUP.test(value)) {
    return `group "${value}" must be empty (core) or a lowercase DNS subdomain`;
  }
  return undefined;
}

/** @internal */
export function checkKind(value: string): string | undefined {
  if (value.length < 1 || value.length > 63 || !KIND.test(value)) {
    return `kind "${value}" must be 1-63 letters, digits and "-", starting with a letter`;
  }
  return undefined;
}

/** @internal */
export function checkWeight(value: number): string | undefined {
  if (!Number.isInteger(value)) {
    return `weight ${value} is not an integer; weights are whole numbers 0-1000000`;
  }
  if (value < 0 || value > 1_000_000) {
    return `weight ${value} is outside 0-1000000`;
  }
  return undefined;
}
