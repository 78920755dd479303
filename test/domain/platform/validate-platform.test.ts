import { ClusterDefinition, PlatformDefinition } from '../../../lib/domain/platform/platform-definition';
import { assertPlatform } from '../../../lib/domain/platform/validate-platform';
import { examplePlatform } from '../../../examples/drive-platform/platform';
import { EXAMPLE_TODAY } from '../../fixtures/example-today';

const cluster = examplePlatform.clusters[0];
const withCluster = (changes: Partial<ClusterDefinition>): PlatformDefinition => ({ ...examplePlatform, clusters: [{ ...cluster, ...changes }] });

describe('assertPlatform', () => {
  test('accepts the bundled example', () => {
    expect(() => assertPlatform(examplePlatform, { today: EXAMPLE_TODAY })).not.toThrow();
  });

  test.each<[string, PlatformDefinition, string | RegExp]>([
    ['the platform name is invalid', { ...examplePlatform, name: 'Drive_Platform' }, /platform: name "Drive_Platform" must be lower-case/],
    ['the domain is not a domain', { ...examplePlatform, organization: { name: 'x', domain: 'not a domain' } }, 'organization: domain "not a domain" is not a DNS domain; give your Cloud Identity domain, e.g. "example.com"'],
    ['a project id is invalid', { ...examplePlatform, projects: [...examplePlatform.projects, { id: 'P' }] }, /projects\[P\]: id "P" must be 6-30 lower-case letters/],
    ['a project is declared twice', { ...examplePlatform, projects: [...examplePlatform.projects, examplePlatform.projects[0]] }, 'projects: id "drive-net-prod" is declared twice; give each entry of projects a unique id'],
    ['a region is not a region', { ...examplePlatform, regions: ['us-central1', 'moon'] }, /regions: region "moon" is not a GCP region name/],
    ['the network names an unknown project', { ...examplePlatform, network: { ...examplePlatform.network, project: 'other-project' } }, /network: project "other-project" is not one of the declared projects/],
    ['the MTU is out of range', { ...examplePlatform, network: { ...examplePlatform.network, mtu: 9000 } }, /network: mtu 9000 must be a whole number from 1300 to 8896/],
    ['a pool assignment names an unknown pool', { ...examplePlatform, poolAssignment: { ...examplePlatform.poolAssignment, pods: 'nope' } }, /poolAssignment: pods "nope" is not one of the addressPools/],
    ['a cluster name is invalid', withCluster({ name: 'Prod_1' }), /clusters\[Prod_1\]: name "Prod_1" must match \[a-z\]/],
    ['a cluster name is too long', withCluster({ name: 'a'.repeat(41) }), /name "a{41}" must match/],
    ['a cluster is in an unknown region', withCluster({ region: 'europe-west4' }), /clusters\[prod-usc1\]: region "europe-west4" is not one of the platform regions; add it to regions, or use one of us-central1, us-west1/],
    ['a cluster names an unknown project', withCluster({ project: 'elsewhere-123' }), /clusters\[prod-usc1\]: project "elsewhere-123" is not one of the declared projects/],
    ['a zone is outside the region', withCluster({ zones: ['us-central1-a', 'us-west1-b'] }), /clusters\[prod-usc1\]: zones "us-west1-b" is not a zone of the cluster's region us-central1/],
    ['maxPodsPerNode is out of range', withCluster({ maxPodsPerNode: 300 }), /clusters\[prod-usc1\]: maxPodsPerNode 300 must be a whole number from 8 to 256/],
    ['the control plane is open to the internet', withCluster({ authorizedNetworks: [{ name: 'all', cidr: '0.0.0.0/0' }] }), /authorizedNetworks "0.0.0.0\/0" opens the control plane to the whole internet/],
    [
      'a private control plane has an empty authorized list',
      withCluster({ authorizedNetworks: [] }),
      "clusters[prod-usc1]: authorizedNetworks [] is empty, so the private control plane would take any address that routes to it (the VPC, every hybrid link): authorized networks are enforced on the private endpoint and must be listed; list the ranges that need the API server, e.g. authorizedNetworks: [{ name: 'corp-vpn', cidr: '10.200.8.0/24' }] (the cluster's own nodes and pods are always admitted)",
    ],
    ['a private control plane has no authorized list at all (a JSON definition)', withCluster({ authorizedNetworks: undefined as never }), 'clusters[prod-usc1]: authorizedNetworks [] is empty, so the private control plane'],
    ['pools outgrow the cluster', withCluster({ maxNodes: 500 }), /clusters\[prod-usc1\]: maxNodes 500 is less than the sum of its node pools' maxNodes, tenant pools included \(888\)/],
    ['a cluster has no pools', withCluster({ nodePools: [] }), /nodePools \[\] is empty: the default pool is removed/],
    [
      'a pool asks for more pods per node than the cluster',
      withCluster({ nodePools: [{ name: 'p', kind: 'general', maxNodes: 3, maxPodsPerNode: 110 }] }),
      /clusters\[prod-usc1\].nodePools\[p\]: maxPodsPerNode 110 must be from 8 to the cluster's maxPodsPerNode \(64\)/,
    ],
    ['a pool has minNodes above maxNodes', withCluster({ nodePools: [{ name: 'p', kind: 'general', minNodes: 5, maxNodes: 3 }] }), /nodePools\[p\]: minNodes 5 must be a whole number from 0 to maxNodes \(3\)/],
    ['a non-GPU pool has GPUs', withCluster({ nodePools: [{ name: 'p', kind: 'general', maxNodes: 3, gpu: { type: 'nvidia-l4', count: 1 } }] }), /nodePools\[p\]: gpu .* is set on a general pool; use kind: 'gpu'/],
    [
      'a queued-provisioning pool keeps nodes',
      withCluster({ nodePools: [{ name: 'p', kind: 'gpu', minNodes: 1, maxNodes: 3, queuedProvisioning: true }] }),
      'clusters[prod-usc1].nodePools[p]: minNodes 1 is above 0 on a queued-provisioning pool; GKE creates its nodes only for admitted ProvisioningRequests; use minNodes: 0 (or leave it out)',
    ],
    [
      'a Spot pool asks for queued provisioning',
      withCluster({ nodePools: [{ name: 'p', kind: 'spot-batch', maxNodes: 3, queuedProvisioning: true }] }),
      /clusters\[prod-usc1\].nodePools\[p\]: queuedProvisioning true is set on a pool without GPUs.*queuedProvisioning true is set on a Spot pool/s,
    ],
    [
      'a GPU pool shares its GPUs with too many clients',
      withCluster({ nodePools: [{ name: 'p', kind: 'gpu', maxNodes: 3, gpu: { type: 'nvidia-l4', count: 1, sharing: { strategy: 'time-sharing', maxClientsPerGpu: 100 } } }] }),
      'clusters[prod-usc1].nodePools[p]: gpu.sharing.maxClientsPerGpu 100 must be a whole number from 2 to 48',
    ],
    [
      'an L4 pool asks for MIG partitions',
      withCluster({ nodePools: [{ name: 'p', kind: 'gpu', maxNodes: 3, gpu: { type: 'nvidia-l4', count: 1, partitionSize: '1g.5gb' } }] }),
      /clusters\[prod-usc1\].nodePools\[p\]: gpu.partitionSize "1g.5gb" is set on nvidia-l4 GPUs, which have no multi-instance \(MIG\) partitions/,
    ],
    [
      'two pools share a name',
      withCluster({
        nodePools: [
          { name: 'p', kind: 'general', maxNodes: 3 },
          { name: 'p', kind: 'general', maxNodes: 3 },
        ],
      }),
      /clusters\[prod-usc1\].nodePools: name "p" is declared twice/,
    ],
    ['an AWS VPC has no region', { ...examplePlatform, remoteNetworks: [{ name: 'aws', kind: 'aws-vpc', cidrs: ['10.8.0.0/16'] }] }, /remoteNetworks\[aws\]: awsRegion undefined is required for an AWS VPC/],
    ['a remote network range is malformed', { ...examplePlatform, remoteNetworks: [{ name: 'dc', kind: 'on-prem', cidrs: ['10.8.0.1/16'] }] }, /remoteNetworks\[dc\]: cidrs "10.8.0.1\/16" is not aligned/],
  ])('throws when %s', (_, definition, message) => {
    expect(() => assertPlatform(definition, { today: EXAMPLE_TODAY })).toThrow(message);
  });

  test('lists every problem in one error', () => {
    expect(() => assertPlatform({ ...examplePlatform, name: 'X', regions: [] }, { today: EXAMPLE_TODAY })).toThrow(/\d+ validation errors:\n- platform: name "X".*\n- platform: regions \[\] is empty/);
  });
});

describe('assertPlatform: hybrid links', () => {
  const awsLink = examplePlatform.hybridLinks!.find((l) => l.kind === 'ha-vpn-aws')!;
  const withLinks = (...links: NonNullable<PlatformDefinition['hybridLinks']>): PlatformDefinition => ({ ...examplePlatform, hybridLinks: links });

  test.each<[string, PlatformDefinition, RegExp]>([
    ['two links share a name', withLinks(awsLink, awsLink), /hybridLinks: name "aws-usw2" is declared twice/],
    ['a link name is too long for suffixed resource names', withLinks({ ...awsLink, name: 'a'.repeat(41) }), /hybridLinks\[a{41}\]: name "a{41}" must be an RFC 1035 label.*at most 40 characters/],
    ['a link is in an unknown region', withLinks({ ...awsLink, region: 'asia-east1' }), /hybridLinks\[aws-usw2\]: region "asia-east1" is not one of the platform regions/],
    [
      'a link reaches an unknown network',
      withLinks({ ...awsLink, remoteNetwork: 'nope' }),
      /hybridLinks\[aws-usw2\]: remoteNetwork "nope" is not a declared remote network; declare it in remoteNetworks, or use one of aws-usw2-prod, garage-sunnyvale/,
    ],
    ['an AWS link reaches an on-prem network', withLinks({ ...awsLink, remoteNetwork: 'garage-sunnyvale' }), /remoteNetwork "garage-sunnyvale" is a on-prem network, but a ha-vpn-aws link reaches a aws-vpc network/],
    ['an advertised range is malformed', withLinks({ ...awsLink, advertise: { ranges: ['10.0.0.1/24'] } }), /advertise.ranges "10.0.0.1\/24" is not an aligned IPv4 CIDR/],
    [
      'a Partner link sets another ASN',
      withLinks({ kind: 'interconnect', name: 'p', type: 'PARTNER', remoteNetwork: 'garage-sunnyvale', slaTarget: '99.9', gcpAsn: 64514, attachments: [] }),
      /hybridLinks\[p\]: gcpAsn 64514 must be 16550 for Partner Interconnect/,
    ],
    [
      'a Dedicated link lacks the peer ASN',
      withLinks({ kind: 'interconnect', name: 'd', type: 'DEDICATED', remoteNetwork: 'garage-sunnyvale', slaTarget: '99.9', gcpAsn: 64514, attachments: [] }),
      /hybridLinks\[d\]: peerAsn undefined is required for Dedicated Interconnect/,
    ],
  ])('throws when %s', (_, definition, message) => {
    expect(() => assertPlatform(definition, { today: EXAMPLE_TODAY })).toThrow(message);
  });
});
