/*
 * What acts on a request but is not routing: the behaviours of the location's Ingress that
 * came from annotations (timeouts, body size, retries, load balancing, affinity, IP lists, rate
 * limits, auth, …), each as one sentence naming the annotations. Internal.
 */
import { BehaviorSet } from '../../profiles/behaviors';
import { IngressFeatures } from '../features';

const WHAT: Partial<Record<keyof BehaviorSet, string>> = {
  bodySizeLimit: 'the request body size limit (413 above it)',
  connectTimeout: 'the backend connect timeout',
  readTimeout: 'the backend read timeout',
  sendTimeout: 'the backend send timeout',
  retries: 'retries on the next endpoint',
  loadBalancing: 'the load-balancing algorithm across endpoints',
  hashKey: 'consistent hashing across endpoints',
  cookieAffinity: 'cookie session affinity (a request with the affinity cookie stays on its endpoint, and on its primary or canary backend)',
  ipAllowList: 'the client IP allow list (403 for other clients)',
  ipDenyList: 'the client IP deny list (403)',
  rateLimit: 'the per-client request rate limit (503 above it)',
  connectionLimit: 'the per-client connection limit (503 above it)',
  basicAuth: 'basic authentication (401 without valid credentials)',
  externalAuth: 'external authentication (the auth service\'s 401/403, 500 on other failures)',
  authSignin: 'the sign-in redirect on 401',
  customErrorPages: 'custom error pages from the default backend',
  proxyBuffering: 'response buffering',
  backendHttpsWithoutVerification: 'HTTPS to the backend',
  serviceUpstream: 'proxying to the Service cluster IP',
  bandwidthLimit: 'the response bandwidth limit',
  proxyBuffers: 'the proxy buffer sizes',
};

/** The not-modeled sentences and the annotation keys behind them, sorted. */
export function notModeledBehaviors(features: IngressFeatures | undefined): { sentences: string[]; keys: string[] } {
  const sentences: string[] = [];
  const keys = new Set<string>();
  if (features === undefined) return { sentences, keys: [] };
  for (const [field, sources] of features.behaviorSources) {
    const what = WHAT[field];
    if (what === undefined || sources.length === 0) continue;
    sources.forEach(k => keys.add(k));
    sentences.push(`${sources.join(', ')}: ${what} is not modeled.`);
  }
  return { sentences: sentences.sort(), keys: [...keys].sort() };
}
