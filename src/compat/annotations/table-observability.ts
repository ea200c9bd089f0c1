/**
 * Snippet, logging, observability and WAF annotations (ingress-nginx
 * `internal/ingress/annotations/snippet`, `serversnippet`, `streamsnippet`, `modsecurity`,
 * `log`, `opentelemetry`). Snippets are Critical: with the defaults (`allow-snippet-annotations:
 * false`, `annotations-risk-level: High`) ingress-nginx ignores an Ingress that has one.
 */
import { AnnotationFamily, AnnotationRisk, AnnotationSpec, NGF_SNIPPET, U, family, per, same } from './table-types';

const L = AnnotationRisk.LOW;
const M = AnnotationRisk.MEDIUM;
const H = AnnotationRisk.HIGH;
const C = AnnotationRisk.CRITICAL;

const SNIPPET = same(U('nginx configuration is never translated; by default ingress-nginx ignores an Ingress with a snippet. Port the directives to Gateway API fields or an implementation policy.'));
const WAF = per(
  U('Gateway API has no web application firewall; deploy one with your implementation (Envoy Gateway: EnvoyExtensionPolicy with Coraza Wasm; NGINX Gateway Fabric Plus: WAFPolicy).'),
  U('Envoy Gateway has no built-in WAF; attach one by hand (EnvoyExtensionPolicy with the Coraza Wasm filter) and port the rules.'),
  U('NGINX Gateway Fabric has a WAF only with NGINX Plus and App Protect (WAFPolicy), whose rules differ from ModSecurity\'s; set it up by hand.'),
);
const TRACING = per(
  U('Gateway API has no tracing setting; configure tracing on your implementation.'),
  U('Envoy Gateway configures tracing for the whole proxy (EnvoyProxy `telemetry.tracing`), not per route; set it there by hand.'),
  U('NGINX Gateway Fabric traces per route with an ObservabilityPolicy (v1alpha2) plus the NginxProxy telemetry settings; IngressCompat does not emit them, so add them by hand.'),
);

/** The snippets / logging / observability / WAF family. */
export const OBSERVABILITY_ANNOTATIONS: AnnotationSpec[] = family(AnnotationFamily.OBSERVABILITY, {
  'configuration-snippet': {
    valueType: 'nginx configuration',
    defaultValue: 'none',
    scope: 'location',
    risk: C,
    onInvalid: 'fallback',
    nginx: 'raw nginx configuration in each location (rejected by default)',
    handling: SNIPPET,
  },
  'server-snippet': {
    valueType: 'nginx configuration',
    defaultValue: 'none',
    scope: 'ingress',
    risk: C,
    onInvalid: 'fallback',
    nginx: 'raw nginx configuration in the host\'s server block (rejected by default)',
    handling: SNIPPET,
  },
  'stream-snippet': {
    valueType: 'nginx configuration',
    defaultValue: 'none',
    scope: 'ingress',
    risk: C,
    onInvalid: 'fallback',
    nginx: 'raw nginx configuration in the stream block (rejected by default)',
    handling: SNIPPET,
  },
  'modsecurity-snippet': {
    valueType: 'ModSecurity rules',
    defaultValue: 'none',
    scope: 'ingress',
    risk: C,
    onInvalid: 'fallback',
    nginx: 'raw ModSecurity configuration (rejected by default)',
    handling: SNIPPET,
  },
  'enable-modsecurity': {
    valueType: 'bool',
    defaultValue: 'false',
    scope: 'ingress',
    risk: L,
    onInvalid: 'fallback',
    nginx: 'turns on the ModSecurity WAF',
    noOpValues: ['false'],
    handling: WAF,
  },
  'enable-owasp-core-rules': {
    valueType: 'bool',
    defaultValue: 'false',
    scope: 'ingress',
    risk: L,
    onInvalid: 'fallback',
    nginx: 'loads the OWASP core rule set into ModSecurity',
    noOpValues: ['false'],
    handling: WAF,
  },
  'modsecurity-transaction-id': {
    valueType: 'nginx variable',
    defaultValue: 'none',
    scope: 'ingress',
    risk: H,
    onInvalid: 'fallback',
    nginx: 'transaction ID of ModSecurity logs',
    handling: WAF,
  },
  'enable-access-log': {
    valueType: 'bool',
    defaultValue: 'true',
    scope: 'location',
    risk: L,
    onInvalid: 'fallback',
    nginx: '`access_log off` for the Ingress\'s paths when false',
    noOpValues: ['true'],
    handling: per(
      U('Gateway API has no access-log setting; requests on these paths are logged like all others.'),
      U('Envoy Gateway filters access logs for the whole proxy (EnvoyProxy `telemetry.accessLog` CEL `matches`), not per route; add a match on these paths there by hand.'),
      NGF_SNIPPET('access_log off'),
    ),
  },
  'enable-rewrite-log': {
    valueType: 'bool',
    defaultValue: 'false',
    scope: 'location',
    risk: L,
    onInvalid: 'fallback',
    nginx: 'logs nginx\'s rewrite decisions (debugging)',
    noOpValues: ['false'],
    handling: same(U('nginx rewrite debugging has no equivalent; remove the annotation.')),
  },
  'enable-opentelemetry': {
    valueType: 'bool',
    defaultValue: 'ConfigMap (false)',
    scope: 'location',
    risk: L,
    onInvalid: 'fallback',
    nginx: 'OpenTelemetry tracing of the Ingress\'s requests',
    noOpValues: ['false'],
    handling: TRACING,
  },
  'opentelemetry-trust-incoming-span': {
    valueType: 'bool',
    defaultValue: 'ConfigMap (true)',
    scope: 'location',
    risk: L,
    onInvalid: 'fallback',
    nginx: 'continues the trace of an incoming span',
    noOpValues: ['true'],
    handling: TRACING,
  },
  'opentelemetry-operation-name': {
    valueType: 'string',
    defaultValue: 'ConfigMap ("")',
    scope: 'location',
    risk: M,
    onInvalid: 'fallback',
    nginx: 'name of the request\'s span',
    handling: TRACING,
  },
});
