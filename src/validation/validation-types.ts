import { ReleaseChannel } from '../core/channel';

/*
 * The options and results of `ManifestValidator` (validator.ts, which exports them), apart
 * from the validator so that the one-object-at-a-time validation (validation-session.ts) can
 * use them too.
 */

/**
 * A Gateway API release whose CRDs (schemas and CEL rules) the validator ships.
 */
export enum GatewayApiVersion {
  /** Gateway API v1.6.1 (July 2026), the default. */
  V1_6_1 = 'v1.6.1',
  /** Gateway API v1.5.1 (March 2026), for clusters still on v1.5. */
  V1_5_1 = 'v1.5.1',
}

/**
 * Implementation CRDs the validator ships, for the policy and filter kinds of an implementation.
 */
export enum ImplementationCrds {
  /** Envoy Gateway v1.9.0 (`gateway.envoyproxy.io`). */
  ENVOY_GATEWAY_V1_9_0 = 'envoy-gateway-v1.9.0',
  /** NGINX Gateway Fabric v2.6.7 (`gateway.nginx.org`). */
  NGINX_GATEWAY_FABRIC_V2_6_7 = 'nginx-gateway-fabric-v2.6.7',
}

/**
 * How serious a validation result is.
 */
export enum ValidationSeverity {
  /**
   * The API server rejects the object, or the controller rejects it or a part of it (a route
   * that is not accepted, a listener that is not programmed). Fails `App.synth()`.
   */
  ERROR = 'error',
  /**
   * Accepted, but most likely not what was meant (a rule that never gets traffic, a hostname
   * that is ignored, a reference that may be a typo). Printed at synth, does not fail it.
   */
  WARNING = 'warning',
}

/**
 * Which CRDs objects are validated against, and which checks run.
 */
export interface ValidationOptions {
  /**
   * The Gateway API release installed in the target cluster.
   * @default GatewayApiVersion.V1_6_1
   */
  readonly gatewayApiVersion?: GatewayApiVersion;

  /**
   * The release channel of the installed Gateway API CRDs. Objects of kinds or versions that
   * the channel does not serve (an X* kind on Standard, for example) are errors.
   * @default ReleaseChannel.STANDARD
   */
  readonly channel?: ReleaseChannel;

  /**
   * Implementation CRDs installed as well. Objects of their groups are validated against them;
   * without them, such objects are skipped like any other non-Gateway-API object.
   * @default - none
   */
  readonly implementations?: ImplementationCrds[];

  /**
   * Also run the cross-object checks over all the objects together: route attachment
   * (parents, listeners, sections, ports, allowed kinds and namespaces, hostnames),
   * ReferenceGrants for cross-namespace references, listener conflicts across a Gateway and
   * its ListenerSets, route conflicts, policy targets, and the spec's rules the CRDs leave
   * unchecked. Their results carry cross-object codes (see the package README).
   * @default true
   */
  readonly crossObject?: boolean;
}

/**
 * One problem that the Kubernetes API server would reject an object for.
 */
export interface ValidationResult {
  /** The object's kind (empty if the document is not an object). */
  readonly kind: string;

  /**
   * The object's `metadata.namespace`.
   * @default - not set on the object
   */
  readonly namespace?: string;

  /**
   * The object's `metadata.name`.
   * @default - not set on the object
   */
  readonly name?: string;

  /** JSON path of the offending field, such as `spec.rules[0].filters[1]`; empty for the whole object. */
  readonly path: string;

  /** What is wrong, worded like the API server's error (`Invalid value: "object": ...`, `Required value`, ...). */
  readonly message: string;

  /**
   * The CEL rule (`x-kubernetes-validations`) that failed, for rule violations.
   * @default - not a CEL rule violation
   */
  readonly rule?: string;

  /**
   * What kind of problem this is, as a stable identifier: `schema`, `cel`, `cel-skipped`,
   * `unknown-kind`, `not-an-object`, `yaml`, `too-large-for-client-side-apply`, or one of the cross-object codes
   * (`section-not-found`, `reference-not-granted`, ...). The package README lists them all.
   */
  readonly code: string;

  /** Whether the problem is an error (rejected) or a warning (accepted, but suspicious). */
  readonly severity: ValidationSeverity;

  /**
   * 0-based position of the object's document: in the YAML text for `validateYaml` and
   * `validateManifests` (the items of a `kind: List` document share its position), in the
   * array for `validateObjects` and `validateManifestObjects`.
   * @default - not known
   */
  readonly documentIndex?: number;
}

/**
 * One object to validate, with the channel its chart targets (synth-time validation).
 * @internal
 */
export interface ValidationInput {
  /** The decoded object. */
  readonly obj: unknown;
  /** Position reported as `documentIndex`. */
  readonly documentIndex: number;
  /** The channel this object targets; the options' channel when undefined. */
  readonly channel?: ReleaseChannel;
}
