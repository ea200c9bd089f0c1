/**
 * What the object-taking conveniences (`Backend.fromService`, `PolicyTarget.fromService`,
 * `CertificateRef.fromSecret`, …) read from a cdk8s-plus object, as interfaces of our own.
 *
 * Every cdk8s-plus 2.x line (`cdk8s-plus-28` to `cdk8s-plus-33`) declares `Service`, `Secret`
 * and `ConfigMap` with these members, so in TypeScript an object of any of those lines is
 * accepted as is, without a cast and without this library depending on a cdk8s-plus line. The
 * classes of two lines are not interchangeable with each other (their protected `apiObject`
 * makes them nominal), which is why the library does not take `kplus.Service` itself. In other
 * jsii languages the cdk8s-plus classes do not implement these interfaces: use the name-based
 * twins there (`Backend.fromServiceName`, `CertificateRef.fromSecretName`, …).
 */

/**
 * The part of an object's metadata that references read.
 */
export interface ObjectMetadataLike {
  /**
   * Namespace of the object.
   * @default - none: the object is in the namespace of whatever refers to it
   */
  readonly namespace?: string;
}

/**
 * A named Kubernetes object, such as any cdk8s-plus 2.x resource (`kplus.Secret`,
 * `kplus.ConfigMap`, or one imported with `Secret.fromSecretName`).
 */
export interface IObjectLike {
  /** The object's `metadata.name`. */
  readonly name: string;
  /**
   * The object's metadata; only `namespace` is read. cdk8s-plus resources created in a chart
   * have it (the chart's namespace unless `metadata.namespace` is set); imported ones
   * (`Secret.fromSecretName`, …) do not.
   * @default - no metadata: the object is in the namespace of whatever refers to it
   */
  readonly metadata?: ObjectMetadataLike;
}

/**
 * A Secret: a cdk8s-plus 2.x `Secret` (created or imported), or anything with a name and
 * optional `metadata.namespace`.
 */
export interface ISecretLike extends IObjectLike {}

/**
 * A ConfigMap: a cdk8s-plus 2.x `ConfigMap` (created or imported), or anything with a name and
 * optional `metadata.namespace`.
 */
export interface IConfigMapLike extends IObjectLike {}

/**
 * One port of a Service, as read by `Backend.fromService` and `PolicyTarget.fromService`
 * (the cdk8s-plus `ServicePort` has these members and more).
 */
export interface ServicePortLike {
  /** The port the Service exposes. */
  readonly port: number;
  /**
   * Name of the port (what a policy's `sectionName` selects).
   * @default - unnamed
   */
  readonly name?: string;
}

/**
 * A Service: a cdk8s-plus 2.x `Service`, or anything with a name, optional
 * `metadata.namespace` and a list of ports.
 */
export interface IServiceLike extends IObjectLike {
  /** The ports the Service exposes (may be empty while the Service is being built). */
  readonly ports: ServicePortLike[];
}
