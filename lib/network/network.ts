import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { DataGoogleComputeNetwork } from '@cdktf/provider-google/lib/data-google-compute-network';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { IssueCollector, ValidationError, ValidationIssue } from '../domain/validation-error';
import { Cidr } from '../domain/ip-plan/cidr';
import { rangesOverlapping } from '../domain/ip-plan/cidr-overlaps';
import type { ClusterPath } from '../domain/network/cluster-paths';
import {
  clusterNodeTag,
  validateControlPlaneCidr,
  validateName,
  validatePorts,
  cidrSlug,
  controlPlaneFirewallName,
  DEFAULT_GKE_NODE_TAG,
  DEFAULT_WEBHOOK_PORTS,
  FlowLogsInterval,
  GOOGLE_HEALTH_CHECK_RANGES,
  namedSubnetRanges,
  validateSubnets,
} from '../domain/network/network-rules';

import { DEFAULT_ROUTING_MODE } from '../domain/platform/platform-defaults';
/** Flow logs sample half the flows (with 1-minute aggregation and all metadata: enough to trace, at half the cost). */
const DEFAULT_FLOW_SAMPLING = 0.5;
/** Flow logs aggregate over one minute (5 s is too chatty and costly). */
const DEFAULT_FLOW_INTERVAL: FlowLogsInterval = 'INTERVAL_1_MIN';
/** Flow logs carry all metadata, GKE's included. */
const DEFAULT_FLOW_METADATA = 'INCLUDE_ALL_METADATA';

/** A secondary range of a subnet (pods, services). */
export interface SecondaryRangeSpec {
  /** Range name referenced by GKE (`ip_allocation_policy`); RFC 1035, unique within the subnet. Changing it replaces the range. */
  readonly rangeName: string;
  /** Aligned IPv4 CIDR from the IP plan. Changing it replaces the range (and breaks clusters using it). */
  readonly cidr: string;
}

/** VPC flow log settings of a subnet. */
export interface FlowLogsOptions {
  /** @default 0.5 */
  readonly flowSampling?: number;
  /** @default 'INTERVAL_1_MIN' */
  readonly aggregationInterval?: FlowLogsInterval;
  /** @default 'INCLUDE_ALL_METADATA' (adds GKE pod/service names to records) */
  readonly metadata?: 'INCLUDE_ALL_METADATA' | 'EXCLUDE_ALL_METADATA';
  /** CEL filter on records. @default none (all sampled flows) */
  readonly filterExpr?: string;
}

/** A subnet `Network` creates. */
export interface SubnetSpec {
  /** Subnet name (RFC 1035, ≤63). Forces replacement. */
  readonly name: string;
  /** Region, e.g. `us-central1`. Forces replacement. */
  readonly region: string;
  /** Primary range (nodes), /8../29. Can only be expanded in place; any other change replaces the subnet. */
  readonly cidr: string;
  /** Secondary ranges (pods, services) declared with the subnet. @default none */
  readonly secondaryRanges?: readonly SecondaryRangeSpec[];
  /** Flow logs options, or `false` to turn them off. @default on, with the network defaults above */
  readonly flowLogs?: FlowLogsOptions | false;
  /** @default none */
  readonly description?: string;
}

