/**
 * The stable codes of validation results, with their severity. Codes are kebab-case and never
 * renamed; `src/validation/README.md` documents each one.
 * @internal
 */
export enum Code {
  // per object (API server checks)
  YAML = 'yaml',
  NOT_AN_OBJECT = 'not-an-object',
  UNKNOWN_KIND = 'unknown-kind',
  SCHEMA = 'schema',
  CEL = 'cel',
  CEL_SKIPPED = 'cel-skipped',
  TOO_LARGE_FOR_CLIENT_SIDE_APPLY = 'too-large-for-client-side-apply',
  // cross-object
  DUPLICATE_OBJECT = 'duplicate-object',
  PARENT_NOT_FOUND = 'parent-not-found',
  SECTION_NOT_FOUND = 'section-not-found',
  PORT_NOT_FOUND = 'port-not-found',
  ROUTE_KIND_NOT_ALLOWED = 'route-kind-not-allowed',
  NAMESPACE_NOT_ALLOWED = 'namespace-not-allowed',
  NO_MATCHING_LISTENER_HOSTNAME = 'no-matching-listener-hostname',
  HOSTNAME_UNUSED = 'hostname-unused',
  REFERENCE_NOT_GRANTED = 'reference-not-granted',
  POLICY_TARGET_NOT_FOUND = 'policy-target-not-found',
  POLICY_SECTION_NOT_FOUND = 'policy-section-not-found',
  TOO_MANY_LISTENERS = 'too-many-listeners',
  LISTENER_CONFLICT = 'listener-conflict',
  ROUTE_CONFLICT = 'route-conflict',
  ROUTE_KIND_CONFLICT = 'route-kind-conflict',
  DUPLICATE_RULE_NAME = 'duplicate-rule-name',
  LISTENERSET_PARENT_NOT_GATEWAY = 'listenerset-parent-not-gateway',
  LISTENERSET_NOT_ALLOWED = 'listenerset-not-allowed',
  HTTPS_LISTENER_WITHOUT_TLS = 'https-listener-without-tls',
}

/**
 * `error` (the API server or the controller rejects the object or part of it) or `warning`
 * (accepted, but probably not what was meant). Same strings as the public `ValidationSeverity`.
 * @internal
 */
export type Severity = 'error' | 'warning';

/**
 * One cross-object problem, reported on one object of the input.
 * @internal
 */
export interface Finding {
  /** Position of the object in the input. */
  readonly entry: number;
  readonly path: string;
  readonly message: string;
  readonly code: Code;
  readonly severity: Severity;
}
