// The app every behaviour x profile test applies a profile to: namespace shop, Gateway "edge"
// with an HTTP and an HTTPS listener, HTTPRoute "shop" on the HTTPS listener with the named
// rules "web" and "upload", and the backend Services web and upload as policy targets.
import { Chart, Testing } from 'cdk8s';
import {
  Backend, Behavior, BehaviorSet, BehaviorVerdict, CertificateRef, Fidelity, Gateway, GatewayClass, HttpRoute,
  ImplementationProfile, IPolicyTarget, PathMatch, PolicyTarget, ProfileName, ProfileResult,
} from '../../src';

export const GW = 'gateway.networking.k8s.io';
export const GATEWAY_REF = { group: GW, kind: 'Gateway', name: 'edge' };
export const HTTPS_LISTENER_REF = { ...GATEWAY_REF, sectionName: 'https' };
export const ROUTE_REF = { group: GW, kind: 'HTTPRoute', name: 'shop' };
export const WEB_RULE_REF = { ...ROUTE_REF, sectionName: 'web' };
export const SERVICE_REFS = [{ group: '', kind: 'Service', name: 'web' }, { group: '', kind: 'Service', name: 'upload' }];

/** The test app. */
export interface ShopApp {
  readonly chart: Chart;
  readonly gateway: Gateway;
  readonly route: HttpRoute;
  readonly services: IPolicyTarget[];
}

/** Builds the test app. */
export function shopApp(): ShopApp {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
  const gateway = new Gateway(chart, 'Edge', {
    metadata: { name: 'edge' },
    gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Class', 'edge-class'),
  });
  gateway.addHttpListener();
  gateway.addHttpsListener({ hostname: 'shop.example.com', certificates: [CertificateRef.fromSecretName('shop-tls')] });
  const route = new HttpRoute(chart, 'Shop', {
    metadata: { name: 'shop' },
    parents: [gateway.listener('https')],
    rules: [
      { name: 'web', matches: [{ path: PathMatch.prefix('/') }], backends: [Backend.fromServiceName('web', 80)] },
      { name: 'upload', matches: [{ path: PathMatch.prefix('/upload') }], backends: [Backend.fromServiceName('upload', 8080)] },
    ],
  });
  return { chart, gateway, route, services: [PolicyTarget.fromServiceName('web'), PolicyTarget.fromServiceName('upload')] };
}

/** Which target of the test app a behaviour is applied to. */
export enum Target {
  GATEWAY = 'Gateway "edge"',
  LISTENER = 'Gateway "edge/https"',
  ROUTE = 'HTTPRoute "shop"',
  RULE = 'HTTPRoute "shop/web"',
  SERVICE = 'Service "web"',
}

/** The policy target of the test app for `target`. */
export function targetOf(app: ShopApp, target: Target): IPolicyTarget {
  switch (target) {
    case Target.GATEWAY: return app.gateway;
    case Target.LISTENER: return app.gateway.listenerTarget('https');
    case Target.ROUTE: return app.route;
    case Target.RULE: return app.route.ruleTarget('web');
    default: return PolicyTarget.fromServiceName('web');
  }
}

/** A synthesized object reduced to what the tests compare: kind and spec. */
export interface KindAndSpec {
  readonly kind: string;
  readonly spec: any;
}

/**
 * What a profile created: every synthesized object but the app's Gateway and HTTPRoute, as
 * kind and spec (names are generated). `Testing.synth` also validates them against the CRDs.
 */
export function created(app: ShopApp): KindAndSpec[] {
  return Testing.synth(app.chart)
    .filter(o => o.kind !== 'Gateway' && !(o.kind === 'HTTPRoute' && o.metadata.name === 'shop'))
    .map(o => ({ kind: o.kind, spec: o.spec }));
}

/** The synthesized objects of one kind, whole. */
export function ofKind(app: ShopApp, kind: string): any[] {
  return Testing.synth(app.chart).filter(o => o.kind === kind);
}

/** The filters of each rule of HTTPRoute "shop" (undefined: none). */
export function ruleFilters(app: ShopApp): Record<string, any[] | undefined> {
  const route = Testing.synth(app.chart).find(o => o.kind === 'HTTPRoute' && o.metadata.name === 'shop');
  return Object.fromEntries(route.spec.rules.map((r: any) => [r.name, r.filters]));
}

/** The name of the only synthesized object of a kind. */
export function nameOf(app: ShopApp, kind: string): string {
  const objects = ofKind(app, kind);
  expect(objects).toHaveLength(1);
  return objects[0].metadata.name;
}

/** Applies `behaviors` to `target` of a new test app with `profile`. */
export function applyTo(
  profile: ImplementationProfile, target: Target, behaviors: BehaviorSet, withServices = false): { app: ShopApp; result: ProfileResult } {
  const app = shopApp();
  const result = profile.apply(app.chart, 'P', targetOf(app, target), behaviors, withServices ? { services: app.services } : {});
  return { app, result };
}

/** An expected verdict: `emits` and `note` compared exactly (string) or by regex. */
export function verdict(
  profile: ProfileName, behavior: Behavior, fidelity: Fidelity, emits: string | RegExp, note: string | RegExp, target: Target): BehaviorVerdict {
  const match = (v: string | RegExp) => (typeof v === 'string' ? v : expect.stringMatching(v));
  return { behavior, profile, fidelity, emits: match(emits), note: match(note), target };
}

/** An HSTS ResponseHeaderModifier filter as the routes render it. */
export function hstsFilter(value: string): any {
  return { type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'Strict-Transport-Security', value }] } };
}

/** ingress-nginx's default HSTS value. */
export const DEFAULT_HSTS = 'max-age=31536000; includeSubDomains';
