export * from '../domain/gitops/git-source';
export * from '../domain/gitops/sync-stages';
export * from './config-management-feature';
export * from './config-sync';
