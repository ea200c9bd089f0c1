import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { PolicyTarget } from '../../../src';
import {
  BackendTrafficPolicy, ConsistentHashType, LoadBalancer, LoadBalancerType, ResponseBody, ResponseOverride, RetryTrigger,
} from '../../../src/profiles/envoy-gateway';

const someRoute = PolicyTarget.fromRef({ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'web' });

function nsChart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'shop' });
}

/** Synthesizes one policy with the given props (so the CRD checks the rendering) and returns its spec. */
function specOf(props: any): any {
  const chart = nsChart();
  new BackendTrafficPolicy(chart, 'P', { targets: [someRoute], ...props });
  const { targetRefs, ...spec } = Testing.synth(chart)[0].spec;
  return spec;
}

describe('LoadBalancer', () => {
  test('every algorithm renders its CRD shape', () => {
    expect(specOf({ loadBalancer: LoadBalancer.roundRobin() }).loadBalancer).toStrictEqual({ type: 'RoundRobin' });
    expect(specOf({ loadBalancer: LoadBalancer.leastRequest({ slowStartWindow: Duration.seconds(30) }) }).loadBalancer)
      .toStrictEqual({ type: 'LeastRequest', slowStart: { window: '30s' } });
    expect(specOf({ loadBalancer: LoadBalancer.roundRobin({ slowStartWindow: Duration.minutes(1) }) }).loadBalancer)
      .toStrictEqual({ type: 'RoundRobin', slowStart: { window: '1m' } });
    expect(specOf({ loadBalancer: LoadBalancer.random() }).loadBalancer).toStrictEqual({ type: 'Random' });
    expect(specOf({ loadBalancer: LoadBalancer.consistentHashBySourceIp() }).loadBalancer)
      .toStrictEqual({ type: 'ConsistentHash', consistentHash: { type: 'SourceIP' } });
    expect(specOf({ loadBalancer: LoadBalancer.consistentHashByHeader('X-User') }).loadBalancer)
      .toStrictEqual({ type: 'ConsistentHash', consistentHash: { type: 'Headers', headers: [{ name: 'X-User' }] } });
    expect(specOf({ loadBalancer: LoadBalancer.consistentHashByHeaders(['X-User', 'x-user', 'X-Tenant']) }).loadBalancer)
      .toStrictEqual({ type: 'ConsistentHash', consistentHash: { type: 'Headers', headers: [{ name: 'X-User' }, { name: 'X-Tenant' }] } });
    expect(specOf({ loadBalancer: LoadBalancer.consistentHashByQueryParams(['user', 'user', 'tenant']) }).loadBalancer)
      .toStrictEqual({ type: 'ConsistentHash', consistentHash: { type: 'QueryParams', queryParams: [{ name: 'user' }, { name: 'tenant' }] } });
    expect(specOf({ loadBalancer: LoadBalancer.consistentHashByCookie('route') }).loadBalancer)
      .toStrictEqual({ type: 'ConsistentHash', consistentHash: { type: 'Cookie', cookie: { name: 'route' } } });
    expect(specOf({ loadBalancer: LoadBalancer.consistentHashByCookie('route', { ttl: Duration.hours(48), attributes: { HttpOnly: '' } }) }).loadBalancer)
      .toStrictEqual({ type: 'ConsistentHash', consistentHash: { type: 'Cookie', cookie: { name: 'route', ttl: '48h', attributes: { HttpOnly: '' } } } });
  });

  test('type and consistentHashType are readable', () => {
    expect(LoadBalancer.random().type).toBe(LoadBalancerType.RANDOM);
    expect(LoadBalancer.random().consistentHashType).toBeUndefined();
    expect(LoadBalancer.consistentHashBySourceIp().type).toBe(LoadBalancerType.CONSISTENT_HASH);
    expect(LoadBalancer.consistentHashByCookie('c').consistentHashType).toBe(ConsistentHashType.COOKIE);
  });

  test('bad names, attributes and windows are rejected by the factory', () => {
    expect(() => LoadBalancer.consistentHashByCookie('my cookie'))
      .toThrow(/^LoadBalancer.consistentHashByCookie: cookie name "my cookie" is not an RFC 6265 cookie name/);
    expect(() => LoadBalancer.consistentHashByCookie(''))
      .toThrow(/^LoadBalancer.consistentHashByCookie: cookie name "" is not an RFC 6265 cookie name/);
    expect(() => LoadBalancer.consistentHashByCookie('c', { attributes: { 'Same Site': 'Lax' } }))
      .toThrow(/^LoadBalancer.consistentHashByCookie: cookie attribute name "Same Site" is not a token/);
    expect(() => LoadBalancer.consistentHashByCookie('c', { attributes: { Path: '/; Secure' } }))
      .toThrow(/^LoadBalancer.consistentHashByCookie: cookie attribute "Path" has value "\/; Secure", which contains ";"/);
    expect(() => LoadBalancer.consistentHashByCookie('c', { ttl: Duration.millis(0.5) }))
      .toThrow(/^LoadBalancer.consistentHashByCookie: ttl: duration 0.5ms has a fraction of a millisecond/);
    expect(() => LoadBalancer.consistentHashByHeader('X User'))
      .toThrow(/^LoadBalancer.consistentHashByHeader: header name "X User" is not a valid HTTP header name/);
    expect(() => LoadBalancer.consistentHashByHeaders([]))
      .toThrow(/^LoadBalancer.consistentHashByHeaders: no header given; pass at least one name$/);
    expect(() => LoadBalancer.consistentHashByQueryParams([]))
      .toThrow(/^LoadBalancer.consistentHashByQueryParams: no query parameter given; pass at least one name$/);
    expect(() => LoadBalancer.consistentHashByQueryParams(['a', '']))
      .toThrow(/^LoadBalancer.consistentHashByQueryParams: a query parameter name is empty$/);
    expect(() => LoadBalancer.roundRobin({ slowStartWindow: Duration.seconds(0) }))
      .toThrow(/^LoadBalancer.roundRobin: slowStartWindow is 0s; it must be longer than zero$/);
    expect(() => LoadBalancer.leastRequest({ slowStartWindow: Duration.millis(0.5) }))
      .toThrow(/^LoadBalancer.leastRequest: slowStartWindow: duration 0.5ms/);
  });
});

