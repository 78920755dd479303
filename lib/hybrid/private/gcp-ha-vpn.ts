import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { ComputeExternalVpnGateway } from '@cdktf/provider-google/lib/compute-external-vpn-gateway';
import { ComputeHaVpnGateway } from '@cdktf/provider-google/lib/compute-ha-vpn-gateway';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterInterface } from '@cdktf/provider-google/lib/compute-router-interface';
import { ComputeRouterPeer } from '@cdktf/provider-google/lib/compute-router-peer';
import { ComputeVpnTunnel } from '@cdktf/provider-google/lib/compute-vpn-tunnel';
import type { AdvertisementPlan } from '../../domain/hybrid/advertisements';
import type { ExternalRedundancyType, InsideAddresses, TunnelWiring } from '../../domain/hybrid/bgp-link-rules';
import type { CloudRouterOptions } from '../cloud-router-options';

/** Everything the GCP half of an HA VPN link needs, already validated and resolved. */
interface GcpHaVpnInput {
  readonly name: string;
  readonly project?: string;
  readonly region: string;
  readonly network: string;
  readonly router: CloudRouterOptions;
  readonly redundancyType: ExternalRedundancyType;
  /** External (peer) interface IPs, by external interface id. */
  readonly peerInterfaceIps: readonly string[];
  readonly wiring: readonly TunnelWiring[];
  /** Per tunnel, in tunnel order. */
  readonly insideAddresses: readonly InsideAddresses[];
  readonly keys: readonly string[];
  readonly peerAsn: number;
  readonly advertisement: AdvertisementPlan;
  readonly provider?: TerraformProvider;
}

interface GcpHaVpnResources {
  readonly gateway: ComputeHaVpnGateway;
  readonly router?: ComputeRouter;
  readonly routerName: string;
  readonly externalGateway: ComputeExternalVpnGateway;
  readonly tunnels: readonly ComputeVpnTunnel[];
  readonly routerInterfaces: readonly ComputeRouterInterface[];
  readonly bgpPeers: readonly ComputeRouterPeer[];
}

/**
 * Builds the GCP half in `scope` with stable ids: `Resource` (HA VPN gateway), `Router` (when new),
 * `PeerGateway`, and `Tunnel<i>`, `RouterInterface<i>`, `BgpPeer<i>` per tunnel. GCP names are
 * `<name>` and `<name>-<i>`.
 */
export function buildGcpHaVpn(scope: Construct, input: GcpHaVpnInput): GcpHaVpnResources {
  const { name, project, region, provider } = input;
  const gateway = new ComputeHaVpnGateway(scope, 'Resource', { provider, project, region, name, network: input.network });

  // Advertisements go on the peers (not the router) so a shared, existing router keeps its own settings.
  const router = input.router.existing
    ? undefined
    : new ComputeRouter(scope, 'Router', {
        provider,
        project,
        region,
        name: input.router.name,
        network: input.network,
        bgp: { asn: input.router.asn, ...(input.router.bgpIdentifierRange ? { identifierRange: input.router.bgpIdentifierRange } : {}) },
      });
  const routerName = router ? router.name : input.router.name;

  const externalGateway = new ComputeExternalVpnGateway(scope, 'PeerGateway', {
    provider,
    project,
    name,
    redundancyType: input.redundancyType,
    interface: input.peerInterfaceIps.map((ipAddress, id) => ({ id, ipAddress })),
  });

  const tunnels: ComputeVpnTunnel[] = [];
  const routerInterfaces: ComputeRouterInterface[] = [];
  const bgpPeers: ComputeRouterPeer[] = [];
  for (const w of input.wiring) {
    const i = w.tunnel;
    const addresses = input.insideAddresses[i];
    const tunnel = new ComputeVpnTunnel(scope, `Tunnel${i}`, {
      provider,
      project,
      region,
      name: `${name}-${i}`,
      vpnGateway: gateway.id,
      vpnGatewayInterface: w.haInterface,
      peerExternalGateway: externalGateway.id,
      peerExternalGatewayInterface: w.externalInterface,
      router: routerName,
      ikeVersion: 2,
      sharedSecret: input.keys[i],
    });
    const routerInterface = new ComputeRouterInterface(scope, `RouterInterface${i}`, {
      provider,
      project,
      region,
      name: `${name}-${i}`,
      router: routerName,
      ipRange: addresses.gcpWithPrefix,
      vpnTunnel: tunnel.name,
    });
    const peer = new ComputeRouterPeer(scope, `BgpPeer${i}`, {
      provider,
      project,
      region,
      name: `${name}-${i}`,
      router: routerName,
      interface: routerInterface.name,
      ipAddress: addresses.gcp,
      peerIpAddress: addresses.peer,
      peerAsn: input.peerAsn,
      ...peerAdvertisement(input.advertisement),
    });
    tunnels.push(tunnel);
    routerInterfaces.push(routerInterface);
    bgpPeers.push(peer);
  }
  return { gateway, router, routerName, externalGateway, tunnels, routerInterfaces, bgpPeers };
}

/** compute_router_peer advertisement fields for a plan. */
export function peerAdvertisement(plan: AdvertisementPlan): {
  advertiseMode: string;
  advertisedGroups?: string[];
  advertisedIpRanges?: { range: string; description?: string }[];
} {
  if (plan.mode === 'DEFAULT') return { advertiseMode: 'DEFAULT' };
  return {
    advertiseMode: 'CUSTOM',
    advertisedGroups: [...plan.groups],
    ...(plan.ranges.length > 0 ? { advertisedIpRanges: plan.ranges.map((r) => ({ range: r.range, ...(r.description ? { description: r.description } : {}) })) } : {}),
  };
}
