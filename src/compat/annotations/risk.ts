/**
 * Whether ingress-nginx would ignore a whole Ingress because of the risk of its annotations or
 * because it carries a snippet while snippets are off, as ingress-nginx decides it:
 * - `internal/ingress/annotations/parser/validators.go` `CheckAnnotationRisk`: every known key
 *   whose risk is above the ConfigMap's `annotations-risk-level` (default `High`, so only the
 *   Critical keys) is "too risky for environment", and `annotations.go` `Extract` drops the
 *   Ingress;
 * - `internal/ingress/controller/controller.go` `CheckIngress`: with `allow-snippet-annotations:
 *   false` (the default) any key under the prefix ending in `-snippet` rejects the Ingress
 *   ("Snippet directives are disabled by the Ingress administrator").
 * Internal: not part of the jsii API.
 */
import { NGINX_PREFIX } from '../model';
import { ANNOTATION_TABLE, annotationSpec, stripPrefix } from './table';
import { AnnotationRisk, RISK_ORDER } from './table-types';

/** The controller settings the check reads (from `EffectiveControllerConfig`). */
export interface RiskConfig {
  /** `allow-snippet-annotations` (default false). */
  readonly allowSnippetAnnotations: boolean;
  /** `annotations-risk-level` (default `High`): Low, Medium, High or Critical, any case. */
  readonly annotationsRiskLevel: string;
}

/**
 * The risk level a ConfigMap value means, as `parser.StringRiskToRisk` reads it: case-insensitive
 * `critical`, `high`, `medium`; anything else is Low (the strictest).
 */
export function riskLevelOf(text: string): AnnotationRisk {
  switch (text.trim().toLowerCase()) {
    case 'critical': return AnnotationRisk.CRITICAL;
    case 'high': return AnnotationRisk.HIGH;
    case 'medium': return AnnotationRisk.MEDIUM;
    default: return AnnotationRisk.LOW;
  }
}

/** The snippet annotations ingress-nginx knows (keys without the prefix, sorted). */
export function snippetKeys(): string[] {
  return ANNOTATION_TABLE.filter(s => isSnippetKey(s.key)).map(s => s.key).sort();
}

/** Whether a key (with or without the prefix) is a snippet for `CheckIngress`: it ends in `-snippet`. */
export function isSnippetKey(key: string): boolean {
  return stripPrefix(key).endsWith('-snippet');
}

/**
 * Why ingress-nginx would ignore the whole Ingress with these annotations (keys without the
 * prefix, as in `IngressModel.nginx`), or undefined when it accepts them. The reason names
 * every offending key and what to change.
 */
export function rejectionReason(nginxAnnotations: ReadonlyMap<string, string>, config: RiskConfig): string | undefined {
  const keys = [...nginxAnnotations.keys()].map(stripPrefix).sort();
  const parts: string[] = [];
  const snippets = config.allowSnippetAnnotations ? [] : keys.filter(isSnippetKey);
  if (snippets.length > 0) {
    parts.push(`${list(snippets)} ${snippets.length === 1 ? 'is a snippet' : 'are snippets'} while the controller's allow-snippet-annotations is false`);
  }
  const level = riskLevelOf(config.annotationsRiskLevel);
  const tooRisky = keys.filter(k => {
    const spec = annotationSpec(k);
    return spec !== undefined && RISK_ORDER.indexOf(spec.risk) > RISK_ORDER.indexOf(level);
  });
  if (tooRisky.length > 0) {
    const described = tooRisky.map(k => `\`${NGINX_PREFIX}${k}\` (${annotationSpec(k)!.risk})`).join(', ');
    parts.push(`${described} ${tooRisky.length === 1 ? 'is' : 'are'} above the controller's annotations-risk-level ${level}`);
  }
  if (parts.length === 0) return undefined;
  const one = new Set([...snippets, ...tooRisky]).size === 1;
  return `ingress-nginx ignores this whole Ingress: ${parts.join('; ')}. Remove ${one ? 'the annotation' : 'these annotations'} (port ${one ? 'what it does' : 'what they do'} to Gateway API fields) or change the controller settings.`;
}

function list(keys: string[]): string {
  return keys.map(k => `\`${NGINX_PREFIX}${k}\``).join(', ');
}
