import { rejectionReason, riskLevelOf, snippetKeys, isSnippetKey } from '../../src/compat/annotations/risk';
import { AnnotationRisk } from '../../src/compat/annotations/table';

const DEFAULTS = { allowSnippetAnnotations: false, annotationsRiskLevel: 'High' };
const annotations = (...keys: string[]) => new Map(keys.map(k => [k, 'x']));

describe('snippetKeys', () => {
  test('lists the five snippet annotations', () => {
    expect(snippetKeys()).toStrictEqual(['auth-snippet', 'configuration-snippet', 'modsecurity-snippet', 'server-snippet', 'stream-snippet']);
  });

  test('a snippet is any key ending in -snippet, known or not, with or without the prefix', () => {
    expect(isSnippetKey('nginx.ingress.kubernetes.io/server-snippet')).toBe(true);
    expect(isSnippetKey('my-snippet')).toBe(true);
    expect(isSnippetKey('snippet')).toBe(false);
    expect(isSnippetKey('server-snippets')).toBe(false);
  });
});

describe('riskLevelOf', () => {
  test.each([
    ['Critical', AnnotationRisk.CRITICAL],
    ['HIGH', AnnotationRisk.HIGH],
    [' medium ', AnnotationRisk.MEDIUM],
    ['low', AnnotationRisk.LOW],
    ['bogus', AnnotationRisk.LOW],
    ['', AnnotationRisk.LOW],
  ])('%s → %s', (text, risk) => {
    expect(riskLevelOf(text)).toBe(risk);
  });
});

describe('rejectionReason', () => {
  test('accepts an Ingress without snippets or Critical keys under the defaults', () => {
    expect(rejectionReason(annotations('use-regex', 'rewrite-target', 'server-alias', 'auth-url', 'unknown-key'), DEFAULTS)).toBeUndefined();
    expect(rejectionReason(new Map(), DEFAULTS)).toBeUndefined();
  });

  test('rejects a snippet under the defaults, for both reasons', () => {
    expect(rejectionReason(annotations('use-regex', 'configuration-snippet'), DEFAULTS)).toBe(
      'ingress-nginx ignores this whole Ingress: `nginx.ingress.kubernetes.io/configuration-snippet` is a snippet while the controller\'s allow-snippet-annotations is false; '
      + '`nginx.ingress.kubernetes.io/configuration-snippet` (Critical) is above the controller\'s annotations-risk-level High. '
      + 'Remove the annotation (port what it does to Gateway API fields) or change the controller settings.',
    );
  });

  test('names every offending key, sorted, and reads keys with the prefix', () => {
    expect(rejectionReason(annotations('nginx.ingress.kubernetes.io/server-snippet', 'auth-snippet'), DEFAULTS)).toBe(
      'ingress-nginx ignores this whole Ingress: `nginx.ingress.kubernetes.io/auth-snippet`, `nginx.ingress.kubernetes.io/server-snippet` are snippets while the controller\'s allow-snippet-annotations is false; '
      + '`nginx.ingress.kubernetes.io/auth-snippet` (Critical), `nginx.ingress.kubernetes.io/server-snippet` (Critical) are above the controller\'s annotations-risk-level High. '
      + 'Remove these annotations (port what they do to Gateway API fields) or change the controller settings.',
    );
  });

  test('with snippets allowed, the risk level alone still rejects a Critical key', () => {
    expect(rejectionReason(annotations('server-snippet'), { allowSnippetAnnotations: true, annotationsRiskLevel: 'High' }))
      .toMatch(/^ingress-nginx ignores this whole Ingress: `nginx\.ingress\.kubernetes\.io\/server-snippet` \(Critical\) is above the controller's annotations-risk-level High\. Remove the annotation/);
    expect(rejectionReason(annotations('server-snippet'), { allowSnippetAnnotations: true, annotationsRiskLevel: 'critical' })).toBeUndefined();
  });

  test('with the level at Critical, a disallowed snippet still rejects (CheckIngress), even an unknown one', () => {
    expect(rejectionReason(annotations('auth-snippet'), { allowSnippetAnnotations: false, annotationsRiskLevel: 'Critical' }))
      .toMatch(/: `nginx\.ingress\.kubernetes\.io\/auth-snippet` is a snippet while the controller's allow-snippet-annotations is false\. Remove/);
    expect(rejectionReason(annotations('custom-snippet'), DEFAULTS))
      .toMatch(/: `nginx\.ingress\.kubernetes\.io\/custom-snippet` is a snippet while the controller's allow-snippet-annotations is false\. Remove/);
  });

  test('a lower level rejects the keys above it; an unknown level is Low', () => {
    expect(rejectionReason(annotations('server-alias', 'rewrite-target', 'use-regex'), { allowSnippetAnnotations: true, annotationsRiskLevel: 'medium' }))
      .toMatch(/: `nginx\.ingress\.kubernetes\.io\/server-alias` \(High\) is above the controller's annotations-risk-level Medium\. /);
    expect(rejectionReason(annotations('rewrite-target', 'use-regex'), { allowSnippetAnnotations: true, annotationsRiskLevel: 'bogus' }))
      .toMatch(/: `nginx\.ingress\.kubernetes\.io\/rewrite-target` \(Medium\) is above the controller's annotations-risk-level Low\. /);
    expect(rejectionReason(annotations('use-regex', 'canary'), { allowSnippetAnnotations: true, annotationsRiskLevel: 'Low' })).toBeUndefined();
  });
});
