export * from '../domain/gitops/git-source';
export * from './config-management-feature';
export * from './config-sync';
