/**
 * The documents of the differential run: the upstream example corpus and objects built from the
 * CRD schemas of every kind (Gateway API, Envoy Gateway, NGINX Gateway Fabric), mutated, then
 * written as one YAML (or JSON) document each, the form kubectl sends. Deterministic per seed.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { CrdSetName, loadCatalog, OpenApi, SHARED, ServedKind } from './crd-catalog';
import { Random } from './random';
import { Raw, writeYaml } from './yaml-writer';

/** A generated document. */
export interface GeneratedDocument {
  readonly id: number;
  readonly set: CrdSetName;
  readonly text: string;
  /** Where it came from and what was done to it (`example:...`, `schema:Kind`, `mutation:...`). */
  readonly labels: string[];
}

const RAW_SCALARS = ['on', 'off', 'yes', 'no', 'y', 'n', 'Y', 'N', 'True', 'FALSE', 'NULL', '~', '0o17', '017', '0x1F', '0b101',
  '1_000', '+5', '08', '1e3', '.5', '1:30', '2020-01-01', '12:30:00', '0.0', '-0', '9223372036854775808', '1.5', '80', '443',
  'abc', 'ON', 'Off', '0', '-1', '65535', '65536', '2147483648', '.inf', '-.Inf', '.nan', '1__0', '0_8', '0b2', '+.5', '1e', '3.'];

const STRING_CANDIDATES = ['example', 'example.com', 'foo.example.com', '*.example.com', '/', '/path', '/foo/bar', 'a', 'A', 'foo-bar',
  'http://example.com', 'https://example.com/x', '10.0.0.1', '::1', '10.0.0.0/8', '1s', '10ms', '5m', '1h', '100', '1Gi', '100m',
  'HTTP', 'HTTPS', 'TCP', 'GET', 'x-header', 'X-Header', 'value', 'Gateway', 'Service', 'gateway.networking.k8s.io', 'v1',
  'default', 'ns-1', 'abc_def', 'Abc', 'aGVsbG8=', '2024-01-01T00:00:00Z', 'System', 'example.com/foo', 'foo:80', '1r/s', '10k',
  '$request_uri', 'connection.id', 'US', 'a'.repeat(64), '1.5s', '-1s', '1d', '100us', '0s', '1h30m', '/a//b', '/a/./b', '/%2F',
  '/foo?x', '/foo#x', 'X-Valid', ':authority', 'grpc.health.v1.Health', 'Check', 'fe80::1', '0.0.0.0', '2001:db8::/32', '10.0.0.1/32',
  'a.b.c.d.e', 'https', 'tcp', '*', '^/api/.*$', '[a-z', 'example.com:8080', 'GatewayClass', 'ReferenceGrant', 'Secret', '0', '65536'];

const INVALID_STRINGS = ['', ' ', 'UPPER', 'under_score', '-leading', 'trailing-', 'a..b', 'ünïcode', 'a/b/c', 'a b', '*', '*.*', '300.1.1.1',
  '1.2.3.4/33', 'http://', 'é'.repeat(3), '\t', 'x'.repeat(254), '::ffff:1.2.3.4', '010.0.0.1', 'fe80::1%eth0', 'aGVsbG8', '2024-13-01T00:00:00Z'];

type Json = any;

function isObject(v: unknown): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Raw);
}

/** Builds a plausible instance of a schema node (required fields, some optional ones). */
function instance(s: OpenApi | undefined, r: Random, depth: number): Json {
  if (!s) return 'x';
  if (s.default !== undefined && r.chance(0.3)) return JSON.parse(JSON.stringify(s.default));
  if (Array.isArray(s.enum) && s.enum.length > 0) return r.pick(s.enum);
  if (s['x-kubernetes-int-or-string']) return r.chance(0.5) ? r.int(100) + 1 : `${r.int(100)}%`;
  const type = s.type ?? (s.properties ? 'object' : undefined);
  switch (type) {
    case 'object': {
      const out: { [k: string]: Json } = {};
      const req = new Set<string>(s.required ?? []);
      for (const [k, p] of Object.entries<OpenApi>(s.properties ?? {})) {
        if (req.has(k) || (depth < 5 && r.chance(depth < 2 ? 0.35 : 0.2))) out[k] = instance(p, r, depth + 1);
      }
      if (typeof s.additionalProperties === 'object' && r.chance(0.5)) out[r.pick(['key', 'example.com/key', 'a'])] = instance(s.additionalProperties, r, depth + 1);
      return out;
    }
    case 'array': {
      const min = s.minItems ?? 0;
      const n = Math.min(min + r.int(3), s.maxItems ?? 3);
      return Array.from({ length: n }, () => instance(s.items, r, depth + 1));
    }
    case 'integer': {
      const lo = s.minimum ?? 0;
      const hi = s.maximum ?? lo + 100;
      return lo + r.int(Math.max(1, Math.min(hi - lo + 1, 1000)));
    }
    case 'number': return r.chance(0.5) ? 1.5 : 2;
    case 'boolean': return r.chance(0.5);
    case 'string': return stringFor(s, r);
    default: return r.chance(0.5) ? { any: 'value' } : 'value';
  }
}

