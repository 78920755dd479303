import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { ControlPlaneWebhookRule, ControlPlaneWebhookRuleProps } from '../../lib/network/control-plane-webhook-rule';
import { Network } from '../../lib/network/network';

function synthWith(props: Partial<ControlPlaneWebhookRuleProps> = {}): any {
  const stack = new TerraformStack(Testing.app(), 'test');
  new GoogleProvider(stack, 'google', { project: 'acme' });
  const network = new Network(stack, 'Network', { projectId: 'acme', name: 'prod-vpc', subnets: [{ name: 'usc1', region: 'us-central1', cidr: '10.0.0.0/20' }] });
  new ControlPlaneWebhookRule(stack, 'Webhooks', { network, controlPlaneCidr: '172.16.0.0/28', ports: [15017], ...props });
  const json = JSON.parse(Testing.synth(stack, true));
  return Object.values<any>(json.resource.google_compute_firewall).find((r) => r.name.startsWith('prod-vpc-allow-cp-webhooks'));
}

describe('ControlPlaneWebhookRule', () => {
  test('minimal: from exactly the control plane /28 to the GKE nodes, on exactly the webhook ports', () => {
    const rule = synthWith();
    expect(rule).toMatchObject({
      name: 'prod-vpc-allow-cp-webhooks-172-16-0-0-28',
      project: 'acme',
      direction: 'INGRESS',
      source_ranges: ['172.16.0.0/28'],
      target_tags: ['gke-node'],
      allow: [{ protocol: 'tcp', ports: ['15017'] }],
      description: 'GKE control plane 172.16.0.0/28 to its admission webhooks: tcp:15017',
    });
  });

  test('ports sorted and once each; target tags and the description as given', () => {
    const rule = synthWith({ ports: [15017, 8443, 15017], targetTags: ['gke-prod'], webhooks: ['istiod (istio) tcp:15017'] });
    expect(rule.allow).toEqual([{ protocol: 'tcp', ports: ['8443', '15017'] }]);
    expect(rule.target_tags).toEqual(['gke-prod']);
    expect(rule.description).toBe('GKE control plane 172.16.0.0/28 to its admission webhooks: istiod (istio) tcp:15017');
  });

  test.each([
    ['the source is not a /28', { controlPlaneCidr: '172.16.0.0/24' }, /test\/Webhooks: controlPlaneCidr "172\.16\.0\.0\/24" /],
    ['no ports', { ports: [] }, 'test/Webhooks: ports [] is empty, so the rule would open nothing; list the webhook ports, e.g. [15017] for istiod'],
    ['a port outside 1..65535', { ports: [70000] }, 'test/Webhooks: ports 70000 is not a TCP port (1..65535); list TCP port numbers such as 443'],
    ['no target tags', { targetTags: [] }, 'test/Webhooks: targetTags [] is empty, so the rule would apply to every VM in the VPC; list the network tags of the cluster nodes'],
  ])('throws when %s', (_what, props, message) => {
    expect(() => synthWith(props as Partial<ControlPlaneWebhookRuleProps>)).toThrow(message);
  });
});
