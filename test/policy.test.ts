import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { IPolicyTarget, Policy, PolicyProps, PolicyTarget, PolicyTargetReference } from '../src';

/** The smallest concrete policy: just targets. */
class TestPolicy extends Policy {
  constructor(scope: Construct, id: string, props: PolicyProps = {}) {
    super(scope, id, { apiVersion: 'example.com/v1', kind: 'TestPolicy' }, props);
  }
  protected _toSpec(): any {
    return { targetRefs: this._renderTargetRefs() };
  }
}

/** A construct-like target (as a Gateway or route would implement IPolicyTarget). */
class GatewayTarget implements IPolicyTarget {
  constructor(public readonly name: string, public readonly targetNamespace?: string) {}
  public toPolicyTargetReference(): PolicyTargetReference {
    return { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: this.name, sectionName: '' };
  }
}

describe('Policy', () => {
  test('renders targetRefs in order, with sections', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'test', { namespace: 'web' });
    const svc = new kplus.Service(chart, 'Api', { metadata: { name: 'api' }, ports: [{ port: 443, name: 'https' }, { port: 80, name: 'http' }] });
    // WHEN
    const policy = new TestPolicy(chart, 'Policy', {
      metadata: { name: 'p' },
      targets: [PolicyTarget.fromService(svc, { sectionName: 'https' }), PolicyTarget.fromService(svc, { sectionName: 'http' })],
    });
    policy.addTarget(PolicyTarget.fromServiceName('other', { namespace: 'web' }));
    policy.addTarget(PolicyTarget.fromRef({ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'shop', sectionName: 'checkout' }));
    policy.addTarget(new GatewayTarget('edge', 'web'));
    // THEN
    expect(policy.targets).toHaveLength(5);
    expect(Testing.synth(chart).filter(o => o.kind === 'TestPolicy')).toStrictEqual([{
      apiVersion: 'example.com/v1',
      kind: 'TestPolicy',
      metadata: { name: 'p', namespace: 'web' },
      spec: {
        targetRefs: [
          { group: '', kind: 'Service', name: 'api', sectionName: 'https' },
          { group: '', kind: 'Service', name: 'api', sectionName: 'http' },
          { group: '', kind: 'Service', name: 'other' },
          { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'shop', sectionName: 'checkout' },
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge' },
        ],
      },
    }]);
  });

  test('a policy without targets fails at synth', () => {
    const chart = Testing.chart();
    new TestPolicy(chart, 'Policy');
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Policy\] TestPolicy has no targets; pass targets or call addTarget\(\)/);
  });

  test('the same target twice needs distinct section names', () => {
    const chart = Testing.chart();
    const policy = new TestPolicy(chart, 'Policy', { targets: [PolicyTarget.fromServiceName('api')] });
    expect(() => policy.addTarget(PolicyTarget.fromServiceName('api')))
      .toThrow(/TestPolicy test\/Policy: target Service "api" is already targeted/);
    expect(() => policy.addTarget(PolicyTarget.fromServiceName('api', { sectionName: 'https' })))
      .toThrow(/TestPolicy test\/Policy: target Service "api\/https" is targeted both as a whole and by section/);
    policy.addTarget(PolicyTarget.fromServiceName('web', { sectionName: 'a' }));
    expect(() => policy.addTarget(PolicyTarget.fromServiceName('web', { sectionName: 'a' }))).toThrow(/target Service "web\/a" is already targeted/);
    expect(() => policy.addTarget(PolicyTarget.fromServiceName('web'))).toThrow(/target Service "web" is targeted both as a whole and by section/);
    policy.addTarget(PolicyTarget.fromServiceName('web', { sectionName: 'b' }));
    policy.addTarget(PolicyTarget.fromRef({ group: 'example.com', kind: 'Service', name: 'api' }));
    // the rejected targets were not added
    expect(policy.targets.map(t => t.toPolicyTargetReference())).toEqual([
      { group: '', kind: 'Service', name: 'api' },
      { group: '', kind: 'Service', name: 'web', sectionName: 'a' },
      { group: '', kind: 'Service', name: 'web', sectionName: 'b' },
      { group: 'example.com', kind: 'Service', name: 'api' },
    ]);
  });

  test('at most 16 targets', () => {
    const chart = Testing.chart();
    const policy = new TestPolicy(chart, 'Policy');
    for (let i = 0; i < 16; i++) policy.addTarget(PolicyTarget.fromServiceName(`s${i}`));
    expect(() => policy.addTarget(PolicyTarget.fromServiceName('s16'))).toThrow(/TestPolicy test\/Policy: spec.targetRefs already has 16 entries, the maximum/);
  });

  test('targets in another namespace are rejected', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'web' });
    const policy = new TestPolicy(chart, 'Policy');
    expect(() => policy.addTarget(PolicyTarget.fromServiceName('api', { namespace: 'api' })))
      .toThrow(/TestPolicy test\/Policy: target Service "api" is in namespace "api", not the policy's namespace "web"; a policy applies only to targets in its own namespace/);
    const other = new Chart(Testing.app(), 'other', { namespace: 'api' });
    const svc = new kplus.Service(other, 'Svc', { ports: [{ port: 80 }] });
    expect(() => policy.addTarget(PolicyTarget.fromService(svc))).toThrow(/is in namespace "api", not the policy's namespace "web"/);
    const unnamespaced = new TestPolicy(Testing.chart(), 'Loose');
    expect(() => unnamespaced.addTarget(new GatewayTarget('edge', 'infra')))
      .toThrow(/TestPolicy test\/Loose: target Gateway.gateway.networking.k8s.io "edge" is in namespace "infra" but this TestPolicy has no namespace; set metadata.namespace/);
  });
});

