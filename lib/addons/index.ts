export * from './platform-add-on';
export * from './add-on-prerequisites';
export * from './vault/vault-add-on';
// VaultStack needs @cdktf/provider-vault, an optional peer: the add-on loads it when it runs.
export type { VaultStack, VaultStackProps } from './vault/vault-stack';
export * from './vault/vault-provider-optional';
export * from './vault/token-reviewer';
export * from './istio/istio-add-on';
export * from './istio/tenant-mesh';
export * from './cd/spinnaker-add-on';
export * from './cd/argo-cd-add-on';
export * from './kueue/kueue-add-on';
export * from './monitoring/managed-prometheus-add-on';
