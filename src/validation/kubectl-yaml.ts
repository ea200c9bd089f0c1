import * as jsyaml from 'js-yaml';
import { cloneJson } from './decode';
import { isJsonProblem, scanJsonValue, skipJsonSpace } from './json-stream';
import { hasOwn, setOwn } from './schema';
import { jsonKey, resolve, resolveTaggedScalar, Resolved, ScalarResolveError } from './yaml11-scalars';

/*
 * Manifests read as `kubectl apply -f` reads them, so that "valid" means what the API server
 * would say about the objects kubectl sends:
 * - JSON or YAML is decided by the first non-space character (`{`: a stream of JSON values),
 *   not by the file name: k8s.io/apimachinery `pkg/util/yaml/decoder.go`
 *   (`YAMLOrJSONDecoder.Decode`, `GuessJSONStream`, `hasJSONPrefix`).
 * - YAML is split into documents at lines starting with `---` (`YAMLReader.Read`, same file),
 *   and each document is decoded by go-yaml v2 (`yaml.Unmarshal`, YAML 1.1: `yes`/`on` are
 *   booleans, `0x1F`/`017` integers, `<<` merge keys) then converted to JSON by
 *   sigs.k8s.io/yaml (`yamlToJSON`: non-string keys become strings, NaN and infinities fail).
 * - go-yaml v2's limits: "document contains excessive aliasing" (`decode.go`, `unmarshal`,
 *   `allowedAliasRatio`) and its nesting limit (`scannerc.go`, "exceeded max depth of 10000"),
 *   which is lower here (MAX_NESTING_DEPTH): the js-yaml parser recurses per level.
 * The events come from js-yaml's parser; the values are built here, with go-yaml's rules.
 */

/**
 * Deepest nesting of collections accepted. kubectl accepts 10,000 levels; js-yaml's parser
 * recurses per level and overflows the default JavaScript stack at about 1,700 levels, so the
 * limit is 1,000 (a depth no real manifest comes near).
 */
export const MAX_NESTING_DEPTH = 1000;

/** A document that kubectl would not send: bad syntax, a limit exceeded, a value without JSON form. */
export class ManifestReadError extends Error {
  constructor(
    /** 0-based character offset in the text where the problem is. */
    public readonly offset: number,
    /** What is wrong, without the position. */
    public readonly reason: string) {
    super(reason);
    this.name = 'ManifestReadError';
  }
}

/** One document of a manifest (a YAML document, or one value of a JSON stream). */
export interface ReadDocument {
  /** 0-based position of the document in the text. */
  readonly index: number;
  /** Character range of the document's text. */
  readonly start: number;
  readonly end: number;
  /** Read as JSON (the text is a JSON stream). */
  readonly json: boolean;
  /** The decoded value (null for an empty document or after an error). */
  readonly value: unknown;
  /** Why kubectl would refuse the document. */
  readonly error?: ManifestReadError;
}

/** The documents of a manifest text, as kubectl reads them. */
export interface ReadManifest {
  /** The text is a stream of JSON values (its first non-space character is `{`). */
  readonly json: boolean;
  /**
   * The documents, in order. A JSON stream stops at its first error (there is no way to find
   * the next value); YAML documents are independent.
   */
  readonly documents: ReadDocument[];
}

