import { Testing } from 'cdk8s';
import { TenantNamespace, TenantNamespaceProps } from '../../lib/tenancy/tenant-namespace';
import { MAPPING, MINIMAL, ROUTING } from './fixtures';
import { K8sObject, tenantNamespaceProblems } from './k8s-checks';
import { expectK8sSchemaValid } from './validate-k8s';

function synth(props: TenantNamespaceProps): K8sObject[] {
  const chart = Testing.chart();
  new TenantNamespace(chart, props.tenant.name, props);
  return Testing.synth(chart) as K8sObject[];
}
const find = (objects: K8sObject[], kind: string, name: string) => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};

describe('TenantNamespace', () => {
  const minimal = synth({ tenant: MINIMAL });
  const mapping = synth({ tenant: MAPPING, dependents: ['simulation'], project: 'prod-project' });

  test('minimal tenant snapshot', () => {
    expect(minimal).toMatchSnapshot();
  });

  test('full tenant snapshot', () => {
    expect(mapping).toMatchSnapshot();
  });

  test('every object is valid against the Kubernetes schema', () => {
    expectK8sSchemaValid([...minimal, ...mapping, ...synth({ tenant: ROUTING })]);
  });

  test('passes the static multi-tenancy checks', () => {
    expect(tenantNamespaceProblems(minimal, 'minimal', [])).toEqual([]);
    expect(tenantNamespaceProblems(mapping, 'mapping', Object.values(MAPPING.groups))).toEqual([]);
  });

  test('every object is in the tenant namespace and labelled platform-owned', () => {
    for (const o of mapping.filter((x) => x.kind !== 'Namespace')) expect(o.metadata.namespace).toBe('mapping');
    for (const o of mapping) {
      expect(o.metadata.labels).toMatchObject({ 'platform.gke-platform-cdk.io/managed-by': 'platform', 'platform.gke-platform-cdk.io/tenant': 'mapping' });
    }
  });

  describe('Namespace', () => {
    test('carries tenant, cost and isolation labels', () => {
      expect(find(mapping, 'Namespace', 'mapping').metadata.labels).toMatchObject({
        team: 'maps',
        environment: 'prod',
        'cost-center': 'cc-1234',
        'platform.gke-platform-cdk.io/tenancy': 'tenant',
        'platform.gke-platform-cdk.io/isolation': 'shared',
      });
    });

    test('enforces restricted Pod Security by default, pinned to v1.33', () => {
      expect(find(minimal, 'Namespace', 'minimal').metadata.labels).toMatchObject({
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'v1.33',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/audit-version': 'v1.33',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/warn-version': 'v1.33',
      });
    });

    test('a baseline tenant enforces baseline and still warns and audits at restricted', () => {
      const labels = find(synth({ tenant: ROUTING, podSecurityVersion: 'v1.32' }), 'Namespace', 'routing').metadata.labels;
      expect(labels).toMatchObject({
        'pod-security.kubernetes.io/enforce': 'baseline',
        'pod-security.kubernetes.io/enforce-version': 'v1.32',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
      });
    });
  });

  describe('quota and limits', () => {
    test('the ResourceQuota has the documented defaults and services.loadbalancers (not count/...)', () => {
      expect(find(minimal, 'ResourceQuota', 'tenant-quota').spec.hard).toEqual({
        'requests.cpu': '4',
        'requests.memory': '8Gi',
        'limits.cpu': '8',
        'limits.memory': '16Gi',
        'requests.storage': '100Gi',
        pods: 100,
        'services.loadbalancers': 0,
        'count/ingresses.networking.k8s.io': 0,
        persistentvolumeclaims: 20,
        'requests.nvidia.com/gpu': 0,
      });
    });

    test('Ingresses are bounded by the load-balancer quota and GPUs by quota.gpus', () => {
      const hard = find(synth({ tenant: { ...ROUTING, quota: { loadBalancers: 2, gpus: 4 } } }), 'ResourceQuota', 'tenant-quota').spec.hard;
      expect(hard).toMatchObject({ 'services.loadbalancers': 2, 'count/ingresses.networking.k8s.io': 2, 'requests.nvidia.com/gpu': 4 });
    });

    test('a scoped quota gives zero pods at system priority classes', () => {
      expect(find(minimal, 'ResourceQuota', 'deny-system-priority-classes').spec).toEqual({
        hard: { pods: 0 },
        scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['system-cluster-critical', 'system-node-critical'] }] },
      });
    });

    test('the LimitRange sets container default, defaultRequest and max', () => {
      expect(find(minimal, 'LimitRange', 'tenant-limits').spec.limits).toEqual([{ type: 'Container', default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' }, max: { cpu: '4', memory: '8Gi' } }]);
    });
  });

  describe('RBAC', () => {
    test('binds each tenant group to its platform ClusterRole with a RoleBinding of kind Group', () => {
      for (const [role, group] of [
        ['tenant-admin', 'mapping-admins@example.com'],
        ['tenant-developer', 'mapping-devs@example.com'],
        ['tenant-viewer', 'mapping-viewers@example.com'],
      ]) {
        const binding = find(mapping, 'RoleBinding', role);
        expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role });
        expect(binding.subjects).toEqual([{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: group }]);
      }
      expect(mapping.filter((o) => o.kind === 'ClusterRoleBinding')).toEqual([]);
    });

    test('binds no role for a missing group', () => {
      expect(minimal.filter((o) => o.kind === 'RoleBinding').map((o) => o.metadata.name)).toEqual(['deployer']);
    });

    test('creates a deployer service account, without token automount, bound to tenant-developer', () => {
      expect(find(minimal, 'ServiceAccount', 'deployer').automountServiceAccountToken).toBe(false);
      expect(find(minimal, 'RoleBinding', 'deployer')).toMatchObject({
        roleRef: { kind: 'ClusterRole', name: 'tenant-developer' },
        subjects: [{ kind: 'ServiceAccount', name: 'deployer', namespace: 'minimal' }],
      });
    });

    test('the deployer role can be changed', () => {
      expect(find(synth({ tenant: MINIMAL, deployerClusterRole: 'tenant-admin' }), 'RoleBinding', 'deployer').roleRef.name).toBe('tenant-admin');
    });
  });

  test('annotates Workload Identity service accounts with their Google service account', () => {
    expect(find(mapping, 'ServiceAccount', 'tiles').metadata.annotations).toEqual({ 'iam.gke.io/gcp-service-account': 'mapping-tiles@prod-project.iam.gserviceaccount.com' });
  });

  describe('NetworkPolicies', () => {
    const policy = (name: string) => find(mapping, 'NetworkPolicy', name).spec;

    test('denies all ingress and egress by default', () => {
      expect(policy('default-deny')).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    });

    test('allows traffic within the namespace', () => {
      expect(policy('allow-same-namespace')).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: {} }] }], egress: [{ to: [{ podSelector: {} }] }] });
    });

    test('allows DNS to kube-dns and NodeLocal DNSCache on UDP and TCP 53', () => {
      const ports = [
        { port: 53, protocol: 'UDP' },
        { port: 53, protocol: 'TCP' },
      ];
      expect(policy('allow-dns').egress).toEqual([
        { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports },
        { to: [{ ipBlock: { cidr: '169.254.20.10/32' } }], ports },
      ]);
    });

    test('allows the metadata server on TCP 80 and 988', () => {
      expect(policy('allow-metadata-server').egress).toEqual([
        {
          to: [{ ipBlock: { cidr: '169.254.169.254/32' } }],
          ports: [
            { port: 80, protocol: 'TCP' },
            { port: 988, protocol: 'TCP' },
          ],
        },
      ]);
    });

    test('metadata server and NodeLocal DNS addresses can be changed', () => {
      const objects = synth({ tenant: MINIMAL, nodeLocalDnsCidr: '169.254.20.11/32', metadataServer: [{ cidr: '169.254.169.252/32', ports: [{ port: 988 }] }] });
      expect(find(objects, 'NetworkPolicy', 'allow-metadata-server').spec.egress).toEqual([{ to: [{ ipBlock: { cidr: '169.254.169.252/32' } }], ports: [{ port: 988, protocol: 'TCP' }] }]);
      expect(find(objects, 'NetworkPolicy', 'allow-dns').spec.egress[1].to).toEqual([{ ipBlock: { cidr: '169.254.20.11/32' } }]);
    });

    test('allows egress to each declared dependency by namespace name', () => {
      expect(policy('allow-egress-to-routing')).toEqual({
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'routing' } } }] }],
      });
    });

    test('allows ingress from each dependent tenant', () => {
      expect(policy('allow-ingress-from-simulation')).toEqual({
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'simulation' } } }] }],
      });
    });

    test('allows external dependencies by CIDR and port', () => {
      expect(policy('allow-external-egress').egress).toEqual([
        {
          to: [{ ipBlock: { cidr: '10.200.0.0/16' } }],
          ports: [
            { port: 443, protocol: 'TCP' },
            { port: 5432, protocol: 'TCP' },
          ],
        },
      ]);
    });

    test('allows declared ingress sources', () => {
      expect(policy('allow-declared-ingress').ingress).toEqual([
        { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gateway' } }, podSelector: { matchLabels: { app: 'gateway' } } }], ports: [{ port: 8080, protocol: 'TCP' }] },
        { from: [{ ipBlock: { cidr: '35.191.0.0/16' } }] },
      ]);
    });

    test('a tenant without dependencies gets only the baseline policies', () => {
      expect(
        minimal
          .filter((o) => o.kind === 'NetworkPolicy')
          .map((o) => o.metadata.name)
          .sort(),
      ).toEqual(['allow-dns', 'allow-metadata-server', 'allow-same-namespace', 'default-deny']);
    });
  });

  describe('validation', () => {
    test('throws when the tenant spec is invalid, naming the construct path', () => {
      expect(() => synth({ tenant: { ...MINIMAL, groups: { admin: 'admins' } } })).toThrow(/^test\/minimal: groups.admin "admins" is not an e-mail address/);
    });

    test('throws when workload identities are declared without a project', () => {
      expect(() => synth({ tenant: MAPPING })).toThrow(/test\/mapping: project undefined is missing, but the tenant declares workloadIdentities; pass the GCP project/);
    });

    test.each([
      ['the tenant itself', 'mapping', /dependents "mapping" is the tenant itself/],
      ['not a DNS-1123 label', 'Sim', /dependents "Sim" is not a DNS-1123 label/],
    ])('throws when a dependent is %s', (_, dependent, expected) => {
      expect(() => synth({ tenant: MAPPING, project: 'prod-project', dependents: [dependent] })).toThrow(expected);
    });
  });
});
