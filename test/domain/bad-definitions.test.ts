/**
 * A corpus of realistic mistakes in a platform definition (and its lock file). Each must be refused the same
 * clear way by synthesis (loadPlatform, which the cdktf and cdk8s apps run first) and by `gke-platform plan --check`:
 * a ValidationError, never a TypeError, whose message names the place, the field, the value and the fix.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { loadPlatform } from '../../lib/platform/load-platform';
import { ValidationError } from '../../lib/domain/validation-error';
import { runCli } from '../../cli/main';
import { exampleLockFile, examplePlatform } from '../../examples/drive-platform/platform';
import { EXAMPLE_TODAY } from '../fixtures/example-today';

type Def = any;
const base = (): Def => JSON.parse(JSON.stringify(examplePlatform));
const edit = (change: (d: Def) => void) => (): Def => {
  const d = base();
  change(d);
  return d;
};
const cluster = (d: Def, name = 'prod-usc1') => d.clusters.find((c: any) => c.name === name);
const pool = (d: Def, name: string, clusterName = 'prod-usc1') => cluster(d, clusterName).nodePools.find((p: any) => p.name === name);
const link = (d: Def, name: string) => d.hybridLinks.find((l: any) => l.name === name);
const tenant = (d: Def, name: string) => d.tenants.find((t: any) => t.name === name);
const peerLink = { kind: 'ha-vpn-peer', name: 'dc-vpn', region: 'us-west1', remoteNetwork: 'garage-sunnyvale', gcpAsn: 64520, peerAsn: 65010, peerInterfaceIps: ['203.0.113.10', '203.0.113.11'] };
const withPeer = (change: (l: any) => void) =>
  edit((d) => {
    const l = { ...peerLink, peerInterfaceIps: [...peerLink.peerInterfaceIps] };
    change(l);
    d.hybridLinks.push(l);
  });
const withExisting = (existing: any) => edit((d) => (d.network.existing = existing));
const dedicated = {
  kind: 'interconnect',
  name: 'dc-dedicated',
  type: 'DEDICATED',
  remoteNetwork: 'garage-sunnyvale',
  slaTarget: '99.9',
  gcpAsn: 64530,
  peerAsn: 65020,
  attachments: [
    { name: 'dc-a', region: 'us-west1', metro: 'sea', edgeAvailabilityDomain: 'AVAILABILITY_DOMAIN_1', interconnect: 'https://www.googleapis.com/compute/v1/projects/drive-net-prod/global/interconnects/sea-1', vlanTag: 100 },
    { name: 'dc-b', region: 'us-west1', metro: 'sea', edgeAvailabilityDomain: 'AVAILABILITY_DOMAIN_2', interconnect: 'https://www.googleapis.com/compute/v1/projects/drive-net-prod/global/interconnects/sea-2', vlanTag: 101 },
  ],
};
const withDedicated = (change: (l: any) => void) =>
  edit((d) => {
    const l = JSON.parse(JSON.stringify(dedicated));
    change(l);
    d.hybridLinks.push(l);
  });

/** [mistake, definition, substring the message must contain]. */
const CASES: [string, () => Def, string][] = [
  // Shape: what JavaScript, JSON or a cast lets through the compiler.
  ['a cluster without nodePools', edit((d) => delete cluster(d).nodePools), 'clusters[prod-usc1]: nodePools undefined is required (a list); give nodePools'],
  ['a null tenant', edit((d) => d.tenants.push(null)), 'tenants[5]: entry null is null, but must be an object'],
  ['a misspelt pool kind', edit((d) => (pool(d, 'services').kind = 'genral')), 'clusters[prod-usc1].nodePools[services]: kind "genral" is not one of "general", "spot-batch", "gpu"'],
  ['a string where the regions list belongs', edit((d) => (d.regions = 'us-central1')), 'platform: regions "us-central1" is a string, but must be a list'],
  ['a string where the clusters list belongs', edit((d) => (d.clusters = 'prod-usc1')), 'platform: clusters "prod-usc1" is a string, but must be a list'],
  ['a lower-case release channel through a cast', edit((d) => (cluster(d).releaseChannel = 'regular')), 'clusters[prod-usc1]: releaseChannel "regular" is not one of "RAPID", "REGULAR", "STABLE"'],
  ['a misspelt field name', edit((d) => (cluster(d).nodePool = [])), 'clusters[prod-usc1]: nodePool [] is not a field of the definition here; did you mean nodePools?'],
  ['NaN nodes', edit((d) => (cluster(d).maxNodes = NaN)), 'clusters[prod-usc1]: maxNodes NaN is NaN, but must be a number'],
  ['Infinity pods per node', edit((d) => (cluster(d).maxPodsPerNode = Infinity)), 'clusters[prod-usc1]: maxPodsPerNode Infinity'],
  ['an unknown link kind', edit((d) => (link(d, 'aws-usw2').kind = 'vpn')), 'hybridLinks[aws-usw2]: kind "vpn" is not a known kind of entry here'],
  ['an empty zone list', edit((d) => (cluster(d).zones = [])), 'clusters[prod-usc1]: zones [] is empty; list at least 1 entry, or leave zones out'],
  ['an ingress source of neither shape', edit((d) => (tenant(d, 'mapping').ingressSources = [{ service: 'gw' }])), 'tenants[mapping].ingressSources[0]: entry {"service":"gw"} matches none of the accepted shapes'],
  ['a GPU pool without a GPU type', edit((d) => (pool(d, 'gpu-l4').gpu = { count: 1 })), 'clusters[prod-usc1].nodePools[gpu-l4].gpu: type undefined is required (a string)'],
  ['a GPU count as a string', edit((d) => (pool(d, 'gpu-l4').gpu.count = '1')), 'clusters[prod-usc1].nodePools[gpu-l4].gpu: count "1" is a string, but must be a number'],
  ['a misspelt isolation', edit((d) => (tenant(d, 'mapping').isolation = 'dedicated')), 'tenants[mapping]: isolation "dedicated" is not one of "shared", "dedicated-nodes", "dedicated-cluster"'],
  ['a privileged Pod Security level', edit((d) => (tenant(d, 'mapping').podSecurity = 'privileged')), 'tenants[mapping]: podSecurity "privileged" is not one of "restricted", "baseline"'],
  ['a lower-case routing mode', edit((d) => (d.network.routingMode = 'global')), 'network: routingMode "global" is not one of "GLOBAL", "REGIONAL"'],
  ['an SLA target as a number', edit((d) => (link(d, 'garage-sunnyvale').slaTarget = 99.99)), 'hybridLinks[garage-sunnyvale]: slaTarget 99.99 is not one of "99.9", "99.99"'],
  [
    'a third edge availability domain',
    edit((d) => (link(d, 'garage-sunnyvale').attachments[0].edgeAvailabilityDomain = 'AVAILABILITY_DOMAIN_3')),
    'hybridLinks[garage-sunnyvale].attachments[garage-usw1-a]: edgeAvailabilityDomain "AVAILABILITY_DOMAIN_3" is not one of',
  ],
  ['a remote network kind "aws"', edit((d) => (d.remoteNetworks[0].kind = 'aws')), 'remoteNetworks[aws-usw2-prod]: kind "aws" is not one of "aws-vpc", "on-prem"'],
  ['an address pool kind "linklocal"', edit((d) => (d.addressPools[4].kind = 'linklocal')), 'addressPools[bgp-links]: kind "linklocal" is not one of "subnet", "link-local"'],
  ['no pool for BGP links', edit((d) => delete d.poolAssignment.bgpLinks), 'poolAssignment: bgpLinks undefined is required (a string)'],
  ['an organization without a domain', edit((d) => delete d.organization.domain), 'organization: domain undefined is required (a string)'],
  ['projects as an object', edit((d) => (d.projects = { id: 'drive-net-prod' })), 'platform: projects {"id":"drive-net-prod"} is an object, but must be a list'],
  ['tenant labels without a cost center', edit((d) => delete tenant(d, 'routing').labels.costCenter), 'tenants[routing].labels: costCenter undefined is required (a string)'],
  ['tenant groups as a string', edit((d) => (tenant(d, 'routing').groups = 'routing@example.com')), 'tenants[routing]: groups "routing@example.com" is a string, but must be an object'],
  ['tenant clusters as a string', edit((d) => (tenant(d, 'routing').clusters = 'prod-usc1')), 'tenants[routing]: clusters "prod-usc1" is a string, but must be a list'],
  ['tenant dependencies as a string', edit((d) => (tenant(d, 'mapping').dependencies.tenants = 'routing')), 'tenants[mapping].dependencies: tenants "routing" is a string, but must be a list'],
  [
    'project roles as a string',
    edit((d) => (tenant(d, 'mapping').workloadIdentities[0].projectRoles = 'roles/storage.objectUser')),
    'tenants[mapping].workloadIdentities[0]: projectRoles "roles/storage.objectUser" is a string, but must be a list',
  ],
  ['a pod quota as a string', edit((d) => (tenant(d, 'routing').quota.pods = '100')), 'tenants[routing].quota: pods "100" is a string, but must be a number'],
  ['null developer namespaces', edit((d) => (d.developerNamespaces.namespaces = null)), 'developerNamespaces: namespaces null is null, but must be a list'],
  ['an add-on entry without a name', edit((d) => (d.addOns = [{ settings: {} }])), 'addOns[0]: name undefined is required (a string)'],
  ['a null link', edit((d) => d.hybridLinks.push(null)), 'hybridLinks[2]: entry null is null, but must be an object'],
  ['an authorized network without a CIDR', edit((d) => delete cluster(d).authorizedNetworks[0].cidr), 'clusters[prod-usc1].authorizedNetworks[corp-vpn]: cidr undefined is required (a string)'],
  ['an additional pod range size as a string', edit((d) => (cluster(d).additionalPodRanges = [{ name: 'pods-2', maxNodes: '100' }])), 'clusters[prod-usc1].additionalPodRanges[pods-2]: maxNodes "100" is a string, but must be a number'],
  ['a null node pool', edit((d) => cluster(d).nodePools.push(null)), 'clusters[prod-usc1].nodePools[3]: entry null is null, but must be an object'],
  ['a misspelt tenant field', edit((d) => (tenant(d, 'routing').isolaton = 'shared')), 'tenants[routing]: isolaton "shared" is not a field of the definition here; did you mean isolation?'],
  ['a misspelt top-level field', edit((d) => (d.cluster = [])), 'platform: cluster [] is not a field of the definition here; did you mean clusters?'],
  ['an AWS gateway type "tgw"', edit((d) => (link(d, 'aws-usw2').aws.type = 'tgw')), 'hybridLinks[aws-usw2].aws: type "tgw" is not one of "transit-gateway", "vpn-gateway"'],
  ['a lower-case port protocol', edit((d) => (tenant(d, 'simulation').dependencies.external[0].ports[0].protocol = 'tcp')), 'tenants[simulation].dependencies.external[0].ports[0]: protocol "tcp" is not one of "TCP", "UDP", "SCTP"'],
  ['an MTU as a string', edit((d) => (d.network.mtu = '1460')), 'network: mtu "1460" is a string, but must be a number'],
  ['a null surge', edit((d) => (pool(d, 'services').maxSurge = null)), 'clusters[prod-usc1].nodePools[services]: maxSurge null is null, but must be a number'],
  ['a reservation without a reason', edit((d) => (d.reservations = [{ name: 'legacy', cidr: '10.250.0.0/16' }])), 'reservations[legacy]: reason undefined is required (a string)'],
  ['an upper-case dedicated pool kind', edit((d) => (tenant(d, 'ml-training').dedicatedNodes.kind = 'GPU')), 'tenants[ml-training].dedicatedNodes: kind "GPU" is not one of "general", "spot-batch", "gpu"'],
  ['a boolean advertisement as a string', edit((d) => ((link(d, 'aws-usw2').advertise ??= {}).controlPlanes = 'yes')), 'hybridLinks[aws-usw2].advertise: controlPlanes "yes" is a string, but must be a boolean'],
  ['an unknown attachment field', edit((d) => (link(d, 'garage-sunnyvale').attachments[0].vlan = 10)), 'hybridLinks[garage-sunnyvale].attachments[garage-usw1-a]: vlan 10 is not a field of the definition here; did you mean vlanTag?'],

  // Hybrid links: the rules the link constructs apply, now checked up front.
  ['a peer gateway IP of 203.0.113.300', withPeer((l) => (l.peerInterfaceIps[1] = '203.0.113.300')), 'hybridLinks[dc-vpn]: peerInterfaceIps[1] "203.0.113.300" is not an IPv4 address'],
  ['a peer gateway IP without its last part', withPeer((l) => (l.peerInterfaceIps[0] = '203.0.113')), 'hybridLinks[dc-vpn]: peerInterfaceIps[0] "203.0.113" is not an IPv4 address'],
  [
    'a peer device with 3 interfaces',
    withPeer((l) => l.peerInterfaceIps.push('203.0.113.12')),
    'hybridLinks[dc-vpn]: peerInterfaceIps ["203.0.113.10","203.0.113.11","203.0.113.12"] has 3 entries, but an external VPN gateway has 1, 2 or 4 interfaces',
  ],
  ['a peer ASN equal to the Cloud Router ASN', withPeer((l) => (l.peerAsn = 64520)), 'hybridLinks[dc-vpn]: peerAsn 64520 equals the Cloud Router ASN'],
  ['a peer ASN of 0', withPeer((l) => (l.peerAsn = 0)), 'hybridLinks[dc-vpn]: peerAsn 0 is not a usable BGP ASN'],
  ['a Cloud Router ASN of 65535', withPeer((l) => (l.gcpAsn = 65535)), 'hybridLinks[dc-vpn]: gcpAsn 65535 is not a private ASN Cloud Router accepts'],
  ['the Partner ASN on an HA VPN', edit((d) => (link(d, 'aws-usw2').gcpAsn = 16550)), 'hybridLinks[aws-usw2]: gcpAsn 16550 is not a private ASN Cloud Router accepts (16550 is only for Partner Interconnect)'],
  ['a public Cloud Router ASN', edit((d) => (link(d, 'aws-usw2').gcpAsn = 15169)), 'hybridLinks[aws-usw2]: gcpAsn 15169 is not a private ASN Cloud Router accepts'],
  ['an AWS region us-east1', edit((d) => (d.remoteNetworks[0].awsRegion = 'us-east1')), 'remoteNetworks[aws-usw2-prod]: awsRegion "us-east1" is not an AWS region name (it is spelt like a GCP region)'],
  ['an upper-case AWS region', edit((d) => (d.remoteNetworks[0].awsRegion = 'US-WEST-2')), 'remoteNetworks[aws-usw2-prod]: awsRegion "US-WEST-2" is not an AWS region name'],
  ['a malformed VPC id', edit((d) => (link(d, 'aws-usw2').aws.vpcId = 'vpc-123')), 'hybridLinks[aws-usw2]: aws.vpcId "vpc-123" is not an AWS vpc id'],
  ['a VPC id with upper-case hex', edit((d) => (link(d, 'aws-usw2').aws.vpcId = 'vpc-0E4C1F6B2A7D93851')), 'hybridLinks[aws-usw2]: aws.vpcId "vpc-0E4C1F6B2A7D93851" is not an AWS vpc id'],
  ['a subnet id with the wrong prefix', edit((d) => (link(d, 'aws-usw2').aws.subnetIds[1] = 'sn-0b1c2d3e4f5a6b7c8')), 'hybridLinks[aws-usw2]: aws.subnetIds[1] "sn-0b1c2d3e4f5a6b7c8" is not an AWS subnet id'],
  ['a route table id that is a VPC id', edit((d) => (link(d, 'aws-usw2').aws.routeTableIds.private = 'vpc-0e4c1f6b2a7d93851')), 'hybridLinks[aws-usw2]: aws.routeTableIds.private "vpc-0e4c1f6b2a7d93851" is not an AWS route table id'],
  [
    'an existing transit gateway id with 5 hex digits',
    edit((d) => Object.assign(link(d, 'aws-usw2').aws, { existingTransitGatewayId: 'tgw-0abcd' })),
    'hybridLinks[aws-usw2]: aws.existingTransitGatewayId "tgw-0abcd" is not an AWS transit gateway id (tgw- and 8 or 17 lower-case hex digits); copy the id from the AWS console or `aws ec2 describe-transit-gateways`',
  ],
  [
    'an existing transit gateway without its ASN',
    edit((d) => {
      link(d, 'aws-usw2').aws.existingTransitGatewayId = 'tgw-0f1e2d3c4b5a69788';
      delete link(d, 'aws-usw2').aws.amazonSideAsn;
    }),
    "hybridLinks[aws-usw2]: aws.amazonSideAsn undefined is required with aws.existingTransitGatewayId tgw-0f1e2d3c4b5a69788: the Cloud Router's BGP peers must use that gateway's ASN, which the link cannot read (the default 64512 is only for a gateway the link creates); set aws.amazonSideAsn to the gateway's Amazon-side ASN (`aws ec2 describe-transit-gateways --transit-gateway-ids tgw-0f1e2d3c4b5a69788",
  ],
  [
    'an existing transit gateway on a VPN gateway link',
    edit((d) => Object.assign(link(d, 'aws-usw2').aws, { type: 'vpn-gateway', existingTransitGatewayId: 'tgw-0f1e2d3c4b5a69788', subnetIds: undefined })),
    'hybridLinks[aws-usw2]: aws.existingTransitGatewayId "tgw-0f1e2d3c4b5a69788" is set, but aws.type is "vpn-gateway": the tunnels would end on a virtual private gateway, not on this transit gateway; set aws.type: \'transit-gateway\' (or leave type out), or remove existingTransitGatewayId',
  ],
  [
    'an existing VPN gateway on a transit gateway link',
    edit((d) => Object.assign(link(d, 'aws-usw2').aws, { existingVpnGatewayId: 'vgw-0a1b2c3d' })),
    'hybridLinks[aws-usw2]: aws.existingVpnGatewayId "vgw-0a1b2c3d" is set, but aws.type is "transit-gateway": the tunnels would end on a transit gateway, not on this virtual private gateway; set aws.type: \'vpn-gateway\', or remove existingVpnGatewayId',
  ],
  [
    'an existing VPN gateway without its ASN',
    edit((d) => {
      Object.assign(link(d, 'aws-usw2').aws, { type: 'vpn-gateway', existingVpnGatewayId: 'vgw-0a1b2c3d' });
      delete link(d, 'aws-usw2').aws.subnetIds;
      delete link(d, 'aws-usw2').aws.amazonSideAsn;
    }),
    "hybridLinks[aws-usw2]: aws.amazonSideAsn undefined is required with aws.existingVpnGatewayId vgw-0a1b2c3d: the Cloud Router's BGP peers must use that gateway's ASN",
  ],
  ['an empty attachment subnet list', edit((d) => (link(d, 'aws-usw2').aws.subnetIds = [])), 'hybridLinks[aws-usw2]: aws.subnetIds [] is empty, but a transit gateway VPC attachment needs a subnet in each availability zone it serves'],
  [
    'a route table key with a slash',
    edit((d) => (link(d, 'aws-usw2').aws.routeTableIds = { 'private/a': 'rtb-0c2d4e6f8a0b1c3d5' })),
    'hybridLinks[aws-usw2]: aws.routeTableIds "private/a" is not a usable key: it becomes part of the routes\' construct ids (their Terraform addresses); use letters, digits, "-" and "_" only',
  ],
  [
    'a misspelt existing transit gateway field',
    edit((d) => (link(d, 'aws-usw2').aws.existingTransitGateway = 'tgw-0f1e2d3c4b5a69788')),
    'existingTransitGateway "tgw-0f1e2d3c4b5a69788" is not a field of the definition here; did you mean existingTransitGatewayId?',
  ],
  // An existing VPC (network.existing): its subnets are reserved and checked.
  [
    'an existing subnet over a recorded node subnet',
    withExisting({ subnets: [{ name: 'corp-old', region: 'us-central1', cidr: '10.0.2.0/24' }] }),
    'ip-plan.lock.json#gcp/us-central1/prod-usc1/nodes: cidr "10.0.0.0/22" overlaps reservation network/existing/corp-old (subnet corp-old (us-central1) of the existing VPC drive-platform) (10.0.2.0/24)',
  ],
  [
    'an existing secondary range over a recorded pod range',
    withExisting({ subnets: [{ name: 'corp-old', region: 'us-central1', cidr: '10.200.0.0/24', secondaryRanges: [{ rangeName: 'old-pods', cidr: '100.64.0.0/16' }] }] }),
    'overlaps reservation network/existing/corp-old/old-pods (secondary range old-pods of subnet corp-old of the existing VPC drive-platform)',
  ],
  ['an existing subnet with an upper-case name', withExisting({ subnets: [{ name: 'Corp-Old', region: 'us-central1', cidr: '10.200.0.0/24' }] }), 'network.existing.subnets[Corp-Old]: name "Corp-Old" must be an RFC 1035 label'],
  ['an existing subnet with a misaligned range', withExisting({ subnets: [{ name: 'corp-old', region: 'us-central1', cidr: '10.200.0.1/24' }] }), 'network.existing.subnets[corp-old]: cidr "10.200.0.1/24"'],
  ['an existing subnet in a zone, not a region', withExisting({ subnets: [{ name: 'corp-old', region: 'us-central1-a', cidr: '10.200.0.0/24' }] }), 'network.existing.subnets[corp-old]: region "us-central1-a" is not a GCP region name'],
  [
    "an existing subnet named like a cluster's subnet",
    withExisting({ subnets: [{ name: 'gke-prod-usc1', region: 'us-central1', cidr: '10.200.0.0/24' }] }),
    'network.existing.subnets[gke-prod-usc1]: name "gke-prod-usc1" is the name of the subnet the platform creates for cluster prod-usc1 in us-central1, and GCP refuses a second subnet of that name there',
  ],
  [
    'an existing subnet declared twice',
    withExisting({
      subnets: [
        { name: 'corp-old', region: 'us-central1', cidr: '10.200.0.0/24' },
        { name: 'corp-old', region: 'us-central1', cidr: '10.201.0.0/24' },
      ],
    }),
    'network.existing.subnets[corp-old]: name "corp-old" is declared twice in us-central1',
  ],
  [
    'an existing secondary range name twice on one subnet',
    withExisting({
      subnets: [
        {
          name: 'corp-old',
          region: 'us-central1',
          cidr: '10.200.0.0/24',
          secondaryRanges: [
            { rangeName: 'old', cidr: '100.127.0.0/24' },
            { rangeName: 'old', cidr: '100.127.1.0/24' },
          ],
        },
      ],
    }),
    'network.existing.subnets[corp-old]: secondaryRanges[1].rangeName "old" is declared twice on the subnet',
  ],
  ['service project attachments spelt "exists"', withExisting({ serviceProjectAttachments: 'exists' }), 'network.existing: serviceProjectAttachments "exists" is not one of "create", "existing"'],
  ['a misspelt existing-network field', withExisting({ subnet: [] }), 'network.existing: subnet [] is not a field of the definition here; did you mean subnets?'],
  ['a legacy Amazon ASN on a transit gateway', edit((d) => (link(d, 'aws-usw2').aws.amazonSideAsn = 7224)), 'hybridLinks[aws-usw2]: aws.amazonSideAsn 7224 is not a valid Amazon-side ASN'],
  ['the same ASN on both sides of an AWS link', edit((d) => (link(d, 'aws-usw2').aws.amazonSideAsn = 64514)), 'hybridLinks[aws-usw2]: aws.amazonSideAsn 64514 equals the Cloud Router ASN'],
  ['subnets for a VPN gateway', edit((d) => (link(d, 'aws-usw2').aws.type = 'vpn-gateway')), 'hybridLinks[aws-usw2]: aws.subnetIds ["subnet-04f3c2a1b0e9d8c7a"'],
  [
    'a 99.99% SLA on two attachments',
    edit((d) => link(d, 'garage-sunnyvale').attachments.splice(2, 2)),
    'hybridLinks[garage-sunnyvale]: attachments ["garage-usw1-a@us-west1/sea/1","garage-usw1-b@us-west1/sea/2"] are 2, but the 99.99% SLA needs at least 4',
  ],
  ['a 99.99% SLA in one metro', edit((d) => link(d, 'garage-sunnyvale').attachments.forEach((a: any) => (a.metro = 'sea'))), 'use 1 metro(s), but the 99.99% SLA needs 2 metros'],
  ['a 99.99% SLA with REGIONAL routing', edit((d) => (d.network.routingMode = 'REGIONAL')), 'hybridLinks[garage-sunnyvale]: routingMode "REGIONAL" must be GLOBAL for the 99.99% SLA'],
  [
    'a 99.9% SLA on one edge availability domain',
    withDedicated((l) => (l.attachments[1].edgeAvailabilityDomain = 'AVAILABILITY_DOMAIN_1')),
    'hybridLinks[dc-dedicated]: attachments ["dc-a@us-west1/sea/1","dc-b@us-west1/sea/1"] do not meet the 99.9% SLA',
  ],
  ['an attachment MTU of 9000', edit((d) => (link(d, 'garage-sunnyvale').mtu = 9000)), 'hybridLinks[garage-sunnyvale]: attachments[0].mtu 9000 is not a VLAN attachment MTU; use one of 1440, 1460, 1500, 8896'],
  ['an attachment MTU that differs from the VPC', edit((d) => (link(d, 'garage-sunnyvale').mtu = 1500)), 'hybridLinks[garage-sunnyvale]: mtu 1500 differs from the VPC MTU 1460'],
  ['a VLAN tag of 5000', withDedicated((l) => (l.attachments[0].vlanTag = 5000)), 'hybridLinks[dc-dedicated].attachments[dc-a]: vlanTag 5000 is outside 2–4094'],
  ['a VLAN tag on a Partner attachment', edit((d) => (link(d, 'garage-sunnyvale').attachments[0].vlanTag = 100)), 'hybridLinks[garage-sunnyvale].attachments[garage-usw1-a]: vlanTag 100 is set on a Partner attachment'],
  ['a Dedicated attachment without its Interconnect', withDedicated((l) => delete l.attachments[0].interconnect), 'hybridLinks[dc-dedicated].attachments[dc-a]: interconnect undefined is required for a Dedicated attachment'],
  ['two attachments with one name', withDedicated((l) => (l.attachments[1].name = 'dc-a')), 'hybridLinks[dc-dedicated]: attachments[1].name "dc-a" is declared twice'],
  ['a peer ASN on a Partner link', edit((d) => (link(d, 'garage-sunnyvale').peerAsn = 65001)), 'hybridLinks[garage-sunnyvale]: peerAsn 65001 is set on a Partner Interconnect link'],
  ["a Dedicated link whose peer ASN is the router's", withDedicated((l) => (l.peerAsn = 64530)), 'hybridLinks[dc-dedicated]: peerAsn 64530 equals the Cloud Router ASN'],
  ['a Dedicated link with a private-range peer ASN typo', withDedicated((l) => (l.gcpAsn = 16550)), 'hybridLinks[dc-dedicated]: gcpAsn 16550 is not a private ASN Cloud Router accepts'],
  ['two links with one name', edit((d) => d.hybridLinks.push(JSON.parse(JSON.stringify(d.hybridLinks[0])))), 'hybridLinks: name "aws-usw2" is declared twice'],
  ['a link in an unknown region', edit((d) => (link(d, 'aws-usw2').region = 'asia-east1')), 'hybridLinks[aws-usw2]: region "asia-east1" is not one of the platform regions'],
  ['a link to an undeclared network', edit((d) => (link(d, 'aws-usw2').remoteNetwork = 'aws-use1')), 'hybridLinks[aws-usw2]: remoteNetwork "aws-use1" is not a declared remote network'],
  ['an AWS link to an on-prem network', edit((d) => (link(d, 'aws-usw2').remoteNetwork = 'garage-sunnyvale')), 'hybridLinks[aws-usw2]: remoteNetwork "garage-sunnyvale" is a on-prem network'],
  ['a malformed advertised range', edit((d) => ((link(d, 'aws-usw2').advertise ??= {}).ranges = ['10.0.0.1/24'])), 'hybridLinks[aws-usw2]: advertise.ranges "10.0.0.1/24" is not an aligned IPv4 CIDR'],
  ['a Partner link with its own ASN', edit((d) => (link(d, 'garage-sunnyvale').gcpAsn = 64514)), 'hybridLinks[garage-sunnyvale]: gcpAsn 64514 must be 16550 for Partner Interconnect'],
  ['a Dedicated link without the peer ASN', withDedicated((l) => delete l.peerAsn), 'hybridLinks[dc-dedicated]: peerAsn undefined is required for Dedicated Interconnect'],

  // Remote networks.
  ['an on-prem range claiming the Private Google Access VIPs', edit((d) => d.remoteNetworks[1].cidrs.push('199.36.153.8/30')), 'remoteNetworks[garage-sunnyvale]: cidrs "199.36.153.8/30" overlaps 199.36.153.8/30 (private.googleapis.com)'],
  ['an on-prem range covering both Google API VIPs', edit((d) => d.remoteNetworks[1].cidrs.push('199.36.152.0/22')), 'cidrs "199.36.152.0/22" overlaps 199.36.153.4/30 (restricted.googleapis.com)'],
  ['an AWS region on an on-prem network', edit((d) => (d.remoteNetworks[1].awsRegion = 'us-west-2')), 'remoteNetworks[garage-sunnyvale]: awsRegion "us-west-2" is set on an on-prem network'],
  ['an AWS VPC without its region', edit((d) => delete d.remoteNetworks[0].awsRegion), 'remoteNetworks[aws-usw2-prod]: awsRegion undefined is required for an AWS VPC'],
  ['a misaligned remote range', edit((d) => (d.remoteNetworks[1].cidrs[0] = '10.200.0.1/16')), 'remoteNetworks[garage-sunnyvale]: cidrs "10.200.0.1/16" is not aligned'],
  ['a remote network without ranges', edit((d) => (d.remoteNetworks[1].cidrs = [])), 'remoteNetworks[garage-sunnyvale]: cidrs [] is empty'],
  ['two remote networks with one name', edit((d) => (d.remoteNetworks[1].name = 'aws-usw2-prod')), 'remoteNetworks: name "aws-usw2-prod" is declared twice'],

  // Node pools and GPUs.
  ['a misspelt GPU type', edit((d) => (pool(d, 'gpu-l4').gpu.type = 'nvidia-l4x')), 'clusters[prod-usc1].nodePools[gpu-l4]: gpu.type "nvidia-l4x" is not a GPU type GKE offers'],
  ['a GPU type by its marketing name', edit((d) => (tenant(d, 'ml-training').dedicatedNodes.gpu.type = 'A100')), 'tenants[ml-training].dedicatedNodes: gpu.type "A100" is not a GPU type GKE offers'],
  ['A100s on a G2 machine', edit((d) => (pool(d, 'gpu-l4').gpu.type = 'nvidia-tesla-a100')), 'clusters[prod-usc1].nodePools[gpu-l4]: machineType "g2-standard-8" cannot carry nvidia-tesla-a100 GPUs; use a a2-highgpu-* machine type'],
  ['zero GPUs per node', edit((d) => (pool(d, 'gpu-l4').gpu.count = 0)), 'clusters[prod-usc1].nodePools[gpu-l4]: gpu.count 0 must be an integer ≥ 1'],
  [
    'a GPU pool on an E2 machine without a GPU type',
    edit((d) => {
      pool(d, 'gpu-l4').machineType = 'e2-standard-8';
      delete pool(d, 'gpu-l4').gpu;
    }),
    'clusters[prod-usc1].nodePools[gpu-l4]: machineType "e2-standard-8" cannot carry nvidia-l4 GPUs; use a g2-* machine type',
  ],
  [
    'an upper-case machine type',
    edit((d) => (pool(d, 'services').machineType = 'E2-STANDARD-8')),
    'clusters[prod-usc1].nodePools[services]: machineType "E2-STANDARD-8" is not a Compute Engine machine type name (lower-case, e.g. e2-standard-4); write it in lower case: "e2-standard-8"',
  ],
  ['a machine type with spaces', edit((d) => (pool(d, 'batch-spot').machineType = 'n2 standard 16')), 'clusters[prod-usc1].nodePools[batch-spot]: machineType "n2 standard 16" is not a Compute Engine machine type name'],
  ['a GPU on a general pool', edit((d) => (pool(d, 'services').gpu = { type: 'nvidia-l4', count: 1 })), 'clusters[prod-usc1].nodePools[services]: gpu {"type":"nvidia-l4","count":1} is set on a general pool'],
  [
    "a cluster pool named like a tenant's dedicated pool",
    edit((d) => (pool(d, 'batch-spot').name = 'tenant-simulation')),
    'clusters[prod-usc1].nodePools[tenant-simulation]: name "tenant-simulation" collides with the dedicated pool of tenant simulation on this cluster',
  ],
  ['two pools with one name', edit((d) => (pool(d, 'batch-spot').name = 'services')), 'clusters[prod-usc1].nodePools: name "services" is declared twice'],
  ["a pool above the cluster's pods per node", edit((d) => (pool(d, 'services').maxPodsPerNode = 110)), "clusters[prod-usc1].nodePools[services]: maxPodsPerNode 110 must be from 8 to the cluster's maxPodsPerNode (64)"],
  ['a pool minimum above its maximum', edit((d) => (pool(d, 'services').minNodes = 300)), 'clusters[prod-usc1].nodePools[services]: minNodes 300 must be a whole number from 0 to maxNodes (200)'],
  ['a negative surge', edit((d) => (pool(d, 'services').maxSurge = -1)), 'clusters[prod-usc1].nodePools[services]: maxSurge -1 must be a whole number of at least 0'],
  ['a fractional pool size', edit((d) => (pool(d, 'services').maxNodes = 1.5)), 'clusters[prod-usc1].nodePools[services]: maxNodes 1.5 must be a whole number of at least 1'],
  ['a pool on an undeclared pod range', edit((d) => (pool(d, 'services').podRange = 'pods-2')), 'clusters[prod-usc1].nodePools[services]: podRange "pods-2" is not one of the cluster\'s additionalPodRanges; declare it first'],
  [
    'an additional pod range named "pods"',
    edit((d) => (cluster(d).additionalPodRanges = [{ name: 'pods', maxNodes: 10 }])),
    'clusters[prod-usc1].additionalPodRanges[pods]: name "pods" collides with the cluster\'s default pod or services range',
  ],
  [
    'two additional pod ranges with one name',
    edit(
      (d) =>
        (cluster(d).additionalPodRanges = [
          { name: 'pods-2', maxNodes: 10 },
          { name: 'pods-2', maxNodes: 20 },
        ]),
    ),
    'clusters[prod-usc1].additionalPodRanges: name "pods-2" is declared twice',
  ],
  ['a dedicated pool with a GPU misspelt', edit((d) => (tenant(d, 'ml-training').dedicatedNodes.gpu.type = 'nvidia-tesla-a10')), 'tenants[ml-training].dedicatedNodes: gpu.type "nvidia-tesla-a10" is not a GPU type GKE offers'],

  // Platform, network, clusters.
  ['an invalid platform name', edit((d) => (d.name = 'Drive_Platform')), 'platform: name "Drive_Platform" must be lower-case'],
  ['an organization without a name', edit((d) => (d.organization.name = ' ')), 'organization: name " " is empty'],
  ['a domain that is not a domain', edit((d) => (d.organization.domain = 'not a domain')), 'organization: domain "not a domain" is not a DNS domain'],
  ['an invalid project id', edit((d) => d.projects.push({ id: 'P' })), 'projects[P]: id "P" must be 6-30 lower-case letters'],
  ['a project declared twice', edit((d) => d.projects.push({ id: 'drive-net-prod' })), 'projects: id "drive-net-prod" is declared twice'],
  ['a region that is not a region', edit((d) => d.regions.push('moon')), 'regions: region "moon" is not a GCP region name'],
  ['no regions', edit((d) => (d.regions = [])), 'platform: regions [] is empty'],
  ['a network in an undeclared project', edit((d) => (d.network.project = 'drive-net-staging')), 'network: project "drive-net-staging" is not one of the declared projects'],
  ['a VPC MTU of 9000', edit((d) => (d.network.mtu = 9000)), 'network: mtu 9000 must be a whole number from 1300 to 8896'],
  ['a pool assignment to an undeclared pool', edit((d) => (d.poolAssignment.pods = 'pods')), 'poolAssignment: pods "pods" is not one of the addressPools'],
  ['an invalid cluster name', edit((d) => (cluster(d).name = 'Prod_USC1')), 'clusters[Prod_USC1]: name "Prod_USC1" must match'],
  ['a cluster in an undeclared region', edit((d) => (cluster(d).region = 'europe-west4')), 'clusters[prod-usc1]: region "europe-west4" is not one of the platform regions'],
  ['a cluster in an undeclared project', edit((d) => (cluster(d).project = 'drive-gke-staging')), 'clusters[prod-usc1]: project "drive-gke-staging" is not one of the declared projects'],
  ['a zone of another region', edit((d) => (cluster(d).zones = ['us-central1-a', 'us-west1-b'])), 'clusters[prod-usc1]: zones "us-west1-b" is not a zone of the cluster\'s region us-central1'],
  ['300 pods per node', edit((d) => (cluster(d).maxPodsPerNode = 300)), 'clusters[prod-usc1]: maxPodsPerNode 300 must be a whole number from 8 to 256'],
  ['a control plane open to the internet', edit((d) => (cluster(d).authorizedNetworks = [{ name: 'all', cidr: '0.0.0.0/0' }])), 'clusters[prod-usc1]: authorizedNetworks "0.0.0.0/0" opens the control plane to the whole internet'],
  ['pools that outgrow the cluster', edit((d) => (cluster(d).maxNodes = 500)), "clusters[prod-usc1]: maxNodes 500 is less than the sum of its node pools' maxNodes"],
  ['a cluster without pools', edit((d) => (cluster(d).nodePools = [])), 'clusters[prod-usc1]: nodePools [] is empty: the default pool is removed'],
  ['a negative node count', edit((d) => (cluster(d, 'dev-usw1').maxNodes = -1)), 'clusters[dev-usw1]: maxNodes -1 must be a whole number of at least 1'],
  ['two clusters with one name', edit((d) => (cluster(d, 'dev-usw1').name = 'prod-usc1')), 'clusters: name "prod-usc1" is declared twice'],
  ['a cluster pool override to an undeclared pool', edit((d) => (cluster(d).pools = { nodes: 'gke-nodes-2' })), 'clusters[prod-usc1]: pools.nodes "gke-nodes-2" is not one of the addressPools'],
  ['a zone listed twice', edit((d) => (cluster(d).zones = ['us-central1-a', 'us-central1-a'])), 'clusters[prod-usc1]: zones ["us-central1-a","us-central1-a"] lists a zone twice; list each zone once'],
  [
    'a cluster name too long for its node service account',
    edit((d) => {
      cluster(d, 'dev-usw1').name = 'dev-usw1-analytics-sandbox';
      d.developerNamespaces.cluster = 'dev-usw1-analytics-sandbox';
    }),
    'clusters[dev-usw1-analytics-sandbox]: name "dev-usw1-analytics-sandbox" makes the node service account id "dev-usw1-analytics-sandbox-nodes", which must be 6-30 characters',
  ],
  ['an environment that is not a label value', edit((d) => (cluster(d).environment = 'Prod Env')), 'clusters[prod-usc1]: environment "Prod Env" is not a GCE label value'],
  ['an authorized network without a name', edit((d) => (cluster(d).authorizedNetworks[0].name = '')), 'clusters[prod-usc1]: authorizedNetworks.name "" is empty'],
  ['an attachment without its metro', edit((d) => (link(d, 'garage-sunnyvale').attachments[0].metro = '')), 'hybridLinks[garage-sunnyvale].attachments[garage-usw1-a]: metro "" is empty'],
  ['a negative grace period', edit((d) => (d.developerNamespaces.gracePeriodDays = -1)), 'developerNamespaces: gracePeriodDays -1 must be a whole number of days of at least 0'],
  ['a malformed authorized network', edit((d) => (cluster(d).authorizedNetworks[0].cidr = '10.200.8.0/33')), 'clusters[prod-usc1]: authorizedNetworks "10.200.8.0/33"'],

  // Tenants.
  ['a tenant on an undeclared cluster', edit((d) => tenant(d, 'routing').clusters.push('prod-euw1')), 'clusters "prod-euw1" is not a declared cluster'],
  ['a dedicated-nodes tenant without its pool', edit((d) => delete tenant(d, 'simulation').dedicatedNodes), 'tenants[simulation]: dedicatedNodes undefined is required when isolation is "dedicated-nodes"'],
  ['a dedicated pool on a shared tenant', edit((d) => (tenant(d, 'routing').dedicatedNodes = { maxNodes: 3 })), 'tenants[routing]: dedicatedNodes {"maxNodes":3} is set but isolation is "shared"'],
  ['an upper-case tenant name', edit((d) => (tenant(d, 'routing').name = 'Routing')), 'name "Routing"'],
  ['two tenants with one name', edit((d) => (tenant(d, 'routing').name = 'mapping')), 'name "mapping" is declared twice'],
  ['a dependency on an undeclared tenant', edit((d) => (tenant(d, 'mapping').dependencies.tenants = ['routng'])), 'dependencies.tenants "routng" is not a declared tenant'],
  [
    'a tenant depending on a tenant not placed on its cluster',
    edit((d) => (tenant(d, 'mapping').dependencies = { tenants: ['payments'] })),
    'tenants[mapping]: dependencies.tenants "payments" is not placed on cluster prod-usc1, where mapping runs (payments runs on payments-usc1); a dependency across clusters is not built (no path, intent or policy on the other side); add "prod-usc1" to tenants[payments].clusters, or keep mapping on clusters payments runs on',
  ],
  [
    "a group outside the organization's domain",
    edit((d) => (tenant(d, 'mapping').groups.admin = 'mapping-admins@gmail.com')),
    'tenants[mapping]: groups.admin "mapping-admins@gmail.com" is outside the organization\'s domain example.com: Google Groups for RBAC only resolves groups of that domain, so the binding would grant nothing; use a group of example.com, e.g. "mapping-admins@example.com", or correct organization.domain',
  ],
  [
    'an HA VPN peer at a private address on a link over the internet',
    withPeer((l) => (l.peerInterfaceIps[1] = '10.20.0.11')),
    'hybridLinks[dc-vpn]: peerInterfaceIps[1] "10.20.0.11" is a private (RFC 1918) address (10.0.0.0/8), but this link\'s HA VPN runs over the internet',
  ],
  ['a negative CPU quota', edit((d) => (tenant(d, 'routing').quota.requestsCpu = '-4')), 'tenants[routing]: quota.requestsCpu "-4" is negative: a quantity cannot be below zero; write a positive amount for quota.requestsCpu'],
  ['a negative container maximum', edit((d) => (tenant(d, 'routing').limits = { maxCpu: '-1' })), 'tenants[routing]: limits.maxCpu "-1" is negative: a quantity cannot be below zero; write a positive amount for limits.maxCpu'],
  [
    'a misspelt machine type',
    edit((d) => (pool(d, 'services').machineType = 'n2-standrad-8')),
    'clusters[prod-usc1].nodePools[services]: machineType "n2-standrad-8" is not a Compute Engine machine type this library knows (lib/domain/gke/gce-machine-types.ts); did you mean n2-standard-8?',
  ],
  [
    'a machine size its class does not offer',
    edit((d) => (pool(d, 'services').machineType = 'n2-standard-12')),
    'clusters[prod-usc1].nodePools[services]: machineType "n2-standard-12" is not a Compute Engine machine type: n2-standard comes in sizes 2, 4, 8, 16, 32, 48, 64, 80, 96, 128; use n2-standard-16 (the nearest size at least as large), or a custom type such as n2-custom-12-49152',
  ],
  [
    'an E2 machine larger than E2 goes',
    edit((d) => (pool(d, 'services').machineType = 'e2-standard-44')),
    'machineType "e2-standard-44" is not a Compute Engine machine type: e2-standard comes in sizes 2, 4, 8, 16, 32; use e2-standard-32 (the nearest size, the largest)',
  ],
  ['a quota that is not a quantity', edit((d) => (tenant(d, 'routing').quota.requestsCpu = '16 cores')), '"16 cores" is not a Kubernetes quantity'],
  ['developer namespaces on an undeclared cluster', edit((d) => (d.developerNamespaces.cluster = 'dev-euw1')), 'developerNamespaces: cluster "dev-euw1" is not a declared cluster'],
  ['an add-on nobody supplied', edit((d) => (d.addOns = [{ name: 'vault' }])), 'addOns[vault]: name "vault" is not an add-on supplied to this build'],
];

