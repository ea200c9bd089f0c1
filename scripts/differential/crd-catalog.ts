/**
 * The independent validator's CRDs, read from the CRD YAML files at run time with the `yaml`
 * package (not the project's generated `src/validation/data/`).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';

/** An OpenAPI v3 (structural) schema node of a CRD, as written in the YAML. */
export type OpenApi = { readonly [key: string]: any };

/** One served version of one CRD. */
export interface ServedKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly schema: OpenApi;
  /** The status subresource: `status` is dropped on create before validation. */
  readonly statusSubresource: boolean;
}

/** Which CRD sets a document is judged against. */
export type CrdSetName = 'standard' | 'experimental';

/** The served kinds of one set of CRDs, by `group/version/kind`. */
export interface Catalog {
  readonly name: CrdSetName;
  readonly kinds: ReadonlyMap<string, ServedKind>;
  /** Groups whose objects are judged (others are not Gateway API objects and pass). */
  readonly groups: ReadonlySet<string>;
}

/** The shared data folder (../shared beside the project). */
export const SHARED = path.resolve(__dirname, '..', '..', '..', 'shared');
const GATEWAY_API = path.join(SHARED, 'gateway-api', 'v1.6.1');
const IMPLEMENTATIONS = [
  path.join(SHARED, 'implementations', 'envoy-gateway', 'v1.9.0'),
  path.join(SHARED, 'implementations', 'nginx-gateway-fabric', 'v2.6.7'),
];

function crdFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter(f => f.endsWith('.yaml') && !f.startsWith('kustomization') && !f.includes('_vap_'))
    .sort().map(f => path.join(dir, f));
}

function readCrds(file: string): ServedKind[] {
  const out: ServedKind[] = [];
  for (const doc of YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
    const crd = doc.toJS({ maxAliasCount: -1 });
    if (!crd || crd.kind !== 'CustomResourceDefinition') continue;
    for (const v of crd.spec.versions) {
      if (!v.served) continue;
      out.push({
        group: crd.spec.group,
        version: v.name,
        kind: crd.spec.names.kind,
        namespaced: crd.spec.scope === 'Namespaced',
        schema: v.schema.openAPIV3Schema,
        statusSubresource: !!v.subresources?.status,
      });
    }
  }
  return out;
}

/** Loads the Gateway API v1.6.1 channel plus the Envoy Gateway and NGF CRDs. */
export function loadCatalog(name: CrdSetName): Catalog {
  const kinds = new Map<string, ServedKind>();
  const groups = new Set<string>(['gateway.networking.k8s.io', 'gateway.networking.x-k8s.io']);
  const files = [...crdFiles(path.join(GATEWAY_API, name)), ...IMPLEMENTATIONS.flatMap(crdFiles)];
  for (const file of files) {
    for (const k of readCrds(file)) {
      kinds.set(`${k.group}/${k.version}/${k.kind}`, k);
      groups.add(k.group);
    }
  }
  return { name, kinds, groups };
}
