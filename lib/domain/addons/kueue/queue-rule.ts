/**
 * The admission rule that makes Kueue's quota binding: in a batch tenant's namespace every Job, and every CronJob's
 * job template, names the namespace's LocalQueue in `kueue.x-k8s.io/queue-name`. A Job without it would bypass the
 * queue (Kueue leaves unlabelled Jobs alone), taking pool capacity outside the tenant's nominal quota. The policy
 * as plain JSON (the add-on emits it) and the requests that test it (the CEL tests and the API-server judge). Pure.
 */
import type { AdmissionCase, AdmissionIdentity } from '../../isolation/admission-case';
import { dedicatedPlacement, objectName, podSpec, RESOURCES, workloadObject } from '../../isolation/corpus-objects';
import type { ClusterPlan, PlatformPlan } from '../../platform/platform-plan';
import { MANAGED_BY_LABEL, MANAGED_BY_PLATFORM, NAMESPACE_NAME_LABEL, TENANT_NODE_LABEL_KEY, TENANT_TAINT_EFFECT, TENANT_TAINT_KEY } from '../../tenancy/labels';
import { queuesOnCluster } from './kueue-plan';
import { DEFAULT_LOCAL_QUEUE, KueueSettings, QUEUE_NAME_LABEL } from './kueue-settings';

/** The policy for Jobs (and its binding). */
export const REQUIRE_QUEUE_POLICY = 'platform-require-kueue-queue';
/**
 * The policy for CronJobs: a policy of its own, because the API server type-checks each expression against every
 * kind the policy matches, and a Job has no `spec.jobTemplate`.
 */
export const REQUIRE_QUEUE_CRONJOB_POLICY = 'platform-require-kueue-queue-cronjobs';

const label = JSON.stringify(QUEUE_NAME_LABEL);
const queue = JSON.stringify(DEFAULT_LOCAL_QUEUE);
/** CEL: the labels map at `path` names the queue. */
const names = (path: string) => `has(${path}.labels) && ${label} in ${path}.labels && ${path}.labels[${label}] == ${queue}`;

/** The ValidatingAdmissionPolicy's spec for Jobs (`cronjobs: false`) or CronJobs in the batch tenants' namespaces (as JSON). */
export function requireQueuePolicySpec(namespaces: readonly string[], cronJobs = false): Record<string, unknown> {
  return {
    failurePolicy: 'Fail',
    matchConstraints: {
      namespaceSelector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: [...namespaces] }] },
      resourceRules: [{ apiGroups: ['batch'], apiVersions: ['v1'], resources: [cronJobs ? 'cronjobs' : 'jobs'], operations: ['CREATE', 'UPDATE'] }],
    },
    validations: [
      {
        expression: cronJobs ? `has(object.spec.jobTemplate.metadata) && ${names('object.spec.jobTemplate.metadata')}` : names('object.metadata'),
        messageExpression:
          `"tenant " + request.namespace + ": a ${cronJobs ? 'CronJob' : 'Job'} must name its queue: set the label ${QUEUE_NAME_LABEL}: ${DEFAULT_LOCAL_QUEUE}${cronJobs ? ' in spec.jobTemplate.metadata.labels' : ''}` +
          ` (the namespace's LocalQueue); Kueue then admits it when the tenant's quota, or what its cohort lends, has room"`,
        reason: 'Invalid',
      },
    ],
  };
}

/** The two policies and their bindings, as manifest objects. */
export function requireQueuePolicyObjects(namespaces: readonly string[]): Record<string, unknown>[] {
  return [REQUIRE_QUEUE_POLICY, REQUIRE_QUEUE_CRONJOB_POLICY].flatMap((name) => {
    const metadata = { name, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_PLATFORM } };
    return [
      { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata, spec: requireQueuePolicySpec(namespaces, name === REQUIRE_QUEUE_CRONJOB_POLICY) },
      { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata, spec: { policyName: name, validationActions: ['Deny'] } },
    ];
  });
}

/** The batch tenants' namespaces on the cluster (the tenant's name is its namespace). */
export function queuedNamespaces(settings: KueueSettings, cluster: ClusterPlan): string[] {
  return queuesOnCluster(settings, cluster).map(({ queue }) => queue.tenant);
}

