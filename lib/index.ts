// The public API: pure domain logic first, then constructs. Stacks and charts compose these (see stacks/, charts/).
export * from './domain';
export * from './network';
export * from './gke';
export * from './hybrid';
export * from './tenancy';
export * from './gitops';
export * from './report';
export * from './platform';
export * from './addons';
// The compositions: every stack of a platform, and every cluster's manifests, from one definition.
export * from '../stacks';
export * from '../charts';
// The one way to load a project's platform module (configuration, definition, add-ons), shared with the CLI.
export * from '../cli/project';
