/*
 * Small helpers of the parse step: reading untyped manifest values without trusting them, and
 * naming a bad value in a notice.
 */
import { CompatNotice, NoticeStatus } from '../notices';

/** A JSON object (not null, not a list). */
export type JsonObject = Record<string, unknown>;

/** Whether a value is a JSON object. */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own property of an object (manifests decoded from YAML may hold `__proto__` keys). */
export function field(o: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** A value as it appears in a message: JSON, cut at 80 characters. */
export function show(v: unknown): string {
  if (v === undefined) return 'missing';
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** What kind of value it is, for "must be a list, not a string". */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `a ${typeof v}`;
}

/** Collects the notices of the parse step. */
export class ParseNotices {
  public readonly list: CompatNotice[] = [];

  /** A bad value (the API server would reject it): what was skipped. */
  public invalid(ingress: string, message: string, annotation?: string): void {
    const status = NoticeStatus.INVALID;
    this.list.push(annotation === undefined ? { ingress, status, message } : { ingress, annotation, status, message });
  }

  /** Input that IngressCompat does not read. */
  public unsupported(ingress: string, message: string): void {
    this.list.push({ ingress, status: NoticeStatus.UNSUPPORTED, message });
  }
}
