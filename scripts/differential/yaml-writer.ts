/**
 * Writes a generated object as one YAML document, in the many ways people write YAML, so that
 * the comparison covers the two readers as well: quoted, single-quoted, plain and block-scalar
 * strings, plain keys (`on:` is the key "true" for go-yaml v2), merge keys, anchors and aliases,
 * explicit tags, flow collections, comments, document markers, CRLF line ends and a BOM.
 * Values wrapped in {@link Raw} are written verbatim, unquoted.
 */
import { Random } from './random';

type Json = any;

/** A scalar written verbatim (unquoted) into the YAML text, to be resolved by the reader. */
export class Raw {
  constructor(readonly text: string) {}
}

function isObject(v: unknown): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Raw);
}

const YAML11_SPECIAL = /^(y|n|yes|no|on|off|true|false|null|~)$/i;
const PLAIN_SAFE = /^[A-Za-z][A-Za-z0-9._/-]*$/;

interface Style {
  readonly plainKeys: number;
  readonly strings: 'double' | 'single' | 'plain' | 'mixed';
  readonly mergeKeys: boolean;
  readonly aliases: boolean;
  readonly tags: boolean;
  readonly flow: boolean;
}

class Writer {
  private anchors = 0;
  constructor(private readonly r: Random, private readonly style: Style, private readonly labels: string[]) {}

  private key(k: string): string {
    if (PLAIN_SAFE.test(k) && this.r.chance(this.style.plainKeys)) {
      if (YAML11_SPECIAL.test(k)) this.labels.push(`plain-key:${k}`);
      return k;
    }
    return JSON.stringify(k);
  }

  private string(s: string, indent: string): string {
    const r = this.r;
    const mode = this.style.strings === 'mixed' ? r.pick(['double', 'single', 'plain', 'block'] as const) : this.style.strings;
    if (this.style.tags && r.chance(0.05)) return `!!str ${JSON.stringify(s)}`;
    if (mode === 'plain' && PLAIN_SAFE.test(s) && !YAML11_SPECIAL.test(s)) return s;
    if (mode === 'single' && !/[\n\r\t]/.test(s)) return `'${s.replace(/'/g, "''")}'`;
    if (mode === 'block' && /^\S(.*\S)?$/.test(s) && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(s)) {
      return `${r.pick(['|-', '>-'])}\n${indent}  ${s}`;
    }
    return JSON.stringify(s);
  }

  private scalar(x: Json, indent: string): string {
    if (x instanceof Raw) return x.text;
    if (typeof x === 'string') return this.string(x, indent);
    if (this.style.tags && typeof x === 'number' && Number.isInteger(x) && this.r.chance(0.05)) {
      this.labels.push('tag:int');
      return `!!int "${x}"`;
    }
    return JSON.stringify(x);
  }

  /** A value after a key or a dash: starts with a space (inline) or a newline (block). */
  public value(v: Json, indent: string): string {
    if (Array.isArray(v)) {
      if (v.length === 0) return ' []';
      if (this.style.flow && this.r.chance(0.1) && v.every(x => !isObject(x) && !Array.isArray(x) && !(x instanceof Raw))) {
        return ` [${v.map(x => JSON.stringify(x)).join(', ')}]`;
      }
      const items = v.map(item => this.item(item, indent));
      if (this.style.aliases && isObject(v[0]) && this.r.chance(0.1)) {
        // An anchor on the first item and an alias repeating it: the reader expands it.
        const name = `a${this.anchors++}`;
        items[0] = items[0].replace(/^(\n\s*-)/, `$1 &${name}`);
        items.push(`\n${indent}- *${name}`);
        this.labels.push('alias');
      }
      return items.join('');
    }
    if (isObject(v)) {
      const keys = Object.keys(v);
      if (keys.length === 0) return ' {}';
      let merged = '';
      let rest = keys;
      if (this.style.mergeKeys && keys.length > 1 && this.r.chance(0.15) && !isObject(v[keys[0]]) && !Array.isArray(v[keys[0]])) {
        merged = `\n${indent}<<: {${JSON.stringify(keys[0])}: ${this.scalar(v[keys[0]], indent)}}`;
        rest = keys.slice(1);
        this.labels.push('merge-key');
      }
      const comment = this.r.chance(0.02) ? `\n${indent}# a comment` : '';
      return merged + comment + rest.map(k => `\n${indent}${this.key(k)}:${this.value(v[k], `${indent}  `)}`).join('');
    }
    return ` ${this.scalar(v, indent)}`;
  }

  private item(item: Json, indent: string): string {
    if (isObject(item) || Array.isArray(item)) {
      const body = this.value(item, `${indent}  `);
      return `\n${indent}-${body.startsWith('\n') ? body.replace(/^\n\s*/, ' ') : body}`;
    }
    return `\n${indent}- ${this.scalar(item, `${indent}  `)}`;
  }
}

/** One YAML document for an object, in a style drawn from `r`; the style is added to `labels`. */
export function writeYaml(obj: Json, r: Random, labels: string[]): string {
  const style: Style = {
    plainKeys: r.pick([0, 0.5, 1]),
    strings: r.pick(['double', 'single', 'plain', 'mixed'] as const),
    mergeKeys: r.chance(0.3),
    aliases: r.chance(0.3),
    tags: r.chance(0.2),
    flow: r.chance(0.3),
  };
  let text = new Writer(r, style, labels).value(obj, '').replace(/^\n/, '');
  if (r.chance(0.15)) text = `---\n# generated\n${text}`;
  if (r.chance(0.05)) text = `${text}\n...`;
  if (r.chance(0.05)) text = `${text}\n---\n`;
  text += '\n';
  if (r.chance(0.05)) {
    text = text.replace(/\n/g, '\r\n');
    labels.push('crlf');
  }
  if (r.chance(0.03)) {
    text = `\ufeff${text}`;
    labels.push('bom');
  }
  return text;
}
