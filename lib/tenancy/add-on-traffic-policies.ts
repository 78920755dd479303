import { k8s } from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import type { DerivedNamespaceIngress, DerivedServerEgress } from '../domain/addons/traffic-plan';
import { TENANT_LABEL } from '../domain/tenancy/labels';
import { ValidationError } from '../domain/validation-error';
import { meta, namespacePeer, ownedLabels } from './private/namespace-bundle';

export interface AddOnTrafficPoliciesProps {
  /** The tenant namespace the policies go into (its default-deny is the tenant bundle's). */
  readonly namespace: string;
  /** Servers the tenant's pods reach (`plan.addOnTraffic.tenantEgress`): one egress policy each, to exactly its range and port. @default none */
  readonly egress?: readonly DerivedServerEgress[];
  /** Namespaces that reach the tenant's pods (`plan.addOnTraffic.tenantIngress`): one ingress policy each, on exactly its ports. @default none */
  readonly ingress?: readonly DerivedNamespaceIngress[];
}

/** The NetworkPolicy letting a tenant reach an add-on's server: `add-on-egress-<server>`. */
export function addOnEgressPolicyName(server: string): string {
  return `add-on-egress-${server}`;
}

/** The NetworkPolicy letting a system namespace reach a tenant: `add-on-ingress-<namespace>`. */
export function addOnIngressPolicyName(namespace: string): string {
  return `add-on-ingress-${namespace}`;
}

/**
 * The NetworkPolicies a tenant namespace gets from the add-ons' traffic needs, on top of its default deny: egress to
 * each add-on server's exact range and port (Vault's API), ingress from each system namespace on exactly its ports
 * (Managed Prometheus' collectors in gmp-system). Names never meet the tenant bundle's (`allow-*`, `default-deny`).
 * Escape hatch: `policies.policies['add-on-egress-vault'].addJsonPatch(...)`.
 */
export class AddOnTrafficPolicies extends Construct {
  /** The policies by name. */
  public readonly policies: Readonly<Record<string, k8s.KubeNetworkPolicy>>;

  constructor(scope: Construct, id: string, props: AddOnTrafficPoliciesProps) {
    super(scope, id);
    const ns = props.namespace;
    const labels = ownedLabels({ [TENANT_LABEL]: ns });
    const policies: Record<string, k8s.KubeNetworkPolicy> = {};
    const add = (name: string, construct: string, spec: k8s.NetworkPolicySpec) => {
      if (policies[name]) throw new ValidationError({ path: this.node.path, field: 'name', value: name, problem: 'is derived from two add-on traffic needs', fix: 'give each add-on server (or calling namespace) its own name' });
      policies[name] = new k8s.KubeNetworkPolicy(this, construct, { metadata: meta(name, ns, labels), spec });
    };
    for (const e of props.egress ?? []) {
      add(addOnEgressPolicyName(e.server), `Egress-${e.server}`, {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: e.cidr } }], ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(e.port) }] }],
      });
    }
    for (const i of props.ingress ?? []) {
      add(addOnIngressPolicyName(i.namespace), `Ingress-${i.namespace}`, {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [{ from: [namespacePeer(i.namespace)], ports: i.ports.map((port) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) })) }],
      });
    }
    this.policies = policies;
  }
}
