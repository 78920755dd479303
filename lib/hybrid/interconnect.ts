import { Construct } from 'constructs';
import { Fn, TerraformOutput, TerraformProvider } from 'cdktf';
import { ComputeInterconnectAttachment } from '@cdktf/provider-google/lib/compute-interconnect-attachment';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterInterface } from '@cdktf/provider-google/lib/compute-router-interface';
import { ComputeRouterPeer } from '@cdktf/provider-google/lib/compute-router-peer';
import { IssueCollector, ValidationIssue } from '../domain/validation-error';
import { AdvertisementOptions, planAdvertisements } from '../domain/hybrid/advertisements';
import { validateAsnsDiffer, validateCloudRouterAsn, validatePeerAsn } from '../domain/hybrid/asn';
import { validateBgpIdentifierRange } from '../domain/hybrid/bgp-link-rules';
import type { CloudRouterOptions } from './cloud-router-options';
import { AttachmentTopology, InterconnectType, RoutingMode, SlaTarget, validateCandidateSubnets, validateMtus, validateRouterRegions, validateSla, validateVlanTag } from '../domain/hybrid/interconnect-rules';
import { validateLinkName } from '../domain/hybrid/names';
import { peerAdvertisement } from './private/gcp-ha-vpn';

/** Google's default attachment MTU (compute_interconnect_attachment docs). */
const DEFAULT_ATTACHMENT_MTU = 1440;
/** Attachments carry traffic as soon as they exist (Partner: pre-activated). */
const DEFAULT_ADMIN_ENABLED = true;
/** Unencrypted VLAN; IPSEC is only for HA VPN over Interconnect, where VMs cannot use the attachment directly. */
const DEFAULT_ENCRYPTION: AttachmentEncryption = 'NONE';

/** Encryption of a VLAN attachment: `NONE`, or `IPSEC` (HA VPN over Cloud Interconnect). */
export type AttachmentEncryption = 'NONE' | 'IPSEC';

/** A Cloud Router of the link; exactly one per region. */
export interface InterconnectRouterOptions extends CloudRouterOptions {
  /** Region of the router and of its attachments (replaces a new router when changed). */
  readonly region: string;
}

/** One VLAN attachment; its `name` is also its construct id suffix. */
export interface VlanAttachmentOptions extends AttachmentTopology {
  /**
   * DEDICATED only: URL of the Interconnect (replaces the attachment when changed).
   * @default none: required for DEDICATED (synthesis fails without it); PARTNER attachments have none
   */
  readonly interconnect?: string;
  /** DEDICATED only: 802.1Q tag, 2–4094. @default chosen by Google */
  readonly vlanTag?: number;
  /** DEDICATED only: e.g. 'BPS_10G'. @default BPS_10G (Google's default) */
  readonly bandwidth?: string;
  /** Link-local prefixes (/29 or shorter, at most 16) Google picks the BGP /29 from. @default any link-local /29 */
  readonly candidateSubnets?: readonly string[];
  /** Must equal every other attachment's MTU. @default the link's `mtu` */
  readonly mtu?: number;
  /** @default true */
  readonly adminEnabled?: boolean;
  /** NONE, or IPSEC for HA VPN over Interconnect (set at creation only). @default 'NONE' */
  readonly encryption?: AttachmentEncryption;
}