/**
 * Per batch tenant on the cluster, as a member of its developers (else its admins): a Job and a CronJob naming the
 * queue (admitted), and without it, or naming another queue (refused by REQUIRE_QUEUE_POLICY, REQUIRE_QUEUE_CRONJOB_POLICY). Pods sized at the
 * namespace's LimitRange defaults, on the tenant's own nodes when it has them, so no other rule answers first.
 */
export function queueAdmissionCases(settings: KueueSettings, cluster: ClusterPlan, plan: PlatformPlan): AdmissionCase[] {
  const domain = plan.definition.organization.domain;
  return queuedNamespaces(settings, cluster).flatMap((t) => {
    const tenant = plan.tenants.find((x) => x.name === t)!;
    const role = tenant.definition.groups.developer ? 'developer' : tenant.definition.groups.admin ? 'admin' : undefined;
    if (!role) return [];
    const as: AdmissionIdentity = { user: `${t}-${role}@${domain}`, groups: [tenant.definition.groups[role]!], role: `member of ${t}'s ${role}s (${tenant.definition.groups[role]})` };
    const limits = tenant.namespaces.find((n) => n.cluster === cluster.name)!.limits;
    const resources = { requests: { cpu: limits.defaultRequestCpu, memory: limits.defaultRequestMemory }, limits: { cpu: limits.defaultCpu, memory: limits.defaultMemory } };
    const placement = (name: string) => dedicatedPlacement(name, TENANT_TAINT_KEY, TENANT_NODE_LABEL_KEY, TENANT_TAINT_EFFECT);
    const spec = podSpec({ resources, dedicatedTenant: tenant.isolation === 'dedicated-nodes' ? t : undefined, restartPolicy: 'Never' }, placement);
    const prefix = `${t}/${role}/kueue`;
    const workload = (kind: 'Job' | 'CronJob', what: string, queueName: string | undefined) => {
      const object = workloadObject(kind, objectName(`${prefix}/${kind}-${what}`), t, spec) as { metadata: { labels: Record<string, string> }; spec: { jobTemplate?: { metadata?: { labels: Record<string, string> } } } };
      if (queueName !== undefined) {
        if (kind === 'Job') object.metadata.labels[QUEUE_NAME_LABEL] = queueName;
        else object.spec.jobTemplate!.metadata = { labels: { [QUEUE_NAME_LABEL]: queueName } };
      }
      return object as unknown as Record<string, unknown>;
    };
    const base = { as, operation: 'CREATE' as const, namespace: t };
    return [
      { ...base, id: `${prefix}/job-with-queue`, description: `a Job naming its LocalQueue ${DEFAULT_LOCAL_QUEUE}`, resource: { ...RESOURCES.Job }, object: workload('Job', 'queued', DEFAULT_LOCAL_QUEUE), expect: 'allowed' as const },
      {
        ...base,
        id: `${prefix}/cronjob-with-queue`,
        description: `a CronJob whose job template names its LocalQueue ${DEFAULT_LOCAL_QUEUE}`,
        resource: { ...RESOURCES.CronJob },
        object: workload('CronJob', 'queued', DEFAULT_LOCAL_QUEUE),
        expect: 'allowed' as const,
      },
      {
        ...base,
        id: `${prefix}/job-without-queue`,
        description: 'a Job naming no queue, which would bypass Kueue and its quota',
        resource: { ...RESOURCES.Job },
        object: workload('Job', 'unqueued', undefined),
        expect: 'denied' as const,
        deniedBy: 'admission-policy' as const,
        policy: REQUIRE_QUEUE_POLICY,
      },
      {
        ...base,
        id: `${prefix}/job-other-queue`,
        description: "a Job naming a queue that is not its namespace's LocalQueue",
        resource: { ...RESOURCES.Job },
        object: workload('Job', 'elsewhere', 'other'),
        expect: 'denied' as const,
        deniedBy: 'admission-policy' as const,
        policy: REQUIRE_QUEUE_POLICY,
      },
      {
        ...base,
        id: `${prefix}/cronjob-without-queue`,
        description: 'a CronJob whose job template names no queue',
        resource: { ...RESOURCES.CronJob },
        object: workload('CronJob', 'unqueued', undefined),
        expect: 'denied' as const,
        deniedBy: 'admission-policy' as const,
        policy: REQUIRE_QUEUE_CRONJOB_POLICY,
      },
    ];
  });
}