const dir = mkdtempSync(join(tmpdir(), 'bad-definitions-'));
const lockFile = join(dir, 'ip-plan.lock.json');
copyFileSync(exampleLockFile, lockFile);
copyFileSync(join(dirname(exampleLockFile), 'tenant-states.lock.json'), join(dir, 'tenant-states.lock.json'));

/** What synthesis runs first (cli/cdktf-app.ts, cli/cdk8s-app.ts): the error it throws, or undefined. */
function synthesisError(definition: Def): unknown {
  try {
    loadPlatform(definition, { lockFile, frozen: true, record: false, today: EXAMPLE_TODAY, log: () => undefined });
  } catch (error) {
    return error;
  }
  return undefined;
}

/** `npx gke-platform plan --check` in a project whose definition module exports `definition`: exit code and errors. */
let moduleCount = 0;
function ipPlanCheck(definition: Def): { status: number; stderr: string } {
  (globalThis as any).__badDefinition = definition;
  // A new module each time: a required module stays cached for the life of the test process.
  const module = `platform-${moduleCount++}.js`;
  writeFileSync(join(dir, module), 'module.exports = { platform: globalThis.__badDefinition };\n');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch', private: true, gkePlatform: { definition: module, lockFile: 'ip-plan.lock.json' } }));
  const err: string[] = [];
  const status = runCli(['plan', '--check'], { cwd: dir, env: { PATH: process.env.PATH }, out: () => undefined, err: (t) => void err.push(t) });
  return { status, stderr: err.join('') };
}

