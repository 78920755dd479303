/**
 * Builders shared by TenantNamespace and DeveloperNamespace: quota, LimitRange and the baseline
 * NetworkPolicies every namespace gets. Internal: not exported from the package.
 */
import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import { MANAGED_BY_LABEL, MANAGED_BY_PLATFORM, GPU_RESOURCE, NAMESPACE_NAME_LABEL, SYSTEM_PRIORITY_CLASSES } from '../../domain/tenancy/labels';
import type { CidrPorts } from '../namespace-baseline-props';
import { DEFAULT_PROTOCOL, PortSpec, TenantLimits, TenantQuota } from '../../domain/tenancy/tenant-spec';

/** Where kube-dns runs on GKE. */
const KUBE_DNS_NAMESPACE = 'kube-system';
const KUBE_DNS_POD_LABELS: Readonly<Record<string, string>> = { 'k8s-app': 'kube-dns' };
/** NodeLocal DNSCache's link-local listen address on GKE. */
export const DEFAULT_NODE_LOCAL_DNS_CIDR = '169.254.20.10/32';

/**
 * The GKE metadata server: HTTP on 80, and 988 where the GKE metadata server (Workload Identity)
 * listens. Dataplane V2 clusters on some GKE versions also need 169.254.169.252/32:988; add it through props.
 */
export const DEFAULT_METADATA_SERVER: readonly CidrPorts[] = [
  {
    cidr: '169.254.169.254/32',
    ports: [
      { port: 80, protocol: 'TCP' },
      { port: 988, protocol: 'TCP' },
    ],
  },
];

/** Labels every platform-owned object in a namespace bundle carries. */
export function ownedLabels(extra: Record<string, string>): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY_PLATFORM, ...extra };
}

export function meta(name: string, namespace: string, labels: Record<string, string>): k8s.ObjectMeta {
  return { name, namespace, labels: { ...labels } };
}

export function toPorts(ports: readonly PortSpec[] | undefined): k8s.NetworkPolicyPort[] | undefined {
  if (!ports || ports.length === 0) return undefined;
  return ports.map((p) => ({ port: k8s.IntOrString.fromNumber(p.port), protocol: p.protocol ?? DEFAULT_PROTOCOL }));
}

export function namespacePeer(namespace: string, podLabels?: Readonly<Record<string, string>>): k8s.NetworkPolicyPeer {
  return {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } },
    ...(podLabels ? { podSelector: { matchLabels: { ...podLabels } } } : {}),
  };
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

export interface BaselinePolicyOptions {
  readonly nodeLocalDnsCidr: string;
  readonly metadataServer: readonly CidrPorts[];
}

/**
 * Default deny both ways, then the allowances every namespace needs: its own pods, DNS (kube-dns and
 * NodeLocal DNSCache) and the metadata server. Keyed by NetworkPolicy name.
 */
export function addBaselineNetworkPolicies(scope: Construct, namespace: string, labels: Record<string, string>, options: BaselinePolicyOptions): Record<string, k8s.KubeNetworkPolicy> {
  const dnsPorts = toPorts([
    { port: 53, protocol: 'UDP' },
    { port: 53, protocol: 'TCP' },
  ]);
  return {
    'default-deny': new k8s.KubeNetworkPolicy(scope, 'DefaultDeny', {
      metadata: meta('default-deny', namespace, labels),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    }),
    'allow-same-namespace': new k8s.KubeNetworkPolicy(scope, 'AllowSameNamespace', {
      metadata: meta('allow-same-namespace', namespace, labels),
      spec: {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ podSelector: {} }] }],
        egress: [{ to: [{ podSelector: {} }] }],
      },
    }),
    'allow-dns': new k8s.KubeNetworkPolicy(scope, 'AllowDns', {
      metadata: meta('allow-dns', namespace, labels),
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          { to: [namespacePeer(KUBE_DNS_NAMESPACE, KUBE_DNS_POD_LABELS)], ports: dnsPorts },
          { to: [{ ipBlock: { cidr: options.nodeLocalDnsCidr } }], ports: dnsPorts },
        ],
      },
    }),
    'allow-metadata-server': new k8s.KubeNetworkPolicy(scope, 'AllowMetadataServer', {
      metadata: meta('allow-metadata-server', namespace, labels),
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: options.metadataServer.map((m) => ({ to: [{ ipBlock: { cidr: m.cidr } }], ports: toPorts(m.ports) })),
      },
    }),
  };
}

/** A RoleBinding (never a ClusterRoleBinding) of one subject to a platform ClusterRole in the namespace. */
export function addRoleBinding(scope: Construct, id: string, name: string, namespace: string, clusterRole: string, subject: k8s.Subject, labels: Record<string, string>): k8s.KubeRoleBinding {
  return new k8s.KubeRoleBinding(scope, id, {
    metadata: meta(name, namespace, labels),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRole },
    subjects: [subject],
  });
}
