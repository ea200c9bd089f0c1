/**
 * `x-kubernetes-validations` evaluated with a second CEL implementation (`@marcbachmann/cel-js`,
 * not the project's `@bufbuild/cel`), plus the Kubernetes CEL library functions the shipped
 * rules call (k8s.io/apiserver `pkg/cel/library`: `isIP`, `format.<name>().validate`).
 * `self` is bound as the API server binds it (k8s.io/apiserver `pkg/cel/common/values.go`):
 * integers as CEL `int`, numbers as `double`, object properties escaped (`namespace` ->
 * `__namespace__`), map keys as they are. Transition rules (`oldSelf`) are not evaluated on
 * create. A rule that does not compile is counted (`uncompiled`) and treated as passing.
 */
import { OpenApi } from './crd-catalog';
import { re2 } from './json-schema';
import { isCelIp, isDns1035Label, isDns1123Label, isDns1123Subdomain, isLabelValue, isQualifiedName } from './k8s-formats';

// The package is an ES module: load it with require (Node 20.19+/22) and describe what is used.
interface CelOptional { hasValue(): boolean }
interface CelEnvironment {
  registerType(name: string, ctor: unknown): CelEnvironment;
  registerConstant(name: string, type: string, value: unknown): CelEnvironment;
  registerVariable(name: string, type: string): CelEnvironment;
  registerFunction(decl: unknown, handler?: unknown): CelEnvironment;
  parse(expr: string): (ctx: { self: unknown }) => unknown;
}
interface CelModule {
  Environment: new (opts: object) => CelEnvironment;
  Optional: { of(v: unknown): CelOptional; none(): CelOptional };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cel = require('@marcbachmann/cel-js') as CelModule;

const regexes = new Map<string, RegExp>();
function regex(p: string): RegExp {
  let r = regexes.get(p);
  if (!r) regexes.set(p, r = re2(p));
  return r;
}

class FormatLibrary {}
class NamedFormat {
  constructor(readonly check: (s: string) => boolean) {}
}

const NAMED_FORMATS: { readonly [name: string]: (s: string) => boolean } = {
  dns1123Label: isDns1123Label,
  dns1123Subdomain: isDns1123Subdomain,
  dns1035Label: isDns1035Label,
  qualifiedName: isQualifiedName,
  labelValue: isLabelValue,
};

const CEL_RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function',
  'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

/** apiextensions' property-name escaping for CEL; undefined for names CEL cannot reach. */
function escapeName(name: string): string | undefined {
  if (CEL_RESERVED.has(name)) return `__${name}__`;
  let out = '';
  for (let i = 0; i < name.length; i++) {
    if (name.startsWith('__', i)) {
      out += '__underscores__';
      i++;
    } else if (name[i] === '.') {out += '__dot__';} else if (name[i] === '-') {out += '__dash__';} else if (name[i] === '/') {out += '__slash__';} else {out += name[i];}
  }
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(out) ? out : undefined;
}

function makeEnvironment(): CelEnvironment {
  let env = new cel.Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false })
    .registerType('K8sFormatLibrary', FormatLibrary)
    .registerType('K8sNamedFormat', NamedFormat)
    .registerConstant('format', 'K8sFormatLibrary', new FormatLibrary())
    .registerVariable('self', 'dyn')
    .registerFunction('isIP(string): bool', (s: string) => isCelIp(s))
    // RE2 `matches` (rules are rewritten to call it): inline flags such as `(?i)` are RE2 syntax.
    .registerFunction({
      name: 'k8sMatches',
      receiverType: 'string',
      returnType: 'bool',
      handler: (s: string, p: string) => regex(p).test(s),
      params: [{ name: 'pattern', type: 'string' }],
    })
    .registerFunction({
      name: 'validate',
      receiverType: 'K8sNamedFormat',
      returnType: 'optional<list<string>>',
      handler: (f: NamedFormat, s: string) => (f.check(s) ? cel.Optional.none() : cel.Optional.of(['invalid'])),
      params: [{ name: 'value', type: 'string' }],
    });
  for (const [name, check] of Object.entries(NAMED_FORMATS)) {
    env = env.registerFunction({
      name, receiverType: 'K8sFormatLibrary', returnType: 'K8sNamedFormat', handler: () => new NamedFormat(check), params: [],
    });
  }
  return env;
}

/**
 * cel-js's `has()` only takes a field selection chain that starts at a variable
 * (`has(a.b.c)`); CEL allows any operand (`has(self.matches[0].path)`). Such calls are
 * rewritten to the equivalent optional selection `(operand).?field.hasValue()`.
 */
