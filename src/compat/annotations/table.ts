/**
 * The annotation table: every annotation ingress-nginx knows (its
 * `docs/user-guide/nginx-configuration/annotations-risk.md`, generated from the parsers in
 * `internal/ingress/annotations/`), merged from one file per family, with lookups and the
 * handling of each annotation on each implementation profile. The generated page
 * docs/ingress-nginx-annotations.md is rendered from it (`npx projen docs:annotations`).
 * Internal: not part of the jsii API.
 */
import { ReleaseChannel } from '../../core/channel';
import { Fidelity } from '../../profiles/behaviors';
import { ProfileName, verdictOf } from '../../profiles/verdicts';
import { NGINX_PREFIX } from '../model';
import { CompatNotice, NoticeStatus } from '../notices';
import { AUTH_ANNOTATIONS } from './table-auth';
import { CANARY_ANNOTATIONS } from './table-canary';
import { CORS_ANNOTATIONS } from './table-cors';
import { OBSERVABILITY_ANNOTATIONS } from './table-observability';
import { PROXY_ANNOTATIONS } from './table-proxy';
import { ROUTING_ANNOTATIONS } from './table-routing';
import { TLS_ANNOTATIONS } from './table-tls';
import { AnnotationFamily, AnnotationSpec, ProfileHandling } from './table-types';

export { AnnotationFamily, AnnotationRisk, FAMILY_TITLES, RISK_ORDER } from './table-types';
export type { AnnotationScope, AnnotationSpec, OnInvalid, ProfileHandling } from './table-types';

/** Every annotation, family by family, in the order of the family files. */
export const ANNOTATION_TABLE: readonly AnnotationSpec[] = Object.freeze([
  ...ROUTING_ANNOTATIONS,
  ...PROXY_ANNOTATIONS,
  ...TLS_ANNOTATIONS,
  ...AUTH_ANNOTATIONS,
  ...CANARY_ANNOTATIONS,
  ...CORS_ANNOTATIONS,
  ...OBSERVABILITY_ANNOTATIONS,
]);

const BY_KEY: ReadonlyMap<string, AnnotationSpec> = (() => {
  const map = new Map<string, AnnotationSpec>();
  for (const spec of ANNOTATION_TABLE) {
    if (map.has(spec.key)) throw new Error(`annotation table: ${spec.key} is listed twice`);
    map.set(spec.key, spec);
  }
  for (const spec of ANNOTATION_TABLE) {
    if (spec.aliasOf !== undefined && !map.has(spec.aliasOf)) throw new Error(`annotation table: ${spec.key} is an alias of unknown ${spec.aliasOf}`);
  }
  return map;
})();

/** The key without the `nginx.ingress.kubernetes.io/` prefix (a key without it is returned as is). */
export function stripPrefix(key: string): string {
  return key.startsWith(NGINX_PREFIX) ? key.slice(NGINX_PREFIX.length) : key;
}

/** The entry of an annotation (with or without the prefix), or undefined for a key ingress-nginx does not know. */
export function annotationSpec(key: string): AnnotationSpec | undefined {
  return BY_KEY.get(stripPrefix(key));
}

/** Whether ingress-nginx knows the annotation (with or without the prefix). */
export function isKnownAnnotation(key: string): boolean {
  return BY_KEY.has(stripPrefix(key));
}

/** Every key (without the prefix), sorted. */
export function annotationKeys(): string[] {
  return [...BY_KEY.keys()].sort();
}

/** The entries of one family, in table order. */
export function annotationsOfFamily(family: AnnotationFamily): AnnotationSpec[] {
  return ANNOTATION_TABLE.filter(s => s.family === family);
}

const FIDELITY_STATUS: Readonly<Record<Fidelity, NoticeStatus>> = {
  [Fidelity.EXACT]: NoticeStatus.TRANSLATED,
  [Fidelity.APPROXIMATE]: NoticeStatus.APPROXIMATE,
  [Fidelity.UNSUPPORTED]: NoticeStatus.UNSUPPORTED,
};

