export * from './load-platform';
export * from './lock-files';
