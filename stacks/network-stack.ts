import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { LoadedPlatform } from '../lib/domain/platform/resolve-platform';
import { CloudNat } from '../lib/network/cloud-nat';
import { ControlPlaneWebhookRule } from '../lib/network/control-plane-webhook-rule';
import { Network, SubnetSpec } from '../lib/network/network';
import { PrivateGoogleApisDns } from '../lib/network/private-google-apis-dns';
import { PrivateServiceAccess } from '../lib/network/private-service-access';
import { SharedVpc } from '../lib/network/shared-vpc';
import { privateServiceAccessPlan, PSA_RANGE_NAME } from '../lib/domain/platform/private-service-access';
import { platformLabels } from '../lib/domain/platform/platform-labels';
import type { ClusterPlan } from '../lib/domain/platform/platform-plan';
import { clusterPaths } from '../lib/domain/network/cluster-paths';
import { configureBackend, StateBackendOptions } from './stack-defaults';

/** Props of `NetworkStack`. */
export interface NetworkStackProps {
  /** The loaded platform (from `loadPlatform`): the VPC, subnets, ranges and NATs come from its plan. */
  readonly platform: LoadedPlatform;
  /** @default local state */
  readonly backend?: StateBackendOptions;
}

/**
 * The VPC every cluster and link uses: one subnet per cluster with its pod and services ranges from the
 * IP plan, firewall rules for the control planes, Cloud NAT per region, and Shared VPC for clusters in
 * other projects. Its own state: a cluster change never plans against the network. With `network.existing` the VPC
 * (and the host's Shared VPC enablement) is read, not created: everything else is created in it as above.
 */
export class NetworkStack extends TerraformStack {
  public readonly network: Network;
  public readonly cloudNats: Readonly<Record<string, CloudNat>>;
  public readonly sharedVpc?: SharedVpc;
  public readonly googleApisDns: PrivateGoogleApisDns;
  public readonly privateServiceAccess?: PrivateServiceAccess;
  /** Per cluster whose control plane calls add-ons' webhooks (the plan's `addOnTraffic.webhookRules`), by cluster name. */
  public readonly webhookRules: Readonly<Record<string, ControlPlaneWebhookRule>>;

  constructor(scope: Construct, props: NetworkStackProps) {
    const { plan } = props.platform;
    const name = plan.stacks.network;
    super(scope, name);
    configureBackend(this, name, props.backend);
    new GoogleProvider(this, 'google', { project: plan.network.project, defaultLabels: platformLabels(plan.name) });

    const subnets: SubnetSpec[] = plan.clusters.map((cluster) => ({
      name: cluster.subnet.name,
      region: cluster.region,
      cidr: cluster.subnet.cidr,
      description: cluster.subnet.description,
      secondaryRanges: [cluster.podRange, cluster.servicesRange, ...cluster.additionalPodRanges].map((range) => ({ rangeName: range.rangeName, cidr: range.cidr })),
    }));
    const existing = plan.network.existing;
    this.network = new Network(this, 'Network', {
      projectId: plan.network.project,
      name: plan.network.name,
      // An existing VPC is read, never created: its routing mode and MTU are its owners' (the definition states them).
      ...(existing ? { existing: true } : { routingMode: plan.network.routingMode, mtu: plan.network.vpcMtu }),
      subnets,
      // Each control plane reaches its own cluster's nodes only.
      clusterControlPlanes: plan.clusters.map((cluster) => ({ cluster: cluster.name, cidr: cluster.controlPlane.cidr })),
      // GKE cannot create its intra-cluster rules in the Shared VPC host project: without these, pods on
      // different nodes (and most DNS queries) are dropped. Each targets its own cluster's nodes only.
      clusterInternalRanges: plan.clusters.map((cluster) => ({ cluster: cluster.name, cidrs: clusterCidrs(cluster), targetTags: [cluster.nodeTag] })),
      // Between clusters: only what a declared connectivity intent opens.
      clusterPaths: clusterPaths(
        plan.network.name,
        plan.clusters.map((cluster) => ({ name: cluster.name, nodeCidr: cluster.subnet.cidr, podCidrs: [cluster.podRange.cidr, ...cluster.additionalPodRanges.map((r) => r.cidr)] })),
        props.platform.definition.connectivityIntents ?? [],
      ),
    });

    // Workload Identity tenants call Google APIs: a private zone sends them to private.googleapis.com, which
    // their NetworkPolicies allow and Private Google Access carries.
    this.googleApisDns = new PrivateGoogleApisDns(this, 'GoogleApisDns', { projectId: plan.network.project, network: this.network });
    if (privateServiceAccessPlan(plan.definition)) {
      this.privateServiceAccess = new PrivateServiceAccess(this, 'PrivateServiceAccess', { projectId: plan.network.project, network: this.network, cidr: plan.ipPlan.cidr(PSA_RANGE_NAME) });
    }

    // Derived from the add-ons' traffic needs: each control plane reaches its own nodes' webhooks (istiod: 15017), nothing more.
    const nodeTagOf = new Map(plan.clusters.map((c) => [c.name, c.nodeTag]));
    this.webhookRules = Object.fromEntries(
      plan.addOnTraffic.webhookRules.map((rule) => [
        rule.cluster,
        new ControlPlaneWebhookRule(this, `ControlPlaneWebhooks-${rule.cluster}`, { network: this.network, controlPlaneCidr: rule.controlPlaneCidr, ports: rule.ports, webhooks: rule.webhooks, targetTags: [nodeTagOf.get(rule.cluster)!] }),
      ]),
    );

    const nats: Record<string, CloudNat> = {};
    for (const nat of plan.network.nats) {
      nats[nat.region] = new CloudNat(this, `Nat-${nat.region}`, {
        projectId: plan.network.project,
        network: this.network,
        region: nat.region,
        subnets: nat.subnets.map((s) => ({ subnet: this.network.subnet(s.subnet), secondaryRangeNames: s.secondaryRangeNames })),
      });
    }
    this.cloudNats = nats;

    if (plan.network.serviceProjects.length > 0) {
      this.sharedVpc = new SharedVpc(this, 'SharedVpc', {
        hostProject: plan.network.project,
        // The host of an existing VPC is already a Shared VPC host: never enabled (nor disabled on destroy) here.
        ...(existing ? { existingHost: true, attachServiceProjects: existing.serviceProjectAttachments === 'create' } : {}),
        serviceProjects: plan.network.serviceProjects.map((p) => ({ projectId: p.projectId, subnets: p.subnets.map((s) => this.network.subnet(s)) })),
      });
    }
  }
}

/** A cluster's node subnet and every pod range: what its intra-cluster rule admits. */
function clusterCidrs(cluster: ClusterPlan): string[] {
  return [cluster.subnet.cidr, cluster.podRange.cidr, ...cluster.additionalPodRanges.map((r) => r.cidr)];
}
