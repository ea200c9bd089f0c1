import * as eg from '../../imports/envoy-gateway/gateway.envoyproxy.io';

/** Printable ASCII separated by single spaces or tabs: the header value pattern of the CRDs. */
const HEADER_VALUE = /^[!-~]+([\t ]?[!-~]+)*$/;

/**
 * A fixed response returned without contacting a backend (`spec.directResponse` of an
 * HTTPRouteFilter).
 */
export interface DirectResponseOptions {
  /**
   * Status code of the response, 200-599 (Envoy's `DirectResponseAction.status` range,
   * `envoy/config/route/v3/route_components.proto`). A filter used from a GRPCRoute must not
   * use a 2xx code.
   * @default 200
   */
  readonly statusCode?: number;
  /**
   * Value of the `Content-Type` header, such as `text/plain`.
   * @default - no Content-Type header
   */
  readonly contentType?: string;
  /**
   * The response body. Envoy command operators such as `%REQ(:path)%` are expanded.
   * @default - an empty body
   */
  readonly body?: string;
}

/**
 * Checks and renders `spec.directResponse`, or returns the first error.
 * @internal
 */
export function renderDirectResponse(options: DirectResponseOptions): { value?: eg.HttpRouteFilterSpecDirectResponse; error?: string } {
  const { statusCode, contentType, body } = options;
  if (statusCode !== undefined && (!Number.isInteger(statusCode) || statusCode < 200 || statusCode > 599)) {
    return { error: `directResponse.statusCode ${statusCode} is outside 200-599 (the range Envoy accepts for a direct response)` };
  }
  if (contentType !== undefined && !HEADER_VALUE.test(contentType)) {
    return { error: `directResponse.contentType "${contentType}" is not a valid header value (printable ASCII, such as "text/plain; charset=utf-8")` };
  }
  return {
    value: {
      statusCode,
      contentType,
      body: body === undefined ? undefined : { type: 'Inline', inline: body },
    },
  };
}
