export * from './generate-platform';
export * from './run-bench';