/**
 * How a profile handles an annotation in general (the docs page, and the notice of a key the
 * runtime has no more specific notice for): the entry's own handling, or the profile's verdict
 * on its behaviour (`verdictOf`); on the Experimental channel, the standard profile's
 * `experimental` handling when the entry has one.
 */
export function profileHandling(spec: AnnotationSpec, profile: ProfileName, channel = ReleaseChannel.STANDARD): ProfileHandling {
  if (channel === ReleaseChannel.EXPERIMENTAL && profile === ProfileName.STANDARD && spec.experimental) return spec.experimental;
  if (spec.handling) return spec.handling[profile];
  const verdict = verdictOf(spec.behavior!, profile);
  const status = FIDELITY_STATUS[verdict.fidelity];
  // `emits` is `-` when nothing is emitted, or `- (why)` when nothing needs to be.
  const emits = verdict.emits === '-' ? undefined : verdict.emits.replace(/^- /, 'nothing to emit ');
  switch (status) {
    case NoticeStatus.TRANSLATED:
      return { status, message: `${capitalise(emits ?? 'nothing to emit')}.` };
    case NoticeStatus.APPROXIMATE:
      return { status, message: emits === undefined ? capitalise(verdict.note) : `${capitalise(emits)}: ${verdict.note}` };
    default:
      return { status, message: capitalise(verdict.note) };
  }
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** Go `strconv.ParseBool`, as ingress-nginx parses booleans; undefined when the text is not one. */
function parseGoBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

/** Whether `value` asks for what every Gateway API implementation does anyway (see `noOpValues`). */
export function isNoOpValue(spec: AnnotationSpec, value: string): boolean {
  const v = value.trim();
  return (spec.noOpValues ?? []).some(noOp => {
    const b = parseGoBool(noOp);
    if ((noOp === 'true' || noOp === 'false') && b !== undefined) return parseGoBool(v) === b;
    return noOp.toLowerCase() === v.toLowerCase();
  });
}

/**
 * The notice status and sentence of a known annotation with `value` on `profile`, for a key
 * the runtime has no more specific notice for: translated with nothing emitted when the value
 * is a no-op, else the general handling (`profileHandling`). Undefined for an unknown key
 * (see `unknownAnnotationNotice`).
 */
export function tableVerdict(key: string, value: string, profile: ProfileName, channel = ReleaseChannel.STANDARD): ProfileHandling | undefined {
  const spec = annotationSpec(key);
  if (!spec) return undefined;
  if (isNoOpValue(spec, value)) {
    return { status: NoticeStatus.TRANSLATED, message: `\`${value.trim()}\` asks for what Gateway API implementations do without configuration; nothing to emit.` };
  }
  return profileHandling(spec, profile, channel);
}

/**
 * The notice of a known annotation of `ingress` (`namespace/name`) that the runtime gave no
 * more specific notice: `tableVerdict` for `value` (without a value, the general handling).
 * Undefined for a key ingress-nginx does not know (see `unknownAnnotationNotice`).
 */
export function fallbackNotice(ingress: string, key: string, profile: ProfileName, value?: string,
  channel = ReleaseChannel.STANDARD): CompatNotice | undefined {
  const spec = annotationSpec(key);
  if (!spec) return undefined;
  const verdict = value === undefined ? profileHandling(spec, profile, channel) : tableVerdict(key, value, profile, channel)!;
  return { ingress, annotation: `${NGINX_PREFIX}${spec.key}`, status: verdict.status, message: verdict.message };
}

/** The number of annotations per status on a profile (general handling, no-op values aside). */
export function statusCounts(profile: ProfileName, channel = ReleaseChannel.STANDARD): Readonly<Record<NoticeStatus, number>> {
  const counts: Record<NoticeStatus, number> = {
    [NoticeStatus.TRANSLATED]: 0,
    [NoticeStatus.APPROXIMATE]: 0,
    [NoticeStatus.UNSUPPORTED]: 0,
    [NoticeStatus.INVALID]: 0,
  };
  for (const spec of ANNOTATION_TABLE) counts[profileHandling(spec, profile, channel).status]++;
  return counts;
}
