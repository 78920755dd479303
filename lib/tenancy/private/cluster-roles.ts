/**
 * Rules of the platform's tenant ClusterRoles. Explicit resources and verbs only: no wildcards, no
 * escalate/bind/impersonate, nothing cluster-scoped except reading the tenant's own Namespace object
 * (a RoleBinding confines every rule to one namespace). Internal.
 */
import { k8s } from 'cdk8s-plus-33';

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];
/**
 * Gateway API routes a tenant attaches to the platform's shared gateways; PlatformPolicies admits only hostnames
 * under the tenant's own `hosts`. Gateways, ReferenceGrants and the other route kinds stay the platform's.
 */
const GATEWAY_ROUTES = ['httproutes', 'grpcroutes'];

/**
 * What a controller running in a tenant namespace needs beyond reading: Leases for leader election and Events to
 * report what it does. Bound to a tenant's own service accounts by its admins (the `tenant-leader-election`
 * ClusterRole); admins hold these rules so that RBAC lets them grant them, and nothing more.
 */
const LEADER_ELECTION_RULES: k8s.PolicyRule[] = [
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
  { apiGroups: [''], resources: ['events'], verbs: ['create', 'update', 'patch'] },
  { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['create', 'update', 'patch'] },
];

const VIEWER_RULES: k8s.PolicyRule[] = [
  {
    apiGroups: [''],
    resources: ['pods', 'pods/log', 'services', 'endpoints', 'configmaps', 'persistentvolumeclaims', 'events', 'serviceaccounts', 'resourcequotas', 'limitranges', 'replicationcontrollers'],
    verbs: READ,
  },
  { apiGroups: [''], resources: ['namespaces'], verbs: ['get'] },
  { apiGroups: ['apps'], resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'], verbs: READ },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: READ },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: READ },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: READ },
  // NetworkPolicies are read-only for every tenant role: connectivity is declared in the platform definition.
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: READ },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ },
  { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: READ },
  { apiGroups: ['gateway.networking.k8s.io'], resources: GATEWAY_ROUTES, verbs: READ },
];

const DEVELOPER_RULES: k8s.PolicyRule[] = [
  ...VIEWER_RULES,
  { apiGroups: [''], resources: ['secrets'], verbs: READ },
  { apiGroups: [''], resources: ['pods', 'services', 'configmaps', 'secrets', 'persistentvolumeclaims'], verbs: WRITE },
  { apiGroups: [''], resources: ['pods/exec', 'pods/attach', 'pods/portforward'], verbs: ['get', 'create'] },
  { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
  { apiGroups: ['apps'], resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'], verbs: WRITE },
  { apiGroups: ['apps'], resources: ['deployments/scale', 'statefulsets/scale', 'replicasets/scale'], verbs: ['get', 'update', 'patch'] },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: WRITE },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: WRITE },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: WRITE },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: WRITE },
  { apiGroups: ['gateway.networking.k8s.io'], resources: GATEWAY_ROUTES, verbs: WRITE },
];

const ADMIN_RULES: k8s.PolicyRule[] = [
  ...DEVELOPER_RULES,
  { apiGroups: [''], resources: ['serviceaccounts'], verbs: WRITE },
  // Without `bind`/`escalate`, Kubernetes only lets an admin bind roles whose permissions it already holds.
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: [...READ, ...WRITE] },
  // Held so that admins can grant them to their controllers (a Role or a binding of tenant-leader-election).
  ...LEADER_ELECTION_RULES,
];

export const TENANT_ROLE_RULES: Readonly<Record<'admin' | 'developer' | 'viewer' | 'leaderElection', readonly k8s.PolicyRule[]>> = {
  leaderElection: LEADER_ELECTION_RULES,
  admin: ADMIN_RULES,
  developer: DEVELOPER_RULES,
  viewer: VIEWER_RULES,
};
