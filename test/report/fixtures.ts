import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadPlatform } from '../../lib/platform/load-platform';
import { LoadedPlatform } from '../../lib/domain/platform/resolve-platform';
import { PlatformDefinition } from '../../lib/domain/platform/platform-definition';

/** A small fixed platform for snapshots: it never changes when the bundled example grows. */
export const SMALL_PLATFORM: PlatformDefinition = {
  name: 'acme',
  organization: { name: 'Acme & Co', domain: 'acme.example' },
  projects: [{ id: 'acme-net-prod' }, { id: 'acme-gke-prod' }],
  regions: ['europe-west1'],
  network: { name: 'acme-vpc', project: 'acme-net-prod' },
  addressPools: [
    { name: 'nodes', cidr: '10.0.0.0/16', description: 'Node <subnets> & "friends"' },
    { name: 'pods', cidr: '100.64.0.0/14' },
    { name: 'services', cidr: '100.68.0.0/16' },
    { name: 'control-plane', cidr: '172.16.0.0/24' },
    { name: 'bgp', cidr: '169.254.0.0/16', kind: 'link-local' },
  ],
  poolAssignment: { nodes: 'nodes', pods: 'pods', services: 'services', controlPlane: 'control-plane', bgpLinks: 'bgp' },
  reservations: [{ name: 'legacy/dc', cidr: '10.0.128.0/17', reason: 'old <data centre> & "friends"' }],
  clusters: [
    {
      name: 'prod-euw1',
      project: 'acme-gke-prod',
      region: 'europe-west1',
      environment: 'prod',
      maxNodes: 100,
      maxPodsPerNode: 32,
      authorizedNetworks: [{ name: 'ops-vpn', cidr: '10.250.0.0/24' }],
      nodePools: [
        // Surge: the report's figures are about surge headroom (blue-green headroom is pool-headroom's tests).
        { name: 'general', kind: 'general', machineType: 'e2-standard-8', minNodes: 1, maxNodes: 60, upgrade: { strategy: 'surge' } },
        { name: 'gpu', kind: 'gpu', maxNodes: 40, gpu: { type: 'nvidia-l4', count: 2 } },
      ],
    },
  ],
  remoteNetworks: [{ name: 'onprem-brussels', kind: 'on-prem', cidrs: ['192.168.0.0/20'] }],
  gitOps: { repository: { url: 'https://github.com/acme/platform-manifests.git' } },
};

/** Loads a definition against an empty lock file in a temporary directory, recording nothing. */
export function loadSmall(definition: PlatformDefinition = SMALL_PLATFORM): LoadedPlatform {
  const lockFile = join(mkdtempSync(join(tmpdir(), 'report-')), 'ip-plan.lock.json');
  return loadPlatform(definition, { lockFile, frozen: false, record: false, log: () => undefined });
}
