/**
 * Generates the validation data under `src/validation/data/` from the CRD files in `../shared`
 * (read in place, never copied into the project).
 *
 * One data set per CRD bundle: Gateway API v1.6.1 and v1.5.1 (standard and experimental
 * channels), plus the implementation CRDs of Envoy Gateway and NGINX Gateway Fabric. Each data
 * set is a TypeScript module exporting one JSON string (parsed lazily at run time, so the data
 * ships inside the compiled `lib/` like any other module and needs no extra package files):
 *
 * ```
 * { format: 1, id, defs: [schema...], crds: [{ group, kind, plural, scope,
 *   versions: [{ name, served, storage, deprecated, statusSubresource, schema }] }] }
 * ```
 *
 * - only `CustomResourceDefinition` documents are read (the ValidatingAdmissionPolicy file and
 *   `kustomization.yaml` are skipped);
 * - schemas keep every validation keyword and Kubernetes extension, and drop `description`,
 *   `example`, `title` and `externalDocs` (only on schema nodes: a *property* named
 *   `description` stays);
 * - versions that are not served keep their name only (the validator reports them as not served);
 * - sub-schemas of 200+ characters that occur more than once (v1/v1beta1 twins, parentRefs,
 *   backendRefs, filters, ...) are stored once in `defs` and referenced as `{"$d": index}`; the
 *   loader resolves them to shared objects.
 *
 * The output is deterministic: files are read in sorted order, keys keep their YAML order, and
 * `defs` are numbered in traversal order. The header of each module lists the sha256 of every input.
 *
 * Run with `npx ts-node --transpile-only imports/generate-validation.ts`.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';

interface DataSetSpec {
  /** Data set id, also the module name. */
  readonly id: string;
  /** Directories (relative to the project root) whose `*.yaml` files are read. */
  readonly dirs: string[];
}

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'src', 'validation', 'data');

const DATA_SETS: DataSetSpec[] = [
  ...['v1.6.1', 'v1.5.1'].flatMap(v => ['standard', 'experimental'].map(ch => ({
    id: `gateway-api-${v}-${ch}`,
    dirs: [`../shared/gateway-api/${v}/${ch}`],
  }))),
  { id: 'envoy-gateway-v1.9.0', dirs: ['../shared/implementations/envoy-gateway/v1.9.0'] },
  { id: 'nginx-gateway-fabric-v2.6.7', dirs: ['../shared/implementations/nginx-gateway-fabric/v2.6.7'] },
];

/** Schema keywords whose value is documentation only. */
const DOC_KEYS = new Set(['description', 'example', 'title', 'externalDocs']);
const MIN_SHARED_LENGTH = 200;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Strips documentation from a schema node, recursing only through schema positions. */
function stripSchema(node: any): any {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
  const out: Record<string, any> = {};
  for (const [key, value] of Object.entries(node)) {
    if (DOC_KEYS.has(key)) continue;
    switch (key) {
      case 'properties':
        out[key] = Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, stripSchema(v)]));
        break;
      case 'items':
        out[key] = Array.isArray(value) ? value.map(stripSchema) : stripSchema(value);
        break;
      case 'additionalProperties':
      case 'not':
        out[key] = typeof value === 'object' ? stripSchema(value) : value;
        break;
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
        out[key] = (value as any[]).map(stripSchema);
        break;
      default:
        out[key] = value;
    }
  }
  return out;
}

/** Shares repeated sub-trees: returns the rewritten roots and the def table. */
function shareSubtrees(roots: Json[]): { roots: Json[]; defs: Json[] } {
  const text = new Map<object, string>();
  const counts = new Map<string, number>();
  const serialize = (n: Json): string => {
    if (n === null || typeof n !== 'object') return JSON.stringify(n);
    const cached = text.get(n);
    if (cached !== undefined) return cached;
    const s = Array.isArray(n)
      ? `[${n.map(serialize).join(',')}]`
      : `{${Object.entries(n).map(([k, v]) => `${JSON.stringify(k)}:${serialize(v)}`).join(',')}}`;
    text.set(n, s);
    if (!Array.isArray(n)) counts.set(s, (counts.get(s) ?? 0) + 1);
    return s;
  };
  roots.forEach(serialize);

  const defs: Json[] = [];
  const defIndex = new Map<string, number>();
  const rewrite = (n: Json, allowRef: boolean): Json => {
    if (n === null || typeof n !== 'object') return n;
    if (Array.isArray(n)) return n.map(x => rewrite(x, true));
    const s = text.get(n)!;
    if (allowRef && s.length >= MIN_SHARED_LENGTH && (counts.get(s) ?? 0) > 1) {
      let index = defIndex.get(s);
      if (index === undefined) {
        index = defs.length;
        defIndex.set(s, index);
        defs.push(null);
        defs[index] = rewrite(n, false);
      }
      return { $d: index };
    }
    return Object.fromEntries(Object.entries(n).map(([k, v]) => [k, rewrite(v, true)]));
  };
  return { roots: roots.map(r => rewrite(r, true)), defs };
}