/** Props of `Network`. */
export interface NetworkProps {
  /** Project of the VPC. @default the provider's project */
  readonly projectId?: string;
  /** VPC name (RFC 1035, ≤63). Forces replacement of the VPC and everything in it (with `existing`: the VPC read). */
  readonly name: string;
  /**
   * The VPC `name` in `projectId` exists and is owned elsewhere: it is read with a `google_compute_network` data source
   * (id `Existing`; the plan fails if it is missing) and never created, changed or destroyed. Subnets and firewall rules
   * are created in it as usual. `routingMode`, `deleteDefaultRoutesOnCreate`, `mtu` and `description`, which set a VPC
   * being created, are refused with it. Switching an existing Network between the two modes replaces or orphans the VPC.
   * @default false: the VPC is created (id `Resource`)
   */
  readonly existing?: boolean;
  /** @default 'GLOBAL' (see DEFAULT_ROUTING_MODE) */
  readonly routingMode?: 'GLOBAL' | 'REGIONAL';
  /** Deletes the default internet route on create (egress then needs your own route). Forces replacement. @default false */
  readonly deleteDefaultRoutesOnCreate?: boolean;
  /** MTU of the VPC. Forces replacement. @default GCP default (1460) */
  readonly mtu?: number;
  /** Subnets of this VPC. */
  readonly subnets: readonly SubnetSpec[];
  /**
   * Control-plane /28s allowed to reach nodes on the webhook ports (same as calling allowControlPlane): every one targets
   * `nodeTags`, so every node of the VPC; prefer clusterControlPlanes, which keeps each to its own cluster. @default none
   */
  readonly controlPlaneCidrs?: readonly string[];
  /**
   * Clusters whose node subnet and pod ranges may reach their nodes on every protocol (same as calling
   * allowClusterInternal): cross-node pod traffic and DNS. GKE creates these rules itself, except in a Shared VPC
   * host project where it may not. @default none
   */
  readonly clusterInternalRanges?: readonly {
    /** Cluster name: part of the firewall rule's name (clusterInternalFirewallName) and of its construct id. */
    readonly cluster: string;
    /** The cluster's node subnet and pod ranges, aligned CIDRs; at least one. */
    readonly cidrs: readonly string[];
    /**
     * Network tags of the cluster's nodes the rule targets: its own nodes only, so its ranges never reach another
     * cluster's nodes. Changing it updates the rule in place. @default [`gke-<cluster>-nodes`] (clusterNodeTag, set by NodePool)
     */
    readonly targetTags?: readonly string[];
  }[];
  /**
   * Each cluster's control-plane /28, allowed to reach only that cluster's nodes on the webhook ports (same as calling
   * allowControlPlane with the cluster's tag). The rule's name and construct id derive from the CIDR, as for
   * controlPlaneCidrs. @default none
   */
  readonly clusterControlPlanes?: readonly {
    /** Cluster name: its nodes' tag (clusterNodeTag) is the rule's target. */
    readonly cluster: string;
    /** The cluster's control-plane /28 from the IP plan. */
    readonly cidr: string;
  }[];
  /**
   * Declared paths between clusters (clusterPaths of the platform's connectivity intents), one ingress rule each
   * (same as calling allowClusterPath). @default none: no traffic between clusters
   */
  readonly clusterPaths?: readonly ClusterPath[];
  /** Network tags the baseline rules target. @default ['gke-node'] (DEFAULT_GKE_NODE_TAG, set by NodePool) */
  readonly nodeTags?: readonly string[];
  /** TCP ports the control plane may reach on nodes. @default [443, 8443, 9443, 10250] */
  readonly webhookPorts?: readonly number[];
  /** Create the rule letting Google health checks reach nodes. @default true */
  readonly allowHealthChecks?: boolean;
  /** @default none */
  readonly description?: string;
}

/** A subnet as GKE and Cloud NAT need it; `cidr` values are known for subnets declared here, optional for imported ones. */
export interface ISubnet {
  /** Subnet name, as GKE's `subnetwork` and Cloud NAT's subnet list name it. */
  readonly name: string;
  /** The subnet's region; a cluster or NAT using it must be in the same region. */
  readonly region: string;
  /** `projects/<p>/regions/<r>/subnetworks/<name>` (a token for created subnets). */
  readonly id: string;
  /** `https://www.googleapis.com/compute/v1/projects/<p>/regions/<r>/subnetworks/<name>` (a token for created subnets). */
  readonly selfLink: string;
  /** Id of the VPC the subnet belongs to. */
  readonly networkId: string;
  /** Primary (node) range, for capacity checks. @default undefined when unknown (imported without it): node capacity is not checked */
  readonly cidr?: string;
  /** Secondary ranges declared on the subnet (pods, services), with their CIDRs where known; GKE clusters name them. */
  readonly secondaryRanges: readonly {
    /** The secondary range's name on the subnet, what a GKE cluster's ip allocation policy names. */
    readonly rangeName: string;
    /** Its CIDR. @default undefined when unknown (imported without it): left out of capacity checks */
    readonly cidr?: string;
  }[];
  /** The names of `secondaryRanges`, in the same order. */
  readonly secondaryRangeNames: readonly string[];
}

