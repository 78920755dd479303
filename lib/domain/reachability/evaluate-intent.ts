import type { ConnectivityIntent } from './connectivity-intent';
import type { Hop } from './hop';
import { advertisedOnEveryPeer, advertisedOnSomePeer, awsRoute, egressFirewall, ingressFirewall, linksTo, returnRoute, subnetRoute, vpcRouteOut } from './legs';
import { MeshEgress, meshEgress, meshIngress } from './mesh-hops';
import { evaluateNetworkPolicies, PolicyPeer } from './network-policy';
import { describeTraffic, Traffic } from './protocol';
import { covers } from './ranges';
import { INTERNET_RANGE, KUBE_DNS_LABELS, KUBE_DNS_NAMESPACE, NODE_LOCAL_DNS_ADDRESS, Place, PRIVATE_GOOGLE_APIS_RANGE, PUBLIC_GOOGLE_APIS_RANGE, resolveEndpoint } from './resolve-endpoint';
import type { ClusterModel, Topology } from './topology';

/** The judgement of one connectivity intent: met or not, and the hops that decide it. */
export interface Verdict {
  /** The intent judged. */
  readonly intent: ConnectivityIntent;
  /** The intent's id, or the readable one `intentId` gives an intent without. */
  readonly id: string;
  /** `garage-sunnyvale:10.200.8.0/24 → control plane of prod-usc1 tcp/443` */
  readonly label: string;
  /** The source as placed in the model (`tenant mapping on prod-usc1`), or as the intent names it when it cannot be placed. */
  readonly from: string;
  /** The destination, likewise. */
  readonly to: string;
  /** Every path passes. False when a hop drops the traffic, and when the model cannot judge (`judged: false`). */
  readonly allowed: boolean;
  /**
   * The model judged every hop of the path. False: a hop depends on a field or kind the model does not model
   * (`decisive` names it), so the verdict is "not modelled" and never met.
   */
  readonly judged: boolean;
  /** The verdict agrees with the intent (and was judged). */
  readonly met: boolean;
  /** Unmet, but accepted by name: reported, not fatal. */
  readonly accepted: boolean;
  /** The path taken (up to the hop that dropped it). */
  readonly hops: readonly Hop[];
  /**
   * When the verdict differs from the intent: the hop that dropped it, the allowance that let it through, or the hop
   * the model could not judge. @default absent: the intent is met
   */
  readonly decisive?: Hop;
  /** The one-line verdict: `<label>: ALLOWED|DENIED|NOT MODELLED[ at <hop>: <why>]`. */
  readonly message: string;
}

/** Judges one intent against the model. Every source range and destination range must pass for "allowed". */
export function evaluateIntent(topology: Topology, intent: ConnectivityIntent): Verdict {
  const traffic: Traffic = { protocol: intent.protocol ?? 'tcp', port: intent.port };
  const from = resolveEndpoint(topology, intent.from);
  const to = resolveEndpoint(topology, intent.to);
  const id = intent.id ?? intentId(intent);
  const fromLabel = typeof from === 'string' ? endpointText(intent.from) : from.label;
  const toLabel = typeof to === 'string' ? endpointText(intent.to) : to.label;
  const label = `${fromLabel} → ${toLabel} ${describeTraffic(traffic)}`;
  let hops: Hop[];
  let allowed: boolean;
  let judged = true;
  if (typeof from === 'string' || typeof to === 'string') {
    hops = [{ kind: 'endpoint', at: 'intent', ok: false, detail: typeof from === 'string' ? from : (to as string) }];
    allowed = false;
  } else {
    const runs = from.cidrs.flatMap((s) => to.cidrs.map((d) => path(topology, from, s, to, d, traffic)));
    // One path the model cannot judge leaves the whole verdict unjudged: never a guess either way.
    const unjudged = runs.find((run) => run.some((h) => h.notModelled));
    const failed = unjudged ?? runs.find((run) => !run.every((h) => h.ok));
    judged = unjudged === undefined;
    allowed = failed === undefined && runs.length > 0;
    hops = failed ?? runs[0] ?? [{ kind: 'endpoint', at: 'intent', ok: false, detail: 'an endpoint has no address range' }];
  }
  const met = judged && allowed === (intent.expect === 'allow');
  const decisive = met ? undefined : !judged ? hops.find((h) => h.notModelled) : allowed ? ([...hops].reverse().find((h) => h.permits) ?? hops[hops.length - 1]) : hops.find((h) => !h.ok);
  const verdictText = !judged ? 'NOT MODELLED' : allowed ? 'ALLOWED' : 'DENIED';
  const message = decisive ? `${label}: ${verdictText} at ${decisive.at}: ${decisive.detail}` : `${label}: ${verdictText}`;
  return { intent, id, label, from: fromLabel, to: toLabel, allowed, judged, met, accepted: !met && intent.acceptedGap !== undefined, hops, decisive, message };
}

