import { Size, SizeRoundingBehavior } from 'cdk8s';

const BINARY_UNITS: ReadonlyArray<[string, number]> = [['Ti', 1024 ** 4], ['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]];
const NGINX_UNITS: ReadonlyArray<[string, number]> = [['g', 1024 ** 3], ['m', 1024 ** 2], ['k', 1024], ['', 1]];
/** nginx sizes in NGINX Gateway Fabric's CRDs: 1 to 4 digits and an optional k, m or g (`^\d{1,4}(k|m|g)?$`). */
const NGINX_MAX_DIGITS = 9999;

/**
 * The number of bytes of a `cdk8s.Size`, or an error when it is not a whole number of bytes.
 * @internal
 */
export function sizeInBytes(size: Size): { bytes?: number; error?: string } {
  const bytes = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) * 1024;
  if (!Number.isSafeInteger(bytes) || bytes < 0) {
    return { error: `size ${size.toKibibytes({ rounding: SizeRoundingBehavior.NONE })}KiB is not a whole number of bytes` };
  }
  return { bytes };
}

/**
 * Renders a size as a Kubernetes quantity in the largest binary unit that divides it exactly
 * (`1Mi`, `50Mi`, `1536Ki`), or in bytes (`1000`).
 * @internal
 */
export function toQuantity(size: Size): { value?: string; error?: string } {
  const { bytes, error } = sizeInBytes(size);
  if (bytes === undefined) return { error };
  for (const [unit, factor] of BINARY_UNITS) {
    if (bytes >= factor && bytes % factor === 0) return { value: `${bytes / factor}${unit}` };
  }
  return { value: `${bytes}` };
}

/**
 * Renders a size in nginx's form as NGINX Gateway Fabric's CRDs accept it: 1 to 4 digits and
 * an optional `k`, `m` or `g` (`1m`, `50m`, `512k`, `8192`), in the largest unit that divides
 * it exactly. A size that needs more than 4 digits in every exact unit is an error naming the
 * nearest sizes that can be written.
 * @internal
 */
export function toNginxSize(size: Size): { value?: string; error?: string } {
  const { bytes, error } = sizeInBytes(size);
  if (bytes === undefined) return { error };
  for (const [unit, factor] of NGINX_UNITS) {
    if (bytes % factor === 0 && bytes / factor <= NGINX_MAX_DIGITS) return { value: `${bytes / factor}${unit}` };
  }
  const below = NGINX_UNITS.map(([unit, factor]) => [unit, Math.min(Math.floor(bytes / factor), NGINX_MAX_DIGITS)] as const).find(([, n]) => n > 0);
  return {
    error: `size ${bytes} bytes cannot be written as an nginx size of at most 4 digits with k, m or g (the CRD pattern ^\\d{1,4}(k|m|g)?$)${below ? `; use e.g. ${below[1]}${below[0]}` : ''}`,
  };
}
