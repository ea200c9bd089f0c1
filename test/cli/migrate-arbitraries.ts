import * as fc from 'fast-check';
import { ANNOTATION_TABLE } from '../../src/compat/annotations/table';
import { AnnotationSpec } from '../../src/compat/annotations/table-types';

/*
 * Random ingress-nginx Ingresses for the robustness run of `migrate`
 * (test/cli/migrate-robustness.test.ts): random mixes of the annotations ingress-nginx knows
 * (the annotation table), each with a typical value for its type or an odd one (empty, wrong
 * type, huge numbers, unicode, regex metacharacters, nginx variables); random hosts (wildcards,
 * none), TLS, paths (regex, odd characters), path types, named and numbered ports, legacy API
 * versions (networking.k8s.io/v1beta1, extensions/v1beta1), and canaries of an earlier Ingress.
 */

/** The annotation prefix. */
export const P = 'nginx.ingress.kubernetes.io/';

/** The generated namespaces (few, so that Ingresses share hosts and Gateways). */
const NAMESPACES = ['default', 'shop', 'team-a', 'x-1'];

/** Values that are wrong for most annotations: each must end in a notice, never a crash. */
export const ODD_VALUES: readonly string[] = [
  '', ' ', 'true', 'false', 'TRUE', 'on', '0', '-1', '1.5', '99999999999999999999', '1e309', 'NaN',
  '2147483648', '-9223372036854775809', '65536', '86401', '100000', '1000001', '4294967296', 'ünïcødé ✓', '日本語', '😀', '.*', '^(a|b)+$', '[', '(', '\\', '$', '$1',
  '${1}', '$host$request_uri', '$scheme://$host', '"quoted"', "it's", 'a\nb', '\t', 'null', '{}', '[1,2]',
  'a,b,,c', ',', '/', '//', 'http://', 'https://[::1]:443/x', 'ns/', '/name', 'a/b/c', '10.0.0.0/33', '::/0',
  'x'.repeat(300),
];

/** Values of the wrong YAML type (a hand-written manifest; the API server would reject it). */
const WRONG_TYPES: readonly unknown[] = [true, false, 0, 42, -1, 1e21, null, ['a'], { a: 'b' }];

