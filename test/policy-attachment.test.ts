import { ApiObject, Chart, Duration, Size, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { Backend, HttpFilter, HttpRoute, IHttpFilterExtension, PathMatch, Policy, PolicyProps, PolicyTarget } from '../src';
import { toNginxDuration } from '../src/core/duration';
import { toNginxSize, toQuantity } from '../src/core/size';

const EG_BTP = { apiVersion: 'gateway.envoyproxy.io/v1alpha1', kind: 'BackendTrafficPolicy' };

/** A policy of a real implementation kind with the hooks a profile policy overrides. */
class KindPolicy extends Policy {
  private readonly spec?: any;
  private readonly mergeable?: boolean;
  constructor(scope: Construct, id: string, props: PolicyProps & { spec?: any; mergeable?: boolean } = {}) {
    super(scope, id, EG_BTP, props);
    this.spec = props.spec;
    this.mergeable = props.mergeable;
  }
  protected _targetKinds() {
    return ['gateway.networking.k8s.io/Gateway', 'gateway.networking.k8s.io/HTTPRoute'];
  }
  protected _conflictRule() {
    return { implementation: 'Envoy Gateway', mergeable: this.mergeable ?? false };
  }
  protected _toSpec(): any {
    return { targetRefs: this._renderTargetRefs(), ...this.spec };
  }
}

class SinglePolicy extends Policy {
  constructor(scope: Construct, id: string, props: PolicyProps = {}) {
    super(scope, id, { apiVersion: 'example.com/v1', kind: 'SinglePolicy' }, props);
  }
  protected _sectionTargets() {
    return false;
  }
  protected _maxTargets() {
    return 1;
  }
  protected _toSpec(): any {
    return { targetRef: this._renderTargetRefs()?.[0] };
  }
}

function routeWithRules(chart: Chart): HttpRoute {
  return new HttpRoute(chart, 'Route', {
    metadata: { name: 'shop' },
    rules: [
      { name: 'upload', matches: [{ path: PathMatch.prefix('/upload') }], backends: [Backend.fromServiceName('upload', 8080)] },
      { matches: [{ path: PathMatch.prefix('/') }], backends: [Backend.fromServiceName('web', 80)] },
    ],
  });
}

describe('routes as policy targets', () => {
  test('a whole route and one named rule render as targetRefs', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
    const route = routeWithRules(chart);
    new KindPolicy(chart, 'P', { metadata: { name: 'p' }, targets: [route.ruleTarget('upload')] });
    new KindPolicy(chart, 'Q', { metadata: { name: 'q' }, targets: [route] });
    expect(Testing.synth(chart).filter(o => o.kind === 'BackendTrafficPolicy').map(o => o.spec.targetRefs)).toStrictEqual([
      [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'shop', sectionName: 'upload' }],
      [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'shop' }],
    ]);
    expect(route.ruleTarget('upload').targetNamespace).toBe('shop');
  });

  test('a rule that was not added (or has no name) cannot be targeted', () => {
    const route = routeWithRules(new Chart(Testing.app(), 'test'));
    expect(() => route.ruleTarget('admin')).toThrow(/HTTPRoute test\/Route: ruleTarget: no rule named "admin" \(named rules: "upload"\); give the rule a name/);
  });
});

describe('policy target rules', () => {
  test('a target kind the CRD does not allow is an eager error naming the allowed kinds', () => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => new KindPolicy(chart, 'P', { targets: [PolicyTarget.fromServiceName('api')] }))
      .toThrow(/BackendTrafficPolicy test\/P: target Service "api" is of a kind this BackendTrafficPolicy cannot target; its CRD allows Gateway, HTTPRoute/);
  });

  test('single-target kinds take one whole target', () => {
    const chart = new Chart(Testing.app(), 'test');
    const p = new SinglePolicy(chart, 'P', { targets: [PolicyTarget.fromServiceName('a')] });
    expect(() => p.addTarget(PolicyTarget.fromServiceName('b')))
      .toThrow(/already has a target \(Service "a"\); a SinglePolicy has exactly one \(spec.targetRef\): create one policy per target/);
    expect(() => new SinglePolicy(chart, 'Q', { targets: [PolicyTarget.fromServiceName('a', { sectionName: 'http' })] }))
      .toThrow(/target Service "a\/http" names a section \("http"\), but a SinglePolicy targets whole objects only/);
    expect(Testing.synth(chart).find(o => o.kind === 'SinglePolicy')!.spec).toStrictEqual({ targetRef: { group: '', kind: 'Service', name: 'a' } });
  });

  test('two non-mergeable policies of one kind on one target fail synth once, naming both', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
    const route = routeWithRules(chart);
    new KindPolicy(chart, 'A', { targets: [route] });
    new KindPolicy(chart, 'B', { targets: [route] });
    new KindPolicy(chart, 'C', { targets: [route.ruleTarget('upload')] });
    new KindPolicy(chart, 'D', { targets: [route.ruleTarget('upload')] });
    let message = '';
    try {
      Testing.synth(chart);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/test\/B[^\n]*target HTTPRoute.gateway.networking.k8s.io "shop" is also targeted by BackendTrafficPolicy test\/A; Envoy Gateway applies only the oldest of the two and marks the other Conflicted: merge them into one BackendTrafficPolicy/);
    expect(message).toMatch(/test\/D[^\n]*target HTTPRoute.gateway.networking.k8s.io "shop\/upload" is also targeted by BackendTrafficPolicy test\/C/);
    expect(message.match(/also targeted/g)).toHaveLength(2);
  });

  test('mergeable policies conflict only on fields both set', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
    const route = routeWithRules(chart);
    new KindPolicy(chart, 'A', { targets: [route], mergeable: true, spec: { timeout: { tcp: { connectTimeout: '5s' } } } });
    new KindPolicy(chart, 'B', { targets: [route], mergeable: true, spec: { requestBuffer: { limit: '1Mi' } } });
    expect(() => Testing.synth(chart)).not.toThrow();
    new KindPolicy(chart, 'C', { targets: [route], mergeable: true, spec: { timeout: { tcp: { connectTimeout: '10s' } } } });
    expect(() => Testing.synth(chart)).toThrow(/test\/A; Envoy Gateway merges the two, but both set timeout.tcp.connectTimeout, and for those only the oldest policy applies/);
  });
});

