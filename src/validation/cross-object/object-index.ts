import { Code, Finding, Severity } from './codes';
import { CrdSet } from '../catalog';

/*
 * The objects of one validation call, indexed once by group/kind/namespace/name, with
 * accessors that tolerate schema-invalid input (every cross-object check runs on objects the
 * schema may have rejected too, so no field is trusted to have its declared type).
 */

/** @internal */
export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/**
 * One object of the input, as the cross-object checks see it.
 * @internal
 */
export interface CrossObjectInput {
  /** The decoded object (never modified). */
  readonly obj: unknown;
  /** The Gateway API CRDs the object is validated against (decides channel-dependent checks). */
  readonly crds?: CrdSet;
}

/** @internal */
export interface Entry {
  /** Position in the input. */
  readonly index: number;
  readonly obj: Record<string, any>;
  readonly spec: Record<string, any>;
  readonly group: string;
  readonly kind: string;
  /** `metadata.namespace`; undefined when not set (the namespace is then decided at apply time). */
  readonly namespace?: string;
  readonly name: string;
  /** "{namespace}/{name}", the spec's tie-breaker order. */
  readonly nsName: string;
  readonly crds?: CrdSet;
}

/**
 * A listener of a Gateway or ListenerSet.
 * @internal
 */
export interface ListenerInfo {
  readonly owner: Entry;
  /** Index in the owner's `spec.listeners`. */
  readonly index: number;
  readonly name: string;
  readonly port?: number;
  readonly protocol: string;
  readonly hostname?: string;
  /** `allowedRoutes.namespaces.from` (defaulted to Same). */
  readonly from: string;
  readonly selector?: unknown;
  /** `allowedRoutes.kinds`, groups defaulted; empty means the protocol's kinds. */
  readonly kinds: ReadonlyArray<{ readonly group: string; readonly kind: string }>;
  readonly hasTls: boolean;
}

