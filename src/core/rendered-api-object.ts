import { ApiObject, ApiObjectMetadata, App, GroupVersionKind, ImplicitTokenResolver, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import { Construct } from 'constructs';

/*
 * The API object of an L2 construct. cdk8s renders an object by resolving every value of it
 * (each one offered to every resolver of the app), then copying it again with sorted keys. The
 * spec of our constructs is plain JSON that we render ourselves, so when the app has only
 * cdk8s's built-in resolvers (which leave plain JSON unchanged) the spec is copied once, with
 * sorted keys, and the output is the same. Anything else (custom resolvers, JSON patches,
 * unsorted output, a value that is not plain JSON) takes cdk8s's own path.
 */

/** Thrown when the spec holds a value that is not plain JSON (cdk8s's path then renders it). */
const NOT_PLAIN = Symbol('not plain JSON');

/**
 * `value` with the keys of every object sorted and the null and undefined values dropped
 * (`null` and `undefined` array items become `undefined`), as cdk8s's `sanitizeValue` does.
 * Throws NOT_PLAIN on anything but strings, numbers, booleans, arrays and plain objects.
 */
function sortedJson(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return value;
  if (type !== 'object') throw NOT_PLAIN;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = sortedJson(value[i]);
    return out;
  }
  if ((value as object).constructor !== Object) throw NOT_PLAIN;
  const keys = sortKeys(Object.keys(value));
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const v = sortedJson((value as Record<string, unknown>)[keys[i]]);
    if (v !== undefined) out[keys[i]] = v;
  }
  return out;
}

/**
 * The keys in the order `Array.prototype.sort` gives (UTF-16 code units), sorted in place: by
 * insertion for a few keys (the built-in sort allocates work space at each call).
 */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort(); // (a large map: the built-in sort, n log n)
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > k) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

/** Whether an app resolves values with cdk8s's built-in resolvers only. */
function builtInResolversOnly(app: App): boolean {
  const r = app.resolvers;
  return r.length === 3 && r[0] instanceof LazyResolver && r[1] instanceof ImplicitTokenResolver
    && r[2] instanceof NumberStringUnionResolver;
}

/**
 * An `ApiObject` whose `spec` is produced at synth by its construct.
 * @internal
 */
export class RenderedApiObject extends ApiObject {
  private readonly _renderSpec: () => unknown;

  /**
   * @param renderSpec the spec, with the JSON field names (copied with sorted keys on the fast path)
   * @param l1Json the conversion of the spec that cdk8s's path renders (the L1 class's `toJson_`)
   */
  constructor(scope: Construct, id: string, gvk: GroupVersionKind, metadata: ApiObjectMetadata | undefined, renderSpec: () => unknown,
    l1Json: (spec: unknown) => unknown = spec => spec) {
    super(scope, id, { apiVersion: gvk.apiVersion, kind: gvk.kind, metadata, spec: Lazy.any({ produce: () => l1Json(renderSpec()) }) });
    this._renderSpec = renderSpec;
  }

  /** Renders the object; the same JSON as `ApiObject.toJson`, faster when the spec is plain JSON. */
  public toJson(): any {
    if (process.env.CDK8S_DISABLE_SORT || (this as unknown as { patches: unknown[] }).patches.length > 0
      || !builtInResolversOnly(App.of(this))) {
      return super.toJson();
    }
    try {
      const spec = sortedJson(this._renderSpec());
      const result: Record<string, unknown> = { apiVersion: this.apiVersion, kind: this.kind, metadata: this.metadata.toJson() };
      if (spec !== undefined) result.spec = spec;
      return result;
    } catch (e) {
      if (e === NOT_PLAIN) return super.toJson();
      throw new Error(`Failed serializing construct at path '${this.node.path}' with name '${this.name}': ${e}`);
    }
  }
}
