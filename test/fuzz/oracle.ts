/**
 * The fuzz oracle, shared by the Jest property and the nightly script: builds an app
 * description into a cdk8s App (`build-app.ts`), synthesizes it, and judges the outcome.
 *
 * The oracle. Building and synthesizing an app must end in exactly one of:
 *
 * 1. **Rejected**: an `Error` (not a `TypeError`, `RangeError`, …) whose message is descriptive:
 *    - an eager construct or factory error, whose first line starts with the construct kind and
 *      path (`HttpRoute apps/Route0: spec.rules[0]: …`) or the factory
 *      (`PathMatch.prefix: …`, `Backend: …`), see `EAGER`; or
 *    - the cdk8s synth-time aggregate `Validation failed with the following errors:` followed by
 *      one `[construct/path] message` line per problem, see `AGGREGATE`;
 *    and no message says `[object Object]`, `undefined` or `NaN` where a value belongs.
 *    The fuzz apps turn the library's synth-time CRD validation off (`GatewayApiValidation`) and
 *    validate explicitly (2.), so a throw should only come from the constructs' own checks. As a
 *    safety net, an aggregate entry worded like the API server (`Invalid value:`, `Required
 *    value`, `Unsupported value`, `Too many`, `Duplicate value`, `Forbidden`, `must have at
 *    most`) or ending in a validation code (`[cel]`, `[parent-not-found]`, …) comes from
 *    schema/CEL/cross-object validation, not from the constructs: they let an invalid object
 *    through, so it is a FAILURE.
 * 2. **Accepted**: the synthesized objects, together, pass `ManifestValidator.validateObjects`
 *    (v1.6.1 Standard CRD schemas and CEL rules, then the cross-object checks) with no error
 *    result; results with `severity: 'warning'` (route conflicts, unused hostnames, …) are not
 *    errors. Schema/CEL errors are always findings (the constructs must never emit an object
 *    the API server rejects). Cross-object errors are findings when they are about facts the
 *    constructs check themselves (section names, ports, hostname intersection, ReferenceGrants,
 *    rule names, listener conflicts within one object, ListenerSet attachment, …); the few the
 *    constructs leave to the library's synth-time validation (`LEFT_TO_VALIDATOR`: allowedRoutes
 *    kinds and namespaces, HTTPRoute/GRPCRoute hostname clashes, ListenerSet-vs-Gateway listener
 *    conflicts) make the outcome **flagged**: with validation on, as in a user's app, synth
 *    fails with those messages, naming the construct path.
 *
 * Anything else (a non-descriptive error, a non-`Error` throw, an accepted app with invalid
 * objects) is a finding.
 */
import { buildApp } from './build-app';
import { AppDesc } from './descriptions';
import * as gw from '../../src';

/** First line of an eager error: `Kind construct/path: …` or `Factory(.method): …`. */
export const EAGER = /^(\w+ [\w/.-]+|[A-Z]\w+(\.\w+)?): \S/;
/** The cdk8s synth-time validation aggregate. */
export const AGGREGATE = /^Validation failed with the following errors:\n((  \[[\w/.-]+\] .+)(\n|$))+$/;
/** API-server wording of schema and CEL results (see `src/validation/errors.ts`). */
export const API_SERVER_WORDING = /(^|: )(Invalid value|Required value|Unsupported value|Too many|Duplicate value|Forbidden)(:|$)|must have at (most|least) \d/;
/** The `[code]` that synth-time validation (`GatewayApiValidation`) appends to each of its lines. */
export const VALIDATOR_CODE = / \[(schema|cel|cel-skipped|unknown-kind|not-an-object|[a-z]+(-[a-z]+)+)\]$/;

/** True when an aggregate entry comes from CRD/CEL or cross-object validation, not from a construct. */
export function isValidatorEntry(entry: string): boolean {
  return API_SERVER_WORDING.test(entry) || VALIDATOR_CODE.test(entry);
}

/** Signs of a value rendered without care. */
const SLOPPY = /\[object Object\]|"undefined"|\bNaN\b|: undefined\b/;

/** Results that are the CRD schema and CEL rules (what the API server itself checks). */
const API_SERVER_CODES = new Set(['schema', 'cel', 'cel-skipped', 'unknown-kind', 'not-an-object', 'yaml']);

/**
 * Cross-object facts the constructs do not check, by design: they are left to the library's
 * synth-time validation (`GatewayApiValidation`, on by default), which reports them with the
 * construct path. An app with such an error is "flagged": rejected at synth, descriptively.
 * (`listener-conflict` belongs here only between two objects, a ListenerSet and its Gateway.)
 */
const LEFT_TO_VALIDATOR = new Set(['route-kind-not-allowed', 'namespace-not-allowed', 'route-kind-conflict']);

/** True when a cross-object error is one the constructs leave to the validator. */
function leftToValidator(r: gw.ValidationResult, code: string, objects: any[]): boolean {
  if (LEFT_TO_VALIDATOR.has(code)) return true;
  if (code === 'listener-conflict') return !r.message.includes('of this object');
  if (code === 'no-matching-listener-hostname') return parentFilteredByAllowedRoutes(r, objects);
  return false;
}

const ROUTE_PROTOCOLS: Record<string, string[]> = {
  HTTPRoute: ['HTTP', 'HTTPS'], GRPCRoute: ['HTTP', 'HTTPS'], TLSRoute: ['TLS'], TCPRoute: ['TCP'], UDPRoute: ['UDP'],
};

