export * from './platform-definition';
export * from './hybrid-link-definition';
export * from './validate-links';
export * from './naming-rules';
export * from './platform-ip-plan';
export * from './validate-platform';
export * from './load-platform';