/** One path from a source range to a destination range; stops at the first hop that drops it. */
function path(t: Topology, from: Place, s: string, to: Place, d0: string, traffic: Traffic): Hop[] {
  const hops: Hop[] = [];
  const pass = (...next: (Hop | undefined)[]) => {
    for (const hop of next) {
      if (!hop) continue;
      hops.push(hop);
      if (!hop.ok) return false;
    }
    return true;
  };
  const inVpc = (p: Place) => p.kind === 'pods' || p.kind === 'nodes';
  let d = d0;

  // Names first: where does the source's DNS send it?
  if (to.kind === 'google-apis' && inVpc(from)) {
    const zone = t.dnsZones.find((z) => z.private && z.dnsName === 'googleapis.com.' && z.records.some((r) => r.rrdatas.some((ip) => covers(PRIVATE_GOOGLE_APIS_RANGE, ip))));
    if (zone) pass({ kind: 'dns', at: `private DNS zone ${zone.name}`, ok: true, detail: `googleapis.com resolves to private.googleapis.com (${PRIVATE_GOOGLE_APIS_RANGE})`, source: zone.at });
    else {
      d = PUBLIC_GOOGLE_APIS_RANGE;
      pass({ kind: 'dns', at: `VPC ${t.network.name} DNS`, ok: true, detail: "no private googleapis.com zone: Google API names resolve to Google's public addresses" });
    }
  }
  if (to.kind === 'cluster-dns' && to.cluster!.nodeLocalDnsCache && from.cluster?.name !== to.cluster!.name) {
    return [...hops, { kind: 'node-local-dns', at: `NodeLocal DNSCache of ${to.cluster!.name}`, ok: false, detail: 'answers pods on its own nodes only' }];
  }

  const sender = senderSide(t, from, to, d, traffic);
  if (!pass(...sender.hops)) return hops;

  const ok = network(t, from, s, to, d, traffic, pass);
  if (!ok) return hops;

  if (to.namespace) pass(...receiverSide(t, from, s, to, traffic, sender.egress));
  return hops;
}

/**
 * What a path crosses inside the sending pod, up to the first hop that drops it: its sidecar (before its
 * NetworkPolicies: the proxy sits inside the pod), where the mesh holds the namespace, then its egress
 * NetworkPolicies (Dataplane V2 enforces egress at the source pod).
 */
export function senderSide(t: Topology, from: Place, to: Place, d: string, traffic: Traffic): { readonly hops: readonly Hop[]; readonly egress?: MeshEgress } {
  const egress = meshEgress(t, from, to, d, traffic);
  const hops: Hop[] = [];
  for (const hop of egress?.hops ?? []) {
    hops.push(hop);
    if (!hop.ok) return { hops, egress };
  }
  if (!from.namespace) return { hops, egress };
  const peer: PolicyPeer =
    to.namespace && to.cluster?.name === from.cluster!.name
      ? { kind: 'pod', namespace: to.namespace, podLabels: {} }
      : to.kind === 'cluster-dns' && !to.cluster!.nodeLocalDnsCache
        ? { kind: 'pod', namespace: KUBE_DNS_NAMESPACE, podLabels: KUBE_DNS_LABELS }
        : { kind: 'address', cidr: d };
  hops.push(policyHop(t, from.cluster!.name, from.namespace, 'Egress', peer, traffic));
  return { hops, egress };
}

