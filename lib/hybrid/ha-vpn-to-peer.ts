import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ComputeExternalVpnGateway } from '@cdktf/provider-google/lib/compute-external-vpn-gateway';
import { ComputeHaVpnGateway } from '@cdktf/provider-google/lib/compute-ha-vpn-gateway';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterInterface } from '@cdktf/provider-google/lib/compute-router-interface';
import { ComputeRouterPeer } from '@cdktf/provider-google/lib/compute-router-peer';
import { ComputeVpnTunnel } from '@cdktf/provider-google/lib/compute-vpn-tunnel';
import { IssueCollector, ValidationIssue } from '../domain/validation-error';
import { planAdvertisements } from '../domain/hybrid/advertisements';
import { validateAsnsDiffer, validateCloudRouterAsn, validatePeerAsn } from '../domain/hybrid/asn';
import { validateIpv4Address, validatePublicPeerAddress } from '../domain/hybrid/remote-rules';
import { TunnelWiring, validateBgpIdentifierRange, validateInsideCidrs, validateNoOverlap, peerInsideAddresses, peerTunnelWiring, redundancyTypeFor } from '../domain/hybrid/bgp-link-rules';
import type { HaVpnLinkProps } from './ha-vpn-link-props';
import { validateLinkName } from '../domain/hybrid/names';
import { DEFAULT_PRE_SHARED_KEY_SOURCE } from '../domain/hybrid/pre-shared-key';
import { buildGcpHaVpn } from './private/gcp-ha-vpn';
import { registerBgpLinks } from './private/link-registry';
import { validateKeySource, resolveKeys } from './private/pre-shared-keys';

/** Props of `HaVpnToPeer`. */
export interface HaVpnToPeerProps extends HaVpnLinkProps {
  /**
   * Public IPs of the peer device's 1, 2 or 4 interfaces, by interface id. The count sets the redundancy type
   * and the tunnel count (see `peerTunnelWiring`). Changing an IP replaces the external VPN gateway and its tunnels.
   */
  readonly peerInterfaceIps: readonly string[];
  /** The peer device's BGP ASN. */
  readonly peerAsn: number;
  /**
   * One link-local /30 per tunnel, in tunnel order (2 tunnels for 1 or 2 interfaces, 4 for 4). The Cloud Router
   * takes the first usable address, the peer device the second.
   */
  readonly insideCidrs: readonly string[];
}

/**
 * HA VPN from a GCP VPC to an on-prem VPN device with 1, 2 or 4 interfaces (the device is configured by hand
 * from `tunnelWiring`, the inside addresses and the keys).
 *
 * `gateway` (id `Resource`) is the HA VPN gateway; other resources are public properties; override any field
 * with `addOverride`, e.g. `link.bgpPeers[0].addOverride('advertised_route_priority', 200)`.
 */
export class HaVpnToPeer extends Construct {
  public readonly gateway: ComputeHaVpnGateway;
  public readonly router?: ComputeRouter;
  public readonly externalGateway: ComputeExternalVpnGateway;
  public readonly tunnels: readonly ComputeVpnTunnel[];
  public readonly routerInterfaces: readonly ComputeRouterInterface[];
  public readonly bgpPeers: readonly ComputeRouterPeer[];
  /** Which HA interface and peer interface each tunnel uses, in tunnel order. */
  public readonly tunnelWiring: readonly TunnelWiring[];
  /** Tunnel keys in tunnel order (tokens). */
  public readonly preSharedKeys: readonly string[];

  constructor(scope: Construct, id: string, props: HaVpnToPeerProps) {
    super(scope, id);
    const path = this.node.path;
    const keySource = props.preSharedKeys ?? DEFAULT_PRE_SHARED_KEY_SOURCE;
    const count = props.peerInterfaceIps.length;

    const issues = new IssueCollector();
    const add = (list: readonly ValidationIssue[]) => list.forEach((i) => issues.add(i));
    if (count !== 1 && count !== 2 && count !== 4) {
      issues.add({ path, field: 'peerInterfaceIps', value: props.peerInterfaceIps, problem: `has ${count} entries, but an external VPN gateway has 1, 2 or 4 interfaces`, fix: 'list the public IPs of 1, 2 or 4 device interfaces' });
      issues.throwIfAny();
    }
    const wiring = peerTunnelWiring(count as 1 | 2 | 4);
    add(validateLinkName(path, 'name', props.name, 2));
    add(validateCloudRouterAsn(path, 'cloudRouter.asn', props.cloudRouter.asn));
    add(validatePeerAsn(path, 'peerAsn', props.peerAsn));
    props.peerInterfaceIps.forEach((ip, i) => {
      if (!Token.isUnresolved(ip)) add([...validateIpv4Address(path, `peerInterfaceIps[${i}]`, ip), ...validatePublicPeerAddress(path, `peerInterfaceIps[${i}]`, ip)]);
    });
    add(validateAsnsDiffer(path, 'peerAsn', props.cloudRouter.asn, props.peerAsn));
    if (props.cloudRouter.bgpIdentifierRange) add(validateBgpIdentifierRange(path, 'cloudRouter.bgpIdentifierRange', props.cloudRouter.bgpIdentifierRange));
    add(validateInsideCidrs(path, 'insideCidrs', props.insideCidrs, { expectedCount: wiring.length, awsReserved: false, bgpIdentifierRange: props.cloudRouter.bgpIdentifierRange }));
    add(validateKeySource(path, keySource, wiring.length));
    const { plan, issues: advIssues } = planAdvertisements(path, props.advertisements);
    add(advIssues);
    add(validateNoOverlap(path, props.gcpCidrs ?? [], props.remoteCidrs ?? []));
    issues.throwIfAny();

    const keys = resolveKeys(this, keySource, wiring.length, props.randomProvider);
    const gcp = buildGcpHaVpn(this, {
      name: props.name,
      project: props.project,
      region: props.region,
      network: props.network,
      router: props.cloudRouter,
      redundancyType: redundancyTypeFor(count as 1 | 2 | 4),
      peerInterfaceIps: props.peerInterfaceIps,
      wiring,
      insideAddresses: props.insideCidrs.map(peerInsideAddresses),
      keys,
      peerAsn: props.peerAsn,
      advertisement: plan,
      provider: props.googleProvider,
    });
    this.gateway = gcp.gateway;
    this.router = gcp.router;
    this.externalGateway = gcp.externalGateway;
    this.tunnels = gcp.tunnels;
    this.routerInterfaces = gcp.routerInterfaces;
    this.bgpPeers = gcp.bgpPeers;
    this.tunnelWiring = wiring;
    this.preSharedKeys = keys;

    const routerKey = [props.project, props.region, props.cloudRouter.name].filter(Boolean).join('/');
    registerBgpLinks(
      this,
      props.insideCidrs.map((cidr, i) => ({ owner: path, field: `insideCidrs[${i}]`, cidr, routerKey })),
    );
  }
}
