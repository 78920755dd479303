import { evaluateFirewall } from './firewall';
import type { Hop } from './hop';
import { covers, prefixLength } from './ranges';
import { describeTraffic, Traffic } from './protocol';
import { PRIVATE_GOOGLE_APIS_RANGE, Place } from './resolve-endpoint';
import type { AdvertisementModel, ClusterModel, LinkModel, Topology } from './topology';

/*
 * The legs a path is made of. Each returns the hops it crossed; the caller stops at the first hop
 * that drops the traffic. Sources and destinations are single CIDRs of a placed endpoint.
 */

/** VPC egress firewall at the sending nodes (implied allow unless a deny rule matches). */
export function egressFirewall(t: Topology, from: Place, source: string, destination: string, traffic: Traffic): Hop {
  const cluster = from.cluster!;
  const decision = evaluateFirewall(t.firewalls, { direction: 'EGRESS', source, destination, instanceTags: cluster.nodeTags, instanceServiceAccounts: cluster.nodeServiceAccounts, traffic });
  if (!decision.rule) return { kind: 'firewall', at: `VPC firewall (egress from ${cluster.name} nodes)`, ok: true, detail: 'implied allow-egress rule' };
  return {
    kind: 'firewall',
    at: `firewall rule ${decision.rule.name}`,
    ok: decision.allowed,
    detail: `${decision.rule.action === 'deny' ? 'denies' : 'allows'} egress to ${destination} ${describeTraffic(traffic)}`,
    source: decision.rule.at,
    permits: decision.allowed,
  };
}

/** VPC ingress firewall at the receiving cluster's nodes (pods are alias ranges of their node's NIC). */
export function ingressFirewall(t: Topology, to: ClusterModel, source: string, destination: string, traffic: Traffic, sourceTags?: readonly string[]): Hop {
  const decision = evaluateFirewall(t.firewalls, { direction: 'INGRESS', source, destination, instanceTags: to.nodeTags, instanceServiceAccounts: to.nodeServiceAccounts, sourceTags, traffic });
  if (!decision.rule) {
    return { kind: 'firewall', at: `VPC firewall (ingress to ${to.name} nodes)`, ok: false, detail: `no rule admits ${source} to ${destination} ${describeTraffic(traffic)}: the implied deny-ingress rule drops it` };
  }
  return {
    kind: 'firewall',
    at: `firewall rule ${decision.rule.name}`,
    ok: decision.allowed,
    detail: `${decision.rule.action === 'deny' ? 'denies' : 'admits'} ${source} to ${to.name} nodes ${describeTraffic(traffic)}`,
    source: decision.rule.at,
    permits: decision.allowed,
  };
}

/** The subnet route that carries traffic to a destination inside the VPC. */
export function subnetRoute(t: Topology, destination: string): Hop {
  const subnet = t.subnets.find((s) => covers(s.cidr, destination) || s.secondaryRanges.some((r) => covers(r.cidr, destination)));
  if (!subnet) return { kind: 'vpc-route', at: `VPC ${t.network.name} routes`, ok: false, detail: `no subnet holds ${destination}` };
  return { kind: 'vpc-route', at: `subnet ${subnet.name}`, ok: true, detail: `subnet route to ${destination}`, source: subnet.at };
}

/** Every range an advertisement point announces, as the peer receives it. */
export function advertisedRanges(t: Topology, advert: AdvertisementModel): string[] {
  const subnets = advert.mode === 'DEFAULT' || advert.groups.includes('ALL_SUBNETS');
  const local = t.network.routingMode === 'GLOBAL' ? t.subnets : t.subnets.filter((s) => s.region === advert.region);
  const peerSubnets = advert.groups.includes('ALL_PEER_VPC_SUBNETS') ? [...t.clusters.map((c) => c.controlPlaneCidr).filter((c): c is string => c !== undefined), ...t.privateServiceAccess.map((p) => p.cidr)] : [];
  return [...(subnets ? local.flatMap((s) => [s.cidr, ...s.secondaryRanges.map((r) => r.cidr)]) : []), ...(advert.mode === 'CUSTOM' ? advert.ranges : []), ...peerSubnets];
}

export function linksTo(t: Topology, remote: string): LinkModel[] {
  return t.links.filter((l) => l.remoteNetwork === remote);
}

/** Every advertisement point of the link must announce the destination, so each path (and failover) works. */
export function advertisedOnEveryPeer(t: Topology, link: LinkModel, destination: string): Hop[] {
  if (link.advertisements.length === 0) return [{ kind: 'bgp-advertisement', at: `link ${link.name}`, ok: false, detail: 'has no Cloud Router in the output' }];
  const hops: Hop[] = [];
  for (const advert of link.advertisements) {
    const ok = advertisedRanges(t, advert).some((r) => covers(r, destination));
    hops.push({ kind: 'bgp-advertisement', at: advert.label, ok, detail: ok ? `advertises ${destination} to ${link.remoteNetwork}` : `${destination} is not advertised to this peer`, source: advert.at });
    if (!ok) return hops;
  }
  return hops;
}