/** Go's `unicode.IsSpace`. */
function isGoSpace(c: number): boolean {
  return (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0x85 || c === 0xa0 || c === 0x1680
    || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/**
 * Whether kubectl reads the text as JSON: the first non-space character within the first 4,096
 * bytes it peeks at (cli-runtime's `StreamVisitor` buffer) is `{`.
 */
export function isJsonStream(text: string): boolean {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let bytes = 0;
  while (i < text.length && isGoSpace(text.charCodeAt(i))) {
    bytes += text.charCodeAt(i) < 0x80 ? 1 : text.charCodeAt(i) < 0x800 ? 2 : 3;
    i++;
  }
  return text[i] === '{' && bytes < 4096;
}

/**
 * Reads a manifest text as `kubectl apply -f` does: a JSON stream or YAML documents, decoded
 * with YAML 1.1 rules, with go-yaml's alias limit and a nesting limit.
 *
 * @param text the manifest (decoded already; see `decodeManifestBytes` for files)
 */
export function readManifest(text: string): ReadManifest {
  return { json: isJsonStream(text), documents: [...readManifestDocuments(text)] };
}

/**
 * The documents of a manifest text (see `readManifest`), decoded one at a time as they are
 * iterated: a caller that validates each document and drops it holds one decoded document at
 * a time, whatever the size of the text.
 *
 * @param text the manifest (decoded already; see `decodeManifestBytes` for files)
 */
export function readManifestDocuments(text: string): IterableIterator<ReadDocument> {
  return isJsonStream(text) ? readJson(text) : readYaml(text);
}

function* readJson(text: string): IterableIterator<ReadDocument> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let index = 0; ; index++) {
    i = skipJsonSpace(text, i);
    if (i >= text.length) return;
    const r = scanJsonValue(text, i);
    if (isJsonProblem(r)) {
      yield { index, start: i, end: text.length, json: true, value: null, error: new ManifestReadError(r.offset, r.reason) };
      return;
    }
    if (r.depth > MAX_NESTING_DEPTH) {
      yield { index, start: r.start, end: r.end, json: true, value: null, error: new ManifestReadError(r.start, depthMessage()) };
      return;
    }
    yield { index, start: r.start, end: r.end, json: true, value: JSON.parse(text.slice(r.start, r.end)) };
    i = r.end;
  }
}

function depthMessage(): string {
  return `exceeded max depth of ${MAX_NESTING_DEPTH} (this validator's nesting limit; kubectl's is 10000)`;
}

/** The character range of one YAML document, or the separator error that ends the text. */
export interface YamlDocumentRange {
  readonly start: number;
  readonly end: number;
  readonly error?: ManifestReadError;
}

/**
 * The YAML documents of a text: `YAMLReader.Read` ends a document at a line starting with
 * `---` (only spaces or a comment may follow on that line), and skips empty ones.
 */
export function splitYamlDocuments(text: string): YamlDocumentRange[] {
  return [...yamlDocumentRanges(text)];
}

/** {@link splitYamlDocuments}, one range at a time. */
function* yamlDocumentRanges(text: string): IterableIterator<YamlDocumentRange> {
  let docStart = 0;
  let pos = 0;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    const next = eol < 0 ? text.length : eol + 1;
    if (eol < 0) eol = text.length;
    if (text.startsWith('---', pos)) {
      const rest = text.slice(pos + 3, eol).trim();
      if (rest.length > 0 && rest[0] !== '#') {
        yield { start: docStart, end: eol, error: new ManifestReadError(pos, `invalid Yaml document separator: ${rest}`) };
        return;
      }
      if (pos > docStart) yield { start: docStart, end: pos };
      docStart = next;
    }
    pos = next;
  }
  if (text.length > docStart) yield { start: docStart, end: text.length };
}

function* readYaml(text: string): IterableIterator<ReadDocument> {
  let index = 0;
  for (const { start, end, error } of yamlDocumentRanges(text)) {
    yield decodeYamlRange(text, index++, start, end, error);
  }
}

function decodeYamlRange(text: string, index: number, start: number, end: number, error?: ManifestReadError): ReadDocument {
  if (error) return { index, start, end, json: false, value: null, error };
  try {
    return { index, start, end, json: false, value: decodeYamlDocument(text.slice(start, end)) };
  } catch (e) {
    if (!(e instanceof ManifestReadError)) throw e;
    return { index, start, end, json: false, value: null, error: new ManifestReadError(start + e.offset, e.reason) };
  }
}

/**
 * Decodes a document of a manifest again, from its range (as `readManifestDocuments` yielded
 * it): a fresh copy of its value, for a caller that dropped the first one.
 *
 * @param text the manifest text
 * @param doc the document's range and format
 * @returns the decoded value (null for an empty document or a document with an error)
 */
