import { readCompatManifests } from '../../src/compat/parse/read-manifests';

const V1_INGRESS = `# the shop
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: web
  creationTimestamp: "2024-01-02T03:04:05Z"
  annotations:
    nginx.ingress.kubernetes.io/use-regex: "true"
    nginx.ingress.kubernetes.io/enable-cors: "true"
    kubernetes.io/tls-acme: "true"
spec:
  ingressClassName: nginx
  defaultBackend:
    service:
      name: fallback
      port:
        name: http
  tls:
    - hosts: [shop.example.com]
      secretName: shop-tls
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /api
            pathType: Prefix
            backend:
              service:
                name: api
                port:
                  number: 8080
          - backend:
              service:
                name: web
                port:
                  name: http
    - http:
        paths:
          - path: /exact
            pathType: Exact
            backend:
              resource:
                apiGroup: k8s.example.com
                kind: Bucket
                name: assets
`;

describe('readCompatManifests: Ingress networking.k8s.io/v1', () => {
  test('normalises the Ingress: paths, pathType, backends, class, sorted nginx annotations', () => {
    const { parsed, notices } = readCompatManifests({ text: V1_INGRESS, sourceName: 'shop.yaml' });
    expect(notices).toStrictEqual([]);
    expect(parsed.ingresses).toHaveLength(1);
    const ing = parsed.ingresses[0];
    expect({ ...ing, nginx: [...ing.nginx.entries()] }).toStrictEqual({
      id: 'web/shop',
      namespace: 'web',
      name: 'shop',
      creationTimestamp: '2024-01-02T03:04:05Z',
      ingressClassName: 'nginx',
      nginx: [['enable-cors', 'true'], ['use-regex', 'true']],
      rules: [
        {
          host: 'shop.example.com',
          paths: [
            { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: 8080 } } },
            { path: '/', pathType: 'ImplementationSpecific', backend: { service: { name: 'web', portName: 'http' } } },
          ],
        },
        {
          paths: [
            { path: '/exact', pathType: 'Exact', backend: { resource: { apiGroup: 'k8s.example.com', kind: 'Bucket', name: 'assets' } } },
          ],
        },
      ],
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
      defaultBackend: { service: { name: 'fallback', portName: 'http' } },
      source: 'shop.yaml:3',
      inputIndex: 0,
    });
    expect(parsed.services).toStrictEqual([]);
    expect(parsed.ingressClasses).toStrictEqual([]);
  });

  test('namespace defaults to default; class falls back to the kubernetes.io/ingress.class annotation', () => {
    const { parsed } = readCompatManifests({
      objects: [{
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'a', annotations: { 'kubernetes.io/ingress.class': 'internal' } },
        spec: { rules: [{ host: 'a.example.com' }] },
      }],
    });
    const ing = parsed.ingresses[0];
    expect([ing.id, ing.namespace, ing.ingressClassName, ing.source, ing.rules]).toStrictEqual(
      ['default/a', 'default', 'internal', 'objects[0]', [{ host: 'a.example.com', paths: [] }]]);
    expect(ing.creationTimestamp).toBeUndefined();
  });

  test('spec.ingressClassName wins over the annotation', () => {
    const { parsed } = readCompatManifests({
      objects: [{
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'a', annotations: { 'kubernetes.io/ingress.class': 'internal' } },
        spec: { ingressClassName: 'nginx' },
      }],
    });
    expect(parsed.ingresses[0].ingressClassName).toBe('nginx');
  });
});

describe('readCompatManifests: legacy v1beta1 Ingresses', () => {
  test.each(['networking.k8s.io/v1beta1', 'extensions/v1beta1'])('%s: serviceName/servicePort (number or name) and spec.backend', apiVersion => {
    const { parsed, notices } = readCompatManifests({
      objects: [{
        apiVersion,
        kind: 'Ingress',
        metadata: { name: 'old', namespace: 'legacy' },
        spec: {
          backend: { serviceName: 'default-svc', servicePort: 80 },
          rules: [{
            host: 'old.example.com',
            http: { paths: [{ path: '/a', backend: { serviceName: 'a', servicePort: 'http' } }, { path: '', backend: { serviceName: 'b', servicePort: 9000 } }] },
          }],
        },
      }],
    });
    expect(notices).toStrictEqual([]);
    const ing = parsed.ingresses[0];
    expect(ing.defaultBackend).toStrictEqual({ service: { name: 'default-svc', port: 80 } });
    expect(ing.rules).toStrictEqual([{
      host: 'old.example.com',
      paths: [
        { path: '/a', pathType: 'ImplementationSpecific', backend: { service: { name: 'a', portName: 'http' } } },
        { path: '/', pathType: 'ImplementationSpecific', backend: { service: { name: 'b', port: 9000 } } },
      ],
    }]);
  });
});

