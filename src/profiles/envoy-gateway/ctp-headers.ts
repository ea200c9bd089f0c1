import { Fail } from './btp-values';
import { charLength, checkHeaderName } from '../../core/formats';
import { HeaderModifierOptions } from '../../routes/header-modifier';

/** `headers.lateResponseHeaders.{set,add,remove}` hold at most 64 entries each. */
const MAX_HEADERS = 64;
const MAX_VALUE = 4096;

/**
 * What Envoy does with an incoming `X-Request-ID` (`spec.headers.requestID`).
 */
export enum RequestIdMode {
  /** Keep the client's `X-Request-ID`, or generate one when absent (ingress-nginx's default). */
  PRESERVE_OR_GENERATE = 'PreserveOrGenerate',
  /** Keep the client's `X-Request-ID`, never generate one. */
  PRESERVE = 'Preserve',
  /** Always generate a new `X-Request-ID`, replacing the client's (Envoy Gateway's default). */
  GENERATE = 'Generate',
  /** Neither keep nor generate. */
  DISABLE = 'Disable',
}

/**
 * What Envoy does with a request header whose name contains `_`
 * (`spec.headers.withUnderscoresAction`).
 */
export enum UnderscoresAction {
  /** Pass the header on. */
  ALLOW = 'Allow',
  /** Reject the request with 400 (Envoy Gateway's default). */
  REJECT_REQUEST = 'RejectRequest',
  /** Drop the header and pass the request on (ingress-nginx's default, `enable-underscores-in-headers: false`). */
  DROP_HEADER = 'DropHeader',
}

/**
 * Checks and renders `headers.lateResponseHeaders` (the Gateway API header modifier shape,
 * with at most 64 entries per list). Each list is rendered in case-insensitive name order.
 * @internal
 */
export function renderLateResponseHeaders(options: HeaderModifierOptions, fail: Fail): any {
  const field = 'spec.headers.lateResponseHeaders';
  const byName = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);
  const set = Object.entries(options.set ?? {}).sort(([a], [b]) => byName(a, b));
  const add = Object.entries(options.add ?? {}).sort(([a], [b]) => byName(a, b));
  const remove = [...options.remove ?? []].sort(byName);
  if (set.length + add.length + remove.length === 0) {
    fail(`${field}: no header to set, add or remove; pass at least one`);
  }
  const seen = new Set<string>();
  for (const [list, names] of [['set', set.map(([n]) => n)], ['add', add.map(([n]) => n)], ['remove', remove]] as const) {
    if (names.length > MAX_HEADERS) fail(`${field}.${list} has ${names.length} headers, the maximum is ${MAX_HEADERS}`);
    for (const name of names) {
      const err = checkHeaderName(name);
      if (err) fail(`${field}.${list}: ${err}`);
      if (seen.has(name.toLowerCase())) {
        fail(`${field}: header "${name}" appears more than once (header names are case-insensitive); give each header one action`);
      }
      seen.add(name.toLowerCase());
    }
  }
  for (const [list, entries] of [['set', set], ['add', add]] as const) {
    for (const [name, value] of entries) {
      if (charLength(value) < 1 || charLength(value) > MAX_VALUE) {
        fail(`${field}.${list}: value of header "${name}" must be 1-${MAX_VALUE} characters, got ${charLength(value)}`);
      }
    }
  }
  const pairs = (entries: [string, string][]) => (entries.length > 0 ? entries.map(([name, value]) => ({ name, value })) : undefined);
  return { set: pairs(set), add: pairs(add), remove: remove.length > 0 ? remove : undefined };
}
