import * as fs from 'fs';
import * as path from 'path';
import {
  ANNOTATION_TABLE, AnnotationFamily, AnnotationRisk, annotationKeys, fallbackNotice, annotationSpec, annotationsOfFamily,
  isKnownAnnotation, isNoOpValue, profileHandling, statusCounts, stripPrefix, tableVerdict,
} from '../../src/compat/annotations/table';
import { family, T } from '../../src/compat/annotations/table-types';
import { NoticeStatus } from '../../src/compat/notices';
import { Behavior } from '../../src/profiles/behaviors';
import { ProfileName, verdictOf } from '../../src/profiles/verdicts';
import { SHARED_DIR, describeWithShared } from '../support/shared-data';

const PROFILES = Object.values(ProfileName);

/** §6 of the reference: key → family (by subsection), scope and risk. */
function readReferenceTable(): Map<string, { family: AnnotationFamily; scope: string; risk: string }> {
  const text = fs.readFileSync(path.join(SHARED_DIR, 'reference', 'ingress-nginx-semantics.md'), 'utf8');
  const section = text.slice(text.indexOf('\n## 6.'), text.indexOf('\n## 7.'));
  const families: Record<string, AnnotationFamily> = {
    6.1: AnnotationFamily.ROUTING,
    6.2: AnnotationFamily.PROXY,
    6.3: AnnotationFamily.TLS,
    6.4: AnnotationFamily.AUTH,
    6.5: AnnotationFamily.CANARY,
    6.6: AnnotationFamily.CORS,
    6.7: AnnotationFamily.OBSERVABILITY,
  };
  const out = new Map<string, { family: AnnotationFamily; scope: string; risk: string }>();
  let current: AnnotationFamily | undefined;
  for (const line of section.split('\n')) {
    const heading = /^### (6\.\d)/.exec(line);
    if (heading) current = families[heading[1]];
    if (!line.startsWith('| `')) continue;
    const cells = line.split('|').map(c => c.trim());
    const keys = [...cells[1].matchAll(/`([^`]+)`/g)].map(m => m[1]);
    const scopeRisk = cells.map(c => /^(ingress|location)·\**(Low|Medium|High|Critical)\**$/.exec(c)).find(m => m !== null);
    if (!scopeRisk || !current) throw new Error(`cannot read the §6 row: ${line}`);
    for (const key of keys) out.set(key, { family: current, scope: scopeRisk[1], risk: scopeRisk[2] });
  }
  return out;
}

describeWithShared('the annotation table against §6 of the ingress-nginx reference', () => {
  const reference = readReferenceTable();

  test('has exactly the 138 keys of §6, aliases included', () => {
    expect(reference.size).toBe(138);
    expect(annotationKeys()).toStrictEqual([...reference.keys()].sort());
  });

  test('gives every key the family, scope and risk of §6', () => {
    const actual = ANNOTATION_TABLE.map(s => [s.key, { family: s.family, scope: s.scope, risk: s.risk }]);
    expect(new Map(actual as Array<[string, unknown]>)).toStrictEqual(reference);
  });
});

describe('the annotation table', () => {
  test('has 138 entries in seven families', () => {
    expect(ANNOTATION_TABLE.length).toBe(138);
    expect(Object.values(AnnotationFamily).map(f => [f, annotationsOfFamily(f).length])).toStrictEqual([
      ['routing', 15], ['proxy', 37], ['tls', 16], ['auth', 32], ['canary', 19], ['cors', 7], ['observability', 12],
    ]);
  });

  test('lists aliases with the handling of the key they alias', () => {
    const aliases = ANNOTATION_TABLE.filter(s => s.aliasOf !== undefined).map(s => [s.key, s.aliasOf]);
    expect(aliases).toStrictEqual([['whitelist-source-range', 'allowlist-source-range'], ['limit-whitelist', 'limit-allowlist']]);
    for (const [alias, key] of aliases) {
      for (const profile of PROFILES) {
        expect(profileHandling(annotationSpec(alias!)!, profile)).toStrictEqual(profileHandling(annotationSpec(key!)!, profile));
      }
    }
  });

  test('the Critical keys are exactly the snippets', () => {
    expect(ANNOTATION_TABLE.filter(s => s.risk === AnnotationRisk.CRITICAL).map(s => s.key).sort())
      .toStrictEqual(['auth-snippet', 'configuration-snippet', 'modsecurity-snippet', 'server-snippet', 'stream-snippet']);
  });

  test('every handling on every profile is one or two sentences with a status other than invalid', () => {
    for (const spec of ANNOTATION_TABLE) {
      for (const profile of PROFILES) {
        const h = profileHandling(spec, profile);
        expect([NoticeStatus.TRANSLATED, NoticeStatus.APPROXIMATE, NoticeStatus.UNSUPPORTED]).toContain(h.status);
        expect(h.message).toMatch(/^[A-Za-z`].{10,}[.)]$/);
        const sentences = h.message.split(/[.?]\s+(?=[A-Z`])/).length;
        if (sentences > 2) throw new Error(`${spec.key} on ${profile}: ${sentences} sentences: ${h.message}`);
      }
    }
  });

  test('an entry with a behaviour takes each profile\'s verdict on it', () => {
    const body = annotationSpec('proxy-body-size')!;
    expect(body.behavior).toBe(Behavior.BODY_SIZE_LIMIT);
    expect(profileHandling(body, ProfileName.ENVOY_GATEWAY)).toStrictEqual({ status: NoticeStatus.TRANSLATED, message: 'BackendTrafficPolicy `requestBuffer.limit`.' });
    expect(profileHandling(body, ProfileName.NGINX_GATEWAY_FABRIC)).toStrictEqual({ status: NoticeStatus.TRANSLATED, message: 'ClientSettingsPolicy `body.maxSize`.' });
    const std = verdictOf(Behavior.BODY_SIZE_LIMIT, ProfileName.STANDARD).note;
    expect(profileHandling(body, ProfileName.STANDARD)).toStrictEqual({ status: NoticeStatus.UNSUPPORTED, message: `${std[0].toUpperCase()}${std.slice(1)}` });

    const timeouts = annotationSpec('proxy-read-timeout')!;
    const eg = verdictOf(Behavior.IDLE_TIMEOUTS, ProfileName.ENVOY_GATEWAY);
    expect(profileHandling(timeouts, ProfileName.ENVOY_GATEWAY)).toStrictEqual({ status: NoticeStatus.APPROXIMATE, message: `${eg.emits}: ${eg.note}` });
  });

  test('a verdict that emits nothing says so', () => {
    const buffering = annotationSpec('proxy-buffering')!;
    expect(profileHandling(buffering, ProfileName.ENVOY_GATEWAY)).toStrictEqual({
      status: NoticeStatus.TRANSLATED,
      message: 'Nothing to emit (Envoy streams responses; buffering on is unsupported).',
    });
    const retries = annotationSpec('proxy-next-upstream-tries')!;
    const ngf = verdictOf(Behavior.RETRIES, ProfileName.NGINX_GATEWAY_FABRIC);
    expect(ngf.emits).toBe('-');
    expect(profileHandling(retries, ProfileName.NGINX_GATEWAY_FABRIC)).toStrictEqual({ status: NoticeStatus.APPROXIMATE, message: ngf.note });
  });

  test('an entry with its own handling gives it per profile', () => {
    expect(annotationSpec('service-upstream')).toStrictEqual({
      key: 'service-upstream',
      family: AnnotationFamily.PROXY,
      valueType: 'bool',
      defaultValue: 'false (ConfigMap)',
      scope: 'ingress',
      risk: AnnotationRisk.LOW,
      onInvalid: 'fallback',
      nginx: 'proxies to the Service\'s ClusterIP instead of the Pod endpoints',
      noOpValues: ['false'],
      handling: {
        'standard': { status: NoticeStatus.UNSUPPORTED, message: 'Standard Gateway API has no setting for proxying to the ClusterIP; use the envoy-gateway or nginx-gateway-fabric profile.' },
        'envoy-gateway': { status: NoticeStatus.TRANSLATED, message: 'BackendTrafficPolicy `routingType: Service`.' },
        'nginx-gateway-fabric': { status: NoticeStatus.UNSUPPORTED, message: 'NGINX Gateway Fabric always proxies to the Pod endpoints; remove the annotation (retries then reach other Pods, as without it).' },
      },
    });
  });

  test('routing keys that standard Gateway API expresses are handled alike on every profile', () => {
    for (const key of ['ssl-redirect', 'force-ssl-redirect', 'permanent-redirect', 'temporal-redirect', 'app-root', 'from-to-www-redirect', 'enable-cors', 'canary', 'canary-weight', 'canary-by-header', 'upstream-vhost', 'server-alias']) {
      const statuses = PROFILES.map(p => profileHandling(annotationSpec(key)!, p).status);
      expect(statuses.every(s => s === statuses[0] && s !== NoticeStatus.UNSUPPORTED)).toBe(true);
    }
    // the divergences of the reference (§5, §10) are approximate
    expect(profileHandling(annotationSpec('permanent-redirect')!, ProfileName.STANDARD).status).toBe(NoticeStatus.APPROXIMATE);
    expect(profileHandling(annotationSpec('permanent-redirect')!, ProfileName.STANDARD).message).toMatch(/query string/);
    expect(profileHandling(annotationSpec('enable-cors')!, ProfileName.ENVOY_GATEWAY).message).toMatch(/echoes the Origin/);
    expect(profileHandling(annotationSpec('ssl-redirect')!, ProfileName.NGINX_GATEWAY_FABRIC).message).toMatch(/trailing `\/`/);
  });

  test('looks keys up with or without the prefix', () => {
    expect(stripPrefix('nginx.ingress.kubernetes.io/use-regex')).toBe('use-regex');
    expect(stripPrefix('use-regex')).toBe('use-regex');
    expect(annotationSpec('nginx.ingress.kubernetes.io/use-regex')?.key).toBe('use-regex');
    expect(isKnownAnnotation('canary-by-cookie')).toBe(true);
    expect(isKnownAnnotation('canary-by-cookies')).toBe(false);
    expect(annotationSpec('example.com/use-regex')).toBeUndefined();
  });

  test('a no-op value is translated with nothing emitted; booleans are read as Go reads them', () => {
    const regex = annotationSpec('use-regex')!;
    expect(isNoOpValue(regex, 'false')).toBe(true);
    expect(isNoOpValue(regex, ' F ')).toBe(true);
    expect(isNoOpValue(regex, '0')).toBe(true);
    expect(isNoOpValue(regex, 'no')).toBe(false);
    expect(isNoOpValue(regex, 'true')).toBe(false);
    expect(isNoOpValue(annotationSpec('backend-protocol')!, 'http')).toBe(true);
    expect(isNoOpValue(annotationSpec('backend-protocol')!, 'HTTPS')).toBe(false);
    expect(tableVerdict('nginx.ingress.kubernetes.io/http2-push-preload', 'False', ProfileName.STANDARD)).toStrictEqual({
      status: NoticeStatus.TRANSLATED,
      message: '`False` asks for what Gateway API implementations do without configuration; nothing to emit.',
    });
    expect(tableVerdict('http2-push-preload', 'true', ProfileName.STANDARD)).toStrictEqual(profileHandling(annotationSpec('http2-push-preload')!, ProfileName.STANDARD));
    expect(tableVerdict('http2-push-preload', 'true', ProfileName.STANDARD)?.status).toBe(NoticeStatus.UNSUPPORTED);
    expect(tableVerdict('no-such-key', 'true', ProfileName.STANDARD)).toBeUndefined();
  });

  test('fallbackNotice gives a known key its notice, with the value when given', () => {
    expect(fallbackNotice('shop/web', 'nginx.ingress.kubernetes.io/service-upstream', ProfileName.ENVOY_GATEWAY, 'true')).toStrictEqual({
      ingress: 'shop/web',
      annotation: 'nginx.ingress.kubernetes.io/service-upstream',
      status: NoticeStatus.TRANSLATED,
      message: 'BackendTrafficPolicy `routingType: Service`.',
    });
    expect(fallbackNotice('shop/web', 'service-upstream', ProfileName.STANDARD, 'false')).toStrictEqual({
      ingress: 'shop/web',
      annotation: 'nginx.ingress.kubernetes.io/service-upstream',
      status: NoticeStatus.TRANSLATED,
      message: '`false` asks for what Gateway API implementations do without configuration; nothing to emit.',
    });
    expect(fallbackNotice('shop/web', 'service-upstream', ProfileName.STANDARD)?.status).toBe(NoticeStatus.UNSUPPORTED);
    expect(fallbackNotice('shop/web', 'service-upstreams', ProfileName.STANDARD)).toBeUndefined();
  });

  test('Envoy Gateway translates or approximates at least 80 annotations (issue 10)', () => {
    for (const profile of PROFILES) {
      const c = statusCounts(profile);
      expect(c.translated + c.approximate + c.unsupported).toBe(138);
      expect(c.invalid).toBe(0);
    }
    const eg = statusCounts(ProfileName.ENVOY_GATEWAY);
    expect(eg.translated + eg.approximate).toBeGreaterThanOrEqual(80);
  });

  test('an entry needs exactly one of behavior and handling', () => {
    const fields = { valueType: 'bool', defaultValue: 'false', scope: 'location' as const, risk: AnnotationRisk.LOW, onInvalid: 'fallback' as const, nginx: 'x' };
    expect(() => family(AnnotationFamily.ROUTING, { neither: fields })).toThrow(/neither needs exactly one of behavior and handling/);
    expect(() => family(AnnotationFamily.ROUTING, { both: { ...fields, behavior: Behavior.HSTS, handling: { standard: T('a.'), ['envoy-gateway']: T('a.'), ['nginx-gateway-fabric']: T('a.') } } }))
      .toThrow(/both needs exactly one of behavior and handling/);
  });
});
