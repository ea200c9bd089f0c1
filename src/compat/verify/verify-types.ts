/** The result shapes of `IngressCompat.verify()` and `migrate --verify`. */
import { SimOutcome } from '../../simulate/types';
import { CompatNotice } from '../notices';

/** One field on which ingress-nginx and the Gateway API translation disagree for a request. */
export interface VerifyFieldDifference {
  /** `status`, `location`, `backends`, `upstreamPath`, `upstreamHost`, `requestHeaders`, `responseHeaders` or `mirrors`. */
  readonly field: string;
  /** What ingress-nginx does, rendered. */
  readonly ingressNginx: string;
  /** What the Gateway API output does, rendered. */
  readonly gatewayApi: string;
}

/** One probe request whose outcome differs. */
export interface VerifyFinding {
  /** The request: `GET https://shop.example.com/api [x-canary: always]`. */
  readonly request: string;
  /** True when a notice (`notices`) or a known divergence (`divergences`) explains the difference; false for a translation bug. */
  readonly expected: boolean;
  /** The fields that differ. */
  readonly differences: VerifyFieldDifference[];
  /** The `approximate`, `unsupported` or `invalid` notices that explain the difference. */
  readonly notices: CompatNotice[];
  /**
   * The known divergences between ingress-nginx and Gateway API that explain the difference
   * (docs/ingress-nginx.md § Divergences), when no notice is needed to explain it.
   */
  readonly divergences: string[];
  /**
   * The Ingress ingress-nginx served the request from (`Ingress ns/name`).
   * @default - none (default backend or no server)
   */
  readonly ingress?: string;
  /**
   * The route the Gateway API output served it from (`HTTPRoute ns/name`).
   * @default - none matched
   */
  readonly route?: string;
  /** Behaviours acting on the request that one of the models cannot decide. */
  readonly notModeled: string[];
  /** The ingress-nginx model's whole answer. */
  readonly ingressNginxOutcome: SimOutcome;
  /** The Gateway API model's whole answer. */
  readonly gatewayApiOutcome: SimOutcome;
}

/** What `IngressCompat.verify()` found. */
export interface VerifyReport {
  /** Number of probe requests asked of both models. */
  readonly probes: number;
  /** Probes with the same outcome on both sides. */
  readonly agreeing: number;
  /** Probes whose difference a notice explains. */
  readonly expected: number;
  /** Probes whose difference no notice explains: translation bugs. */
  readonly unexpected: number;
  /** Every differing probe, sorted by request. */
  readonly findings: VerifyFinding[];
}
