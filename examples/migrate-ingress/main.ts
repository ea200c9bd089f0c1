// migrate-ingress: ingress-nginx Ingresses (ingresses.yaml: TLS host, regex paths with a rewrite,
// a canary pair, CORS, a rate limit and an IP allow list, a redirect, a snippet, a typo) migrated
// to Gateway API on Envoy Gateway with IngressCompat. Every nginx.ingress.kubernetes.io/*
// annotation ends in one notice (translated, approximate, unsupported or invalid); the app
// prints those that are not translated.
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as gw from '../../src';

const app = new App();
const chart = new Chart(app, 'migrated');
const compat = gw.IngressCompat.fromManifests(chart, 'Ingresses', {
  manifests: fs.readFileSync(path.join(__dirname, 'ingresses.yaml'), 'utf8'),
  sourceName: 'ingresses.yaml',
  profile: gw.ImplementationProfile.envoyGateway(),
  gatewayClassNames: { nginx: 'eg' },
  printNotices: false,
});
fs.writeFileSync(path.join(__dirname, 'notices.txt'), compat.notices
  .map(n => `${n.status}\t${n.ingress}\t${n.annotation ?? '-'}\t${n.message}`).join('\n') + '\n');
app.synth();
