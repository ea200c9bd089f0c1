import type { CelFunc } from '@bufbuild/cel';
import { celRuntime } from './cel-runtime';
import {
  dns1035LabelErrors, dns1123LabelErrors, dns1123SubdomainErrors, isKubernetesIp, labelValueErrors, qualifiedNameErrors,
  STRING_FORMATS,
} from './formats';
import { hasOwn } from './schema';

/*
 * The Kubernetes CEL libraries the shipped CRDs use, for `@bufbuild/cel`:
 *
 * - IP library: `isIP(string) bool` (strict, `netip.ParseAddr`: no zones, no IPv4-mapped IPv6,
 *   no leading zeros; k8s.io/apiserver `pkg/cel/library/ip.go`, `parseIPAddr`). The OpenAPI
 *   `ipv4` format is lenient (see `STRING_FORMATS` in formats.ts): `010.0.0.1` passes the
 *   schema and fails `isIP()`, as on the API server.
 * - Named-format library: `format.<name>()` returns a format, `<format>.validate(string)`
 *   returns `optional<list<string>>`: `optional.none()` when the string is valid, otherwise the
 *   error strings; `format.named(string)` returns `optional<format>`.
 *
 * `@bufbuild/cel` has no optional type, so formats and optionals are represented as opaque CEL
 * `type` values (`objectType(...)`) whose payload lives in a WeakMap, with the methods
 * `hasValue()` and `value()`. Like a cel-go optional, such a value is never equal to `null`:
 * Gateway API v1.6.1's XBackend rule `format.dns1123Label().validate(self) == null` is therefore
 * false for every string, as it is on the API server (upstream fixed the rule after v1.6.1 to
 * `!format.dns1123Label().validate(self).hasValue()`).
 */

type Validate = (s: string) => string[];

function prefixOf(check: Validate): Validate {
  // Prefix formats validate a generateName prefix: a trailing '-' is allowed.
  return s => check(s.endsWith('-') ? s.slice(0, -1) : s);
}

const NAMED_FORMATS: { readonly [name: string]: Validate } = {
  dns1123Label: dns1123LabelErrors,
  dns1123Subdomain: dns1123SubdomainErrors,
  dns1035Label: dns1035LabelErrors,
  qualifiedName: qualifiedNameErrors,
  dns1123LabelPrefix: prefixOf(dns1123LabelErrors),
  dns1123SubdomainPrefix: prefixOf(dns1123SubdomainErrors),
  dns1035LabelPrefix: prefixOf(dns1035LabelErrors),
  labelValue: labelValueErrors,
  uuid: s => (STRING_FORMATS.uuid(s) ? [] : ['does not match the UUID format']),
  byte: s => (STRING_FORMATS.byte(s) ? [] : ['invalid base64']),
  date: s => (/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(s) ? [] : ['invalid date']),
  datetime: s => (STRING_FORMATS['date-time'](s) ? [] : ['invalid datetime']),
};

const formats = new WeakMap<object, Validate>();
const optionals = new WeakMap<object, { readonly value?: unknown }>();

function formatValue(name: string): object {
  const t = celRuntime().objectType(`kubernetes.NamedFormat.${name}`);
  formats.set(t, NAMED_FORMATS[name]);
  return t;
}

function optionalValue(value?: unknown): object {
  const t = celRuntime().objectType(value === undefined ? 'optional.none' : 'optional');
  optionals.set(t, { value });
  return t;
}

function optionalPayload(target: unknown): { readonly value?: unknown } {
  const payload = typeof target === 'object' && target !== null ? optionals.get(target) : undefined;
  if (!payload) throw new Error('no such overload: not an optional value');
  return payload;
}

/**
 * The Kubernetes-specific CEL functions and methods.
 * @internal
 */
export function kubernetesFunctions(): CelFunc[] {
  const { CelScalar, celFunc, celList, celMethod } = celRuntime();
  const funcs: CelFunc[] = [
    celFunc('isIP', [CelScalar.STRING], CelScalar.BOOL, s => isKubernetesIp(s)),
    celFunc('format.named', [CelScalar.STRING], CelScalar.DYN,
      name => (hasOwn(NAMED_FORMATS, name) ? optionalValue(formatValue(name)) : optionalValue()) as any),
    celMethod('validate', CelScalar.TYPE, [CelScalar.STRING], CelScalar.DYN, function (this: unknown, s: string) {
      const check = typeof this === 'object' && this !== null ? formats.get(this) : undefined;
      if (!check) throw new Error('no such overload: validate() needs a format');
      const errs = check(s);
      return (errs.length === 0 ? optionalValue() : optionalValue(celList(errs))) as any;
    }),
    celMethod('hasValue', CelScalar.TYPE, [], CelScalar.BOOL, function (this: unknown) {
      return optionalPayload(this).value !== undefined;
    }),
    celMethod('value', CelScalar.TYPE, [], CelScalar.DYN, function (this: unknown) {
      const payload = optionalPayload(this);
      if (payload.value === undefined) throw new Error('optional.none() dereference');
      return payload.value as any;
    }),
  ];
  for (const name of Object.keys(NAMED_FORMATS)) {
    funcs.push(celFunc(`format.${name}`, [], CelScalar.DYN, () => formatValue(name) as any));
  }
  return funcs;
}
