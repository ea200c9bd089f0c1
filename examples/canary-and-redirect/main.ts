// canary-and-redirect: ingress-nginx's default behaviours, one helper each.
// Gateway infra/edge: listener "http" (80) and "https" (443, Secret shop-tls), routes from all namespaces.
//   http://shop.example.com/<anything>             → 308 https://shop.example.com/<anything>   (SslRedirect)
//   http://shop.example.com/.well-known/acme-challenge/… → acme-solver:8089                     (cert-manager HTTP-01)
//   https://shop.example.com/…  X-Canary: always   → shop-v2:80                                 (CanarySplit)
//                               X-Canary: never    → shop-v1:80, whatever the cookie or weight
//                               cookie canary=always → shop-v2:80 (canary=never → shop-v1:80)
//                               otherwise          → 90% shop-v1:80, 10% shop-v2:80
//   https://shop.example.com/api/… the same split, plus CORS for https://app.example.com     (CorsPreset)
//   every https response of shop.example.com: Strict-Transport-Security max-age=31536000; includeSubDomains (Hsts)
//   http://example.com/<path>      → 308 http://www.example.com/<path>                       (WwwRedirect)
//   http://www.example.com/        → 302 http://www.example.com/home (exact "/" only)        (AppRootRedirect)
//   http://www.example.com/<other> → site:80
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as gw from '../../src';

export class CanaryAndRedirect extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    const edge = new gw.Gateway(this, 'Edge', {
      metadata: { name: 'edge', namespace: 'infra' },
      gatewayClass: gw.GatewayClass.fromGatewayClassName(this, 'Eg', 'eg'),
    });
    const http = edge.addHttpListener({ allowedRoutes: gw.RouteNamespaces.all() });
    const https = edge.addHttpsListener({
      certificates: [gw.CertificateRef.fromSecretName('shop-tls')],
      allowedRoutes: gw.RouteNamespaces.all(),
    });

    // shop: HTTP → HTTPS, except the ACME HTTP-01 challenges.
    new gw.SslRedirect(this, 'ShopHttpsRedirect', {
      metadata: { name: 'shop-https-redirect', namespace: 'shop' },
      parents: [http],
      hostnames: ['shop.example.com'],
      acmeChallengeBackend: gw.Backend.fromServiceName('acme-solver', 8089),
    });

    // shop on HTTPS: canary by header, then cookie, then weight; /api also answers CORS.
    const shop = new gw.HttpRoute(this, 'Shop', {
      metadata: { name: 'shop', namespace: 'shop' },
      parents: [https],
      hostnames: ['shop.example.com'],
    });
    const canary = {
      route: shop,
      stable: gw.Backend.fromServiceName('shop-v1', 80),
      canary: gw.Backend.fromServiceName('shop-v2', 80),
      header: gw.CanaryHeader.alwaysOrNever('X-Canary'),
      cookie: 'canary',
      weight: 10,
    };
    new gw.CanarySplit(this, 'ShopCanary', { ...canary, ruleNamePrefix: 'shop' });
    new gw.CanarySplit(this, 'ApiCanary', {
      ...canary,
      ruleNamePrefix: 'api',
      matches: [{ path: gw.PathMatch.prefix('/api') }],
      filters: [gw.CorsPreset.filter({ allowOrigins: ['https://app.example.com'] })],
    });
    gw.Hsts.of().applyToRoute(shop);

    // site: bare → www, "/" → /home, everything else to the site.
    new gw.WwwRedirect(this, 'SiteWww', {
      metadata: { name: 'site-www-redirect', namespace: 'site' },
      parents: [http],
      hostname: 'www.example.com',
    });
    new gw.AppRootRedirect(this, 'SiteAppRoot', {
      metadata: { name: 'site-app-root', namespace: 'site' },
      parents: [http],
      hostnames: ['www.example.com'],
      appRoot: '/home',
    });
    new gw.HttpRoute(this, 'Site', {
      metadata: { name: 'site', namespace: 'site' },
      parents: [http],
      hostnames: ['www.example.com'],
      rules: [{ name: 'site', matches: [{ path: gw.PathMatch.prefix('/') }], backends: [gw.Backend.fromServiceName('site', 80)] }],
    });
  }
}

const app = new App();
new CanaryAndRedirect(app, 'canary-and-redirect');
app.synth();
