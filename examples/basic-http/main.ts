// basic-http: one Gateway, one HTTP listener open to all namespaces, one HTTPRoute.
//   http://www.example.com/     → Service web:80
//   http://www.example.com/api  → Service api:8080, with request header x-env: prod
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as gw from '../../src';

export class BasicHttp extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    const eg = new gw.GatewayClass(this, 'Eg', {
      metadata: { name: 'eg' },
      controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
    });

    const edge = new gw.Gateway(this, 'Edge', {
      metadata: { name: 'edge', namespace: 'infra' },
      gatewayClass: eg,
    });
    const http = edge.addHttpListener({ allowedRoutes: gw.RouteNamespaces.all() });

    new gw.HttpRoute(this, 'Web', {
      metadata: { name: 'web', namespace: 'web' },
      parents: [http],
      hostnames: ['www.example.com'],
      rules: [
        {
          matches: [{ path: gw.PathMatch.prefix('/') }],
          backends: [gw.Backend.fromServiceName('web', 80)],
        },
        {
          matches: [{ path: gw.PathMatch.prefix('/api') }],
          filters: [gw.HttpFilter.requestHeaderModifier({ set: { 'x-env': 'prod' } })],
          backends: [gw.Backend.fromServiceName('api', 8080)],
        },
      ],
    });
  }
}

const app = new App();
new BasicHttp(app, 'basic-http');
app.synth();
