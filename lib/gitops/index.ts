export * from './git-source';
export * from './config-management-feature';
export * from './config-sync';
