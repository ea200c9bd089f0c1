/**
 * ingress-nginx's `strict-validate-path-type` (ConfigMap, default true): an Ingress with an
 * `Exact` or `Prefix` path that is not made of plain characters is refused as a whole, by the
 * admission webhook and when the controller syncs (`internal/ingress/inspector/ingress.go`
 * `ValidatePathType`, called from `internal/ingress/controller/controller.go` `CheckIngress`
 * and `getIngresses`). Regex characters belong on `ImplementationSpecific` paths. Internal.
 */
import { IngressModel } from '../model';

/** `inspector.validPathType`: `(?i)^/[[:alnum:]._\-/]*$`. */
const VALID_PATH = /^\/[A-Za-z0-9._\-/]*$/;

/** The controller setting the check reads (from `EffectiveControllerConfig`). */
export interface PathTypeConfig {
  readonly strictValidatePathType: boolean;
}

/** The Exact and Prefix paths of an Ingress that fail the check, in spec order. */
export function invalidTypedPaths(ingress: IngressModel): Array<{ readonly host?: string; readonly path: string; readonly pathType: string }> {
  const out: Array<{ host?: string; path: string; pathType: string }> = [];
  for (const rule of ingress.rules) {
    for (const p of rule.paths) {
      if ((p.pathType === 'Exact' || p.pathType === 'Prefix') && !VALID_PATH.test(p.path)) {
        out.push({ ...(rule.host === undefined ? {} : { host: rule.host }), path: p.path, pathType: p.pathType });
      }
    }
  }
  return out;
}

/**
 * Why ingress-nginx refuses the whole Ingress for its path types, naming each path at fault and
 * what to change; undefined when the check passes or is off.
 */
export function pathTypeRejection(ingress: IngressModel, config: PathTypeConfig): string | undefined {
  if (!config.strictValidatePathType) return undefined;
  const bad = invalidTypedPaths(ingress);
  if (bad.length === 0) return undefined;
  const described = bad.map(b => `path ${JSON.stringify(b.path)} (pathType ${b.pathType}${b.host === undefined ? '' : `, host ${b.host}`})`).join(', ');
  const one = bad.length === 1;
  return `ingress-nginx ignores this whole Ingress: ${described} ${one ? 'has' : 'have'} characters other than letters, digits, ".", "_", "-" and "/", which the controller's strict-validate-path-type (default true) refuses on Exact and Prefix paths. Give ${one ? 'the path' : 'these paths'} pathType ImplementationSpecific (with use-regex: "true" for a regular expression), or set strict-validate-path-type: "false" in the controller ConfigMap.`;
}
