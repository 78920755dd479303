import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { HaVpnToAws, HaVpnToPeer, type INetwork, Network } from '../../lib';
import { BgpPlanOptions, BgpRanges, resolveBgpRanges } from './bgp-plan';

/** The VPC another team (or the console) created: referred to, never managed here. */
export const EXISTING_NETWORK = { projectId: 'corp-net-prod', name: 'corp' } as const;
/** GCP ranges reached over the links: checked against the remote ranges for overlap. */
export const GCP_CIDRS = ['10.0.0.0/16'];
export const AWS_VPC_CIDRS = ['10.8.0.0/16'];
export const GARAGE_CIDRS = ['10.200.0.0/16'];
export const HYBRID_STACK_NAME = 'corp-hybrid';

export type HybridOnlyProps = BgpPlanOptions;

/**
 * Hybrid links only, onto an existing VPC: HA VPN to an AWS VPC (virtual private gateway, 4 tunnels) and
 * to an on-prem device with 2 interfaces. One state for both clouds, since each side needs the other's
 * addresses. Tunnel /30s come from `resolveBgpRanges` (bgp-plan.ts).
 */
export class HybridOnlyStack extends TerraformStack {
  public readonly network: INetwork;
  public readonly bgp: BgpRanges;
  public readonly aws: HaVpnToAws;
  public readonly garage: HaVpnToPeer;

  constructor(scope: Construct, id: string, props: HybridOnlyProps = {}) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: EXISTING_NETWORK.projectId });
    new AwsProvider(this, 'aws', { region: 'us-west-2' });
    // Generates the tunnel pre-shared keys (they end up in state: use an encrypted backend).
    new RandomProvider(this, 'random');

    this.network = Network.fromExisting(this, 'Network', { ...EXISTING_NETWORK, subnets: [] });
    this.bgp = resolveBgpRanges(props);

    this.aws = new HaVpnToAws(this, 'AwsUsw2', {
      name: 'aws-usw2',
      region: 'us-west1',
      network: this.network.selfLink,
      cloudRouter: { name: 'aws-usw2-router', asn: 64514 },
      insideCidrs: this.bgp.aws,
      aws: { type: 'vpn-gateway', vpcId: 'vpc-0a1b2c3d4e5f60718', amazonSideAsn: 64512, routeTableIds: { private: 'rtb-0f1e2d3c4b5a69788' } },
      gcpCidrs: GCP_CIDRS,
      remoteCidrs: AWS_VPC_CIDRS,
    });
    this.garage = new HaVpnToPeer(this, 'GarageSjc', {
      name: 'garage-sjc',
      region: 'us-west1',
      network: this.network.selfLink,
      cloudRouter: { name: 'garage-sjc-router', asn: 64515 },
      peerInterfaceIps: ['203.0.113.10', '203.0.113.11'],
      peerAsn: 65100,
      insideCidrs: this.bgp.garage,
      gcpCidrs: GCP_CIDRS,
      remoteCidrs: GARAGE_CIDRS,
    });
  }
}

/** Adds the hybrid stack to an app. */
export function buildHybridOnly(app: Construct, props: HybridOnlyProps = {}): HybridOnlyStack {
  return new HybridOnlyStack(app, HYBRID_STACK_NAME, props);
}