function stringFor(s: OpenApi, r: Random): string {
  if (s.format === 'ipv4') return '10.0.0.1';
  if (s.format === 'ipv6') return '2001:db8::1';
  if (s.format === 'date-time') return '2024-01-01T00:00:00Z';
  if (s.format === 'byte') return 'aGVsbG8=';
  const fits = (c: string): boolean => {
    if (s.maxLength !== undefined && [...c].length > s.maxLength) return false;
    if (s.minLength !== undefined && [...c].length < s.minLength) return false;
    if (s.pattern) {
      try {
        return new RegExp(s.pattern.replace(/^\(\?i\)/, '')).test(c);
      } catch {
        return true;
      }
    }
    return true;
  };
  const ok = STRING_CANDIDATES.filter(fits);
  if (ok.length > 0) return r.pick(ok);
  return 'x'.repeat(Math.max(1, s.minLength ?? 1));
}

interface Slot {
  readonly parent: { [k: string]: Json } | Json[];
  readonly key: string | number;
  readonly schema: OpenApi | undefined;
}

/** Every field and item of an object, with its schema node where known. */
function slots(v: Json, s: OpenApi | undefined, out: Slot[]): void {
  if (Array.isArray(v)) {
    v.forEach((item, i) => {
      out.push({ parent: v, key: i, schema: s?.items });
      slots(item, s?.items, out);
    });
  } else if (isObject(v)) {
    for (const k of Object.keys(v)) {
      const ps = s?.properties?.[k] ?? (typeof s?.additionalProperties === 'object' ? s.additionalProperties : undefined);
      out.push({ parent: v, key: k, schema: ps });
      slots(v[k], ps, out);
    }
  }
}

function assign(slot: Slot, value: Json): void {
  (slot.parent as any)[slot.key] = value;
}

type Mutation = (doc: { [k: string]: Json }, root: OpenApi | undefined, r: Random) => string | undefined;

function pickSlot(doc: Json, root: OpenApi | undefined, r: Random, filter: (s: Slot) => boolean = () => true): Slot | undefined {
  const all: Slot[] = [];
  slots(doc, root, all);
  const ok = all.filter(filter);
  return ok.length ? r.pick(ok) : undefined;
}

const inSpec = (s: Slot): boolean => !(s.key === 'apiVersion' || s.key === 'kind');

