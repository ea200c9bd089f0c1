import { Duration, Size } from 'cdk8s';
import { extractFeatures } from '../../src/compat/annotations/extract';
import { EffectiveControllerConfig } from '../../src/compat/config-model';
import { IngressFeatures } from '../../src/compat/features';
import { IngressModel, NGINX_PREFIX } from '../../src/compat/model';
import { NoticeLog } from '../../src/compat/notice-log';
import { CompatNotice } from '../../src/compat/notices';
import { CONTROLLER_DEFAULTS } from '../../src/compat/parse/config-values';
import { BehaviorSet, LoadBalancingAlgorithm, RetryCondition } from '../../src/profiles/behaviors';

/** ingress-nginx's `NewDefault()` ConfigMap values (their own test: test/compat/controller-config.test.ts). */
export const CONFIG: EffectiveControllerConfig = { ...CONTROLLER_DEFAULTS, unusedKeys: [] };

/** An Ingress `shop/web` with these annotations (keys without prefix). */
export function ingress(annotations: Record<string, string>): IngressModel {
  return {
    id: 'shop/web',
    namespace: 'shop',
    name: 'web',
    nginx: new Map(Object.entries(annotations).sort(([a], [b]) => (a < b ? -1 : 1))),
    rules: [{ host: 'shop.example.com', paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: 80 } } }] }],
    tls: [],
    source: 'manifests[0]',
    inputIndex: 0,
  };
}

/** Features and notices of one Ingress. */
export interface Extracted {
  readonly features: IngressFeatures;
  readonly notices: CompatNotice[];
}

/** Extracts the features of `ingress(annotations)`; returns them with the notices. */
export function extract(annotations: Record<string, string>, config: Partial<EffectiveControllerConfig> = {}): Extracted {
  const log = new NoticeLog();
  const features = extractFeatures(ingress(annotations), { ...CONFIG, ...config }, log);
  return { features, notices: log.all() };
}

/** The behaviours of an Ingress without annotations under the default ConfigMap. */
export function defaultBehaviors(): BehaviorSet {
  return {
    bodySizeLimit: Size.mebibytes(1),
    connectTimeout: Duration.seconds(5),
    hsts: { maxAge: Duration.seconds(31536000), includeSubDomains: true, preload: false },
    loadBalancing: LoadBalancingAlgorithm.ROUND_ROBIN,
    proxyBuffering: false,
    readTimeout: Duration.seconds(60),
    requestId: true,
    requestTimeout: Duration.seconds(0),
    retries: { tries: 3, conditions: [RetryCondition.ERROR, RetryCondition.TIMEOUT], retryNonIdempotent: false },
    sendTimeout: Duration.seconds(60),
  };
}

/** The features of an Ingress without annotations, with `overrides`. */
export function defaultFeatures(overrides: Partial<IngressFeatures> = {}): IngressFeatures {
  return {
    useRegex: false,
    serverAliases: [],
    sslRedirect: true,
    forceSslRedirect: false,
    fromToWwwRedirect: false,
    sslPassthrough: false,
    backendProtocol: { protocol: 'HTTP', proxySslVerify: false, proxySslServerName: false },
    customHttpErrors: [],
    behaviors: defaultBehaviors(),
    behaviorSources: new Map(),
    ...overrides,
  };
}

/** A notice of `shop/web` for `key`. */
export function notice(key: string, status: string, message: RegExp): object {
  return { ingress: 'shop/web', annotation: `${NGINX_PREFIX}${key}`, status, message: expect.stringMatching(message) };
}
