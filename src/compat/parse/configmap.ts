/*
 * The ingress-nginx controller ConfigMap as a manifest (YAML/JSON text or an object): its name
 * and `data`, checked as the API server checks a ConfigMap (every `data` value a string).
 */
import { field, isObject, kindOf, show } from './values';
import { expandKubectlList, readManifest } from '../../validation/kubectl-yaml';
import { lineIndex, lineStarts } from '../../validation/yaml-positions';

/** A ConfigMap's identity and data. */
export interface ControllerConfigMap {
  /** `metadata.name`, when it has one. */
  readonly name?: string;
  /** `metadata.namespace` (`default` when unset). */
  readonly namespace: string;
  /** `data`, key → value. */
  readonly data: { [key: string]: string };
}

/**
 * Reads the ingress-nginx controller ConfigMap from YAML/JSON text (one ConfigMap, possibly in
 * a `List`) or from an object.
 *
 * @throws Error naming the position, field and value when the input is not exactly one `v1` ConfigMap with string data
 */
export function readControllerConfigMap(textOrObject: unknown): ControllerConfigMap {
  const fail = (message: string): never => {
    throw new Error(`controllerConfig: ${message}`);
  };
  let objects: unknown[];
  if (typeof textOrObject === 'string') {
    const read = readManifest(textOrObject);
    objects = [];
    for (const doc of read.documents) {
      if (doc.error) {
        const starts = lineStarts(textOrObject);
        const line = lineIndex(starts, doc.error.offset);
        fail(`${line + 1}:${doc.error.offset - starts[line] + 1}: ${doc.error.reason}`);
      }
      if (doc.value !== null && doc.value !== undefined) objects.push(doc.value);
    }
  } else {
    objects = [textOrObject];
  }
  const items = objects.flatMap(o => {
    const r = expandKubectlList(o);
    return typeof r === 'string' ? fail(r) : r.map(i => i.object);
  });
  if (items.length !== 1) fail(`expected one ConfigMap, found ${items.length} objects; pass only the ingress-nginx controller ConfigMap`);
  const obj = items[0];
  if (!isObject(obj)) return fail(`the ConfigMap must be a mapping, not ${kindOf(obj)} (${show(obj)})`);
  const kind = field(obj, 'kind');
  const apiVersion = field(obj, 'apiVersion');
  if (kind !== 'ConfigMap' || apiVersion !== 'v1') {
    fail(`expected a v1 ConfigMap, found kind ${show(kind)} apiVersion ${show(apiVersion)}; pass the ingress-nginx controller ConfigMap`);
  }
  const metadata = field(obj, 'metadata');
  const name = isObject(metadata) ? field(metadata, 'name') : undefined;
  const namespace = isObject(metadata) ? field(metadata, 'namespace') : undefined;
  const rawData = field(obj, 'data');
  const data: { [key: string]: string } = {};
  if (rawData !== undefined && rawData !== null) {
    if (!isObject(rawData)) fail(`data must be a mapping of strings, not ${kindOf(rawData)} (${show(rawData)})`);
    for (const [key, value] of Object.entries(rawData as object)) {
      if (typeof value !== 'string') {
        const fix = typeof value === 'boolean' || typeof value === 'number' ? `; quote it ("${String(value)}")` : '';
        fail(`data.${key} ${show(value)} must be a string (the API server rejects the ConfigMap)${fix}`);
      }
      Object.defineProperty(data, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return {
    ...(typeof name === 'string' && name !== '' ? { name } : {}),
    namespace: typeof namespace === 'string' && namespace !== '' ? namespace : 'default',
    data,
  };
}