/** The return direction: at least one advertisement point announces the GCP source to the remote side. */
export function advertisedOnSomePeer(t: Topology, link: LinkModel, source: string): Hop {
  const advert = link.advertisements.find((a) => advertisedRanges(t, a).some((r) => covers(r, source)));
  if (!advert) return { kind: 'bgp-advertisement', at: `link ${link.name}`, ok: false, detail: `no Cloud Router of the link advertises ${source}, so ${link.remoteNetwork} has no route back` };
  return { kind: 'bgp-advertisement', at: advert.label, ok: true, detail: `advertises ${source} to ${link.remoteNetwork}`, source: advert.at };
}

/** In AWS, the VPC's route tables must send the GCP destination to the transit gateway or VPN gateway. */
export function awsRoute(link: LinkModel, destination: string): Hop | undefined {
  if (!link.aws) return undefined;
  const route = link.aws.routes.find((r) => r.target !== 'other' && covers(r.destination, destination));
  if (route) return { kind: 'aws-route', at: `AWS route table ${route.routeTableId}`, ok: true, detail: `routes ${route.destination} to the ${route.target}`, source: route.at };
  if (link.aws.propagatingRouteTables.length > 0) {
    return { kind: 'aws-route', at: `AWS route table ${link.aws.propagatingRouteTables[0]}`, ok: true, detail: `learns ${destination} by VPN route propagation` };
  }
  return {
    kind: 'aws-route',
    at: `AWS side of link ${link.name}`,
    ok: false,
    detail: `no VPC route table routes ${destination} to the transit gateway (the output has routes to ${link.aws.routes.map((r) => r.destination).join(', ') || 'nothing'})`,
  };
}

/** The VPC's best route to a destination outside it: longest prefix among dynamic, static and the default route. */
export function vpcRouteOut(t: Topology, fromRegion: string | undefined, destination: string): { hop: Hop; link?: LinkModel } {
  const candidates: { prefix: number; hop: Hop; link?: LinkModel; internet: boolean }[] = [];
  for (const link of t.links) {
    const remote = t.remoteNetworks.find((n) => n.name === link.remoteNetwork);
    const usable = t.network.routingMode === 'GLOBAL' || fromRegion === undefined || link.regions.includes(fromRegion);
    for (const cidr of remote?.cidrs ?? []) {
      if (usable && link.advertisements.length > 0 && covers(cidr, destination)) {
        candidates.push({ prefix: prefixLength(cidr), link, internet: false, hop: { kind: 'vpc-route', at: `link ${link.name}`, ok: true, detail: `dynamic route ${cidr} learned over BGP from ${remote!.name}` } });
      }
    }
  }
  for (const route of t.routes) {
    if (covers(route.destRange, destination)) {
      candidates.push({ prefix: prefixLength(route.destRange), internet: route.nextHop === 'internet', hop: { kind: 'vpc-route', at: `route ${route.name}`, ok: true, detail: `static route ${route.destRange}`, source: route.at } });
    }
  }
  if (t.network.defaultInternetRoute) {
    candidates.push({ prefix: 0, internet: true, hop: { kind: 'vpc-route', at: `VPC ${t.network.name} default route`, ok: true, detail: '0.0.0.0/0 to the default internet gateway', source: t.network.at } });
  }
  const best = candidates.sort((a, b) => b.prefix - a.prefix)[0];
  if (!best) return { hop: { kind: 'vpc-route', at: `VPC ${t.network.name} routes`, ok: false, detail: `no route to ${destination}` } };
  if (best.internet && !isPublic(destination)) {
    return { hop: { kind: 'vpc-route', at: `VPC ${t.network.name} routes`, ok: false, detail: `the only route to ${destination} is ${best.hop.detail}, which drops private addresses: no link learns it` } };
  }
  return { hop: best.hop, link: best.link };
}

/** Private, shared (100.64/10) and link-local space never crosses the internet gateway; Google's VIPs do. */
function isPublic(cidr: string): boolean {
  if (covers(PRIVATE_GOOGLE_APIS_RANGE, cidr) || covers('199.36.153.4/30', cidr)) return true;
  return !['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '169.254.0.0/16'].some((r) => covers(r, cidr));
}

/** The dynamic route back to a remote source, learned on the link (in the destination's region when REGIONAL). */
export function returnRoute(t: Topology, link: LinkModel, source: string, region: string | undefined): Hop {
  const usable = t.network.routingMode === 'GLOBAL' || region === undefined || link.regions.includes(region);
  if (!usable) return { kind: 'vpc-route', at: `link ${link.name}`, ok: false, detail: `routing mode REGIONAL: routes learned in ${link.regions.join(', ')} do not reach ${region}` };
  return { kind: 'vpc-route', at: `link ${link.name}`, ok: true, detail: `dynamic route back to ${source} learned over BGP` };
}
