// l4-and-grpc: the other route kinds on one Gateway.
//   grpc.example.com, service orders.v1.Orders (any method) → orders:50051 (GRPCRoute, HTTPS listener)
//   TLS passthrough for vault.example.com on 443           → vault:8200     (TLSRoute)
//   TCP 5432                                               → postgres:5432  (TCPRoute)
//   UDP 53                                                 → dns:53         (UDPRoute)
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as gw from '../../src';

export class L4AndGrpc extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'platform' });

    const gateway = new gw.Gateway(this, 'Gateway', {
      metadata: { name: 'platform' },
      gatewayClass: gw.GatewayClass.fromGatewayClassName(this, 'Eg', 'eg'),
    });
    const grpc = gateway.addHttpsListener({
      name: 'grpc',
      port: 443,
      hostname: 'grpc.example.com',
      certificates: [gw.CertificateRef.fromSecretName('grpc-tls')],
    });
    const vault = gateway.addTlsListener({
      name: 'vault',
      port: 443,
      hostname: 'vault.example.com',
      mode: gw.TlsMode.PASSTHROUGH,
    });
    const postgres = gateway.addTcpListener({ name: 'postgres', port: 5432 });
    const dns = gateway.addUdpListener({ name: 'dns', port: 53 });

    new gw.GrpcRoute(this, 'Orders', {
      metadata: { name: 'orders' },
      parents: [grpc],
      hostnames: ['grpc.example.com'],
      rules: [{
        matches: [{ method: gw.GrpcMethodMatch.exact('orders.v1.Orders') }],
        backends: [gw.Backend.fromServiceName('orders', 50051)],
      }],
    });

    new gw.TlsRoute(this, 'Vault', {
      metadata: { name: 'vault' },
      parents: [vault],
      hostnames: ['vault.example.com'],
      rules: [{ backends: [gw.Backend.fromServiceName('vault', 8200)] }],
    });

    new gw.TcpRoute(this, 'Postgres', {
      metadata: { name: 'postgres' },
      parents: [postgres],
      rules: [{ backends: [gw.Backend.fromServiceName('postgres', 5432)] }],
    });

    new gw.UdpRoute(this, 'Dns', {
      metadata: { name: 'dns' },
      parents: [dns],
      rules: [{ backends: [gw.Backend.fromServiceName('dns', 53)] }],
    });
  }
}

const app = new App();
new L4AndGrpc(app, 'l4-and-grpc');
app.synth();
