/*
 * Builds a SimOutcome step by step: status, headers, backends, the decision path, the
 * annotations that acted and what is not modeled, sorted as SimOutcome says. Internal.
 */
import { SimBackend, SimHeader, SimOutcome, SimStep } from '../../simulate/types';

/** A SimOutcome under construction. */
export class OutcomeBuilder {
  public status = 0;
  public location?: string;
  public backends: SimBackend[] = [];
  public upstreamPath?: string;
  public upstreamHost?: string;
  public source?: string;
  public readonly requestHeaders = new Map<string, string>();
  public readonly responseHeaders = new Map<string, string>();
  public readonly mirrors: SimBackend[] = [];
  private readonly annotations = new Set<string>();
  private readonly steps: SimStep[] = [];
  private readonly notModeled = new Set<string>();

  /** Adds a step of the decision path. */
  public step(stage: string, name: string, detail: string): void {
    this.steps.push({ stage, name, detail });
  }

  /** Records annotation keys (without prefix) that acted on the request. */
  public acted(...keys: string[]): void {
    keys.forEach(k => this.annotations.add(k));
  }

  /** Records a behaviour the model does not decide. */
  public unmodeled(sentence: string): void {
    this.notModeled.add(sentence);
  }

  /** Sets response headers (lower-case names; a later value replaces an earlier one). */
  public respond(headers: readonly SimHeader[]): void {
    for (const h of headers) this.responseHeaders.set(h.name.toLowerCase(), h.value);
  }

  /** The finished outcome. */
  public build(): SimOutcome {
    const byName = (a: SimHeader, b: SimHeader) => cmp(a.name, b.name);
    const backendOrder = (a: SimBackend, b: SimBackend) => cmp(a.kind, b.kind) || cmp(a.namespace, b.namespace) || cmp(a.name, b.name) || cmp(a.port ?? '', b.port ?? '');
    return {
      status: this.status,
      ...(this.location === undefined ? {} : { location: this.location }),
      backends: [...this.backends].sort(backendOrder),
      ...(this.upstreamPath === undefined ? {} : { upstreamPath: this.upstreamPath }),
      ...(this.upstreamHost === undefined ? {} : { upstreamHost: this.upstreamHost }),
      requestHeaders: [...this.requestHeaders].map(([name, value]) => ({ name, value })).sort(byName),
      responseHeaders: [...this.responseHeaders].map(([name, value]) => ({ name, value })).sort(byName),
      mirrors: [...this.mirrors].sort(backendOrder),
      ...(this.source === undefined ? {} : { source: this.source }),
      annotations: [...this.annotations].sort(),
      steps: [...this.steps],
      notModeled: [...this.notModeled],
    };
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
