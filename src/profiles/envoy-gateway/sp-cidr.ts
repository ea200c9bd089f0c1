import { isIPv4, isIPv6 } from 'net';

/**
 * Normalises one entry of an IP allow or deny list to the CIDR form that Envoy Gateway's
 * SecurityPolicy needs (`authorization.rules[].principal.clientCIDRs[]` has a pattern that
 * requires a `/prefix`): a plain address becomes a single-host range (`10.0.0.1` →
 * `10.0.0.1/32`, `2001:db8::1` → `2001:db8::1/128`); a CIDR is checked (a valid address and a
 * prefix of 0-32 or 0-128) and kept as written. ingress-nginx takes both forms in
 * `whitelist-source-range` (ingress-nginx `internal/net/ipnet.go` `ParseIPNets`).
 *
 * Returns an error message instead of a value when the entry is neither an address nor a CIDR.
 * @internal
 */
export function toClientCidr(entry: string): { value?: string; error?: string } {
  const trimmed = entry.trim();
  const slash = trimmed.indexOf('/');
  const address = slash < 0 ? trimmed : trimmed.slice(0, slash);
  const v4 = isIPv4(address);
  const v6 = !v4 && isIPv6(address) && !address.includes('%');
  if (!v4 && !v6) {
    return { error: `"${entry}" is neither an IP address nor a CIDR range (such as "10.0.0.0/8", "192.168.1.10" or "2001:db8::/32")` };
  }
  const max = v4 ? 32 : 128;
  if (slash < 0) return { value: `${address}/${max}` };
  const prefix = trimmed.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(prefix) || Number(prefix) > max) {
    return { error: `"${entry}" has prefix length "${prefix}"; an IPv${v4 ? 4 : 6} prefix length is a whole number 0-${max}` };
  }
  return { value: `${address}/${Number(prefix)}` };
}