const MUTATIONS: { readonly [name: string]: Mutation } = {
  'delete-field': (d, root, r) => {
    const s = pickSlot(d, root, r, x => inSpec(x) && !Array.isArray(x.parent));
    if (!s) return undefined;
    delete (s.parent as any)[s.key];
    return String(s.key);
  },
  'delete-item': (d, root, r) => {
    const s = pickSlot(d, root, r, x => Array.isArray(x.parent));
    if (!s) return undefined;
    (s.parent as Json[]).splice(s.key as number, 1);
    return 'item';
  },
  'type-swap': (d, root, r) => {
    const s = pickSlot(d, root, r, inSpec);
    if (!s) return undefined;
    const v = r.pick<Json>([1, 'text', true, 1.5, {}, [], ['a'], { a: 1 }, -1, 0]);
    assign(s, v);
    return `${s.schema?.type ?? 'untyped'}->${Array.isArray(v) ? 'array' : typeof v}`;
  },
  'null': (d, root, r) => {
    const s = pickSlot(d, root, r, inSpec);
    if (!s) return undefined;
    assign(s, null);
    return s.schema?.nullable ? 'nullable' : s.schema?.default !== undefined ? 'defaulted' : 'plain';
  },
  'unknown-field': (d, root, r) => {
    const s = pickSlot(d, root, r, x => isObject((x.parent as any)[x.key]));
    const target = s ? (s.parent as any)[s.key] : d;
    target[r.pick(['unknownField', 'extra', 'Name', 'spec', 'status', 'x-field'])] = r.pick<Json>(['v', 1, null, { a: 1 }]);
    return 'added';
  },
  'string-length': (d, root, r) => {
    const s = pickSlot(d, root, r, x => x.schema?.type === 'string' && (x.schema.maxLength !== undefined || x.schema.minLength !== undefined));
    if (!s) return undefined;
    const max: number | undefined = s.schema!.maxLength;
    const min: number = s.schema!.minLength ?? 0;
    const base = r.pick(['a', 'é', '1', 'ab-']);
    const n = max !== undefined && r.chance(0.7) ? max + r.pick([0, 1]) : Math.max(0, min - r.pick([0, 1]));
    assign(s, base.repeat(Math.ceil(n / base.length) + 1).slice(0, n) || '');
    return `len ${n === max ? 'max' : n === (max ?? -1) + 1 ? 'max+1' : 'min-ish'}`;
  },
  'int-bound': (d, root, r) => {
    const s = pickSlot(d, root, r, x => x.schema?.type === 'integer');
    if (!s) return undefined;
    const sc = s.schema!;
    const v = r.pick([2147483647, 2147483648, -2147483648, -2147483649, 9007199254740991, (sc.maximum ?? 65535) + 1,
      sc.maximum ?? 0, sc.minimum ?? 0, (sc.minimum ?? 1) - 1, 1.5, 1e3]);
    assign(s, v);
    return sc.format ?? 'int';
  },
  'bad-string': (d, root, r) => {
    const s = pickSlot(d, root, r, x => x.schema?.type === 'string' || typeof (x.parent as any)[x.key] === 'string');
    if (!s) return undefined;
    assign(s, r.pick(INVALID_STRINGS));
    return s.schema?.format ?? (s.schema?.pattern ? 'pattern' : s.schema?.enum ? 'enum' : 'string');
  },
  'pool-value': (d, root, r) => {
    const s = pickSlot(d, root, r, x => typeof (x.parent as any)[x.key] === 'string' || typeof (x.parent as any)[x.key] === 'number');
    if (!s) return undefined;
    const v = r.chance(0.8) ? r.pick([...STRING_CANDIDATES, ...INVALID_STRINGS]) : r.pick([0, 1, 80, 65535, 65536, -1, 100, 1000000]);
    assign(s, v);
    return `${s.schema?.type ?? 'untyped'}${s.schema?.pattern ? ' pattern' : ''}${s.schema?.format ? ` ${s.schema.format}` : ''}`;
  },
  'enum-case': (d, root, r) => {
    const s = pickSlot(d, root, r, x => Array.isArray(x.schema?.enum) && typeof (x.parent as any)[x.key] === 'string');
    if (!s) return undefined;
    const v = (s.parent as any)[s.key] as string;
    assign(s, r.pick([v.toLowerCase(), v.toUpperCase(), `${v} `, r.pick(s.schema!.enum)]));
    return 'enum';
  },
  'duplicate-item': (d, root, r) => {
    const s = pickSlot(d, root, r, x => Array.isArray((x.parent as any)[x.key]) && (x.parent as any)[x.key].length > 0);
    if (!s) return undefined;
    const list = (s.parent as any)[s.key] as Json[];
    list.push(JSON.parse(JSON.stringify(r.pick(list))));
    return s.schema?.['x-kubernetes-list-type'] ?? 'atomic';
  },
  'yaml11-scalar': (d, root, r) => {
    const s = pickSlot(d, root, r, x => inSpec(x) && !isObject((x.parent as any)[x.key]) && !Array.isArray((x.parent as any)[x.key]));
    if (!s) return undefined;
    const raw = r.pick(RAW_SCALARS);
    assign(s, new Raw(raw));
    return raw;
  },
  'metadata': (d, _root, r) => {
    const m = isObject(d.metadata) ? d.metadata : (d.metadata = {});
    const what = r.pick(['name', 'namespace', 'label', 'annotation', 'unknown', 'finalizer', 'drop-name', 'generateName', 'label-value', 'ownerReference', 'status']);
    if (what === 'name') m.name = r.pick(['UPPER', 'a'.repeat(253), 'a'.repeat(254), 'a.b', 'a_b', '-a', 'ok-name', '']);
    if (what === 'namespace') m.namespace = r.pick(['default', 'a.b', 'UPPER', 'a'.repeat(63), 'a'.repeat(64), '']);
    if (what === 'label') (m.labels = isObject(m.labels) ? m.labels : {})[r.pick(['app', 'example.com/app', 'a/b/c', '_x', 'x'.repeat(64), 'UP.com/x'])] = 'v';
    if (what === 'label-value') (m.labels = isObject(m.labels) ? m.labels : {}).app = r.pick<Json>(['', 'a b', 'x'.repeat(64), 1, true, null, 'ok']);
    if (what === 'annotation') (m.annotations = isObject(m.annotations) ? m.annotations : {})[r.pick(['note', 'Example.com/Note', 'a b', 'x/y/z'])] = r.pick<Json>(['v', 1, null]);
    if (what === 'unknown') m[r.pick(['foo', 'Name', 'label'])] = 'x';
    if (what === 'finalizer') m.finalizers = [r.pick<Json>(['example.com/f', 'kubernetes', 'a b', 'UP/x', 1, 'a/b/c', 'x'.repeat(64)])];
    if (what === 'drop-name') delete m.name;
    if (what === 'ownerReference') {
      m.ownerReferences = [r.pick<Json>([{ apiVersion: 'v1', kind: 'Service', name: 's', uid: 'u-1' }, { apiVersion: 'v1', kind: 'Service', name: 's' },
        { kind: 'Service', name: 's', uid: 'u' }, { apiVersion: 'v1', kind: 'Service', name: 's', uid: 'u', extra: 1 }, 'x',
        { apiVersion: 'a/b/c', kind: 'K', name: 's', uid: 'u' }, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', uid: 'u', controller: true },
        { apiVersion: 'v1', kind: '', name: 's', uid: 'u' }, { apiVersion: 'v1', kind: 'Service', name: 's', uid: 'u', controller: 'yes' }])];
    }
    if (what === 'status') d.status = r.pick<Json>([{}, { conditions: 'x' }, { unknownStatusField: 1 }, { parents: [] }, 'text']);
    if (what === 'generateName') m.generateName = r.pick(['gen-', 'Gen-']);
    return what;
  },
};

