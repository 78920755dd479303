import type { MeshTopology } from './mesh-topology';
import type { ManifestObjectModel, OutputElement } from './output-element';

/**
 * The reachability model's view of a synthesized platform: plain data read from `cdktf.out` and `dist`
 * (see read-synthesized.ts). Every element keeps `at`, the Terraform address or manifest that produced
 * it, so a verdict names the exact hop. No cdktf, cdk8s or construct import.
 */

export type Direction = 'INGRESS' | 'EGRESS';

/** A named CIDR: a subnet's secondary range, or a cluster's authorized network. */
interface NamedRange {
  /** The range's name (`range_name`), or an authorized network's `display_name` (its CIDR when it has none). */
  readonly name: string;
  /** The range, e.g. `100.64.0.0/20`. */
  readonly cidr: string;
}

/** A secondary range of a subnet (pods, services). */
type SecondaryRange = NamedRange;
/** One of a control plane's authorized networks. */
type AuthorizedNetworkModel = NamedRange;

/** The VPC itself (`google_compute_network`). */
interface NetworkModel extends OutputElement {
  /** The network's name (`unknown` when the output has none). */
  readonly name: string;
  /** Dynamic routing mode: GLOBAL lets routes learned in one region serve every region. */
  readonly routingMode: 'GLOBAL' | 'REGIONAL';
  /** The network keeps GCP's default 0.0.0.0/0 route to the internet gateway (`delete_default_routes_on_create` is not true). */
  readonly defaultInternetRoute: boolean;
}

export interface SubnetModel extends OutputElement {
  /** The subnet's name. */
  readonly name: string;
  /** The region it lives in. */
  readonly region: string;
  /** The primary range (nodes). */
  readonly cidr: string;
  /** Its secondary ranges (pods, services), by name. */
  readonly secondaryRanges: readonly SecondaryRange[];
  /** Private Google Access is on (`private_ip_google_access`). */
  readonly privateGoogleAccess: boolean;
}

interface FirewallProtocolRule {
  /** `tcp`, `udp`, `icmp`, `all`, ... */
  readonly protocol: string;
  /** Ports and ranges (`443`, `1000-2000`). @default absent: every port of the protocol */
  readonly ports?: readonly string[];
}

export interface FirewallRuleModel extends OutputElement {
  /** The rule's name, as a verdict names it (`firewall rule <name>`). */
  readonly name: string;
  /** INGRESS (GCP's default when the output leaves it out) or EGRESS. */
  readonly direction: Direction;
  /** Lower wins; GCP's default is 1000. */
  readonly priority: number;
  /** `deny` when the rule has `deny` blocks, else `allow`. */
  readonly action: 'allow' | 'deny';
  /** The protocols and ports it allows or denies. */
  readonly rules: readonly FirewallProtocolRule[];
  /** INGRESS: the source ranges it matches (empty: none given). */
  readonly sourceRanges: readonly string[];
  /** EGRESS: the destination ranges it matches (empty: none given). */
  readonly destinationRanges: readonly string[];
  /** INGRESS: network tags of the sending instances it matches (empty: none given). */
  readonly sourceTags: readonly string[];
  /** Network tags of the instances it applies to (empty, with no target service accounts: every instance). */
  readonly targetTags: readonly string[];
  /** Service accounts of the instances it applies to (empty, with no target tags: every instance). */
  readonly targetServiceAccounts: readonly string[];
  /** A disabled rule matches nothing. */
  readonly disabled: boolean;
}

export interface StaticRouteModel extends OutputElement {
  /** The route's name. */
  readonly name: string;
  /** The destination range it routes. */
  readonly destRange: string;
  /** Where the route sends traffic: the default internet gateway, or another next hop (VPN, instance, ILB). */
  readonly nextHop: 'internet' | 'other';
}

/** What one BGP advertisement point (a peer, or a router whose peers a partner creates) announces. */
export interface AdvertisementModel extends OutputElement {
  /** `Cloud Router <name>` or `BGP peer <name> of Cloud Router <router>`. */
  readonly label: string;
  /** The Cloud Router's name. */
  readonly router: string;
  /** The Cloud Router's region. */
  readonly region: string;
  /** DEFAULT announces the subnets (the router's region, or all under GLOBAL routing); CUSTOM what `groups` and `ranges` list. */
  readonly mode: 'DEFAULT' | 'CUSTOM';
  /** Advertised groups under CUSTOM: `ALL_SUBNETS`, `ALL_PEER_VPC_SUBNETS`. */
  readonly groups: readonly string[];
  /** Advertised ranges under CUSTOM. */
  readonly ranges: readonly string[];
}