export function rereadDocument(text: string, doc: { readonly start: number; readonly end: number; readonly json: boolean }): unknown {
  if (doc.json) return JSON.parse(text.slice(doc.start, doc.end));
  return decodeYamlRange(text, 0, doc.start, doc.end).value;
}

/**
 * Parses one YAML document into events (js-yaml's parser, depth-limited).
 *
 * @throws ManifestReadError on a syntax error or too deep a nesting
 */
export function parseYamlEvents(text: string): jsyaml.Event[] {
  try {
    return jsyaml.parseEvents(text, { maxDepth: MAX_NESTING_DEPTH + 1 });
  } catch (e) {
    if (e instanceof jsyaml.YAMLException) {
      const reason = /maxDepth/.test(e.reason) ? depthMessage() : e.reason;
      throw new ManifestReadError(e.mark?.position ?? 0, reason);
    }
    if (e instanceof RangeError) throw new ManifestReadError(0, depthMessage());
    throw e;
  }
}

const E = jsyaml.EVENT_ID;

/** go-yaml v2 `allowedAliasRatio` (decode.go). */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.10;
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}

interface Anchor {
  value: unknown;
  /** Number of nodes go-yaml decodes for the anchored node (its `unmarshal` calls). */
  size: number;
  done: boolean;
}

interface Frame {
  readonly kind: 'seq' | 'map';
  readonly value: unknown[] | Record<string, unknown>;
  readonly offset: number;
  readonly anchor?: Anchor;
  /** Nodes decoded in this subtree (go-yaml `decodeCount` increments). */
  size: number;
  /** The value of the pending key is merged (`<<`). */
  merging: boolean;
  hasKey: boolean;
  key: string;
  keyOffset: number;
  /** Keys set by a merge (may be set again by a key of the mapping itself). */
  merged?: Set<string>;
}

/**
 * Decodes the first document of a YAML text as kubectl does (go-yaml v2 into `interface{}`,
 * then sigs.k8s.io/yaml's JSON conversion).
 *
 * @returns the JSON value (null for an empty document)
 * @throws ManifestReadError (offsets relative to `text`)
 */
