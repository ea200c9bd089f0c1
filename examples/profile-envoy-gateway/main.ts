// profile-envoy-gateway: the shop app (examples/profile-common/shop.ts) on Envoy Gateway v1.9,
// with BackendTrafficPolicy, ClientTrafficPolicy and SecurityPolicy objects for what standard
// Gateway API cannot say. README.md lists the verdicts that are not exact.
import { App } from 'cdk8s';
import * as gw from '../../src';
import { ShopChart } from '../profile-common/shop';

const app = new App();
new ShopChart(app, 'shop', gw.ImplementationProfile.envoyGateway(), 'eg');
app.synth();