describe('PolicyTarget', () => {
  test('fromService checks the port name', () => {
    const chart = Testing.chart();
    const svc = new kplus.Service(chart, 'Api', { metadata: { name: 'api' }, ports: [{ port: 443, name: 'https' }, { port: 8080 }] });
    expect(PolicyTarget.fromService(svc).toPolicyTargetReference()).toStrictEqual({ group: '', kind: 'Service', name: 'api', sectionName: undefined });
    expect(() => PolicyTarget.fromService(svc, { sectionName: 'grpc' }))
      .toThrow(/PolicyTarget.fromService: service "api" has no port named "grpc" \(named ports: https\); sectionName of a Service target is a port name/);
    const unnamed = new kplus.Service(chart, 'Plain', { metadata: { name: 'plain' }, ports: [{ port: 80 }] });
    expect(() => PolicyTarget.fromService(unnamed, { sectionName: 'http' })).toThrow(/\(named ports: none\)/);
    const portless = new kplus.Service(chart, 'Later', { metadata: { name: 'later' } });
    expect(PolicyTarget.fromService(portless, { sectionName: 'http' }).toPolicyTargetReference().sectionName).toBe('http');
  });

  test('factories check names', () => {
    expect(() => PolicyTarget.fromServiceName('Bad')).toThrow(/PolicyTarget.fromServiceName: name "Bad" must be a lowercase RFC 1123 subdomain/);
    expect(() => PolicyTarget.fromServiceName('api', { sectionName: 'Bad_Port' })).toThrow(/PolicyTarget.fromServiceName: name "Bad_Port" must be a lowercase RFC 1123 subdomain/);
    expect(() => PolicyTarget.fromServiceName('api', { namespace: 'Bad.NS' })).toThrow(/PolicyTarget.fromServiceName: namespace "Bad.NS"/);
    expect(() => PolicyTarget.fromRef({ group: 'Example.com', kind: 'Gateway', name: 'x' })).toThrow(/PolicyTarget.fromRef: group "Example.com"/);
    expect(() => PolicyTarget.fromRef({ group: '', kind: '9x', name: 'x' })).toThrow(/PolicyTarget.fromRef: kind "9x"/);
    expect(PolicyTarget.fromRef({ group: '', kind: 'Service', name: 'x', namespace: 'n' }).targetNamespace).toBe('n');
  });
});
