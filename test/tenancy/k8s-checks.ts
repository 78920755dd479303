/**
 * Static multi-tenancy checks over synthesized manifests, shared by the tenancy tests (and usable by the
 * per-cluster chart tests): quota with CPU and memory, LimitRange, default deny both ways, Pod Security
 * baseline or stricter, Group RoleBindings only, no escalation verbs, no cluster-wide binding of a group.
 */
export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [key: string]: any };

export const ESCALATION_VERBS = ['escalate', 'bind', 'impersonate', '*'];

export function inNamespace(objects: readonly K8sObject[], namespace: string): K8sObject[] {
  return objects.filter((o) => o.metadata.namespace === namespace);
}

/** Problems with one tenant namespace; empty when every check holds. */
export function tenantNamespaceProblems(objects: readonly K8sObject[], namespace: string, groups: readonly string[]): string[] {
  const problems: string[] = [];
  const ns = objects.find((o) => o.kind === 'Namespace' && o.metadata.name === namespace);
  const local = inNamespace(objects, namespace);
  if (!ns) return [`${namespace}: no Namespace object`];
  const enforce = ns.metadata.labels?.['pod-security.kubernetes.io/enforce'];
  if (enforce !== 'restricted' && enforce !== 'baseline') problems.push(`${namespace}: Pod Security enforce is ${enforce}`);
  if (!ns.metadata.labels?.['pod-security.kubernetes.io/enforce-version']?.match(/^v1\.\d+$/)) problems.push(`${namespace}: Pod Security version not pinned`);

  const quotas = local.filter((o) => o.kind === 'ResourceQuota' && !o.spec.scopeSelector);
  const hard = Object.assign({}, ...quotas.map((q) => q.spec.hard));
  for (const key of ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']) {
    if (!(key in hard)) problems.push(`${namespace}: quota lacks ${key}`);
  }
  if (Object.keys(hard).some((k) => k.startsWith('count/services.'))) problems.push(`${namespace}: quota uses an invalid count/services.* key`);

  const limitRanges = local.filter((o) => o.kind === 'LimitRange');
  const container = limitRanges.flatMap((l) => l.spec.limits).find((l: any) => l.type === 'Container');
  if (!container?.default?.cpu || !container?.default?.memory || !container?.defaultRequest?.cpu || !container?.defaultRequest?.memory) {
    problems.push(`${namespace}: LimitRange lacks container default and defaultRequest for cpu and memory`);
  }

  const policies = local.filter((o) => o.kind === 'NetworkPolicy');
  const denyAll = policies.find((p) => Object.keys(p.spec.podSelector ?? {}).length === 0 && ['Ingress', 'Egress'].every((t) => p.spec.policyTypes?.includes(t)) && !p.spec.ingress && !p.spec.egress);
  if (!denyAll) problems.push(`${namespace}: no default-deny NetworkPolicy for both ingress and egress`);

  for (const binding of local.filter((o) => o.kind === 'RoleBinding')) {
    for (const subject of binding.subjects ?? []) {
      if (subject.kind === 'User' || (subject.kind === 'ServiceAccount' && subject.namespace !== namespace)) {
        problems.push(`${namespace}: RoleBinding ${binding.metadata.name} binds ${subject.kind} ${subject.name}`);
      }
    }
    if (binding.roleRef.kind !== 'ClusterRole' || !binding.roleRef.name.startsWith('tenant-')) {
      problems.push(`${namespace}: RoleBinding ${binding.metadata.name} refers to ${binding.roleRef.kind} ${binding.roleRef.name}`);
    }
  }
  problems.push(...clusterWideBindingProblems(objects, groups));
  return problems;
}

/** A ClusterRoleBinding naming any tenant group is a cluster-wide grant. */
export function clusterWideBindingProblems(objects: readonly K8sObject[], groups: readonly string[]): string[] {
  return objects.filter((o) => o.kind === 'ClusterRoleBinding').flatMap((b) => (b.subjects ?? []).filter((s: any) => groups.includes(s.name)).map((s: any) => `ClusterRoleBinding ${b.metadata.name} binds tenant group ${s.name}`));
}

/** Escalation verbs, wildcards and RBAC write access outside roles/rolebindings. */
export function roleProblems(objects: readonly K8sObject[]): string[] {
  const problems: string[] = [];
  for (const role of objects.filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role')) {
    for (const rule of role.rules ?? []) {
      const where = `${role.kind} ${role.metadata.name}`;
      for (const verb of rule.verbs) if (ESCALATION_VERBS.includes(verb)) problems.push(`${where} grants ${verb}`);
      for (const field of ['apiGroups', 'resources', 'resourceNames']) if ((rule[field] ?? []).includes('*')) problems.push(`${where} has a wildcard in ${field}`);
      if ((rule.apiGroups ?? []).includes('rbac.authorization.k8s.io') && rule.resources.some((r: string) => r.startsWith('cluster'))) problems.push(`${where} touches cluster RBAC`);
    }
  }
  return problems;
}