interface Input { readonly file: string; readonly sha256: string }

function generate(spec: DataSetSpec): void {
  const inputs: Input[] = [];
  const crds: any[] = [];
  for (const dir of spec.dirs) {
    const absDir = path.resolve(root, dir);
    for (const name of fs.readdirSync(absDir).filter(f => f.endsWith('.yaml')).sort()) {
      const bytes = fs.readFileSync(path.join(absDir, name));
      let used = false;
      for (const doc of YAML.parseAllDocuments(bytes.toString('utf8'))) {
        const crd = doc.toJS({ maxAliasCount: -1 });
        if (crd?.kind !== 'CustomResourceDefinition') continue;
        used = true;
        crds.push(crd);
      }
      if (used) inputs.push({ file: `${dir}/${name}`, sha256: createHash('sha256').update(bytes).digest('hex') });
    }
  }
  if (crds.length === 0) throw new Error(`${spec.id}: no CustomResourceDefinition found in ${spec.dirs.join(', ')}`);

  const schemas: Json[] = [];
  const entries = crds.map(crd => ({
    group: crd.spec.group,
    kind: crd.spec.names.kind,
    plural: crd.spec.names.plural,
    scope: crd.spec.scope,
    versions: (crd.spec.versions as any[]).map(v => {
      const entry: Record<string, Json> = {
        name: v.name,
        served: !!v.served,
        storage: !!v.storage,
        deprecated: !!v.deprecated,
        statusSubresource: !!v.subresources?.status,
      };
      if (v.served) {
        entry.schema = schemas.length;
        schemas.push(stripSchema(v.schema?.openAPIV3Schema ?? {}));
      }
      return entry;
    }),
  }));
  const shared = shareSubtrees(schemas);
  for (const crd of entries) {
    for (const v of crd.versions) {
      if (typeof v.schema === 'number') v.schema = shared.roots[v.schema];
    }
  }

  // One JSON fragment per line keeps diffs readable when the CRDs change.
  const lines = [
    `{"format":1,"id":${JSON.stringify(spec.id)},"defs":[`,
    ...shared.defs.map((d, i) => (i > 0 ? ',' : '') + JSON.stringify(d)),
    '],"crds":[',
    ...entries.map((c, i) => (i > 0 ? ',' : '') + JSON.stringify(c)),
    ']}',
  ];
  const header = [
    `// Generated by imports/generate-validation.ts from ${spec.dirs.join(', ')}. Do not edit.`,
    '// Regenerate with `npx ts-node --transpile-only imports/generate-validation.ts`.',
    '// Inputs (sha256):',
    ...inputs.map(i => `//   ${i.sha256}  ${i.file}`),
    '/* eslint-disable */',
    '',
    `/** CRD schemas of ${spec.id} (JSON; see src/validation/catalog.ts). @internal */`,
    'export const DATA: string = [',
    ...lines.map(l => `  ${JSON.stringify(l)},`),
    "].join('');",
    '',
  ];
  const file = path.join(outDir, `${spec.id}.ts`);
  fs.writeFileSync(file, header.join('\n'));
  const size = lines.reduce((n, l) => n + l.length, 0);
  console.log(`wrote ${path.relative(root, file)} (${crds.length} CRDs, ${shared.defs.length} shared defs, ${size} bytes of JSON)`);
}

function writeIndex(): void {
  const body = [
    '// Generated by imports/generate-validation.ts. Do not edit.',
    '/* eslint-disable */',
    '',
    '/** Every generated data set by id: its JSON text, each module loaded on first use (parsed by catalog.ts). @internal */',
    'export const DATA_SETS: { readonly [id: string]: () => string } = {',
    ...DATA_SETS.map(s => `  '${s.id}': () => require('./${s.id}').DATA,`),
    '};',
    '',
  ];
  fs.writeFileSync(path.join(outDir, 'index.ts'), body.join('\n'));
}

fs.mkdirSync(outDir, { recursive: true });
for (const spec of DATA_SETS) generate(spec);
writeIndex();
