import type { ClusterModel, FirewallRuleModel, LinkModel, NetworkPolicyModel, Topology } from '../../../lib/domain/reachability/topology';

/** A firewall rule with GCP's defaults; override what the test is about. */
export function rule(overrides: Partial<FirewallRuleModel>): FirewallRuleModel {
  return {
    name: 'r',
    direction: 'INGRESS',
    priority: 1000,
    action: 'allow',
    rules: [{ protocol: 'all' }],
    sourceRanges: [],
    destinationRanges: [],
    sourceTags: [],
    targetTags: [],
    targetServiceAccounts: [],
    disabled: false,
    at: 'test: google_compute_firewall.r',
    ...overrides,
  };
}

export function cluster(overrides: Partial<ClusterModel> = {}): ClusterModel {
  return {
    name: 'c1',
    project: 'p',
    region: 'us-central1',
    subnet: 'gke-c1',
    nodeCidr: '10.0.0.0/24',
    podCidrs: ['100.64.0.0/20'],
    servicesCidr: '100.96.0.0/20',
    controlPlaneCidr: '172.16.0.0/28',
    privateEndpoint: true,
    globalAccess: true,
    authorizedNetworks: [],
    privateEndpointEnforced: false,
    nodeTags: ['gke-node'],
    nodeServiceAccounts: ['nodes@p.iam.gserviceaccount.com'],
    nodeLocalDnsCache: false,
    controlPlaneRouteExport: { exportCustomRoutes: true, at: 'test: peering' },
    at: 'test: google_container_cluster.c1',
    ...overrides,
  };
}

export function link(overrides: Partial<LinkModel> = {}): LinkModel {
  return {
    name: 'site',
    remoteNetwork: 'site',
    regions: ['us-central1'],
    advertisements: [{ label: 'Cloud Router site-usc1', router: 'site-usc1', region: 'us-central1', mode: 'CUSTOM', groups: ['ALL_SUBNETS'], ranges: [], at: 'test: router' }],
    ...overrides,
  };
}

export function policy(overrides: Partial<NetworkPolicyModel>): NetworkPolicyModel {
  return { cluster: 'c1', namespace: 'a', name: 'p', podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [], egress: [], at: 'test: np', ...overrides };
}

/** One VPC, one cluster subnet, a site over a link; nothing allowed but what a test adds. */
export function topology(overrides: Partial<Topology> = {}): Topology {
  return {
    network: { name: 'vpc', routingMode: 'GLOBAL', defaultInternetRoute: true, at: 'test: network' },
    subnets: [
      {
        name: 'gke-c1',
        region: 'us-central1',
        cidr: '10.0.0.0/24',
        secondaryRanges: [
          { name: 'c1-pods', cidr: '100.64.0.0/20' },
          { name: 'c1-services', cidr: '100.96.0.0/20' },
        ],
        privateGoogleAccess: true,
        at: 'test: subnet',
      },
    ],
    firewalls: [],
    routes: [],
    nats: [],
    links: [link()],
    clusters: [cluster()],
    dnsZones: [],
    privateServiceAccess: [],
    projectServices: [],
    namespaces: [
      { cluster: 'c1', name: 'a', labels: {} },
      { cluster: 'c1', name: 'b', labels: {} },
    ],
    networkPolicies: [],
    remoteNetworks: [{ name: 'site', kind: 'on-prem', cidrs: ['10.200.0.0/16'] }],
    ...overrides,
  };
}
