/**
 * A synthetic platform of any size for the benchmark: N clusters spread over regions, M tenants spread
 * over the clusters (shared, dedicated-nodes and a few dedicated-cluster, some with dependencies), and
 * hybrid links (one HA VPN to AWS and one Partner Interconnect per few clusters). Pure: plain data out,
 * deterministic (same sizes, same definition), so runs and the direct baseline build the same thing.
 */
import type { HybridLinkDefinition } from '../../lib/domain/platform/hybrid-link-definition';
import type { ClusterDefinition, PlatformDefinition, ProjectDefinition, RemoteNetworkDefinition } from '../../lib/domain/platform/platform-definition';
import type { NodePoolDefinition } from '../../lib/domain/platform/node-pool-definition';
import type { PlatformTenant } from '../../lib/domain/platform/tenant-definition';

export interface GeneratePlatformOptions {
  /** Clusters, at least 1. */
  readonly clusters: number;
  /** Tenants, at least 0. */
  readonly tenants: number;
  /** One HA VPN to AWS and one Partner Interconnect per this many clusters. @default 5 */
  readonly clustersPerLink?: number;
}

/** Regions clusters are spread over, round robin (short codes keep cluster names well under GKE's 40). */
export const BENCH_REGIONS: readonly { readonly name: string; readonly code: string; readonly metro: string }[] = [
  { name: 'us-central1', code: 'usc1', metro: 'ord' },
  { name: 'us-west1', code: 'usw1', metro: 'sea' },
  { name: 'us-east1', code: 'use1', metro: 'iad' },
  { name: 'europe-west1', code: 'euw1', metro: 'bru' },
  { name: 'europe-west4', code: 'euw4', metro: 'ams' },
  { name: 'asia-east1', code: 'ase1', metro: 'tpe' },
];

/** One dedicated cluster (in its own project) per this many clusters: "a few" dedicated-cluster tenants. */
const CLUSTERS_PER_DEDICATED_CLUSTER = 5;
/** Shared clusters per GKE project; a tenant spanning two clusters stays inside one project. */
const CLUSTERS_PER_PROJECT = 5;
/** Every 10th tenant gets its own tainted node pool. */
const DEDICATED_NODES_EVERY = 10;
/** Nodes of a dedicated-nodes tenant's pool; counted in its cluster's maxNodes. */
const TENANT_POOL_MAX_NODES = 4;
/** Pods per node everywhere: a /26 per node, a realistic density for services. */
const MAX_PODS_PER_NODE = 32;
const DEFAULT_CLUSTERS_PER_LINK = 5;

/** Address pools large enough for 50 clusters × 5,000 tenants and more. */
export const BENCH_ADDRESS_POOLS = [
  { name: 'nodes', cidr: '10.0.0.0/9', description: 'GKE node subnets' },
  { name: 'services', cidr: '10.128.0.0/10', description: 'GKE services ranges' },
  { name: 'pods', cidr: '100.64.0.0/10', description: 'GKE pod ranges' },
  { name: 'control-plane', cidr: '172.16.0.0/16', description: 'GKE control-plane /28s' },
  { name: 'bgp-links', cidr: '169.254.0.0/16', kind: 'link-local' as const, description: 'BGP /30s' },
];

export function benchTenantName(index: number): string {
  return `team-${String(index).padStart(5, '0')}`;
}

