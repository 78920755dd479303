/**
 * The enforcement the add-ons' traffic needs imply, derived once with the platform plan, so users never write it:
 * authorized networks on the control planes (a server's exact range, a CD cluster's pod ranges), one firewall rule
 * per cluster from its control-plane /28 to its nodes on exactly the webhook ports, and per tenant namespace the
 * NetworkPolicies (egress to a server's range and port, ingress from a system namespace on its ports) and, under
 * the mesh, the ServiceEntries. Stacks and charts map these records to resources; nothing here is wider than a
 * need. Pure: no cdktf, cdk8s or constructs.
 */
import { Cidr } from '../ip-plan/cidr';
import type { AddOnTrafficNeed } from './traffic-needs';

/** An authorized network a need adds to a control plane. */
export interface DerivedAuthorizedNetwork {
  /** Display name: the server's name (`vault`), or `<add-on>-<range name>` for a calling cluster's pod range. */
  readonly name: string;
  /** Exactly the range that calls: the server's CIDR, or one pod range of the calling cluster. */
  readonly cidr: string;
  /** The add-on whose need it is. */
  readonly addOn: string;
}

/** The firewall rule that lets one cluster's control plane reach its nodes on the add-ons' webhook ports. */
export interface DerivedWebhookRule {
  /** The cluster (its nodes are the rule's targets). */
  readonly cluster: string;
  /** Its control plane's /28: the rule's only source range. */
  readonly controlPlaneCidr: string;
  /** The webhook ports (TCP), sorted, once each: nothing else. */
  readonly ports: readonly number[];
  /** The webhooks served on them, e.g. `istiod (istio) tcp:15017`, for the rule's description. */
  readonly webhooks: readonly string[];
}

/** Egress every tenant namespace gets to a server of an add-on. */
export interface DerivedServerEgress {
  /** The add-on whose need it is. */
  readonly addOn: string;
  /** The server's short name: the NetworkPolicy is `add-on-egress-<server>` (addOnEgressPolicyName), the ServiceEntry `add-on-<server>`. */
  readonly server: string;
  /** The name tenants use for it (the ServiceEntry's host). */
  readonly host: string;
  /** The server's exact range. */
  readonly cidr: string;
  /** Its TCP port. */
  readonly port: number;
}

/** Ingress every tenant namespace gets from a system namespace of its cluster. */
export interface DerivedNamespaceIngress {
  /** The add-on whose need it is. */
  readonly addOn: string;
  /** The calling namespace: the NetworkPolicy is `add-on-ingress-<namespace>` (addOnIngressPolicyName). */
  readonly namespace: string;
  /** The TCP ports it may open, sorted. */
  readonly ports: readonly number[];
}

/** The traffic every enabled add-on needs, resolved against the plan: the authorized networks, policies and rules it adds. */
export interface AddOnTrafficPlan {
  /** Every enabled add-on's needs, in the definition's order of add-ons. */
  readonly needs: readonly AddOnTrafficNeed[];
  /** Authorized networks the needs add, by cluster name (absent: none for that cluster). */
  readonly authorizedNetworks: Readonly<Record<string, readonly DerivedAuthorizedNetwork[]>>;
  /** One rule per cluster whose control plane calls webhooks, in cluster order. */
  readonly webhookRules: readonly DerivedWebhookRule[];
  /** What every tenant namespace may reach, in need order. */
  readonly tenantEgress: readonly DerivedServerEgress[];
  /** What may reach every tenant namespace, in need order. */
  readonly tenantIngress: readonly DerivedNamespaceIngress[];
}

/** What the derivation reads of a cluster's plan record (a ClusterPlan has it; kept structural so the plan can hold the result). */
export interface TrafficCluster {
  /** The cluster's name. */
  readonly name: string;
  /** Its declared authorized networks. */
  readonly authorizedNetworks: readonly {
    /** The authorized range. */
    readonly cidr: string;
  }[];
  /** Its default pod range. */
  readonly podRange: TrafficRange;
  /** Its additional pod ranges. */
  readonly additionalPodRanges: readonly TrafficRange[];
  /** Its control plane's /28. */
  readonly controlPlane: {
    /** The /28. */
    readonly cidr: string;
  };
}

