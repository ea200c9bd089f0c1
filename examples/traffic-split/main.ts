// traffic-split: weighted split, mirroring with a timeout, and a prefix rewrite.
//   http://shop.example.com/        → 90% shop-v1:80, 10% shop-v2:80
//   http://shop.example.com/search  → search:80 (10 s request timeout), 5% mirrored to search-shadow:80
//   http://shop.example.com/old/... → shop-v1:80 with the path prefix /old/ rewritten to /new/
import { App, Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import * as gw from '../../src';

export class TrafficSplit extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop' });

    const gateway = new gw.Gateway(this, 'Gateway', {
      metadata: { name: 'shop' },
      gatewayClass: gw.GatewayClass.fromGatewayClassName(this, 'Eg', 'eg'),
    });
    const http = gateway.addHttpListener({ hostname: 'shop.example.com' });

    new gw.HttpRoute(this, 'Shop', {
      metadata: { name: 'shop' },
      parents: [http],
      hostnames: ['shop.example.com'],
      rules: [
        {
          name: 'split',
          matches: [{ path: gw.PathMatch.prefix('/') }],
          backends: [
            gw.Backend.fromServiceName('shop-v1', 80, { weight: 90 }),
            gw.Backend.fromServiceName('shop-v2', 80, { weight: 10 }),
          ],
        },
        {
          name: 'search',
          matches: [{ path: gw.PathMatch.prefix('/search') }],
          filters: [gw.HttpFilter.requestMirror(gw.Backend.fromServiceName('search-shadow', 80), { percent: 5 })],
          backends: [gw.Backend.fromServiceName('search', 80)],
          timeout: Duration.seconds(10),
        },
        {
          name: 'old-to-new',
          matches: [{ path: gw.PathMatch.prefix('/old/') }],
          filters: [gw.HttpFilter.urlRewrite({ path: gw.PathModifier.replacePrefixMatch('/new/') })],
          backends: [gw.Backend.fromServiceName('shop-v1', 80)],
        },
      ],
    });
  }
}

const app = new App();
new TrafficSplit(app, 'traffic-split');
app.synth();
