/**
 * The state the annotation families share while they read one Ingress: its annotations, the
 * controller's effective ConfigMap, the notice log, and the features drafted so far. It also
 * applies ingress-nginx's three failure modes (`internal/ingress/annotations/annotations.go`
 * `Extract`): fall back to the default, drop the whole Ingress, deny its locations (503).
 * Internal.
 */
import { BehaviorSet } from '../../profiles/behaviors';
import { EffectiveControllerConfig } from '../config-model';
import { IngressFeatures } from '../features';
import { IngressModel, NGINX_PREFIX } from '../model';
import { NoticeLog } from '../notice-log';
import { NoticeStatus } from '../notices';
import { normalizeString, parseGoBool, parseGoInt } from './values';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** IngressFeatures under construction. */
export type FeatureDraft = Omit<Mutable<IngressFeatures>, 'behaviors' | 'behaviorSources'>;

/** The context of one Ingress's annotation parsing. */
export class FamilyContext {
  /** Features drafted so far (the families write their fields). */
  public readonly draft: FeatureDraft;
  /** The behaviour set drafted so far. */
  public readonly behaviors: Mutable<BehaviorSet> = {};
  /** For each behaviour set, the annotation keys it came from. */
  public readonly sources = new Map<keyof BehaviorSet, string[]>();
  /** Keys whose value drops the whole Ingress. */
  public readonly rejectedKeys = new Set<string>();
  /** Keys whose notice this context recorded. */
  public readonly noticed = new Set<string>();

  public constructor(
    public readonly ingress: IngressModel,
    public readonly config: EffectiveControllerConfig,
    public readonly log: NoticeLog) {
    this.draft = {
      useRegex: false,
      serverAliases: [],
      sslRedirect: config.sslRedirect,
      forceSslRedirect: config.forceSslRedirect,
      fromToWwwRedirect: false,
      sslPassthrough: false,
      backendProtocol: { protocol: 'HTTP', proxySslVerify: false, proxySslServerName: false },
      customHttpErrors: [],
    };
  }

  /** Whether the Ingress has the annotation (`key` without prefix). */
  public has(key: string): boolean {
    return this.ingress.nginx.has(key);
  }

  /** The raw value of an annotation. */
  public raw(key: string): string | undefined {
    return this.ingress.nginx.get(key);
  }

  /** The annotation keys present that start with `prefix`. */
  public keysWithPrefix(prefix: string): string[] {
    return [...this.ingress.nginx.keys()].filter(k => k.startsWith(prefix)).sort();
  }

  /** `parser.GetStringAnnotation`: the normalised value; an empty one gets an invalid notice and counts as absent. */
  public string(key: string, fallback: string): string | undefined {
    const raw = this.raw(key);
    if (raw === undefined) return undefined;
    const value = normalizeString(raw);
    if (value === undefined) this.invalid(key, `is empty; ingress-nginx ignores it and uses ${fallback}`);
    return value;
  }

  /** `parser.GetBoolAnnotation`; a bad value gets an invalid notice naming the fallback. */
  public bool(key: string, fallbackNote: string): boolean | undefined {
    const raw = this.raw(key);
    if (raw === undefined) return undefined;
    const b = parseGoBool(raw);
    if (b === undefined) this.invalid(key, `value "${raw}" is not a boolean (true or false); ingress-nginx ${fallbackNote}`);
    return b;
  }

  /** `parser.GetIntAnnotation`; a bad value gets an invalid notice naming the fallback. */
  public int(key: string, fallbackNote: string): number | undefined {
    const raw = this.raw(key);
    if (raw === undefined) return undefined;
    const n = parseGoInt(raw);
    if (n === undefined) this.invalid(key, `value "${raw}" is not a whole number; ingress-nginx ${fallbackNote}`);
    return n;
  }

  /** Records an `invalid` notice for a key (`message` follows the key and value). */
  public invalid(key: string, message: string): void {
    this.notice(key, NoticeStatus.INVALID, message);
  }

  /** Records an `approximate` notice for a key (`message` says how the output differs). */
  public approximate(key: string, message: string): void {
    this.notice(key, NoticeStatus.APPROXIMATE, message);
  }

  /** Records an `unsupported` notice for a key. */
  public unsupported(key: string, message: string): void {
    this.notice(key, NoticeStatus.UNSUPPORTED, message);
  }

  /** Records that a key has no effect without another annotation, as in ingress-nginx. */
  public noEffect(key: string, without: string): void {
    this.unsupported(key, `has no effect without ${without}, as in ingress-nginx; nothing is emitted for it (remove it, or add ${without})`);
  }

  /**
   * A value that makes ingress-nginx drop the whole Ingress (its admission webhook refuses it;
   * the controller skips it): an invalid notice, and `rejected` set. ingress-nginx runs its
   * parsers in map order, so which reason it logs first varies; here the first key in
   * alphabetical order gives the reason, for a stable output.
   */
  public reject(key: string, problem: string): void {
    const reason = `${NGINX_PREFIX}${key}: ${problem}`;
    this.rejectedKeys.add(key);
    this.invalid(key, `${problem}; ingress-nginx drops the whole Ingress for it (nothing of it is served), and so does IngressCompat: fix the value`);
    if (this.draft.rejected === undefined || reason < this.draft.rejected) this.draft.rejected = reason;
  }

  /**
   * A value that makes ingress-nginx deny every location of the Ingress with 503: an invalid
   * notice, and `locationDenied` set (the first key in alphabetical order gives the reason).
   */
  public deny(key: string, problem: string): void {
    this.invalid(key, `${problem}; ingress-nginx answers every path of this Ingress with 503 (location denied), and so does IngressCompat: fix the value`);
    const reason = `${NGINX_PREFIX}${key}: ${problem}`;
    if (this.draft.locationDenied === undefined || reason < this.draft.locationDenied) this.draft.locationDenied = reason;
  }

  /** Sets a behaviour with the annotation keys it came from (none: a default). */
  public setBehavior<K extends keyof BehaviorSet>(field: K, value: BehaviorSet[K], keys: string[]): void {
    this.behaviors[field] = value;
    if (keys.length > 0) this.sources.set(field, keys);
    else this.sources.delete(field);
  }

  /** Removes a behaviour (and its sources). */
  public clearBehavior(field: keyof BehaviorSet): void {
    delete this.behaviors[field];
    this.sources.delete(field);
  }

  /** The keys among `keys` the Ingress has. */
  public present(...keys: string[]): string[] {
    return keys.filter(k => this.has(k));
  }

  private notice(key: string, status: NoticeStatus, message: string): void {
    this.noticed.add(key);
    this.log.set({
      ingress: this.ingress.id,
      annotation: `${NGINX_PREFIX}${key}`,
      status,
      message: `${NGINX_PREFIX}${key} ${message}`,
    });
  }
}
