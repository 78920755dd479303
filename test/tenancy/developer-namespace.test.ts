import { Testing } from 'cdk8s';
import { DeveloperNamespace, DeveloperNamespaceProps } from '../../lib/tenancy/developer-namespace';
import { K8sObject, tenantNamespaceProblems } from './k8s-checks';
import { expectK8sSchemaValid } from './validate-k8s';

const ALICE = { name: 'dev-alice', owner: 'alice@example.com', expires: '2025-03-31' };
const TODAY = '2025-03-01';

function build(props: DeveloperNamespaceProps): { ns: DeveloperNamespace; objects: K8sObject[] } {
  const chart = Testing.chart();
  const ns = new DeveloperNamespace(chart, props.spec.name, props);
  return { ns, objects: Testing.synth(chart) as K8sObject[] };
}
const find = (objects: K8sObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name)!;

describe('DeveloperNamespace', () => {
  const { objects } = build({ spec: ALICE, today: TODAY });

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });

  test('every object is valid against the Kubernetes schema', () => {
    expectK8sSchemaValid(objects);
  });

  test('passes the static checks except that its owner is bound as a User', () => {
    expect(tenantNamespaceProblems(objects, 'dev-alice', [])).toEqual(['dev-alice: RoleBinding owner binds User alice@example.com']);
  });

  test('binds its owner as admin with a RoleBinding of kind User', () => {
    expect(find(objects, 'RoleBinding', 'owner')).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'tenant-admin' },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice@example.com' }],
    });
  });

  test('labels its expiry and annotates its owner; enforces restricted Pod Security', () => {
    const ns = find(objects, 'Namespace', 'dev-alice');
    expect(ns.metadata.labels).toMatchObject({ 'platform.gke-platform-cdk.io/expires': '2025-03-31', 'platform.gke-platform-cdk.io/tenancy': 'developer', 'pod-security.kubernetes.io/enforce': 'restricted' });
    expect(ns.metadata.annotations).toEqual({ 'platform.gke-platform-cdk.io/owner': 'alice@example.com' });
  });

  test('has no expiry label without an expiry date', () => {
    const { objects: o } = build({ spec: { name: 'dev-bob', owner: 'bob@example.com' } });
    expect(find(o, 'Namespace', 'dev-bob').metadata.labels).not.toHaveProperty('platform.gke-platform-cdk.io/expires');
  });

  test('gets a small quota by default and a custom one when given', () => {
    expect(find(objects, 'ResourceQuota', 'tenant-quota').spec.hard).toEqual({
      'requests.cpu': '2',
      'requests.memory': '4Gi',
      'limits.cpu': '4',
      'limits.memory': '8Gi',
      'requests.storage': '20Gi',
      pods: 20,
      'services.loadbalancers': 0,
      'count/ingresses.networking.k8s.io': 0,
      persistentvolumeclaims: 5,
      'requests.nvidia.com/gpu': 0,
    });
    const { objects: custom } = build({ spec: ALICE, today: TODAY, quota: { pods: 5 } });
    expect(find(custom, 'ResourceQuota', 'tenant-quota').spec.hard.pods).toBe(5);
  });

  test('gets the default network policies', () => {
    expect(
      objects
        .filter((o) => o.kind === 'NetworkPolicy')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(['allow-dns', 'allow-metadata-server', 'allow-same-namespace', 'default-deny']);
  });

  test('reports expiry inside the grace period', () => {
    expect(build({ spec: ALICE, today: TODAY }).ns.expired).toBeUndefined();
    expect(build({ spec: ALICE, today: '2025-04-05' }).ns.expired).toEqual({ name: 'dev-alice', owner: 'alice@example.com', expires: '2025-03-31', daysExpired: 5, daysUntilRejected: 9 });
  });

  test.each<[string, Partial<DeveloperNamespaceProps>, RegExp]>([
    ['it expired beyond the grace period', { today: '2025-04-15' }, /test\/dev-alice: expires "2025-03-31" passed 15 days ago, beyond the 14-day grace period; remove the entry/],
    ['it expired beyond a custom grace period', { today: '2025-04-02', gracePeriodDays: 1 }, /passed 2 days ago, beyond the 1-day grace period/],
    ['the owner is not an e-mail', { spec: { ...ALICE, owner: 'alice' } }, /test\/dev-alice: owner "alice" is not an e-mail address/],
    ['the LimitRange defaults exceed the quota', { quota: { requestsCpu: '50m' } }, /limits.defaultRequestCpu "100m" exceeds quota.requestsCpu "50m"/],
  ])('throws when %s', (_, change, expected) => {
    expect(() => build({ spec: ALICE, today: TODAY, ...change })).toThrow(expected);
  });
});
