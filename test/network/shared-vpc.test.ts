import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { Network } from '../../lib/network/network';
import { SharedVpc, SharedVpcProps } from '../../lib/network/shared-vpc';

function build(props: (network: Network) => Partial<SharedVpcProps> = () => ({})) {
  const stack = new TerraformStack(Testing.app(), 'net');
  new GoogleProvider(stack, 'google', { project: 'host-project' });
  const network = new Network(stack, 'Network', {
    projectId: 'host-project',
    name: 'platform',
    subnets: [
      { name: 'gke-prod', region: 'us-central1', cidr: '10.0.0.0/22' },
      { name: 'gke-dev', region: 'us-west1', cidr: '10.0.4.0/24' },
    ],
  });
  new SharedVpc(stack, 'SharedVpc', { hostProject: 'host-project', serviceProjects: [{ projectId: 'gke-prod-proj', subnets: [network.subnet('gke-prod')] }], ...props(network) });
  const text = Testing.synth(stack, true);
  return { text, json: JSON.parse(text) };
}

describe('SharedVpc', () => {
  test('enables the host project and attaches each service project', () => {
    const { json } = build();
    expect(Object.values(json.resource.google_compute_shared_vpc_host_project)).toEqual([{ project: 'host-project' }]);
    expect(Object.values(json.resource.google_compute_shared_vpc_service_project)).toEqual([
      { host_project: expect.stringMatching(/^\$\{google_compute_shared_vpc_host_project\.SharedVpc[^.]*\.project\}$/), service_project: 'gke-prod-proj' },
    ]);
  });

  test('an existing host is never enabled here (nothing to disable on destroy); its attachments name the host project directly', () => {
    const { json } = build(() => ({ existingHost: true }));
    expect(json.resource.google_compute_shared_vpc_host_project).toBeUndefined();
    expect(Object.values(json.resource.google_compute_shared_vpc_service_project)).toEqual([{ host_project: 'host-project', service_project: 'gke-prod-proj' }]);
  });

  test('attachServiceProjects false: no attachment, the service agents still get their grants', () => {
    const { json } = build(() => ({ existingHost: true, attachServiceProjects: false }));
    expect(json.resource.google_compute_shared_vpc_service_project).toBeUndefined();
    expect(Object.values(json.resource.google_compute_subnetwork_iam_member)).toHaveLength(2);
    expect(roles(json)).toEqual([`host-project <custom role> ${agent}`, `host-project roles/container.hostServiceAgentUser ${agent}`]);
  });

  test("shares only the service project's subnets, with networkUser for GKE's and Google APIs' service agents", () => {
    const { json } = build();
    const members = Object.values(json.resource.google_compute_subnetwork_iam_member) as any[];
    const agent = (m: any) => m.member.replace(/\$\{data\.google_project\.[^}]+\.number\}/, '<number>');
    expect(members.map((m) => [m.role, agent(m), m.region]).sort()).toEqual([
      ['roles/compute.networkUser', 'serviceAccount:<number>@cloudservices.gserviceaccount.com', 'us-central1'],
      ['roles/compute.networkUser', 'serviceAccount:service-<number>@container-engine-robot.iam.gserviceaccount.com', 'us-central1'],
    ]);
    for (const member of members) expect(member.subnetwork).toMatch(/^\$\{google_compute_subnetwork\.Network_Subnet-gke-prod_[^}]+\.id\}$/);
    expect(JSON.stringify(members)).not.toContain('gke-dev');
  });

  const roles = (json: any) =>
    (Object.values(json.resource.google_project_iam_member) as any[])
      .map((m) => `${m.project} ${m.role.replace(/\$\{google_project_iam_custom_role\.[^}]+\.name\}/, '<custom role>')} ${m.member.replace(/\$\{data\.google_project\.[^}]+\.number\}/, '<number>')}`)
      .sort();
  const agent = 'serviceAccount:service-<number>@container-engine-robot.iam.gserviceaccount.com';

  test('grants the GKE service agent hostServiceAgentUser and, by default, the firewall custom role on the host project', () => {
    expect(roles(build().json)).toEqual([`host-project <custom role> ${agent}`, `host-project roles/container.hostServiceAgentUser ${agent}`]);
  });

  test('the custom role holds exactly the permissions GKE documents for Shared VPC load balancers, once per host project', () => {
    const json = build((n) => ({
      serviceProjects: [
        { projectId: 'gke-prod-proj', subnets: [n.subnet('gke-prod')] },
        { projectId: 'gke-dev-proj', subnets: [n.subnet('gke-dev')] },
      ],
    })).json;
    expect(Object.values(json.resource.google_project_iam_custom_role)).toEqual([
      {
        project: 'host-project',
        role_id: 'gkeSharedVpcFirewallManager',
        title: 'GKE firewall management (Shared VPC)',
        description: "What service projects' GKE service agents need to open load balancers' and Ingress firewall rules in the host project",
        permissions: ['compute.firewalls.create', 'compute.firewalls.delete', 'compute.firewalls.get', 'compute.firewalls.list', 'compute.firewalls.update', 'compute.networks.updatePolicy'],
        stage: 'GA',
      },
    ]);
    const [roleKey] = Object.keys(json.resource.google_project_iam_custom_role);
    const bindings = (Object.values(json.resource.google_project_iam_member) as any[]).filter((m) => m.role === `\${google_project_iam_custom_role.${roleKey}.name}`);
    expect(bindings.map((m) => m.member).sort()).toEqual([
      expect.stringMatching(/^serviceAccount:service-\$\{data\.google_project\.SharedVpc_gke-dev-proj_Project_[0-9A-F]+\.number\}@container-engine-robot\.iam\.gserviceaccount\.com$/),
      expect.stringMatching(/^serviceAccount:service-\$\{data\.google_project\.SharedVpc_gke-prod-proj_Project_[0-9A-F]+\.number\}@container-engine-robot\.iam\.gserviceaccount\.com$/),
    ]);
  });

  test.each<[string, 'security-admin' | 'none', string[]]>([
    ['security-admin: the predefined role instead (broader)', 'security-admin', [`host-project roles/compute.securityAdmin ${agent}`, `host-project roles/container.hostServiceAgentUser ${agent}`]],
    ['none: no firewall permission (GKE asks for the rules in events)', 'none', [`host-project roles/container.hostServiceAgentUser ${agent}`]],
  ])('gkeFirewallManagement %s', (_, mode, expected) => {
    const json = build(() => ({ gkeFirewallManagement: mode })).json;
    expect(roles(json)).toEqual(expected);
    expect(json.resource.google_project_iam_custom_role).toBeUndefined();
  });

  test('reads each service project number with a data source', () => {
    expect(Object.values(build().json.data.google_project)).toEqual([{ project_id: 'gke-prod-proj' }]);
  });

  test('matches the snapshot', () => {
    expect(build().text).toMatchSnapshot();
  });

  test.each<[string, (n: Network) => Partial<SharedVpcProps>, RegExp]>([
    ['a project id is invalid', () => ({ hostProject: 'Host' }), /net\/SharedVpc: project "Host" must be 6-30 lower-case letters/],
    [
      'the host is listed as a service project',
      (n) => ({ serviceProjects: [{ projectId: 'host-project', subnets: [n.subnet('gke-prod')] }] }),
      /net\/SharedVpc: serviceProjects "host-project" is the host project itself; list only the projects whose clusters use the host VPC/,
    ],
    [
      'a service project is listed twice',
      (n) => ({
        serviceProjects: [
          { projectId: 'gke-prod-proj', subnets: [n.subnet('gke-prod')] },
          { projectId: 'gke-prod-proj', subnets: [n.subnet('gke-dev')] },
        ],
      }),
      /net\/SharedVpc: serviceProjects "gke-prod-proj" is listed twice; list each service project once, with all its subnets/,
    ],
  ])('throws when %s', (_, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});
