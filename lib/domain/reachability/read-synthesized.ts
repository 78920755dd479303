import { DEFAULT_MESH_SETTINGS, MeshSettings } from './mesh-topology';
import { readMesh } from './read-mesh';
import type {
  AdvertisementModel,
  AwsRouteModel,
  ClusterModel,
  CloudNatModel,
  DnsZoneModel,
  FirewallRuleModel,
  LabelSelector,
  LinkModel,
  NamespaceModel,
  NetworkPolicyModel,
  NetworkPolicyRule,
  PrivateServiceAccessModel,
  ProjectServiceModel,
  RemoteNetworkModel,
  StaticRouteModel,
  SubnetModel,
  Topology,
} from './topology';

/** One synthesized Terraform stack: its name and its parsed `cdk.tf.json`. */
interface SynthesizedStack {
  /** The stack's name (its folder under `cdktf.out/stacks/`). */
  readonly name: string;
  /** Its parsed `cdk.tf.json`. */
  readonly json: TerraformJson;
}

interface TerraformJson {
  /** Resources by type, then by key. @default absent: a stack without resources */
  readonly resource?: Readonly<Record<string, Readonly<Record<string, TerraformBlock>>>>;
  readonly [key: string]: unknown;
}

type TerraformBlock = Readonly<Record<string, unknown>>;

/** One cluster's manifests (every document of `dist/<cluster>/*.yaml`), parsed. */
export interface SynthesizedManifests {
  /** The cluster (its folder under `dist/`). */
  readonly cluster: string;
  /** Every document of its YAML files, parsed. */
  readonly objects: readonly unknown[];
}

export interface SynthesizedPlatform {
  /** Every Terraform stack. */
  readonly stacks: readonly SynthesizedStack[];
  /** Every cluster's manifests. */
  readonly manifests: readonly SynthesizedManifests[];
}

/**
 * What the output cannot say and the definition does: which remote network each link stack faces and the
 * ranges that network announces over BGP (the model assumes a peer announces exactly its declared ranges).
 */
export interface SynthesisContext {
  /** The remote networks and the ranges their peers are assumed to announce. */
  readonly remoteNetworks: readonly RemoteNetworkModel[];
  /** Each hybrid link: the remote network it faces and the stack that holds it. */
  readonly links: readonly {
    /** The link's name (a `hybridLinks` entry of the definition). */
    readonly name: string;
    /** Name of the remote network the link faces (a `remoteNetworks` entry). */
    readonly remoteNetwork: string;
    /** Name of the Terraform stack that holds the link's resources. */
    readonly stack: string;
  }[];
  /** The mesh's installation settings (Istio's MeshConfig is not in the output). @default Istio's defaults: trust domain `cluster.local`, root namespace `istio-system` */
  readonly mesh?: MeshSettings;
  /**
   * An existing VPC's properties the output cannot say (its data source carries neither), as the definition states them.
   * Read only when the output has no `google_compute_network` resource but a `google_compute_network` data source.
   * @default routing mode GLOBAL, with GCP's default internet route
   */
  readonly existingNetwork?: {
    /** The VPC's dynamic routing mode. */
    readonly routingMode: 'GLOBAL' | 'REGIONAL';
    /** Whether it keeps GCP's default 0.0.0.0/0 route to the internet gateway. */
    readonly defaultInternetRoute: boolean;
  };
}

interface Located {
  readonly stack: string;
  readonly type: string;
  readonly key: string;
  readonly block: TerraformBlock;
  readonly at: string;
}

/**
 * The Terraform resource types the model reads; it ignores every other resource (IAM, service accounts, buckets).
 * A reader of the output may keep only these (the incremental synth's verification cache does).
 */
export const MODEL_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  'aws_route',
  'aws_vpn_connection',
  'aws_vpn_gateway_route_propagation',
  'google_compute_firewall',
  'google_compute_global_address',
  'google_compute_network',
  'google_compute_network_peering_routes_config',
  'google_compute_route',
  'google_compute_router',
  'google_compute_router_nat',
  'google_compute_router_peer',
  'google_compute_subnetwork',
  'google_container_cluster',
  'google_container_node_pool',
  'google_dns_managed_zone',
  'google_dns_record_set',
  'google_project_service',
  'google_service_networking_connection',
]);

