import type { MeshTopology } from './mesh-topology';

/**
 * The reachability model's view of a synthesized platform: plain data read from `cdktf.out` and `dist`
 * (see read-synthesized.ts). Every element keeps `at`, the Terraform address or manifest that produced
 * it, so a verdict names the exact hop. No cdktf, cdk8s or construct import.
 */

export type Direction = 'INGRESS' | 'EGRESS';

export interface SecondaryRange {
  readonly name: string;
  readonly cidr: string;
}

export interface SubnetModel {
  readonly name: string;
  readonly region: string;
  readonly cidr: string;
  readonly secondaryRanges: readonly SecondaryRange[];
  readonly privateGoogleAccess: boolean;
  readonly at: string;
}

export interface FirewallProtocolRule {
  /** `tcp`, `udp`, `icmp`, `all`, ... */
  readonly protocol: string;
  /** Ports and ranges (`443`, `1000-2000`); absent means every port of the protocol. */
  readonly ports?: readonly string[];
}

export interface FirewallRuleModel {
  readonly name: string;
  readonly direction: Direction;
  /** Lower wins; GCP's default is 1000. */
  readonly priority: number;
  readonly action: 'allow' | 'deny';
  readonly rules: readonly FirewallProtocolRule[];
  readonly sourceRanges: readonly string[];
  readonly destinationRanges: readonly string[];
  readonly sourceTags: readonly string[];
  readonly targetTags: readonly string[];
  readonly targetServiceAccounts: readonly string[];
  readonly disabled: boolean;
  readonly at: string;
}

export interface StaticRouteModel {
  readonly name: string;
  readonly destRange: string;
  /** Where the route sends traffic: the default internet gateway, or another next hop (VPN, instance, ILB). */
  readonly nextHop: 'internet' | 'other';
  readonly at: string;
}

/** What one BGP advertisement point (a peer, or a router whose peers a partner creates) announces. */
export interface AdvertisementModel {
  /** `Cloud Router <name>` or `BGP peer <name> of Cloud Router <router>`. */
  readonly label: string;
  readonly router: string;
  readonly region: string;
  readonly mode: 'DEFAULT' | 'CUSTOM';
  readonly groups: readonly string[];
  readonly ranges: readonly string[];
  readonly at: string;
}

/** One hybrid link as synthesized: the remote network it reaches and what each of its routers announces. */
export interface LinkModel {
  readonly name: string;
  readonly remoteNetwork: string;
  /** Regions of the link's Cloud Routers (where its dynamic routes are learned). */
  readonly regions: readonly string[];
  readonly advertisements: readonly AdvertisementModel[];
  /** The AWS side, for links that terminate in AWS. */
  readonly aws?: AwsSideModel;
}

export interface AwsRouteModel {
  readonly routeTableId: string;
  readonly destination: string;
  readonly target: 'transit-gateway' | 'vpn-gateway' | 'other';
  readonly at: string;
}

export interface AwsSideModel {
  /** Static routes in the VPC's route tables, as synthesized. */
  readonly routes: readonly AwsRouteModel[];
  /** Route tables that learn the VPN's BGP routes by propagation (virtual private gateway). */
  readonly propagatingRouteTables: readonly string[];
}

export interface AuthorizedNetworkModel {
  readonly name: string;
  readonly cidr: string;
}

export interface ClusterModel {
  readonly name: string;
  readonly project: string;
  readonly region: string;
  readonly subnet: string;
  readonly nodeCidr: string;
  readonly podCidrs: readonly string[];
  readonly servicesCidr?: string;
  /** The control plane's private /28 (VPC peering). */
  readonly controlPlaneCidr?: string;
  readonly privateEndpoint: boolean;
  readonly globalAccess: boolean;
  readonly authorizedNetworks: readonly AuthorizedNetworkModel[];
  /** Authorized networks also restrict the private endpoint. */
  readonly privateEndpointEnforced: boolean;
  /** Network tags of the cluster's nodes (union over node pools). */
  readonly nodeTags: readonly string[];
  readonly nodeServiceAccounts: readonly string[];
  readonly nodeLocalDnsCache: boolean;
  /** The peering-routes config that exports the VPC's custom (dynamic, static) routes to the control plane. */
  readonly controlPlaneRouteExport?: { readonly exportCustomRoutes: boolean; readonly at: string };
  readonly at: string;
}

export interface DnsRecordModel {
  readonly name: string;
  readonly type: string;
  readonly rrdatas: readonly string[];
}

export interface DnsZoneModel {
  readonly name: string;
  readonly dnsName: string;
  readonly private: boolean;
  readonly records: readonly DnsRecordModel[];
  readonly at: string;
}

export interface PrivateServiceAccessModel {
  readonly name: string;
  readonly cidr: string;
  /** A service networking connection uses the range. */
  readonly connected: boolean;
  readonly at: string;
}

export interface CloudNatModel {
  readonly name: string;
  readonly region: string;
  /** `ALL_SUBNETWORKS_ALL_IP_RANGES`, ... or LIST_OF_SUBNETWORKS with the subnets below. */
  readonly scope: string;
  readonly subnets: readonly { readonly subnet: string; readonly allRanges: boolean; readonly primary: boolean; readonly secondaryRangeNames: readonly string[] }[];
  readonly at: string;
}

export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly { readonly key: string; readonly operator: string; readonly values?: readonly string[] }[];
}

export interface NetworkPolicyPeer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] };
}

export interface NetworkPolicyPort {
  readonly protocol?: string;
  readonly port?: number | string;
  readonly endPort?: number;
}

export interface NetworkPolicyRule {
  readonly peers?: readonly NetworkPolicyPeer[];
  readonly ports?: readonly NetworkPolicyPort[];
}

export interface NetworkPolicyModel {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  readonly podSelector: LabelSelector;
  readonly policyTypes: readonly ('Ingress' | 'Egress')[];
  readonly ingress: readonly NetworkPolicyRule[];
  readonly egress: readonly NetworkPolicyRule[];
  readonly at: string;
}

export interface NamespaceModel {
  readonly cluster: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** A remote network as the definition declares it: its BGP peers are assumed to announce exactly these ranges. */
export interface RemoteNetworkModel {
  readonly name: string;
  readonly kind: 'aws-vpc' | 'on-prem';
  readonly cidrs: readonly string[];
}

export interface ProjectServiceModel {
  readonly project: string;
  readonly service: string;
  readonly at: string;
}

export interface Topology {
  readonly network: { readonly name: string; readonly routingMode: 'GLOBAL' | 'REGIONAL'; readonly defaultInternetRoute: boolean; readonly at: string };
  readonly subnets: readonly SubnetModel[];
  readonly firewalls: readonly FirewallRuleModel[];
  readonly routes: readonly StaticRouteModel[];
  readonly nats: readonly CloudNatModel[];
  readonly links: readonly LinkModel[];
  readonly clusters: readonly ClusterModel[];
  readonly dnsZones: readonly DnsZoneModel[];
  readonly privateServiceAccess: readonly PrivateServiceAccessModel[];
  readonly projectServices: readonly ProjectServiceModel[];
  readonly namespaces: readonly NamespaceModel[];
  readonly networkPolicies: readonly NetworkPolicyModel[];
  readonly remoteNetworks: readonly RemoteNetworkModel[];
  /** The Istio mesh as the manifests hold it. @default absent: no mesh layer (hand-made models; readSynthesized always sets it) */
  readonly mesh?: MeshTopology;
}
