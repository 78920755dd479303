/**
 * RBAC evaluated as a table: for every cluster of the example, what each tenant group, each tenant service
 * account and each developer-namespace owner can do (verb × resource × namespace), computed from the
 * synthesized Roles, ClusterRoles and bindings, and compared with the table below. The real RBAC authorizer
 * answers the same questions in the conformance tenant suite.
 */
import { exampleManifests, examplePlatform } from './example-manifests';
import { Permission, permissionsOf, permissionTable } from './rbac-evaluator';

const WRITE = 'create delete deletecollection get list patch update watch';
const READ = 'get list watch';

/** What a tenant viewer may do in its namespace (`NS`), and nothing anywhere else. */
const VIEWER = [
  `NS apps/daemonsets: ${READ}`,
  `NS apps/deployments: ${READ}`,
  `NS apps/replicasets: ${READ}`,
  `NS apps/statefulsets: ${READ}`,
  `NS autoscaling/horizontalpodautoscalers: ${READ}`,
  `NS batch/cronjobs: ${READ}`,
  `NS batch/jobs: ${READ}`,
  `NS core/configmaps: ${READ}`,
  `NS core/endpoints: ${READ}`,
  `NS core/events: ${READ}`,
  `NS core/limitranges: ${READ}`,
  'NS core/namespaces: get',
  `NS core/persistentvolumeclaims: ${READ}`,
  `NS core/pods/log: ${READ}`,
  `NS core/pods: ${READ}`,
  `NS core/replicationcontrollers: ${READ}`,
  `NS core/resourcequotas: ${READ}`,
  `NS core/serviceaccounts: ${READ}`,
  `NS core/services: ${READ}`,
  `NS discovery.k8s.io/endpointslices: ${READ}`,
  `NS events.k8s.io/events: ${READ}`,
  `NS gateway.networking.k8s.io/grpcroutes: ${READ}`,
  `NS gateway.networking.k8s.io/httproutes: ${READ}`,
  `NS networking.k8s.io/ingresses: ${READ}`,
  `NS networking.k8s.io/networkpolicies: ${READ}`,
  `NS policy/poddisruptionbudgets: ${READ}`,
];

/** A developer (and the deployer service account): workloads, config and secrets; no RBAC, no service accounts. */
const DEVELOPER = [
  `NS apps/daemonsets: ${WRITE}`,
  'NS apps/deployments/scale: get patch update',
  `NS apps/deployments: ${WRITE}`,
  'NS apps/replicasets/scale: get patch update',
  `NS apps/replicasets: ${WRITE}`,
  'NS apps/statefulsets/scale: get patch update',
  `NS apps/statefulsets: ${WRITE}`,
  `NS autoscaling/horizontalpodautoscalers: ${WRITE}`,
  `NS batch/cronjobs: ${WRITE}`,
  `NS batch/jobs: ${WRITE}`,
  `NS core/configmaps: ${WRITE}`,
  `NS core/endpoints: ${READ}`,
  `NS core/events: ${READ}`,
  `NS core/limitranges: ${READ}`,
  'NS core/namespaces: get',
  `NS core/persistentvolumeclaims: ${WRITE}`,
  'NS core/pods/attach: create get',
  'NS core/pods/eviction: create',
  'NS core/pods/exec: create get',
  `NS core/pods/log: ${READ}`,
  'NS core/pods/portforward: create get',
  `NS core/pods: ${WRITE}`,
  `NS core/replicationcontrollers: ${READ}`,
  `NS core/resourcequotas: ${READ}`,
  `NS core/secrets: ${WRITE}`,
  `NS core/serviceaccounts: ${READ}`,
  `NS core/services: ${WRITE}`,
  `NS discovery.k8s.io/endpointslices: ${READ}`,
  `NS events.k8s.io/events: ${READ}`,
  `NS gateway.networking.k8s.io/grpcroutes: ${WRITE}`,
  `NS gateway.networking.k8s.io/httproutes: ${WRITE}`,
  `NS networking.k8s.io/ingresses: ${WRITE}`,
  `NS networking.k8s.io/networkpolicies: ${READ}`,
  `NS policy/poddisruptionbudgets: ${WRITE}`,
];

/** What an admin holds so that it may grant it to its controllers (leader election): Leases, and writing Events. */
const LEADER_ELECTION = ['NS coordination.k8s.io/leases: create delete get list patch update watch', 'NS core/events: create get list patch update watch', 'NS events.k8s.io/events: create get list patch update watch'];

