import { Testing } from 'cdk8s';
import { PlatformPolicies, PlatformPoliciesProps } from '../../lib/tenancy/platform-policies';
import { POLICY_NAMES } from '../../lib/domain/isolation/policy-names';
import { ALL_TENANTS, MAPPING, ML, SIMULATION } from './fixtures';
import { K8sObject, roleProblems } from './k8s-checks';
import { expectK8sSchemaValid } from './validate-k8s';

function synth(props: PlatformPoliciesProps): K8sObject[] {
  const chart = Testing.chart();
  new PlatformPolicies(chart, 'Policies', props);
  return Testing.synth(chart) as K8sObject[];
}
const byKindName = (objects: K8sObject[], kind: string, name: string) => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};

describe('PlatformPolicies', () => {
  const shared = synth({ tenants: [MAPPING] });
  const dedicated = synth({ tenants: ALL_TENANTS, exemptUsers: ['system:serviceaccount:config-management-system:root-reconciler'], allowedPriorityClasses: ['tenant-default', 'tenant-batch'] });
  const policy = (objects: K8sObject[], name: string) => byKindName(objects, 'ValidatingAdmissionPolicy', name).spec;

  test('snapshot without dedicated-nodes tenants', () => {
    expect(shared).toMatchSnapshot();
  });

  test('snapshot with dedicated-nodes tenants', () => {
    expect(dedicated).toMatchSnapshot();
  });

  test('every object is valid against the Kubernetes schema', () => {
    expectK8sSchemaValid([...shared, ...dedicated]);
  });

  test('emits only ClusterRoles, admission policies and their bindings (no ClusterRoleBinding)', () => {
    expect([...new Set(dedicated.map((o) => `${o.apiVersion} ${o.kind}`))].sort()).toEqual([
      'admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy',
      'admissionregistration.k8s.io/v1 ValidatingAdmissionPolicyBinding',
      'rbac.authorization.k8s.io/v1 ClusterRole',
    ]);
  });

  describe('ClusterRoles', () => {
    test('defines tenant-admin, tenant-developer, tenant-viewer and tenant-leader-election', () => {
      expect(shared.filter((o) => o.kind === 'ClusterRole').map((o) => o.metadata.name)).toEqual(['tenant-admin', 'tenant-developer', 'tenant-viewer', 'tenant-leader-election']);
    });

    test('tenant-leader-election holds Leases and writing Events; admins hold it (so they may grant it), developers do not', () => {
      type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
      const rules = (name: string) => byKindName(shared, 'ClusterRole', name).rules as Rule[];
      expect(rules('tenant-leader-election')).toEqual([
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
        { apiGroups: [''], resources: ['events'], verbs: ['create', 'update', 'patch'] },
        { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['create', 'update', 'patch'] },
      ]);
      const holds = (role: string, rule: Rule) => rule.resources.every((r) => rule.verbs.every((v) => rules(role).some((x) => x.apiGroups.includes(rule.apiGroups[0]) && x.resources.includes(r) && x.verbs.includes(v))));
      for (const rule of rules('tenant-leader-election')) {
        expect(holds('tenant-admin', rule)).toBe(true);
        expect(holds('tenant-developer', rule)).toBe(false);
      }
    });

    test('grant no escalate, bind, impersonate, wildcard or cluster RBAC', () => {
      expect(roleProblems(shared)).toEqual([]);
    });

    test('viewers cannot read secrets; developers can write workloads but not RBAC; admins manage namespace RBAC', () => {
      const rules = (name: string) => byKindName(shared, 'ClusterRole', name).rules as { apiGroups: string[]; resources: string[]; verbs: string[] }[];
      const can = (name: string, group: string, resource: string, verb: string) => rules(name).some((r) => r.apiGroups.includes(group) && r.resources.includes(resource) && r.verbs.includes(verb));
      expect(can('tenant-viewer', '', 'secrets', 'get')).toBe(false);
      expect(can('tenant-viewer', 'apps', 'deployments', 'list')).toBe(true);
      expect(can('tenant-viewer', 'apps', 'deployments', 'create')).toBe(false);
      expect(can('tenant-developer', 'apps', 'deployments', 'create')).toBe(true);
      expect(can('tenant-developer', 'rbac.authorization.k8s.io', 'rolebindings', 'create')).toBe(false);
      expect(can('tenant-admin', 'rbac.authorization.k8s.io', 'rolebindings', 'create')).toBe(true);
      // Connectivity is declared in the platform definition, so no role writes NetworkPolicies.
      for (const role of ['tenant-admin', 'tenant-developer', 'tenant-viewer']) expect(can(role, 'networking.k8s.io', 'networkpolicies', 'create')).toBe(false);
    });
  });

  test('each policy has a binding of the same name that denies', () => {
    const policies = dedicated.filter((o) => o.kind === 'ValidatingAdmissionPolicy').map((o) => o.metadata.name);
    expect(policies).toEqual(Object.values(POLICY_NAMES));
    for (const name of policies) expect(byKindName(dedicated, 'ValidatingAdmissionPolicyBinding', name).spec).toEqual({ policyName: name, validationActions: ['Deny'] });
  });

  test('offers Ingress classes only to tenants with a load-balancer quota, and the classes given', () => {
    const spec = policy(synth({ tenants: [{ ...MAPPING, quota: { loadBalancers: 1 }, hosts: ['maps.example.com'] }, SIMULATION], tenantIngressClasses: ['gce-internal', 'nginx-internal'] }), POLICY_NAMES.restrictIngresses);
    expect(spec.variables[0]).toEqual({ name: 'allowedClasses', expression: 'request.namespace in ["mapping"] ? ["gce-internal", "nginx-internal"] : []' });
    expect(spec.variables.find((v: any) => v.name === 'ownHosts').expression).toBe('request.namespace in {"mapping": ["maps.example.com"]} ? {"mapping": ["maps.example.com"]}[request.namespace] : []');
    expect(policy(shared, POLICY_NAMES.restrictIngresses).variables[0].expression).toBe('[]');
  });

  test('allows the inline CSI drivers given', () => {
    const spec = policy(synth({ tenants: [MAPPING], allowedInlineCsiDrivers: ['filestore.csi.storage.gke.io'] }), POLICY_NAMES.restrictVolumes);
    expect(spec.validations[0].expression).toContain('["filestore.csi.storage.gke.io"]');
  });

  test('throws when two tenants claim overlapping hosts (admission could not tell their hosts apart)', () => {
    expect(() =>
      synth({
        tenants: [
          { ...MAPPING, hosts: ['example.com'] },
          { ...SIMULATION, hosts: ['sim.example.com'] },
        ],
      }),
    ).toThrow(
      'Policies/tenants[simulation]: hosts[0] "sim.example.com" lies under "example.com", which tenant "mapping" claims: that tenant could serve this host too; move the name out of "example.com", or narrow tenant "mapping"\'s names',
    );
  });

  test('a dry run binds with Warn and Audit', () => {
    const objects = synth({ tenants: [MAPPING], validationActions: ['Warn', 'Audit'] });
    expect(byKindName(objects, 'ValidatingAdmissionPolicyBinding', POLICY_NAMES.restrictServices).spec.validationActions).toEqual(['Warn', 'Audit']);
  });

  test('protects platform-owned objects in tenant namespaces, exempting platform identities', () => {
    const spec = policy(dedicated, POLICY_NAMES.protectPlatformObjects);
    expect(spec.failurePolicy).toBe('Fail');
    expect(spec.matchConstraints).toEqual({
      namespaceSelector: { matchExpressions: [{ key: 'platform.gke-platform-cdk.io/tenant', operator: 'Exists' }] },
      resourceRules: [{ apiGroups: ['*'], apiVersions: ['*'], resources: ['*'], operations: ['CREATE', 'UPDATE', 'DELETE'], scope: '*' }],
    });
    expect(spec.matchConditions).toEqual([
      {
        name: 'not-platform-identity',
        expression:
          '!(request.userInfo.username in ["system:kube-controller-manager", "system:serviceaccount:config-management-system:root-reconciler"] || ' +
          '(has(request.userInfo.groups) && request.userInfo.groups.exists(g, g in ["system:masters", "system:serviceaccounts:kube-system"])))',
      },
    ]);
    expect(spec.validations[0].expression).toContain('oldObject.metadata.labels["platform.gke-platform-cdk.io/managed-by"] == "platform"');
    expect(spec.validations[0].expression).toContain('object.metadata.labels["platform.gke-platform-cdk.io/managed-by"] == "platform"');
  });

  test('exemptions given as props extend the defaults, never replace them', () => {
    const spec = policy(synth({ tenants: [], exemptUsers: ['reconciler'], exemptGroups: ['platform-ops'] }), POLICY_NAMES.protectNamespaceLabels);
    expect(spec.matchConditions[1].expression).toBe(
      '!(request.userInfo.username in ["system:kube-controller-manager", "reconciler"] || (has(request.userInfo.groups) && request.userInfo.groups.exists(g, g in ["system:masters", "system:serviceaccounts:kube-system", "platform-ops"])))',
    );
  });

  test('default exemptions are cluster admins, kube-system controllers and the controller manager', () => {
    expect(policy(shared, POLICY_NAMES.protectPlatformObjects).matchConditions[0].expression).toBe(
      '!(request.userInfo.username in ["system:kube-controller-manager"] || (has(request.userInfo.groups) && request.userInfo.groups.exists(g, g in ["system:masters", "system:serviceaccounts:kube-system"])))',
    );
  });

  test('stops changes to tenant namespace labels, selected by the old object', () => {
    const spec = policy(shared, POLICY_NAMES.protectNamespaceLabels);
    expect(spec.matchConstraints.resourceRules).toEqual([{ apiGroups: [''], apiVersions: ['v1'], resources: ['namespaces'], operations: ['UPDATE'], scope: 'Cluster' }]);
    expect(spec.matchConditions[0].expression).toBe('has(oldObject.metadata.labels) && "platform.gke-platform-cdk.io/tenant" in oldObject.metadata.labels');
    expect(spec.validations[0].expression).toBe('has(object.metadata.labels) && object.metadata.labels == oldObject.metadata.labels');
  });

  test('blocks NodePort Services and unapproved LoadBalancer annotations, without exemptions', () => {
    const spec = policy(shared, POLICY_NAMES.restrictServices);
    expect(spec.matchConditions).toBeUndefined();
    expect(spec.validations[0].expression).toBe('!has(object.spec.type) || object.spec.type != "NodePort"');
    expect(spec.validations[1].expression).toContain('k in ["networking.gke.io/load-balancer-type", "networking.gke.io/internal-load-balancer-allow-global-access"');
    expect(spec.validations[1].expression).toContain('["cloud.google.com/", "networking.gke.io/", "service.kubernetes.io/", "service.beta.kubernetes.io/"].exists(p, k.startsWith(p))');
  });

  test('refuses Service externalIPs (CVE-2020-8554)', () => {
    expect(policy(shared, POLICY_NAMES.restrictServices).validations[2].expression).toBe('!has(object.spec.externalIPs) || size(object.spec.externalIPs) == 0');
  });

  test('refuses spec.nodeName on pods and workload templates in tenant namespaces, except from kubelets', () => {
    const spec = policy(shared, POLICY_NAMES.restrictNodeName);
    expect(spec.matchConstraints.namespaceSelector).toEqual({ matchExpressions: [{ key: 'platform.gke-platform-cdk.io/tenant', operator: 'Exists' }] });
    expect(spec.matchConstraints.resourceRules.map((r: any) => r.resources).flat()).toEqual(['pods', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs']);
    expect(spec.matchConstraints.resourceRules[0].operations).toEqual(['CREATE']);
    expect(spec.matchConditions).toEqual([{ name: 'not-kubelet', expression: '!(has(request.userInfo.groups) && request.userInfo.groups.exists(g, g in ["system:nodes"]))' }]);
    expect(spec.validations[0].expression).toBe('!has(variables.podSpec.nodeName) || variables.podSpec.nodeName == ""');
  });

  test('takes the LoadBalancer annotation allow-list as a prop', () => {
    const spec = policy(synth({ tenants: [], allowedLoadBalancerAnnotations: ['networking.gke.io/load-balancer-type'], loadBalancerAnnotationPrefixes: ['networking.gke.io/'] }), POLICY_NAMES.restrictServices);
    expect(spec.validations[1].expression).toBe(
      '!has(object.spec.type) || object.spec.type != "LoadBalancer" || !has(object.metadata.annotations) || ' +
        'object.metadata.annotations.all(k, !["networking.gke.io/"].exists(p, k.startsWith(p)) || k in ["networking.gke.io/load-balancer-type"])',
    );
  });

  test('restricts priority classes to the allowed list (none by default)', () => {
    expect(policy(shared, POLICY_NAMES.restrictPriorityClasses).validations[0].expression).toBe('!has(variables.podSpec.priorityClassName) || variables.podSpec.priorityClassName in []');
    expect(policy(dedicated, POLICY_NAMES.restrictPriorityClasses).validations[0].expression).toBe('!has(variables.podSpec.priorityClassName) || variables.podSpec.priorityClassName in ["tenant-default", "tenant-batch"]');
    expect(policy(shared, POLICY_NAMES.restrictPriorityClasses).variables[0].expression).toBe('object.kind == "Pod" ? object.spec : (object.kind == "CronJob" ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec)');
  });

  test('adds no dedicated-node policies without dedicated-nodes tenants', () => {
    expect(shared.filter((o) => o.metadata.name.startsWith('platform-dedicated-nodes'))).toEqual([]);
  });

  describe('dedicated nodes', () => {
    test('pods in a dedicated tenant namespace must select and tolerate its nodes', () => {
      const spec = policy(dedicated, POLICY_NAMES.dedicatedNodesPlacement);
      expect(spec.matchConstraints.namespaceSelector).toEqual({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['ml', 'simulation'] }] });
      expect(spec.validations[0].expression).toBe('has(variables.podSpec.nodeSelector) && "tenant" in variables.podSpec.nodeSelector && variables.podSpec.nodeSelector["tenant"] == request.namespace');
      expect(spec.validations[1].expression).toContain('t.key == "tenant" && has(t.value) && t.value == request.namespace');
      expect(spec.validations[1].expression).toContain('t.effect == "NoSchedule"');
    });

    test('pods outside system namespaces must not tolerate another tenant taint or every taint', () => {
      const spec = policy(dedicated, POLICY_NAMES.dedicatedNodesKeepOthersOff);
      expect(spec.matchConstraints.namespaceSelector.matchExpressions[0]).toMatchObject({ key: 'kubernetes.io/metadata.name', operator: 'NotIn' });
      expect(spec.matchConstraints.namespaceSelector.matchExpressions[0].values).toContain('kube-system');
      expect(spec.variables.slice(1)).toEqual([
        { name: 'dedicatedTenants', expression: '["ml", "simulation"]' },
        { name: 'otherTenants', expression: 'variables.dedicatedTenants.filter(n, n != request.namespace)' },
      ]);
      expect(spec.validations[0].expression).toContain('variables.otherTenants.exists(n, ');
      expect(spec.validations[1].expression).toContain('!(variables.podSpec.nodeSelector["tenant"] in variables.otherTenants)');
      expect(spec.validations[2].expression).toContain('requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.all(term');
      expect(spec.validations[0].expression).toContain('((!has(t.key) || t.key == "") && has(t.operator) && t.operator == "Exists")');
    });

    test('the system namespace list is a prop', () => {
      const spec = policy(synth({ tenants: [SIMULATION], systemNamespaces: ['kube-system', 'monitoring'] }), POLICY_NAMES.dedicatedNodesKeepOthersOff);
      expect(spec.matchConstraints.namespaceSelector.matchExpressions[0].values).toEqual(['kube-system', 'monitoring']);
    });
  });

  describe('validation', () => {
    test('throws when a dedicated tenant is listed as a system namespace', () => {
      expect(() => synth({ tenants: [ML], systemNamespaces: ['kube-system', 'ml'] })).toThrow(
        /test\/Policies: systemNamespaces "ml" contains a dedicated-nodes tenant, which would let it escape its nodes; remove "ml" from systemNamespaces/,
      );
    });

    test('throws when a dedicated tenant name is not a DNS-1123 label', () => {
      expect(() => synth({ tenants: [{ ...ML, name: 'ML' }] })).toThrow(/tenants.name "ML" is not a DNS-1123 label/);
    });

    test.each([[[]], [['Deny', 'Warn']]])('throws when validationActions are %p', (actions) => {
      expect(() => synth({ tenants: [], validationActions: actions as never })).toThrow(/validationActions .* must be non-empty and must not combine Deny with Warn/);
    });
  });
});
