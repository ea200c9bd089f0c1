export * from './core/channel';
export * from './core/references';
export * from './core/resource';
export * from './core/backend';
export * from './grants/reference-grant';
export * from './routes/route-base';
export * as gwapi from './imports/standard/gateway.networking.k8s.io';
