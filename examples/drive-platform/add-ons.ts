/**
 * The bundled example's add-ons: the seed's platform systems. The definition enables each with one line
 * (`driveAddOnEntries`); the CLI reads their code from the `addOns` export of platform.ts.
 */
import { type AddOnEntry, istioAddOn, kueueAddOn, managedPrometheusAddOn, type PlatformAddOn, spinnakerAddOn, vaultAddOn } from '../../lib';

export const driveAddOns: readonly PlatformAddOn[] = [vaultAddOn, istioAddOn, spinnakerAddOn, kueueAddOn, managedPrometheusAddOn];

export const driveAddOnEntries: readonly AddOnEntry[] = [
  // Vault runs in the AWS VPC behind an internal load balancer: tenants reach it and it reaches every control plane
  // over the aws-usw2 link (the platform derives the policies, mesh entries and authorized networks).
  { name: 'vault', settings: { address: 'https://vault.example.com:8200', network: { remoteNetwork: 'aws-usw2-prod', cidr: '10.8.64.10/32' } } },
  { name: 'istio' },
  { name: 'spinnaker', settings: { cluster: 'prod-usc1', version: '1.36.0' } },
  // Batch queues: simulation's scenario runs and ML training's jobs wait in Kueue for their quota on their own pools;
  // the A100 pool is queued-provisioned, so training jobs get all their nodes at once through the Dynamic Workload Scheduler.
  {
    name: 'kueue',
    settings: {
      queues: [
        { tenant: 'simulation', quotas: [{ pool: 'tenant-simulation', cpu: '2000', memory: '8000Gi' }] },
        {
          tenant: 'ml-training',
          weight: 2,
          quotas: [
            { pool: 'tenant-ml-training', cpu: '320', memory: '2000Gi', gpus: 32 },
            { pool: 'tenant-ml-training-cpu', cpu: '56', memory: '200Gi' },
          ],
        },
      ],
    },
  },
  // Managed Prometheus' collectors (gmp-system) scrape the sidecars' merged metrics (15020) of every tenant.
  { name: 'managed-prometheus' },
];
