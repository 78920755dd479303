export * from './cidr';
export * from './cidr-overlaps';
export * from './special-ranges';
export * from './gke-sizing';
export * from './lock-file';
export * from './ip-plan';
export * from './resolved-ip-plan';
export * from './format-plan';
