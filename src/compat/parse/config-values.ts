/*
 * The ingress-nginx controller ConfigMap's data → EffectiveControllerConfig, parsed as
 * `internal/ingress/controller/template/configmap.go` `ReadConfig` parses it: `http-redirect-code`
 * by hand (`strconv.Atoi`, then the set {301, 302, 307, 308}), every other key through
 * mapstructure with weakly typed input into `config.Configuration`, whose defaults are
 * `internal/ingress/controller/config/config.go` `NewDefault()`. A value that does not parse is
 * logged by ingress-nginx and the default kept; here it is an `invalid` notice and the default.
 */
import { EffectiveControllerConfig } from '../config-model';
import { describeUnusedKey } from './configmap-keys';
import { goAtoi, weakBool, weakInt } from './go-values';
import { show } from './values';

/** ingress-nginx's defaults (`config.go` `NewDefault()`). */
export const CONTROLLER_DEFAULTS: Omit<EffectiveControllerConfig, 'unusedKeys'> = {
  sslRedirect: true,
  forceSslRedirect: false,
  httpRedirectCode: 308,
  noTlsRedirectLocations: ['/.well-known/acme-challenge'],
  hsts: true,
  hstsMaxAge: 31536000,
  hstsIncludeSubdomains: true,
  hstsPreload: false,
  proxyBodySize: '1m',
  proxyConnectTimeout: 5,
  proxyReadTimeout: 60,
  proxySendTimeout: 60,
  proxyNextUpstream: ['error', 'timeout'],
  proxyNextUpstreamTries: 3,
  proxyBuffering: false,
  loadBalance: 'round_robin',
  generateRequestId: true,
  useForwardedHeaders: false,
  allowSnippetAnnotations: false,
  annotationsRiskLevel: 'High',
  strictValidatePathType: true,
  allowCrossNamespaceResources: false,
  limitReqStatusCode: 503,
  limitConnStatusCode: 503,
};

type Field = keyof typeof CONTROLLER_DEFAULTS;

/** How one key is read: the parsed value, or why it is invalid. */
type Reader = (raw: string) => { value: unknown } | { why: string };

const bool: Reader = raw => {
  const v = weakBool(raw);
  return v === undefined ? { why: 'is not a boolean (Go strconv.ParseBool: true, false, 1, 0, t, f, …)' } : { value: v };
};
const int = (min: number, max: number, what = 'an integer'): Reader => raw => {
  const v = weakInt(raw);
  if (v === undefined) return { why: `is not ${what} (Go strconv.ParseInt)` };
  return v < min || v > max ? { why: `is outside ${min}-${max}` } : { value: v };
};
const NEXT_UPSTREAM = new Set(['error', 'timeout', 'invalid_header', 'http_500', 'http_502', 'http_503', 'http_504', 'http_403', 'http_404', 'http_429', 'non_idempotent', 'off']);
const RISK_LEVELS = ['Low', 'Medium', 'High', 'Critical'];

/** The defaults as written in the ConfigMap (`config.go` `NewDefault()`), for messages. */
export const DEFAULT_TEXT: ReadonlyMap<string, string> = new Map([
  ['ssl-redirect', 'true'],
  ['force-ssl-redirect', 'false'],
  ['http-redirect-code', '308'],
  ['no-tls-redirect-locations', '/.well-known/acme-challenge'],
  ['hsts', 'true'],
  ['hsts-max-age', '31536000'],
  ['hsts-include-subdomains', 'true'],
  ['hsts-preload', 'false'],
  ['proxy-body-size', '1m'],
  ['proxy-connect-timeout', '5'],
  ['proxy-read-timeout', '60'],
  ['proxy-send-timeout', '60'],
  ['proxy-next-upstream', 'error timeout'],
  ['proxy-next-upstream-tries', '3'],
  ['proxy-buffering', 'off'],
  ['load-balance', 'round_robin'],
  ['generate-request-id', 'true'],
  ['use-forwarded-headers', 'false'],
  ['allow-snippet-annotations', 'false'],
  ['annotations-risk-level', 'High'],
  ['strict-validate-path-type', 'true'],
  ['allow-cross-namespace-resources', 'false'],
  ['limit-req-status-code', '503'],
  ['limit-conn-status-code', '503'],
]);