export function decodeYamlDocument(text: string): unknown {
  const events = parseYamlEvents(text);
  let decodeCount = 1; // the document node
  let aliasCount = 0;
  const anchors = new Map<string, Anchor>();
  const frames: Frame[] = [];
  let root: unknown = null;
  let started = false;
  const fail = (offset: number, reason: string): never => {
    throw new ManifestReadError(offset, reason);
  };
  const checkAliasRatio = (offset: number) => {
    if (aliasCount > 100 && decodeCount > 1000 && aliasCount / decodeCount > allowedAliasRatio(decodeCount)) {
      fail(offset, 'document contains excessive aliasing');
    }
  };
  /** Adds a finished node (value, decoded size) to its parent. */
  const add = (value: unknown, size: number, offset: number, resolved?: Resolved, isMerge = false, isSeq = false) => {
    const top = frames[frames.length - 1];
    if (typeof value === 'number' && !Number.isFinite(value) && !(top?.kind === 'map' && !top.hasKey)) {
      // sigs.k8s.io/yaml `yamlToJSON` ends with `json.Marshal`, which refuses NaN and infinities.
      fail(offset, `error converting YAML to JSON: json: unsupported value: ${Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf'}`);
    }
    if (!top) {
      root = value;
      return;
    }
    if (top.kind === 'seq') {
      (top.value as unknown[]).push(value);
      top.size += size;
      return;
    }
    const obj = top.value as Record<string, unknown>;
    if (!top.hasKey) {
      if (isMerge) {
        // go-yaml v2 `decoder.mapping`: the `<<` key itself is not decoded.
        top.merging = true;
        top.hasKey = true;
        top.keyOffset = offset;
        return;
      }
      top.size += size;
      const key = resolved ? jsonKey(resolved) : undefined;
      if (key === undefined) {
        if (value !== null && typeof value === 'object') fail(offset, `invalid map key: a ${Array.isArray(value) ? 'sequence' : 'mapping'} cannot be a key`);
        fail(offset, `error converting YAML to JSON: unsupported map key ${JSON.stringify(value) ?? String(value)} (JSON keys are strings)`);
      }
      top.key = key!;
      top.keyOffset = offset;
      top.hasKey = true;
      return;
    }
    top.hasKey = false;
    if (top.merging) {
      top.merging = false;
      // go-yaml v2 `decoder.merge`: a mapping, or a sequence of mappings (earlier ones win);
      // merged keys overwrite the keys already set, later keys overwrite merged ones.
      top.size += isSeq ? size - 1 : size;
      const sources = isSeq ? [...(value as unknown[])].reverse() : [value];
      for (const src of sources) {
        if (src === null || typeof src !== 'object' || Array.isArray(src)) fail(top.keyOffset, 'map merge requires map or sequence of maps as the value');
        for (const k of Object.keys(src as object)) {
          setOwn(obj, k, (src as Record<string, unknown>)[k]);
          (top.merged ??= new Set()).add(k);
        }
      }
      return;
    }
    top.size += size;
    if (hasOwn(obj, top.key) && !top.merged?.delete(top.key)) {
      // go-yaml v2 (not strict) keeps the last value; a repeated key is refused here, since
      // which value was meant is unclear.
      fail(top.keyOffset, 'duplicated mapping key');
    }
    setOwn(obj, top.key, value);
  };
  const anchorOf = (ev: { anchorStart: number; anchorEnd: number }, value: unknown): Anchor | undefined => {
    if (ev.anchorStart < 0) return undefined;
    const a: Anchor = { value, size: 0, done: false };
    anchors.set(text.slice(ev.anchorStart, ev.anchorEnd), a);
    return a;
  };

  for (let i = 0; i < events.length; i++) {
    const ev = events[i];
    switch (ev.type) {
      case E.DOCUMENT:
        if (started) return root;
        started = true;
        break;
      case E.MAPPING:
      case E.SEQUENCE: {
        const value = ev.type === E.MAPPING ? {} : [];
        const parent = frames[frames.length - 1];
        const inMerge = parent?.kind === 'map' && parent.hasKey && parent.merging && ev.type === E.SEQUENCE;
        if (!inMerge) decodeCount++;
        checkAliasRatio(ev.start);
        // js-yaml's own `maxDepth` counts some levels and not others: the depth is counted here.
        if (frames.length >= MAX_NESTING_DEPTH) fail(ev.start, depthMessage());
        frames.push({ kind: ev.type === E.MAPPING ? 'map' : 'seq', value, offset: ev.start, anchor: anchorOf(ev, value), size: 1, merging: false, hasKey: false, key: '', keyOffset: -1 });
        break;
      }
      case E.POP: {
        const f = frames.pop();
        if (!f) break; // end of the document
        // A list grown by push() keeps spare capacity (17 slots for one item); a copy is exact,
        // which saves about a third of the memory of a large manifest set.
        const value = f.kind === 'seq' ? (f.value as unknown[]).slice() : f.value;
        if (f.anchor) {
          f.anchor.value = value;
          f.anchor.size = f.size;
          f.anchor.done = true;
        }
        add(value, f.size, f.offset, undefined, false, f.kind === 'seq');
        break;
      }
      case E.SCALAR: {
        decodeCount++;
        const offset = ev.valueStart >= 0 ? ev.valueStart : ev.tagStart >= 0 ? ev.tagStart : ev.anchorStart;
        checkAliasRatio(offset);
        const raw = jsyaml.getScalarValue(text, ev);
        const tag = ev.tagStart >= 0 ? text.slice(ev.tagStart, ev.tagEnd) : '';
        const plain = ev.style === jsyaml.SCALAR_STYLE.PLAIN;
        let r: Resolved;
        try {
          r = tag !== '' && tag !== '!' ? resolveTaggedScalar(tag, raw) : plain && tag === '' ? resolve(raw) : { tag: 'str', value: raw };
        } catch (e) {
          if (e instanceof ScalarResolveError) fail(offset, e.message);
          throw e;
        }
        // go-yaml v2 `isMerge`: a plain `<<` (or one tagged !!merge) is a merge key.
        const isMerge = raw === '<<' && ((plain && tag === '') || /merge>?$/.test(tag));
        const a = anchorOf(ev, r!.value);
        if (a) {
          a.size = 1;
          a.done = true;
        }
        add(r!.value, 1, offset, r!, isMerge);
        break;
      }
      case E.ALIAS: {
        const name = text.slice(ev.anchorStart, ev.anchorEnd);
        const a = anchors.get(name);
        if (!a) fail(ev.anchorStart, `unknown anchor '${name}' referenced`);
        if (!a!.done) fail(ev.anchorStart, `anchor '${name}' value contains itself`);
        // go-yaml v2 `decoder.alias`: the alias node, then the anchored node decoded again,
        // every node of it counted as alias-driven.
        decodeCount += 1 + a!.size;
        aliasCount += a!.size;
        checkAliasRatio(ev.anchorStart);
        const value = cloneJson(a!.value); // go-yaml decodes an aliased node again at each use
        const parent = frames[frames.length - 1];
        const isSeq = Array.isArray(value) && parent?.kind === 'map' && parent.hasKey && parent.merging;
        if (isSeq) fail(parent!.keyOffset, 'map merge requires map or sequence of maps as the value');
        add(value, 1 + a!.size, ev.anchorStart, typeof value === 'object' && value !== null ? undefined : { tag: typeof value === 'string' ? 'str' : Number.isInteger(value) ? 'int' : 'float', value });
        break;
      }
    }
  }
  return root;
}

