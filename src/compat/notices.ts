/** What became of one annotation (or one other input) of an Ingress. */
export enum NoticeStatus {
  /** Reproduced exactly. */
  TRANSLATED = 'translated',
  /** Reproduced with a stated difference. */
  APPROXIMATE = 'approximate',
  /** Not reproduced; the message says why and what to do. */
  UNSUPPORTED = 'unsupported',
  /** A bad value: ingress-nginx's fallback was applied, as ingress-nginx does. */
  INVALID = 'invalid',
}

/** One finding of `IngressCompat` about one Ingress. */
export interface CompatNotice {
  /** The Ingress, as `namespace/name` (or the input position when it has no name). */
  readonly ingress: string;
  /**
   * The full annotation key (`nginx.ingress.kubernetes.io/rewrite-target`).
   * @default - none: a finding about the Ingress itself (ignored kind, skipped class, …)
   */
  readonly annotation?: string;
  /** What became of it. */
  readonly status: NoticeStatus;
  /** What was done, how it differs, or why not and what to do. */
  readonly message: string;
}
