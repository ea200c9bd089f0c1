/*
 * What `kubectl apply` does with `apiVersion` and `kind` before it sends an object: it parses
 * the apiVersion into a group and a version (k8s.io/apimachinery `schema.ParseGroupVersion`) and
 * asks the API server's discovery for the REST mapping of the kind (`RESTMapper.RESTMapping`).
 * A malformed apiVersion, or a kind the group/version does not serve, stops there
 * (`no matches for kind "HTTPRoute" in version "v1"`).
 *
 * The validator knows the groups of the CRDs it ships, and the core group (`v1`), which every
 * cluster serves with the same kinds. Other groups (apps, networking.k8s.io, other CRDs) are not
 * judged.
 */

/** The kinds of the core group's only version, `v1` (k8s.io/api `core/v1` `register.go`). */
const CORE_V1_KINDS: ReadonlySet<string> = new Set([
  'Binding', 'ComponentStatus', 'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'Namespace', 'Node',
  'PersistentVolume', 'PersistentVolumeClaim', 'Pod', 'PodTemplate', 'ReplicationController', 'ResourceQuota',
  'Secret', 'Service', 'ServiceAccount',
]);

/**
 * A parsed `apiVersion`, or the reason it cannot be mapped.
 * @internal
 */
export interface GroupVersion {
  readonly group: string;
  readonly version: string;
  /** Why kubectl would refuse the object before sending it, if it would. */
  readonly error?: string;
}

/**
 * `schema.ParseGroupVersion`: `v1` is the core group, `group/version` otherwise; more than one
 * slash is an error. The empty string parses (to an empty group version) but maps to nothing.
 * @internal
 */
export function parseGroupVersion(apiVersion: string): GroupVersion {
  const parts = apiVersion.split('/');
  if (parts.length > 2) return { group: '', version: '', error: `unexpected GroupVersion string: ${apiVersion}` };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return { group: '', version: apiVersion };
}

/**
 * The `no matches for kind` error kubectl reports for an object of the core group (no group in
 * `apiVersion`) that the core group does not serve: a version other than `v1` (for example a
 * group name without version, `gateway.networking.k8s.io`), or a kind core/v1 does not have.
 * Undefined if the core group serves it (then the object is not validated further).
 * @internal
 */
export function coreGroupMappingError(version: string, kind: string): string | undefined {
  if (version === 'v1') {
    const base = kind.endsWith('List') && kind !== 'List' ? kind.slice(0, -'List'.length) : kind;
    if (kind === 'List' || CORE_V1_KINDS.has(base)) return undefined;
  }
  return `no matches for kind "${kind}" in version "${version}"`;
}
