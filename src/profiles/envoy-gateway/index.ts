// Envoy Gateway v1.9.0 policy, filter and backend kinds (`gateway.envoyproxy.io/v1alpha1`).
export * from './backend-traffic-policy';
export * from './client-traffic-policy';
export * from './security-policy';
export * from './http-route-filter';
export * from './backend';
// SecurityPolicy values.
export * from './sp-authorization';
export * from './sp-basic-auth';
export * from './sp-ext-auth';
export * from './sp-cors';
// HttpRouteFilter values.
export * from './hrf-url-rewrite';
export * from './hrf-direct-response';
export * from './hrf-cookie-match';
// BackendTrafficPolicy values.
export * from './btp-retry';
export * from './btp-load-balancer';
export * from './btp-rate-limit';
export * from './btp-response-override';
export * from './btp-bandwidth-limit';
// ClientTrafficPolicy values.
export * from './ctp-client-ip-detection';
export * from './ctp-client-validation';
export * from './ctp-headers';
export * from './merge-type';