/** The generated platform definition; valid for `loadPlatform` at any size within the pools. */
export function generatePlatform(options: GeneratePlatformOptions): PlatformDefinition {
  const clusterCount = options.clusters;
  const tenantCount = options.tenants;
  if (!Number.isInteger(clusterCount) || clusterCount < 1) throw new RangeError(`clusters ${clusterCount} must be a whole number of at least 1`);
  if (!Number.isInteger(tenantCount) || tenantCount < 0) throw new RangeError(`tenants ${tenantCount} must be a whole number of at least 0`);
  const perLink = options.clustersPerLink ?? DEFAULT_CLUSTERS_PER_LINK;

  // Dedicated clusters only when there is also a shared one (a 1-cluster platform has none).
  const dedicatedCount = Math.min(Math.floor(clusterCount / CLUSTERS_PER_DEDICATED_CLUSTER), tenantCount);
  const sharedCount = clusterCount - dedicatedCount;
  const regions = BENCH_REGIONS.slice(0, Math.min(clusterCount, BENCH_REGIONS.length));
  const regionOf = (index: number) => regions[index % regions.length];

  // Tenants first: their dedicated pools size the clusters.
  const shared = Array.from({ length: sharedCount }, (_, i) => ({
    name: `prod-${regionOf(i).code}-${String(i).padStart(3, '0')}`,
    project: `bench-gke-${String(Math.floor(i / CLUSTERS_PER_PROJECT)).padStart(3, '0')}`,
    region: regionOf(i),
  }));
  const dedicated = Array.from({ length: dedicatedCount }, (_, i) => ({
    name: `ded-${regionOf(i).code}-${String(i).padStart(3, '0')}`,
    project: `bench-ded-${String(i).padStart(3, '0')}`,
    region: regionOf(i),
  }));

  const tenants: PlatformTenant[] = [];
  for (let t = 0; t < tenantCount; t++) {
    const name = benchTenantName(t);
    const base = {
      name,
      groups: { admin: `${name}-admins@example.com`, developer: `${name}-dev@example.com`, ...(t % 3 === 0 ? { viewer: `${name}-view@example.com` } : {}) },
      labels: { team: name, environment: 'prod', costCenter: `cc-${1000 + (t % 900)}` },
      workloadIdentities: [
        // Roles on the tenant's own bucket and subscription: clusters' projects are shared by many tenants.
        { ksa: 'api', gsa: `t${String(t).padStart(5, '0')}-api`, projectRoles: [], resourceRoles: [{ kind: 'storage-bucket' as const, name: `bench-${name}-data`, role: 'roles/storage.objectViewer', provisioning: 'existing' as const }] },
        ...(t % 4 === 0
          ? [
              {
                ksa: 'worker',
                gsa: `t${String(t).padStart(5, '0')}-worker`,
                projectRoles: [],
                resourceRoles: [
                  { kind: 'pubsub-subscription' as const, name: `${name}-jobs`, role: 'roles/pubsub.subscriber', provisioning: 'existing' as const },
                  { kind: 'storage-bucket' as const, name: `bench-${name}-data`, role: 'roles/storage.objectUser', provisioning: 'existing' as const },
                ],
              },
            ]
          : []),
      ],
    };
    if (t < dedicatedCount) {
      tenants.push({ ...base, clusters: [dedicated[t].name], isolation: 'dedicated-cluster' });
      continue;
    }
    const s = t - dedicatedCount;
    const home = s % sharedCount;
    // Rounds over the shared clusters, so every cluster gets the same mix.
    const round = Math.floor(s / sharedCount);
    // Every 10th round of shared tenants also runs in a second cluster of the same project (one project per tenant).
    const groupStart = Math.floor(home / CLUSTERS_PER_PROJECT) * CLUSTERS_PER_PROJECT;
    const groupSize = Math.min(CLUSTERS_PER_PROJECT, sharedCount - groupStart);
    const second = groupStart + ((home - groupStart + 1) % groupSize);
    const clusters = round % 10 === 5 && second !== home ? [shared[home].name, shared[second].name] : [shared[home].name];
    // Dependencies on tenants placed earlier on the same home cluster (one and two rounds back); only for tenants on
    // that one cluster, since a dependency must be placed on every cluster of its dependent (tenant-reach-rules.ts).
    const deps = [s - sharedCount, s - 2 * sharedCount].filter((d) => d >= 0 && s % 4 === 1 && clusters.length === 1).map((d) => benchTenantName(d + dedicatedCount));
    const isolationNodes = round % DEDICATED_NODES_EVERY === 3;
    tenants.push({
      ...base,
      clusters,
      isolation: isolationNodes ? 'dedicated-nodes' : 'shared',
      ...(isolationNodes ? { dedicatedNodes: { kind: round % 20 === 3 ? 'spot-batch' : 'general', machineType: 'n2-standard-8', maxNodes: TENANT_POOL_MAX_NODES } } : {}),
      ...(deps.length > 0 || s % 7 === 2 ? { dependencies: { tenants: deps, ...(s % 7 === 2 ? { external: [{ cidr: '10.200.0.0/16', ports: [{ port: 443 }] }] } : {}) } } : {}),
      ...(s % 5 === 0 ? { ingressSources: [{ namespace: 'ingress-gateway' }] } : {}),
      ...(s % 6 === 0 ? { quota: { requestsCpu: '16', requestsMemory: '64Gi', limitsCpu: '32', limitsMemory: '128Gi' } } : {}),
    });
  }

  const clusters: ClusterDefinition[] = [
    ...shared.map((c, i) => {
      const pools: NodePoolDefinition[] = [
        { name: 'services', kind: 'general', machineType: 'e2-standard-8', minNodes: 3, maxNodes: 30 },
        { name: 'batch-spot', kind: 'spot-batch', machineType: 'n2-standard-16', maxNodes: 40 },
        ...(i % 5 === 0 ? [{ name: 'gpu-l4', kind: 'gpu' as const, machineType: 'g2-standard-8', maxNodes: 8, gpu: { type: 'nvidia-l4', count: 1 } }] : []),
      ];
      const tenantNodes = tenants.filter((t) => t.isolation === 'dedicated-nodes' && t.clusters.includes(c.name)).length * TENANT_POOL_MAX_NODES;
      return cluster(c, 'prod', pools, tenantNodes);
    }),
    ...dedicated.map((c) => cluster(c, 'prod', [{ name: 'services', kind: 'general', machineType: 'n2-standard-4', minNodes: 3, maxNodes: 30 }], 0)),
  ];

  const projects: ProjectDefinition[] = [{ id: 'bench-net-host', description: 'Shared VPC host' }, ...[...new Set(clusters.map((c) => c.project))].sort().map((id) => ({ id }))];

  const linkCount = Math.ceil(clusterCount / perLink);
  const remoteNetworks: RemoteNetworkDefinition[] = [];
  const hybridLinks: HybridLinkDefinition[] = [];
  for (let l = 0; l < linkCount; l++) {
    const region = regionOf(l).name;
    const n = String(l).padStart(2, '0');
    // Outside every pool: AWS VPCs in 10.192.0.0/10's upper half, on-prem sites in 172.24.0.0/13.
    remoteNetworks.push({ name: `aws-${n}`, kind: 'aws-vpc', awsRegion: 'us-west-2', cidrs: [`10.${200 + (l % 50)}.${Math.floor(l / 50) * 16}.0/20`] });
    remoteNetworks.push({ name: `onprem-${n}`, kind: 'on-prem', cidrs: [`172.${24 + Math.floor(l / 16)}.${(l % 16) * 16}.0/20`] });
    const hex = (l + 1).toString(16).padStart(4, '0');
    hybridLinks.push({
      kind: 'ha-vpn-aws',
      name: `aws-${n}`,
      region,
      remoteNetwork: `aws-${n}`,
      gcpAsn: 64600 + l,
      aws: {
        type: 'transit-gateway',
        amazonSideAsn: 64512,
        vpcId: `vpc-0e4c1f6b2a7d9${hex}`,
        subnetIds: ['a', 'b', 'c'].map((az) => `subnet-04f3c2a1b0e9${az}${hex}`),
        routeTableIds: { private: `rtb-0c2d4e6f8a0b1${hex}` },
      },
      advertise: { controlPlanes: true },
    });
    const metro = regionOf(l).metro;
    hybridLinks.push({
      kind: 'interconnect',
      name: `onprem-${n}`,
      type: 'PARTNER',
      remoteNetwork: `onprem-${n}`,
      slaTarget: '99.9',
      attachments: [
        { name: `onprem-${n}-a`, region, metro, edgeAvailabilityDomain: 'AVAILABILITY_DOMAIN_1' },
        { name: `onprem-${n}-b`, region, metro, edgeAvailabilityDomain: 'AVAILABILITY_DOMAIN_2' },
      ],
      advertise: { privateGoogleAccess: true },
    });
  }

  return {
    name: 'bench',
    organization: { name: 'Bench Co', domain: 'example.com' },
    projects,
    regions: regions.map((r) => r.name),
    network: { name: 'bench-vpc', project: 'bench-net-host', routingMode: 'GLOBAL', mtu: 1460 },
    addressPools: BENCH_ADDRESS_POOLS,
    poolAssignment: { nodes: 'nodes', pods: 'pods', services: 'services', controlPlane: 'control-plane', bgpLinks: 'bgp-links' },
    clusters,
    remoteNetworks,
    hybridLinks,
    tenants,
    gitOps: { repository: { url: 'https://github.com/example/platform-manifests.git', branch: 'main' } },
    developerNamespaces: {
      cluster: shared[0].name,
      namespaces: ['alice', 'bob', 'carol'].map((who) => ({ name: `dev-${who}`, owner: `${who}@example.com` })),
    },
  };
}

function cluster(c: { name: string; project: string; region: { name: string } }, environment: string, nodePools: NodePoolDefinition[], tenantNodes: number): ClusterDefinition {
  const poolNodes = nodePools.reduce((sum, pool) => sum + pool.maxNodes, 0) + tenantNodes;
  return {
    name: c.name,
    project: c.project,
    region: c.region.name,
    environment,
    // Headroom over the pools, rounded up to 50, as a platform team would size it.
    maxNodes: Math.ceil((poolNodes + 1) / 50) * 50,
    maxPodsPerNode: MAX_PODS_PER_NODE,
    authorizedNetworks: [{ name: 'corp-vpn', cidr: '192.0.2.0/24' }],
    nodePools,
  };
}
