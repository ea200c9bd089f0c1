import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Backend } from '../../../src/core/backend';
import { Gateway } from '../../../src/gateway/gateway';
import { AuthenticationFilter, BasicAuthSecret } from '../../../src/profiles/nginx-gateway-fabric';
import { HttpFilter } from '../../../src/routes/http-filter';
import { HttpRoute } from '../../../src/routes/http-route';

function chart(namespace = 'shop'): Chart {
  return new Chart(Testing.app(), `test-${namespace}`, { namespace });
}

describe('AuthenticationFilter', () => {
  test('kitchen sink: a Basic filter referenced from an HTTPRoute rule renders and passes the CRDs', () => {
    const c = chart();
    const secret = new kplus.Secret(c, 'Users', { metadata: { name: 'basic-auth' }, type: 'nginx.org/htpasswd', stringData: { auth: 'user:{PLAIN}pass' } });
    const filter = new AuthenticationFilter(c, 'Auth', {
      metadata: { name: 'private' },
      basic: { secret: BasicAuthSecret.fromSecret(secret), realm: 'Authentication Required - shop' },
    });
    const edge = Gateway.fromGatewayName(c, 'Edge', 'edge');
    new HttpRoute(c, 'Route', {
      metadata: { name: 'web' },
      parents: [edge],
      rules: [{ filters: [HttpFilter.extension(filter)], backends: [Backend.fromServiceName('web', 80)] }],
    });
    expect(filter.filterNamespace).toBe('shop');
    expect(filter.toFilterExtensionReference()).toStrictEqual({ group: 'gateway.nginx.org', kind: 'AuthenticationFilter', name: 'private' });
    expect(filter.realm).toBe('Authentication Required - shop');
    expect(filter.secret.secretName).toBe('basic-auth');
    const out = Testing.synth(c);
    expect(out.filter(o => o.kind === 'AuthenticationFilter')).toStrictEqual([{
      apiVersion: 'gateway.nginx.org/v1alpha1',
      kind: 'AuthenticationFilter',
      metadata: { name: 'private', namespace: 'shop' },
      spec: { type: 'Basic', basic: { secretRef: { name: 'basic-auth' }, realm: 'Authentication Required - shop' } },
    }]);
    expect(out.find(o => o.kind === 'HTTPRoute')!.spec.rules[0].filters).toStrictEqual([
      { type: 'ExtensionRef', extensionRef: { group: 'gateway.nginx.org', kind: 'AuthenticationFilter', name: 'private' } },
    ]);
  });

  test('the realm defaults to ingress-nginx\'s empty realm; a Secret by name', () => {
    const c = chart();
    new AuthenticationFilter(c, 'Auth', { metadata: { name: 'auth' }, basic: { secret: BasicAuthSecret.fromSecretName('users') } });
    expect(Testing.synth(c)[0].spec).toStrictEqual({ type: 'Basic', basic: { secretRef: { name: 'users' }, realm: '' } });
  });

  test('the Secret must be in the filter\'s namespace', () => {
    const c = chart('shop');
    const other = chart('auth');
    const secret = new kplus.Secret(other, 'Users', { metadata: { name: 'users' } });
    expect(() => new AuthenticationFilter(c, 'Auth', { basic: { secret: BasicAuthSecret.fromSecret(secret) } }))
      .toThrow(/AuthenticationFilter test-shop\/Auth: spec.basic.secretRef: Secret "users" is in namespace "auth", but the filter reads Secrets of its own namespace "shop"; create the Secret in the filter's namespace/);
    const noNs = new Chart(Testing.app(), 'nons');
    expect(() => new AuthenticationFilter(noNs, 'Auth', { basic: { secret: BasicAuthSecret.fromSecret(secret) } }))
      .toThrow(/AuthenticationFilter nons\/Auth: spec.basic.secretRef: Secret "users" is in namespace "auth", but the filter reads Secrets of its own namespace \(none set\)/);
    const imported = kplus.Secret.fromSecretName(c, 'Imported', 'users');
    expect(new AuthenticationFilter(c, 'Ok', { basic: { secret: BasicAuthSecret.fromSecret(imported) } }).secret.secretNamespace).toBeUndefined();
  });

  test('realms nginx cannot take are eager errors', () => {
    const c = chart();
    const secret = BasicAuthSecret.fromSecretName('users');
    ['say "hi"', 'back\\slash', 'cost $5', 'line\nbreak'].forEach((realm, i) => {
      expect(() => new AuthenticationFilter(c, `R${i}`, { basic: { secret, realm } }))
        .toThrow(/AuthenticationFilter test-shop\/R\d+: spec.basic.realm: ".*" cannot contain ", \\, \$ or control characters: NGINX Gateway Fabric writes it unescaped into auth_basic "<realm>"/);
    });
    expect(() => new AuthenticationFilter(c, 'Off', { basic: { secret, realm: 'off' } }))
      .toThrow(/AuthenticationFilter test-shop\/Off: spec.basic.realm: "off" turns nginx's basic authentication off \(auth_basic off\); choose another realm/);
  });

  test('a route in another namespace cannot reference the filter', () => {
    const c = chart('shop');
    const filter = new AuthenticationFilter(c, 'Auth', { metadata: { name: 'auth' }, basic: { secret: BasicAuthSecret.fromSecretName('users') } });
    const route = new HttpRoute(c, 'Route', { metadata: { name: 'web', namespace: 'other' }, parents: [Gateway.fromGatewayName(c, 'Edge', 'edge')] });
    expect(() => route.addRule({ filters: [HttpFilter.extension(filter)], backends: [Backend.fromServiceName('web', 80)] }))
      .toThrow(/HTTPRoute test-shop\/Route: spec.rules\[0\].filters: the ExtensionRef filter AuthenticationFilter "auth" is in namespace "shop", not the route's namespace "other"/);
  });

  test('BasicAuthSecret checks the name', () => {
    expect(() => BasicAuthSecret.fromSecretName('Users')).toThrow(/BasicAuthSecret.fromSecretName: name "Users" must be a lowercase RFC 1123 subdomain/);
    expect(() => BasicAuthSecret.fromSecret({ name: 'bad_name' })).toThrow(/BasicAuthSecret.fromSecret: name "bad_name"/);
    expect(BasicAuthSecret.fromSecret({ name: 'users', metadata: { namespace: 'shop' } }).secretNamespace).toBe('shop');
  });
});