describe('extension filters on existing rules', () => {
  const extension = (namespace?: string): IHttpFilterExtension => ({
    filterNamespace: namespace,
    toFilterExtensionReference: () => ({ group: 'gateway.nginx.org', kind: 'AuthenticationFilter', name: 'auth' }),
  });

  test('appends to one named rule, or to every rule', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
    const route = routeWithRules(chart);
    route.addExtensionFilter(HttpFilter.extension(extension('shop')), 'upload');
    route.addExtensionFilter(HttpFilter.extensionRef({ group: 'example.com', kind: 'Filter', name: 'f' }));
    const ref = (group: string, kind: string, name: string) => ({ type: 'ExtensionRef', extensionRef: { group, kind, name } });
    expect(Testing.synth(chart).find(o => o.kind === 'HTTPRoute')!.spec.rules.map((r: any) => r.filters)).toStrictEqual([
      [ref('gateway.nginx.org', 'AuthenticationFilter', 'auth'), ref('example.com', 'Filter', 'f')],
      [ref('example.com', 'Filter', 'f')],
    ]);
  });

  test('a filter appended to one route is not on another route (rules without filters share no list)', () => {
    const app = Testing.app();
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    const blog = new Chart(app, 'blog', { namespace: 'blog' });
    const first = new HttpRoute(shop, 'First', { rules: [{ backends: [Backend.fromServiceName('a', 80)] }] });
    const second = new HttpRoute(blog, 'Second', { rules: [{ backends: [Backend.fromServiceName('b', 80)] }] });
    first.addExtensionFilter(HttpFilter.extension(extension('shop')));
    // a filter of namespace "shop" on the blog route's rule would be refused here
    expect(() => second.addExtensionFilter(HttpFilter.extension(extension('blog')))).not.toThrow();
    expect(Testing.synth(blog).find(o => o.kind === 'HTTPRoute')!.spec.rules[0].filters).toStrictEqual([
      { type: 'ExtensionRef', extensionRef: { group: 'gateway.nginx.org', kind: 'AuthenticationFilter', name: 'auth' } },
    ]);
  });

  test('bad uses are eager errors', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
    const route = routeWithRules(chart);
    expect(() => route.addExtensionFilter(HttpFilter.extension(extension('other')), 'upload'))
      .toThrow(/spec.rules\[0\] \("upload"\).filters: the ExtensionRef filter AuthenticationFilter "auth" is in namespace "other", not the route's namespace "shop"/);
    expect(() => route.addExtensionFilter(HttpFilter.extension(extension()), 'admin')).toThrow(/addExtensionFilter: no rule named "admin" \(named rules: "upload"\)/);
    expect(() => route.addExtensionFilter(HttpFilter.requestHeaderModifier({ set: { a: 'b' } })))
      .toThrow(/only ExtensionRef filters can be added to rules already added, not RequestHeaderModifier/);
    const empty = new HttpRoute(chart, 'Empty');
    expect(() => empty.addExtensionFilter(HttpFilter.extension(extension()))).toThrow(/the route has no rules yet/);
  });
});

describe('nginx and Kubernetes value forms', () => {
  test.each([
    [Size.mebibytes(1), '1Mi', '1m'],
    [Size.mebibytes(50), '50Mi', '50m'],
    [Size.kibibytes(1536), '1536Ki', '1536k'],
    [Size.gibibytes(2), '2Gi', '2g'],
    [Size.kibibytes(0.5), '512', '512'],
  ])('%s', (size, quantity, nginx) => {
    expect(toQuantity(size)).toStrictEqual({ value: quantity });
    expect(toNginxSize(size)).toStrictEqual({ value: nginx });
  });

  test('sizes nginx cannot write in 4 digits are errors naming a size that fits', () => {
    expect(toNginxSize(Size.kibibytes(10001)).error).toMatch(/size 10241024 bytes cannot be written as an nginx size of at most 4 digits with k, m or g.*use e.g. 9m/);
  });

  test.each([
    [Duration.seconds(60), '1m'],
    [Duration.seconds(90), '90s'],
    [Duration.millis(500), '500ms'],
    [Duration.hours(2), '2h'],
    [Duration.seconds(0), '0s'],
  ])('nginx duration %s', (d, value) => {
    expect(toNginxDuration(d)).toStrictEqual({ value });
  });

  test('durations nginx cannot write in 4 digits are errors', () => {
    expect(toNginxDuration(Duration.millis(10001)).error).toMatch(/cannot be written as an nginx duration of at most 4 digits and one unit/);
    expect(toNginxDuration(Duration.hours(10000)).error).toMatch(/\^\[0-9\]\{1,4\}\(ms\|s\|m\|h\)\?\$/);
  });
});

describe('synth validation picks the implementation CRDs by API group', () => {
  test('an Envoy Gateway object is checked against Envoy Gateway v1.9.0', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
    routeWithRules(chart);
    new ApiObject(chart, 'Btp', { ...EG_BTP, metadata: { name: 'btp' }, spec: { loadBalancer: { type: 'Fastest' } } });
    expect(() => Testing.synth(chart)).toThrow(/spec.loadBalancer.type.*Unsupported value: "Fastest"/s);
  });
});
