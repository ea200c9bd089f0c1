import { HeaderMatch, MatchType } from './header-match';
import { throwIn } from '../core/errors';
import { charLength } from '../core/formats';
import { regexSyntaxError } from '../validation/regex';

const SERVICE = /^\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$/i;
const METHOD = /^[A-Za-z_][A-Za-z_0-9]*$/;
const MAX_LENGTH = 1024;

/**
 * Which gRPC service and method a request calls (`matches[].method` of a GRPCRoute).
 *
 * A request's `:path` is `/<service>/<method>`; the service is fully qualified
 * (`helloworld.Greeter`).
 */
export class GrpcMethodMatch {
  /**
   * The service and/or method equal the given names. At least one is required; an
   * omitted one matches every value.
   *
   * @param service fully qualified service name, such as `helloworld.Greeter`
   * @param method method name, such as `SayHello`
   */
  public static exact(service?: string, method?: string): GrpcMethodMatch {
    const factory = 'GrpcMethodMatch.exact';
    GrpcMethodMatch.checkPresent(factory, service, method);
    if (service !== undefined && (service.length > MAX_LENGTH || !SERVICE.test(service))) {
      throwIn(factory, `service "${service}" is not a valid gRPC service name (dot-separated identifiers, such as "helloworld.Greeter", at most ${MAX_LENGTH} characters)`);
    }
    if (method !== undefined && (method.length > MAX_LENGTH || !METHOD.test(method))) {
      throwIn(factory, `method "${method}" is not a valid gRPC method name (letters, digits and "_", not starting with a digit, at most ${MAX_LENGTH} characters)`);
    }
    return new GrpcMethodMatch(MatchType.EXACT, service, method);
  }

  /**
   * The service and/or method match regular expressions. At least one is required; an
   * omitted one matches every value.
   * The dialect is the implementation's: RE2 for Envoy-based ones (Envoy Gateway, Istio,
   * kgateway), PCRE for NGINX Gateway Fabric; see docs/regex.md. Patterns that neither accepts
   * (`/a(b`) are rejected here.
   *
   * @param servicePattern regular expression for the fully qualified service name
   * @param methodPattern regular expression for the method name
   */
  public static regex(servicePattern?: string, methodPattern?: string): GrpcMethodMatch {
    const factory = 'GrpcMethodMatch.regex';
    GrpcMethodMatch.checkPresent(factory, servicePattern, methodPattern);
    for (const [field, value] of [['service', servicePattern], ['method', methodPattern]] as const) {
      if (value === undefined) continue;
      if (charLength(value) > MAX_LENGTH) {
        throwIn(factory, `${field} pattern "${value}" must be 1-${MAX_LENGTH} characters`);
      }
      const err = regexSyntaxError(value);
      if (err) throwIn(factory, `${field}: ${err}`);
    }
    return new GrpcMethodMatch(MatchType.REGULAR_EXPRESSION, servicePattern, methodPattern);
  }

  private static checkPresent(factory: string, service: string | undefined, method: string | undefined): void {
    if (service === undefined && method === undefined) {
      throwIn(factory, 'neither service nor method given; pass at least one');
    }
    if (service === '' || method === '') {
      throwIn(factory, `${service === '' ? 'service' : 'method'} is empty; omit it to match every value`);
    }
  }

  private constructor(
    /** How the names are compared. */
    public readonly type: MatchType,
    /** Service name or pattern; undefined matches every service. */
    public readonly service?: string,
    /** Method name or pattern; undefined matches every method. */
    public readonly method?: string) {}

  /** @internal */
  public _toKube(): any {
    return { type: this.type, service: this.service, method: this.method };
  }
}

/**
 * One GRPCRoute match: a request matches when every condition given here holds
 * (the matches of a rule are ORed).
 */
export interface GrpcRouteMatch {
  /**
   * The gRPC service and method.
   * @default - every service and method
   */
  readonly method?: GrpcMethodMatch;
  /**
   * Request header (metadata) conditions, all of which must hold; at most 16, each name once.
   * @default - no header condition
   */
  readonly headers?: HeaderMatch[];
}
