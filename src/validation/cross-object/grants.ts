import { Code } from './codes';
import { arr, describe, Entry, GATEWAY_GROUP, isObject, ObjectIndex, sameNamespace, str, strOrEmpty } from './object-index';
import { ROUTE_KINDS } from './parents';

/*
 * ReferenceGrant (GEP-709): every reference to an object in another namespace needs a grant in
 * the target namespace naming the referring kind and namespace, except a route's parentRefs
 * (governed by the listener's allowedRoutes) and a ListenerSet's parentRef (allowedListeners).
 * Grants are not inherited between a Gateway and its ListenerSets.
 */

interface Grant {
  readonly from: ReadonlyArray<{ readonly group: string; readonly kind: string; readonly namespace: string }>;
  readonly to: ReadonlyArray<{ readonly group: string; readonly kind: string; readonly name?: string }>;
}

/** A cross-namespace-capable reference found in an object. */
interface Reference {
  readonly path: string;
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** What it is, for messages. */
  readonly what: string;
}

/**
 * Reports references to other namespaces that no ReferenceGrant of the input allows.
 * @internal
 */
export function checkReferenceGrants(ix: ObjectIndex): void {
  const grants = new Map<string, Grant[]>();
  for (const g of ix.ofKind('ReferenceGrant')) {
    if (g.namespace === undefined) continue;
    const list = grants.get(g.namespace) ?? [];
    list.push({
      from: arr(g.spec.from).filter(isObject).map(f => ({ group: strOrEmpty(f.group) ?? '', kind: String(f.kind), namespace: String(f.namespace) })),
      to: arr(g.spec.to).filter(isObject).map(t => ({ group: strOrEmpty(t.group) ?? '', kind: String(t.kind), name: str(t.name) })),
    });
    grants.set(g.namespace, list);
  }

  const check = (source: Entry, refs: Reference[]): void => {
    for (const ref of refs) {
      if (sameNamespace(source.namespace, ref.namespace) !== false) continue; // same, or unknown until applied
      const allowed = (grants.get(ref.namespace) ?? []).some(g =>
        g.from.some(f => f.group === source.group && f.kind === source.kind && f.namespace === source.namespace)
        && g.to.some(t => t.group === ref.group && t.kind === ref.kind && (t.name === undefined || t.name === ref.name)));
      if (allowed || ix.hasAmbiguousKindIn(GATEWAY_GROUP, 'ReferenceGrant', ref.namespace)) continue;
      ix.report(source, ref.path, Code.REFERENCE_NOT_GRANTED, 'error',
        `${ref.what} ${describe(ref.kind, ref.namespace, ref.name)} is in another namespace, and no ReferenceGrant in namespace "${ref.namespace}" allows ${source.kind} from namespace "${source.namespace}" to refer to it`);
    }
  };

  for (const kind of ROUTE_KINDS) {
    for (const route of ix.ofKind(kind)) check(route, routeReferences(route));
  }
  for (const kind of ['Gateway', 'ListenerSet']) {
    for (const owner of ix.ofKind(kind)) check(owner, listenerReferences(owner));
  }
}

function objectRef(v: unknown, path: string, defaultKind: string, what: string): Reference[] {
  if (!isObject(v)) return [];
  const name = str(v.name);
  const namespace = str(v.namespace);
  if (name === undefined || namespace === undefined) return [];
  return [{ path, group: strOrEmpty(v.group) ?? '', kind: str(v.kind) ?? defaultKind, name, namespace, what }];
}

/** Backends of a route: rule backendRefs and the backends of mirror and external-auth filters. */
function routeReferences(route: Entry): Reference[] {
  const refs: Reference[] = [];
  const filters = (list: unknown, path: string): void => {
    arr(list).forEach((f, k) => {
      if (!isObject(f)) return;
      const fp = `${path}[${k}]`;
      if (isObject(f.requestMirror)) refs.push(...objectRef(f.requestMirror.backendRef, `${fp}.requestMirror.backendRef`, 'Service', 'mirror backend'));
      if (isObject(f.externalAuth)) refs.push(...objectRef(f.externalAuth.backendRef, `${fp}.externalAuth.backendRef`, 'Service', 'external auth backend'));
    });
  };
  arr(route.spec.rules).forEach((rule, i) => {
    if (!isObject(rule)) return;
    const rp = `spec.rules[${i}]`;
    arr(rule.backendRefs).forEach((b, j) => {
      refs.push(...objectRef(b, `${rp}.backendRefs[${j}]`, 'Service', 'backend'));
      if (isObject(b)) filters(b.filters, `${rp}.backendRefs[${j}].filters`);
    });
    filters(rule.filters, `${rp}.filters`);
  });
  return refs;
}

/** Certificates and CA bundles of a Gateway or ListenerSet. */
function listenerReferences(owner: Entry): Reference[] {
  const refs: Reference[] = [];
  arr(owner.spec.listeners).forEach((l, i) => {
    if (!isObject(l) || !isObject(l.tls)) return;
    arr(l.tls.certificateRefs).forEach((c, j) =>
      refs.push(...objectRef(c, `spec.listeners[${i}].tls.certificateRefs[${j}]`, 'Secret', 'certificate')));
  });
  const tls = owner.kind === 'Gateway' && isObject(owner.spec.tls) ? owner.spec.tls : undefined;
  if (tls) {
    if (isObject(tls.backend)) {
      refs.push(...objectRef(tls.backend.clientCertificateRef, 'spec.tls.backend.clientCertificateRef', 'Secret', 'backend client certificate'));
    }
    const frontend = isObject(tls.frontend) ? tls.frontend : {};
    const cas = (validation: unknown, path: string): void => {
      if (!isObject(validation)) return;
      arr(validation.caCertificateRefs).forEach((c, j) =>
        refs.push(...objectRef(c, `${path}.caCertificateRefs[${j}]`, 'ConfigMap', 'CA certificate')));
    };
    if (isObject(frontend.default)) cas(frontend.default.validation, 'spec.tls.frontend.default.validation');
    arr(frontend.perPort).forEach((p, k) => {
      if (isObject(p) && isObject(p.tls)) cas(p.tls.validation, `spec.tls.frontend.perPort[${k}].tls.validation`);
    });
  }
  return refs;
}
