/**
 * Turns an app description (`descriptions.ts`) into a cdk8s App through the public L2 API: an
 * infra chart with the GatewayClass, Gateways and ListenerSets, and the routes, in the same
 * chart or a second one. The pieces are built by `build-gateways.ts` and `build-routes.ts`;
 * `oracle.ts` synthesizes the app and judges the outcome.
 */
import { App, Chart } from 'cdk8s';
import { addListener, buildGateway, listener } from './build-gateways';
import { buildRoute } from './build-routes';
import { metadata } from './build-values';
import { AppDesc, ParentDesc } from './descriptions';
import * as gw from '../../src';

/** Builds the app. Throws whatever the constructs throw. */
export function buildApp(desc: AppDesc): App {
  const app = new App({ outdir: '/dev/null' });
  disableSynthValidation(app);
  const infra = new Chart(app, 'infra', { namespace: desc.infraNamespace });
  const apps = desc.routeChartNamespace === undefined ? infra
    : new Chart(app, 'apps', { namespace: desc.routeChartNamespace === '' ? undefined : desc.routeChartNamespace });

  const cls = desc.gatewayClass;
  const gatewayClass: gw.IGatewayClass = cls.owned
    ? new gw.GatewayClass(infra, 'Class', { metadata: metadata(cls.name), controllerName: cls.controllerName, description: cls.description })
    : gw.GatewayClass.fromGatewayClassName(infra, 'Class', cls.name ?? 'eg');

  const gateways = desc.gateways.map((g, i) => buildGateway(infra, `Gateway${i}`, g, gatewayClass));
  const listenerSets = desc.listenerSets.map((s, i) => {
    const set = new gw.ListenerSet(infra, `ListenerSet${i}`, {
      metadata: metadata(s.name, s.namespace),
      parent: gateways[s.gateway],
      listeners: s.listeners.filter(l => l.via === 'props').map(listener),
    });
    for (const l of s.listeners.filter(x => x.via !== 'props')) addListener(set, l);
    return set;
  });

  desc.routes.forEach((r, i) => buildRoute(apps, `Route${i}`, r, p => parent(p, gateways, listenerSets)));
  return app;
}

/**
 * Turns off the library's synth-time CRD validation (`GatewayApiValidation`), so that a throw
 * comes only from the constructs' own checks and the objects are validated explicitly by
 * `judge`. (Feature-detected: the fuzz apps work the same without it.)
 */
function disableSynthValidation(app: App): void {
  const validation = (gw as { GatewayApiValidation?: { configure(scope: App, options: { disabled: boolean }): unknown } }).GatewayApiValidation;
  validation?.configure(app, { disabled: true });
}

function parent(p: ParentDesc, gateways: gw.Gateway[], sets: gw.ListenerSet[]): gw.IRouteParent {
  const owner = p.target === 'gateway' ? gateways[p.index] : sets[p.index];
  if (p.section !== undefined) return owner.listener(p.section);
  if (p.port !== undefined) return owner.listenersOnPort(p.port);
  return owner;
}
