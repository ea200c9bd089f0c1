// https-listenersets: a shared Gateway owned by the platform team; each application team
// brings its own HTTPS listener in a ListenerSet in its namespace.
//   https://a.example.com/  → Service app-a:80 (namespace team-a, certificate Secret a-tls)
//   https://b.example.com/  → Service app-b:80 (namespace team-b, certificate Secret b-tls)
//   http://{a,b}.example.com/<any> → 308 to https://{a,b}.example.com/<any>
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as gw from '../../src';

export class HttpsListenerSets extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    const shared = new gw.Gateway(this, 'Shared', {
      metadata: { name: 'shared', namespace: 'infra' },
      gatewayClass: gw.GatewayClass.fromGatewayClassName(this, 'Eg', 'eg'),
      allowedListeners: gw.ListenerNamespaces.all(),
    });
    const http = shared.addHttpListener({ allowedRoutes: gw.RouteNamespaces.all() });

    for (const team of ['a', 'b']) {
      const namespace = `team-${team}`;
      const hostname = `${team}.example.com`;
      const listeners = new gw.ListenerSet(this, `Team${team.toUpperCase()}Listeners`, {
        metadata: { name: `team-${team}`, namespace },
        parent: shared,
      });
      const https = listeners.addHttpsListener({
        name: 'https',
        hostname,
        certificates: [gw.CertificateRef.fromSecretName(`${team}-tls`)],
      });
      new gw.HttpRoute(this, `App${team.toUpperCase()}`, {
        metadata: { name: `app-${team}`, namespace },
        parents: [https],
        hostnames: [hostname],
        rules: [{
          matches: [{ path: gw.PathMatch.prefix('/') }],
          backends: [gw.Backend.fromServiceName(`app-${team}`, 80)],
        }],
      });
    }

    new gw.HttpRoute(this, 'HttpsRedirect', {
      metadata: { name: 'https-redirect', namespace: 'infra' },
      parents: [http],
      hostnames: ['a.example.com', 'b.example.com'],
      rules: [{
        filters: [gw.HttpFilter.requestRedirect({ scheme: 'https', statusCode: 308 })],
      }],
    });
  }
}

const app = new App();
new HttpsListenerSets(app, 'https-listenersets');
app.synth();
