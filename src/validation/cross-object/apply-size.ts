/*
 * Plain (client-side) `kubectl apply` stores the whole object, as compact JSON, in its
 * `kubectl.kubernetes.io/last-applied-configuration` annotation (kubectl `pkg/util/apply.go`,
 * `GetModifiedConfiguration`), and the API server limits all annotations of an object together
 * to 256 KiB (k8s.io/apimachinery `pkg/api/validation/objectmeta.go`,
 * `ValidateAnnotationsSize`, `TotalAnnotationSizeLimitB`). An object whose JSON is about that
 * large is accepted by `kubectl apply --server-side`, `kubectl create` and `kubectl replace`,
 * but rejected by plain `kubectl apply` (`metadata.annotations: Too long: must have at most
 * 262144 bytes`).
 */

/** `TotalAnnotationSizeLimitB`: keys and values of all annotations of an object, in bytes. */
const TOTAL_ANNOTATION_SIZE = 256 * 1024;

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** At most this many bytes of UTF-8 JSON per UTF-16 unit of a string (`\u001f` is 6 bytes). */
const MAX_BYTES_PER_UNIT = 6;

/**
 * True if the JSON of `v` is certainly at most `budget` bytes of UTF-8; false if it may be more.
 * The bound is three bytes per UTF-16 unit of `JSON.stringify` (native, so it costs less than a
 * walk in JavaScript, above all before the walk is optimized); a value it cannot serialize (a
 * bigint, a cycle) is walked instead (`left`).
 */
function fitsIn(v: unknown, budget: number): boolean {
  let json: string | undefined;
  try {
    json = JSON.stringify(v);
  } catch {
    return left(v, budget) >= 0;
  }
  return json === undefined || json.length * 3 <= budget;
}

/** `budget` minus the bound of `v`'s JSON size; negative (not exact) once the budget is spent. */
function left(v: unknown, budget: number): number {
  if (typeof v === 'string') return budget - v.length * MAX_BYTES_PER_UNIT - 3; // quotes and a separator
  if (v === null || typeof v !== 'object') return budget - 26;
  let rest = budget - 2;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length && rest >= 0; i++) rest = left(v[i], rest);
    return rest;
  }
  // (for-in lists the own keys, as Object.keys does, without making an array of them)
  for (const k in v) {
    if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
    rest = left((v as Record<string, unknown>)[k], rest - k.length * MAX_BYTES_PER_UNIT - 4); // quotes, colon, separator
    if (rest < 0) return rest;
  }
  return rest;
}

/**
 * The message of the `too-large-for-client-side-apply` warning for an object (its result names
 * it: kind, namespace, name), or undefined if plain `kubectl apply` can store its last-applied
 * configuration. The size counted is the
 * annotation kubectl would write (the object's JSON without that annotation) plus the object's
 * other annotations.
 * @internal
 */
export function clientSideApplySizeProblem(obj: unknown): string | undefined {
  if (!isPlainObject(obj)) return undefined;
  // most objects are far below the limit: an upper bound of their size is enough (and faster
  // than serializing them); the bound counts other annotations twice (JSON and size), as below
  const budget = (TOTAL_ANNOTATION_SIZE - LAST_APPLIED.length - '"annotations":{},'.length) / 2;
  if (fitsIn(obj, budget)) return undefined;
  const meta = isPlainObject(obj.metadata) ? obj.metadata : undefined;
  const annotations = meta && isPlainObject(meta.annotations) ? meta.annotations : undefined;
  // kubectl removes its own annotation (replaced, not counted) and sets the rest back, an empty
  // map included, before it marshals the object
  const rest: Record<string, unknown> = Object.create(null); // any key, `__proto__` included
  let others = 0;
  if (annotations) {
    for (const [k, v] of Object.entries(annotations)) {
      if (k === LAST_APPLIED) continue;
      rest[k] = v;
      others += Buffer.byteLength(k) + (typeof v === 'string' ? Buffer.byteLength(v) : 0);
    }
  }
  let json: string;
  try {
    json = JSON.stringify({ ...obj, metadata: { ...meta, annotations: rest } });
  } catch {
    return undefined; // not JSON (a bigint, a cycle): kubectl could not send it; other checks say why
  }
  // a UTF-16 unit is at most 3 bytes of UTF-8: most objects are known to fit without encoding
  if (json.length * 3 + LAST_APPLIED.length + others <= TOTAL_ANNOTATION_SIZE) return undefined;
  const size = Buffer.byteLength(json);
  const total = size + LAST_APPLIED.length + others;
  if (total <= TOTAL_ANNOTATION_SIZE) return undefined;
  return `the object is ${size} bytes as JSON: plain "kubectl apply" copies it into the ${LAST_APPLIED} annotation, ` +
    `and the object's annotations would total ${total} bytes, over the API server's ${TOTAL_ANNOTATION_SIZE}-byte limit ` +
    '(metadata.annotations: Too long); apply it with "kubectl apply --server-side" (or kubectl create/replace), or split it into smaller objects';
}
