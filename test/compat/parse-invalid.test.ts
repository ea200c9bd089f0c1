import { readCompatManifests } from '../../src/compat/parse/read-manifests';

const svc = (name: string, port: unknown = { number: 80 }) => ({ service: { name, port } });
const path = (p: string, backend: unknown, pathType: unknown = 'Prefix') => ({ path: p, pathType, backend });
const ingress = (spec: unknown, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop', ...extra }, spec,
});

/** Reads one object; returns the paths kept (host → paths) and the notices as [ingress, status, message]. */
function read(obj: unknown) {
  const { parsed, notices } = readCompatManifests({ objects: [obj] });
  return { parsed, notices: notices.map(n => [n.ingress, n.status, n.message] as const) };
}

describe('bad Ingresses are notices naming the Ingress, the field and the value; the rest is kept', () => {
  test('an Ingress that is not an object', () => {
    const { parsed, notices } = readCompatManifests({ objects: ['kind: Ingress', ingress({})] });
    expect(parsed.ingresses.map(i => i.id)).toStrictEqual(['shop/web']);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ ingress: 'objects[0]', status: 'invalid' });
    expect(notices[0].message).toMatch(/^objects\[0\]: a manifest object must be a mapping, not a string \("kind: Ingress"\); it is skipped$/);
  });

  test('an Ingress without metadata.name is skipped, named by its position', () => {
    const { parsed, notices } = read({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { namespace: 'x' } });
    expect(parsed.ingresses).toStrictEqual([]);
    expect(notices).toHaveLength(1);
    expect(notices[0][0]).toBe('objects[0]');
    expect(notices[0][2]).toMatch(/^Ingress at objects\[0\]: metadata\.name missing must be a non-empty string; the Ingress is skipped$/);
  });

  test('a path without backend, a service without name, a bad port, an unknown pathType: only those paths are skipped', () => {
    const { parsed, notices } = read(ingress({
      rules: [{
        host: 'shop.example.com',
        http: {
          paths: [
            path('/no-backend', undefined),
            path('/no-name', { service: { port: { number: 80 } } }),
            path('/bad-port', svc('api', { number: 70000 })),
            path('/port-object', svc('api', 'http')),
            path('/bad-port-name', svc('api', { name: 'HTTP_PORT' })),
            path('/regex', svc('api'), 'Regex'),
            path('/both', svc('api', { number: 80, name: 'http' })),
            path('/ok', svc('api')),
          ],
        },
      }],
    }));
    expect(parsed.ingresses[0].rules).toStrictEqual([{
      host: 'shop.example.com',
      paths: [{ path: '/ok', pathType: 'Prefix', backend: { service: { name: 'api', port: 80 } } }],
    }]);
    expect(notices.map(n => n[0])).toStrictEqual(Array(7).fill('shop/web'));
    expect(notices.map(n => n[1])).toStrictEqual(Array(7).fill('invalid'));
    const at = 'spec\\.rules\\[0\\]\\.http\\.paths';
    expect(notices[0][2]).toMatch(new RegExp(`^${at}\\[0\\]\\.backend is missing: a path needs a backend; the path "/no-backend" is skipped \\(objects\\[0\\]\\)$`));
    expect(notices[1][2]).toMatch(new RegExp(`^${at}\\[1\\]\\.backend\\.service\\.name is missing: a service backend needs the name of a Service; the path "/no-name" is skipped`));
    expect(notices[2][2]).toMatch(new RegExp(`^${at}\\[2\\]\\.backend\\.service\\.port\\.number 70000 is not a port number \\(an integer in 1-65535\\); the path "/bad-port" is skipped`));
    expect(notices[3][2]).toMatch(new RegExp(`^${at}\\[3\\]\\.backend\\.service\\.port must be a mapping with number or name, not a string \\("http"\\)`));
    expect(notices[4][2]).toMatch(new RegExp(`^${at}\\[4\\]\\.backend\\.service\\.port\\.name "HTTP_PORT" is not a port name \\(IANA_SVC_NAME`));
    expect(notices[5][2]).toMatch(new RegExp(`^${at}\\[5\\]\\.pathType "Regex" is not one of Exact, Prefix, ImplementationSpecific; the path "/regex" is skipped`));
    expect(notices[6][2]).toMatch(new RegExp(`^${at}\\[6\\]\\.backend\\.service\\.port sets both number 80 and name "http": set only one`));
  });

  test('legacy servicePort: a quoted number is a name, and is refused with the fix', () => {
    const { parsed, notices } = read({
      apiVersion: 'extensions/v1beta1',
      kind: 'Ingress',
      metadata: { name: 'old' },
      spec: { rules: [{ http: { paths: [{ path: '/a', backend: { serviceName: 'a', servicePort: '80' } }, { path: '/b', backend: { serviceName: 'b', servicePort: 1.5 } }] } }] },
    });
    expect(parsed.ingresses[0].rules).toStrictEqual([{ paths: [] }]);
    expect(notices[0][2]).toMatch(/^spec\.rules\[0\]\.http\.paths\[0\]\.backend\.servicePort "80" is neither a port number nor a port name: a quoted number is a port name in Kubernetes \(IntOrString\); write 80 without quotes; the path "\/a" is skipped/);
    expect(notices[1][2]).toMatch(/^spec\.rules\[0\]\.http\.paths\[1\]\.backend\.servicePort 1\.5 is neither a port number \(1-65535\) nor a port name/);
  });

  test('a v1 backend written with v1beta1 fields says which fields v1 uses', () => {
    const { notices } = read(ingress({ rules: [{ http: { paths: [path('/', { serviceName: 'a', servicePort: 80 })] } }] }));
    expect(notices[0][2]).toMatch(/backend has neither a service nor a resource: serviceName\/servicePort are v1beta1 fields; networking\.k8s\.io\/v1 uses service\.name and service\.port/);
  });

  test('rules and paths that are not lists: the rules (or the rule) are skipped, the rest kept', () => {
    const notList = read(ingress({ rules: { host: 'a' }, tls: [{ hosts: ['a.example.com'], secretName: 'a' }] }));
    expect(notList.parsed.ingresses[0].rules).toStrictEqual([]);
    expect(notList.parsed.ingresses[0].tls).toStrictEqual([{ hosts: ['a.example.com'], secretName: 'a' }]);
    expect(notList.notices).toStrictEqual([['shop/web', 'invalid', 'spec.rules must be a list, not a mapping ({"host":"a"}); the Ingress has no rules (objects[0])']]);

    const paths = read(ingress({ rules: [{ host: 'a.example.com', http: { paths: 'all' } }, { host: 'b.example.com', http: { paths: [path('/', svc('b'))] } }] }));
    expect(paths.parsed.ingresses[0].rules.map(r => r.host)).toStrictEqual(['b.example.com']);
    expect(paths.notices).toStrictEqual([['shop/web', 'invalid', 'spec.rules[0].http.paths must be a list, not a string ("all"); the rule is skipped (objects[0])']]);
  });

  test('a bad host, a relative path, a rule that is not a mapping', () => {
    const { parsed, notices } = read(ingress({
      rules: ['x', { host: 'Shop.Example.com' }, { host: '10.0.0.1' }, { host: 'ok.example.com', http: { paths: [path('api', svc('a'))] } }],
    }));
    expect(parsed.ingresses[0].rules).toStrictEqual([{ host: 'ok.example.com', paths: [] }]);
    expect(notices.map(n => n[2])).toStrictEqual([
      'spec.rules[0] must be a mapping, not a string ("x"); the rule is skipped (objects[0])',
      'spec.rules[1].host "Shop.Example.com" is not a DNS-1123 subdomain (lowercase letters, digits, \'-\' and \'.\', optionally starting with \'*.\'); the rule is skipped (objects[0])',
      'spec.rules[2].host "10.0.0.1" must be a DNS name, not an IP address; the rule is skipped (objects[0])',
      'spec.rules[3].http.paths[0].path "api" must be an absolute path (start with \'/\'); the path is skipped (objects[0])',
    ]);
  });

  test('a broken default backend is dropped, the rules kept', () => {
    const { parsed, notices } = read(ingress({ defaultBackend: { service: { name: 'x' } }, rules: [{ host: 'a.example.com' }] }));
    expect(parsed.ingresses[0].defaultBackend).toBeUndefined();
    expect(parsed.ingresses[0].rules).toStrictEqual([{ host: 'a.example.com', paths: [] }]);
    expect(notices[0][2]).toMatch(/^spec\.defaultBackend\.service\.port is missing: set port\.number or port\.name; the Ingress has no default backend/);
  });

  test('spec.backend on a v1 Ingress is reported as a v1beta1 field', () => {
    const { parsed, notices } = read(ingress({ backend: { serviceName: 'x', servicePort: 80 } }));
    expect(parsed.ingresses[0].defaultBackend).toBeUndefined();
    expect(notices[0][2]).toMatch(/^spec\.backend is not a field of this API version \(use spec\.defaultBackend\); it is ignored/);
  });

  test('annotations that are not strings: the nginx one is reported under its key, the others without', () => {
    const { parsed, notices } = readCompatManifests({
      objects: [ingress({}, { annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': false, 'nginx.ingress.kubernetes.io/proxy-body-size': '8m', 'example.com/x': 1 } })],
    });
    expect([...parsed.ingresses[0].nginx.entries()]).toStrictEqual([['proxy-body-size', '8m']]);
    expect(notices).toStrictEqual([
      { ingress: 'shop/web', annotation: 'nginx.ingress.kubernetes.io/ssl-redirect', status: 'invalid', message: 'annotation nginx.ingress.kubernetes.io/ssl-redirect value false must be a string: quote it ("false"); the annotation is ignored (the API server rejects it) (objects[0])' },
      { ingress: 'shop/web', status: 'invalid', message: 'annotation example.com/x value 1 must be a string: quote it ("1"); the annotation is ignored (the API server rejects it) (objects[0])' },
    ]);
  });

  test('a bad creationTimestamp is ignored with a notice', () => {
    const { parsed, notices } = read(ingress({}, { creationTimestamp: 'yesterday' }));
    expect(parsed.ingresses[0].creationTimestamp).toBeUndefined();
    expect(notices[0][2]).toMatch(/^metadata\.creationTimestamp "yesterday" is not an RFC 3339 time/);
  });

  test('bad TLS entries and hosts are skipped one by one', () => {
    const { parsed, notices } = read(ingress({ tls: [{ hosts: ['a.example.com', 7], secretName: 'a' }, 'b', { hosts: 'c.example.com' }] }));
    expect(parsed.ingresses[0].tls).toStrictEqual([{ hosts: ['a.example.com'], secretName: 'a' }]);
    expect(notices.map(n => n[2])).toStrictEqual([
      'spec.tls[0].hosts[1] 7 must be a host name; it is skipped (objects[0])',
      'spec.tls[1] must be a mapping, not a string ("b"); the entry is skipped (objects[0])',
      'spec.tls[2].hosts must be a list of host names, not a string ("c.example.com"); the entry is skipped (objects[0])',
    ]);
  });

  test('an object without kind, a list with a bad item, a bad Service port, an IngressClass without controller', () => {
    const { parsed, notices } = readCompatManifests({
      objects: [
        { metadata: { name: 'x' } },
        { kind: 'List', apiVersion: 'v1', items: [1] },
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 'http' }, { name: 'ok', port: 81 }] } },
        { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'c' }, spec: {} },
      ],
    });
    expect(parsed.services).toStrictEqual([{ namespace: 'default', name: 's', ports: [{ name: 'ok', port: 81 }] }]);
    expect(parsed.ingressClasses).toStrictEqual([]);
    expect(notices.map(n => [n.ingress, n.status, n.message])).toStrictEqual([
      ['objects[0]', 'invalid', 'objects[0]: an object without kind (kind missing) is not a Kubernetes object; it is skipped'],
      ['objects[1]', 'invalid', 'objects[1]: List: items[0] must be an object, not a number; the list is skipped'],
      ['objects[2]', 'invalid', 'Service default/s (objects[2]): spec.ports[0].port "http" is not a port number (an integer in 1-65535); the port is skipped'],
      ['objects[3]', 'invalid', 'IngressClass c (objects[3]): spec.controller missing must be a non-empty string; the IngressClass is skipped'],
    ]);
  });
});