/** A VPC, created here (`Network`) or imported (`Network.fromNetworkAttributes`). */
export interface INetwork {
  /** VPC name. */
  readonly name: string;
  /** Project of the VPC (the Shared VPC host project, if shared). @default undefined: the provider's project */
  readonly projectId?: string;
  /** `projects/<p>/global/networks/<name>` (a token for created networks). */
  readonly id: string;
  /** `https://www.googleapis.com/compute/v1/projects/<p>/global/networks/<name>` (a token for created networks). */
  readonly selfLink: string;
  /** Names of the subnets `subnet()` knows: those declared here, or listed for an imported network. */
  readonly subnetNames: readonly string[];
  /** Looks up a subnet by name; throws a ValidationError naming the known subnets. */
  subnet(name: string): ISubnet;
}

/** An existing subnet of an imported VPC. */
export interface ExistingSubnetAttributes {
  /** Name of the existing subnet. */
  readonly name: string;
  /** Region of the existing subnet; clusters using it must be in it. */
  readonly region: string;
  /** Known primary range, for capacity checks. @default unknown */
  readonly cidr?: string;
  /** Known secondary ranges; names are required for GKE range checks. @default none */
  readonly secondaryRanges?: readonly {
    /** The secondary range's name on the subnet, as GCP has it. */
    readonly rangeName: string;
    /** Its CIDR. @default unknown: left out of capacity checks */
    readonly cidr?: string;
  }[];
}

/** An existing VPC, for `Network.fromNetworkAttributes`. */
export interface ExistingNetworkAttributes {
  /** Project of the existing VPC (the host project of a Shared VPC); ids and self links are built from it. */
  readonly projectId: string;
  /** Name of the existing VPC (RFC 1035, ≤ 63 characters). */
  readonly name: string;
  /** The subnets clusters or NATs will use; only these can be looked up with `subnet()`. */
  readonly subnets: readonly ExistingSubnetAttributes[];
}

function lookupSubnet(path: string, subnets: Readonly<Record<string, ISubnet>>, name: string): ISubnet {
  const found = subnets[name];
  if (!found) {
    throw new ValidationError({
      path,
      field: 'subnet',
      value: name,
      problem: `is not a subnet of this network (known: ${Object.keys(subnets).join(', ') || 'none'})`,
      fix: 'declare the subnet in the network props or use one of the known names',
    });
  }
  return found;
}

/**
 * A custom-mode VPC with its subnets, Private Google Access, flow logs and the baseline firewall
 * rules GKE needs (health checks and control plane to nodes), nothing wider.
 *
 * Escape hatch: `network.vpc?.addOverride('mtu', 1500)` (a created VPC), `network.subnetResources['x'].addOverride(...)`.
 * With `existing`, the VPC is read (`existingVpc`) and only the subnets and rules are created in it.
 */
export class Network extends Construct implements INetwork {
  /**
   * Refers to a VPC managed elsewhere from plain attributes (no data source: no API call at plan
   * time and no provider needed; ids follow the documented `projects/.../networks/...` formats).
   */
  public static fromExisting(scope: Construct, id: string, attrs: ExistingNetworkAttributes): INetwork {
    return new ImportedNetwork(scope, id, attrs);
  }

  public readonly name: string;
  public readonly projectId?: string;
  /** The VPC created here (id `Resource`). @default undefined with `existing`: see existingVpc */
  public readonly vpc?: ComputeNetwork;
  /** The existing VPC's data source (id `Existing`). @default undefined unless `existing` */
  public readonly existingVpc?: DataGoogleComputeNetwork;
  public readonly subnets: Readonly<Record<string, ISubnet>>;
  public readonly subnetResources: Readonly<Record<string, ComputeSubnetwork>>;
  public readonly firewalls: ComputeFirewall[] = [];
  private readonly specs: readonly SubnetSpec[];
  private readonly nodeTags: string[];
  private readonly webhookPorts: string[];
  private readonly controlPlaneCidrs = new Set<string>();

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const routingMode = props.routingMode ?? DEFAULT_ROUTING_MODE;
    const deleteDefaultRoutes = props.deleteDefaultRoutesOnCreate ?? false;
    const nodeTags = [...(props.nodeTags ?? [DEFAULT_GKE_NODE_TAG])];
    const webhookPorts = props.webhookPorts ?? DEFAULT_WEBHOOK_PORTS;
    const allowHealthChecks = props.allowHealthChecks ?? true;

