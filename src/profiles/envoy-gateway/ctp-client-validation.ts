import { Fail } from './btp-values';
import { CaCertificateRef } from '../../policies/backend-tls-policy';

/** `tls.clientValidation.caCertificateRefs` holds at most 8 references. */
const MAX_CA_CERTIFICATES = 8;

/**
 * How a listener checks client certificates (`spec.tls.clientValidation.mode`).
 */
export enum ClientValidationMode {
  /** Ask for a certificate but accept any, or none. */
  REQUEST = 'Request',
  /** Require a certificate but do not verify it. */
  REQUIRE_ANY = 'RequireAny',
  /** Accept connections without a certificate; verify one when given (ingress-nginx `auth-tls-verify-client: optional`). */
  VERIFY_IF_GIVEN = 'VerifyIfGiven',
  /** Require a certificate and verify it (Envoy Gateway's default; ingress-nginx `auth-tls-verify-client: on`). */
  REQUIRE_AND_VERIFY = 'RequireAndVerify',
}

/**
 * Client certificate (mTLS) validation of a ClientTrafficPolicy (`spec.tls.clientValidation`),
 * for HTTPS listeners: ingress-nginx's `auth-tls-secret` and `auth-tls-verify-client`.
 */
export interface ClientValidationOptions {
  /**
   * ConfigMaps or Secrets holding the trusted CA bundle in key `ca.crt` (1-8). An object in
   * another namespace needs a ReferenceGrant there.
   */
  readonly caCertificates: CaCertificateRef[];
  /**
   * Accept connections without a client certificate (the CRD's deprecated `optional`
   * field). Exclusive with `mode`.
   * @default false
   */
  readonly optional?: boolean;
  /**
   * How certificates are checked. Exclusive with `optional`.
   * @default ClientValidationMode.REQUIRE_AND_VERIFY
   */
  readonly mode?: ClientValidationMode;
}

/**
 * Checks and renders `spec.tls.clientValidation`.
 * @internal
 */
export function renderClientValidation(options: ClientValidationOptions, policyNamespace: string | undefined, fail: Fail): any {
  const field = 'spec.tls.clientValidation';
  if (options.optional !== undefined && options.mode !== undefined) {
    fail(`${field}: optional (${options.optional}) and mode (${options.mode}) are exclusive; use mode (ClientValidationMode.VERIFY_IF_GIVEN accepts clients without a certificate)`);
  }
  // A reference without a namespace is in the policy's namespace: repeats are dropped.
  const ns = (ca: CaCertificateRef) => ca.namespace ?? policyNamespace;
  const refs: CaCertificateRef[] = [];
  for (const ca of options.caCertificates) {
    if (!refs.some(r => r.kind === ca.kind && r.name === ca.name && ns(r) === ns(ca))) refs.push(ca);
  }
  if (refs.length === 0) {
    fail(`${field}.caCertificateRefs is empty; pass at least one CA certificate (CaCertificateRef.fromSecretName('client-ca'))`);
  }
  if (refs.length > MAX_CA_CERTIFICATES) {
    fail(`${field}.caCertificateRefs has ${refs.length} entries, the maximum is ${MAX_CA_CERTIFICATES}; merge the CA bundles`);
  }
  return {
    caCertificateRefs: refs.map(ca => ({
      ...ca._toKube(),
      namespace: ns(ca) !== policyNamespace ? ns(ca) : undefined,
    })),
    optional: options.optional,
    mode: options.mode,
  };
}