describe('BackendRetryOptions', () => {
  test('only the given parts render', () => {
    expect(specOf({ retry: { numRetries: 0 } }).retry).toStrictEqual({ numRetries: 0 });
    expect(specOf({ retry: { triggers: [RetryTrigger.FIVE_XX, RetryTrigger.GATEWAY_ERROR] } }).retry)
      .toStrictEqual({ retryOn: { triggers: ['5xx', 'gateway-error'] } });
    expect(specOf({ retry: { perRetryTimeout: Duration.millis(1500) } }).retry).toStrictEqual({ perRetry: { timeout: '1s500ms' } });
    expect(specOf({ retry: { backOffBaseInterval: Duration.millis(25) } }).retry).toStrictEqual({ perRetry: { backOff: { baseInterval: '25ms' } } });
    expect(specOf({ retry: { backOffBaseInterval: Duration.seconds(1), backOffMaxInterval: Duration.seconds(1) } }).retry)
      .toStrictEqual({ perRetry: { backOff: { baseInterval: '1s', maxInterval: '1s' } } });
  });

  test('every trigger of the CRD is accepted', () => {
    const all = Object.values(RetryTrigger);
    expect(all).toHaveLength(13);
    expect(specOf({ retry: { triggers: all, httpStatusCodes: [409] } }).retry.retryOn.triggers).toStrictEqual(all);
  });

  test('errors name the field and value', () => {
    const make = (retry: any) => new BackendTrafficPolicy(nsChart(), 'P', { targets: [someRoute], retry });
    expect(() => make({ numRetries: -1 })).toThrow(/^BackendTrafficPolicy test\/P: spec.retry.numRetries is -1; it must be a whole number 0-2147483647$/);
    expect(() => make({ numRetries: 2147483648 })).toThrow(/spec.retry.numRetries is 2147483648/);
    expect(() => make({ numRetries: 1.5 })).toThrow(/spec.retry.numRetries is 1.5/);
    expect(() => make({ triggers: [RetryTrigger.RETRIABLE_STATUS_CODES], httpStatusCodes: [600] }))
      .toThrow(/spec.retry.httpStatusCodes is 600; it must be a whole number 100-599/);
    expect(() => make({ triggers: [RetryTrigger.RETRIABLE_STATUS_CODES], httpStatusCodes: [99] })).toThrow(/spec.retry.httpStatusCodes is 99/);
    expect(() => make({ httpStatusCodes: [503] }))
      .toThrow(/spec.retry.httpStatusCodes \(503\) are retried only with the "retriable-status-codes" trigger; add RetryTrigger.RETRIABLE_STATUS_CODES to retry.triggers/);
    expect(() => make({ triggers: [RetryTrigger.FIVE_XX], httpStatusCodes: [503, 504] })).toThrow(/httpStatusCodes \(503, 504\)/);
    expect(() => make({ perRetryTimeout: Duration.seconds(0) })).toThrow(/spec.retry.perRetryTimeout is 0s; it must be longer than zero/);
    expect(() => make({ backOffBaseInterval: Duration.seconds(0) })).toThrow(/spec.retry.backOffBaseInterval is 0s/);
    expect(() => make({ backOffMaxInterval: Duration.seconds(1) }))
      .toThrow(/spec.retry.backOffMaxInterval \(1s\) is set without retry.backOffBaseInterval; .* set backOffBaseInterval too/);
    expect(() => make({ backOffBaseInterval: Duration.seconds(2), backOffMaxInterval: Duration.seconds(1) }))
      .toThrow(/spec.retry.backOffMaxInterval \(1s\) is shorter than retry.backOffBaseInterval \(2s\)/);
  });
});