/** @internal */
export function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value if it is an array, else an empty one. @internal */
export function arr(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

/** The value if it is a non-empty string. @internal */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The value if it is a string (possibly empty). @internal */
export function strOrEmpty(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The value if it is an integer. @internal */
export function int(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

/**
 * Whether two namespaces are the same: undefined when exactly one of them is unknown (not set
 * on the object), since it is then decided at apply time.
 * @internal
 */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean | undefined {
  if (a === b) return true;
  if (a === undefined || b === undefined) return undefined;
  return false;
}

/** `Gateway "ns/name"` (or `Gateway "name"` without a namespace). @internal */
export function describe(kind: string, namespace: string | undefined, name: string): string {
  return `${kind} "${namespace !== undefined ? `${namespace}/` : ''}${name}"`;
}

/** `Gateway "ns/name"` for an entry. @internal */
export function describeEntry(e: Entry): string {
  return describe(e.kind, e.namespace, e.name);
}

/** Sort key of an object by the spec's tie-breaker ("{namespace}/{name}"). @internal */
export function nsName(e: Entry): string {
  return e.nsName;
}

function key(group: string, kind: string, namespace: string | undefined, name: string): string {
  return `${group}\u0000${kind}\u0000${namespace ?? ''}\u0000${name}`;
}

function kindKey(group: string, kind: string, namespace: string | undefined): string {
  return `${group}\u0000${kind}\u0000${namespace ?? ''}`;
}

/**
 * The indexed input, and the findings reported on it.
 * @internal
 */
export class ObjectIndex {
  public readonly entries: Entry[] = [];
  public readonly findings: Finding[] = [];
  private readonly byKey = new Map<string, Entry>();
  private readonly ambiguous = new Set<string>();
  private readonly kindsIn = new Set<string>();
  private readonly namespaceLabels = new Map<string, Record<string, string>>();
  private readonly listenerCache = new Map<Entry, ListenerInfo[]>();
  private readonly kindCache = new Map<string, Entry[]>();

  constructor(inputs: readonly CrossObjectInput[]) {
    const all: Entry[] = [];
    inputs.forEach((input, index) => {
      const obj = input.obj;
      if (!isObject(obj) || typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') return;
      const meta = isObject(obj.metadata) ? obj.metadata : {};
      const name = str(meta.name);
      if (name === undefined) return;
      const slash = obj.apiVersion.indexOf('/');
      const group = slash >= 0 ? obj.apiVersion.slice(0, slash) : '';
      const namespace = str(meta.namespace);
      const entry: Entry = {
        index,
        obj,
        spec: isObject(obj.spec) ? obj.spec : {},
        group,
        kind: obj.kind,
        namespace,
        name,
        nsName: `${namespace ?? ''}/${name}`,
        crds: input.crds,
      };
      all.push(entry);
      this.kindsIn.add(kindKey(group, obj.kind, entry.namespace));
      if (group === '' && obj.kind === 'Namespace') {
        const labels: Record<string, string> = {};
        if (isObject(meta.labels)) {
          for (const [lk, lv] of Object.entries(meta.labels)) if (typeof lv === 'string') labels[lk] = lv;
        }
        this.namespaceLabels.set(name, labels);
      }
    });
    this.indexIdentities(all);
  }

  /**
   * Indexes the entries by identity. The same object defined twice with the same content
   * counts once. Defined twice with different content (unrelated examples in one folder, or
   * two versions of one object), it is ambiguous: `kubectl apply` would keep the last one, and
   * which one was meant is unknown, so the object is left out of every check (a warning says
   * so) and references to it are neither resolved nor reported missing.
   */
  private indexIdentities(all: Entry[]): void {
    const byIdentity = new Map<string, Entry[]>();
    for (const e of all) {
      const k = key(e.group, e.kind, e.namespace, e.name);
      const group = byIdentity.get(k);
      if (group) group.push(e);
      else byIdentity.set(k, [e]);
    }
    for (const [k, group] of byIdentity) {
      // Only an identity defined more than once needs its definitions compared.
      if (group.length === 1) {
        this.entries.push(group[0]);
        this.byKey.set(k, group[0]);
        continue;
      }
      const first = JSON.stringify(group[0].obj);
      if (group.every(e => e === group[0] || JSON.stringify(e.obj) === first)) {
        this.entries.push(group[0]);
        this.byKey.set(k, group[0]);
        continue;
      }
      this.ambiguous.add(k);
      const last = group[group.length - 1];
      this.report(last, '', Code.DUPLICATE_OBJECT, 'warning',
        `${describeEntry(last)} is defined ${group.length} times with different content (documents ${group.map(x => x.index + 1).join(', ')}); applied in order only the last would remain, so cross-object checks skip it and the references to it`);
    }
    this.entries.sort((a, b) => a.index - b.index);
  }

  /** True when the object with this identity is defined more than once, differently. */
  public isAmbiguous(group: string, kind: string, namespace: string | undefined, name: string): boolean {
    return this.ambiguous.has(key(group, kind, namespace, name));
  }

  /** True when some object of this group and kind in this namespace is ambiguous. */
  public hasAmbiguousKindIn(group: string, kind: string, namespace: string | undefined): boolean {
    const prefix = `${kindKey(group, kind, namespace)}\u0000`;
    for (const k of this.ambiguous) if (k.startsWith(prefix)) return true;
    return false;
  }

  /** The object with this identity, if it is in the input. */
  public get(group: string, kind: string, namespace: string | undefined, name: string): Entry | undefined {
    return this.byKey.get(key(group, kind, namespace, name));
  }

  /** True if the input holds any object of this group and kind in this namespace. */
  public hasKindIn(group: string, kind: string, namespace: string | undefined): boolean {
    return this.kindsIn.has(kindKey(group, kind, namespace));
  }

  /**
   * Labels of a namespace: those of its Namespace object plus the `kubernetes.io/metadata.name`
   * label every namespace carries; `known` is false when the Namespace object is not in the input
   * (only the name label is then known).
   */
  public labelsOf(namespace: string): { labels: Record<string, string>; known: boolean } {
    const own = this.namespaceLabels.get(namespace);
    return { labels: { ...own, 'kubernetes.io/metadata.name': namespace }, known: own !== undefined };
  }

  /** Gateway API objects of one kind. */
  public ofKind(kind: string): Entry[] {
    let list = this.kindCache.get(kind);
    if (!list) {
      list = this.entries.filter(e => e.group === GATEWAY_GROUP && e.kind === kind);
      this.kindCache.set(kind, list);
    }
    return list;
  }

  /** The listeners of a Gateway or ListenerSet (`spec.listeners`, defaults applied). */
  public listenersOf(owner: Entry): ListenerInfo[] {
    let list = this.listenerCache.get(owner);
    if (!list) {
      list = [];
      arr(owner.spec.listeners).forEach((l, index) => {
        if (!isObject(l)) return;
        const allowed = isObject(l.allowedRoutes) ? l.allowedRoutes : {};
        const namespaces = isObject(allowed.namespaces) ? allowed.namespaces : {};
        list!.push({
          owner,
          index,
          name: typeof l.name === 'string' ? l.name : '',
          port: int(l.port),
          protocol: typeof l.protocol === 'string' ? l.protocol : '',
          hostname: str(l.hostname),
          from: str(namespaces.from) ?? 'Same',
          selector: namespaces.selector,
          kinds: arr(allowed.kinds).filter(isObject).map(k => ({ group: strOrEmpty(k.group) ?? GATEWAY_GROUP, kind: String(k.kind) })),
          hasTls: l.tls !== undefined && l.tls !== null,
        });
      });
      this.listenerCache.set(owner, list);
    }
    return list;
  }

  /** Records a finding on an object. */
  public report(entry: Entry, path: string, code: Code, severity: Severity, message: string): void {
    this.findings.push({ entry: entry.index, path, code, severity, message });
  }
}