function hasRaw(v: Json): boolean {
  if (v instanceof Raw) return true;
  if (Array.isArray(v)) return v.some(hasRaw);
  if (isObject(v)) return Object.values(v).some(hasRaw);
  return false;
}

/** The upstream example documents, with the channel their folder names. */
function examples(): Array<{ set: CrdSetName; file: string; object: Json }> {
  const root = path.join(SHARED, 'gateway-api', 'v1.6.1', 'examples');
  const out: Array<{ set: CrdSetName; file: string; object: Json }> = [];
  const walk = (dir: string): void => {
    for (const f of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, f);
      if (fs.statSync(p).isDirectory()) {walk(p);} else if (/\.ya?ml$/.test(f)) {
        for (const doc of YAML.parseAllDocuments(fs.readFileSync(p, 'utf8'))) {
          const object = doc.toJS();
          if (isObject(object)) out.push({ set: p.includes('/experimental/') ? 'experimental' : 'standard', file: path.relative(root, p), object });
        }
      }
    }
  };
  walk(root);
  return out;
}

/** Generates `count` documents from `seed`. */
export function generate(seed: number, count: number): GeneratedDocument[] {
  const r = new Random(seed);
  const sets: { [k in CrdSetName]: ServedKind[] } = {
    standard: [...loadCatalog('standard').kinds.values()],
    experimental: [...loadCatalog('experimental').kinds.values()],
  };
  const schemaOf = (set: CrdSetName, apiVersion: string, kind: string): OpenApi | undefined =>
    sets[set].find(k => `${k.group}/${k.version}` === apiVersion && k.kind === kind)?.schema;
  const corpus = examples();
  const docs: GeneratedDocument[] = [];
  for (let id = 0; id < count; id++) {
    const labels: string[] = [];
    let set: CrdSetName;
    let obj: Json;
    if (r.chance(0.4)) {
      const ex = r.pick(corpus);
      set = ex.set;
      obj = JSON.parse(JSON.stringify(ex.object));
      labels.push(`example:${ex.file}`);
    } else {
      set = r.chance(0.5) ? 'standard' : 'experimental';
      const k = r.pick(sets[set]);
      obj = instance(k.schema, r, 0);
      obj.apiVersion = `${k.group}/${k.version}`;
      obj.kind = k.kind;
      obj.metadata = { name: r.pick(['example', 'web', 'a-b', 'x.y']), ...(k.namespaced && r.chance(0.7) ? { namespace: 'default' } : {}) };
      delete obj.status;
      labels.push(`schema:${k.kind}`);
    }
    const root = schemaOf(set, obj.apiVersion, obj.kind);
    const n = r.pick([0, 0, 1, 1, 1, 2, 3]);
    for (let i = 0; i < n; i++) {
      const name = r.pick(Object.keys(MUTATIONS));
      const what = MUTATIONS[name](obj, root, r);
      if (what !== undefined) labels.push(`${name}:${what}`);
    }
    const json = !hasRaw(obj) && r.chance(0.1);
    const text = json ? JSON.stringify(obj, null, r.chance(0.5) ? 2 : 0)
      : writeYaml(obj, r, labels);
    if (json) labels.push('json');
    docs.push({ id, set, text, labels });
  }
  return docs;
}