/** An object of a document: the document itself, or one item of a list. */
export interface ListItem {
  readonly object: unknown;
  /** `items[3]` for an item of a list, else empty. */
  readonly itemPath: string;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `a ${typeof v}`;
}

/**
 * The objects of a decoded document, as kubectl finds them: a document with an `items` field
 * (whatever its kind: `List`, `HTTPRouteList`, ...) is a list, and its items are the objects;
 * an item with neither `kind` nor `apiVersion` takes the list's kind without `List` and the
 * list's apiVersion (k8s.io/apimachinery `pkg/apis/meta/v1/unstructured/helpers.go`,
 * `unstructuredJSONScheme.decode` and `decodeToList`; cli-runtime's `FlattenListVisitor`).
 *
 * @returns the objects, or why kubectl would refuse the list (`items` that is not a list of objects)
 */
export function expandKubectlList(doc: unknown): ListItem[] | string {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return [{ object: doc, itemPath: '' }];
  const o = doc as Record<string, unknown>;
  const items = o.items;
  if (!hasOwn(o, 'items')) return [{ object: doc, itemPath: '' }];
  // `items: null` is a list too (json.RawMessage keeps the `null`), with no items.
  if (items === null) return [];
  const kind = typeof o.kind === 'string' ? o.kind : '';
  const what = kind === '' ? 'the list' : kind;
  if (!Array.isArray(items)) return `${what}: items must be a list of objects, not ${describeValue(items)}`;
  const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : '';
  const itemKind = kind.endsWith('List') ? kind.slice(0, -4) : kind;
  const out: ListItem[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return `${what}: items[${i}] must be an object, not ${describeValue(item)}`;
    const it = item as Record<string, unknown>;
    const hasKind = typeof it.kind === 'string' && it.kind !== '';
    const hasVersion = typeof it.apiVersion === 'string' && it.apiVersion !== '';
    out.push({ object: hasKind || hasVersion ? it : { ...it, kind: itemKind, apiVersion }, itemPath: `items[${i}]` });
  }
  return out;
}
