/*
 * Why each of upstream's invalid examples (shared/gateway-api/<v>/examples/invalid/) is
 * invalid: the field the file gets wrong and the API server's message for it, written by
 * reading each file (its name, its content, its one deliberate mistake) and the CRD rule or
 * schema keyword that forbids it. v1.5.1 and v1.6.1 hold the same 36 files (32 standard, 4
 * experimental; the ReferenceGrants differ only in apiVersion), so one table serves both.
 * The corpus test fails for a file without an entry here, and for an entry without a file.
 */

/** One result the API server must report for the file. */
export interface ExpectedResult {
  /** JSON path of the offending field, as the validator reports it. */
  readonly path: string;
  /** The message (API-server wording, CRD messages for CEL rules). */
  readonly message: RegExp;
}

/** The reason an invalid example exists. */
export interface InvalidReason {
  /** The deliberate mistake, in words. */
  readonly mistake: string;
  /** Results that must all be reported (other results may come with them). */
  readonly results: ExpectedResult[];
}

const SHOULD_MATCH = (value: string) => new RegExp(`^Invalid value: ${JSON.stringify(value).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: .* should match '`);

/** Keyed by path under `examples/invalid/`. */
export const INVALID_REASONS: { readonly [file: string]: InvalidReason } = {
  // --- Gateway
  'standard/gateway/duplicate-listeners.yaml': {
    mistake: 'two listeners named "same"',
    results: [{ path: 'spec.listeners', message: /^Invalid value: "array": Listener name must be unique within the Gateway$/ }],
  },
  'standard/gateway/hostname-tcp.yaml': {
    mistake: 'a TCP listener with a hostname',
    results: [{ path: 'spec.listeners', message: /^Invalid value: "array": hostname must not be specified for protocols \['TCP', 'UDP'\]$/ }],
  },
  'standard/gateway/hostname-udp.yaml': {
    mistake: 'a UDP listener with a hostname',
    results: [{ path: 'spec.listeners', message: /^Invalid value: "array": hostname must not be specified for protocols \['TCP', 'UDP'\]$/ }],
  },
  'standard/gateway/invalid-addresses.yaml': {
    mistake: 'IPAddress values that are not IP addresses (the default type), and a Hostname value with a port',
    results: [
      ...[
        '1200:0000:::AB00:1234:0000:2552:7777:1313', '21DA:D3:0:2F3B:2AY:FF:FE28:9C5A', '2001:db8:3c4d:15:0:d234:3eee:',
        '2001:db8:3c4d:15:0:d234:3eee:::', ':::1234::', '1.1.1', '1.a.3.4', 'foo.com', '256.255.255.255',
      ].map((value, i) => ({ path: `spec.addresses[${i}].value`, message: new RegExp(`^Invalid value: "${value.replace(/\./g, '\\.')}": spec\\.addresses\\[${i}\\]\\.value in body must validate at least one schema \\(anyOf\\)$`) })),
      { path: 'spec.addresses[9]', message: /^Invalid value: "object": Hostname value must be empty or contain only valid characters/ },
    ],
  },
  'standard/gateway/invalid-listener-name.yaml': {
    mistake: 'listener name "bad>" is not a DNS subdomain',
    results: [{ path: 'spec.listeners[0].name', message: SHOULD_MATCH('bad>') }],
  },
  'standard/gateway/invalid-listener-port.yaml': {
    mistake: 'listener port 123456789',
    results: [{ path: 'spec.listeners[0].port', message: /^Invalid value: 123456789: .* should be less than or equal to 65535$/ }],
  },
  'standard/gateway/invalid-tls-mode.yaml': {
    mistake: 'an HTTPS listener in Passthrough mode',
    results: [{ path: 'spec.listeners', message: /^Invalid value: "array": tls mode must be Terminate for protocol HTTPS$/ }],
  },
  'standard/gateway/tlsconfig-tcp.yaml': {
    mistake: 'a TCP listener with a tls block',
    results: [{ path: 'spec.listeners', message: /^Invalid value: "array": tls must not be specified for protocols \['HTTP', 'TCP', 'UDP'\]$/ }],
  },
  // --- GatewayClass
  'standard/gatewayclass/invalid-controller.yaml': {
    mistake: 'controllerName "example" has no domain prefix',
    results: [{ path: 'spec.controllerName', message: SHOULD_MATCH('example') }],
  },
  // --- HTTPRoute
  'standard/httproute/duplicate-header-match.yaml': {
    mistake: 'the header "foo" matched twice',
    results: [{ path: 'spec.rules[0].matches[0].headers[1]', message: /^Duplicate value: map\[string\]interface \{\}\{"name":"foo"\}$/ }],
  },
  'standard/httproute/duplicate-query-match.yaml': {
    mistake: 'the query parameter "foo" matched twice',
    results: [{ path: 'spec.rules[0].matches[0].queryParams[1]', message: /^Duplicate value: map\[string\]interface \{\}\{"name":"foo"\}$/ }],
  },
  'standard/httproute/httproute-portless-backend.yaml': {
    mistake: 'a backendRef (Service by default) without a port',
    results: [{ path: 'spec.rules[0].backendRefs[0]', message: /^Invalid value: "object": Must have port for Service reference$/ }],
  },
  'standard/httproute/httproute-portless-service.yaml': {
    mistake: 'an explicit Service backendRef without a port',
    results: [{ path: 'spec.rules[0].backendRefs[0]', message: /^Invalid value: "object": Must have port for Service reference$/ }],
  },
  'standard/httproute/invalid-backend-group.yaml': {
    mistake: 'backendRef group "*"',
    results: [{ path: 'spec.rules[0].backendRefs[0].group', message: SHOULD_MATCH('*') }],
  },
  'standard/httproute/invalid-backend-kind.yaml': {
    mistake: 'backendRef kind "*"',
    results: [{ path: 'spec.rules[0].backendRefs[0].kind', message: SHOULD_MATCH('*') }],
  },
  'standard/httproute/invalid-backend-port.yaml': {
    mistake: 'backendRef port 800080',
    results: [{ path: 'spec.rules[0].backendRefs[0].port', message: /^Invalid value: 800080: .* should be less than or equal to 65535$/ }],
  },
  'standard/httproute/invalid-filter-duplicate-header.yaml': {
    mistake: 'a RequestHeaderModifier removing "foo" twice',
    results: [{ path: 'spec.rules[0].filters[0].requestHeaderModifier.remove', message: /^Duplicate value: "foo"$/ }],
  },
  'standard/httproute/invalid-filter-duplicate.yaml': {
    mistake: 'two RequestHeaderModifier filters in one rule',
    results: [{ path: 'spec.rules[0].filters', message: /^Invalid value: "array": RequestHeaderModifier filter cannot be repeated$/ }],
  },
  'standard/httproute/invalid-filter-empty.yaml': {
    mistake: 'a RequestHeaderModifier filter without its requestHeaderModifier field',
    results: [{ path: 'spec.rules[0].filters[0]', message: /^Invalid value: "object": filter\.requestHeaderModifier must be specified for RequestHeaderModifier filter\.type$/ }],
  },
  'standard/httproute/invalid-filter-wrong-field.yaml': {
    mistake: 'a RequestHeaderModifier filter carrying a requestRedirect field instead',
    results: [
      { path: 'spec.rules[0].filters[0]', message: /^Invalid value: "object": filter\.requestRedirect must be nil if the filter\.type is not RequestRedirect$/ },
      { path: 'spec.rules[0].filters[0]', message: /^Invalid value: "object": filter\.requestHeaderModifier must be specified for RequestHeaderModifier filter\.type$/ },
    ],
  },
  'standard/httproute/invalid-header-name.yaml': {
    mistake: 'header match name "magic/" (a "/" is not a token character)',
    results: [{ path: 'spec.rules[0].matches[0].headers[0].name', message: SHOULD_MATCH('magic/') }],
  },
  'standard/httproute/invalid-hostname.yaml': {
    mistake: 'hostname "http://a<" is a URL, not a hostname',
    results: [{ path: 'spec.hostnames[0]', message: SHOULD_MATCH('http://a<') }],
  },
  'standard/httproute/invalid-httpredirect-hostname.yaml': {
    mistake: 'a RequestRedirect to the wildcard hostname "*.gateway.networking.k8s.io"',
    results: [{ path: 'spec.rules[0].filters[0].requestRedirect.hostname', message: SHOULD_MATCH('*.gateway.networking.k8s.io') }],
  },
  'standard/httproute/invalid-method.yaml': {
    mistake: 'method match "NOTREAL"',
    results: [{ path: 'spec.rules[0].matches[0].method', message: /^Unsupported value: "NOTREAL": supported values: "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"$/ }],
  },
  'standard/httproute/invalid-path-alphanum-specialchars-mix.yaml': {
    mistake: 'PathPrefix "/my[/]path01" with "[" and "]"',
    results: [{ path: 'spec.rules[0].matches[0].path', message: /^Invalid value: "object": must only contain valid characters \(matching .*\) for types \['Exact', 'PathPrefix'\]$/ }],
  },
  'standard/httproute/invalid-path-specialchars.yaml': {
    mistake: 'PathPrefix "/[]"',
    results: [{ path: 'spec.rules[0].matches[0].path', message: /^Invalid value: "object": must only contain valid characters \(matching .*\) for types \['Exact', 'PathPrefix'\]$/ }],
  },
  'standard/httproute/invalid-request-redirect-with-backendref.yaml': {
    mistake: 'a RequestRedirect filter and backendRefs in one rule',
    results: [{ path: 'spec.rules[0]', message: /^Invalid value: "object": RequestRedirect filter must not be used together with backendRefs$/ }],
  },
  // --- ReferenceGrant
  'standard/referencegrant/missing-from.yaml': {
    mistake: 'no spec.from',
    results: [{ path: 'spec.from', message: /^Required value$/ }],
  },
  'standard/referencegrant/missing-ns.yaml': {
    mistake: 'a from entry without a namespace',
    results: [{ path: 'spec.from[0].namespace', message: /^Required value$/ }],
  },
  'standard/referencegrant/missing-to.yaml': {
    mistake: 'no spec.to',
    results: [{ path: 'spec.to', message: /^Required value$/ }],
  },
  // --- TLSRoute
  'standard/tlsroute/invalid-hostname.yaml': {
    mistake: 'hostname "http://a<" is a URL, not a hostname',
    results: [
      { path: 'spec.hostnames[0]', message: SHOULD_MATCH('http://a<') },
      { path: 'spec.hostnames', message: /^Invalid value: "array": Hostnames must be valid based on RFC-1123$/ },
    ],
  },
  'standard/tlsroute/no-hostname.yaml': {
    mistake: 'a TLSRoute without hostnames (required since TLSRoute v1)',
    results: [{ path: 'spec.hostnames', message: /^Required value$/ }],
  },
  // --- Experimental HTTPRoute fields
  'experimental/httproute/invalid-filter-externalauth-bad-http-path.yaml': {
    mistake: 'ExternalAuth http.path "/[]"',
    results: [{ path: 'spec.rules[0].filters[0].externalAuth.http.path', message: SHOULD_MATCH('/[]') }],
  },
  'experimental/httproute/invalid-filter-externalauth-empty.yaml': {
    mistake: 'an ExternalAuth filter without its externalAuth field',
    results: [{ path: 'spec.rules[0].filters[0]', message: /^Invalid value: "object": filter\.externalAuth must be specified for ExternalAuth filter\.type$/ }],
  },
  'experimental/httproute/invalid-filter-externalauth-no-protocol.yaml': {
    mistake: 'an empty externalAuth (no protocol)',
    results: [{ path: 'spec.rules[0].filters[0].externalAuth.protocol', message: /^Required value$/ }],
  },
  'experimental/httproute/invalid-header-value.yaml': {
    mistake: 'a response header value with CR and LF in it',
    results: [{ path: 'spec.rules[0].filters[0].responseHeaderModifier.add[0].value', message: SHOULD_MATCH('this\nis\rinvalid\r\nvalue') }],
  },
};
