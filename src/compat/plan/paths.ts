import { PathTypeModel } from '../model';

/** How a path is matched, after ingress-nginx's path rules (`docs/ingress-path-matching.md`). */
export enum PathMatchKind {
  /** Element-wise prefix (`location /p/` + `location = /p`): Gateway API PathPrefix. */
  PREFIX = 'prefix',
  /** `location = /p`: Gateway API Exact. */
  EXACT = 'exact',
  /** `location ~* "^<path>"`: case-insensitive, anchored at the start only. */
  REGEX = 'regex',
}

/** A path as ingress-nginx matches it. */
export interface PlannedPath {
  readonly kind: PathMatchKind;
  /** The path as written (for REGEX: the PCRE pattern without `^`). */
  readonly path: string;
}

/** Regular-expression dialects of the implementations a profile targets. */
export enum RegexDialect {
  /** RE2, full match (Envoy-based: Envoy Gateway, kgateway, Istio). */
  RE2_FULL_MATCH = 're2-full-match',
  /** PCRE rendered as `location ~ ^<value>` (NGINX Gateway Fabric): anchored at the start only. */
  NGINX_PREFIX_MATCH = 'nginx-prefix-match',
}

/**
 * The match of one path: `ImplementationSpecific` (and an unset pathType) is `Prefix`
 * (`internal/k8s/main.go` `SetDefaultNGINXPathType`); on a host in regex mode every path is a
 * case-insensitive regex anchored at the start (`template.go` `buildLocation`,
 * `enforceRegexModifier`).
 */
export function planPath(path: string, pathType: PathTypeModel, regexMode: boolean): PlannedPath {
  if (regexMode) return { kind: PathMatchKind.REGEX, path };
  return { kind: pathType === 'Exact' ? PathMatchKind.EXACT : PathMatchKind.PREFIX, path };
}

/**
 * The Gateway API RegularExpression value that matches what `location ~* "^<path>"` matches:
 * `(?i)<path>.*` for RE2 full match, `(?i)<path>` where the implementation anchors only the
 * start (semantics notes: §3 "Gateway API mapping").
 */
export function regexValue(path: string, dialect: RegexDialect): string {
  return dialect === RegexDialect.RE2_FULL_MATCH ? `(?i)${path}.*` : `(?i)${path}`;
}

/**
 * PCRE constructs RE2 does not have (look-around, backreferences, possessive and atomic
 * groups); undefined when the pattern is RE2-compatible as far as this check sees.
 */
export function re2Incompatibility(pattern: string): string | undefined {
  if (/\(\?<?[=!]/.test(pattern)) return 'look-around';
  if (/\\[1-9]/.test(pattern)) return 'a backreference';
  if (/\(\?>/.test(pattern)) return 'an atomic group';
  if (/[*+?}][+]/.test(pattern)) return 'a possessive quantifier';
  return undefined;
}

/** Whether a path uses regex syntax (ingress-nginx's `strict-validate-path-type` check fails on it). */
export function hasRegexSyntax(path: string): boolean {
  return !/^\/[A-Za-z0-9._\-/]*$/.test(path);
}

/**
 * ingress-nginx's location order on a host (`controller.go`): by path string descending, then
 * (stable) by length descending — in regex mode the first match in this order wins.
 */
export function nginxLocationOrder<T extends { readonly path: string }>(locations: T[]): T[] {
  const byString = [...locations].sort((a, b) => (a.path < b.path ? 1 : a.path > b.path ? -1 : 0));
  return byString.sort((a, b) => b.path.length - a.path.length);
}