/** An admin (and a developer-namespace owner): a developer plus service accounts, namespace RBAC and leader election. */
const ADMIN = [
  ...DEVELOPER.filter((l) => !/^NS (core|events\.k8s\.io)\/(serviceaccounts|events):/.test(l)),
  `NS core/serviceaccounts: ${WRITE}`,
  `NS rbac.authorization.k8s.io/rolebindings: ${WRITE}`,
  `NS rbac.authorization.k8s.io/roles: ${WRITE}`,
  ...LEADER_ELECTION,
].sort();

const manifests = exampleManifests();
const table = (cluster: string, user: string, groups: string[] = []) => permissionTable(permissionsOf(manifests[cluster], { user, groups }));
const expected = (rows: readonly string[], namespace: string) => rows.map((r) => r.replace(/^NS /, `${namespace} `)).sort();

interface Row {
  readonly cluster: string;
  readonly namespace: string;
  readonly who: string;
  readonly user: string;
  readonly groups: string[];
  readonly rows: readonly string[];
}
const rows: Row[] = [];
for (const tenant of examplePlatform.tenants ?? []) {
  for (const cluster of tenant.clusters) {
    const ns = tenant.name;
    for (const [role, rowsFor] of [
      ['admin', ADMIN],
      ['developer', DEVELOPER],
      ['viewer', VIEWER],
    ] as const) {
      const group = tenant.groups[role];
      if (group) rows.push({ cluster, namespace: ns, who: `${ns}'s ${role}s (${group})`, user: `someone@${group.split('@')[1]}`, groups: [group], rows: rowsFor });
    }
    rows.push({ cluster, namespace: ns, who: `${ns}'s deployer service account`, user: `system:serviceaccount:${ns}:deployer`, groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`], rows: DEVELOPER });
    for (const wi of tenant.workloadIdentities ?? []) {
      rows.push({ cluster, namespace: ns, who: `${ns}'s workload service account ${wi.ksa}`, user: `system:serviceaccount:${ns}:${wi.ksa}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`], rows: [] });
    }
  }
}
const developer = examplePlatform.developerNamespaces!;
for (const ns of developer.namespaces) rows.push({ cluster: developer.cluster, namespace: ns.name, who: `owner of ${ns.name}`, user: ns.owner, groups: [], rows: ADMIN });

describe('RBAC of the example, evaluated from the synthesized bindings', () => {
  test.each(rows.map((r) => [`${r.cluster}: ${r.who}`, r] as const))('%s', (_, row) => {
    expect(table(row.cluster, row.user, row.groups)).toEqual(expected(row.rows, row.namespace));
  });

  test.each(rows.map((r) => [`${r.cluster}: ${r.who}`, r] as const))('%s: nothing outside its namespace, no escalate/bind/impersonate or wildcard, no writes to platform-owned kinds', (_, row) => {
    const granted: Permission[] = permissionsOf(manifests[row.cluster], { user: row.user, groups: row.groups });
    expect(granted.filter((p) => p.namespace !== row.namespace)).toEqual([]);
    expect(granted.filter((p) => ['escalate', 'bind', 'impersonate', '*'].includes(p.verb) || p.resource === '*' || p.apiGroup === '*')).toEqual([]);
    const platformOwned = ['networkpolicies', 'resourcequotas', 'limitranges', 'namespaces'];
    expect(granted.filter((p) => platformOwned.includes(p.resource) && !['get', 'list', 'watch'].includes(p.verb))).toEqual([]);
  });

  test.each(Object.keys(manifests))('%s: every tenant group is bound only in its own namespace, never cluster-wide', (cluster) => {
    expect(manifests[cluster].filter((o) => o.kind === 'ClusterRoleBinding')).toEqual([]);
    for (const tenant of (examplePlatform.tenants ?? []).filter((t) => !t.clusters.includes(cluster))) {
      for (const group of Object.values(tenant.groups).filter((g): g is string => !!g)) expect(table(cluster, 'x', [group])).toEqual([]);
    }
  });

  test("secrets are readable only by a tenant's admins, developers and deployer, in its own namespace", () => {
    for (const row of rows) {
      const secrets = permissionsOf(manifests[row.cluster], { user: row.user, groups: row.groups }).filter((p) => p.resource === 'secrets');
      const mayRead = row.rows === ADMIN || row.rows === DEVELOPER;
      expect(secrets.map((p) => p.namespace).every((n) => n === row.namespace)).toBe(true);
      expect(secrets.some((p) => p.verb === 'get')).toBe(mayRead);
    }
  });
});
