import { Code } from './codes';
import { describeEntry, Entry, ListenerInfo, nsName, ObjectIndex } from './object-index';
import { ListenerSetParents } from './parents';

/*
 * Listeners of a Gateway merged with those of its ListenerSets (GEP-1713 precedence: the
 * Gateway first, then the sets; creation times are unknown here, so by "{namespace}/{name}"):
 * distinctness across objects, the 64-listener budget, and HTTPS listeners without TLS.
 */

/** Most listeners an implementation must accept per Gateway, ListenerSets included. */
const MAX_LISTENERS = 64;
const HOSTNAME_PROTOCOLS = new Set(['HTTP', 'HTTPS', 'TLS']);

/**
 * Checks the listeners of every Gateway (with its attached ListenerSets) and of every
 * ListenerSet not attached to a Gateway of the input.
 * @internal
 */
export function checkListeners(ix: ObjectIndex, attached: ListenerSetParents): void {
  const setsOf = new Map<Entry, Entry[]>();
  for (const [ls, gateway] of attached) {
    const list = setsOf.get(gateway) ?? [];
    list.push(ls);
    setsOf.set(gateway, list);
  }
  for (const gateway of ix.ofKind('Gateway')) {
    const sets = (setsOf.get(gateway) ?? []).sort((a, b) => (nsName(a) < nsName(b) ? -1 : nsName(a) > nsName(b) ? 1 : 0));
    const merged = [...ix.listenersOf(gateway), ...sets.flatMap(s => ix.listenersOf(s))];
    checkDistinct(ix, merged);
    if (sets.length > 0 && merged.length > MAX_LISTENERS) {
      const own = ix.listenersOf(gateway).length;
      ix.report(gateway, 'spec.listeners', Code.TOO_MANY_LISTENERS, 'warning',
        `the Gateway has ${merged.length} listeners with its ListenerSets (${own} of its own, ${merged.length - own} from ${sets.map(s => `"${nsName(s)}"`).join(', ')}); implementations may reject those beyond ${MAX_LISTENERS} (TooManyListeners), the ListenerSets' last`);
    }
  }
  for (const ls of ix.ofKind('ListenerSet')) {
    if (!attached.has(ls)) checkDistinct(ix, ix.listenersOf(ls));
  }
  for (const owner of [...ix.ofKind('Gateway'), ...ix.ofKind('ListenerSet')]) {
    for (const l of ix.listenersOf(owner)) {
      if (l.protocol === 'HTTPS' && !l.hasTls) {
        ix.report(owner, `spec.listeners[${l.index}]`, Code.HTTPS_LISTENER_WITHOUT_TLS, 'error',
          `listener "${l.name}" has protocol HTTPS but no tls; an HTTPS listener must configure tls (mode Terminate with certificateRefs)`);
      }
    }
  }
}

/**
 * Reports each listener that is not distinct from an earlier one of the merged list (the later
 * one is marked Conflicted). Pairs the CRD's own CEL rule already rejects (same port, protocol
 * and hostname within one object) are left to it.
 */
function checkDistinct(ix: ObjectIndex, merged: ListenerInfo[]): void {
  const byPort = new Map<number, ListenerInfo[]>();
  for (const l of merged) {
    if (l.port === undefined) continue;
    const earlier = byPort.get(l.port) ?? [];
    const other = earlier.find(e => conflict(e, l) && !(e.owner === l.owner && sameKey(e, l)));
    if (other) {
      const where = other.owner === l.owner ? 'of this object' : `of ${describeEntry(other.owner)}`;
      ix.report(l.owner, `spec.listeners[${l.index}]`, Code.LISTENER_CONFLICT, 'error',
        `listener "${l.name}" (${describeListener(l)}) conflicts with listener "${other.name}" (${describeListener(other)}) ${where}: ${reason(other, l)}; implementations mark it Conflicted and do not serve it`);
    }
    earlier.push(l);
    byPort.set(l.port, earlier);
  }
}

function sameKey(a: ListenerInfo, b: ListenerInfo): boolean {
  return a.protocol === b.protocol && a.hostname === b.hostname;
}

/** Listeners on the same port that are not distinct (the spec's rules per protocol). */
function conflict(a: ListenerInfo, b: ListenerInfo): boolean {
  const ha = HOSTNAME_PROTOCOLS.has(a.protocol);
  const hb = HOSTNAME_PROTOCOLS.has(b.protocol);
  if (ha && hb) return a.hostname === b.hostname;
  if (a.protocol === b.protocol) return a.protocol === 'TCP' || a.protocol === 'UDP';
  return (a.protocol === 'TCP' && hb) || (b.protocol === 'TCP' && ha);
}

function reason(a: ListenerInfo, b: ListenerInfo): string {
  if (HOSTNAME_PROTOCOLS.has(a.protocol) && HOSTNAME_PROTOCOLS.has(b.protocol)) {
    return a.protocol === b.protocol
      ? `same port, protocol and ${a.hostname !== undefined ? 'hostname' : 'no hostname'}`
      : 'HTTP, HTTPS and TLS listeners on one port must differ in hostname';
  }
  return a.protocol === b.protocol ? `${a.protocol} listeners must differ in port` : 'a TCP listener shares the port with an HTTP, HTTPS or TLS listener';
}

function describeListener(l: ListenerInfo): string {
  return `${l.protocol}/${l.port}${l.hostname !== undefined ? ` ${l.hostname}` : ''}`;
}
