/**
 * Config Sync's namespace and root reconciler, as plain constants: the cdk8s side (admission policy
 * exemptions) needs them without loading cdktf and the provider bindings that config-sync.ts imports.
 */

/** The Kubernetes service account (in CONFIG_SYNC_NAMESPACE) of Config Sync's root reconciler. */
export const ROOT_RECONCILER = 'root-reconciler';
