/**
 * RBAC evaluated, not inspected: from a cluster's synthesized Roles, ClusterRoles, RoleBindings and
 * ClusterRoleBindings, what a user with some groups may do, as (namespace, API group, resource, verb) rows.
 * Follows the RBAC authorizer: a RoleBinding grants its role's rules in its namespace only, a ClusterRoleBinding
 * everywhere (`*`) and on cluster-scoped objects; subjects match by user, group or service account.
 * Not modelled: the bootstrap roles every cluster has (system:basic-user, system:discovery,
 * system:public-info-viewer for system:authenticated), aggregated ClusterRoles, resourceNames (reported as
 * `resource/<name>`), nonResourceURLs.
 */
import type { Manifest } from './cel-judge';

export interface Permission {
  /** The namespace, or `*` for a ClusterRoleBinding (every namespace and cluster-scoped objects). */
  readonly namespace: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly verb: string;
}

export interface Subject {
  readonly user: string;
  readonly groups: readonly string[];
}

function subjectMatches(s: any, who: Subject, bindingNamespace: string | undefined): boolean {
  switch (s.kind) {
    case 'User':
      return s.name === who.user;
    case 'Group':
      return who.groups.includes(s.name);
    case 'ServiceAccount':
      return who.user === `system:serviceaccount:${s.namespace ?? bindingNamespace}:${s.name}`;
    default:
      throw new Error(`unknown subject kind ${s.kind}`);
  }
}

/** Every permission the subject holds through the manifests' bindings, deduplicated and sorted. */
export function permissionsOf(manifests: readonly Manifest[], who: Subject): Permission[] {
  const rows = new Map<string, Permission>();
  for (const binding of manifests.filter((o) => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding')) {
    const namespace = binding.kind === 'RoleBinding' ? binding.metadata.namespace! : '*';
    if (!(binding.subjects ?? []).some((s: any) => subjectMatches(s, who, binding.metadata.namespace))) continue;
    const ref = binding.roleRef;
    const role = manifests.find((o) => o.kind === ref.kind && o.metadata.name === ref.name && (ref.kind === 'ClusterRole' || o.metadata.namespace === binding.metadata.namespace));
    if (!role) throw new Error(`${binding.kind} ${binding.metadata.namespace ?? ''}/${binding.metadata.name} refers to ${ref.kind} ${ref.name}, which the manifests do not hold`);
    if (role.aggregationRule) throw new Error(`${ref.kind} ${ref.name} aggregates other roles, which this evaluator does not model`);
    for (const rule of role.rules ?? []) {
      if (rule.nonResourceURLs) throw new Error(`${ref.kind} ${ref.name} grants nonResourceURLs, which this evaluator does not model`);
      for (const apiGroup of rule.apiGroups ?? []) {
        for (const resource of rule.resources ?? []) {
          for (const name of rule.resourceNames?.length ? rule.resourceNames : [undefined]) {
            for (const verb of rule.verbs ?? []) {
              const r = name ? `${resource}/${name}` : resource;
              rows.set(`${namespace}|${apiGroup}|${r}|${verb}`, { namespace, apiGroup, resource: r, verb });
            }
          }
        }
      }
    }
  }
  return [...rows.values()].sort((a, b) => `${a.namespace}|${a.apiGroup}|${a.resource}|${a.verb}`.localeCompare(`${b.namespace}|${b.apiGroup}|${b.resource}|${b.verb}`));
}

/** The permissions as a table: `<namespace> <group>/<resource>: <verbs>` lines, one per resource. */
export function permissionTable(permissions: readonly Permission[]): string[] {
  const byResource = new Map<string, string[]>();
  for (const p of permissions) {
    const key = `${p.namespace} ${p.apiGroup || 'core'}/${p.resource}`;
    byResource.set(key, [...(byResource.get(key) ?? []), p.verb]);
  }
  return [...byResource.entries()].map(([key, verbs]) => `${key}: ${[...new Set(verbs)].sort().join(' ')}`).sort();
}