/** Props of `Interconnect`. */
export interface InterconnectProps {
  /** DEDICATED (your own cross-connects) or PARTNER (Layer 3 partner: the partner sets up BGP). */
  readonly type: InterconnectType;
  /** The availability the topology is checked against. */
  readonly slaTarget: SlaTarget;
  /** @default the google provider's project */
  readonly project?: string;
  /** VPC network self link or name. */
  readonly network: string;
  /** The VPC's dynamic routing mode; must be GLOBAL for 99.99%. @default unknown (refused for 99.99%) */
  readonly routingMode?: RoutingMode;
  /** One Cloud Router per region. PARTNER routers must have ASN 16550. */
  readonly routers: readonly InterconnectRouterOptions[];
  /** The VLAN attachments (at least one), each in the region of one of `routers`; the SLA check counts their metros and edge domains. */
  readonly attachments: readonly VlanAttachmentOptions[];
  /** MTU of every attachment: 1440, 1460, 1500 or 8896. @default 1440 */
  readonly mtu?: number;
  /** The VPC's MTU; attachments must match it. @default not checked */
  readonly networkMtu?: number;
  /**
   * DEDICATED only, required there: the on-prem routers' ASN (must differ from every router's ASN).
   * @default none: required for DEDICATED (synthesis fails without it), refused for PARTNER
   */
  readonly peerAsn?: number;
  /**
   * DEDICATED: set on each BGP peer. PARTNER: set on each new router (the partner creates the peers).
   * @default CUSTOM mode advertising ALL_SUBNETS
   */
  readonly advertisements?: AdvertisementOptions;
  /** @default the stack's default google provider */
  readonly googleProvider?: TerraformProvider;
}

/**
 * VLAN attachments of a Dedicated or Partner Interconnect, with the SLA topology checked before synthesis.
 *
 * Ids: `Router-<region>` (new routers), `Attachment-<name>`, and for DEDICATED `RouterInterface-<name>` and
 * `BgpPeer-<name>` built from the attachment's `cloud_router_ip_address` (address/prefix, used as the interface
 * ip_range) and `customer_router_ip_address` (prefix stripped for the peer IP); for PARTNER an output
 * `PairingKey-<name>` to hand to the partner. There is no single main resource: `attachments` (by name) is the
 * escape hatch, e.g. `ic.attachments['fra-a'].addOverride('description', '...')`.
 */
export class Interconnect extends Construct {
  /** Attachments by name. */
  public readonly attachments: Readonly<Record<string, ComputeInterconnectAttachment>>;
  /** New routers by region. */
  public readonly routers: Readonly<Record<string, ComputeRouter>>;
  public readonly routerInterfaces: Readonly<Record<string, ComputeRouterInterface>>;
  public readonly bgpPeers: Readonly<Record<string, ComputeRouterPeer>>;
  /** PARTNER: pairing-key outputs by attachment name. */
  public readonly pairingKeys: Readonly<Record<string, TerraformOutput>>;

