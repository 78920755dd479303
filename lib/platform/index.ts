export * from './platform-definition';
export * from './naming-rules';
export * from './platform-ip-plan';
export * from './validate-platform';
export * from './load-platform';
