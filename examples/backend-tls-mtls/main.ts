// backend-tls-mtls: TLS on both sides of the Gateway.
//   - clients of https://secure.example.com must present a certificate signed by the CA in
//     ConfigMap client-ca (frontend validation);
//   - the listener's certificate is Secret secure-tls in namespace certs (another namespace:
//     a ReferenceGrant in certs lets this Gateway read exactly that Secret);
//   - the Gateway connects to Service payments:8443 over TLS, checking its certificate for
//     payments.internal.example.com against the CA in ConfigMap payments-ca (BackendTLSPolicy),
//     and presents its own client certificate (Secret gateway-client-cert) to backends.
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as gw from '../../src';

export class BackendTlsMtls extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'secure' });

    const gateway = new gw.Gateway(this, 'Gateway', {
      metadata: { name: 'secure' },
      gatewayClass: gw.GatewayClass.fromGatewayClassName(this, 'Eg', 'eg'),
      clientCertificateValidation: {
        caCertificates: [gw.CertificateRef.fromConfigMapName('client-ca')],
      },
      backendClientCertificate: gw.CertificateRef.fromSecretName('gateway-client-cert'),
    });
    const https = gateway.addHttpsListener({
      hostname: 'secure.example.com',
      certificates: [gw.CertificateRef.fromSecretName('secure-tls', { namespace: 'certs' })],
    });

    new gw.HttpRoute(this, 'Payments', {
      metadata: { name: 'payments' },
      parents: [https],
      hostnames: ['secure.example.com'],
      rules: [{ backends: [gw.Backend.fromServiceName('payments', 8443)] }],
    });

    new gw.BackendTlsPolicy(this, 'PaymentsTls', {
      metadata: { name: 'payments-tls' },
      targets: [gw.PolicyTarget.fromServiceName('payments')],
      hostname: 'payments.internal.example.com',
      caCertificates: [gw.CaCertificateRef.fromConfigMapName('payments-ca')],
    });
  }
}

const app = new App();
new BackendTlsMtls(app, 'backend-tls-mtls');
app.synth();
