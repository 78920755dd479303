export * from '../domain/gke/gke-rules';
export * from './node-service-account';
export * from './gke-cluster';
export * from './node-pool';
export * from './node-pool-presets';
