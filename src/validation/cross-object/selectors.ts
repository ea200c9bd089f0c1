import { arr, isObject } from './object-index';
import { hasOwn } from '../schema';

/*
 * Kubernetes label selectors (`matchLabels`, `matchExpressions` with In, NotIn, Exists,
 * DoesNotExist), evaluated against what the input tells about a namespace's labels.
 */

/**
 * Whether a label selector selects an object with these labels. When only some labels are
 * known (`known` false: only the `kubernetes.io/metadata.name` label), a selector that needs
 * other labels gives undefined (cannot tell).
 * @internal
 */
export function selects(selector: unknown, labels: Record<string, string>, known: boolean): boolean | undefined {
  if (!isObject(selector)) return true; // an empty selector selects everything
  const requirements: Array<{ key: string; operator: string; values: string[] }> = [];
  if (isObject(selector.matchLabels)) {
    for (const [k, v] of Object.entries(selector.matchLabels)) requirements.push({ key: k, operator: 'In', values: [String(v)] });
  }
  for (const e of arr(selector.matchExpressions)) {
    if (!isObject(e) || typeof e.key !== 'string' || typeof e.operator !== 'string') return undefined;
    requirements.push({ key: e.key, operator: e.operator, values: arr(e.values).map(String) });
  }
  let unknown = false;
  for (const r of requirements) {
    // Own keys only: a label key such as "constructor" must not find Object.prototype's.
    const has = hasOwn(labels, r.key);
    if (!known && !has) {
      unknown = true;
      continue;
    }
    const value = has ? labels[r.key] : '';
    let ok: boolean;
    switch (r.operator) {
      case 'In': ok = has && r.values.includes(value); break;
      case 'NotIn': ok = !has || !r.values.includes(value); break;
      case 'Exists': ok = has; break;
      case 'DoesNotExist': ok = !has; break;
      default: return undefined;
    }
    if (!ok) return false;
  }
  return unknown ? undefined : true;
}
