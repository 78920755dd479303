import { resourcesOf, synthExample } from '../stacks/example-synth';

/*
 * Issue 20, item 6: in the example's Shared VPC, every service project's GKE service agent may manage firewall rules
 * in the host project (what a LoadBalancer Service or an Ingress needs), through one custom role of the host project
 * with the permissions GKE documents, in the stack that owns the host project.
 */
const { json } = synthExample();
const network = json['drive-network'].resource as Record<string, Record<string, any>>;

describe('the example: Shared VPC load balancers can open their firewall rules', () => {
  test("the network stack (the host project's) holds one custom role with exactly the documented permissions", () => {
    expect(Object.entries(network.google_project_iam_custom_role).map(([key, r]) => [key, r.project, r.role_id, r.permissions])).toEqual([
      [
        'SharedVpc_GkeFirewallRole_4D5A347B',
        'drive-net-prod',
        'gkeSharedVpcFirewallManager',
        ['compute.firewalls.create', 'compute.firewalls.delete', 'compute.firewalls.get', 'compute.firewalls.list', 'compute.firewalls.update', 'compute.networks.updatePolicy'],
      ],
    ]);
    expect(resourcesOf(json, 'google_project_iam_custom_role').map(([stack]) => stack)).toEqual(['drive-network']);
  });

  test("each service project's GKE service agent holds it on the host project", () => {
    const bindings = Object.entries(network.google_project_iam_member)
      .filter(([, m]) => m.role === '${google_project_iam_custom_role.SharedVpc_GkeFirewallRole_4D5A347B.name}')
      .map(([key, m]) => [key.replace(/_[0-9A-F]{8}$/, ''), m.project, m.member.replace(/\$\{data\.google_project\.SharedVpc_([a-z0-9-]+)_Project_[0-9A-F]+\.number\}/, '<number of $1>')]);
    expect(bindings.sort()).toEqual([
      ['SharedVpc_drive-gke-dev_GkeFirewallManager', 'drive-net-prod', 'serviceAccount:service-<number of drive-gke-dev>@container-engine-robot.iam.gserviceaccount.com'],
      ['SharedVpc_drive-gke-prod_GkeFirewallManager', 'drive-net-prod', 'serviceAccount:service-<number of drive-gke-prod>@container-engine-robot.iam.gserviceaccount.com'],
      ['SharedVpc_drive-payments-prod_GkeFirewallManager', 'drive-net-prod', 'serviceAccount:service-<number of drive-payments-prod>@container-engine-robot.iam.gserviceaccount.com'],
    ]);
  });

  test('the host project enables the IAM API the custom role lives in, before the network stack applies', () => {
    const services = resourcesOf(json, 'google_project_service').map(([, , s]) => `${s.project} ${s.service}`);
    expect(services).toContain('drive-net-prod iam.googleapis.com');
  });
});
