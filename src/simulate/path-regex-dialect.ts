/** How an implementation matches RegularExpression paths (implementation-specific in Gateway API). */
export enum PathRegexDialect {
  /** RE2, the pattern matches the whole path (Envoy Gateway, and Envoy-based implementations). */
  RE2_FULL_MATCH = 're2-full-match',
  /** PCRE as nginx's `location ~`: the pattern matches anywhere in the path unless anchored (NGINX Gateway Fabric). */
  NGINX = 'nginx',
}
