import { UsageError } from './args';
import { SimHeader, SimRequest } from '../simulate/types';

/*
 * The request argument of `explain`: `"GET https://shop.example.com/api?x=1"` (the method is
 * optional and defaults to GET), with `-H 'Name: value'` headers, `--cookie name=value` cookies
 * and `--sni NAME`.
 */

const REQUEST = /^(?:([A-Za-z]+)\s+)?((?:https?|tls|tcp|udp):\/\/\S+)$/;

/** Whether a positional argument is the request (rather than a file). */
export function isRequestArgument(arg: string): boolean {
  return REQUEST.test(arg.trim());
}

/**
 * Builds the request.
 *
 * @throws UsageError for a bad URL, header or cookie
 */
export function parseRequest(arg: string, headers: readonly string[], cookies: readonly string[], sni?: string): SimRequest {
  const m = REQUEST.exec(arg.trim());
  if (m === null) throw new UsageError(`"${arg}" is not a request: write "METHOD URL", e.g. "GET https://shop.example.com/api"`);
  try {
    new URL(m[2]);
  } catch {
    throw new UsageError(`"${m[2]}" is not a URL`);
  }
  const h: SimHeader[] = headers.map(raw => {
    const i = raw.indexOf(':');
    const name = i > 0 ? raw.slice(0, i).trim() : '';
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) throw new UsageError(`-H "${raw}": write "Name: value"`);
    return { name, value: raw.slice(i + 1).trim() };
  });
  const c: SimHeader[] = cookies.map(raw => {
    const i = raw.indexOf('=');
    if (i <= 0) throw new UsageError(`--cookie "${raw}": write name=value`);
    return { name: raw.slice(0, i).trim(), value: raw.slice(i + 1).trim() };
  });
  return {
    url: m[2],
    ...(m[1] !== undefined ? { method: m[1].toUpperCase() } : {}),
    ...(h.length ? { headers: h } : {}),
    ...(c.length ? { cookies: c } : {}),
    ...(sni !== undefined ? { sni } : {}),
  };
}
