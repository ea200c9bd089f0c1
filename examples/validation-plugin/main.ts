// validation-plugin: a Gateway and an HTTPRoute whose synthesized YAML `cdk8s synth` validates
// against the Gateway API v1.6.1 Standard CRDs (schema + CEL rules) with this library's cdk8s-cli
// validation plugin, listed under `validations:` in cdk8s.yaml:
//
//   npx projen compile                       # the plugin runs from the compiled lib/
//   cd examples/validation-plugin && npx cdk8s synth
//
// In your own app, point the entry at the installed package instead (no network needed):
//   - package: ./node_modules/cdk8s-gateway-api/lib/validation/plugin.js
//
//   https://shop.example.com/       → Service storefront:80
//   https://shop.example.com/api/v2 → Service orders:8080, as /v2 with header x-api: orders
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as gw from '../../src';

export class ValidationPlugin extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    const edge = new gw.Gateway(this, 'Edge', {
      metadata: { name: 'edge', namespace: 'infra' },
      gatewayClass: gw.GatewayClass.fromGatewayClassName(this, 'Eg', 'eg'),
    });
    const https = edge.addHttpsListener({
      hostname: '*.example.com',
      certificates: [gw.CertificateRef.fromSecretName('wildcard-example-com')],
      allowedRoutes: gw.RouteNamespaces.all(),
    });

    new gw.HttpRoute(this, 'Shop', {
      metadata: { name: 'shop', namespace: 'shop' },
      parents: [https],
      hostnames: ['shop.example.com'],
      rules: [
        {
          matches: [{ path: gw.PathMatch.prefix('/') }],
          backends: [gw.Backend.fromServiceName('storefront', 80)],
        },
        {
          matches: [{ path: gw.PathMatch.prefix('/api') }],
          filters: [
            gw.HttpFilter.urlRewrite({ path: gw.PathModifier.replacePrefixMatch('/v2') }),
            gw.HttpFilter.requestHeaderModifier({ set: { 'x-api': 'orders' } }),
          ],
          backends: [gw.Backend.fromServiceName('orders', 8080)],
        },
      ],
    });
  }
}

const app = new App();
new ValidationPlugin(app, 'validation-plugin');
app.synth();
