import { Construct } from 'constructs';
import { TerraformProvider, Token } from 'cdktf';
import { ComputeExternalVpnGateway } from '@cdktf/provider-google/lib/compute-external-vpn-gateway';
import { ComputeHaVpnGateway } from '@cdktf/provider-google/lib/compute-ha-vpn-gateway';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterInterface } from '@cdktf/provider-google/lib/compute-router-interface';
import { ComputeRouterPeer } from '@cdktf/provider-google/lib/compute-router-peer';
import { ComputeVpnTunnel } from '@cdktf/provider-google/lib/compute-vpn-tunnel';
import { CustomerGateway } from '@cdktf/provider-aws/lib/customer-gateway';
import { DataAwsEc2TransitGateway } from '@cdktf/provider-aws/lib/data-aws-ec2-transit-gateway';
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { Route } from '@cdktf/provider-aws/lib/route';
import { VpnConnection } from '@cdktf/provider-aws/lib/vpn-connection';
import { VpnGateway } from '@cdktf/provider-aws/lib/vpn-gateway';
import { VpnGatewayRoutePropagation } from '@cdktf/provider-aws/lib/vpn-gateway-route-propagation';
import { IssueCollector, ValidationIssue } from '../domain/validation-error';
import { planAdvertisements } from '../domain/hybrid/advertisements';
import { validateAmazonSideAsn, validateAsnsDiffer, validateCloudRouterAsn, validateCustomerGatewayAsn, customerGatewayAsnFields } from '../domain/hybrid/asn';
import { awsInsideAddresses, awsTunnelWiring, validateBgpIdentifierRange, validateInsideCidrs, validateNoOverlap } from '../domain/hybrid/bgp-link-rules';
import { IkeAlgorithmSet, resolveIkeAlgorithms } from '../domain/hybrid/ike-options';
import type { HaVpnLinkProps } from './ha-vpn-link-props';
import { validateLinkName } from '../domain/hybrid/names';
import { validateAwsId } from '../domain/hybrid/remote-rules';
import { DEFAULT_PRE_SHARED_KEY_SOURCE } from '../domain/hybrid/pre-shared-key';
import { buildGcpHaVpn } from './private/gcp-ha-vpn';
import { registerBgpLinks } from './private/link-registry';
import { validateKeySource, resolveKeys } from './private/pre-shared-keys';

import { DEFAULT_AMAZON_SIDE_ASN } from '../domain/platform/platform-defaults';
/** The only VPN type AWS offers. */
const AWS_VPN_TYPE = 'ipsec.1';

/** The AWS side terminates on a transit gateway (default: ECMP across all 4 tunnels) or a virtual private gateway. */
export type AwsVpnTermination = AwsTransitGatewayOptions | AwsVpnGatewayOptions;

/** The AWS side of `HaVpnToAws` on a transit gateway (the default). */
export interface AwsTransitGatewayOptions {
  /** Terminate on a transit gateway: ECMP across all 4 tunnels, and VPC route tables routed to GCP through it. */
  readonly type: 'transit-gateway';
  /**
   * Use this transit gateway instead of creating one. Its `vpn_ecmp_support` must already be `enable`
   * for traffic to use all tunnels; `amazonSideAsn` must then be the gateway's ASN.
   * @default a new transit gateway `TransitGateway` with ECMP enabled
   */
  readonly existingTransitGatewayId?: string;
  /** Amazon-side ASN (replaces a new gateway when changed). @default 64512 */
  readonly amazonSideAsn?: number;
  /**
   * Attach a VPC to the transit gateway (replaced when vpcId changes).
   * @default no attachment (the VPC is already attached)
   */
  readonly vpcAttachment?: {
    /** The AWS VPC to attach, e.g. `vpc-0abc...`; changing it replaces the attachment. */
    readonly vpcId: string;
    /** The attachment's subnets, one per availability zone it serves; at least one. */
    readonly subnetIds: readonly string[];
  };
  /**
   * VPC route tables that get a route to each of `gcpCidrs` through the transit gateway, keyed by a stable
   * name used in construct ids (e.g. `{ private-a: rtb.id }`). Needs `gcpCidrs`.
   * @default none
   */
  readonly routeTableIds?: Readonly<Record<string, string>>;
}

