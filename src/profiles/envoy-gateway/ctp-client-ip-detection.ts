import { MAX_INT32, unique } from './btp-values';
import { toClientCidr } from './sp-cidr';
import { throwIn } from '../../core/errors';

/** `clientIPDetection.customHeader.name`: `^[A-Za-z0-9-]+$`, 1-255 characters. */
const CUSTOM_HEADER = /^[A-Za-z0-9-]{1,255}$/;

/**
 * Options of `ClientIpDetection.xForwardedForTrustedHops` and `xForwardedForTrustedCidrs`.
 */
export interface XForwardedForOptions {
  /**
   * Stop Envoy from appending the client's address to `X-Forwarded-For`
   * (`disableXForwardedForAppend`). It does not remove an incoming header.
   * @default false
   */
  readonly disableAppend?: boolean;
}

/**
 * Options of `ClientIpDetection.customHeader`.
 */
export interface CustomHeaderOptions {
  /**
   * Answer 403 when the header is missing or holds no valid address.
   * @default false (the connection's peer address is used instead)
   */
  readonly failClosed?: boolean;
}

/**
 * How a ClientTrafficPolicy determines the client's IP address (`spec.clientIPDetection`),
 * used by IP allow lists, rate limits per client IP and `X-Forwarded-For`.
 *
 * Without it Envoy uses the TCP peer address, as ingress-nginx does by default
 * (`use-forwarded-headers: false`).
 */
export class ClientIpDetection {
  /**
   * Trust the last `hops` (1 or more) proxies of `X-Forwarded-For`: the client address is
   * the `hops`-th entry from the right (ingress-nginx `use-forwarded-headers: "true"` behind
   * that many proxies).
   */
  public static xForwardedForTrustedHops(hops: number, options: XForwardedForOptions = {}): ClientIpDetection {
    if (!Number.isInteger(hops) || hops < 1 || hops > MAX_INT32) {
      throwIn('ClientIpDetection.xForwardedForTrustedHops', `hops is ${hops}; it must be a whole number 1-${MAX_INT32} (to use the connection's peer address, leave clientIpDetection unset or use directSourceIp())`);
    }
    return new ClientIpDetection({ xForwardedFor: { numTrustedHops: hops, disableXForwardedForAppend: options.disableAppend } });
  }

  /**
   * Trust `X-Forwarded-For` when the connection comes from one of these ranges (1 or more;
   * a plain address means that single host): the client address is the right-most entry
   * that is not in a trusted range (ingress-nginx `proxy-real-ip-cidr`).
   */
  public static xForwardedForTrustedCidrs(cidrs: string[], options: XForwardedForOptions = {}): ClientIpDetection {
    const factory = 'ClientIpDetection.xForwardedForTrustedCidrs';
    if (cidrs.length === 0) {
      throwIn(factory, 'no CIDR given; pass at least one trusted range such as "10.0.0.0/8"');
    }
    const ranges = unique(cidrs.map(c => {
      const { value, error } = toClientCidr(c);
      return value ?? throwIn(factory, error!);
    }));
    return new ClientIpDetection({ xForwardedFor: { trustedCIDRs: ranges, disableXForwardedForAppend: options.disableAppend } });
  }

  /**
   * Read the client address from a header set by a trusted proxy in front of Envoy, such as
   * `X-Real-IP` or `CF-Connecting-IP` (letters, digits and `-`).
   */
  public static customHeader(name: string, options: CustomHeaderOptions = {}): ClientIpDetection {
    if (!CUSTOM_HEADER.test(name)) {
      throwIn('ClientIpDetection.customHeader', `header name "${name}" must be 1-255 letters, digits and "-"`);
    }
    return new ClientIpDetection({ customHeader: { name, failClosed: options.failClosed } });
  }

  /** The TCP peer address of the connection (explicitly; this is also Envoy's default). */
  public static directSourceIp(): ClientIpDetection {
    return new ClientIpDetection({ directSourceIP: {} });
  }

  private constructor(private readonly settings: any) {}

  /** @internal */
  public _toKube(): any {
    return JSON.parse(JSON.stringify(this.settings));
  }
}
