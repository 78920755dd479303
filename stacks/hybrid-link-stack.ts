import type * as AwsProviderModule from '@cdktf/provider-aws/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { HybridLinkDefinition } from '../lib/domain/platform/hybrid-link-definition';
import { LoadedPlatform } from '../lib/domain/platform/resolve-platform';
import { LinkPlan } from '../lib/domain/platform/platform-plan';
import { loadWithAwsProvider } from '../lib/hybrid/aws-provider-optional';
import type * as HaVpnToAwsModule from '../lib/hybrid/ha-vpn-to-aws';
import type { HaVpnToAws } from '../lib/hybrid/ha-vpn-to-aws';
import { HaVpnToPeer } from '../lib/hybrid/ha-vpn-to-peer';
import { Interconnect } from '../lib/hybrid/interconnect';
import { NetworkStack } from './network-stack';
import { platformLabels } from '../lib/domain/platform/platform-labels';
import { configureBackend, StateBackendOptions } from './stack-defaults';

/** Props of `HybridLinkStack`. */
export interface HybridLinkStackProps {
  /** The loaded platform (definition, IP plan and plan, from `loadPlatform`): the stack reads its record of the plan. */
  readonly platform: LoadedPlatform;
  /** The link (its definition; the stack reads its record of the platform plan). */
  readonly link: Pick<HybridLinkDefinition, 'name'>;
  /** The platform's network stack: the link attaches to its VPC and deploys after it. */
  readonly network: NetworkStack;
  /** @default local state */
  readonly backend?: StateBackendOptions;
}

/**
 * One hybrid link with both clouds' resources in one state, since each side needs the other's
 * addresses (tunnel outside IPs, HA VPN interface IPs). BGP addresses come from the IP plan.
 */
export class HybridLinkStack extends TerraformStack {
  /** The link's record of the platform plan. */
  public readonly plan: LinkPlan;
  public readonly link: HaVpnToAws | HaVpnToPeer | Interconnect;

  constructor(scope: Construct, props: HybridLinkStackProps) {
    const platform = props.platform.plan;
    const link = platform.links.find((l) => l.name === props.link.name);
    if (!link) throw new Error(`no hybrid link ${JSON.stringify(props.link.name)} in the plan; links: ${platform.links.map((l) => l.name).join(', ')}`);
    super(scope, link.stack);
    this.plan = link;
    configureBackend(this, link.stack, props.backend);
    this.addDependency(props.network);
    new GoogleProvider(this, 'google', { project: link.project, defaultLabels: platformLabels(platform.name) });
    const network = props.network.network.selfLink;
    const bgpRanges = link.bgpRanges.map((range) => range.cidr);

    switch (link.kind) {
      case 'ha-vpn-aws': {
        // Required here, not at the top: Google-only platforms never install the AWS provider.
        const { AwsProvider } = loadWithAwsProvider(`hybridLinks[${link.name}]`, () => require('@cdktf/provider-aws/lib/provider') as typeof AwsProviderModule);
        const { HaVpnToAws } = loadWithAwsProvider(`hybridLinks[${link.name}]`, () => require('../lib/hybrid/ha-vpn-to-aws') as typeof HaVpnToAwsModule);
        new AwsProvider(this, 'aws', { region: link.aws.region, defaultTags: [{ tags: platformLabels(platform.name) }] });
        new RandomProvider(this, 'random');
        const aws = link.aws;
        this.link = new HaVpnToAws(this, 'Link', {
          name: link.name,
          project: link.project,
          region: link.region,
          network,
          cloudRouter: link.router,
          insideCidrs: bgpRanges,
          aws:
            aws.type === 'transit-gateway'
              ? {
                  type: 'transit-gateway',
                  existingTransitGatewayId: aws.existingTransitGatewayId,
                  amazonSideAsn: aws.amazonSideAsn,
                  vpcAttachment: aws.subnetIds ? { vpcId: aws.vpcId, subnetIds: aws.subnetIds } : undefined,
                  routeTableIds: aws.routeTableIds,
                }
              : { type: 'vpn-gateway', existingVpnGatewayId: aws.existingVpnGatewayId, amazonSideAsn: aws.amazonSideAsn, vpcId: aws.vpcId, routeTableIds: aws.routeTableIds },
          advertisements: link.advertisements,
          gcpCidrs: link.gcpCidrs,
          remoteCidrs: link.remoteNetwork.cidrs,
        });
        break;
      }
      case 'ha-vpn-peer':
        new RandomProvider(this, 'random');
        this.link = new HaVpnToPeer(this, 'Link', {
          name: link.name,
          project: link.project,
          region: link.region,
          network,
          cloudRouter: link.router,
          peerInterfaceIps: link.peerInterfaceIps,
          peerAsn: link.peerAsn,
          insideCidrs: bgpRanges,
          advertisements: link.advertisements,
          gcpCidrs: link.gcpCidrs,
          remoteCidrs: link.remoteNetwork.cidrs,
        });
        break;
      case 'interconnect':
        this.link = new Interconnect(this, 'Link', {
          type: link.type,
          slaTarget: link.slaTarget,
          project: link.project,
          network,
          routingMode: link.routingMode,
          networkMtu: link.networkMtu,
          mtu: link.mtu,
          peerAsn: link.peerAsn,
          routers: link.routers,
          attachments: link.attachments,
          advertisements: link.advertisements,
        });
        break;
    }
  }
}
