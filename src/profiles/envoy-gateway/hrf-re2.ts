import type { CelResult } from '@bufbuild/cel';
import { celRuntime } from '../../validation/cel-runtime';

type Re2Program = (bindings: { s: string; p: string }) => CelResult;
let program: Re2Program | undefined;

/**
 * Why RE2 (Envoy's `safe_regex`, the only dialect Envoy Gateway accepts) refuses `pattern`, or
 * undefined when it compiles. Lookarounds and backreferences, which PCRE takes, are refused.
 * Uses the RE2 port that `@bufbuild/cel` ships, as the validator does.
 * @internal
 */
export function re2SyntaxError(pattern: string): string | undefined {
  const cel = celRuntime(); // loaded on first use: most apps never check an RE2 pattern
  program ??= cel.plan(cel.celEnv(), cel.parse('s.matches(p)')) as unknown as Re2Program;
  const r = program({ s: '', p: pattern });
  return cel.isCelError(r) ? `pattern "${pattern}" is not a valid RE2 regular expression (${r.message.replace(/^error parsing regexp: /, '')}); Envoy uses RE2: no lookarounds or backreferences` : undefined;
}

/**
 * The number of capturing groups of an RE2 pattern (`(...)` and `(?P<name>...)`, not
 * `(?:...)` or flag groups), for checking `\N` references in a substitution.
 * @internal
 */
export function re2CaptureGroups(pattern: string): number {
  let n = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++;
    } else if (c === '(' && (pattern[i + 1] !== '?' || pattern.startsWith('(?P<', i) || pattern.startsWith('(?<', i))) {
      n++;
    }
  }
  return n;
}
