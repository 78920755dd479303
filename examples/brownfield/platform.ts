import { join } from 'path';
import type { PlatformDefinition } from '../../lib';

/**
 * A platform that starts from what an organisation already runs: the network team's Shared VPC `corp-shared` in the
 * host project `fin-net-host` (with two subnets of its own), and an AWS transit gateway that already carries the AWS
 * estate, with the VPC `core` attached to it. The platform reads both and creates only its own parts: a subnet, ranges,
 * firewall rules and a Cloud NAT in the existing VPC; on the AWS side, the VPN connections on the existing transit
 * gateway and routes to GCP in the VPC's existing route tables. Its ranges are in ip-plan.lock.json beside this file.
 */
export const brownfieldPlatform: PlatformDefinition = {
  name: 'fin',
  organization: { name: 'Fin Ltd', domain: 'example.com' },
  projects: [
    { id: 'fin-net-host', description: 'The network team\u2019s Shared VPC host (existing)' },
    { id: 'fin-gke-prod', description: 'Clusters (a Shared VPC service project)' },
  ],
  regions: ['europe-west2'],
  network: {
    name: 'corp-shared',
    project: 'fin-net-host',
    // The existing VPC's own settings, stated (the platform cannot read or change them).
    routingMode: 'GLOBAL',
    existing: {
      // Every subnet the VPC already has: reserved in the IP plan, so the platform's ranges never overlap them.
      subnets: [
        { name: 'corp-vms-euw2', region: 'europe-west2', cidr: '10.20.0.0/20' },
        {
          name: 'legacy-gke-euw2',
          region: 'europe-west2',
          cidr: '10.20.16.0/22',
          secondaryRanges: [
            { rangeName: 'legacy-pods', cidr: '100.64.0.0/16' },
            { rangeName: 'legacy-services', cidr: '100.80.0.0/20' },
          ],
        },
      ],
      // The network team attached fin-gke-prod to the host; the platform only grants its GKE agents on its own subnet.
      serviceProjectAttachments: 'existing',
    },
  },
  addressPools: [
    { name: 'nodes', cidr: '10.20.0.0/16', description: 'Node subnets (the VPC\u2019s existing subnets are reserved in it)' },
    { name: 'pods', cidr: '100.64.0.0/12', description: 'GKE pod ranges' },
    { name: 'services', cidr: '100.80.0.0/16', description: 'GKE services ranges' },
    { name: 'control-plane', cidr: '172.16.0.0/24', description: 'GKE control-plane /28s' },
    { name: 'bgp-links', cidr: '169.254.30.0/24', kind: 'link-local', description: 'BGP /30s of the AWS link' },
  ],
  poolAssignment: { nodes: 'nodes', pods: 'pods', services: 'services', controlPlane: 'control-plane', bgpLinks: 'bgp-links' },
  clusters: [
    {
      name: 'prod-euw2',
      project: 'fin-gke-prod',
      region: 'europe-west2',
      environment: 'prod',
      maxNodes: 20,
      maxPodsPerNode: 32,
      authorizedNetworks: [{ name: 'ops-vpn', cidr: '192.168.0.0/24' }],
      // Surge, not the general pools' blue-green: the adopted /27 subnet has room for 8 more nodes, not a second set of 20.
      nodePools: [{ name: 'general', kind: 'general', machineType: 'e2-standard-4', minNodes: 3, maxNodes: 20, upgrade: { strategy: 'surge' } }],
    },
  ],
  remoteNetworks: [{ name: 'aws-euw2-core', kind: 'aws-vpc', cidrs: ['10.40.0.0/16'], awsRegion: 'eu-west-2', description: 'The core AWS VPC (ledger database)' }],
  hybridLinks: [
    {
      kind: 'ha-vpn-aws',
      name: 'aws-euw2',
      region: 'europe-west2',
      remoteNetwork: 'aws-euw2-core',
      gcpAsn: 64514,
      aws: {
        // The organisation's transit gateway: referenced, never created or destroyed. Its ASN is required.
        existingTransitGatewayId: 'tgw-0a1b2c3d4e5f60718',
        amazonSideAsn: 64600,
        // Already attached to the transit gateway: no subnetIds, so no new attachment.
        vpcId: 'vpc-0c1d2e3f4a5b6c7d8',
        // The VPC's existing route tables: each gets a route to every GCP range through the transit gateway.
        routeTableIds: { 'private-a': 'rtb-0a1b2c3d4e5f60719', 'private-b': 'rtb-0a1b2c3d4e5f6071a' },
      },
    },
  ],
  tenants: [
    {
      name: 'payments',
      groups: { admin: 'payments-admins@example.com', developer: 'payments-dev@example.com' },
      clusters: ['prod-euw2'],
      isolation: 'shared',
      // The ledger database in AWS, reached over the link (an intent the model judges, through the existing route tables).
      dependencies: { external: [{ cidr: '10.40.8.0/24', ports: [{ port: 5432 }] }] },
      labels: { team: 'payments', environment: 'prod', costCenter: 'cc-200' },
    },
  ],
  gitOps: { repository: { url: 'https://github.com/example/fin-manifests.git' } },
};

/** The committed lock file of this platform's IP plan. */
export const brownfieldLockFile = join(__dirname, 'ip-plan.lock.json');

/** The names `npm run ip-plan -- --platform <module>` and `npm run report -- --platform <module>` read. */
export { brownfieldPlatform as platform, brownfieldLockFile as lockFile };
