import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing, Yaml } from 'cdk8s';
import * as YAML from 'yaml';
import { ImplementationProfile, IngressCompat, NoticeStatus } from '../../src';

const INPUT = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'migrate-ingress', 'ingresses.yaml'), 'utf8');
const PREFIX = 'nginx.ingress.kubernetes.io/';

function migrate(manifests: string, profile = ImplementationProfile.envoyGateway()) {
  const app = Testing.app();
  const chart = new Chart(app, 'migrated');
  const compat = IngressCompat.fromManifests(chart, 'Compat', { manifests, sourceName: 'ingresses.yaml', profile, printNotices: false });
  return { chart, compat, objects: Testing.synth(chart) };
}

describe('IngressCompat', () => {
  test('every nginx annotation of every Ingress ends in exactly one notice', () => {
    const { compat } = migrate(INPUT);
    const docs = YAML.parseAllDocuments(INPUT).map(d => d.toJS()).filter((o: any) => o?.kind === 'Ingress');
    const expected = docs.flatMap((o: any) => Object.keys(o.metadata.annotations ?? {}).filter(k => k.startsWith(PREFIX))
      .map(k => `${o.metadata.namespace}/${o.metadata.name} ${k}`)).sort();
    const got = compat.notices.filter(n => n.annotation !== undefined).map(n => `${n.ingress} ${n.annotation}`).sort();
    expect(got).toStrictEqual(expected);
  });

  test('notices say what happened, with the status ingress-nginx semantics give', () => {
    const { compat } = migrate(INPUT);
    const find = (ingress: string, key: string) => compat.notices.find(n => n.ingress === ingress && n.annotation === `${PREFIX}${key}`)!;
    expect(find('shop/shop-api', 'rewrite-target')).toStrictEqual({
      ingress: 'shop/shop-api',
      annotation: `${PREFIX}rewrite-target`,
      status: NoticeStatus.TRANSLATED,
      message: '/$2 with capture groups (Envoy Gateway HTTPRouteFilter ReplaceRegexMatch, substitution /\\2)',
    });
    expect(find('shop/shop-api', 'limit-rps')).toMatchObject({ status: NoticeStatus.APPROXIMATE, message: expect.stringMatching(/no burst multiplier/) });
    expect(find('shop/shop-api', 'whitelist-source-range').status).toBe(NoticeStatus.TRANSLATED);
    expect(find('shop/admin', 'configuration-snippet')).toMatchObject({ status: NoticeStatus.UNSUPPORTED, message: expect.stringMatching(/ignores this whole Ingress/) });
    expect(find('shop/docs', 'proxy-bodysize')).toMatchObject({ status: NoticeStatus.UNSUPPORTED, message: expect.stringMatching(/did you mean `nginx.ingress.kubernetes.io\/proxy-body-size`\?/) });
    expect(find('shop/shop-canary', 'canary-weight').status).toBe(NoticeStatus.TRANSLATED);
  });

  test('the common rewrite idiom becomes a prefix rewrite; a canary pair becomes header, then weight', () => {
    const { objects } = migrate(INPUT, ImplementationProfile.standard());
    const route = (name: string) => objects.find(o => o.kind === 'HTTPRoute' && o.metadata.name === name)!;
    const hsts = { type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' }] } };
    expect(route('shop-api-shop-example-com').spec.rules).toStrictEqual([{
      matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
      filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }, hsts],
      backendRefs: [{ name: 'api', port: 8080 }],
    }]);
    const shop = route('shop-shop-example-com').spec.rules;
    expect(shop.map((r: any) => [r.matches[0].path, r.matches[0].headers, r.backendRefs])).toStrictEqual([
      [{ type: 'RegularExpression', value: '(?i)/checkout.*' }, undefined, [{ name: 'checkout', port: 8081 }]],
      [{ type: 'RegularExpression', value: '(?i)/.*' }, [{ name: 'X-Canary', type: 'Exact', value: 'always' }], [{ name: 'web-v2', port: 80 }]],
      [{ type: 'RegularExpression', value: '(?i)/.*' }, [{ name: 'X-Canary', type: 'Exact', value: 'never' }], [{ name: 'web', port: 80 }]],
      [{ type: 'RegularExpression', value: '(?i)/.*' }, undefined, [{ name: 'web', port: 80, weight: 90 }, { name: 'web-v2', port: 80, weight: 10 }]],
    ]);
    expect(route('shop-shop-example-com-https-redirect').spec.rules[0].filters).toStrictEqual([{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 308 } }]);
    expect(objects.filter(o => !o.apiVersion.startsWith('gateway.networking.k8s.io/'))).toStrictEqual([]);
  });

  test('the same documents in another order give byte-identical output', () => {
    const docs = INPUT.split(/^---\n/m);
    const shuffled = [docs[3], docs[5], docs[0], docs[2], docs[6], docs[1], docs[4]].join('---\n');
    const a = Yaml.stringify(...migrate(INPUT).objects);
    const b = Yaml.stringify(...migrate(shuffled).objects);
    expect(b).toBe(a);
    expect(migrate(shuffled).compat.notices).toStrictEqual(migrate(INPUT).compat.notices);
  });

  test('strict mode fails synth with every notice that is not translated', () => {
    const app = new App();
    const chart = new Chart(app, 'migrated');
    IngressCompat.fromManifests(chart, 'Compat', { manifests: INPUT, strict: true, printNotices: false });
    expect(() => Testing.synth(chart)).toThrow(/strict: shop\/docs nginx.ingress.kubernetes.io\/proxy-bodysize: unsupported: /);
  });
});
