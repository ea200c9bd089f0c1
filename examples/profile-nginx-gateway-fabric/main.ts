// profile-nginx-gateway-fabric: the shop app (examples/profile-common/shop.ts) on NGINX Gateway
// Fabric v2.6, with ClientSettingsPolicy, ProxySettingsPolicy, RateLimitPolicy and
// AuthenticationFilter objects. README.md lists the verdicts that are not exact.
import { App } from 'cdk8s';
import * as gw from '../../src';
import { ShopChart } from '../profile-common/shop';

const app = new App();
new ShopChart(app, 'shop', gw.ImplementationProfile.nginxGatewayFabric(), 'nginx');
app.synth();