/** Builds the model from the synthesized output only; the context names the remote side of each link. */
export function readSynthesized(output: SynthesizedPlatform, context: SynthesisContext): Topology {
  const all = output.stacks.flatMap((stack) =>
    Object.entries(stack.json.resource ?? {})
      .filter(([type]) => MODEL_RESOURCE_TYPES.has(type))
      .flatMap(([type, blocks]) => Object.entries(blocks).map(([key, block]): Located => ({ stack: stack.name, type, key, block, at: `${stack.name}: ${type}.${key}` }))),
  );
  const ofType = (type: string, stack?: string) => all.filter((r) => r.type === type && (stack === undefined || r.stack === stack));
  const network = ofType('google_compute_network')[0];
  // An existing VPC: the network stack reads it with a data source; what the data source cannot say comes from the context.
  const existingNetwork = network ? undefined : dataOfType(output, 'google_compute_network')[0];
  const existingProps = context.existingNetwork ?? { routingMode: 'GLOBAL' as const, defaultInternetRoute: true };
  const subnetResources = ofType('google_compute_subnetwork');
  const subnets: SubnetModel[] = subnetResources.map((r) => ({
    name: str(r.block.name),
    region: str(r.block.region),
    cidr: str(r.block.ip_cidr_range),
    secondaryRanges: list(r.block.secondary_ip_range).map((s) => ({ name: str(s.range_name), cidr: str(s.ip_cidr_range) })),
    privateGoogleAccess: r.block.private_ip_google_access === true,
    at: r.at,
  }));
  const subnetOf = (value: unknown, from: Located) => {
    const found = subnetResources.find((s) => refers(value, s, from));
    return found ? str(found.block.name) : undefined;
  };

  return {
    network: existingNetwork
      ? { name: str(existingNetwork.block.name), routingMode: existingProps.routingMode, defaultInternetRoute: existingProps.defaultInternetRoute, at: existingNetwork.at }
      : {
          name: network ? str(network.block.name) : 'unknown',
          routingMode: network?.block.routing_mode === 'REGIONAL' ? 'REGIONAL' : 'GLOBAL',
          defaultInternetRoute: network ? network.block.delete_default_routes_on_create !== true : false,
          at: network?.at ?? 'no google_compute_network in the output',
        },
    subnets,
    firewalls: ofType('google_compute_firewall').map(firewallOf),
    routes: ofType('google_compute_route').map((r): StaticRouteModel => ({
      name: str(r.block.name),
      destRange: str(r.block.dest_range),
      nextHop: String(r.block.next_hop_gateway ?? '').includes('default-internet-gateway') ? 'internet' : 'other',
      at: r.at,
    })),
    nats: ofType('google_compute_router_nat').map((r): CloudNatModel => ({
      name: str(r.block.name),
      region: str(r.block.region),
      scope: str(r.block.source_subnetwork_ip_ranges_to_nat),
      subnets: list(r.block.subnetwork).map((s) => {
        const ranges = (s.source_ip_ranges_to_nat as string[] | undefined) ?? [];
        return {
          subnet: subnetOf(s.name, r) ?? str(s.name),
          allRanges: ranges.includes('ALL_IP_RANGES'),
          primary: ranges.includes('ALL_IP_RANGES') || ranges.includes('PRIMARY_IP_RANGE'),
          secondaryRangeNames: (s.secondary_ip_range_names as string[] | undefined) ?? [],
        };
      }),
      at: r.at,
    })),
    links: context.links.map((link) => linkOf(link, ofType)),
    clusters: ofType('google_container_cluster').map((r) => clusterOf(r, subnets, subnetOf, ofType)),
    dnsZones: ofType('google_dns_managed_zone').map((zone): DnsZoneModel => ({
      name: str(zone.block.name),
      dnsName: str(zone.block.dns_name),
      private: zone.block.visibility === 'private',
      records: ofType('google_dns_record_set')
        .filter((record) => refers(record.block.managed_zone, zone, record))
        .map((record) => ({ name: str(record.block.name), type: str(record.block.type), rrdatas: (record.block.rrdatas as string[] | undefined) ?? [] })),
      at: zone.at,
    })),
    privateServiceAccess: ofType('google_compute_global_address')
      .filter((r) => r.block.purpose === 'VPC_PEERING')
      .map((r): PrivateServiceAccessModel => ({
        name: str(r.block.name),
        cidr: `${str(r.block.address)}/${Number(r.block.prefix_length)}`,
        connected: ofType('google_service_networking_connection').some((c) => refers(c.block.reserved_peering_ranges, r, c)),
        at: r.at,
      })),
    projectServices: ofType('google_project_service').map((r): ProjectServiceModel => ({ project: str(r.block.project), service: str(r.block.service), at: r.at })),
    ...manifestsOf(output.manifests),
    remoteNetworks: context.remoteNetworks,
    mesh: readMesh(output.manifests, context.mesh ?? DEFAULT_MESH_SETTINGS),
  };
}