/** What a path to a tenant's pods crosses at the receiver: its ingress NetworkPolicies, then its sidecar (mTLS mode, then AuthorizationPolicies). */
export function receiverSide(t: Topology, from: Place, s: string, to: Place, traffic: Traffic, egress: MeshEgress | undefined): Hop[] {
  const peer: PolicyPeer = from.namespace && from.cluster?.name === to.cluster!.name ? { kind: 'pod', namespace: from.namespace, podLabels: {} } : { kind: 'address', cidr: s };
  const hop = policyHop(t, to.cluster!.name, to.namespace!, 'Ingress', peer, traffic);
  return hop.ok ? [hop, ...meshIngress(t, from, s, to, traffic, egress)] : [hop];
}

/** The network leg, by where each end lives. */
function network(t: Topology, from: Place, s: string, to: Place, d: string, traffic: Traffic, pass: (...hops: (Hop | undefined)[]) => boolean): boolean {
  const inVpc = (p: Place) => p.kind === 'pods' || p.kind === 'nodes';
  if (inVpc(from) && inVpc(to)) return pass(subnetRoute(t, d), egressFirewall(t, from, s, d, traffic), ingressFirewall(t, to.cluster!, s, d, traffic));
  if (inVpc(from) && to.kind === 'cluster-dns') {
    const dns = to.cluster!;
    if (dns.nodeLocalDnsCache) {
      // The cache runs on the pod's node; misses go from the node to kube-dns pods, possibly on other nodes.
      return pass(
        { kind: 'node-local-dns', at: `NodeLocal DNSCache of ${dns.name}`, ok: true, detail: `answers on ${NODE_LOCAL_DNS_ADDRESS} on every node; misses go to kube-dns from the node` },
        subnetRoute(t, dns.podCidrs[0]),
        ingressFirewall(t, dns, dns.nodeCidr, dns.podCidrs[0], traffic),
      );
    }
    return pass(subnetRoute(t, d), egressFirewall(t, from, s, d, traffic), ingressFirewall(t, dns, s, d, traffic));
  }
  if (inVpc(from) && to.kind === 'control-plane') return pass(...toControlPlaneFromVpc(t, from, s, to.cluster!, traffic));
  if (from.kind === 'control-plane' && inVpc(to)) {
    const cp = from.cluster!;
    return pass(
      { kind: 'control-plane-peering', at: `GKE control-plane peering of ${cp.name}`, ok: true, detail: `subnet routes are always exported to the control plane's VPC` },
      subnetRoute(t, d),
      ingressFirewall(t, to.cluster!, s, d, traffic),
    );
  }
  if (inVpc(from) && to.kind === 'remote') {
    const route = vpcRouteOut(t, from.cluster!.region, d);
    if (!pass(route.hop, egressFirewall(t, from, s, d, traffic))) return false;
    const link = route.link!;
    return pass(advertisedOnSomePeer(t, link, s), awsRoute(link, s), remoteAssumption(link.remoteNetwork));
  }
  if (from.kind === 'remote' && (inVpc(to) || to.kind === 'control-plane' || to.kind === 'google-apis')) {
    const links = linksTo(t, from.remote!.name);
    if (links.length === 0) return pass({ kind: 'vpc-route', at: `remote network ${from.remote!.name}`, ok: false, detail: 'no hybrid link in the output reaches it' });
    for (const link of links) {
      if (!pass(...advertisedOnEveryPeer(t, link, d), awsRoute(link, d))) return false;
      if (to.kind === 'control-plane') {
        if (!pass(...fromRemoteToControlPlane(link.regions, s, to.cluster!))) return false;
      } else if (to.kind === 'google-apis') {
        if (!pass(vpcRouteOut(t, undefined, d).hop, { kind: 'assumption', at: `${from.remote!.name} DNS`, ok: true, detail: 'assumed to resolve *.googleapis.com to private.googleapis.com (outside the output)' })) return false;
      } else if (!pass(ingressFirewall(t, to.cluster!, s, d, traffic))) return false;
      if (!pass(returnRoute(t, link, s, to.cluster?.region))) return false;
    }
    return true;
  }
  if (inVpc(from) && to.kind === 'google-apis') {
    const subnet = t.subnets.find((x) => x.name === from.cluster!.subnet);
    return pass(
      vpcRouteOut(t, from.cluster!.region, d).hop,
      subnet?.privateGoogleAccess
        ? { kind: 'private-google-access', at: `subnet ${subnet.name}`, ok: true, detail: 'Private Google Access is on', source: subnet.at }
        : { kind: 'private-google-access', at: `subnet ${from.cluster!.subnet}`, ok: false, detail: 'Private Google Access is off: private addresses cannot reach Google APIs', source: subnet?.at },
      egressFirewall(t, from, s, d, traffic),
    );
  }
  if (inVpc(from) && to.kind === 'internet') {
    return pass(vpcRouteOut(t, from.cluster!.region, INTERNET_RANGE).hop, natHop(t, from, s), egressFirewall(t, from, s, d, traffic));
  }
  if (inVpc(from) && to.kind === 'private-services') {
    const range = t.privateServiceAccess.find((r) => r.cidr === d)!;
    return pass(
      range.connected
        ? { kind: 'private-service-access', at: `Private Service Access range ${range.name}`, ok: true, detail: `peering route to ${range.cidr} through the service networking connection`, source: range.at }
        : { kind: 'private-service-access', at: `Private Service Access range ${range.name}`, ok: false, detail: 'is reserved but no service networking connection uses it', source: range.at },
      egressFirewall(t, from, s, d, traffic),
    );
  }
  return pass({ kind: 'endpoint', at: 'model', ok: false, detail: `the model has no path from ${from.kind} to ${to.kind}` });
}

