import { k8s } from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import type { DerivedNamespaceIngress, DerivedServerEgress } from '../domain/addons/traffic-plan';
import { addOnTrafficNetworkPolicies, validatePolicyNames } from '../domain/tenancy/network-policy-plan';
import { TENANT_LABEL } from '../domain/tenancy/labels';
import { ValidationError } from '../domain/validation-error';
import { ownedLabels } from './private/namespace-bundle';
import { addNetworkPolicies } from './private/network-policy-object';

export interface AddOnTrafficPoliciesProps {
  /** The tenant namespace the policies go into (its default-deny is the tenant bundle's). */
  readonly namespace: string;
  /** Servers the tenant's pods reach (`plan.addOnTraffic.tenantEgress`): one egress policy each, to exactly its range and port. @default none */
  readonly egress?: readonly DerivedServerEgress[];
  /** Namespaces that reach the tenant's pods (`plan.addOnTraffic.tenantIngress`): one ingress policy each, on exactly its ports. @default none */
  readonly ingress?: readonly DerivedNamespaceIngress[];
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
    const plans = addOnTrafficNetworkPolicies(props.namespace, { egress: props.egress, ingress: props.ingress });
    const duplicates = validatePolicyNames(plans, this.node.path);
    if (duplicates.length > 0) throw new ValidationError(duplicates);
    this.policies = addNetworkPolicies(this, plans, ownedLabels({ [TENANT_LABEL]: props.namespace }));
  }
}
