/**
 * The defaults the plan (resolve-platform-plan.ts) applies to the definition's network, clusters, pools, links and
 * states; the definition's doc comments point here, and the constructs' own defaults for standalone use import the
 * same constants where they mean the same thing. Tenant defaults live with the tenant spec (lib/domain/tenancy/),
 * an add-on's with its settings, a construct's own with the construct: each is defined once, and docs/defaults.md
 * (generated from the code, checked by npm test) lists them all.
 */
import type { BlueGreenSettings, UpgradeStrategy } from '../gke/node-pool-upgrade';
import type { NodePoolKind } from './node-pool-definition';

/** GCP's default VPC MTU; hybrid links inherit the network's. */
export const DEFAULT_NETWORK_MTU = 1460;
/** GLOBAL dynamic routing: a Cloud Router advertises every region's subnets (99.99% Interconnect needs it). */
export const DEFAULT_ROUTING_MODE = 'GLOBAL' as const;
/**
 * An existing network's service projects are attached to the host by the platform (as for a network it creates): the
 * usual case where the platform team holds Shared VPC Admin; `existing` when the host's owners attach them.
 */
export const DEFAULT_EXISTING_SERVICE_PROJECT_ATTACHMENTS = 'create' as const;
/** An existing VPC is taken to keep GCP's default internet route: every VPC gets it at creation unless deleted on purpose. */
export const DEFAULT_EXISTING_NETWORK_DEFAULT_ROUTE = true;
/** GKE's REGULAR release channel: versions a few weeks after RAPID, with the full support window. */
export const DEFAULT_CLUSTER_RELEASE_CHANNEL = 'REGULAR' as const;
/**
 * Zones a cluster's nodes use when none are listed, for a region outside the list in gcp-regions.ts: `<region>-a`,
 * `-b`, `-c` (a listed region uses its first three listed zones, e.g. europe-west1-b, -c, -d).
 */
export const DEFAULT_ZONE_SUFFIXES = ['a', 'b', 'c'] as const;
/** GKE's default surge: one extra node per zone while a pool upgrades. */
export const DEFAULT_MAX_SURGE = 1;
/** Nodes never removed during a surge upgrade (GKE's default maxUnavailable for surge upgrades). */
export const DEFAULT_MAX_UNAVAILABLE = 0;
/**
 * How a pool of each kind upgrades when the definition says nothing (docs/node-pool-upgrades.md). Services pools
 * (`general`) upgrade blue-green: the old nodes stay, cordoned, until the new ones have soaked, so a bad node image or
 * version is rolled back by GKE without a pod rescheduled twice. Spot and GPU pools surge: batch work tolerates a node
 * at a time, Spot capacity can vanish during a soak, and a second set of GPUs is rarely within quota.
 */
export const DEFAULT_UPGRADE_STRATEGY: Readonly<Record<NodePoolKind, UpgradeStrategy>> = {
  general: 'blue-green',
  'spot-batch': 'surge',
  gpu: 'surge',
};
/**
 * Blue-green settings of a pool that names none. A quarter of the blue nodes per batch (four batches: a problem shows
 * on the first quarter, while three quarters still run the old nodes), ten minutes between batches (two scrapes and
 * an alert's `for: 5m` fit in it), and GKE's own default node-pool soak of one hour before the blue nodes are deleted.
 */
export const DEFAULT_BLUE_GREEN_UPGRADE: Required<Pick<BlueGreenSettings, 'batchPercentage' | 'batchSoakDuration' | 'nodePoolSoakDuration'>> = {
  batchPercentage: 0.25,
  batchSoakDuration: '600s',
  nodePoolSoakDuration: '3600s',
};
/** Amazon-side ASN of a transit or VPN gateway when the definition names none (AWS's own default). */
export const DEFAULT_AMAZON_SIDE_ASN = 64512;
/** The AWS side of an HA VPN link: a transit gateway (ECMP across all four tunnels). */
export const DEFAULT_AWS_GATEWAY_TYPE = 'transit-gateway' as const;
/** A dedicated-nodes tenant's pool is a general-purpose pool unless its `dedicatedNodes.kind` says otherwise. */
export const DEFAULT_TENANT_POOL_KIND = 'general' as const;
/** The repository folder holding the per-cluster manifest folders: a cluster syncs `dist/<cluster>` (the cdk8s app's output). */
export const DEFAULT_GITOPS_ROOT_DIRECTORY = 'dist';
/**
 * Most resources one stack may hold. Terraform refreshes every resource of a state on each plan and locks the
 * whole state; a few hundred keeps a plan well under a minute and a bad apply's blast radius to one shard.
 */
export const DEFAULT_MAX_RESOURCES_PER_STATE = 500;
/** The command that shows and records the IP plan, as this repository types it (a thin wrapper over the gke-platform CLI); fixes append `--write` or `--release`. */
export const DEFAULT_PLAN_COMMAND = 'npm run ip-plan --';
/** GPU nodes get the driver GKE ships as LATEST. */
export const DEFAULT_GPU_DRIVER_VERSION = 'LATEST' as const;

/**
 * Machine type of a pool by kind when the definition names none, for cluster pools and dedicated-nodes tenants'
 * pools alike. The node pool presets (lib/gke/node-pool-presets.ts) and `NodePool`'s own default read these, so a
 * pool built from the definition and one built from a preset agree (the tenant preset takes the general one).
 */
export const DEFAULT_MACHINE_TYPES: Readonly<Record<NodePoolKind, string>> = {
  general: 'e2-standard-4',
  'spot-batch': 'n2-standard-8',
  gpu: 'g2-standard-8',
};

/**
 * A GPU tenant's companion CPU pool when the definition says nothing: general-purpose N2 nodes, scaling from
 * zero, enough for data loaders and dashboards beside a few GPU nodes. Counts against the cluster's maxNodes.
 */
export const DEFAULT_COMPANION_CPU_POOL = { machineType: 'n2-standard-8', minNodes: 0, maxNodes: 8 } as const;

/** GPUs of a `gpu` pool when the definition names none: one NVIDIA L4 per node (g2 machines carry L4s). */
export const DEFAULT_GPU = { type: 'nvidia-l4', count: 1 } as const;

/**
 * Nodes a pool adds on top of its maximum while it surge-upgrades: its `maxSurge` in each of its zones (GKE surges
 * per zone). The plan sums it over a cluster's pools; `NodePool` and `GkeCluster`'s standalone default use it too.
 */
export function poolSurgeNodes(zones: number, maxSurge: number = DEFAULT_MAX_SURGE): number {
  return maxSurge * zones;
}

/** A pool's minimum nodes across all zones: one per zone for general pools, zero for spot and GPU pools. */
export function defaultMinNodes(kind: NodePoolKind, zones: number): number {
  return kind === 'general' ? zones : 0;
}
