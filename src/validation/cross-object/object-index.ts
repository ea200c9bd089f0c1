import { Code, Finding, Severity } from './codes';
import { Entry, ListenerFacts } from './facts';
import { GATEWAY_GROUP } from './values';

/*
 * The objects of one validation call (their facts: see facts.ts), indexed once by
 * group/kind/namespace/name.
 */

export { arr, GATEWAY_GROUP, int, isObject, str, strOrEmpty } from './values';
export type { Entry } from './facts';

/**
 * A listener of a Gateway or ListenerSet.
 * @internal
 */
export interface ListenerInfo extends ListenerFacts {
  readonly owner: Entry;
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
  return `${e.namespace ?? ''}/${e.name}`;
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
  /** The objects the checks look at (an object defined twice differently is not among them), in input order. */
  public readonly entries: Entry[];
  public readonly findings: Finding[] = [];
  /** By group, kind and namespace (`kindKey`), then by name: every object the checks look at. */
  private readonly byKind = new Map<string, Map<string, Entry>>();
  private readonly ambiguous = new Set<string>();
  private readonly namespaceLabels = new Map<string, Readonly<Record<string, string>>>();
  private readonly listenerCache = new Map<Entry, ListenerInfo[]>();
  private readonly kindCache = new Map<string, Entry[]>();

  /**
   * @param all the facts of every object with an identity, in input order
   * @param reread the object at a position of the input, decoded again (only for an identity
   *   defined more than once, whose definitions are compared)
   */
  constructor(all: readonly Entry[], reread: (index: number) => unknown) {
    const duplicates = new Map<string, Entry[]>();
    for (const e of all) {
      const kk = kindKey(e.group, e.kind, e.namespace);
      let names = this.byKind.get(kk);
      if (!names) {
        names = new Map();
        this.byKind.set(kk, names);
      }
      const first = names.get(e.name);
      if (first === undefined) {
        names.set(e.name, e);
      } else {
        const k = key(e.group, e.kind, e.namespace, e.name);
        const group = duplicates.get(k);
        if (group) group.push(e);
        else duplicates.set(k, [first, e]);
      }
      if (e.labels) this.namespaceLabels.set(e.name, e.labels);
    }
    this.resolveDuplicates(duplicates, reread);
    this.entries = duplicates.size === 0 ? [...all] : all.filter(e => this.byKind.get(kindKey(e.group, e.kind, e.namespace))?.get(e.name) === e);
  }

  /**
   * The same object defined twice with the same content counts once. Defined twice with
   * different content (unrelated examples in one folder, or two versions of one object), it is
   * ambiguous: `kubectl apply` would keep the last one, and which one was meant is unknown, so
   * the object is left out of every check (a warning says so) and references to it are neither
   * resolved nor reported missing. Only the definitions of an identity defined more than once
   * are compared (decoded again and serialized).
   */
  private resolveDuplicates(duplicates: Map<string, Entry[]>, reread: (index: number) => unknown): void {
    const groups = [...duplicates].sort((a, b) => a[1][0].index - b[1][0].index);
    for (const [k, group] of groups) {
      const first = JSON.stringify(reread(group[0].index));
      if (group.every(e => e === group[0] || JSON.stringify(reread(e.index)) === first)) continue;
      this.ambiguous.add(k);
      const last = group[group.length - 1];
      this.byKind.get(kindKey(last.group, last.kind, last.namespace))!.delete(last.name);
      this.report(last, '', Code.DUPLICATE_OBJECT, 'warning',
        `${describeEntry(last)} is defined ${group.length} times with different content (documents ${group.map(x => x.index + 1).join(', ')}); applied in order only the last would remain, so cross-object checks skip it and the references to it`);
    }
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
    return this.byKind.get(kindKey(group, kind, namespace))?.get(name);
  }

  /** True if the input holds any object of this group and kind in this namespace. */
  public hasKindIn(group: string, kind: string, namespace: string | undefined): boolean {
    return this.byKind.has(kindKey(group, kind, namespace));
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
      list = (owner.listeners ?? []).map(l => ({ ...l, owner }));
      this.listenerCache.set(owner, list);
    }
    return list;
  }

  /** Records a finding on an object. */
  public report(entry: Entry, path: string, code: Code, severity: Severity, message: string): void {
    this.findings.push({ entry: entry.index, path, code, severity, message });
  }
}
