// Core: base classes, references, backends, release channel.
export * from './core/channel';
export * from './core/references';
export * from './core/resource';
export * from './core/kplus-like';
export * from './core/backend';
export * from './core/certificate-ref';

// ReferenceGrant (created automatically for cross-namespace references).
export * from './grants/reference-grant';

// GatewayClass, Gateway, ListenerSet and listeners.
export * from './gateway/listener';
export * from './gateway/gateway-class';
export * from './gateway/gateway-options';
export * from './gateway/listener-host';
export * from './gateway/gateway';
export * from './gateway/listener-set';

// Routes and the values they are built from.
export * from './routes/route-base';
export * from './routes/header-match';
export * from './routes/header-modifier';
export * from './routes/mirror';
export * from './routes/http-match';
export * from './routes/http-filter';
export * from './routes/http-route-experimental';
export * from './routes/http-route';
export * from './routes/grpc-match';
export * from './routes/grpc-filter';
export * from './routes/grpc-route';
export * from './routes/backend-list-route';
export * from './routes/tls-route';
export * from './routes/tcp-route';
export * from './routes/udp-route';

// Policy attachment.
export * from './policies/policy';
export * from './policies/backend-tls-policy';

// ingress-nginx parity helpers.
export * from './helpers/hsts';
export * from './helpers/ssl-redirect';
export * from './helpers/redirects';
export * from './helpers/cors-preset';
export * from './helpers/canary-split';

// Validation against the CRD schemas and CEL rules.
export * from './validation/validator';
export * from './validation/synth-validation';

// Generated L1 bindings (never edited): Standard channel, Experimental channel, X* kinds.
export * as gwapi from './imports/standard/gateway.networking.k8s.io';
export * as gwapiExperimental from './imports/experimental/gateway.networking.k8s.io';
export * as gwapiX from './imports/experimental/gateway.networking.x-k8s.io';
// Generated L1 bindings of the implementations' CRDs (Envoy Gateway v1.9.0, NGINX Gateway Fabric v2.6.7).
export * as egapi from './imports/envoy-gateway/gateway.envoyproxy.io';
export * as ngfapi from './imports/nginx-gateway-fabric/gateway.nginx.org';

// Implementation profiles: ingress-nginx behaviours on each implementation, with verdicts.
export * from './profiles/behaviors';
export * from './profiles/verdicts';
export * from './profiles/results';
export * from './profiles/profile';
export * from './helpers/ingress-nginx-defaults';
export * as envoyGateway from './profiles/envoy-gateway';
export * as nginxGatewayFabric from './profiles/nginx-gateway-fabric';

// IngressCompat: ingress-nginx Ingresses and annotations to Gateway API, every annotation accounted for.
export * from './compat/ingress-compat';
export * from './compat/notices';
export * from './compat/controller-config';
export * from './compat/spec-props';
export * from './compat/nginx-model';
export * from './compat/verify/verify-types';

// Routing models: where a request goes under Gateway API (and under ingress-nginx, above).
export * from './simulate';