describe('every bad definition is refused the same clear way', () => {
  test('the corpus holds well over a hundred mistakes, each named once', () => {
    expect(CASES.length).toBeGreaterThan(100);
    expect(new Set(CASES.map(([name]) => name)).size).toBe(CASES.length);
  });

  test('the example itself passes both', () => {
    expect(synthesisError(base())).toBeUndefined();
    expect(ipPlanCheck(base()).status).toBe(0);
  });

  test.each(CASES)('throws when %s (synthesis)', (_, definition, message) => {
    const error = synthesisError(definition());
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain(message);
    for (const issue of (error as ValidationError).issues) {
      expect([issue.path, issue.field, issue.problem, issue.fix].every((part) => typeof part === 'string' && part.length > 0)).toBe(true);
    }
  });

  test.each(CASES)('throws when %s (plan --check)', (_, definition, message) => {
    const { status, stderr } = ipPlanCheck(definition());
    expect(status).not.toBe(0);
    expect(stderr).toContain(message);
  });
});

describe('lock file mistakes', () => {
  const lockText = readFileSync(exampleLockFile, 'utf8');
  const withLock = (text: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'bad-lock-')), 'ip-plan.lock.json');
    writeFileSync(path, text);
    return path;
  };

  test('throws when a key appears twice in the lock file (a bad merge)', () => {
    const doubled = lockText.replace('"allocations": {', '"allocations": {\n    "gcp/us-west1/dev-usw1/pods": { "cidr": "100.70.0.0/20", "pool": "gke-pods" },');
    const path = withLock(doubled);
    expect(() => loadPlatform(examplePlatform, { lockFile: path, frozen: true, today: EXAMPLE_TODAY, log: () => undefined })).toThrow(
      `${path}#allocations: key "gcp/us-west1/dev-usw1/pods" appears twice in the same object (a bad merge?); JSON keeps only the last`,
    );
  });

  test('throws when a shrunk pool no longer holds a recorded range, naming the pool, not the lock file', () => {
    const shrunk = { ...examplePlatform, addressPools: examplePlatform.addressPools.map((p: any) => (p.name === 'gke-nodes' ? { ...p, cidr: '10.0.0.0/23' } : p)) };
    expect(() => loadPlatform(shrunk, { lockFile, frozen: true, today: EXAMPLE_TODAY, log: () => undefined })).toThrow(
      /pool gke-nodes: cidr "10\.0\.0\.0\/23" no longer contains gcp\/us-west1\/dev-usw1\/nodes \(10\.0\.4\.0\/25\), recorded in .*: the pool shrank or moved after the range was recorded; give the pool a CIDR that contains 10\.0\.4\.0\/25/,
    );
  });
});
