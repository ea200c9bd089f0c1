import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { GatewayApiValidation, ReferenceGrant, ReferenceGrantFrom, ReferenceGrantTo } from '../src';

describe('ReferenceGrant', () => {
  test('renders from and to entries and owns the Resource child', () => {
    const chart = Testing.chart();
    const grant = new ReferenceGrant(chart, 'Grant', {
      metadata: { name: 'allow-web', namespace: 'api' },
      allowFrom: [ReferenceGrantFrom.httpRoutes('web')],
      allowTo: [ReferenceGrantTo.services('api')],
    });
    expect(ApiObject.of(grant)).toBe(grant.apiObject);
    expect(Testing.synth(chart)).toStrictEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ReferenceGrant',
      metadata: { name: 'allow-web', namespace: 'api' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'web' }],
        to: [{ group: '', kind: 'Service', name: 'api' }],
      },
    }]);
  });

  test('a JSON patch of a field absent from the CRD survives synth', () => {
    const chart = Testing.chart();
    const grant = new ReferenceGrant(chart, 'Grant', {
      metadata: { name: 'g' },
      allowFrom: [ReferenceGrantFrom.gateways('infra')],
      allowTo: [ReferenceGrantTo.secrets()],
    });
    ApiObject.of(grant).addJsonPatch(JsonPatch.add('/spec/futureField', { enabled: true }));
    // A field the target CRDs lack is an unknown field (strict field validation rejects it), so
    // synth-time validation is off to see the patch rendered.
    GatewayApiValidation.configure(chart, { disabled: true });
    expect(Testing.synth(chart)[0].spec.futureField).toStrictEqual({ enabled: true });
  });

  test('duplicates are merged and allows() answers for exact names and whole kinds', () => {
    const chart = Testing.chart();
    const grant = new ReferenceGrant(chart, 'Grant', { metadata: { namespace: 'api' } });
    grant.addFrom(ReferenceGrantFrom.httpRoutes('web'));
    grant.addFrom(ReferenceGrantFrom.httpRoutes('web'));
    grant.addTo(ReferenceGrantTo.services('api'));
    grant.addTo(ReferenceGrantTo.secrets());
    expect(Testing.synth(chart)[0].spec.from).toHaveLength(1);
    expect(grant.allows('gateway.networking.k8s.io', 'HTTPRoute', 'web', '', 'Service', 'api')).toBe(true);
    expect(grant.allows('gateway.networking.k8s.io', 'HTTPRoute', 'web', '', 'Service', 'other')).toBe(false);
    expect(grant.allows('gateway.networking.k8s.io', 'HTTPRoute', 'web', '', 'Secret', 'any')).toBe(true);
    expect(grant.allows('gateway.networking.k8s.io', 'GRPCRoute', 'web', '', 'Service', 'api')).toBe(false);
  });

  test('a grant without entries fails at synth', () => {
    const chart = Testing.chart();
    new ReferenceGrant(chart, 'Grant');
    expect(() => Testing.synth(chart)).toThrow(/ReferenceGrant has no "from" entry; call addFrom\(\)[\s\S]*no "to" entry/);
  });

  test('bad names are rejected by the factories', () => {
    expect(() => ReferenceGrantFrom.httpRoutes('Bad_NS')).toThrow(/ReferenceGrantFrom: namespace "Bad_NS" must be a lowercase RFC 1123 label/);
    expect(() => ReferenceGrantTo.services('UPPER')).toThrow(/ReferenceGrantTo: name "UPPER" must be a lowercase RFC 1123 subdomain/);
  });

  test('more than 16 entries are rejected', () => {
    const chart = Testing.chart();
    const grant = new ReferenceGrant(chart, 'Grant');
    for (let i = 0; i < 16; i++) grant.addFrom(ReferenceGrantFrom.httpRoutes(`ns${i}`));
    expect(() => grant.addFrom(ReferenceGrantFrom.httpRoutes('ns16'))).toThrow(/ReferenceGrant test\/Grant: spec.from already has 16 entries/);
  });
});