const POOLS: ReadonlyArray<[RegExp, readonly string[]]> = [
  [/^bool$/, ['true', 'false', 'True', 'FALSE']],
  [/^path with/, ['/$2', '/$1', '/', '/static/$1', '/api/$1/$2']],
  [/absolute path/, ['/app', '/', '/a/b']],
  [/^path$/, ['/api', '/', '/prefix/']],
  [/^URL \(nginx/, ['http://auth.default.svc.cluster.local/auth', 'https://$host/auth?rd=$escaped_request_uri', 'http://mirror.svc:8080$request_uri']],
  [/^URL/, ['https://example.com/', 'https://new.example.com$request_uri', 'http://example.com/login']],
  [/^int 30/, ['301', '302', '307', '308', '303']],
  [/server names|server name|^host$/, ['www.example.com', 'a.example.com,b.example.com', '*.example.com']],
  [/^int seconds$/, ['5', '60', '300', '3600']],
  [/^space list/, ['error timeout', 'http_502 http_503', 'off', 'error timeout http_500 non_idempotent']],
  [/^int/, ['1', '3', '10', '100']],
  [/^on\/off$/, ['on', 'off']],
  [/^size/, ['0', '1m', '8k', '100M', '1g', '64']],
  [/^1\.0\/1\.1$/, ['1.0', '1.1']],
  [/off/, ['off', '/ /app', 'example.com .example.com']],
  [/close/, ['close', 'keep-alive']],
  [/^HTTP, HTTPS/, ['HTTP', 'HTTPS', 'GRPC', 'GRPCS', 'AUTO_HTTP', 'FCGI', 'grpc']],
  [/^round_robin/, ['round_robin', 'ewma', 'chash', 'sticky_balanced']],
  [/nginx variables? or text|^nginx variables?$/, ['$remote_addr', '$request_uri', '$host$uri', '$http_x_user']],
  [/Service name/, ['default-http-backend', 'fallback']],
  [/4xx\/5xx/, ['404,503', '500', '404,500,502,503']],
  [/configmap/, ['shop/headers', 'headers', 'default/auth-headers']],
  [/cipher/, ['HIGH:!aNULL:!MD5', 'ECDHE-RSA-AES128-GCM-SHA256']],
  [/`ns\/name`|\[ns\/\]name/, ['shop/ca', 'default/tls-secret', 'basic-auth']],
  [/^on, off, optional/, ['on', 'off', 'optional', 'optional_no_ca']],
  [/@location/, ['https://example.com/error', '@error']],
  [/^`CN=/, ['CN=client', 'CN=(a|b).example.com']],
  [/TLSv1/, ['TLSv1.2', 'TLSv1.2 TLSv1.3', 'TLSv1.3']],
  [/^basic\/digest$/, ['basic', 'digest']],
  [/auth-file/, ['auth-file', 'auth-map']],
  [/HTTP method/, ['GET', 'POST']],
  [/header list|comma headers/, ['X-User, X-Email', 'Authorization', 'X-Request-Id,Content-Type', '*']],
  [/code… time/, ['200 202 401 5m', '401 30s']],
  [/nginx configuration|ModSecurity/, ['more_set_headers "X-Frame-Options: DENY";', 'SecRuleEngine On']],
  [/all\/any/, ['all', 'any']],
  [/CIDR/, ['10.0.0.0/8', '10.0.0.0/8,192.168.0.0/16', '1.2.3.4', '2001:db8::/32']],
  [/^header name$/, ['X-Canary', 'x-canary']],
  [/^PCRE$/, ['^(always|yes)$', '.*', 'v[0-9]+']],
  [/^cookie name$/, ['canary', 'route']],
  [/^cookie$/, ['cookie']],
  [/balanced\/persistent/, ['balanced', 'persistent']],
  [/sticky\/legacy/, ['sticky', 'legacy']],
  [/None\/Lax\/Strict/, ['None', 'Lax', 'Strict']],
  [/origins/, ['*', 'https://app.example.com', 'https://a.example.com, https://*.example.org:8443']],
  [/methods/, ['GET, POST', 'PUT,DELETE,OPTIONS']],
  [/nginx variable$/, ['$request_id']],
  [/./, ['value', 'Authentication Required', 'index.php']],
];

/** Typical values of an annotation, from its documented value type. */
export function typicalValues(spec: AnnotationSpec): readonly string[] {
  return POOLS.find(([re]) => re.test(spec.valueType))![1];
}

/** Keys ingress-nginx does not know (typos, other prefixes' habits). */
const UNKNOWN_KEYS = ['enable-cros', 'proxy-bodysize', 'ssl-redirects', 'Rewrite-Target', 'x'];

/** One annotation: a key of the table (or an unknown one) and a value. */
const annotationArb: fc.Arbitrary<[string, unknown]> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.constantFrom(...ANNOTATION_TABLE).chain(spec => fc.tuple(fc.constant(P + spec.key), fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...typicalValues(spec)) as fc.Arbitrary<unknown> },
      { weight: 3, arbitrary: fc.constantFrom(...ODD_VALUES) },
      { weight: 1, arbitrary: fc.constantFrom(...WRONG_TYPES) },
      { weight: 1, arbitrary: fc.string({ maxLength: 12, unit: 'binary' }) },
    ))),
  },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...UNKNOWN_KEYS).map(k => P + k), fc.constantFrom('true', '10m', '')) },
);

const hostArb = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom('app', 'api', 'www', 'shop', 'a-1'), fc.constantFrom('example.com', 'example.org', 'svc.test')).map(([a, b]) => `${a}.${b}`) },
  { weight: 2, arbitrary: fc.constantFrom('*.example.com', '*.example.org') },
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom('xn--bcher-kva.example', 'a.b.c.d.e.example.com', `${'l'.repeat(63)}.example.com`) },
);

const pathArb = fc.constantFrom('/', '/api', '/api/', '/api/v[0-9]+/.*', '/(.*)', '/api(/|$)(.*)', '/static/(.+\\.css)$',
  '/~user', '/a+b', '/ünï', '/foo bar', '/.well-known/acme-challenge', '/a//b', '/$', '/[a-z]{2,3}');
const pathTypeArb = fc.constantFrom<string | undefined>('Prefix', 'Prefix', 'Exact', 'ImplementationSpecific', 'ImplementationSpecific', undefined);
const portArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(80, 8080, 443, 3000).map(n => ({ number: n })) },
  { weight: 2, arbitrary: fc.constantFrom('http', 'https', 'grpc', 'web').map(n => ({ name: n })) },
);

/** What a generated Ingress looks like before it is written in one API version. */
export interface IngressDesc {
  readonly apiVersion: 'networking.k8s.io/v1' | 'networking.k8s.io/v1beta1' | 'extensions/v1beta1';
  readonly namespace: string;
  readonly host?: string;
  readonly tls: boolean;
  readonly classBy: 'spec' | 'annotation';
  readonly paths: ReadonlyArray<{ path: string; pathType?: string; service: string; port: { number?: number; name?: string } }>;
  readonly annotations: ReadonlyArray<[string, unknown]>;
  /** Makes it a canary of the previous Ingress of the batch (same host and first path). */
  readonly canary?: ReadonlyArray<[string, string]>;
  readonly defaultBackend: boolean;
}

const canaryArb = fc.option(fc.subarray([
  ['canary-by-header', 'X-Canary'], ['canary-by-header-value', 'always'], ['canary-by-header-pattern', '^v[0-9]$'],
  ['canary-by-cookie', 'canary'], ['canary-weight', '10'], ['canary-weight-total', '1000'],
] as Array<[string, string]>), { freq: 10 });

/** One Ingress description. */
export const ingressDescArb: fc.Arbitrary<IngressDesc> = fc.record({
  apiVersion: fc.constantFrom<IngressDesc['apiVersion']>('networking.k8s.io/v1', 'networking.k8s.io/v1', 'networking.k8s.io/v1', 'networking.k8s.io/v1beta1', 'extensions/v1beta1'),
  namespace: fc.constantFrom(...NAMESPACES),
  host: hostArb,
  tls: fc.boolean(),
  classBy: fc.constantFrom<IngressDesc['classBy']>('spec', 'spec', 'annotation'),
  paths: fc.array(fc.record({ path: pathArb, pathType: pathTypeArb, service: fc.constantFrom('web', 'api', 'static'), port: portArb }), { minLength: 1, maxLength: 3 }),
  annotations: fc.uniqueArray(annotationArb, { maxLength: 8, selector: ([k]) => k }),
  canary: canaryArb.map(c => c ?? undefined),
  defaultBackend: fc.boolean(),
}, { requiredKeys: ['apiVersion', 'namespace', 'tls', 'classBy', 'paths', 'annotations', 'defaultBackend'] });

function backendOf(version: IngressDesc['apiVersion'], service: string, port: { number?: number; name?: string }): any {
  if (version === 'networking.k8s.io/v1') return { service: { name: service, port } };
  return { serviceName: service, servicePort: port.number ?? port.name };
}

/**
 * The Ingress object of a description.
 *
 * @param d the description
 * @param name its name
 * @param previous the Ingress a canary follows (its host and first path)
 */
export function ingressObject(d: IngressDesc, name: string, previous?: IngressDesc): any {
  const canary = d.canary !== undefined && previous !== undefined;
  const host = canary ? previous.host : d.host;
  const paths = canary ? [{ ...previous.paths[0], service: `${previous.paths[0].service}-canary` }] : d.paths;
  const annotations: Record<string, unknown> = Object.fromEntries(d.annotations);
  if (canary) {
    annotations[`${P}canary`] = 'true';
    for (const [k, v] of d.canary!) annotations[P + k] = v;
  }
  if (d.classBy === 'annotation') annotations['kubernetes.io/ingress.class'] = 'nginx';
  const v1 = d.apiVersion === 'networking.k8s.io/v1';
  return {
    apiVersion: d.apiVersion,
    kind: 'Ingress',
    metadata: { name, namespace: d.namespace, annotations },
    spec: {
      ...(d.classBy === 'spec' ? { ingressClassName: 'nginx' } : {}),
      ...(d.defaultBackend && !canary ? { [v1 ? 'defaultBackend' : 'backend']: backendOf(d.apiVersion, 'fallback', { number: 80 }) } : {}),
      ...(d.tls && host !== undefined ? { tls: [{ hosts: [host], secretName: `${name}-tls` }] } : {}),
      rules: [{
        ...(host !== undefined ? { host } : {}),
        http: {
          paths: paths.map(p => ({
            path: p.path,
            ...(p.pathType !== undefined ? { pathType: p.pathType } : {}),
            backend: backendOf(d.apiVersion, p.service, p.port),
          })),
        },
      }],
    },
  };
}

/** The Ingress objects of a batch of descriptions, named `ing-<first + k>`. */
export function ingressBatch(descs: readonly IngressDesc[], first: number): any[] {
  return descs.map((d, k) => ingressObject(d, `ing-${first + k}`, k > 0 ? descs[k - 1] : undefined));
}
