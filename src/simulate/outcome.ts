/**
 * An outcome under construction, and its final sorted form. Internal.
 */
import { SimBackend, SimHeader, SimOutcome, SimStep } from './types';

/** A mutable outcome. */
export interface Draft {
  status: number;
  location?: string;
  backends: SimBackend[];
  upstreamPath?: string;
  upstreamHost?: string;
  /** Headers the proxy set on the forwarded request (lower-case name → final value, `""` for removed). */
  readonly requestHeaders: Map<string, string>;
  /** Headers the proxy set on the response (lower-case name → value, `""` for removed). */
  readonly responseHeaders: Map<string, string>;
  readonly mirrors: SimBackend[];
  source?: string;
  readonly steps: SimStep[];
  readonly notModeled: string[];
  /** Objects that acted on the request (for policies that target them): kind, namespace, name, section. */
  readonly targets: PolicyTarget[];
}

/** An object a policy may target. */
export interface PolicyTarget {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly sectionName?: string;
}

/** A fresh outcome: 404 until something decides otherwise. */
export function newDraft(): Draft {
  return { status: 404, backends: [], requestHeaders: new Map(), responseHeaders: new Map(), mirrors: [], steps: [], notModeled: [], targets: [] };
}

/** Appends a step. */
export function step(d: Draft, stage: string, name: string, detail: string): void {
  d.steps.push({ stage, name, detail });
}

/** Appends a sentence to `notModeled` once. */
export function notModeled(d: Draft, sentence: string): void {
  if (!d.notModeled.includes(sentence)) d.notModeled.push(sentence);
}

/** `Service ns/name:port`. */
export function backendLabel(b: { kind: string; namespace: string; name: string; port?: string }): string {
  return `${b.kind} ${b.namespace}/${b.name}${b.port !== undefined ? `:${b.port}` : ''}`;
}

/** A share as a percentage (`90%`, `12.5%`). */
export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortBackends(list: SimBackend[]): SimBackend[] {
  return [...list].sort((a, b) => cmp(a.kind, b.kind) || cmp(a.namespace, b.namespace) || cmp(a.name, b.name)
    || cmp(a.port ?? '', b.port ?? ''));
}

function headers(m: Map<string, string>): SimHeader[] {
  return [...m].sort(([a], [b]) => cmp(a, b)).map(([name, value]) => ({ name, value }));
}

/** The outcome, sorted, without unset optional fields. */
export function finish(d: Draft): SimOutcome {
  const out: any = { status: d.status };
  if (d.location !== undefined) out.location = d.location;
  out.backends = sortBackends(d.backends);
  if (d.upstreamPath !== undefined) out.upstreamPath = d.upstreamPath;
  if (d.upstreamHost !== undefined) out.upstreamHost = d.upstreamHost;
  out.requestHeaders = headers(d.requestHeaders);
  out.responseHeaders = headers(d.responseHeaders);
  out.mirrors = sortBackends(d.mirrors);
  if (d.source !== undefined) out.source = d.source;
  out.annotations = [];
  out.steps = d.steps;
  out.notModeled = d.notModeled;
  return out as SimOutcome;
}
