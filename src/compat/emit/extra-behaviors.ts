/**
 * Behaviours of annotations the annotation families leave to the emit step (their values are
 * not in `IngressFeatures`): read from the Ingress's annotations here, checked as ingress-nginx
 * checks them, and added to the behaviour set of the Ingress's routes. Internal.
 */
import { Size } from 'cdk8s';
import { notice } from './context';
import { sizeInBytes } from '../../core/size';
import { BehaviorSet, CookieSameSite, ProxyBuffersBehavior } from '../../profiles/behaviors';
import { ProfileName } from '../../profiles/verdicts';
import { parseGoBool, parseGoInt, parseNginxSize } from '../annotations/values';
import { IngressFeatures } from '../features';
import { IngressModel } from '../model';
import { NoticeLog } from '../notice-log';
import { NoticeStatus } from '../notices';

/** The page Envoy Gateway answers instead of a backend error (`custom-http-errors`). */
export const ERROR_PAGE_BODY = '<html><head><title>Error</title></head><body><h1>Error</h1><p>The request could not be completed.</p></body></html>';

/** The extra behaviours with the annotation keys each came from. */
export interface ExtraBehaviors {
  readonly set: BehaviorSet;
  readonly sources: ReadonlyMap<keyof BehaviorSet, string[]>;
}

/**
 * The behaviours of `service-upstream`, `limit-rate`, `proxy-buffer-size`,
 * `proxy-buffers-number`, `proxy-busy-buffers-size` and `custom-http-errors` (with
 * `disable-proxy-intercept-errors`), and the cookie attributes of `session-cookie-domain`,
 * `-samesite` and `-secure` added to the affinity cookie (`https`: the route serves HTTPS,
 * where ingress-nginx always sets `Secure`). Bad values get an `invalid` notice and are left
 * out, as ingress-nginx falls back to its default.
 */
export function extraBehaviors(ingress: IngressModel, features: IngressFeatures, https: boolean, profile: ProfileName,
  log: NoticeLog): ExtraBehaviors {
  const set: { -readonly [K in keyof BehaviorSet]: BehaviorSet[K] } = {};
  const sources = new Map<keyof BehaviorSet, string[]>();
  const raw = (key: string) => ingress.nginx.get(key)?.trim();
  const invalid = (key: string, message: string) => notice(log, ingress, key, NoticeStatus.INVALID, message);

  const upstream = raw('service-upstream');
  if (upstream !== undefined) {
    const b = parseGoBool(upstream);
    if (b === undefined) {invalid('service-upstream', `value "${upstream}" is not a boolean (true or false); ingress-nginx uses the ConfigMap value (false: Pod endpoints)`);} else if (b) {
      set.serviceUpstream = true;
      sources.set('serviceUpstream', ['service-upstream']);
    }
  }

  const rate = raw('limit-rate');
  if (rate !== undefined) {
    const n = parseGoInt(rate);
    if (n === undefined || n < 0) {invalid('limit-rate', `value "${rate}" is not a whole number of KiB per second; ingress-nginx does not limit the bandwidth, and neither does IngressCompat`);} else if (n > 0) {
      set.bandwidthLimit = Size.kibibytes(n);
      sources.set('bandwidthLimit', ['limit-rate']);
    }
  }

  const buffers = proxyBuffers(ingress, features, log);
  if (buffers !== undefined) {
    set.proxyBuffers = buffers.value;
    sources.set('proxyBuffers', buffers.keys);
  }

  if (features.customHttpErrors.length > 0) {
    const disable = raw('disable-proxy-intercept-errors');
    const proxyErrorsOnly = disable !== undefined && parseGoBool(disable) === true;
    set.customErrorPages = { statusCodes: features.customHttpErrors, body: ERROR_PAGE_BODY, contentType: 'text/html', proxyErrorsOnly: proxyErrorsOnly || undefined };
    sources.set('customErrorPages', ['custom-http-errors']);
    if (proxyErrorsOnly && profile === ProfileName.ENVOY_GATEWAY) {
      notice(log, ingress, 'disable-proxy-intercept-errors', NoticeStatus.TRANSLATED, 'only the proxy\'s own error responses are replaced, not the backend\'s (BackendTrafficPolicy responseOverride source Local), as nginx with proxy_intercept_errors off');
    }
  }

  const affinity = features.behaviors.cookieAffinity;
  if (affinity !== undefined && !features.canary) {
    const domain = raw('session-cookie-domain');
    const sameSiteRaw = raw('session-cookie-samesite');
    const secureRaw = raw('session-cookie-secure');
    const sameSite = sameSiteRaw === undefined ? undefined : Object.values(CookieSameSite).find(v => v.toLowerCase() === sameSiteRaw.toLowerCase());
    if (sameSiteRaw !== undefined && sameSite === undefined) invalid('session-cookie-samesite', `value "${sameSiteRaw}" is not None, Lax or Strict; browsers ignore such a SameSite attribute, so IngressCompat leaves it out`);
    const validDomain = domain !== undefined && /^\.?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(domain);
    if (domain !== undefined && !validDomain) invalid('session-cookie-domain', `value "${domain}" is not a domain name such as example.com; IngressCompat leaves the Domain attribute out`);
    const secureAnnotation = secureRaw === undefined ? undefined : parseGoBool(secureRaw);
    if (secureRaw !== undefined && secureAnnotation === undefined) invalid('session-cookie-secure', `value "${secureRaw}" is not a boolean (true or false); ingress-nginx sets Secure on HTTPS requests only`);
    set.cookieAffinity = {
      ...affinity,
      ...(validDomain ? { domain } : {}),
      ...(sameSite === undefined ? {} : { sameSite }),
      ...(secureAnnotation === true || https ? { secure: true } : {}),
    };
    if (profile === ProfileName.ENVOY_GATEWAY) {
      const attribute = 'on the affinity cookie (BackendTrafficPolicy loadBalancer.consistentHash.cookie.attributes)';
      if (validDomain) notice(log, ingress, 'session-cookie-domain', NoticeStatus.TRANSLATED, `Domain=${domain} ${attribute}`);
      if (sameSite !== undefined) notice(log, ingress, 'session-cookie-samesite', NoticeStatus.TRANSLATED, `SameSite=${sameSite} ${attribute}`);
      if (secureAnnotation === true) notice(log, ingress, 'session-cookie-secure', NoticeStatus.TRANSLATED, `Secure ${attribute}, on HTTP and HTTPS routes`);
      if (secureAnnotation === false) notice(log, ingress, 'session-cookie-secure', NoticeStatus.TRANSLATED, `false: Secure only on the HTTPS routes' cookie, as ingress-nginx sets it for HTTPS requests (${attribute})`);
    }
  }
  return { set, sources };
}

