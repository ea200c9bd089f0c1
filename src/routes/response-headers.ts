import { compareHeaderNames } from './header-modifier';

/*
 * Response headers set on every rule of a route (`HttpRoute.applyResponseHeaders`, `Hsts`):
 * merged into each rule's ResponseHeaderModifier filter. Internal.
 */

/** Headers one ResponseHeaderModifier may set (the CRD's maxItems). */
const MAX_MODIFIER_HEADERS = 16;

/**
 * Merges `headers` into the `set` list of the ResponseHeaderModifier among rendered
 * `filters` (a copy is returned; one filter is appended when there is none). A header that
 * is already set to the same value is kept once; one that is set to another value, added or
 * removed is an error, reported through `fail`.
 * @internal
 */
export function mergeResponseHeaders(
  filters: any[] | undefined, headers: ReadonlyArray<[string, string]>, maxFilters: number, fail: (msg: string) => never): any[] {
  const out = JSON.parse(JSON.stringify(filters ?? []));
  let modifier = out.find((f: any) => f.type === 'ResponseHeaderModifier');
  if (!modifier) {
    if (out.length >= maxFilters) {
      fail(`the rule already has ${maxFilters} filters and no ResponseHeaderModifier to merge response headers into`);
    }
    modifier = { type: 'ResponseHeaderModifier', responseHeaderModifier: {} };
    out.push(modifier);
  }
  const body = modifier.responseHeaderModifier;
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  for (const [name, value] of headers) {
    const set = (body.set ?? []).find((h: any) => same(h.name, name));
    if (set && set.value === value) continue;
    if (set) fail(`the rule's ResponseHeaderModifier already sets "${set.name}" to "${set.value}"; it cannot also set it to "${value}"`);
    if ((body.add ?? []).some((h: any) => same(h.name, name))) fail(`the rule's ResponseHeaderModifier already adds "${name}"; it cannot also set it`);
    if ((body.remove ?? []).some((n: string) => same(n, name))) fail(`the rule's ResponseHeaderModifier removes "${name}"; it cannot also set it`);
    if ((body.set ?? []).length >= MAX_MODIFIER_HEADERS) {
      fail(`the rule's ResponseHeaderModifier already sets ${MAX_MODIFIER_HEADERS} headers, the maximum; "${name}" does not fit`);
    }
    body.set = [...(body.set ?? []), { name, value }].sort((a, b) => compareHeaderNames(a.name, b.name));
  }
  return out;
}