/** One hybrid link as synthesized: the remote network it reaches and what each of its routers announces. */
export interface LinkModel {
  /** The link's name in the definition. */
  readonly name: string;
  /** The remote network it reaches (a name of `Topology.remoteNetworks`). */
  readonly remoteNetwork: string;
  /** Regions of the link's Cloud Routers (where its dynamic routes are learned). */
  readonly regions: readonly string[];
  /** Every advertisement point of the link's routers: each BGP peer, or the router when the output has no peer. */
  readonly advertisements: readonly AdvertisementModel[];
  /** The AWS side. @default absent: the link does not terminate in AWS (no `aws_vpn_connection` in its stack) */
  readonly aws?: AwsSideModel;
}

export interface AwsRouteModel extends OutputElement {
  /** The route table the route belongs to (its id or reference, as synthesized). */
  readonly routeTableId: string;
  /** The destination range (`destination_cidr_block`). */
  readonly destination: string;
  /** Where it sends traffic: the transit gateway, the VPN gateway, or anything else. */
  readonly target: 'transit-gateway' | 'vpn-gateway' | 'other';
}

interface AwsSideModel {
  /** Static routes in the VPC's route tables, as synthesized. */
  readonly routes: readonly AwsRouteModel[];
  /** Route tables that learn the VPN's BGP routes by propagation (virtual private gateway). */
  readonly propagatingRouteTables: readonly string[];
}

export interface ClusterModel extends OutputElement {
  /** The cluster's name. */
  readonly name: string;
  /** The GCP project it runs in. */
  readonly project: string;
  /** Its location (a region: clusters are regional). */
  readonly region: string;
  /** The name of its subnet (`unknown` when the output's reference does not resolve). */
  readonly subnet: string;
  /** The subnet's primary range: the nodes. */
  readonly nodeCidr: string;
  /** The pod ranges: the default one first, then any additional pod ranges. */
  readonly podCidrs: readonly string[];
  /** The services range. @default absent: its secondary range is not found in the subnet */
  readonly servicesCidr?: string;
  /** The control plane's private /28 (VPC peering). @default absent: no `master_ipv4_cidr_block` in the output */
  readonly controlPlaneCidr?: string;
  /** The control plane answers only on its private endpoint. */
  readonly privateEndpoint: boolean;
  /** Global access: the private endpoint answers from every region, not only the cluster's. */
  readonly globalAccess: boolean;
  /** The networks allowed to reach the control plane. */
  readonly authorizedNetworks: readonly AuthorizedNetworkModel[];
  /** Authorized networks also restrict the private endpoint. */
  readonly privateEndpointEnforced: boolean;
  /** Network tags of the cluster's nodes (union over node pools). */
  readonly nodeTags: readonly string[];
  /** The service accounts its node pools run as (firewall targets). */
  readonly nodeServiceAccounts: readonly string[];
  /** NodeLocal DNSCache is enabled: pods resolve names on their own node. */
  readonly nodeLocalDnsCache: boolean;
  /**
   * The peering-routes config that exports the VPC's custom (dynamic, static) routes to the control plane.
   * @default absent: no `google_compute_network_peering_routes_config` for the cluster's peering (custom routes not exported)
   */
  readonly controlPlaneRouteExport?: {
    /** `export_custom_routes` is true: the custom routes reach the control plane. */
    readonly exportCustomRoutes: boolean;
  } & OutputElement;
}

interface DnsRecordModel {
  /** The record's name (`*.googleapis.com.`). */
  readonly name: string;
  /** The record type (`A`, `CNAME`, ...). */
  readonly type: string;
  /** The record's data (addresses for `A`). */
  readonly rrdatas: readonly string[];
}

export interface DnsZoneModel extends OutputElement {
  /** The zone's resource name. */
  readonly name: string;
  /** The DNS name it answers for, with the trailing dot (`googleapis.com.`). */
  readonly dnsName: string;
  /** A private zone (visible to the VPC only). */
  readonly private: boolean;
  /** Its record sets, as synthesized. */
  readonly records: readonly DnsRecordModel[];
}

export interface PrivateServiceAccessModel extends OutputElement {
  /** The reserved range's name. */
  readonly name: string;
  /** The reserved range (`address/prefix_length`). */
  readonly cidr: string;
  /** A service networking connection uses the range. */
  readonly connected: boolean;
}

/** One subnet a Cloud NAT translates, when it lists subnets. */
interface NatSubnetModel {
  /** The subnet's name. */
  readonly subnet: string;
  /** `ALL_IP_RANGES`: its primary and every secondary range. */
  readonly allRanges: boolean;
  /** Its primary range (`PRIMARY_IP_RANGE` or `ALL_IP_RANGES`). */
  readonly primary: boolean;
  /** The secondary ranges it translates, by name. */
  readonly secondaryRangeNames: readonly string[];
}

export interface CloudNatModel extends OutputElement {
  /** The NAT's name. */
  readonly name: string;
  /** Its region: it translates sources of that region only. */
  readonly region: string;
  /** `ALL_SUBNETWORKS_ALL_IP_RANGES`, ... or LIST_OF_SUBNETWORKS with the subnets below. */
  readonly scope: string;
  /** The subnets it translates under LIST_OF_SUBNETWORKS. */
  readonly subnets: readonly NatSubnetModel[];
}