    const issues = new IssueCollector();
    const path = this.node.path;
    validateName(path, 'name', props.name).forEach((i) => issues.add(i));
    validateSubnets(path, props.subnets).forEach((i) => issues.add(i));
    validatePorts(path, 'webhookPorts', webhookPorts).forEach((i) => issues.add(i));
    nodeTags.forEach((t, i) => validateName(path, `nodeTags[${i}]`, t).forEach((x) => issues.add(x)));
    if (nodeTags.length === 0) {
      issues.add({ path, field: 'nodeTags', value: nodeTags, problem: 'is empty, so the baseline rules would apply to every VM in the VPC', fix: 'list the network tags of your GKE nodes (default "gke-node")' });
    }
    if (props.existing) {
      // These set a VPC being created: on an existing one they would silently do nothing.
      for (const field of ['routingMode', 'deleteDefaultRoutesOnCreate', 'mtu', 'description'] as const) {
        if (props[field] !== undefined)
          issues.add({ path, field, value: props[field], problem: 'is set, but the VPC is existing (read, never created or changed), so it would never apply', fix: `remove ${field}, or change it on the VPC itself through its owners` });
      }
    }
    issues.throwIfAny();

    this.name = props.name;
    this.projectId = props.projectId;
    this.specs = props.subnets;
    this.nodeTags = nodeTags;
    this.webhookPorts = webhookPorts.map(String);

    if (props.existing) {
      this.existingVpc = new DataGoogleComputeNetwork(this, 'Existing', { name: props.name, project: props.projectId });
    } else {
      this.vpc = new ComputeNetwork(this, 'Resource', {
        name: props.name,
        project: props.projectId,
        description: props.description,
        autoCreateSubnetworks: false,
        routingMode,
        deleteDefaultRoutesOnCreate: deleteDefaultRoutes,
        mtu: props.mtu,
      });
    }

    const subnets: Record<string, ISubnet> = {};
    const resources: Record<string, ComputeSubnetwork> = {};
    for (const spec of props.subnets) {
      const flow = spec.flowLogs === false ? undefined : (spec.flowLogs ?? {});
      const subnet = new ComputeSubnetwork(this, `Subnet-${spec.name}`, {
        name: spec.name,
        project: props.projectId,
        region: spec.region,
        network: this.id,
        description: spec.description,
        ipCidrRange: spec.cidr,
        privateIpGoogleAccess: true,
        secondaryIpRange: (spec.secondaryRanges ?? []).map((r) => ({ rangeName: r.rangeName, ipCidrRange: r.cidr })),
        logConfig: flow && {
          flowSampling: flow.flowSampling ?? DEFAULT_FLOW_SAMPLING,
          aggregationInterval: flow.aggregationInterval ?? DEFAULT_FLOW_INTERVAL,
          metadata: flow.metadata ?? DEFAULT_FLOW_METADATA,
          filterExpr: flow.filterExpr,
        },
      });
      resources[spec.name] = subnet;
      const secondary = (spec.secondaryRanges ?? []).map((r) => ({ rangeName: r.rangeName, cidr: r.cidr }));
      subnets[spec.name] = {
        name: spec.name,
        region: spec.region,
        id: subnet.id,
        selfLink: subnet.selfLink,
        networkId: this.id,
        cidr: spec.cidr,
        secondaryRanges: secondary,
        secondaryRangeNames: secondary.map((r) => r.rangeName),
      };
    }
    this.subnets = subnets;
    this.subnetResources = resources;