/** The AWS side of `HaVpnToAws` on a virtual private gateway attached to one VPC. */
export interface AwsVpnGatewayOptions {
  /** Terminate on a virtual private gateway attached to one VPC (no ECMP across the tunnels). */
  readonly type: 'vpn-gateway';
  /**
   * Use this virtual private gateway instead of creating one; `amazonSideAsn` must be its ASN (legacy public
   * ASNs such as 7224 are accepted only here).
   * @default a new gateway `VpnGateway` attached to `vpcId`
   */
  readonly existingVpnGatewayId?: string;
  /**
   * VPC a new gateway attaches to (replaces the gateway when changed). Required unless existingVpnGatewayId.
   * @default none: allowed only with `existingVpnGatewayId` (synthesis fails otherwise)
   */
  readonly vpcId?: string;
  /** Amazon-side ASN (replaces a new gateway when changed). @default 64512 */
  readonly amazonSideAsn?: number;
  /**
   * Route tables that learn the GCP routes by BGP route propagation, keyed by a stable name used in construct ids.
   * @default none
   */
  readonly routeTableIds?: Readonly<Record<string, string>>;
}

/**
 * The link's `name` also names the AWS side (Name tags `<name>-a` / `<name>-b`); `gcpCidrs` are routed
 * from the AWS route tables (transit gateway); `remoteCidrs` are the AWS VPC's ranges.
 */
export interface HaVpnToAwsProps extends HaVpnLinkProps {
  /**
   * The 4 tunnel inside /30s, in tunnel order: [A.tunnel1, A.tunnel2, B.tunnel1, B.tunnel2]. From 169.254.0.0/16,
   * outside AWS's reserved blocks, unique. Changing one replaces its AWS connection and GCP router interface.
   */
  readonly insideCidrs: readonly string[];
  /** Where the AWS side terminates: a transit gateway or a virtual private gateway, new or existing. */
  readonly aws: AwsVpnTermination;
  /** AWS phase 1 and 2 algorithms. @default AES256 / SHA2-256 / DH group 20 */
  readonly ike?: IkeAlgorithmSet;
  /** @default the stack's default aws provider */
  readonly awsProvider?: TerraformProvider;
  /** Tags on every AWS resource. @default none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * HA VPN between a GCP VPC and AWS (transit gateway or VGW), both sides in one construct.
 *
 * Wiring (also `awsTunnelWiring()`): GCP tunnel i uses insideCidrs[i] and key i; tunnels 0,1 leave HA interface 0
 * toward connection A (customer gateway A = HA interface 0's IP) tunnel1/tunnel2 = external interfaces 0,1;
 * tunnels 2,3 leave HA interface 1 toward connection B, external interfaces 2,3. Router interface i takes AWS's
 * customer-gateway inside address (second usable of the /30), BGP peer i the AWS inside address (first usable).
 *
 * `gateway` (id `Resource`) is the HA VPN gateway; every resource is a public property, and any field can be
 * overridden with `addOverride`, e.g. `link.vpnConnections[0].addOverride('tunnel1_dpd_timeout_action', 'restart')`.
 */
export class HaVpnToAws extends Construct {
  public readonly gateway: ComputeHaVpnGateway;
  public readonly router?: ComputeRouter;
  public readonly externalGateway: ComputeExternalVpnGateway;
  /** GCP tunnels, in tunnel order. */
  public readonly tunnels: readonly ComputeVpnTunnel[];
  public readonly routerInterfaces: readonly ComputeRouterInterface[];
  public readonly bgpPeers: readonly ComputeRouterPeer[];
  /** Customer gateways A and B, for HA interfaces 0 and 1. */
  public readonly customerGateways: readonly CustomerGateway[];
  /** VPN connections A and B, in the same order as the customer gateways. */
  public readonly vpnConnections: readonly VpnConnection[];
  public readonly transitGateway?: Ec2TransitGateway;
  /**
   * The existing transit gateway, read (id `ExistingTransitGateway`) so `terraform plan` fails before anything is created
   * when it does not exist or its ASN is not `amazonSideAsn`. @default undefined unless existingTransitGatewayId
   */
  public readonly existingTransitGateway?: DataAwsEc2TransitGateway;
  public readonly vpnGateway?: VpnGateway;
  /** The key of each tunnel, in tunnel order (tokens; store them in a secret manager if operators need them). */
  public readonly preSharedKeys: readonly string[];