export function rewriteHas(rule: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const at = rule.indexOf('has(', i);
    if (at < 0) return out + rule.slice(i);
    const before = at === 0 ? '' : rule[at - 1];
    out += rule.slice(i, at);
    let depth = 0;
    let end = at + 3;
    for (; end < rule.length; end++) {
      if (rule[end] === '(' || rule[end] === '[') depth++;
      if (rule[end] === ')' || rule[end] === ']') depth--;
      if (depth === 0) break;
    }
    const arg = rule.slice(at + 4, end);
    const m = /^([\s\S]*)\.([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(arg);
    if (/[A-Za-z0-9_.]/.test(before) || !m || /^[A-Za-z_][A-Za-z0-9_.\s]*$/.test(arg)) {
      out += `has(${rewriteHas(arg)})`;
    } else {
      out += `(${rewriteHas(m[1])}).?${m[2]}.hasValue()`;
    }
    i = end + 1;
  }
}

/** A value as the API server hands it to CEL, guided by its schema. */
export function toCel(v: unknown, s: OpenApi | undefined): unknown {
  if (v === null || v === undefined) return v;
  if (typeof v === 'number') {
    const t = s?.type;
    if (t === 'integer' || s?.['x-kubernetes-int-or-string'] || (t === undefined && Number.isInteger(v))) return BigInt(v);
    return v;
  }
  if (Array.isArray(v)) return v.map(i => toCel(i, s?.items));
  if (typeof v === 'object') {
    const o = v as { [k: string]: unknown };
    const out: { [k: string]: unknown } = {};
    const props: OpenApi | undefined = s?.properties;
    const additional = typeof s?.additionalProperties === 'object' ? s.additionalProperties : undefined;
    for (const k of Object.keys(o)) {
      if (props && Object.prototype.hasOwnProperty.call(props, k)) {
        const e = escapeName(k);
        if (e !== undefined) out[e] = toCel(o[k], props[k]);
      } else {
        out[k] = toCel(o[k], additional);
      }
    }
    return out;
  }
  return v;
}

/** One evaluation outcome of a rule that did not pass. */
export interface CelViolation {
  readonly path: string;
  readonly rule: string;
  readonly error?: string;
}

/** Evaluates every rule of a (pruned, defaulted, schema-valid) object. */
export class KubeCel {
  /** Rules the second CEL implementation could not compile (each counted once). */
  public readonly uncompiled = new Map<string, string>();
  /** Rule evaluations, and how many of them did not pass. */
  public evaluations = 0;
  public violations = 0;
  private readonly env = makeEnvironment();
  private readonly programs = new Map<string, ((ctx: { self: unknown }) => unknown) | undefined>();

  private program(rule: string): ((ctx: { self: unknown }) => unknown) | undefined {
    if (!this.programs.has(rule)) {
      try {
        this.programs.set(rule, this.env.parse(rewriteHas(rule).replace(/\.matches\(/g, '.k8sMatches(')));
      } catch (e) {
        this.programs.set(rule, undefined);
        this.uncompiled.set(rule, (e as Error).message.split('\n')[0]);
      }
    }
    return this.programs.get(rule);
  }

  /** Walks value and schema together, evaluating the rules of every node with a value. */
  public validate(value: unknown, schema: OpenApi | undefined, path: string, out: CelViolation[]): void {
    if (!schema || value === null || value === undefined) return;
    const rules: Array<{ rule: string }> = schema['x-kubernetes-validations'] ?? [];
    if (rules.length > 0) {
      const self = toCel(value, schema);
      for (const { rule } of rules) {
        if (/\boldSelf\b/.test(rule)) continue;
        const run = this.program(rule);
        if (!run) continue;
        this.evaluations++;
        try {
          const r = run({ self });
          if (r !== true) out.push({ path, rule });
        } catch (e) {
          out.push({ path, rule, error: (e as Error).message.split('\n')[0] });
        }
        if (out.length > 0 && out[out.length - 1].rule === rule && out[out.length - 1].path === path) this.violations++;
      }
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => this.validate(item, schema.items, `${path}[${i}]`, out));
    } else if (typeof value === 'object') {
      const props: OpenApi = schema.properties ?? {};
      const additional = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
      for (const [k, v] of Object.entries(value as object)) {
        const s = Object.prototype.hasOwnProperty.call(props, k) ? props[k] : additional;
        this.validate(v, s, path === '' ? k : `${path}.${k}`, out);
      }
    }
  }
}