    if (allowHealthChecks) {
      // All TCP ports: container-native load balancing health-checks pods on their own ports.
      this.firewalls.push(
        new ComputeFirewall(this, 'AllowHealthChecks', {
          name: `${props.name}-allow-health-checks`,
          project: props.projectId,
          network: this.id,
          description: 'Google Cloud load balancer health checks to GKE nodes',
          direction: 'INGRESS',
          sourceRanges: [...GOOGLE_HEALTH_CHECK_RANGES],
          targetTags: nodeTags,
          allow: [{ protocol: 'tcp' }],
        }),
      );
    }
    for (const cidr of props.controlPlaneCidrs ?? []) this.allowControlPlane(cidr);
    for (const cp of props.clusterControlPlanes ?? []) this.allowControlPlane(cp.cidr, [clusterNodeTag(cp.cluster)]);
    for (const cluster of props.clusterInternalRanges ?? []) this.allowClusterInternal(cluster.cluster, cluster.cidrs, cluster.targetTags);
    for (const path of props.clusterPaths ?? []) this.allowClusterPath(path);
  }

  public get id(): string {
    return (this.vpc ?? this.existingVpc!).id;
  }

  public get selfLink(): string {
    return (this.vpc ?? this.existingVpc!).selfLink;
  }

  public get subnetNames(): readonly string[] {
    return Object.keys(this.subnets);
  }

  public subnet(name: string): ISubnet {
    return lookupSubnet(this.node.path, this.subnets, name);
  }

  /**
   * Lets a GKE control plane (/28) reach nodes on the webhook ports. The rule name and construct id
   * derive from the CIDR, so moving a cluster to a new /28 replaces only its rule.
   */
  public allowControlPlane(cidr: string, targetTags?: readonly string[]): ComputeFirewall {
    const path = this.node.path;
    const issues: ValidationIssue[] = [...validateControlPlaneCidr(path, 'controlPlaneCidr', cidr)];
    if (issues.length === 0) {
      if (this.controlPlaneCidrs.has(cidr)) {
        issues.push({ path, field: 'controlPlaneCidr', value: cidr, problem: 'is already allowed', fix: 'call allowControlPlane once per control-plane range' });
      }
      for (const other of rangesOverlapping(Cidr.parse(cidr), namedSubnetRanges(this.specs))) {
        issues.push({ path, field: 'controlPlaneCidr', value: cidr, problem: `overlaps ${other.cidr} (${other.owner})`, fix: 'use a /28 outside every subnet and secondary range (take it from the IP plan)' });
      }
    }
    const name = controlPlaneFirewallName(this.name, cidr);
    issues.push(...validateName(path, 'controlPlaneCidr (firewall name)', name));
    const tags = [...(targetTags ?? this.nodeTags)];
    if (tags.length === 0) {
      issues.push({ path, field: 'targetTags', value: tags, problem: 'is empty, so the rule would apply to every VM in the VPC', fix: 'list the network tags of the cluster nodes' });
    }
    if (issues.length > 0) throw new ValidationError(issues);
    this.controlPlaneCidrs.add(cidr);
    const rule = new ComputeFirewall(this, `AllowControlPlane-${cidrSlug(cidr)}`, {
      name,
      project: this.projectId,
      network: this.id,
      description: `GKE control plane ${cidr} to nodes: kubelet and admission webhooks`,
      direction: 'INGRESS',
      sourceRanges: [cidr],
      targetTags: tags,
      allow: [{ protocol: 'tcp', ports: this.webhookPorts }],
    });
    this.firewalls.push(rule);
    return rule;
  }

  /**
   * Lets a cluster's node subnet and pod ranges reach its own nodes on every protocol (see clusterInternalFirewallName).
   * `targetTags` defaults to the cluster's own tag (clusterNodeTag), never the VPC-wide `nodeTags`: another cluster's
   * nodes stay out of reach.
   */
  public allowClusterInternal(cluster: string, cidrs: readonly string[], targetTags?: readonly string[]): ComputeFirewall {
    const path = this.node.path;
    const name = clusterInternalFirewallName(this.name, cluster);
    const tags = [...(targetTags ?? [clusterNodeTag(cluster)])];
    const issues: ValidationIssue[] = [...validateName(path, `clusterInternalRanges[${cluster}] (firewall name)`, name)];
    if (cidrs.length === 0) issues.push({ path, field: `clusterInternalRanges[${cluster}].cidrs`, value: [], problem: 'is empty', fix: "list the cluster's node subnet and pod ranges" });
    cidrs.forEach((cidr, i) => {
      const parsed = Cidr.tryParse(cidr);
      if (typeof parsed === 'string') issues.push({ path, field: `clusterInternalRanges[${cluster}].cidrs[${i}]`, value: cidr, problem: parsed, fix: 'use the CIDR of a subnet or secondary range' });
    });
    issues.push(...validateTargetTags(path, `clusterInternalRanges[${cluster}].targetTags`, tags));
    if (issues.length > 0) throw new ValidationError(issues);
    const rule = new ComputeFirewall(this, `AllowClusterInternal-${cluster}`, {
      name,
      project: this.projectId,
      network: this.id,
      description: `GKE cluster ${cluster}: its nodes and pods to its own nodes and pods, every protocol`,
      direction: 'INGRESS',
      sourceRanges: [...cidrs],
      targetTags: tags,
      allow: [{ protocol: 'all' }],
    });
    this.firewalls.push(rule);
    return rule;
  }

  /**
   * Opens one declared path between clusters (clusterPaths): the sender's ranges to the receiver's nodes, on the
   * intent's protocol and port only. Construct id `AllowClusterPath-<intent id>`, name `<network>-allow-<intent id>`.
   */
  public allowClusterPath(clusterPath: ClusterPath): ComputeFirewall {
    const path = this.node.path;
    const issues: ValidationIssue[] = [...validateName(path, `clusterPaths[${clusterPath.id}] (firewall name)`, clusterPath.name)];
    clusterPath.sourceCidrs.forEach((cidr, i) => {
      const parsed = Cidr.tryParse(cidr);
      if (typeof parsed === 'string') issues.push({ path, field: `clusterPaths[${clusterPath.id}].sourceCidrs[${i}]`, value: cidr, problem: parsed, fix: "use the sending cluster's node subnet or pod ranges" });
    });
    if (clusterPath.sourceCidrs.length === 0) issues.push({ path, field: `clusterPaths[${clusterPath.id}].sourceCidrs`, value: [], problem: 'is empty', fix: "list the sending cluster's node subnet or pod ranges" });
    if (issues.length > 0) throw new ValidationError(issues);
    const rule = new ComputeFirewall(this, `AllowClusterPath-${clusterPath.id}`, {
      name: clusterPath.name,
      project: this.projectId,
      network: this.id,
      description: `${clusterPath.from} to ${clusterPath.to} (declared intent ${clusterPath.id}): ${clusterPath.reason}`.slice(0, MAX_FIREWALL_DESCRIPTION),
      direction: 'INGRESS',
      sourceRanges: [...clusterPath.sourceCidrs],
      targetTags: [clusterPath.targetTag],
      allow: [{ protocol: clusterPath.protocol, ports: clusterPath.port !== undefined ? [String(clusterPath.port)] : undefined }],
    });
    this.firewalls.push(rule);
    return rule;
  }
}

