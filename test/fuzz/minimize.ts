/**
 * Minimizing counterexamples: failure signatures, and delta-debugging on the description
 * (used by the Jest property and the nightly script after fast-check's own shrinking).
 */
import { AppDesc } from './descriptions';
import { judge, Verdict } from './oracle';

/**
 * What a failure is about, independent of names, indices and values: the reason and the first
 * line of the detail without the object's identity, quoted values and numbers.
 */
export function failureSignature(v: Verdict): string | undefined {
  if (v.ok) return undefined;
  const first = v.detail.split('\n')[0]
    .replace(/^(\w+) \S*\/\S* /, '$1 ')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d+/g, 'N');
  return `${v.reason} | ${first}`;
}

/**
 * Delta-debugging on the description (fast-check cannot shrink well through its `chain`s):
 * removes array entries and object keys, largest first, as long as the app still fails with
 * the same signature. Returns the smallest description found within `budget` judgements.
 */
export function minimize(desc: AppDesc, budget = 3000): AppDesc {
  const target = failureSignature(judge(desc));
  if (target === undefined) return desc;
  let current: any = JSON.parse(JSON.stringify(desc));
  let improved = true;
  while (improved && budget > 0) {
    improved = false;
    for (const candidate of smaller(current)) {
      if (--budget < 0) break;
      let signature: string | undefined;
      try {
        signature = failureSignature(judge(candidate));
      } catch {
        continue; // a description the builder cannot read
      }
      if (signature === target) {
        current = candidate;
        improved = true;
        break;
      }
    }
  }
  return current;
}

/** Every description with one array entry or one object key removed, outermost first. */
function* smaller(root: any): Generator<any> {
  const paths: Array<Array<string | number>> = [];
  const walk = (node: any, path: Array<string | number>) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => { paths.push([...path, i]); walk(child, [...path, i]); });
    } else if (node !== null && typeof node === 'object') {
      for (const [k, child] of Object.entries(node)) { paths.push([...path, k]); walk(child, [...path, k]); }
    }
  };
  walk(root, []);
  paths.sort((a, b) => a.length - b.length);
  for (const path of paths) {
    const copy = JSON.parse(JSON.stringify(root));
    let holder = copy;
    for (const key of path.slice(0, -1)) holder = holder[key];
    const last = path[path.length - 1];
    if (Array.isArray(holder)) holder.splice(last as number, 1);
    else delete holder[last];
    yield copy;
  }
}