function toControlPlaneFromVpc(t: Topology, from: Place, s: string, cp: ClusterModel, traffic: Traffic): Hop[] {
  const region = from.cluster!.region;
  const hops: Hop[] = [{ kind: 'control-plane-peering', at: `GKE control-plane peering of ${cp.name}`, ok: true, detail: `peering route to ${cp.controlPlaneCidr}` }];
  if (region !== cp.region && !cp.globalAccess) {
    hops.push({ kind: 'control-plane', at: `control plane of ${cp.name}`, ok: false, detail: `global access is off: ${region} cannot reach a control plane in ${cp.region}`, source: cp.at });
    return hops;
  }
  hops.push(egressFirewall(t, from, s, cp.controlPlaneCidr!, traffic));
  const own = [cp.nodeCidr, ...cp.podCidrs].some((r) => covers(r, s));
  hops.push(authorizedNetworksHop(cp, s, own));
  return hops;
}

function fromRemoteToControlPlane(regions: readonly string[], s: string, cp: ClusterModel): Hop[] {
  const hops: Hop[] = [];
  const elsewhere = regions.filter((r) => r !== cp.region);
  if (elsewhere.length > 0 && !cp.globalAccess) {
    return [{ kind: 'control-plane', at: `control plane of ${cp.name}`, ok: false, detail: `global access is off: traffic entering in ${elsewhere.join(', ')} cannot reach a control plane in ${cp.region}`, source: cp.at }];
  }
  hops.push(authorizedNetworksHop(cp, s, false));
  if (!hops[0].ok) return hops;
  const exp = cp.controlPlaneRouteExport;
  hops.push(
    exp?.exportCustomRoutes
      ? { kind: 'control-plane-peering', at: `GKE control-plane peering of ${cp.name}`, ok: true, detail: `exports the VPC's custom routes, so the control plane routes back to ${s}`, source: exp.at }
      : { kind: 'control-plane-peering', at: `GKE control-plane peering of ${cp.name}`, ok: false, detail: `does not export custom routes: the control plane has no route back to ${s}`, source: exp?.at },
  );
  return hops;
}