/** Compute Engine's limit on a firewall rule's description. */
const MAX_FIREWALL_DESCRIPTION = 2048;

function validateTargetTags(path: string, field: string, tags: readonly string[]): ValidationIssue[] {
  if (tags.length === 0) return [{ path, field, value: [], problem: 'is empty, so the rule would apply to every VM in the VPC', fix: "list the network tags of the cluster's nodes (default gke-<cluster>-nodes)" }];
  return tags.flatMap((t, i) => validateName(path, `${field}[${i}]`, t));
}

/**
 * Node subnet and pod ranges of a cluster to its nodes, every protocol: pods on different nodes, kube-dns and the
 * node-local DNS cache's upstream (the equivalent of GKE's own `gke-<cluster>-all` and `-vms` rules, which GKE
 * cannot create in a Shared VPC host project). Construct id `AllowClusterInternal-<cluster>`.
 */
function clusterInternalFirewallName(networkName: string, cluster: string): string {
  return `${networkName}-allow-${cluster}-internal`;
}

class ImportedNetwork extends Construct implements INetwork {
  public readonly name: string;
  public readonly projectId: string;
  public readonly id: string;
  public readonly selfLink: string;
  private readonly subnets: Record<string, ISubnet> = {};

  constructor(scope: Construct, id: string, attrs: ExistingNetworkAttributes) {
    super(scope, id);
    const path = this.node.path;
    const issues = new IssueCollector();
    if (!Token.isUnresolved(attrs.name)) validateName(path, 'name', attrs.name).forEach((i) => issues.add(i));
    issues.throwIfAny();
    this.name = attrs.name;
    this.projectId = attrs.projectId;
    this.id = `projects/${attrs.projectId}/global/networks/${attrs.name}`;
    this.selfLink = `https://www.googleapis.com/compute/v1/${this.id}`;
    for (const s of attrs.subnets) {
      const subnetId = `projects/${attrs.projectId}/regions/${s.region}/subnetworks/${s.name}`;
      const secondary = [...(s.secondaryRanges ?? [])];
      this.subnets[s.name] = {
        name: s.name,
        region: s.region,
        id: subnetId,
        selfLink: `https://www.googleapis.com/compute/v1/${subnetId}`,
        networkId: this.id,
        cidr: s.cidr,
        secondaryRanges: secondary,
        secondaryRangeNames: secondary.map((r) => r.rangeName),
      };
    }
  }

  public get subnetNames(): readonly string[] {
    return Object.keys(this.subnets);
  }

  public subnet(name: string): ISubnet {
    return lookupSubnet(this.node.path, this.subnets, name);
  }
}
