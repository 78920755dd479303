import type { AttachmentTopology, InterconnectType, SlaTarget } from '../hybrid/interconnect-rules';

/**
 * A link between the platform's VPC and a remote network. Each becomes one hybrid stack with both
 * sides' resources; its BGP addresses come from the IP plan (`links/<link>/...`).
 */
export type HybridLinkDefinition = HaVpnToAwsLinkDefinition | HaVpnToPeerLinkDefinition | InterconnectLinkDefinition;

/** What a link's Cloud Router advertises on top of every subnet (CUSTOM mode, ALL_SUBNETS). */
export interface LinkAdvertisements {
  /** Advertise private.googleapis.com (199.36.153.8/30) so the remote side reaches Google APIs privately. @default false */
  readonly privateGoogleAccess?: boolean;
  /** Advertise the control-plane /28s of the clusters in the link's region (kubectl and webhooks from the remote side). @default false */
  readonly controlPlanes?: boolean;
  /** Further ranges to advertise. @default none */
  readonly ranges?: readonly string[];
}

/** A hybrid link of the definition: HA VPN to an AWS VPC. */
export interface HaVpnToAwsLinkDefinition {
  /** HA VPN from the platform's VPC to an AWS VPC: four tunnels to a transit or virtual private gateway. */
  readonly kind: 'ha-vpn-aws';
  /** Link name; prefixes every resource on both sides. Changing it replaces the link. */
  readonly name: string;
  /** GCP region of the HA VPN gateway and Cloud Router. */
  readonly region: string;
  /** The `aws-vpc` remote network this link reaches. */
  readonly remoteNetwork: string;
  /** Cloud Router ASN (64512-65534 or 4200000000-4294967294). */
  readonly gcpAsn: number;
  /** The AWS side: the gateway the tunnels end on and the VPC it reaches. */
  readonly aws: {
    /** Transit gateway (ECMP across all 4 tunnels) or virtual private gateway. @default 'transit-gateway' (DEFAULT_AWS_GATEWAY_TYPE) */
    readonly type?: 'transit-gateway' | 'vpn-gateway';
    /**
     * Amazon-side ASN: 64512-65534 or 4200000000-4294967294 (validateAmazonSideAsn). With an existing gateway it is
     * that gateway's ASN, and required: the BGP peers must use it (an existing VPN gateway may have a legacy ASN such as 7224).
     * @default 64512 (DEFAULT_AMAZON_SIDE_ASN) for a gateway the link creates; none (required) with an existing one
     */
    readonly amazonSideAsn?: number;
    /**
     * An existing transit gateway (`tgw-` and 8 or 17 hex digits) the VPN connections end on, instead of one the link
     * creates: it is referenced by id, never created, changed or destroyed. Its `vpn_ecmp_support` should be `enable`
     * for traffic to use all four tunnels, and its default route table association and propagation should be on, or its
     * owners associate the VPN attachments with their route tables (AWS does not let the link check either). Only with
     * type 'transit-gateway'. Changing it replaces the VPN connections and the routes.
     * @default none: the link creates a transit gateway (ECMP and default route table association and propagation on)
     */
    readonly existingTransitGatewayId?: string;
    /**
     * An existing virtual private gateway (`vgw-` and 8 or 17 hex digits), already attached to `vpcId`, that the VPN
     * connections end on instead of one the link creates: referenced by id, never created or destroyed. Only with
     * type 'vpn-gateway'.
     * @default none: the link creates a virtual private gateway attached to vpcId
     */
    readonly existingVpnGatewayId?: string;
    /**
     * The VPC to attach (transit gateway, with `subnetIds`) or to attach a new VPN gateway to. With an existing gateway
     * and no `subnetIds` it names the VPC already attached (its route tables are `routeTableIds`).
     */
    readonly vpcId: string;
    /**
     * Subnets for a transit gateway VPC attachment of `vpcId`, one per AZ: the link creates the attachment (also to an
     * existing transit gateway). Leave it out when the VPC is already attached.
     * @default none (no attachment: the VPC is already attached, or reached through another attachment)
     */
    readonly subnetIds?: readonly string[];
    /**
     * Existing VPC route tables that get a route to every GCP range the link carries (transit gateway: one `aws_route`
     * per table and range, target the transit gateway) or route propagation (VPN gateway), keyed by a stable name that
     * becomes part of the routes' construct ids (`[A-Za-z0-9_-]`, e.g. `private-a`). The link never changes a table's
     * other routes.
     * @default none
     */
    readonly routeTableIds?: Readonly<Record<string, string>>;
  };
  /**
   * What the link's Cloud Router advertises on top of every subnet.
   * @default none: every subnet, plus the control planes of clusters whose authorized networks lie in the remote network
   */
  readonly advertise?: LinkAdvertisements;
}

