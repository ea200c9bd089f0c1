// NGINX Gateway Fabric v2.6.7 policy and filter kinds (`gateway.nginx.org`).
export * from './client-settings-policy';
export * from './proxy-settings-policy';
export * from './upstream-settings-policy';
export * from './rate-limit-policy';
export * from './authentication-filter';
export * from './load-balancing-method';
export * from './rate-limit-rule';
export * from './basic-auth-secret';
