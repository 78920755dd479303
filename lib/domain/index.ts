// The pure domain layer: plain data in, plain data out. No cdktf, cdk8s or constructs import here or below
// (scripts/check-imports.ts enforces it); the constructs and the stacks and charts import from here.
export * from './validation-error';
export * from './ip-plan';
export * from './platform';
export * from './gke/gke-rules';
export * from './network/network-rules';
export * from './hybrid/advertisements';
export * from './hybrid/asn';
export * from './hybrid/bgp-link-rules';
export * from './hybrid/ike-options';
export * from './hybrid/interconnect-rules';
export * from './hybrid/names';
export * from './hybrid/pre-shared-key';
export * from './tenancy/labels';
export * from './tenancy/quantity';
export * from './tenancy/tenant-spec';
export * from './tenancy/tenant-rules';
export * from './tenancy/tenant-placement';
export * from './tenancy/node-shape';
export * from './tenancy/container-limits';
export * from './isolation';
export * from './addons/add-on-rules';
