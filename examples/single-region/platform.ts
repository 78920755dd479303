import { join } from 'path';
import type { PlatformDefinition } from '../../lib';

/**
 * The smallest useful platform: one project, one region, one cluster with one node pool, one tenant.
 * Its ranges are recorded in ip-plan.lock.json beside this file (committed; CI=true freezes it).
 */
export const singleRegionPlatform: PlatformDefinition = {
  name: 'shop',
  organization: { name: 'Shop Inc', domain: 'example.com' },
  projects: [{ id: 'shop-prod', description: 'Network and cluster' }],
  regions: ['europe-west1'],
  network: { name: 'shop', project: 'shop-prod' },
  addressPools: [
    { name: 'nodes', cidr: '10.10.0.0/16', description: 'GKE node subnets' },
    { name: 'pods', cidr: '100.64.0.0/14', description: 'GKE pod ranges' },
    { name: 'services', cidr: '100.68.0.0/16', description: 'GKE services ranges' },
    { name: 'control-plane', cidr: '172.16.0.0/24', description: 'GKE control-plane /28s' },
    { name: 'bgp-links', cidr: '169.254.0.0/24', kind: 'link-local', description: 'BGP /30s, for when a hybrid link is added' },
  ],
  poolAssignment: { nodes: 'nodes', pods: 'pods', services: 'services', controlPlane: 'control-plane', bgpLinks: 'bgp-links' },
  clusters: [
    {
      name: 'prod-euw1',
      project: 'shop-prod',
      region: 'europe-west1',
      environment: 'prod',
      maxNodes: 30,
      maxPodsPerNode: 32,
      // The operators' VPN: the only range besides the cluster's own that reaches its private control plane.
      authorizedNetworks: [{ name: 'ops-vpn', cidr: '192.168.0.0/24' }],
      nodePools: [{ name: 'general', kind: 'general', machineType: 'e2-standard-4', minNodes: 3, maxNodes: 30 }],
    },
  ],
  gitOps: { repository: { url: 'https://github.com/example/shop-manifests.git' } },
  tenants: [
    {
      name: 'storefront',
      groups: { admin: 'storefront-admins@example.com', developer: 'storefront-dev@example.com' },
      clusters: ['prod-euw1'],
      isolation: 'shared',
      workloadIdentities: [{ ksa: 'web', gsa: 'storefront-web', projectRoles: ['roles/cloudsql.client'] }],
      labels: { team: 'storefront', environment: 'prod', costCenter: 'cc-100' },
    },
  ],
};

/** The committed lock file of this platform's IP plan. */
export const singleRegionLockFile = join(__dirname, 'ip-plan.lock.json');

/** The names `npm run ip-plan -- --platform <module>` and `npm run report -- --platform <module>` read. */
export { singleRegionPlatform as platform, singleRegionLockFile as lockFile };