  constructor(scope: Construct, id: string, props: HaVpnToAwsProps) {
    super(scope, id);
    const path = this.node.path;
    const aws = props.aws;
    const amazonSideAsn = aws.amazonSideAsn ?? DEFAULT_AMAZON_SIDE_ASN;
    const keySource = props.preSharedKeys ?? DEFAULT_PRE_SHARED_KEY_SOURCE;
    const wiring = awsTunnelWiring();
    const existingGatewayId = aws.type === 'transit-gateway' ? aws.existingTransitGatewayId : aws.existingVpnGatewayId;
    const routeTables = Object.entries(aws.routeTableIds ?? {}).sort(([a], [b]) => a.localeCompare(b));

    // Validate everything first, so one run reports every mistake.
    const issues = new IssueCollector();
    const add = (list: readonly ValidationIssue[]) => list.forEach((i) => issues.add(i));
    add(validateLinkName(path, 'name', props.name, 2));
    add(validateCloudRouterAsn(path, 'cloudRouter.asn', props.cloudRouter.asn));
    add(validateCustomerGatewayAsn(path, 'cloudRouter.asn', props.cloudRouter.asn));
    add(validateAmazonSideAsn(path, 'aws.amazonSideAsn', amazonSideAsn, { allowLegacy: aws.type === 'vpn-gateway' && existingGatewayId !== undefined }));
    add(validateAsnsDiffer(path, 'aws.amazonSideAsn', props.cloudRouter.asn, amazonSideAsn));
    if (props.cloudRouter.bgpIdentifierRange) add(validateBgpIdentifierRange(path, 'cloudRouter.bgpIdentifierRange', props.cloudRouter.bgpIdentifierRange));
    add(validateInsideCidrs(path, 'insideCidrs', props.insideCidrs, { expectedCount: wiring.length, awsReserved: true, bgpIdentifierRange: props.cloudRouter.bgpIdentifierRange }));
    add(validateKeySource(path, keySource, wiring.length));
    const { plan, issues: advIssues } = planAdvertisements(path, props.advertisements);
    add(advIssues);
    const { algorithms, issues: ikeIssues } = resolveIkeAlgorithms(path, props.ike);
    add(ikeIssues);
    add(validateNoOverlap(path, props.gcpCidrs ?? [], props.remoteCidrs ?? []));
    if (existingGatewayId !== undefined && !Token.isUnresolved(existingGatewayId)) {
      add(validateAwsId(path, aws.type === 'transit-gateway' ? 'aws.existingTransitGatewayId' : 'aws.existingVpnGatewayId', existingGatewayId, aws.type === 'transit-gateway' ? 'transitGateway' : 'vpnGateway'));
    }
    if (existingGatewayId !== undefined && aws.amazonSideAsn === undefined) {
      issues.add({ path, field: 'aws.amazonSideAsn', value: undefined, problem: 'is required with an existing gateway, whose ASN the BGP peers must use', fix: "set aws.amazonSideAsn to the gateway's Amazon-side ASN" });
    }
    if (aws.type === 'vpn-gateway' && existingGatewayId === undefined && aws.vpcId === undefined) {
      issues.add({ path, field: 'aws.vpcId', value: undefined, problem: 'is required to create a virtual private gateway', fix: 'set aws.vpcId, or aws.existingVpnGatewayId' });
    }
    if (aws.type === 'transit-gateway' && routeTables.length > 0 && (props.gcpCidrs ?? []).length === 0) {
      issues.add({ path, field: 'gcpCidrs', value: props.gcpCidrs, problem: 'is empty, but aws.routeTableIds needs the GCP ranges to route to the transit gateway', fix: 'list the GCP ranges (subnets, pod ranges) in gcpCidrs' });
    }
    if (aws.type === 'transit-gateway' && aws.vpcAttachment && aws.vpcAttachment.subnetIds.length === 0) {
      issues.add({ path, field: 'aws.vpcAttachment.subnetIds', value: [], problem: 'is empty', fix: 'give one subnet per availability zone the attachment should serve' });
    }
    issues.throwIfAny();

    const keys = resolveKeys(this, keySource, wiring.length, props.randomProvider);
    this.preSharedKeys = keys;
    const awsProvider = props.awsProvider;
    const tags = (suffix: string) => ({ ...(props.tags ?? {}), Name: `${props.name}${suffix}` });

    // AWS termination.
    let gatewayRef: { transitGatewayId?: string; vpnGatewayId?: string };
    let attachment: Ec2TransitGatewayVpcAttachment | undefined;
    if (aws.type === 'transit-gateway') {
      if (aws.existingTransitGatewayId !== undefined) {
        // The connections name the id itself (readable in review); the data source only checks the gateway at plan time.
        this.existingTransitGateway = new DataAwsEc2TransitGateway(this, 'ExistingTransitGateway', {
          provider: awsProvider,
          id: aws.existingTransitGatewayId,
          lifecycle: {
            postcondition: [
              {
                condition: `\${self.amazon_side_asn == ${amazonSideAsn}}`,
                errorMessage: `Transit gateway ${aws.existingTransitGatewayId} (${path}) has another Amazon-side ASN than aws.amazonSideAsn ${amazonSideAsn}, which the BGP peers use; set aws.amazonSideAsn to the gateway's ASN.`,
              },
            ],
          },
        });
      } else {
        this.transitGateway = new Ec2TransitGateway(this, 'TransitGateway', {
          provider: awsProvider,
          amazonSideAsn,
          // ECMP spreads traffic over the 4 BGP tunnels instead of one active tunnel.
          vpnEcmpSupport: 'enable',
          defaultRouteTableAssociation: 'enable',
          defaultRouteTablePropagation: 'enable',
          description: `HA VPN ${props.name} to GCP`,
          tags: tags(''),
        });
      }
      const tgwId = this.transitGateway ? this.transitGateway.id : (aws.existingTransitGatewayId as string);
      gatewayRef = { transitGatewayId: tgwId };
      if (aws.vpcAttachment) {
        attachment = new Ec2TransitGatewayVpcAttachment(this, 'TransitGatewayAttachment', {
          provider: awsProvider,
          transitGatewayId: tgwId,
          vpcId: aws.vpcAttachment.vpcId,
          subnetIds: [...aws.vpcAttachment.subnetIds],
          tags: tags(''),
        });
      }
    } else {
      if (aws.existingVpnGatewayId === undefined) {
        this.vpnGateway = new VpnGateway(this, 'VpnGateway', { provider: awsProvider, vpcId: aws.vpcId, amazonSideAsn: String(amazonSideAsn), tags: tags('') });
      }
      gatewayRef = { vpnGatewayId: this.vpnGateway ? this.vpnGateway.id : (aws.existingVpnGatewayId as string) };
    }

    // Forward references: the external gateway needs the AWS outside IPs, the customer gateways the HA VPN IPs.
    const addresses = props.insideCidrs.map(awsInsideAddresses);
    const connectionNames = ['A', 'B'] as const;
    const gcp = buildGcpHaVpn(this, {
      name: props.name,
      project: props.project,
      region: props.region,
      network: props.network,
      router: props.cloudRouter,
      redundancyType: 'FOUR_IPS_REDUNDANCY',
      // The AWS outside IPs exist only once the connections do; set with putInterface below.
      peerInterfaceIps: [],
      wiring,
      insideAddresses: addresses,
      keys,
      peerAsn: amazonSideAsn,
      advertisement: plan,
      provider: props.googleProvider,
    });
    this.gateway = gcp.gateway;
    this.router = gcp.router;

    const customerGateways = connectionNames.map(
      (letter, c) =>
        new CustomerGateway(this, `CustomerGateway${letter}`, {
          provider: awsProvider,
          type: AWS_VPN_TYPE,
          ipAddress: gcp.gateway.vpnInterfaces.get(c).ipAddress,
          ...customerGatewayAsnFields(props.cloudRouter.asn),
          tags: tags(`-${letter.toLowerCase()}`),
        }),
    );
    const vpnConnections = connectionNames.map((letter, c) => {
      const [t1, t2] = wiring.filter((w) => w.connection === c);
      const ikeOptions = { ikeVersions: ['ikev2'], encryption: [algorithms.encryption], integrity: [algorithms.integrity], dh: [algorithms.dhGroup] };
      return new VpnConnection(this, `VpnConnection${letter}`, {
        provider: awsProvider,
        type: AWS_VPN_TYPE,
        customerGatewayId: customerGateways[c].id,
        ...gatewayRef,
        staticRoutesOnly: false,
        tunnel1InsideCidr: props.insideCidrs[t1.tunnel],
        tunnel1PresharedKey: keys[t1.tunnel],
        tunnel1IkeVersions: ikeOptions.ikeVersions,
        tunnel1Phase1EncryptionAlgorithms: ikeOptions.encryption,
        tunnel1Phase1IntegrityAlgorithms: ikeOptions.integrity,
        tunnel1Phase1DhGroupNumbers: ikeOptions.dh,
        tunnel1Phase2EncryptionAlgorithms: ikeOptions.encryption,
        tunnel1Phase2IntegrityAlgorithms: ikeOptions.integrity,
        tunnel1Phase2DhGroupNumbers: ikeOptions.dh,
        tunnel2InsideCidr: props.insideCidrs[t2.tunnel],
        tunnel2PresharedKey: keys[t2.tunnel],
        tunnel2IkeVersions: ikeOptions.ikeVersions,
        tunnel2Phase1EncryptionAlgorithms: ikeOptions.encryption,
        tunnel2Phase1IntegrityAlgorithms: ikeOptions.integrity,
        tunnel2Phase1DhGroupNumbers: ikeOptions.dh,
        tunnel2Phase2EncryptionAlgorithms: ikeOptions.encryption,
        tunnel2Phase2IntegrityAlgorithms: ikeOptions.integrity,
        tunnel2Phase2DhGroupNumbers: ikeOptions.dh,
        tags: tags(`-${letter.toLowerCase()}`),
      });
    });
    gcp.externalGateway.putInterface(
      wiring.map((w) => ({
        id: w.externalInterface,
        ipAddress: w.awsTunnel === 1 ? vpnConnections[w.connection].tunnel1Address : vpnConnections[w.connection].tunnel2Address,
      })),
    );
    this.externalGateway = gcp.externalGateway;
    this.tunnels = gcp.tunnels;
    this.routerInterfaces = gcp.routerInterfaces;
    this.bgpPeers = gcp.bgpPeers;
    this.customerGateways = customerGateways;
    this.vpnConnections = vpnConnections;

    // AWS routing toward GCP.
    if (aws.type === 'transit-gateway') {
      for (const [key, routeTableId] of routeTables) {
        for (const cidr of props.gcpCidrs ?? []) {
          new Route(this, `Route-${key}-${cidr.replace(/[./]/g, '-')}`, {
            provider: awsProvider,
            routeTableId,
            destinationCidrBlock: cidr,
            transitGatewayId: gatewayRef.transitGatewayId,
            // A route to a TGW is refused until the VPC is attached.
            dependsOn: attachment ? [attachment] : undefined,
          });
        }
      }
    } else {
      for (const [key, routeTableId] of routeTables) {
        new VpnGatewayRoutePropagation(this, `RoutePropagation-${key}`, { provider: awsProvider, routeTableId, vpnGatewayId: gatewayRef.vpnGatewayId as string });
      }
    }

    const routerKey = [props.project, props.region, props.cloudRouter.name].filter(Boolean).join('/');
    const awsGatewayKey = existingGatewayId !== undefined ? (Token.isUnresolved(existingGatewayId) ? existingGatewayId : `id:${existingGatewayId}`) : `${path}/aws-gateway`;
    registerBgpLinks(
      this,
      props.insideCidrs.map((cidr, i) => ({ owner: path, field: `insideCidrs[${i}]`, cidr, routerKey, awsGatewayKey })),
    );
  }
}
