import { IConstruct } from 'constructs';

/**
 * Names a construct in an error message: `HttpRoute test/web`.
 * @internal
 */
export function describeConstruct(scope: IConstruct, kind: string): string {
  return `${kind} ${scope.node.path}`;
}

/**
 * Throws an error that names the construct path, the field and the value.
 * @internal
 */
export function throwAt(scope: IConstruct, kind: string, message: string): never {
  throw new Error(`${describeConstruct(scope, kind)}: ${message}`);
}

/**
 * Throws an error from a value factory (no construct yet): `PathMatch.prefix: ...`.
 * @internal
 */
export function throwIn(factory: string, message: string): never {
  throw new Error(`${factory}: ${message}`);
}
