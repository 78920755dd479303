/**
 * Builders shared by TenantNamespace and DeveloperNamespace: quota, LimitRange and RoleBindings (their
 * NetworkPolicies come from domain/tenancy/network-policy-plan.ts). Internal: not exported from the package.
 */
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import { MANAGED_BY_LABEL, MANAGED_BY_PLATFORM, GPU_RESOURCE, SYSTEM_PRIORITY_CLASSES } from '../../domain/tenancy/labels';
import { TenantLimits, TenantQuota } from '../../domain/tenancy/tenant-spec';

/** Labels every platform-owned object in a namespace bundle carries. */
export function ownedLabels(extra: Record<string, string>): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY_PLATFORM, ...extra };
}

export function meta(name: string, namespace: string, labels: Record<string, string>): k8s.ObjectMeta {
  return { name, namespace, labels: { ...labels } };
}

/** The object-count quota key of Ingresses. */
const INGRESS_COUNT_QUOTA = 'count/ingresses.networking.k8s.io';

/** ResourceQuota plus a scoped quota of zero pods at system priority classes. */
export function addQuotas(scope: Construct, namespace: string, quota: Required<TenantQuota>, labels: Record<string, string>): { quota: k8s.KubeResourceQuota; systemPriority: k8s.KubeResourceQuota } {
  const q = (v: string) => k8s.Quantity.fromString(v);
  const n = (v: number) => k8s.Quantity.fromNumber(v);
  const main = new k8s.KubeResourceQuota(scope, 'Quota', {
    metadata: meta('tenant-quota', namespace, labels),
    spec: {
      hard: {
        'requests.cpu': q(quota.requestsCpu),
        'requests.memory': q(quota.requestsMemory),
        'limits.cpu': q(quota.limitsCpu),
        'limits.memory': q(quota.limitsMemory),
        'requests.storage': q(quota.requestsStorage),
        pods: n(quota.pods),
        // `services.loadbalancers` is the quota key; `count/services.loadbalancers` is not a resource.
        'services.loadbalancers': n(quota.loadBalancers),
        // Each Ingress a tenant may create makes a load balancer of its own (PlatformPolicies admits load-balancer
        // classes only): the same bound as LoadBalancer Services, which `services.loadbalancers` does not count.
        [INGRESS_COUNT_QUOTA]: n(quota.loadBalancers),
        persistentvolumeclaims: n(quota.persistentVolumeClaims),
        // Extended resources are quota'd by request only; without this key one pod could take a shared GPU pool whole.
        [`requests.${GPU_RESOURCE}`]: n(quota.gpus),
      },
    },
  });
  // A tenant pod at system-node-critical could preempt system pods; zero quota at those classes denies it.
  const systemPriority = new k8s.KubeResourceQuota(scope, 'SystemPriorityQuota', {
    metadata: meta('deny-system-priority-classes', namespace, labels),
    spec: {
      hard: { pods: n(0) },
      scopeSelector: {
        matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: [...SYSTEM_PRIORITY_CLASSES] }],
      },
    },
  });
  return { quota: main, systemPriority };
}

/** Container defaults so pods without resources are admitted under a quota that requires them. */
export function addLimitRange(scope: Construct, namespace: string, limits: Required<TenantLimits>, labels: Record<string, string>): k8s.KubeLimitRange {
  const q = (v: string) => k8s.Quantity.fromString(v);
  return new k8s.KubeLimitRange(scope, 'Limits', {
    metadata: meta('tenant-limits', namespace, labels),
    spec: {
      limits: [
        {
          type: 'Container',
          default: { cpu: q(limits.defaultCpu), memory: q(limits.defaultMemory) },
          defaultRequest: { cpu: q(limits.defaultRequestCpu), memory: q(limits.defaultRequestMemory) },
          max: { cpu: q(limits.maxCpu), memory: q(limits.maxMemory) },
        },
      ],
    },
  });
}

/** A RoleBinding (never a ClusterRoleBinding) of one subject to a platform ClusterRole in the namespace. */
export function addRoleBinding(scope: Construct, id: string, name: string, namespace: string, clusterRole: string, subject: k8s.Subject, labels: Record<string, string>): k8s.KubeRoleBinding {
  return new k8s.KubeRoleBinding(scope, id, {
    metadata: meta(name, namespace, labels),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRole },
    subjects: [subject],
  });
}
