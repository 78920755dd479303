/**
 * Config Sync's namespace and root reconciler, as plain constants: the cdk8s side (admission policy
 * exemptions) needs them without loading cdktf and the provider bindings that config-sync.ts imports.
 */

/** Where Config Sync runs, and the Kubernetes service account of its root reconciler. */
export { CONFIG_SYNC_NAMESPACE } from '../domain/gitops/sync-stages';
export const ROOT_RECONCILER = 'root-reconciler';