describe('ResponseOverride', () => {
  test('a body from a cdk8s-plus ConfigMap; status codes and ranges together', () => {
    const chart = nsChart();
    const pages = new kplus.ConfigMap(chart, 'Pages', { metadata: { name: 'error-pages' } });
    new BackendTrafficPolicy(chart, 'P', {
      targets: [someRoute],
      responseOverrides: [ResponseOverride.respond({
        statusCodes: [404],
        statusCodeRanges: [{ start: 500, end: 599 }],
        response: { contentType: 'text/html', body: ResponseBody.fromConfigMap(pages) },
      })],
    });
    expect(Testing.synth(chart).find(o => o.kind === 'BackendTrafficPolicy').spec.responseOverride).toStrictEqual([{
      match: { statusCodes: [{ type: 'Value', value: 404 }, { type: 'Range', range: { start: 500, end: 599 } }] },
      response: { contentType: 'text/html', body: { type: 'ValueRef', valueRef: { group: '', kind: 'ConfigMap', name: 'error-pages' } } },
    }]);
  });

  test('match errors', () => {
    const respond = (match: any) => ResponseOverride.respond({ ...match, response: { statusCode: 503 } });
    expect(() => respond({})).toThrow(/^ResponseOverride.respond: no status code to match; give statusCodes or statusCodeRanges$/);
    expect(() => respond({ statusCodes: [] })).toThrow(/no status code to match/);
    expect(() => respond({ statusCodes: [600] })).toThrow(/^ResponseOverride.respond: statusCodes is 600; it must be a whole number 100-599$/);
    expect(() => respond({ statusCodeRanges: [{ start: 500, end: 500 }] }))
      .toThrow(/^ResponseOverride.respond: status code range 500-500: end must be greater than start$/);
    expect(() => respond({ statusCodeRanges: [{ start: 99, end: 200 }] })).toThrow(/statusCodeRanges.start is 99/);
    expect(() => respond({ statusCodeRanges: [{ start: 500, end: 600 }] })).toThrow(/statusCodeRanges.end is 600/);
    const fifty = Array.from({ length: 50 }, (_, i) => 400 + i);
    expect(respond({ statusCodes: fifty })).toBeInstanceOf(ResponseOverride);
    expect(() => respond({ statusCodes: [...fifty, 450] }))
      .toThrow(/^ResponseOverride.respond: 51 status codes and ranges given, the maximum is 50; merge codes into ranges$/);
    expect(() => ResponseOverride.redirect({ statusCodes: fifty, statusCodeRanges: [{ start: 500, end: 599 }] }))
      .toThrow(/^ResponseOverride.redirect: 51 status codes and ranges given/);
  });

  test('response errors', () => {
    const respond = (response: any) => ResponseOverride.respond({ statusCodes: [500], response });
    expect(() => respond({ statusCode: 199 })).toThrow(/^ResponseOverride.respond: response.statusCode is 199; it must be a whole number 200-599$/);
    expect(() => respond({ statusCode: 600 })).toThrow(/response.statusCode is 600/);
    expect(() => respond({ contentType: '' })).toThrow(/^ResponseOverride.respond: response.contentType "" must be a non-empty single-line media type/);
    expect(() => respond({ contentType: 'text/html\r\nX: y' })).toThrow(/response.contentType "text\/html\\r\\nX: y"/);
    expect(() => respond({ headers: { remove: ['Server'] } }))
      .toThrow(/^ResponseOverride.respond: response.headers.remove \(Server\) is not supported in a response override/);
    expect(() => respond({ headers: {} })).toThrow(/^ResponseOverride.respond: response.headers: no header to set, add or remove/);
    expect(() => ResponseBody.fromConfigMapName('Bad_Name')).toThrow(/^ResponseBody.fromConfigMapName: name "Bad_Name" must be a lowercase RFC 1123 subdomain/);
  });

  test('redirect errors', () => {
    const redirect = (options: any) => ResponseOverride.redirect({ statusCodes: [401], ...options });
    expect(() => redirect({ hostname: '*.example.com' })).toThrow(/^ResponseOverride.redirect: hostname "\*.example.com" must be a lowercase RFC 1123 DNS name without a wildcard$/);
    expect(() => redirect({ path: 'signin' })).toThrow(/^ResponseOverride.redirect: path "signin" must start with "\/" and have at most 1024 characters$/);
    expect(() => redirect({ path: `/${'a'.repeat(1024)}` })).toThrow(/must start with "\/" and have at most 1024 characters/);
    expect(redirect({ path: `/${'a'.repeat(1023)}` })).toBeInstanceOf(ResponseOverride);
    expect(() => redirect({ port: 0 })).toThrow(/^ResponseOverride.redirect: port is 0; it must be a whole number 1-65535$/);
    expect(() => redirect({ port: 65536 })).toThrow(/port is 65536/);
    expect(() => redirect({ statusCode: 307 })).toThrow(/^ResponseOverride.redirect: statusCode 307 is not supported; a response override redirects with 301 or 302$/);
    expect(specOf({ responseOverrides: [redirect({ statusCode: 301 })] }).responseOverride)
      .toStrictEqual([{ match: { statusCodes: [{ type: 'Value', value: 401 }] }, redirect: { statusCode: 301 } }]);
  });
});
