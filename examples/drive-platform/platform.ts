import { join } from 'path';
import type { PlatformDefinition } from '../../lib';
import { driveAddOnEntries, driveAddOns } from './add-ons';

/**
 * The bundled example: a self-driving-car company's platform. Two regions, a multi-tenant production
 * cluster (services, spot batch and GPU pools), a dev cluster, an AWS VPC in us-west-2 and an on-prem
 * garage whose ranges the IP plan keeps clear. Its ranges are recorded in examples/drive-platform/ip-plan.lock.json.
 */
export const examplePlatform: PlatformDefinition = {
  name: 'drive',
  organization: { name: 'Drive Robotics', domain: 'example.com' },
  projects: [
    { id: 'drive-net-prod', description: 'Shared VPC host: network, routers, hybrid links' },
    { id: 'drive-gke-prod', description: 'Production clusters' },
    { id: 'drive-gke-dev', description: 'Development cluster' },
    { id: 'drive-payments-prod', description: 'Payments: its own cluster and Workload Identity pool' },
  ],
  regions: ['us-central1', 'us-west1'],
  network: { name: 'drive-platform', project: 'drive-net-prod', routingMode: 'GLOBAL', mtu: 1460 },
  addressPools: [
    { name: 'gke-nodes', cidr: '10.0.0.0/12', description: 'GKE node subnets (subnet primary ranges)' },
    { name: 'gke-pods', cidr: '100.64.0.0/11', description: 'GKE pod ranges (non-RFC 1918 shared space, never routed to the internet)' },
    { name: 'gke-services', cidr: '100.96.0.0/14', description: 'GKE services ranges' },
    { name: 'gke-control-plane', cidr: '172.16.0.0/20', description: 'GKE control-plane /28s' },
    { name: 'bgp-links', cidr: '169.254.0.0/16', kind: 'link-local', description: 'BGP /30s of VPN tunnels and VLAN attachments' },
  ],
  poolAssignment: { nodes: 'gke-nodes', pods: 'gke-pods', services: 'gke-services', controlPlane: 'gke-control-plane', bgpLinks: 'bgp-links' },
  clusters: [
    {
      name: 'prod-usc1',
      project: 'drive-gke-prod',
      region: 'us-central1',
      environment: 'prod',
      // 888 nodes in pools (tenant pools included), room to 900; the ranges hold 1020 (over 10% headroom).
      maxNodes: 900,
      maxPodsPerNode: 64,
      authorizedNetworks: [{ name: 'corp-vpn', cidr: '10.200.8.0/24' }],
      nodePools: [
        // Surge, not the general pools' blue-green: the recorded ranges leave 120 nodes free, not the 200 a second set needs.
        { name: 'services', kind: 'general', machineType: 'e2-standard-8', minNodes: 3, maxNodes: 200, upgrade: { strategy: 'surge' } },
        { name: 'batch-spot', kind: 'spot-batch', machineType: 'n2-standard-16', maxNodes: 400 },
        { name: 'gpu-l4', kind: 'gpu', machineType: 'g2-standard-8', maxNodes: 48, gpu: { type: 'nvidia-l4', count: 1 } },
      ],
    },
    {
      name: 'dev-usw1',
      project: 'drive-gke-dev',
      region: 'us-west1',
      environment: 'dev',
      maxNodes: 50,
      maxPodsPerNode: 32,
      releaseChannel: 'RAPID',
      // Developers come over the corp VPN like everyone else. The control plane is no longer advertised to AWS: nothing
      // there is authorized on it (it used to be, with an empty list admitting every address that routed to it).
      authorizedNetworks: [{ name: 'corp-vpn', cidr: '10.200.8.0/24' }],
      // Surge: the recorded pod range holds 64 nodes at 32 pods each, not the 100 a blue-green upgrade of 50 would need.
      nodePools: [{ name: 'general', kind: 'general', machineType: 'e2-standard-4', minNodes: 1, maxNodes: 50, upgrade: { strategy: 'surge' } }],
    },
    {
      // Dedicated to the payments tenant, in its own project (Workload Identity pools are per project).
      name: 'payments-usc1',
      project: 'drive-payments-prod',
      region: 'us-central1',
      environment: 'prod',
      maxNodes: 30,
      maxPodsPerNode: 32,
      releaseChannel: 'STABLE',
      authorizedNetworks: [{ name: 'corp-vpn', cidr: '10.200.8.0/24' }],
      nodePools: [{ name: 'services', kind: 'general', machineType: 'n2-standard-4', minNodes: 3, maxNodes: 30 }],
    },
  ],
  remoteNetworks: [
    { name: 'aws-usw2-prod', kind: 'aws-vpc', awsRegion: 'us-west-2', cidrs: ['10.8.0.0/16'], description: 'Fleet telemetry and ride services in AWS' },
    { name: 'garage-sunnyvale', kind: 'on-prem', cidrs: ['10.200.0.0/16', '192.168.32.0/20'], description: 'Vehicle garage: log upload stations' },
  ],
  hybridLinks: [
    {
      kind: 'ha-vpn-aws',
      name: 'aws-usw2',
      region: 'us-west1',
      remoteNetwork: 'aws-usw2-prod',
      gcpAsn: 64514,
      aws: {
        type: 'transit-gateway',
        amazonSideAsn: 64512,
        vpcId: 'vpc-0e4c1f6b2a7d93851',
        subnetIds: ['subnet-04f3c2a1b0e9d8c7a', 'subnet-0b1c2d3e4f5a6b7c8', 'subnet-09e8d7c6b5a4f3e2d'],
        routeTableIds: { private: 'rtb-0c2d4e6f8a0b1c3d5' },
      },
      // No advertise.controlPlanes: a control plane is advertised over a link exactly where one of its authorized
      // networks lies behind it, and no cluster authorizes a range of the AWS VPC.
    },
    {
      kind: 'interconnect',
      name: 'garage-sunnyvale',
      type: 'PARTNER',
      remoteNetwork: 'garage-sunnyvale',
      slaTarget: '99.99',
      // 99.99%: two metros in two regions, both edge availability domains in each.
      attachments: [
        { name: 'garage-usw1-a', region: 'us-west1', metro: 'sea', edgeAvailabilityDomain: 'AVAILABILITY_DOMAIN_1' },
        { name: 'garage-usw1-b', region: 'us-west1', metro: 'sea', edgeAvailabilityDomain: 'AVAILABILITY_DOMAIN_2' },
        { name: 'garage-usc1-a', region: 'us-central1', metro: 'ord', edgeAvailabilityDomain: 'AVAILABILITY_DOMAIN_1' },
        { name: 'garage-usc1-b', region: 'us-central1', metro: 'ord', edgeAvailabilityDomain: 'AVAILABILITY_DOMAIN_2' },
      ],
      // Upload stations write straight to Cloud Storage over private.googleapis.com.
      advertise: { privateGoogleAccess: true },
    },
  ],
  tenants: [
    {
      name: 'mapping',
      groups: { admin: 'mapping-admins@example.com', developer: 'mapping-dev@example.com', viewer: 'mapping-view@example.com' },
      clusters: ['prod-usc1'],
      isolation: 'shared',
      dependencies: { tenants: ['routing'] },
      ingressSources: [{ namespace: 'ingress-gateway' }],
      // Its routes on the shared gateway may name these hosts and their subdomains, and no other tenant's.
      hosts: ['maps.drive.example.com'],
      // drive-gke-prod is shared by four tenants: data roles go on the tenant's own resources, never the project.
      workloadIdentities: [{ ksa: 'tile-builder', gsa: 'mapping-tile-builder', projectRoles: [], resourceRoles: [{ kind: 'storage-bucket', name: 'drive-mapping-tiles', role: 'roles/storage.objectUser', provisioning: 'create' }] }],
      labels: { team: 'mapping', environment: 'prod', costCenter: 'cc-1101' },
    },
    {
      name: 'routing',
      groups: { admin: 'routing-admins@example.com', developer: 'routing-dev@example.com' },
      clusters: ['prod-usc1'],
      isolation: 'shared',
      // One internal load balancer: its routing API is called from the garages through an internal Ingress (gce-internal).
      quota: { requestsCpu: '16', requestsMemory: '64Gi', limitsCpu: '32', limitsMemory: '128Gi', loadBalancers: 1 },
      hosts: ['routing.drive.example.com'],
      labels: { team: 'routing', environment: 'prod', costCenter: 'cc-1102' },
    },
    {
      name: 'simulation',
      groups: { admin: 'sim-admins@example.com', developer: 'sim-dev@example.com' },
      clusters: ['prod-usc1'],
      isolation: 'dedicated-nodes',
      dedicatedNodes: { kind: 'spot-batch', machineType: 'n2-standard-32', maxNodes: 200 },
      quota: { requestsCpu: '2000', requestsMemory: '8000Gi', limitsCpu: '4000', limitsMemory: '16000Gi', pods: 5000 },
      // Scenario logs come from the fleet telemetry API in AWS.
      dependencies: { external: [{ cidr: '10.8.0.0/16', ports: [{ port: 443 }] }] },
      // The garages' upload stations write the scenario logs into the data team's bucket: a prerequisite here.
      workloadIdentities: [{ ksa: 'scenario-runner', gsa: 'sim-scenario-runner', projectRoles: [], resourceRoles: [{ kind: 'storage-bucket', name: 'drive-sim-scenarios', role: 'roles/storage.objectViewer', provisioning: 'existing' }] }],
      labels: { team: 'simulation', environment: 'prod', costCenter: 'cc-2201' },
    },
    {
      name: 'ml-training',
      groups: { admin: 'ml-admins@example.com', developer: 'ml-dev@example.com', viewer: 'ml-view@example.com' },
      clusters: ['prod-usc1'],
      isolation: 'dedicated-nodes',
      // GPU nodes take only GPU pods (GKE taints them nvidia.com/gpu); data loaders and TensorBoard run on the
      // companion CPU pool tenant-ml-training-cpu, which carries the same tenant taint and label. A100s are obtained
      // through the Dynamic Workload Scheduler (queued provisioning): a training job's nodes all at once, from zero.
      dedicatedNodes: { kind: 'gpu', machineType: 'a2-highgpu-1g', maxNodes: 32, gpu: { type: 'nvidia-tesla-a100', count: 1 }, queuedProvisioning: true, cpuPool: { machineType: 'n2-standard-8', maxNodes: 8 } },
      quota: { requestsCpu: '400', requestsMemory: '2400Gi', limitsCpu: '400', limitsMemory: '2400Gi', pods: 500 },
      workloadIdentities: [
        {
          ksa: 'trainer',
          gsa: 'ml-trainer',
          resourceRoles: [
            // Curated by the data team (a prerequisite); the checkpoints are the tenant's own, created in its state.
            { kind: 'storage-bucket', name: 'drive-ml-datasets', role: 'roles/storage.objectViewer', provisioning: 'existing' },
            { kind: 'storage-bucket', name: 'drive-ml-checkpoints', role: 'roles/storage.objectUser', provisioning: 'create' },
          ],
          projectRoles: ['roles/aiplatform.user'],
          sharedProjectOptIns: [{ role: 'roles/aiplatform.user', reason: 'Vertex AI custom training jobs have no resource-level IAM; no other tenant of drive-gke-prod uses Vertex AI' }],
        },
      ],
      labels: { team: 'ml', environment: 'prod', costCenter: 'cc-3301' },
    },
    {
      name: 'payments',
      groups: { admin: 'payments-admins@example.com', developer: 'payments-dev@example.com' },
      clusters: ['payments-usc1'],
      isolation: 'dedicated-cluster',
      workloadIdentities: [{ ksa: 'ledger', gsa: 'payments-ledger', projectRoles: ['roles/cloudsql.client'] }],
      quota: { loadBalancers: 1 },
      hosts: ['payments.example.com'],
      labels: { team: 'payments', environment: 'prod', costCenter: 'cc-4401' },
    },
  ],
  // Config Sync on every cluster reads dist/<cluster> of this repository's main branch.
  gitOps: { repository: { url: 'https://github.com/example/drive-platform-manifests.git', branch: 'main' } },
  connectivityIntents: [
    {
      id: 'ml-training-no-internet',
      from: { kind: 'tenant', tenant: 'ml-training', cluster: 'prod-usc1' },
      to: { kind: 'internet' },
      port: 443,
      expect: 'deny',
      reason: 'training data never leaves through the internet',
    },
    {
      id: 'aws-cannot-open-simulation',
      from: { kind: 'remote', network: 'aws-usw2-prod' },
      to: { kind: 'tenant', tenant: 'simulation', cluster: 'prod-usc1' },
      expect: 'deny',
      reason: 'simulation pulls scenario logs from AWS; AWS never opens connections into it',
    },
  ],
  developerNamespaces: {
    cluster: 'dev-usw1',
    namespaces: [
      { name: 'dev-alice', owner: 'alice@example.com', expires: '2027-06-30' },
      { name: 'dev-bob', owner: 'bob@example.com' },
      { name: 'dev-carol', owner: 'carol@example.com', expires: '2027-03-31' },
    ],
  },
};

/** Where the example's IP plan is recorded (committed; see `npm run ip-plan`). */
export const exampleLockFile = join(__dirname, 'ip-plan.lock.json');

/**
 * The platform as the configuration deploys it: the example with its add-ons on (Vault, Istio, Spinnaker
 * accounts). `examplePlatform` is the same without them, what the construct and plan tests build on.
 */
export const drivePlatform: PlatformDefinition = { ...examplePlatform, addOns: driveAddOnEntries };

/** The names the CLI (`gke-platform plan|synth|report`) reads from a platform module: definition, lock file, add-ons' code. */
export { drivePlatform as platform, exampleLockFile as lockFile, driveAddOns as addOns };
