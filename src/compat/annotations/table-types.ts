/**
 * The shape of the annotation table (src/compat/annotations/table-*.ts): one entry per
 * `nginx.ingress.kubernetes.io/*` key that ingress-nginx knows, with its value type, default,
 * scope and risk (ingress-nginx `docs/user-guide/nginx-configuration/annotations-risk.md`,
 * generated from the parsers in `internal/ingress/annotations/`), what ingress-nginx does with an
 * invalid value (`internal/ingress/annotations/annotations.go` `Extract`), and how each
 * implementation profile handles it. Internal: not part of the jsii API.
 */
import { Behavior } from '../../profiles/behaviors';
import { ProfileName } from '../../profiles/verdicts';
import { NoticeStatus } from '../notices';

/** The annotation families: one table file and one section of the generated docs page each. */
export enum AnnotationFamily {
  ROUTING = 'routing',
  PROXY = 'proxy',
  TLS = 'tls',
  AUTH = 'auth',
  CANARY = 'canary',
  CORS = 'cors',
  OBSERVABILITY = 'observability',
}

/** The title of each family on the docs page, in page order. */
export const FAMILY_TITLES: ReadonlyArray<[AnnotationFamily, string]> = [
  [AnnotationFamily.ROUTING, 'Routing, rewrite, redirect'],
  [AnnotationFamily.PROXY, 'Proxy behaviour'],
  [AnnotationFamily.TLS, 'TLS'],
  [AnnotationFamily.AUTH, 'Authentication, access control, rate limits'],
  [AnnotationFamily.CANARY, 'Canary, session affinity'],
  [AnnotationFamily.CORS, 'CORS'],
  [AnnotationFamily.OBSERVABILITY, 'Snippets, logging, observability, WAF'],
];

/** The risk of an annotation (`parser.AnnotationRisk`), in increasing order. */
export enum AnnotationRisk {
  LOW = 'Low',
  MEDIUM = 'Medium',
  HIGH = 'High',
  CRITICAL = 'Critical',
}

/** The risks in increasing order. */
export const RISK_ORDER: readonly AnnotationRisk[] = [AnnotationRisk.LOW, AnnotationRisk.MEDIUM, AnnotationRisk.HIGH, AnnotationRisk.CRITICAL];

/** Where an annotation acts: the whole Ingress (or its host), or each of its locations (paths). */
export type AnnotationScope = 'ingress' | 'location';

/**
 * What ingress-nginx does when the value fails its validator or parser (`annotations.go` `Extract`):
 * - `fallback`: logs and uses the default (ConfigMap or built-in);
 * - `drop-ingress`: the parser returns the raw error, so the whole Ingress is ignored;
 * - `deny-location`: a "location denied" error, so every path of the Ingress answers 503;
 * - `ignore-group`: the error is wrapped, so Extract silently drops the whole feature group.
 */
export type OnInvalid = 'fallback' | 'drop-ingress' | 'deny-location' | 'ignore-group';

/** How one profile handles one annotation: the notice status and its sentence. */
export interface ProfileHandling {
  readonly status: NoticeStatus;
  /** What is emitted (construct and field), how it differs, or why not and what to do. */
  readonly message: string;
}

/** A handling per profile. */
export type ProfileHandlings = Readonly<Record<ProfileName, ProfileHandling>>;

/** One annotation of ingress-nginx. */
export interface AnnotationSpec {
  /** The key without the prefix (`rewrite-target`). */
  readonly key: string;
  readonly family: AnnotationFamily;
  /** The accepted values, as documented. */
  readonly valueType: string;
  /** ingress-nginx's default, as documented ("none" when the feature is off without it). */
  readonly defaultValue: string;
  readonly scope: AnnotationScope;
  readonly risk: AnnotationRisk;
  readonly onInvalid: OnInvalid;
  /** What ingress-nginx does with it, in a few words. */
  readonly nginx: string;
  /** The key this one is an alias of (`whitelist-source-range` → `allowlist-source-range`). */
  readonly aliasOf?: string;
  /**
   * The profile behaviour the annotation feeds: its status per profile is the profile's
   * verdict (`verdictOf`). Exactly one of `behavior` and `handling` is set.
   */
  readonly behavior?: Behavior;
  /** The handling per profile, when no single behaviour decides it. */
  readonly handling?: ProfileHandlings;
  /**
   * The standard profile's handling on the Experimental channel, when it differs from the
   * Standard channel's (HTTPRoute `rules[].retry` and `rules[].sessionPersistence`).
   */
  readonly experimental?: ProfileHandling;
  /**
   * Values that ask for what every Gateway API implementation does anyway (usually
   * ingress-nginx's default): translated on every profile, with nothing emitted.
   */
  readonly noOpValues?: readonly string[];
}

/** The fields every entry gives (the rest is filled in by `entry`). */
export interface EntryFields {
  readonly valueType: string;
  readonly defaultValue: string;
  readonly scope: AnnotationScope;
  readonly risk: AnnotationRisk;
  readonly onInvalid: OnInvalid;
  readonly nginx: string;
  readonly aliasOf?: string;
  readonly behavior?: Behavior;
  readonly handling?: ProfileHandlings;
  readonly experimental?: ProfileHandling;
  readonly noOpValues?: readonly string[];
}

/** Builds the entries of one family, keeping the order in which they are written. */
export function family(name: AnnotationFamily, entries: Record<string, EntryFields>): AnnotationSpec[] {
  return Object.entries(entries).map(([key, fields]) => {
    if ((fields.behavior === undefined) === (fields.handling === undefined)) {
      throw new Error(`annotation table: ${key} needs exactly one of behavior and handling`);
    }
    return { key, family: name, ...fields };
  });
}

/** Translated, with the sentence saying how. */
export const T = (message: string): ProfileHandling => ({ status: NoticeStatus.TRANSLATED, message });
/** Approximate, with the sentence saying how it differs. */
export const A = (message: string): ProfileHandling => ({ status: NoticeStatus.APPROXIMATE, message });
/** Unsupported, with the sentence saying why and what to do. */
export const U = (message: string): ProfileHandling => ({ status: NoticeStatus.UNSUPPORTED, message });

/** The same handling on every profile. */
export function same(handling: ProfileHandling): ProfileHandlings {
  return per(handling, handling, handling);
}

/** A handling per profile: standard, Envoy Gateway, NGINX Gateway Fabric. */
export function per(standard: ProfileHandling, envoyGateway: ProfileHandling, nginxGatewayFabric: ProfileHandling): ProfileHandlings {
  return {
    [ProfileName.STANDARD]: standard,
    [ProfileName.ENVOY_GATEWAY]: envoyGateway,
    [ProfileName.NGINX_GATEWAY_FABRIC]: nginxGatewayFabric,
  };
}

/** The sentence for an annotation no profile can express and that changes nothing observable but nginx internals. */
export const NGINX_INTERNAL = (what: string) => U(`${what} is internal to nginx and has no Gateway API or implementation equivalent; remove the annotation.`);

/** The NGINX Gateway Fabric sentence for what only a SnippetsFilter could do. */
export const NGF_SNIPPET = (directive: string) => U(`NGINX Gateway Fabric can do this only with a SnippetsFilter (\`${directive}\`), which IngressCompat never emits; add one by hand if your installation allows snippets.`);
