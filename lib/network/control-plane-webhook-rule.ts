import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { Construct } from 'constructs';
import { controlPlaneWebhookFirewallName, DEFAULT_GKE_NODE_TAG, validateControlPlaneCidr, validateName, validatePorts } from '../domain/network/network-rules';
import { ValidationError, ValidationIssue } from '../domain/validation-error';
import type { INetwork } from './network';

/** Props of `ControlPlaneWebhookRule`. */
export interface ControlPlaneWebhookRuleProps {
  /** The VPC the cluster's nodes are in. */
  readonly network: INetwork;
  /** The cluster's control-plane /28: the rule's only source range. Changing it replaces the rule (its name holds it). */
  readonly controlPlaneCidr: string;
  /** The webhook ports (TCP) the control plane connects to on the webhooks' pods, e.g. istiod's 15017; at least one. */
  readonly ports: readonly number[];
  /** Network tags of the cluster's nodes. @default ['gke-node'] (DEFAULT_GKE_NODE_TAG, what NodePool sets) */
  readonly targetTags?: readonly string[];
  /** What the ports serve, for the rule's description. @default the ports */
  readonly webhooks?: readonly string[];
}

/**
 * Lets one private cluster's control plane reach admission webhooks served by pods on its nodes, on exactly the
 * given ports and from exactly its /28. GKE's own control-plane rule opens 443 and 10250 only, so a webhook on
 * another port (istiod's 15017) times out and the API server fails (or skips) every call. The platform derives one
 * per cluster from the add-ons' traffic needs; a product team may create one for its own webhook.
 *
 * Escape hatch: `rule.resource.addOverride('priority', 900)`.
 */
export class ControlPlaneWebhookRule extends Construct {
  /** The `google_compute_firewall`. */
  public readonly resource: ComputeFirewall;

  constructor(scope: Construct, id: string, props: ControlPlaneWebhookRuleProps) {
    super(scope, id);
    const targetTags = [...(props.targetTags ?? [DEFAULT_GKE_NODE_TAG])];
    const ports = [...new Set(props.ports)].sort((a, b) => a - b);
    const name = controlPlaneWebhookFirewallName(props.network.name, props.controlPlaneCidr);
    const path = this.node.path;
    const issues: ValidationIssue[] = [...validateControlPlaneCidr(path, 'controlPlaneCidr', props.controlPlaneCidr), ...validatePorts(path, 'ports', ports), ...validateName(path, 'controlPlaneCidr (firewall name)', name)];
    if (ports.length === 0) issues.push({ path, field: 'ports', value: [], problem: 'is empty, so the rule would open nothing', fix: 'list the webhook ports, e.g. [15017] for istiod' });
    if (targetTags.length === 0) issues.push({ path, field: 'targetTags', value: [], problem: 'is empty, so the rule would apply to every VM in the VPC', fix: 'list the network tags of the cluster nodes' });
    if (issues.length > 0) throw new ValidationError(issues);
    this.resource = new ComputeFirewall(this, 'Resource', {
      name,
      project: props.network.projectId,
      network: props.network.id,
      description: `GKE control plane ${props.controlPlaneCidr} to its admission webhooks: ${(props.webhooks ?? ports.map((p) => `tcp:${p}`)).join(', ')}`,
      direction: 'INGRESS',
      sourceRanges: [props.controlPlaneCidr],
      targetTags,
      allow: [{ protocol: 'tcp', ports: ports.map(String) }],
    });
  }
}