  constructor(scope: Construct, id: string, props: InterconnectProps) {
    super(scope, id);
    const path = this.node.path;
    const partner = props.type === 'PARTNER';
    const mtu = props.mtu ?? DEFAULT_ATTACHMENT_MTU;
    const attachments = props.attachments.map((a) => ({
      ...a,
      mtu: a.mtu ?? mtu,
      adminEnabled: a.adminEnabled ?? DEFAULT_ADMIN_ENABLED,
      encryption: a.encryption ?? DEFAULT_ENCRYPTION,
    }));

    const issues = new IssueCollector();
    const add = (list: readonly ValidationIssue[]) => list.forEach((i) => issues.add(i));
    if (props.type !== 'DEDICATED' && props.type !== 'PARTNER') {
      issues.add({ path, field: 'type', value: props.type, problem: 'must be DEDICATED or PARTNER', fix: 'pick the Interconnect product in use' });
    }
    if (attachments.length === 0) {
      issues.add({ path, field: 'attachments', value: [], problem: 'is empty', fix: 'declare the VLAN attachments' });
    }
    props.routers.forEach((r, i) => {
      add(validateCloudRouterAsn(path, `routers[${i}].asn`, r.asn, { partnerInterconnect: partner }));
      add(validateLinkName(path, `routers[${i}].name`, r.name, 0));
      if (r.bgpIdentifierRange) add(validateBgpIdentifierRange(path, `routers[${i}].bgpIdentifierRange`, r.bgpIdentifierRange));
    });
    if (!partner) {
      if (props.peerAsn === undefined) {
        issues.add({ path, field: 'peerAsn', value: undefined, problem: 'is required for DEDICATED, whose BGP peers this construct creates', fix: "set peerAsn to the on-prem routers' ASN" });
      } else {
        add(validatePeerAsn(path, 'peerAsn', props.peerAsn));
        props.routers.forEach((r, i) => add(validateAsnsDiffer(path, `routers[${i}].asn`, props.peerAsn as number, r.asn)));
      }
    } else if (props.peerAsn !== undefined) {
      issues.add({ path, field: 'peerAsn', value: props.peerAsn, problem: 'is not used for PARTNER, where the Layer 3 partner runs BGP', fix: 'drop peerAsn' });
    }
    const names = new Set<string>();
    attachments.forEach((a, i) => {
      const at = `attachments[${i}]`;
      add(validateLinkName(path, `${at}.name`, a.name, 0));
      if (names.has(a.name)) issues.add({ path, field: `${at}.name`, value: a.name, problem: 'repeats another attachment name', fix: 'give each attachment its own name' });
      names.add(a.name);
      if (!partner && a.interconnect === undefined) {
        issues.add({ path, field: `${at}.interconnect`, value: undefined, problem: 'is required for a DEDICATED attachment', fix: 'set the URL of the Interconnect the VLAN rides on' });
      }
      if (partner) {
        for (const field of ['interconnect', 'vlanTag', 'bandwidth'] as const) {
          if (a[field] !== undefined) issues.add({ path, field: `${at}.${field}`, value: a[field], problem: 'is managed by the partner for a PARTNER attachment', fix: `drop ${field}` });
        }
      }
      if (a.vlanTag !== undefined) add(validateVlanTag(path, `${at}.vlanTag`, a.vlanTag));
      if (a.candidateSubnets) add(validateCandidateSubnets(path, `${at}.candidateSubnets`, a.candidateSubnets));
      if (a.encryption !== 'NONE' && a.encryption !== 'IPSEC') {
        issues.add({ path, field: `${at}.encryption`, value: a.encryption, problem: 'must be NONE or IPSEC', fix: 'use NONE, or IPSEC for HA VPN over Interconnect' });
      }
      if (a.edgeAvailabilityDomain !== 'AVAILABILITY_DOMAIN_1' && a.edgeAvailabilityDomain !== 'AVAILABILITY_DOMAIN_2') {
        issues.add({ path, field: `${at}.edgeAvailabilityDomain`, value: a.edgeAvailabilityDomain, problem: 'must be AVAILABILITY_DOMAIN_1 or AVAILABILITY_DOMAIN_2', fix: 'declare the domain so the SLA can be checked' });
      }
    });
    add(
      validateMtus(
        path,
        attachments.map((a) => a.mtu),
        props.networkMtu,
      ),
    );
    // An IPsec-encrypted attachment needs an encrypted-interconnect router, which then takes no plain attachment.
    const ipsecRegions = new Set(attachments.filter((a) => a.encryption === 'IPSEC').map((a) => a.region));
    attachments.forEach((a, i) => {
      if (a.encryption === 'NONE' && ipsecRegions.has(a.region)) {
        issues.add({
          path,
          field: `attachments[${i}].encryption`,
          value: a.encryption,
          problem: `mixes with IPSEC attachments on the ${a.region} router, which must be an encrypted-interconnect router`,
          fix: 'use one encryption per region (one Cloud Router per region)',
        });
      }
    });
    add(
      validateRouterRegions(
        path,
        props.routers.map((r) => r.region),
        attachments,
      ),
    );
    add(validateSla(path, props.slaTarget, attachments, props.routingMode));
    const { plan, issues: advIssues } = planAdvertisements(path, props.advertisements);
    add(advIssues);
    if (partner && props.advertisements !== undefined && props.routers.some((r) => r.existing)) {
      issues.add({
        path,
        field: 'advertisements',
        value: props.advertisements,
        problem: 'cannot be applied to an existing router of a PARTNER link, whose BGP peers the partner creates',
        fix: 'set the advertisements on the existing router, or let this link create its routers',
      });
    }
    issues.throwIfAny();

    const provider = props.googleProvider;
    const project = props.project;
    const routers: Record<string, ComputeRouter> = {};
    const routerRef: Record<string, { name: string; selfLink: string }> = {};
    for (const r of props.routers) {
      if (r.existing) {
        // The provider expands a bare name with the attachment's project and region.
        routerRef[r.region] = { name: r.name, selfLink: r.name };
        continue;
      }
      const advert = peerAdvertisement(plan);
      const router = new ComputeRouter(this, `Router-${r.region}`, {
        provider,
        project,
        region: r.region,
        name: r.name,
        network: props.network,
        ...(ipsecRegions.has(r.region) ? { encryptedInterconnectRouter: true } : {}),
        // Partner: the partner's peers inherit the router's advertisements.
        bgp: {
          asn: r.asn,
          ...(r.bgpIdentifierRange ? { identifierRange: r.bgpIdentifierRange } : {}),
          ...(partner ? advert : {}),
        },
      });
      routers[r.region] = router;
      routerRef[r.region] = { name: router.name, selfLink: router.selfLink };
    }

    const created: Record<string, ComputeInterconnectAttachment> = {};
    const routerInterfaces: Record<string, ComputeRouterInterface> = {};
    const bgpPeers: Record<string, ComputeRouterPeer> = {};
    const pairingKeys: Record<string, TerraformOutput> = {};
    for (const a of attachments) {
      const router = routerRef[a.region];
      const attachment = new ComputeInterconnectAttachment(this, `Attachment-${a.name}`, {
        provider,
        project,
        region: a.region,
        name: a.name,
        router: router.selfLink,
        type: props.type,
        adminEnabled: a.adminEnabled,
        encryption: a.encryption,
        mtu: String(a.mtu),
        ...(partner ? { edgeAvailabilityDomain: a.edgeAvailabilityDomain } : { interconnect: a.interconnect }),
        ...(a.vlanTag !== undefined ? { vlanTag8021Q: a.vlanTag } : {}),
        ...(a.bandwidth !== undefined ? { bandwidth: a.bandwidth } : {}),
        ...(a.candidateSubnets ? { candidateSubnets: [...a.candidateSubnets] } : {}),
      });
      created[a.name] = attachment;
      if (partner) {
        pairingKeys[a.name] = new TerraformOutput(this, `PairingKey-${a.name}`, {
          value: attachment.pairingKey,
          description: `Pairing key of ${a.name} (${a.edgeAvailabilityDomain}); give it to the partner`,
        });
        continue;
      }
      const routerInterface = new ComputeRouterInterface(this, `RouterInterface-${a.name}`, {
        provider,
        project,
        region: a.region,
        name: a.name,
        router: router.name,
        // cloud_router_ip_address already carries its prefix (e.g. 169.254.10.1/29), as ip_range wants.
        ipRange: attachment.cloudRouterIpAddress,
        interconnectAttachment: attachment.name,
      });
      bgpPeers[a.name] = new ComputeRouterPeer(this, `BgpPeer-${a.name}`, {
        provider,
        project,
        region: a.region,
        name: a.name,
        router: router.name,
        interface: routerInterface.name,
        // customer_router_ip_address is address/prefix; the peer wants the bare address.
        peerIpAddress: Fn.element(Fn.split('/', attachment.customerRouterIpAddress), 0),
        peerAsn: props.peerAsn as number,
        ...peerAdvertisement(plan),
      });
      routerInterfaces[a.name] = routerInterface;
    }
    this.attachments = created;
    this.routers = routers;
    this.routerInterfaces = routerInterfaces;
    this.bgpPeers = bgpPeers;
    this.pairingKeys = pairingKeys;
  }
}