/**
 * The constructs check hostname intersection against every listener of the parent whose
 * protocol suits the route; the validator only against listeners whose `allowedRoutes` admit
 * the route's kind and namespace. A `no-matching-listener-hostname` for a parent where some
 * suitable listener does not admit the route is a consequence of `allowedRoutes` (left to the
 * validator), not a wrong intersection.
 */
function parentFilteredByAllowedRoutes(r: gw.ValidationResult, objects: any[]): boolean {
  const index = /^spec\.parentRefs\[(\d+)\]/.exec(r.path);
  const route = objects.find(o => o.kind === r.kind && o.metadata?.name === r.name && o.metadata?.namespace === r.namespace);
  const ref = index && route?.spec?.parentRefs?.[Number(index[1])];
  if (!ref) return false;
  const parentNs = ref.namespace ?? r.namespace;
  const owner = objects.find(o => o.kind === (ref.kind ?? 'Gateway') && o.metadata?.name === ref.name && o.metadata?.namespace === parentNs);
  const listeners: any[] = (owner?.spec?.listeners ?? []).filter((l: any) =>
    (ref.sectionName === undefined || l.name === ref.sectionName) && (ref.port === undefined || l.port === ref.port)
    && ((ROUTE_PROTOCOLS[r.kind] ?? []).includes(l.protocol) || l.protocol.includes('/')));
  return listeners.some(l => {
    const kinds: any[] | undefined = l.allowedRoutes?.kinds;
    if (kinds && !kinds.some(k => (k.group ?? 'gateway.networking.k8s.io') === 'gateway.networking.k8s.io' && k.kind === r.kind)) return true;
    const from = l.allowedRoutes?.namespaces?.from ?? 'Same';
    return from === 'Same' && parentNs !== r.namespace;
  });
}

export type Verdict =
  | { readonly ok: true; readonly outcome: 'rejected'; readonly message: string }
  | { readonly ok: true; readonly outcome: 'flagged'; readonly message: string }
  | { readonly ok: true; readonly outcome: 'accepted'; readonly objects: number }
  | { readonly ok: false; readonly reason: string; readonly detail: string };

/** Builds, synthesizes and judges one app description. */
export function judge(desc: AppDesc): Verdict {
  let objects: any[];
  try {
    const app = buildApp(desc);
    objects = app.charts.flatMap(c => c.toJson());
  } catch (e) {
    return judgeError(e);
  }
  return judgeObjects(objects);
}

/**
 * Judges the objects of an app the constructs accepted (see the oracle above): schema and CEL
 * errors, and cross-object errors about facts the constructs check themselves, are findings;
 * cross-object errors the constructs leave to the validator make the app "flagged". Errors on
 * an object that also has a left-to-the-validator error are taken as its consequences.
 */
export function judgeObjects(objects: any[]): Verdict {
  const errors = gw.ManifestValidator.validateObjects(objects)
    .filter(r => (r as { severity?: string }).severity !== 'warning');
  const codeOf = (r: gw.ValidationResult) => (r as { code?: string }).code ?? 'schema';
  const idOf = (r: gw.ValidationResult) => `${r.kind}/${r.namespace ?? ''}/${r.name ?? ''}`;
  const left = errors.filter(r => !API_SERVER_CODES.has(codeOf(r)) && leftToValidator(r, codeOf(r), objects));
  const excused = new Set(left.map(idOf));
  const findings = errors.filter(r => !left.includes(r) && (API_SERVER_CODES.has(codeOf(r)) || !excused.has(idOf(r))));
  const describe = (list: gw.ValidationResult[]) => list.map(r => `${r.kind} ${r.namespace ?? ''}/${r.name ?? ''} ${r.path}: ${r.message} [${codeOf(r)}]`).join('\n');
  if (findings.length > 0) {
    const schema = findings.some(r => API_SERVER_CODES.has(codeOf(r)));
    return {
      ok: false,
      reason: schema
        ? 'accepted by the constructs but rejected by the v1.6.1 Standard CRDs (schema/CEL)'
        : 'accepted by the constructs but rejected by a cross-object check the constructs are meant to enforce',
      detail: `${describe(findings)}\n\nobjects:\n${JSON.stringify(objects, null, 1)}`,
    };
  }
  if (left.length > 0) return { ok: true, outcome: 'flagged', message: describe(left) };
  return { ok: true, outcome: 'accepted', objects: objects.length };
}

/** Judges a throw from building or synthesizing. */
export function judgeError(e: unknown): Verdict {
  if (!(e instanceof Error) || e.constructor !== Error) {
    const name = e instanceof Error ? e.constructor.name : typeof e;
    return { ok: false, reason: `threw a ${name}, not a descriptive Error`, detail: e instanceof Error ? e.stack ?? e.message : String(e) };
  }
  const message = e.message;
  if (message.startsWith('Validation failed')) {
    if (!AGGREGATE.test(message)) {
      return { ok: false, reason: 'synth validation message is not "[path] message" lines', detail: message };
    }
    const schemaEntries = message.split('\n').slice(1).filter(line => isValidatorEntry(line.replace(/^ {2}\[[^\]]*\] /, '')));
    if (schemaEntries.length > 0) {
      return { ok: false, reason: 'the constructs let an object through that schema/CEL validation rejected at synth', detail: message };
    }
  } else if (!EAGER.test(message)) {
    return { ok: false, reason: 'error message does not name a construct path or factory', detail: e.stack ?? message };
  }
  if (SLOPPY.test(message)) {
    return { ok: false, reason: 'error message renders a value as [object Object], undefined or NaN', detail: message };
  }
  return { ok: true, outcome: 'rejected', message };
}
