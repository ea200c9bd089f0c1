import { Finding } from './codes';
import { Entry, entryOf } from './facts';
import { checkReferenceGrants } from './grants';
import { checkListeners } from './listeners';
import { ObjectIndex } from './object-index';
import { checkListenerSetParents, checkRouteParents } from './parents';
import { checkPolicyTargets } from './policies';
import { checkRoutes } from './routes';
import { Shared, Strings } from './values';
import { CrdSet } from '../catalog';

export { Code } from './codes';
export type { Finding, Severity } from './codes';
export { entryOf } from './facts';
export type { Entry, FactTables } from './facts';
export { Shared, Strings } from './values';

/**
 * One object of the input, as the cross-object checks see it.
 * @internal
 */
export interface CrossObjectInput {
  /** The decoded object (never modified). */
  readonly obj: unknown;
  /** The Gateway API CRDs the object is validated against (decides channel-dependent checks). */
  readonly crds?: CrdSet;
}

/**
 * Checks that no API server performs, over all objects of one input (an app or a file set):
 * attachment of routes and ListenerSets, ReferenceGrants, listener distinctness across a Gateway
 * and its ListenerSets, route conflicts, policy targets, and the spec's MUSTs the CRDs leave
 * unchecked.
 *
 * @returns the findings, in no particular order (the caller sorts them)
 * @internal
 */
export function checkCrossObject(inputs: readonly CrossObjectInput[]): Finding[] {
  const tables = { strings: new Strings(), shared: new Shared() };
  const entries: Entry[] = [];
  inputs.forEach((input, index) => {
    const e = entryOf(input.obj, index, input.crds, tables);
    if (e) entries.push(e);
  });
  return checkEntries(entries, index => inputs[index].obj);
}

/**
 * {@link checkCrossObject} over the facts of the objects (taken with `entryOf` as each object
 * was read): one pass to index them, then linear passes per concern.
 *
 * @param entries the facts of every object with an identity, in input order
 * @param reread the object at a position of the input, decoded again: called only for an
 *   identity defined more than once, to compare its definitions
 * @returns the findings, in no particular order (the caller sorts them)
 * @internal
 */
export function checkEntries(entries: readonly Entry[], reread: (index: number) => unknown): Finding[] {
  const ix = new ObjectIndex(entries, reread);
  const attachedSets = checkListenerSetParents(ix);
  checkListeners(ix, attachedSets);
  const attachments = checkRouteParents(ix);
  checkRoutes(ix, attachments);
  checkReferenceGrants(ix);
  checkPolicyTargets(ix);
  return ix.findings;
}
