/**
 * CORS annotations: `enable-cors` and `cors-*`, parsed as ingress-nginx's
 * `internal/ingress/annotations/cors/main.go` does: every bad value silently falls back to its
 * default (here with an invalid notice), an origin the per-origin check refuses is skipped, and
 * `cors-*` without `enable-cors: "true"` has no effect. Internal.
 */
import { CorsPreset } from '../../helpers/cors-preset';
import { CorsFeature } from '../features';
import { FamilyContext } from './context';
import { splitList } from './values';

const PRESET = CorsPreset.options();

/** ingress-nginx's defaults (`cors/main.go` `defaultCors*`), as `CorsPreset` holds them. */
export const CORS_DEFAULTS: CorsFeature = {
  allowOrigins: [...PRESET.allowOrigins],
  allowMethods: [...PRESET.allowMethods!],
  allowHeaders: [...PRESET.allowHeaders!],
  exposeHeaders: [],
  allowCredentials: PRESET.allowCredentials!,
  maxAge: PRESET.maxAge!.toSeconds(),
};

/** `corsOriginRegexValidator`: the whole list (spaces removed). */
const ORIGINS = /^((((https?):\/\/(\*\.)?[A-Za-z0-9\-.]*(:\d+)?,?)+)|\*)?$/;
/** `corsOriginRegex`: one origin. */
const ORIGIN = /^(https?:\/\/(\*\.)?[A-Za-z0-9\-.]*(:\d+)?|\*)?$/;
const METHODS = /^([A-Za-z]+,?\s?)+$/;
const HEADERS = /^([A-Za-z0-9\-_]+,?\s?)+$/;
const EXPOSE_HEADERS = /^(([A-Za-z0-9\-_]+|\*),?\s?)+$/;

/** Reads `enable-cors` and `cors-*`; the CORS settings when enabled. */
export function parseCors(ctx: FamilyContext): CorsFeature | undefined {
  const enabled = ctx.bool('enable-cors', 'uses false (no CORS)') ?? false;
  if (!enabled) {
    for (const key of ctx.keysWithPrefix('cors-')) ctx.noEffect(key, 'enable-cors: "true"');
    return undefined;
  }
  const credentials = ctx.bool('cors-allow-credentials', 'uses true');
  const maxAge = ctx.int('cors-max-age', `uses ${CORS_DEFAULTS.maxAge}`);
  return {
    allowOrigins: origins(ctx),
    allowMethods: list(ctx, 'cors-allow-methods', METHODS, CORS_DEFAULTS.allowMethods, 'a comma-separated list of methods'),
    allowHeaders: list(ctx, 'cors-allow-headers', HEADERS, CORS_DEFAULTS.allowHeaders, 'a comma-separated list of header names'),
    exposeHeaders: list(ctx, 'cors-expose-headers', EXPOSE_HEADERS, CORS_DEFAULTS.exposeHeaders, 'a comma-separated list of header names or *'),
    allowCredentials: credentials ?? CORS_DEFAULTS.allowCredentials,
    maxAge: maxAge ?? CORS_DEFAULTS.maxAge,
  };
}

function origins(ctx: FamilyContext): string[] {
  const value = ctx.string('cors-allow-origin', '*');
  if (value === undefined) return [...CORS_DEFAULTS.allowOrigins];
  if (!ORIGINS.test(value.replace(/ /g, ''))) {
    ctx.invalid('cors-allow-origin', `value "${value}" is not * or a comma-separated list of http(s)://host[:port] origins (a leading *. allowed); ingress-nginx uses *`);
    return [...CORS_DEFAULTS.allowOrigins];
  }
  const out: string[] = [];
  const skipped: string[] = [];
  for (const origin of splitList(value)) {
    if (origin === '*') return ['*'];
    if (ORIGIN.test(origin)) out.push(origin);
    else skipped.push(origin);
  }
  if (skipped.length > 0) {
    ctx.invalid('cors-allow-origin', `entries ${skipped.map(s => `"${s}"`).join(', ')} are not http(s)://host[:port] origins; ingress-nginx skips them and allows ${out.length > 0 ? out.join(', ') : 'no origin'}`);
  }
  return out;
}

function list(ctx: FamilyContext, key: string, validator: RegExp, fallback: string[], what: string): string[] {
  const value = ctx.string(key, `the default (${fallback.join(', ') || 'none'})`);
  if (value === undefined) return [...fallback];
  if (!validator.test(value)) {
    ctx.invalid(key, `value "${value}" is not ${what}; ingress-nginx uses the default (${fallback.join(', ') || 'none'})`);
    return [...fallback];
  }
  return splitList(value);
}
