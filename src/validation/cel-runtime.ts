import type * as Cel from '@bufbuild/cel';
import type * as CelExt from '@bufbuild/cel/ext';

/*
 * `@bufbuild/cel` (and the protobuf runtime under it) loaded on first use: loading it costs
 * about as much as starting node, and a process that validates only objects whose rules the
 * fast path of `cel-lite.ts` decides (or no Gateway API object at all) never needs it.
 */

let cel: typeof Cel | undefined;
let ext: typeof CelExt | undefined;

/**
 * The `@bufbuild/cel` module, loaded on first use.
 * @internal
 */
export function celRuntime(): typeof Cel {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return cel ??= require('@bufbuild/cel') as typeof Cel;
}

/**
 * The `@bufbuild/cel/ext` module (string extensions), loaded on first use.
 * @internal
 */
export function celExtensions(): typeof CelExt {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return ext ??= require('@bufbuild/cel/ext') as typeof CelExt;
}
