import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { CloudNat } from '../lib/network/cloud-nat';
import { Network, SubnetSpec } from '../lib/network/network';
import { SharedVpc } from '../lib/network/shared-vpc';
import { additionalPodRangeName, clusterSubnetName, podRangeName, servicesRangeName, stackNames } from '../lib/domain/platform/gcp-names';
import { LoadedPlatform } from '../lib/domain/platform/load-platform';
import { configureBackend, platformLabels, StateBackendOptions } from './stack-defaults';

export interface NetworkStackProps {
  readonly platform: LoadedPlatform;
  /** @default local state */
  readonly backend?: StateBackendOptions;
}

/**
 * The VPC every cluster and link uses: one subnet per cluster with its pod and services ranges from the
 * IP plan, firewall rules for the control planes, Cloud NAT per region, and Shared VPC for clusters in
 * other projects. Its own state: a cluster change never plans against the network.
 */
export class NetworkStack extends TerraformStack {
  public readonly network: Network;
  public readonly cloudNats: Readonly<Record<string, CloudNat>>;
  public readonly sharedVpc?: SharedVpc;

  constructor(scope: Construct, props: NetworkStackProps) {
    const { definition, ipPlan, clusterRanges } = props.platform;
    const name = stackNames.network(definition.name);
    super(scope, name);
    configureBackend(this, name, props.backend);
    new GoogleProvider(this, 'google', { project: definition.network.project, defaultLabels: platformLabels(definition.name) });

    const subnets: SubnetSpec[] = definition.clusters.map((cluster) => {
      const ranges = clusterRanges.get(cluster.name)!;
      return {
        name: clusterSubnetName(cluster),
        region: cluster.region,
        cidr: ipPlan.cidr(ranges.nodes),
        description: `GKE cluster ${cluster.name} (${cluster.environment})`,
        secondaryRanges: [
          { rangeName: podRangeName(cluster), cidr: ipPlan.cidr(ranges.pods) },
          { rangeName: servicesRangeName(cluster), cidr: ipPlan.cidr(ranges.services) },
          ...(cluster.additionalPodRanges ?? []).map((range, i) => ({ rangeName: additionalPodRangeName(cluster, range.name), cidr: ipPlan.cidr(ranges.additionalPods[i]) })),
        ],
      };
    });
    this.network = new Network(this, 'Network', {
      projectId: definition.network.project,
      name: definition.network.name,
      routingMode: definition.network.routingMode ?? 'GLOBAL',
      mtu: definition.network.mtu,
      subnets,
      controlPlaneCidrs: definition.clusters.map((cluster) => ipPlan.cidr(clusterRanges.get(cluster.name)!.controlPlane)),
    });

    const nats: Record<string, CloudNat> = {};
    for (const region of definition.regions) {
      const regional = definition.clusters.filter((cluster) => cluster.region === region);
      if (regional.length === 0) continue;
      nats[region] = new CloudNat(this, `Nat-${region}`, {
        projectId: definition.network.project,
        network: this.network,
        region,
        subnets: regional.map((cluster) => ({
          subnet: this.network.subnet(clusterSubnetName(cluster)),
          secondaryRangeNames: [podRangeName(cluster), ...(cluster.additionalPodRanges ?? []).map((r) => additionalPodRangeName(cluster, r.name))],
        })),
      });
    }
    this.cloudNats = nats;

    const serviceProjects = [...new Set(definition.clusters.map((c) => c.project))].filter((p) => p !== definition.network.project).sort();
    if (serviceProjects.length > 0) {
      this.sharedVpc = new SharedVpc(this, 'SharedVpc', {
        hostProject: definition.network.project,
        serviceProjects: serviceProjects.map((projectId) => ({
          projectId,
          subnets: definition.clusters.filter((c) => c.project === projectId).map((c) => this.network.subnet(clusterSubnetName(c))),
        })),
      });
    }
  }
}
