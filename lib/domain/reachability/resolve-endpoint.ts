import type { ConnectivityEndpoint } from './connectivity-intent';
import { covers } from './ranges';
import { named, namespaceNamed } from './topology-index';
import type { ClusterModel, RemoteNetworkModel, Topology } from './topology';

/** private.googleapis.com: the VIPs Google APIs answer on privately. */
export const PRIVATE_GOOGLE_APIS_RANGE = '199.36.153.8/30';
/** Stand-in for Google's public API addresses (where googleapis.com resolves without a private zone). */
export const PUBLIC_GOOGLE_APIS_RANGE = '142.250.0.0/15';
/** NodeLocal DNSCache's listen address on GKE nodes. */
export const NODE_LOCAL_DNS_ADDRESS = '169.254.20.10/32';
/** "The internet": every address; a rule reaches it only if it admits all of it. */
export const INTERNET_RANGE = '0.0.0.0/0';
export const KUBE_DNS_NAMESPACE = 'kube-system';
export const KUBE_DNS_LABELS: Readonly<Record<string, string>> = { 'k8s-app': 'kube-dns' };

/** An endpoint placed in the model: its addresses, and for pods the namespace whose policies apply. */
export interface Place {
  /** What the endpoint is, as the legs tell them apart (a tenant is `pods` with a namespace). */
  readonly kind: 'pods' | 'nodes' | 'control-plane' | 'remote' | 'google-apis' | 'internet' | 'private-services' | 'cluster-dns';
  /** How a verdict names it: `tenant mapping on prod-usc1`, `garage-sunnyvale:10.200.8.0/24`. */
  readonly label: string;
  /** Its address ranges; every source range to every destination range is a path. */
  readonly cidrs: readonly string[];
  /** The cluster it belongs to. @default absent: not in a cluster (remote networks, Google APIs, the internet, PSA) */
  readonly cluster?: ClusterModel;
  /** Pods in a tenant namespace: its NetworkPolicies (and mesh objects) apply. @default absent: not a tenant's pods */
  readonly namespace?: string;
  /** The remote network, for `remote`. @default absent: not a remote network */
  readonly remote?: RemoteNetworkModel;
}

/** Places an endpoint, or returns why it cannot be placed (a name the output does not hold). */
export function resolveEndpoint(topology: Topology, endpoint: ConnectivityEndpoint): Place | string {
  const cluster = (name: string) => named(topology.clusters, name);
  switch (endpoint.kind) {
    case 'tenant': {
      const c = cluster(endpoint.cluster);
      if (!c) return `cluster ${endpoint.cluster} is not in the synthesized output`;
      if (!namespaceNamed(topology.namespaces, c.name, endpoint.tenant)) return `tenant ${endpoint.tenant} has no namespace in dist/${c.name}`;
      return { kind: 'pods', label: `tenant ${endpoint.tenant} on ${c.name}`, cidrs: c.podCidrs, cluster: c, namespace: endpoint.tenant };
    }
    case 'namespace': {
      const c = cluster(endpoint.cluster);
      if (!c) return `cluster ${endpoint.cluster} is not in the synthesized output`;
      // A system namespace need not be in the manifests (GKE creates gmp-system): its policies apply where they are.
      return { kind: 'pods', label: `namespace ${endpoint.namespace} on ${c.name}`, cidrs: c.podCidrs, cluster: c, namespace: endpoint.namespace };
    }
    case 'pods':
    case 'nodes':
    case 'control-plane':
    case 'cluster-dns': {
      const c = cluster(endpoint.cluster);
      if (!c) return `cluster ${endpoint.cluster} is not in the synthesized output`;
      if (endpoint.kind === 'pods') return { kind: 'pods', label: `pods of ${c.name}`, cidrs: c.podCidrs, cluster: c };
      if (endpoint.kind === 'nodes') return { kind: 'nodes', label: `nodes of ${c.name}`, cidrs: [c.nodeCidr], cluster: c };
      if (endpoint.kind === 'cluster-dns') return { kind: 'cluster-dns', label: `DNS of ${c.name}`, cidrs: c.nodeLocalDnsCache ? [NODE_LOCAL_DNS_ADDRESS] : c.podCidrs, cluster: c };
      if (!c.controlPlaneCidr) return `cluster ${c.name} has no private control-plane range (master_ipv4_cidr_block)`;
      return { kind: 'control-plane', label: `control plane of ${c.name}`, cidrs: [c.controlPlaneCidr], cluster: c };
    }
    case 'remote': {
      const remote = topology.remoteNetworks.find((n) => n.name === endpoint.network);
      if (!remote) return `remote network ${endpoint.network} is not declared`;
      if (endpoint.range === undefined) return { kind: 'remote', label: remote.name, cidrs: remote.cidrs, remote };
      const cidr = namedRange(topology, remote, endpoint.range);
      if (!cidr) return `${endpoint.range} is neither a CIDR inside ${remote.name} (${remote.cidrs.join(', ')}) nor the name of an authorized network inside it`;
      return { kind: 'remote', label: `${remote.name}:${cidr}`, cidrs: [cidr], remote };
    }
    case 'google-apis':
      return { kind: 'google-apis', label: 'Google APIs', cidrs: [PRIVATE_GOOGLE_APIS_RANGE] };
    case 'private-services': {
      const ranges = topology.privateServiceAccess.map((r) => r.cidr);
      if (ranges.length === 0) return 'no Private Service Access range (google_compute_global_address with purpose VPC_PEERING) in the synthesized output';
      return { kind: 'private-services', label: 'private services (PSA)', cidrs: ranges };
    }
    case 'internet':
      return { kind: 'internet', label: 'the internet', cidrs: [INTERNET_RANGE] };
  }
}

/** A CIDR inside the remote network, or the name of a cluster's authorized network inside it. */
function namedRange(topology: Topology, remote: RemoteNetworkModel, range: string): string | undefined {
  const inside = (cidr: string) => remote.cidrs.some((r) => covers(r, cidr));
  if (inside(range)) return range;
  const named = topology.clusters.flatMap((c) => c.authorizedNetworks).find((n) => n.name === range && inside(n.cidr));
  return named?.cidr;
}
