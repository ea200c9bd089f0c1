import { Duration, Size } from 'cdk8s';
import { BehaviorSet, LoadBalancingAlgorithm, RetryCondition } from '../../profiles/behaviors';
import { EffectiveControllerConfig } from '../config-model';

const RETRY_TOKENS: Readonly<Record<string, RetryCondition>> = {
  error: RetryCondition.ERROR,
  timeout: RetryCondition.TIMEOUT,
  http_500: RetryCondition.HTTP_500,
  http_502: RetryCondition.HTTP_502,
  http_503: RetryCondition.HTTP_503,
  http_504: RetryCondition.HTTP_504,
  http_403: RetryCondition.HTTP_403,
  http_404: RetryCondition.HTTP_404,
  http_429: RetryCondition.HTTP_429,
};

/**
 * The behaviours every location has before any annotation: ingress-nginx's defaults with the
 * controller ConfigMap applied (`config.go` `NewDefault()`), for the Gateway-level policies.
 * HSTS is left out: it is set on the HTTPS routes, where ingress-nginx sends it.
 */
export function defaultBehaviors(config: EffectiveControllerConfig): BehaviorSet {
  const body = /^(\d+)([kmg]?)$/i.exec(config.proxyBodySize.trim());
  const unit = (body?.[2] ?? '').toLowerCase();
  const bytes = body ? Number(body[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1) : undefined;
  const tokens = config.proxyNextUpstream;
  const off = tokens.includes('off');
  return {
    bodySizeLimit: bytes === undefined ? undefined : Size.kibibytes(bytes / 1024),
    connectTimeout: Duration.seconds(config.proxyConnectTimeout),
    readTimeout: Duration.seconds(config.proxyReadTimeout),
    sendTimeout: Duration.seconds(config.proxySendTimeout),
    requestTimeout: Duration.seconds(0),
    retries: {
      tries: off ? 1 : config.proxyNextUpstreamTries > 0 ? Math.min(config.proxyNextUpstreamTries, 100) : undefined,
      conditions: tokens.map(t => RETRY_TOKENS[t]).filter(c => c !== undefined),
      retryNonIdempotent: tokens.includes('non_idempotent'),
    },
    loadBalancing: config.loadBalance === 'ewma' ? LoadBalancingAlgorithm.EWMA : LoadBalancingAlgorithm.ROUND_ROBIN,
    requestId: config.generateRequestId ? true : undefined,
    proxyBuffering: config.proxyBuffering,
  };
}