/**
 * `proxy-buffer-size`, `proxy-buffers-number` and `proxy-busy-buffers-size`: the buffers nginx
 * reads a response into when `proxy-buffering` is on; with buffering off (ingress-nginx's
 * default) they have no effect on the profiles, and get a notice saying so.
 */
function proxyBuffers(ingress: IngressModel, features: IngressFeatures, log: NoticeLog): { value: ProxyBuffersBehavior; keys: string[] } | undefined {
  const keys = ['proxy-buffer-size', 'proxy-buffers-number', 'proxy-busy-buffers-size'].filter(k => ingress.nginx.has(k));
  if (keys.length === 0) return undefined;
  if (!features.behaviors.proxyBuffering) {
    for (const key of keys) {
      notice(log, ingress, key, key === 'proxy-buffer-size' ? NoticeStatus.APPROXIMATE : NoticeStatus.TRANSLATED, key === 'proxy-buffer-size'
        ? 'not applied: proxy-buffering is off, and the implementations keep their own buffer for response headers (nginx reads them into a buffer of this size, and answers 502 to larger ones)'
        : 'no effect while proxy-buffering is off (ingress-nginx\'s default), as in ingress-nginx; nothing emitted');
    }
    return undefined;
  }
  const size = (key: string) => {
    const v = ingress.nginx.get(key);
    if (v === undefined) return undefined;
    const parsed = parseNginxSize(v);
    if (parsed === undefined || (sizeInBytes(parsed).bytes ?? 0) < 1) {
      notice(log, ingress, key, NoticeStatus.INVALID, `value "${v}" is not an nginx size such as 16k; ingress-nginx uses the ConfigMap value`);
      return undefined;
    }
    return parsed;
  };
  const bufferSize = size('proxy-buffer-size');
  const busyBuffersSize = size('proxy-busy-buffers-size');
  const rawCount = ingress.nginx.get('proxy-buffers-number');
  let count = rawCount === undefined ? undefined : parseGoInt(rawCount.trim());
  if (rawCount !== undefined && (count === undefined || count < 2 || count > 256)) {
    notice(log, ingress, 'proxy-buffers-number', NoticeStatus.INVALID, `value "${rawCount}" is not a number of buffers from 2 to 256; IngressCompat uses ingress-nginx's ConfigMap default (4)`);
    count = undefined;
  }
  // nginx refuses a busy size not above the header buffer or not below all buffers but one.
  const bytes = (s: Size | undefined) => (s === undefined ? undefined : sizeInBytes(s).bytes!);
  const header = bytes(bufferSize) ?? 4096;
  const busy = bytes(busyBuffersSize);
  if (busy !== undefined && (busy <= header || busy >= header * ((count ?? 4) - 1))) {
    notice(log, ingress, 'proxy-busy-buffers-size', NoticeStatus.INVALID, `value "${ingress.nginx.get('proxy-busy-buffers-size')}" must be larger than the buffer size (${header} bytes) and smaller than all buffers but one (${(count ?? 4) - 1} × ${header} bytes), or nginx refuses the configuration; IngressCompat leaves it out`);
    return { value: { bufferSize, count }, keys: keys.filter(k => k !== 'proxy-busy-buffers-size') };
  }
  return { value: { bufferSize, count, busyBuffersSize }, keys };
}