/** One `matchExpressions` entry of a label selector. */
interface LabelSelectorRequirement {
  /** The label key. */
  readonly key: string;
  /** `In`, `NotIn`, `Exists` or `DoesNotExist`. */
  readonly operator: string;
  /** The values for `In` and `NotIn`. @default none */
  readonly values?: readonly string[];
}

export interface LabelSelector {
  /** Labels that must all be present with these values. @default none (no requirement) */
  readonly matchLabels?: Readonly<Record<string, string>>;
  /** Requirements that must all hold. @default none (no requirement) */
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

/** One peer of a NetworkPolicy rule: pods (by namespace and pod labels) or an address block. */
export interface NetworkPolicyPeer {
  /** The pods it selects. @default absent: every pod of the selected namespaces */
  readonly podSelector?: LabelSelector;
  /** The namespaces it selects. @default absent: the policy's own namespace */
  readonly namespaceSelector?: LabelSelector;
  /** An address block, minus its exceptions. @default absent: a pod peer */
  readonly ipBlock?: {
    /** The block, in CIDR notation (`10.0.0.0/24`). */
    readonly cidr: string;
    /** CIDRs inside the block that the peer leaves out. @default none (the whole block) */
    readonly except?: readonly string[];
  };
}

export interface NetworkPolicyPort {
  /** `TCP`, `UDP` or `SCTP`. @default 'TCP' (Kubernetes' default) */
  readonly protocol?: string;
  /** A port number, or a named port (which the model never matches). @default absent: every port of the protocol */
  readonly port?: number | string;
  /** The last port of a range starting at `port`. @default absent: `port` alone */
  readonly endPort?: number;
}

export interface NetworkPolicyRule {
  /** The peers it admits (`from` for ingress, `to` for egress). @default absent or empty: every peer */
  readonly peers?: readonly NetworkPolicyPeer[];
  /** The ports it admits. @default absent or empty: every port */
  readonly ports?: readonly NetworkPolicyPort[];
}

export interface NetworkPolicyModel extends ManifestObjectModel {
  /** The pods it applies to in its namespace (empty: all). */
  readonly podSelector: LabelSelector;
  /** The directions it isolates: as declared, else Ingress, plus Egress when it has egress rules (Kubernetes' default). */
  readonly policyTypes: readonly ('Ingress' | 'Egress')[];
  /** Its ingress rules (any one admits). */
  readonly ingress: readonly NetworkPolicyRule[];
  /** Its egress rules (any one admits). */
  readonly egress: readonly NetworkPolicyRule[];
}

export interface NamespaceModel {
  /** The cluster whose manifests hold it. */
  readonly cluster: string;
  /** The namespace's name. */
  readonly name: string;
  /** Its labels as synthesized (the API server adds `kubernetes.io/metadata.name`). */
  readonly labels: Readonly<Record<string, string>>;
}

/** A remote network as the definition declares it: its BGP peers are assumed to announce exactly these ranges. */
export interface RemoteNetworkModel {
  /** The remote network's name in the definition. */
  readonly name: string;
  /** An AWS VPC or an on-premise site. */
  readonly kind: 'aws-vpc' | 'on-prem';
  /** Its declared ranges. */
  readonly cidrs: readonly string[];
}

export interface ProjectServiceModel extends OutputElement {
  /** The project the API is enabled in. */
  readonly project: string;
  /** The API (`container.googleapis.com`). */
  readonly service: string;
}

export interface Topology {
  /** The VPC. */
  readonly network: NetworkModel;
  /** Its subnets and their secondary ranges. */
  readonly subnets: readonly SubnetModel[];
  /** Every VPC firewall rule. */
  readonly firewalls: readonly FirewallRuleModel[];
  /** Every static route. */
  readonly routes: readonly StaticRouteModel[];
  /** Every Cloud NAT. */
  readonly nats: readonly CloudNatModel[];
  /** Every hybrid link, with its remote network (from the synthesis context) and its routers' advertisements. */
  readonly links: readonly LinkModel[];
  /** Every GKE cluster. */
  readonly clusters: readonly ClusterModel[];
  /** Every Cloud DNS zone with its records. */
  readonly dnsZones: readonly DnsZoneModel[];
  /** Every Private Service Access range. */
  readonly privateServiceAccess: readonly PrivateServiceAccessModel[];
  /** Every API the project-services stack enables. */
  readonly projectServices: readonly ProjectServiceModel[];
  /** Every namespace of every cluster's manifests. */
  readonly namespaces: readonly NamespaceModel[];
  /** Every NetworkPolicy of every cluster's manifests. */
  readonly networkPolicies: readonly NetworkPolicyModel[];
  /** The remote networks, as the definition declares them (the output cannot say what a peer announces). */
  readonly remoteNetworks: readonly RemoteNetworkModel[];
  /** The Istio mesh as the manifests hold it. @default absent: no mesh layer (hand-made models; readSynthesized always sets it) */
  readonly mesh?: MeshTopology;
}
