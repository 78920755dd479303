export * from './cidr';
export * from './network-rules';
export * from './network';
export * from './cloud-nat';
