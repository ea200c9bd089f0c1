/**
 * `extractFeatures`: one Ingress's `nginx.ingress.kubernetes.io/*` annotations into
 * `IngressFeatures`, one annotation family per module, as ingress-nginx's
 * `internal/ingress/annotations/annotations.go` `Extractor.Extract` runs its parsers (every
 * family on every Ingress; a value that drops the Ingress drops it even when it is a canary).
 * Notices are recorded only for bad values (with ingress-nginx's fallback) and for keys whose
 * effect is decided here (no effect without another key, overridden, ignored on a canary);
 * valid values are left to the plan, which gives their final notice. Internal.
 */
import { BehaviorSet } from '../../profiles/behaviors';
import { EffectiveControllerConfig } from '../config-model';
import { IngressFeatures } from '../features';
import { IngressModel, NGINX_PREFIX } from '../model';
import { NoticeLog } from '../notice-log';
import { parseIpLists, parseRateLimits } from './access';
import { parseAffinity } from './affinity';
import { parseBasicAuth, parseExternalAuth } from './auth';
import { keptOnCanary, parseCanary } from './canary';
import { FamilyContext } from './context';
import { parseCors } from './cors';
import { parseLoadBalancing, parseProxy } from './proxy';
import { parseRedirects } from './redirect';
import { parseRouting } from './routing';
import { parseAuthTls, parseBackendProtocol } from './tls';

/**
 * What the annotations of one Ingress ask for, with ingress-nginx's parsing, fallbacks and
 * ConfigMap defaults applied. Notices go to `log` (keys as `nginx.ingress.kubernetes.io/<key>`).
 */
export function extractFeatures(ingress: IngressModel, config: EffectiveControllerConfig, log: NoticeLog): IngressFeatures {
  const main = new FamilyContext(ingress, config, log);
  const canary = parseCanary(main);
  if (canary === undefined) return features(main, runFamilies(main));

  // A canary Ingress: only load balancing and affinity act (on the canary's own upstream), but
  // every parser still runs, so a value that drops an Ingress drops the canary too.
  const shadowLog = new NoticeLog();
  const shadow = new FamilyContext(ingress, config, shadowLog);
  runFamilies(shadow);
  const kept = new FamilyContext({ ...ingress, nginx: new Map([...ingress.nginx].filter(([k]) => keptOnCanary(k))) }, config, log);
  runFamilies(kept);
  for (const key of [...ingress.nginx.keys()].sort()) {
    if (keptOnCanary(key) || key.endsWith('-snippet')) continue;
    if (shadow.rejectedKeys.has(key)) {
      for (const n of shadowLog.all().filter(x => x.annotation === `${NGINX_PREFIX}${key}`)) log.set(n);
    } else {
      main.unsupported(key, 'is ignored on a canary Ingress, as ingress-nginx does (a canary only adds its backend to the main Ingress\'s paths; only load-balance, upstream-hash-by and affinity annotations act on it). Put it on the main Ingress');
    }
  }
  const rejected = shadow.draft.rejected ?? kept.draft.rejected;
  kept.draft.locationDenied = undefined;
  return { ...features(kept, undefined), ...(rejected === undefined ? {} : { rejected }), canary };
}

/** Runs every family but canary; returns the CORS settings. */
function runFamilies(ctx: FamilyContext): IngressFeatures['cors'] {
  parseRouting(ctx);
  parseBackendProtocol(ctx);
  parseAuthTls(ctx);
  parseRedirects(ctx);
  const cors = parseCors(ctx);
  parseProxy(ctx);
  parseLoadBalancing(ctx, parseAffinity(ctx));
  parseIpLists(ctx);
  parseRateLimits(ctx);
  parseBasicAuth(ctx);
  parseExternalAuth(ctx);
  return cors;
}

/** The finished features of a context, behaviour fields and sources in a stable order. */
function features(ctx: FamilyContext, cors: IngressFeatures['cors']): IngressFeatures {
  const behaviors: Record<string, unknown> = {};
  const sources = new Map<keyof BehaviorSet, string[]>();
  for (const field of Object.keys(ctx.behaviors).sort() as Array<keyof BehaviorSet>) {
    behaviors[field] = ctx.behaviors[field];
    const keys = ctx.sources.get(field);
    if (keys !== undefined) sources.set(field, [...keys]);
  }
  const draft = Object.fromEntries(Object.entries(ctx.draft).filter(([, v]) => v !== undefined));
  return {
    ...draft as typeof ctx.draft,
    ...(cors === undefined ? {} : { cors }),
    behaviors: behaviors as BehaviorSet,
    behaviorSources: sources,
  };
}