/** Data sources of one type across the stacks (`data.<type>.<key>`), located like resources. */
function dataOfType(output: SynthesizedPlatform, type: string): Located[] {
  return output.stacks.flatMap((stack) => {
    const blocks = ((stack.json.data as Record<string, Record<string, TerraformBlock>> | undefined) ?? {})[type] ?? {};
    return Object.entries(blocks).map(([key, block]): Located => ({ stack: stack.name, type, key, block, at: `${stack.name}: data.${type}.${key}` }));
  });
}

function firewallOf(r: Located): FirewallRuleModel {
  const deny = list(r.block.deny);
  return {
    name: str(r.block.name),
    direction: r.block.direction === 'EGRESS' ? 'EGRESS' : 'INGRESS',
    priority: typeof r.block.priority === 'number' ? r.block.priority : 1000,
    action: deny.length > 0 ? 'deny' : 'allow',
    rules: (deny.length > 0 ? deny : list(r.block.allow)).map((rule) => ({ protocol: str(rule.protocol), ports: rule.ports as string[] | undefined })),
    sourceRanges: strings(r.block.source_ranges),
    destinationRanges: strings(r.block.destination_ranges),
    sourceTags: strings(r.block.source_tags),
    targetTags: strings(r.block.target_tags),
    targetServiceAccounts: strings(r.block.target_service_accounts),
    disabled: r.block.disabled === true,
    at: r.at,
  };
}

function linkOf(link: SynthesisContext['links'][number], ofType: (type: string, stack?: string) => Located[]): LinkModel {
  const routers = ofType('google_compute_router', link.stack);
  const peers = ofType('google_compute_router_peer', link.stack);
  const advertisements: AdvertisementModel[] = [];
  for (const router of routers) {
    const name = str(router.block.name);
    const region = str(router.block.region);
    const bgp = one(router.block.bgp) ?? {};
    const routerAdvert = { mode: bgp.advertise_mode === 'CUSTOM' ? ('CUSTOM' as const) : ('DEFAULT' as const), groups: strings(bgp.advertised_groups), ranges: list(bgp.advertised_ip_ranges).map((r) => str(r.range)) };
    const own = peers.filter((p) => refers(p.block.router, router, p));
    // Without peers in the output (Partner Interconnect), the partner's peers inherit the router's advertisements.
    if (own.length === 0) advertisements.push({ label: `Cloud Router ${name}`, router: name, region, ...routerAdvert, at: router.at });
    for (const peer of own) {
      const custom = peer.block.advertise_mode === 'CUSTOM';
      advertisements.push({
        label: `BGP peer ${str(peer.block.name)} of Cloud Router ${name}`,
        router: name,
        region,
        ...(custom ? { mode: 'CUSTOM' as const, groups: strings(peer.block.advertised_groups), ranges: list(peer.block.advertised_ip_ranges).map((r) => str(r.range)) } : routerAdvert),
        at: peer.at,
      });
    }
  }
  const isAws = ofType('aws_vpn_connection', link.stack).length > 0;
  return {
    name: link.name,
    remoteNetwork: link.remoteNetwork,
    regions: [...new Set(routers.map((r) => str(r.block.region)))].sort(),
    advertisements,
    aws: isAws
      ? {
          routes: ofType('aws_route', link.stack).map((r): AwsRouteModel => ({
            routeTableId: str(r.block.route_table_id),
            destination: str(r.block.destination_cidr_block),
            target: r.block.transit_gateway_id ? 'transit-gateway' : String(r.block.gateway_id ?? '').includes('aws_vpn_gateway') ? 'vpn-gateway' : 'other',
            at: r.at,
          })),
          propagatingRouteTables: ofType('aws_vpn_gateway_route_propagation', link.stack).map((r) => str(r.block.route_table_id)),
        }
      : undefined,
  };
}

