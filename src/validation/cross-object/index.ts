import { Finding } from './codes';
import { checkReferenceGrants } from './grants';
import { checkListeners } from './listeners';
import { CrossObjectInput, ObjectIndex } from './object-index';
import { checkListenerSetParents, checkRouteParents } from './parents';
import { checkPolicyTargets } from './policies';
import { checkRoutes } from './routes';

export { Code } from './codes';
export type { Finding, Severity } from './codes';
export type { CrossObjectInput } from './object-index';

/**
 * Checks that no API server performs, over all objects of one input (an app or a file set):
 * attachment of routes and ListenerSets, ReferenceGrants, listener distinctness across a Gateway
 * and its ListenerSets, route conflicts, policy targets, and the spec's MUSTs the CRDs leave
 * unchecked. One pass to index the objects, then linear passes per concern.
 *
 * @returns the findings, in no particular order (the caller sorts them)
 * @internal
 */
export function checkCrossObject(inputs: readonly CrossObjectInput[]): Finding[] {
  const ix = new ObjectIndex(inputs);
  const attachedSets = checkListenerSetParents(ix);
  checkListeners(ix, attachedSets);
  const attachments = checkRouteParents(ix);
  checkRoutes(ix, attachments);
  checkReferenceGrants(ix);
  checkPolicyTargets(ix);
  return ix.findings;
}