/** A hybrid link of the definition: HA VPN to an on-prem VPN device. */
export interface HaVpnToPeerLinkDefinition {
  /** HA VPN from the platform's VPC to an on-prem VPN device (an external VPN gateway). */
  readonly kind: 'ha-vpn-peer';
  /** Link name; prefixes every resource of the link. RFC 1035, at most 40 characters (validateLinks). Changing it replaces the link. */
  readonly name: string;
  /** GCP region of the HA VPN gateway and Cloud Router; one of the platform's `regions`. */
  readonly region: string;
  /** The `on-prem` remote network this link reaches. */
  readonly remoteNetwork: string;
  /** Cloud Router ASN: private, 64512-65534 or 4200000000-4294967294 (validateCloudRouterAsn). */
  readonly gcpAsn: number;
  /** ASN of the on-prem device: 1-4294967294, not 23456 or 65535 (validatePeerAsn), and not the Cloud Router's. */
  readonly peerAsn: number;
  /** Public IPs of the peer VPN device: 1, 2 or 4 (its redundancy). */
  readonly peerInterfaceIps: readonly string[];
  /**
   * What the link's Cloud Router advertises on top of every subnet.
   * @default none: every subnet, plus the control planes of clusters whose authorized networks lie in the remote network
   */
  readonly advertise?: LinkAdvertisements;
}

/** A VLAN attachment of an Interconnect link in the definition. */
export interface InterconnectAttachmentDefinition extends AttachmentTopology {
  /**
   * DEDICATED: URL of the Interconnect the attachment uses; required for DEDICATED, refused for PARTNER (validateLinks).
   * @default none: a Partner attachment, provisioned by the partner
   */
  readonly interconnect?: string;
  /** DEDICATED: 802.1Q tag 2-4094. @default chosen by Google */
  readonly vlanTag?: number;
}

/** A hybrid link of the definition: VLAN attachments over Dedicated or Partner Interconnect. */
export interface InterconnectLinkDefinition {
  /** VLAN attachments over Dedicated or Partner Interconnect, one Cloud Router per region of the attachments. */
  readonly kind: 'interconnect';
  /** Link name; prefixes the routers (`<link>-<region>`). RFC 1035, at most 40 characters (validateLinks). Changing it replaces the link. */
  readonly name: string;
  /**
   * DEDICATED (your own Interconnect: give gcpAsn, peerAsn and each attachment's interconnect) or PARTNER (a partner provisions the
   * connection and BGP; leave them unset).
   */
  readonly type: InterconnectType;
  /** The `on-prem` remote network this link reaches. */
  readonly remoteNetwork: string;
  /** Declared availability; the attachments must meet Google's topology for it. */
  readonly slaTarget: SlaTarget;
  /** Cloud Router ASN. @default 16550 (PARTNER_INTERCONNECT_ASN, which Partner Interconnect requires) */
  readonly gcpAsn?: number;
  /**
   * DEDICATED: the on-prem router's ASN (validatePeerAsn, and not the Cloud Router's); required for DEDICATED, refused for
   * PARTNER, whose BGP peering the partner configures (validateLinks).
   * @default none: a Partner link
   */
  readonly peerAsn?: number;
  /** The VLAN attachments; their regions, metros and edge availability domains must meet `slaTarget`'s topology (validateSla). */
  readonly attachments: readonly InterconnectAttachmentDefinition[];
  /** Attachment MTU: 1440, 1460, 1500 or 8896. @default the network's MTU */
  readonly mtu?: number;
  /**
   * What every router of the link advertises on top of every subnet.
   * @default none: every subnet, plus the control planes of clusters whose authorized networks lie in the remote network
   */
  readonly advertise?: LinkAdvertisements;
}

/** Names of a link's BGP ranges in the IP plan. Part of the lock file contract. */
export function linkRangeName(link: Pick<HybridLinkDefinition, 'name'>, session: string): string {
  return `links/${link.name}/${session}`;
}

/** The BGP sessions a link needs addresses for, in tunnel order: session name, IP plan name and prefix length. */
export function linkBgpRanges(link: HybridLinkDefinition): { readonly session: string; readonly name: string; readonly prefixLength: number }[] {
  const range = (session: string, prefixLength: number) => ({ session, name: linkRangeName(link, session), prefixLength });
  switch (link.kind) {
    case 'ha-vpn-aws':
      return [1, 2, 3, 4].map((tunnel) => range(`tunnel-${tunnel}`, 30));
    case 'ha-vpn-peer':
      // 1 or 2 peer interfaces: one tunnel per HA interface; 4: two per HA interface.
      return Array.from({ length: link.peerInterfaceIps.length === 4 ? 4 : 2 }, (_, i) => range(`tunnel-${i + 1}`, 30));
    case 'interconnect':
      // Dedicated: Google picks each attachment's /29 from the candidate subnet we give it. Partner: Google assigns.
      return link.type === 'DEDICATED' ? link.attachments.map((a) => range(a.name, 29)) : [];
  }
}
