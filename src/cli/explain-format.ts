import { renderBackends, renderHeaders } from '../compat/verify/compare';
import { SimOutcome, SimRequest } from '../simulate/types';

/*
 * How `explain` prints an outcome: the request, the decision path one step per line
 * (listener → route → rule → filters → backends, or server → location → annotations → canary →
 * backend for ingress-nginx), then the result, and what the model could not decide.
 */

/** The request as one line: `GET https://shop.example.com/api [x-canary: always; cookie beta=1]`. */
export function requestLine(request: SimRequest): string {
  const extras = [
    ...(request.headers ?? []).map(h => `${h.name}: ${h.value}`),
    ...(request.cookies ?? []).map(c => `cookie ${c.name}=${c.value}`),
    ...(request.sni !== undefined ? [`sni ${request.sni}`] : []),
  ];
  return `${request.method ?? 'GET'} ${request.url}${extras.length ? ` [${extras.join('; ')}]` : ''}`;
}

/** The result in words: `308 redirect to https://…`, `200 to Service shop/web:80 100% as /api`. */
export function resultLine(outcome: SimOutcome): string {
  if (outcome.location !== undefined) return `${outcome.status} redirect to ${outcome.location}`;
  if (outcome.backends.length === 0) return `${outcome.status}${outcome.status === 204 ? ' answered by the proxy' : ' (no backend)'}`;
  const upstream = [
    outcome.upstreamPath !== undefined ? `as ${outcome.upstreamPath}` : '',
    outcome.upstreamHost !== undefined ? `(Host ${outcome.upstreamHost})` : '',
  ].filter(s => s !== '').join(' ');
  return `${outcome.status} to ${renderBackends(outcome.backends)}${upstream ? ` ${upstream}` : ''}`;
}

/** The readable lines of `explain`. */
export function explainText(model: string, request: SimRequest, outcome: SimOutcome): string {
  const width = Math.max(outcome.notModeled.length ? 11 : 8, ...outcome.steps.map(s => s.stage.length));
  const lines = [`${requestLine(request)}  (${model})`];
  for (const s of outcome.steps) lines.push(`  ${s.stage.padEnd(width)}  ${s.name}${s.detail ? ` — ${s.detail}` : ''}`);
  lines.push(`  ${'result'.padEnd(width)}  ${resultLine(outcome)}`);
  if (outcome.requestHeaders.length) lines.push(`  ${'request'.padEnd(width)}  ${renderHeaders(outcome.requestHeaders)}`);
  if (outcome.responseHeaders.length) lines.push(`  ${'response'.padEnd(width)}  ${renderHeaders(outcome.responseHeaders)}`);
  if (outcome.mirrors.length) lines.push(`  ${'mirror'.padEnd(width)}  ${renderBackends(outcome.mirrors)}`);
  for (const n of outcome.notModeled) lines.push(`  ${'not modeled'.padEnd(width)}  ${n}`);
  return lines.join('\n') + '\n';
}
