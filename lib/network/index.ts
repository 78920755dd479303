export * from '../domain/network/network-rules';
export * from './network';
export * from './cloud-nat';
export * from './shared-vpc';
export * from './control-plane-webhook-rule';