/** Every ConfigMap key IngressCompat uses, the field it sets, and how it is read. */
export const CONTROLLER_KEYS: ReadonlyArray<[string, Field, Reader]> = [
  ['ssl-redirect', 'sslRedirect', bool],
  ['force-ssl-redirect', 'forceSslRedirect', bool],
  ['http-redirect-code', 'httpRedirectCode', raw => {
    const v = goAtoi(raw);
    if (v === undefined) return { why: 'is not a valid HTTP code (Go strconv.Atoi)' };
    return [301, 302, 307, 308].includes(v) ? { value: v } : { why: 'is not a valid redirect code (301, 302, 307 or 308)' };
  }],
  ['no-tls-redirect-locations', 'noTlsRedirectLocations', raw => ({ value: raw.split(',').map(s => s.trim()).filter(s => s !== '') })],
  ['hsts', 'hsts', bool],
  ['hsts-max-age', 'hstsMaxAge', raw => /^\d+$/.test(raw.trim()) && Number.isSafeInteger(Number(raw.trim())) ? { value: Number(raw.trim()) } : { why: 'is not a number of seconds' }],
  ['hsts-include-subdomains', 'hstsIncludeSubdomains', bool],
  ['hsts-preload', 'hstsPreload', bool],
  ['proxy-body-size', 'proxyBodySize', raw => /^\d+[kKmMgG]?$/.test(raw) ? { value: raw } : { why: 'is not an nginx size (digits with an optional k, m or g; 0 = no limit), nginx would refuse the configuration' }],
  ['proxy-connect-timeout', 'proxyConnectTimeout', int(0, 2 ** 31 - 1, 'a number of seconds')],
  ['proxy-read-timeout', 'proxyReadTimeout', int(0, 2 ** 31 - 1, 'a number of seconds')],
  ['proxy-send-timeout', 'proxySendTimeout', int(0, 2 ** 31 - 1, 'a number of seconds')],
  ['proxy-next-upstream', 'proxyNextUpstream', raw => {
    const tokens = raw.split(/\s+/).filter(t => t !== '');
    const bad = tokens.filter(t => !NEXT_UPSTREAM.has(t));
    if (tokens.length === 0 || bad.length > 0) return { why: `${tokens.length === 0 ? 'is empty' : `has ${bad.map(b => JSON.stringify(b)).join(', ')}`}: nginx's proxy_next_upstream takes ${[...NEXT_UPSTREAM].join(', ')}` };
    return { value: tokens };
  }],
  ['proxy-next-upstream-tries', 'proxyNextUpstreamTries', int(0, 2 ** 31 - 1)],
  ['proxy-buffering', 'proxyBuffering', raw => {
    const v = raw.toLowerCase();
    return v === 'on' || v === 'off' ? { value: v === 'on' } : { why: 'is not "on" or "off"' };
  }],
  ['load-balance', 'loadBalance', raw => raw === 'round_robin' || raw === 'ewma' ? { value: raw } : { why: 'is not round_robin or ewma (balancer.lua falls back to round_robin)' }],
  ['generate-request-id', 'generateRequestId', bool],
  ['use-forwarded-headers', 'useForwardedHeaders', bool],
  ['allow-snippet-annotations', 'allowSnippetAnnotations', bool],
  ['annotations-risk-level', 'annotationsRiskLevel', raw => {
    const level = RISK_LEVELS.find(l => l.toLowerCase() === raw.toLowerCase());
    return level === undefined ? { why: 'is not Low, Medium, High or Critical' } : { value: level };
  }],
  ['strict-validate-path-type', 'strictValidatePathType', bool],
  ['allow-cross-namespace-resources', 'allowCrossNamespaceResources', bool],
  ['limit-req-status-code', 'limitReqStatusCode', int(400, 599, 'an HTTP status code')],
  ['limit-conn-status-code', 'limitConnStatusCode', int(400, 599, 'an HTTP status code')],
];

/** The fallback ingress-nginx applies to an invalid value, when it is not the default. */
const FALLBACK: Partial<Record<Field, { value: unknown; why: string }>> = {
  // parser/main.go StringRiskToRisk: an unknown level is Low.
  annotationsRiskLevel: { value: 'Low', why: 'ingress-nginx reads an unknown level as Low (parser/main.go StringRiskToRisk), so every annotation above Low drops its Ingress' },
};

/**
 * Parses the ConfigMap data: the effective settings, with one `invalid` notice per bad value
 * and one `unsupported` notice per key IngressCompat does not use.
 *
 * @param notice receives the key and the message
 */
export function parseControllerData(
  data: ReadonlyMap<string, string>,
  notice: (status: 'invalid' | 'unsupported', key: string, message: string) => void,
): EffectiveControllerConfig {
  const out: Record<string, unknown> = { ...CONTROLLER_DEFAULTS };
  const used = new Set<string>();
  for (const [key, fieldName, read] of CONTROLLER_KEYS) {
    used.add(key);
    const raw = data.get(key);
    if (raw === undefined) continue;
    const r = read(raw);
    if ('value' in r) {
      out[fieldName] = r.value;
      continue;
    }
    const fallback = FALLBACK[fieldName];
    if (fallback) {
      out[fieldName] = fallback.value;
      notice('invalid', key, `${key}: ${show(raw)} ${r.why}; ${fallback.why}`);
    } else {
      notice('invalid', key, `${key}: ${show(raw)} ${r.why}; ingress-nginx logs it and keeps the default ${show(DEFAULT_TEXT.get(key))}`);
    }
  }
  const unusedKeys = [...data.keys()].filter(k => !used.has(k)).sort();
  for (const key of unusedKeys) notice('unsupported', key, `${key}: not used by IngressCompat: ${describeUnusedKey(key)}`);
  return { ...(out as Omit<EffectiveControllerConfig, 'unusedKeys'>), unusedKeys };
}