describe('readCompatManifests: text reading', () => {
  test('List and *List kinds are expanded; each item gets its own line as source', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- apiVersion: networking.k8s.io/v1',
      '  kind: Ingress',
      '  metadata: {name: one}',
      '- apiVersion: networking.k8s.io/v1',
      '  kind: Ingress',
      '  metadata: {name: two}',
      '---',
      'apiVersion: networking.k8s.io/v1',
      'kind: IngressList',
      'items:',
      '- metadata: {name: three, namespace: x}',
      '',
    ].join('\n');
    const { parsed, notices } = readCompatManifests({ text, sourceName: 'list.yaml' });
    expect(notices).toStrictEqual([]);
    expect(parsed.ingresses.map(i => [i.id, i.source, i.inputIndex])).toStrictEqual([
      ['default/one', 'list.yaml:4', 0],
      ['default/two', 'list.yaml:7', 1],
      ['x/three', 'list.yaml:14', 2],
    ]);
  });

  test('a JSON stream is read too; empty documents are skipped; default source name is manifests', () => {
    const text = '{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"j"}}\n{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"ports":[{"port":80}]}}';
    const { parsed } = readCompatManifests({ text });
    expect(parsed.ingresses.map(i => i.source)).toStrictEqual(['manifests:1']);
    expect(parsed.services).toStrictEqual([{ namespace: 'default', name: 's', ports: [{ port: 80 }] }]);
  });

  test('objects are read after the text, and their lists are expanded', () => {
    const { parsed } = readCompatManifests({
      text: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: t}\n',
      objects: [{ kind: 'List', apiVersion: 'v1', items: [{ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'o' } }] }],
    });
    expect(parsed.ingresses.map(i => [i.id, i.source, i.inputIndex])).toStrictEqual([
      ['default/t', 'manifests:1', 0],
      ['default/o', 'objects[0].items[0]', 1],
    ]);
  });

  test('a YAML syntax error throws with file:line:column and the reason', () => {
    const text = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: a: b\n';
    expect(() => readCompatManifests({ text, sourceName: 'bad.yaml' })).toThrow(/^bad\.yaml:4:10: bad indentation of a mapping entry \(the manifests cannot be read/);
    expect(() => readCompatManifests({ text: '{"kind": "Ingress"} {"b": }', sourceName: 'bad.json' })).toThrow(/^bad\.json:1:27: expected a value, unexpected "}"/);
  });

  test('a bad document separator throws with its position', () => {
    expect(() => readCompatManifests({ text: 'a: 1\n--- b: 2\n', sourceName: 'sep.yaml' })).toThrow(/^sep\.yaml:2:1: invalid Yaml document separator: b: 2/);
  });
});

describe('readCompatManifests: IngressClass and Service', () => {
  test('IngressClass: controller and the default-class annotation (exactly "true")', () => {
    const { parsed, notices } = readCompatManifests({
      objects: [
        { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }, spec: { controller: 'k8s.io/ingress-nginx' } },
        { apiVersion: 'networking.k8s.io/v1beta1', kind: 'IngressClass', metadata: { name: 'alb', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'True' } }, spec: { controller: 'ingress.k8s.aws/alb' } },
      ],
    });
    expect(notices).toStrictEqual([]);
    expect(parsed.ingressClasses).toStrictEqual([
      { name: 'alb', controller: 'ingress.k8s.aws/alb', isDefault: false },
      { name: 'nginx', controller: 'k8s.io/ingress-nginx', isDefault: true },
    ]);
  });

  test('Service: ports with name, port and appProtocol; sorted by namespace/name', () => {
    const { parsed } = readCompatManifests({
      objects: [
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'b' }, spec: { ports: [{ name: 'http', port: 80, targetPort: 8080, appProtocol: 'kubernetes.io/h2c' }, { port: 443, protocol: 'TCP' }] } },
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'a' }, spec: { ports: [{ name: 'grpc', port: 9090 }] } },
      ],
    });
    expect(parsed.services).toStrictEqual([
      { namespace: 'a', name: 'api', ports: [{ name: 'grpc', port: 9090 }] },
      { namespace: 'b', name: 'web', ports: [{ name: 'http', port: 80, appProtocol: 'kubernetes.io/h2c' }, { port: 443 }] },
    ]);
  });
});

describe('readCompatManifests: everything else is reported, never dropped silently', () => {
  test('other kinds get one unsupported notice each; a ConfigMap is pointed at controllerConfig', () => {
    const text = [
      'apiVersion: v1\nkind: Secret\nmetadata: {name: tls, namespace: web}',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ingress-nginx-controller, namespace: ingress-nginx}\ndata: {ssl-redirect: "false"}',
      'apiVersion: networking.k8s.io/v2\nkind: Ingress\nmetadata: {name: future}',
    ].join('\n---\n');
    const { parsed, notices } = readCompatManifests({ text, sourceName: 'in.yaml' });
    expect(parsed.ingresses).toStrictEqual([]);
    expect(notices.map(n => [n.ingress, n.status, n.annotation])).toStrictEqual([
      ['in.yaml:1', 'unsupported', undefined],
      ['in.yaml:5', 'unsupported', undefined],
      ['in.yaml:10', 'unsupported', undefined],
    ]);
    expect(notices[0].message).toMatch(/^ignored: kind Secret is not read by IngressCompat \(Secret web\/tls at in\.yaml:1\)$/);
    expect(notices[1].message).toMatch(/^ignored: kind ConfigMap .*pass it as the controllerConfig option$/);
    expect(notices[2].message).toMatch(/^ignored: kind Ingress .*apiVersion "networking\.k8s\.io\/v2" is not read \(it reads networking\.k8s\.io\/v1, networking\.k8s\.io\/v1beta1, extensions\/v1beta1\)$/);
  });

  test('the same namespace/name twice: the later one is read, with a notice', () => {
    const ing = (path: string) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'dup' }, spec: { rules: [{ http: { paths: [{ path, pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } }] } }] } });
    const { parsed, notices } = readCompatManifests({ objects: [ing('/first'), ing('/second')] });
    expect(parsed.ingresses.map(i => [i.id, i.rules[0].paths[0].path, i.source])).toStrictEqual([['default/dup', '/second', 'objects[1]']]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ ingress: 'default/dup', status: 'invalid' });
    expect(notices[0].message).toMatch(/^Ingress is defined twice \(objects\[0\] and objects\[1\]\): the later one is read/);
  });
});
