/**
 * Maps a planned NetworkPolicy (domain/tenancy/network-policy-plan.ts) to its cdk8s object, and nothing more: every
 * construct that writes a NetworkPolicy goes through here, so the plan is the only place a rule is decided.
 * Internal: not exported from the package.
 */
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import type { NetworkPolicyPlan, PolicyPeer, PolicyPort, PolicySelector } from '../../domain/tenancy/network-policy-plan';

/** The object of `plan` in `scope` (construct id `plan.id`), carrying `labels`. */
export function addNetworkPolicy(scope: Construct, plan: NetworkPolicyPlan, labels: Readonly<Record<string, string>>): k8s.KubeNetworkPolicy {
  return new k8s.KubeNetworkPolicy(scope, plan.id, {
    metadata: { name: plan.name, namespace: plan.namespace, labels: { ...labels } },
    spec: {
      podSelector: selector(plan.podSelector),
      policyTypes: [...plan.policyTypes],
      ...(plan.ingress ? { ingress: plan.ingress.map((r) => ({ from: r.from.map(peer), ports: ports(r.ports) })) } : {}),
      ...(plan.egress ? { egress: plan.egress.map((r) => ({ to: r.to.map(peer), ports: ports(r.ports) })) } : {}),
    },
  });
}

/** Every planned policy in `scope`, keyed by name. */
export function addNetworkPolicies(scope: Construct, plans: readonly NetworkPolicyPlan[], labels: Readonly<Record<string, string>>): Record<string, k8s.KubeNetworkPolicy> {
  const policies: Record<string, k8s.KubeNetworkPolicy> = {};
  for (const plan of plans) policies[plan.name] = addNetworkPolicy(scope, plan, labels);
  return policies;
}

function selector(s: PolicySelector): k8s.LabelSelector {
  return s.matchLabels ? { matchLabels: { ...s.matchLabels } } : {};
}

function peer(p: PolicyPeer): k8s.NetworkPolicyPeer {
  return {
    ...(p.namespaceSelector ? { namespaceSelector: selector(p.namespaceSelector) } : {}),
    ...(p.podSelector ? { podSelector: selector(p.podSelector) } : {}),
    ...(p.ipBlock ? { ipBlock: { cidr: p.ipBlock.cidr } } : {}),
  };
}

function ports(list: readonly PolicyPort[] | undefined): k8s.NetworkPolicyPort[] | undefined {
  return list?.map((p) => ({ port: k8s.IntOrString.fromNumber(p.port), protocol: p.protocol }));
}
