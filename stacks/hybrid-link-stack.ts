import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { PRIVATE_GOOGLE_APIS_CIDR } from '../lib/domain/hybrid/advertisements';
import { HaVpnToAws } from '../lib/hybrid/ha-vpn-to-aws';
import { HaVpnToPeer } from '../lib/hybrid/ha-vpn-to-peer';
import { Interconnect } from '../lib/hybrid/interconnect';
import { stackNames } from '../lib/domain/platform/gcp-names';
import { PARTNER_INTERCONNECT_ASN } from '../lib/domain/hybrid/asn';
import { HybridLinkDefinition, LinkAdvertisements, linkBgpRanges } from '../lib/domain/platform/hybrid-link-definition';
import { LoadedPlatform } from '../lib/domain/platform/load-platform';
import { NetworkStack } from './network-stack';
import { configureBackend, platformLabels, StateBackendOptions } from './stack-defaults';

export interface HybridLinkStackProps {
  readonly platform: LoadedPlatform;
  readonly link: HybridLinkDefinition;
  readonly network: NetworkStack;
  /** @default local state */
  readonly backend?: StateBackendOptions;
}

/** GCP's default VPC MTU. */
const GCP_DEFAULT_MTU = 1460;

/**
 * One hybrid link with both clouds' resources in one state, since each side needs the other's
 * addresses (tunnel outside IPs, HA VPN interface IPs). BGP addresses come from the IP plan.
 */
export class HybridLinkStack extends TerraformStack {
  public readonly link: HaVpnToAws | HaVpnToPeer | Interconnect;

  constructor(scope: Construct, props: HybridLinkStackProps) {
    const { definition, ipPlan } = props.platform;
    const link = props.link;
    const name = stackNames.link(definition.name, link.name);
    super(scope, name);
    configureBackend(this, name, props.backend);
    this.addDependency(props.network);
    const project = definition.network.project;
    new GoogleProvider(this, 'google', { project, defaultLabels: platformLabels(definition.name) });

    const remote = (definition.remoteNetworks ?? []).find((n) => n.name === link.remoteNetwork)!;
    const bgpRanges = linkBgpRanges(link).map((range) => ipPlan.cidr(range.name));
    const gcpCidrs = this.gcpRanges(props.platform);
    const network = props.network.network.selfLink;

    switch (link.kind) {
      case 'ha-vpn-aws': {
        new AwsProvider(this, 'aws', { region: remote.awsRegion, defaultTags: [{ tags: { 'managed-by': 'gke-platform-cdk', platform: definition.name } }] });
        new RandomProvider(this, 'random');
        const aws = link.aws;
        this.link = new HaVpnToAws(this, 'Link', {
          name: link.name,
          project,
          region: link.region,
          network,
          cloudRouter: { name: `${link.name}-router`, asn: link.gcpAsn },
          insideCidrs: bgpRanges,
          aws:
            (aws.type ?? 'transit-gateway') === 'transit-gateway'
              ? { type: 'transit-gateway', amazonSideAsn: aws.amazonSideAsn, vpcAttachment: aws.subnetIds ? { vpcId: aws.vpcId, subnetIds: aws.subnetIds } : undefined, routeTableIds: aws.routeTableIds }
              : { type: 'vpn-gateway', amazonSideAsn: aws.amazonSideAsn, vpcId: aws.vpcId, routeTableIds: aws.routeTableIds },
          advertisements: this.advertisements(props.platform, [link.region], link.advertise),
          gcpCidrs,
          remoteCidrs: remote.cidrs,
        });
        break;
      }
      case 'ha-vpn-peer':
        new RandomProvider(this, 'random');
        this.link = new HaVpnToPeer(this, 'Link', {
          name: link.name,
          project,
          region: link.region,
          network,
          cloudRouter: { name: `${link.name}-router`, asn: link.gcpAsn },
          peerInterfaceIps: link.peerInterfaceIps,
          peerAsn: link.peerAsn,
          insideCidrs: bgpRanges,
          advertisements: this.advertisements(props.platform, [link.region], link.advertise),
          gcpCidrs,
          remoteCidrs: remote.cidrs,
        });
        break;
      case 'interconnect': {
        const regions = [...new Set(link.attachments.map((a) => a.region))].sort();
        const asn = link.gcpAsn ?? PARTNER_INTERCONNECT_ASN;
        this.link = new Interconnect(this, 'Link', {
          type: link.type,
          slaTarget: link.slaTarget,
          project,
          network,
          routingMode: definition.network.routingMode ?? 'GLOBAL',
          networkMtu: definition.network.mtu ?? GCP_DEFAULT_MTU,
          mtu: link.mtu ?? definition.network.mtu ?? GCP_DEFAULT_MTU,
          peerAsn: link.peerAsn,
          routers: regions.map((region) => ({ name: `${link.name}-${region}`, region, asn })),
          attachments: link.attachments.map((attachment, i) => ({
            ...attachment,
            ...(link.type === 'DEDICATED' ? { candidateSubnets: [bgpRanges[i]] } : {}),
          })),
          advertisements: this.advertisements(props.platform, regions, link.advertise),
        });
        break;
      }
    }
  }

  /** Every GCP range the remote side must reach: node subnets and pod ranges of every cluster. */
  private gcpRanges(platform: LoadedPlatform): string[] {
    return [...platform.clusterRanges.values()].flatMap((ranges) => [ranges.nodes, ranges.pods, ...ranges.additionalPods]).map((name) => platform.ipPlan.cidr(name));
  }

  /** CUSTOM mode, all subnets, plus what the link asks for. */
  private advertisements(platform: LoadedPlatform, regions: readonly string[], advertise: LinkAdvertisements | undefined) {
    const ranges: { range: string; description: string }[] = [];
    if (advertise?.privateGoogleAccess) ranges.push({ range: PRIVATE_GOOGLE_APIS_CIDR, description: 'private.googleapis.com' });
    if (advertise?.controlPlanes) {
      for (const cluster of platform.definition.clusters.filter((c) => regions.includes(c.region))) {
        ranges.push({ range: platform.ipPlan.cidr(platform.clusterRanges.get(cluster.name)!.controlPlane), description: `${cluster.name} control plane` });
      }
    }
    for (const range of advertise?.ranges ?? []) ranges.push({ range, description: 'requested' });
    return { mode: 'CUSTOM' as const, allSubnets: true, ranges };
  }
}