function clusterOf(r: Located, subnets: readonly SubnetModel[], subnetOf: (value: unknown, from: Located) => string | undefined, ofType: (type: string, stack?: string) => Located[]): ClusterModel {
  const b = r.block;
  const subnet = subnets.find((s) => s.name === subnetOf(b.subnetwork, r));
  const ipPolicy = one(b.ip_allocation_policy) ?? {};
  const podRangeNames = [str(ipPolicy.cluster_secondary_range_name), ...strings(one(ipPolicy.additional_pod_ranges_config)?.pod_range_names)];
  const rangeCidr = (name: string) => subnet?.secondaryRanges.find((s) => s.name === name)?.cidr;
  const priv = one(b.private_cluster_config) ?? {};
  const authorized = one(b.master_authorized_networks_config);
  const pools = ofType('google_container_node_pool').filter((p) => refers(p.block.cluster, r, p));
  const nodeConfigs = pools.map((p) => one(p.block.node_config) ?? {});
  const routeExport = ofType('google_compute_network_peering_routes_config').find((p) => refers(p.block.peering, r, p));
  return {
    name: str(b.name),
    project: str(b.project),
    region: str(b.location),
    subnet: subnet?.name ?? 'unknown',
    nodeCidr: subnet?.cidr ?? '0.0.0.0/32',
    podCidrs: podRangeNames.map(rangeCidr).filter((c): c is string => c !== undefined),
    servicesCidr: rangeCidr(str(ipPolicy.services_secondary_range_name)),
    controlPlaneCidr: typeof priv.master_ipv4_cidr_block === 'string' ? priv.master_ipv4_cidr_block : undefined,
    privateEndpoint: priv.enable_private_endpoint === true,
    globalAccess: one(priv.master_global_access_config)?.enabled === true,
    authorizedNetworks: list(authorized?.cidr_blocks).map((c) => ({ name: str(c.display_name ?? c.cidr_block), cidr: str(c.cidr_block) })),
    privateEndpointEnforced: authorized?.private_endpoint_enforcement_enabled === true,
    nodeTags: [...new Set(nodeConfigs.flatMap((c) => strings(c.tags)))].sort(),
    nodeServiceAccounts: [...new Set(nodeConfigs.map((c) => str(c.service_account)).filter((s) => s !== ''))],
    nodeLocalDnsCache: one(one(b.addons_config)?.dns_cache_config)?.enabled === true,
    controlPlaneRouteExport: routeExport ? { exportCustomRoutes: routeExport.block.export_custom_routes === true, at: routeExport.at } : undefined,
    at: r.at,
  };
}

function manifestsOf(manifests: readonly SynthesizedManifests[]): { namespaces: NamespaceModel[]; networkPolicies: NetworkPolicyModel[] } {
  const namespaces: NamespaceModel[] = [];
  const networkPolicies: NetworkPolicyModel[] = [];
  for (const { cluster, objects } of manifests) {
    for (const object of objects) {
      const o = object as { kind?: string; metadata?: { name?: string; namespace?: string; labels?: Record<string, string> }; spec?: Record<string, unknown> };
      if (o?.kind === 'Namespace' && o.metadata?.name) namespaces.push({ cluster, name: o.metadata.name, labels: { ...(o.metadata.labels ?? {}) } });
      if (o?.kind === 'NetworkPolicy' && o.metadata?.name) {
        const spec = o.spec ?? {};
        const egress = policyRules(spec.egress, 'to');
        const declared = spec.policyTypes as ('Ingress' | 'Egress')[] | undefined;
        networkPolicies.push({
          cluster,
          namespace: o.metadata.namespace ?? 'default',
          name: o.metadata.name,
          podSelector: (spec.podSelector as LabelSelector | undefined) ?? {},
          // Kubernetes' default: Ingress always, Egress when egress rules are present.
          policyTypes: declared ?? (egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress']),
          ingress: policyRules(spec.ingress, 'from'),
          egress,
          at: `dist/${cluster}: NetworkPolicy ${o.metadata.namespace ?? 'default'}/${o.metadata.name}`,
        });
      }
    }
  }
  return { namespaces, networkPolicies };
}

/** A NetworkPolicy's rules of one direction: its peers are under `from` (ingress) or `to` (egress). */
function policyRules(rules: unknown, peers: 'from' | 'to'): NetworkPolicyRule[] {
  return list(rules).map((rule) => ({ peers: rule[peers] as NetworkPolicyRule['peers'], ports: rule.ports as NetworkPolicyRule['ports'] }));
}

/**
 * True when a Terraform value of a resource in `from` (or anything inside it) references the target: in its own
 * stack by address, from another stack through cdktf's remote-state output named after the target.
 */
function refers(value: unknown, target: Located, from: Located): boolean {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  if (from.stack === target.stack) return text.includes(`${target.type}.${target.key}.`) || text.includes(`${target.type}.${target.key}}`);
  return text.includes(`cross-stack-reference-input-${target.stack}.`) && text.includes(`-${target.type}${target.key}`);
}

/** cdktf writes single blocks as objects, Terraform accepts lists too. */
function one(value: unknown): Record<string, any> | undefined {
  if (Array.isArray(value)) return value[0] as Record<string, any> | undefined;
  return value && typeof value === 'object' ? (value as Record<string, any>) : undefined;
}

function list(value: unknown): Record<string, any>[] {
  if (Array.isArray(value)) return value as Record<string, any>[];
  return value && typeof value === 'object' ? [value as Record<string, any>] : [];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function str(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/**
 * Whether the model reads a manifest object of this kind and apiVersion: Namespaces, NetworkPolicies and Istio
 * objects (`*.istio.io/*`). A reader of the output may leave every other object unparsed.
 */
export function modelReads(kind: string, apiVersion: string): boolean {
  return kind === 'Namespace' || kind === 'NetworkPolicy' || apiVersion.includes('istio.io/');
}
