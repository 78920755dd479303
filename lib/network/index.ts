export * from '../domain/network/network-rules';
export * from './network';
export * from './cloud-nat';
export * from './shared-vpc';