function authorizedNetworksHop(cp: ClusterModel, s: string, ownRanges: boolean): Hop {
  const enforced = cp.privateEndpoint ? cp.privateEndpointEnforced : true;
  // An allowance like an authorized network's: what lets an unwanted source in is the missing enforcement.
  if (!enforced) return { kind: 'control-plane', at: `control plane of ${cp.name}`, ok: true, detail: 'private endpoint open to internal addresses (authorized networks not enforced on it)', source: cp.at, permits: true };
  if (ownRanges) return { kind: 'control-plane', at: `control plane of ${cp.name}`, ok: true, detail: `the cluster's own node and pod ranges are always authorized`, source: cp.at, permits: true };
  const net = cp.authorizedNetworks.find((n) => covers(n.cidr, s));
  if (net) return { kind: 'control-plane', at: `authorized networks of ${cp.name}`, ok: true, detail: `${net.name} (${net.cidr}) is authorized`, source: cp.at, permits: true };
  return { kind: 'control-plane', at: `authorized networks of ${cp.name}`, ok: false, detail: `${s} is not an authorized network (${cp.authorizedNetworks.map((n) => n.cidr).join(', ') || 'none'})`, source: cp.at };
}

function natHop(t: Topology, from: Place, s: string): Hop {
  const cluster = from.cluster!;
  const subnet = t.subnets.find((x) => x.name === cluster.subnet);
  const range = subnet?.secondaryRanges.find((r) => covers(r.cidr, s));
  const nat = t.nats.find(
    (n) =>
      n.region === cluster.region &&
      (n.scope === 'ALL_SUBNETWORKS_ALL_IP_RANGES' ||
        (n.scope === 'ALL_SUBNETWORKS_ALL_PRIMARY_IP_RANGES' && !range) ||
        n.subnets.some((x) => x.subnet === cluster.subnet && (x.allRanges || (range ? x.secondaryRangeNames.includes(range.name) : x.primary)))),
  );
  if (!nat) return { kind: 'cloud-nat', at: `Cloud NAT in ${cluster.region}`, ok: false, detail: `no Cloud NAT translates ${s}: private nodes have no external address` };
  return { kind: 'cloud-nat', at: `Cloud NAT ${nat.name}`, ok: true, detail: `translates ${s}`, source: nat.at };
}

function policyHop(t: Topology, cluster: string, namespace: string, direction: 'Ingress' | 'Egress', peer: PolicyPeer, traffic: Traffic): Hop {
  const decision = evaluateNetworkPolicies(t.networkPolicies, t.namespaces, { cluster, namespace, direction, peer, traffic });
  const what = peer.kind === 'pod' ? `pods of ${peer.namespace}` : peer.cidr;
  const way = direction === 'Egress' ? `egress to ${what}` : `ingress from ${what}`;
  if (!decision.isolated) return { kind: 'network-policy', at: `NetworkPolicies of ${namespace} on ${cluster}`, ok: true, detail: `none isolates ${direction.toLowerCase()}` };
  if (decision.policy) return { kind: 'network-policy', at: `NetworkPolicy ${namespace}/${decision.policy.name}`, ok: true, detail: `allows ${way} ${describeTraffic(traffic)}`, source: decision.policy.at, permits: true };
  return { kind: 'network-policy', at: `NetworkPolicies of ${namespace} on ${cluster}`, ok: false, detail: `no policy allows ${way} ${describeTraffic(traffic)} (default deny)` };
}

function remoteAssumption(remote: string): Hop {
  return { kind: 'assumption', at: remote, ok: true, detail: 'assumed to accept the traffic (security groups and on-premise firewalls are outside the output)' };
}

/** A readable, stable id for an intent without one. */
export function intentId(intent: ConnectivityIntent): string {
  return `${endpointText(intent.from)} -> ${endpointText(intent.to)} ${intent.protocol ?? 'tcp'}${intent.port === undefined ? '' : `/${intent.port}`}`;
}

function endpointText(e: ConnectivityIntent['from']): string {
  switch (e.kind) {
    case 'tenant':
      return `tenant:${e.tenant}@${e.cluster}`;
    case 'namespace':
      return `namespace:${e.namespace}@${e.cluster}`;
    case 'remote':
      return `remote:${e.network}${e.range ? `:${e.range}` : ''}`;
    case 'google-apis':
    case 'private-services':
    case 'internet':
      return e.kind;
    default:
      return `${e.kind}:${e.cluster}`;
  }
}
