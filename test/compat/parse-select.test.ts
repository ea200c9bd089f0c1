import { IngressModel, ParsedInput } from '../../src/compat/model';
import { readCompatManifests } from '../../src/compat/parse/read-manifests';
import { selectIngresses, sortIngresses } from '../../src/compat/parse/select';

function ing(name: string, opts: { ns?: string; cls?: string; annotationClass?: string; created?: string } = {}) {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name,
      namespace: opts.ns ?? 'default',
      ...(opts.created ? { creationTimestamp: opts.created } : {}),
      ...(opts.annotationClass ? { annotations: { 'kubernetes.io/ingress.class': opts.annotationClass } } : {}),
    },
    spec: opts.cls ? { ingressClassName: opts.cls } : {},
  };
}
function ingressClass(name: string, controller: string, isDefault = false) {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name, ...(isDefault ? { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } : {}) },
    spec: { controller },
  };
}
function parse(objects: unknown[]): ParsedInput {
  const { parsed, notices } = readCompatManifests({ objects });
  expect(notices).toStrictEqual([]);
  return parsed;
}
const ids = (list: IngressModel[]) => list.map(i => i.id);

describe('selectIngresses: the classes ingress-nginx serves by default', () => {
  test('class nginx, an IngressClass of controller k8s.io/ingress-nginx, and class-less Ingresses are taken', () => {
    const parsed = parse([
      ing('a', { cls: 'nginx' }),
      ing('b', { cls: 'internal' }),
      ing('c', { annotationClass: 'nginx' }),
      ing('d'),
      ing('e', { cls: 'traefik' }),
      ingressClass('internal', 'k8s.io/ingress-nginx'),
      ingressClass('traefik', 'traefik.io/ingress-controller'),
    ]);
    const { selected, classOf, notices } = selectIngresses(parsed);
    expect(ids(selected)).toStrictEqual(['default/d', 'default/c', 'default/b', 'default/a']);
    expect([...classOf.entries()].sort()).toStrictEqual([
      ['default/a', 'nginx'], ['default/b', 'internal'], ['default/c', 'nginx'], ['default/d', 'nginx'],
    ]);
    expect(notices).toStrictEqual([{
      ingress: 'default/e',
      status: 'unsupported',
      message: 'skipped: ingress class "traefik" is not served by ingress-nginx here (classes taken: "nginx", "internal"); add "traefik" to ingressClasses to include it',
    }]);
  });

  test('an IngressClass nginx of another controller removes nginx from the default set', () => {
    const parsed = parse([ing('a', { cls: 'nginx' }), ingressClass('nginx', 'example.com/other')]);
    const { selected, notices } = selectIngresses(parsed);
    expect(selected).toStrictEqual([]);
    expect(notices[0].message).toMatch(/^skipped: ingress class "nginx" is not served by ingress-nginx here \(classes taken: no class\)/);
  });

  test('class-less Ingresses get the default IngressClass, as the API server gives it', () => {
    const ours = selectIngresses(parse([ing('a'), ingressClass('internal', 'k8s.io/ingress-nginx', true)]));
    expect(ids(ours.selected)).toStrictEqual(['default/a']);
    expect(ours.classOf.get('default/a')).toBe('internal');

    const theirs = selectIngresses(parse([ing('a'), ingressClass('alb', 'ingress.k8s.aws/alb', true)]));
    expect(theirs.selected).toStrictEqual([]);
    expect(theirs.notices[0].message).toMatch(/^skipped: no ingress class, so the API server gives it the default IngressClass "alb", which is not taken \(classes taken: "nginx"\); set spec\.ingressClassName or add the class to ingressClasses/);
  });

  test('watchWithoutClass: false leaves class-less Ingresses out (when no class is the default)', () => {
    const { selected, notices } = selectIngresses(parse([ing('a'), ing('b', { cls: 'nginx' })]), { watchWithoutClass: false });
    expect(ids(selected)).toStrictEqual(['default/b']);
    expect(notices).toStrictEqual([{
      ingress: 'default/a',
      status: 'unsupported',
      message: 'skipped: no ingress class and watchWithoutClass is false (ingress-nginx\'s --watch-ingress-without-class); set spec.ingressClassName: nginx or watchWithoutClass: true to include it',
    }]);
  });

  test('explicit ingressClasses replace the default set', () => {
    const parsed = parse([ing('a', { cls: 'nginx' }), ing('b', { cls: 'public' }), ing('c'), ingressClass('internal', 'k8s.io/ingress-nginx'), ing('d', { cls: 'internal' })]);
    const { selected, classOf, notices } = selectIngresses(parsed, { ingressClasses: ['public'] });
    expect(ids(selected)).toStrictEqual(['default/c', 'default/b']);
    expect(classOf.get('default/c')).toBe('public');
    expect(notices.map(n => n.ingress)).toStrictEqual(['default/a', 'default/d']);
    expect(notices[0].message).toMatch(/classes taken: "public"\); add "nginx" to ingressClasses/);
  });
});

describe('selectIngresses: ingress-nginx order (store.go sortIngressSlice)', () => {
  const objects = [
    ing('b', { ns: 'x', created: '2024-01-01T00:00:00Z' }),
    ing('a', { ns: 'x', created: '2024-01-01T00:00:00Z' }),
    ing('z', { ns: 'a', created: '2024-01-01T00:00:00Z' }),
    ing('old', { ns: 'y', created: '2023-06-01T00:00:00Z' }),
    ing('new', { ns: 'a', created: '2025-01-01T00:00:00+02:00' }),
    ing('none', { ns: 'a' }),
    ing('none2', { ns: 'b' }),
  ];
  const expected = ['b/none2', 'a/none', 'y/old', 'x/b', 'x/a', 'a/z', 'a/new'];

  test('oldest first (no timestamp = oldest), ties by namespace/name descending', () => {
    expect(ids(selectIngresses(parse(objects)).selected)).toStrictEqual(expected);
  });

  test('the same documents shuffled give the same order', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 20; round++) {
      const shuffled = [...objects];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      expect(ids(selectIngresses(parse(shuffled)).selected)).toStrictEqual(expected);
    }
  });

  test('sortIngresses compares instants, not strings', () => {
    const parsed = parse([ing('utc', { created: '2024-01-01T01:00:00Z' }), ing('plus', { created: '2024-01-01T02:30:00+02:00' })]);
    expect(ids(sortIngresses(parsed.ingresses))).toStrictEqual(['default/plus', 'default/utc']);
  });
});
