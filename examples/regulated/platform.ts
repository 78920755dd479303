import { join } from 'path';
import type { PlatformDefinition } from '../../lib';

/**
 * A regulated team's platform: a prod and a dev project in two regions, Binary Authorization, secrets encrypted with
 * each cluster's own Cloud KMS key, a year-end freeze for every cluster, and one tenant across both projects (its
 * identities exist in each project's Workload Identity pool). Ranges are recorded in ip-plan.lock.json beside this file.
 */
export const regulatedPlatform: PlatformDefinition = {
  name: 'ledger',
  organization: { name: 'Ledger Bank', domain: 'example.com' },
  projects: [
    { id: 'ledger-prod', description: 'Shared VPC host and the prod cluster' },
    { id: 'ledger-dev', description: 'The dev cluster' },
    { id: 'ledger-kms', description: 'Cloud KMS keys, kept by the security team' },
  ],
  regions: ['europe-west1', 'europe-west4'],
  network: { name: 'ledger', project: 'ledger-prod' },
  addressPools: [
    { name: 'nodes', cidr: '10.20.0.0/16', description: 'GKE node subnets' },
    { name: 'pods', cidr: '100.64.0.0/14', description: 'GKE pod ranges' },
    { name: 'services', cidr: '100.68.0.0/16', description: 'GKE services ranges' },
    { name: 'control-plane', cidr: '172.16.0.0/24', description: 'GKE control-plane /28s' },
    { name: 'bgp-links', cidr: '169.254.0.0/24', kind: 'link-local', description: 'BGP /30s, for when a hybrid link is added' },
  ],
  poolAssignment: { nodes: 'nodes', pods: 'pods', services: 'services', controlPlane: 'control-plane', bgpLinks: 'bgp-links' },
  // Every cluster: only images the project's Binary Authorization policy admits, a freeze over the year end, STABLE.
  clusterDefaults: {
    releaseChannel: 'STABLE',
    binaryAuthorization: { evaluationMode: 'PROJECT_SINGLETON_POLICY_ENFORCE' },
    maintenance: { exclusions: [{ name: 'year-end', startTime: '2026-12-20T00:00:00Z', endTime: '2027-01-04T00:00:00Z' }] },
  },
  clusters: [
    {
      name: 'prod-euw1',
      project: 'ledger-prod',
      region: 'europe-west1',
      environment: 'prod',
      maxNodes: 30,
      maxPodsPerNode: 32,
      authorizedNetworks: [{ name: 'ops-vpn', cidr: '192.168.0.0/24' }],
      nodePools: [{ name: 'general', kind: 'general', machineType: 'e2-standard-4', minNodes: 3, maxNodes: 30 }],
      secretsEncryption: { keyName: 'projects/ledger-kms/locations/europe-west1/keyRings/gke/cryptoKeys/prod-euw1-etcd' },
      // Weeknights for prod, when the on-call team is awake in Europe; minor versions held over the quarter's close.
      maintenance: {
        window: { startTime: '2025-01-06T20:00:00Z', endTime: '2025-01-07T02:00:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE' },
        exclusions: [{ name: 'q1-close', startTime: '2027-03-15T00:00:00Z', endTime: '2027-04-15T00:00:00Z', scope: 'NO_MINOR_UPGRADES' }],
      },
      securityPosture: { mode: 'BASIC', vulnerabilityMode: 'VULNERABILITY_ENTERPRISE' },
    },
    {
      name: 'dev-euw4',
      project: 'ledger-dev',
      region: 'europe-west4',
      environment: 'dev',
      maxNodes: 12,
      maxPodsPerNode: 32,
      releaseChannel: 'REGULAR',
      authorizedNetworks: [{ name: 'ops-vpn', cidr: '192.168.0.0/24' }],
      nodePools: [{ name: 'general', kind: 'general', machineType: 'e2-standard-4', minNodes: 1, maxNodes: 12 }],
      secretsEncryption: { keyName: 'projects/ledger-kms/locations/europe-west4/keyRings/gke/cryptoKeys/dev-euw4-etcd' },
    },
  ],
  gitOps: { repository: { url: 'https://github.com/example/ledger-manifests.git' } },
  tenants: [
    {
      // On prod and dev: a Google service account in each project, bound to that project's pool, each publishing to
      // its own project's `settlements` topic (created by the security team with a CMEK key: a prerequisite).
      name: 'payments',
      groups: { admin: 'payments-admins@example.com', developer: 'payments-dev@example.com' },
      clusters: ['prod-euw1', 'dev-euw4'],
      isolation: 'shared',
      workloadIdentities: [{ ksa: 'api', gsa: 'payments-api', projectRoles: [], resourceRoles: [{ kind: 'pubsub-topic', name: 'settlements', role: 'roles/pubsub.publisher', provisioning: 'existing' }] }],
      labels: { team: 'payments', environment: 'prod', costCenter: 'cc-200' },
    },
  ],
};

/** The committed lock file of this platform's IP plan. */
export const regulatedLockFile = join(__dirname, 'ip-plan.lock.json');

/** The names `npm run ip-plan -- --platform <module>` and `npm run report -- --platform <module>` read. */
export { regulatedPlatform as platform, regulatedLockFile as lockFile };
