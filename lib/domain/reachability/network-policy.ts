import { covers } from './ranges';
import type { Traffic } from './protocol';
import { inNamespace, namespaceNamed } from './topology-index';
import type { LabelSelector, NamespaceModel, NetworkPolicyModel, NetworkPolicyPeer, NetworkPolicyPort } from './topology';

/** The other end of a connection, as a NetworkPolicy rule sees it. */
export type PolicyPeer =
  | {
      /** A pod of the cluster. */
      readonly kind: 'pod';
      /** The pod's namespace. */
      readonly namespace: string;
      /** The pod's labels, matched against a rule's `podSelector`. */
      readonly podLabels: Readonly<Record<string, string>>;
    }
  | {
      /** An address outside the pods (node, remote network, internet), matched against a rule's `ipBlock`. */
      readonly kind: 'address';
      /** The address block, in CIDR notation (`10.0.0.0/24`). */
      readonly cidr: string;
    };

interface PolicyDecision {
  /** The connection passes the policies of its direction. */
  readonly allowed: boolean;
  /** Some policy isolates the pods in this direction. */
  readonly isolated: boolean;
  /** The policy whose rule admitted the connection. @default absent: not isolated, or no rule admitted it */
  readonly policy?: NetworkPolicyModel;
}

/**
 * Kubernetes NetworkPolicy semantics, as Dataplane V2 (Cilium) enforces them, for a namespace's pods
 * (a pod without labels stands for "the tenant's pods"): not isolated in a direction, everything passes;
 * isolated, a connection passes when some rule of some selecting policy admits the peer and the port.
 * `ipBlock` peers match addresses outside the cluster's pods only (Cilium's reading of the spec).
 */
export function evaluateNetworkPolicies(
  policies: readonly NetworkPolicyModel[],
  namespaces: readonly NamespaceModel[],
  query: { readonly cluster: string; readonly namespace: string; readonly direction: 'Ingress' | 'Egress'; readonly peer: PolicyPeer; readonly traffic: Traffic },
): PolicyDecision {
  const selecting = inNamespace(policies, query.cluster, query.namespace).filter((p) => p.policyTypes.includes(query.direction) && selectorMatches(p.podSelector, {}));
  if (selecting.length === 0) return { allowed: true, isolated: false };
  for (const policy of selecting) {
    const rules = query.direction === 'Ingress' ? policy.ingress : policy.egress;
    for (const rule of rules) {
      const peerOk = !rule.peers || rule.peers.length === 0 || rule.peers.some((peer) => peerMatches(peer, query.peer, query.namespace, query.cluster, namespaces));
      if (peerOk && portsMatch(rule.ports, query.traffic)) return { allowed: true, isolated: true, policy };
    }
  }
  return { allowed: false, isolated: true };
}

function peerMatches(peer: NetworkPolicyPeer, actual: PolicyPeer, ownNamespace: string, cluster: string, namespaces: readonly NamespaceModel[]): boolean {
  if (peer.ipBlock) {
    if (actual.kind !== 'address') return false;
    return covers(peer.ipBlock.cidr, actual.cidr) && !(peer.ipBlock.except ?? []).some((e) => covers(e, actual.cidr) || covers(actual.cidr, e));
  }
  if (actual.kind !== 'pod') return false;
  if (peer.namespaceSelector) {
    if (!selectorMatches(peer.namespaceSelector, namespaceLabels(cluster, actual.namespace, namespaces))) return false;
  } else if (actual.namespace !== ownNamespace) {
    return false;
  }
  return peer.podSelector ? selectorMatches(peer.podSelector, actual.podLabels) : true;
}

/** A namespace's labels, with the name label the API server always sets. */
export function namespaceLabels(cluster: string, name: string, namespaces: readonly NamespaceModel[]): Record<string, string> {
  const found = namespaceNamed(namespaces, cluster, name);
  return { ...(found?.labels ?? {}), 'kubernetes.io/metadata.name': name };
}

export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = key(labels, e.key);
    const values = e.values ?? [];
    if (e.operator === 'In' && !(has && values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && values.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function key(labels: Readonly<Record<string, string>>, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, name);
}

/** No ports: every port. Otherwise one entry must hold the intent's protocol and port (all of them). */
function portsMatch(ports: readonly NetworkPolicyPort[] | undefined, traffic: Traffic): boolean {
  if (!ports || ports.length === 0) return true;
  if (traffic.protocol === 'any' || traffic.protocol === 'icmp' || traffic.port === undefined) return false;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP').toLowerCase() !== traffic.protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string') return false;
    return p.endPort === undefined ? p.port === traffic.port : traffic.port! >= p.port && traffic.port! <= p.endPort;
  });
}
