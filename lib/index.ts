export * from './core/validation-error';
export * from './ip-plan';
export * from './platform';
