/**
 * Readable lines of an outcome. Internal.
 */
import { backendLabel, percent } from './outcome';
import { SimOutcome } from './types';

/**
 * `listener  Gateway infra/edge listener http: HTTP port 80, ...` per step, then
 * `result    200 → Service web/api:8080 100%` (or the redirect, or the status), then a
 * `not modeled` line per sentence.
 */
export function explainLines(outcome: SimOutcome): string[] {
  const lines = outcome.steps.map(s => `${s.stage.padEnd(10)}${s.name}: ${s.detail}`);
  let result = String(outcome.status);
  if (outcome.location) result += ` → ${outcome.location}`;
  if (outcome.backends.length) result += ` → ${outcome.backends.map(b => `${backendLabel(b)} ${percent(b.weight)}`).join(', ')}`;
  if (outcome.upstreamPath !== undefined) result += ` (${outcome.upstreamHost ?? ''}${outcome.upstreamPath})`;
  lines.push(`${'result'.padEnd(10)}${result}`);
  for (const h of outcome.requestHeaders) lines.push(`${'request'.padEnd(10)}${h.name}: ${h.value === '' ? '(removed)' : h.value}`);
  for (const h of outcome.responseHeaders) lines.push(`${'response'.padEnd(10)}${h.name}: ${h.value === '' ? '(removed)' : h.value}`);
  for (const m of outcome.mirrors) lines.push(`${'mirror'.padEnd(10)}${backendLabel(m)} ${percent(m.weight)}`);
  for (const n of outcome.notModeled) lines.push(`${'not modeled'.padEnd(10)} ${n}`);
  return lines;
}
