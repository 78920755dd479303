export * from './stack-defaults';
export * from './network-stack';
export * from './fleet-stack';
export * from './cluster-stack';
export * from './hybrid-link-stack';
export * from './tenant-identity-stack';
export * from './developer-access-stack';
export * from './platform-stacks';