/** A secondary range: its name on the subnet and its CIDR. */
export interface TrafficRange {
  /** The range's name on the subnet (`<cluster>-pods`). */
  readonly rangeName: string;
  /** Its CIDR. */
  readonly cidr: string;
}

/** A plan without needs: nothing derived. */
export const NO_ADD_ON_TRAFFIC: AddOnTrafficPlan = { needs: [], authorizedNetworks: {}, webhookRules: [], tenantEgress: [], tenantIngress: [] };

/**
 * Derives the enforcement from the needs and the clusters' planned ranges. A range a control plane already
 * authorizes (declared, or derived by an earlier need) is not added twice; a cluster's own ranges never are (GKE
 * always admits them).
 */
export function deriveAddOnTraffic(needs: readonly AddOnTrafficNeed[], clusters: readonly TrafficCluster[]): AddOnTrafficPlan {
  if (needs.length === 0) return NO_ADD_ON_TRAFFIC;
  const byName = new Map(clusters.map((c) => [c.name, c]));
  const authorized: Record<string, DerivedAuthorizedNetwork[]> = {};
  const authorize = (cluster: string, entry: DerivedAuthorizedNetwork) => {
    const declared = byName.get(cluster)?.authorizedNetworks ?? [];
    const derived = authorized[cluster] ?? [];
    if ([...declared, ...derived].some((n) => Cidr.parse(n.cidr).contains(Cidr.parse(entry.cidr)))) return;
    authorized[cluster] = [...derived, entry];
  };
  const webhooks = new Map<string, { ports: Set<number>; webhooks: string[] }>();
  const tenantEgress: DerivedServerEgress[] = [];
  const tenantIngress: DerivedNamespaceIngress[] = [];
  for (const need of needs) {
    switch (need.kind) {
      case 'tenants-to-server':
        tenantEgress.push({ addOn: need.addOn, server: need.server, host: need.host, cidr: need.location.cidr, port: need.port });
        break;
      case 'server-to-control-planes':
        for (const cluster of clusters) authorize(cluster.name, { name: need.server, cidr: need.location.cidr, addOn: need.addOn });
        break;
      case 'cluster-to-control-planes': {
        const from = byName.get(need.from);
        if (!from) break;
        for (const target of need.clusters) {
          if (target === need.from) continue;
          for (const range of [from.podRange, ...from.additionalPodRanges]) authorize(target, { name: `${need.addOn}-${range.rangeName}`, cidr: range.cidr, addOn: need.addOn });
        }
        break;
      }
      case 'control-plane-to-webhook':
        for (const cluster of need.clusters ?? clusters.map((c) => c.name)) {
          const entry = webhooks.get(cluster) ?? { ports: new Set<number>(), webhooks: [] };
          entry.ports.add(need.port);
          entry.webhooks.push(`${need.webhook} (${need.addOn}) tcp:${need.port}`);
          webhooks.set(cluster, entry);
        }
        break;
      case 'namespace-to-tenants':
        tenantIngress.push({ addOn: need.addOn, namespace: need.namespace, ports: [...new Set(need.ports)].sort((a, b) => a - b) });
        break;
    }
  }
  const webhookRules = clusters
    .filter((c) => webhooks.has(c.name))
    .map((c) => ({ cluster: c.name, controlPlaneCidr: c.controlPlane.cidr, ports: [...webhooks.get(c.name)!.ports].sort((a, b) => a - b), webhooks: webhooks.get(c.name)!.webhooks }));
  return { needs, authorizedNetworks: authorized, webhookRules, tenantEgress, tenantIngress };
}
