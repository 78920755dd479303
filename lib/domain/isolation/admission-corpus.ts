/**
 * The request corpus of one cluster: every question an attacker (or an honest tenant) puts to the admission
 * chain, with the expected answer and the layer that gives it. Derived from the platform definition (who the
 * tenants are, their groups, service accounts and isolation) and the cluster's synthesized manifests (the
 * LimitRanges and quotas that size the pods, the platform-owned objects to attack, the policies present).
 * The CEL judge (`npm test`) and the API-server judge (`npm run conformance`) answer the same cases.
 * Pure: no cdktf, cdk8s or construct import.
 */
import type { PlatformDefinition } from '../platform/platform-definition';
import { PlatformTenant, tenantsOnCluster } from '../platform/tenant-definition';
import {
  GKE_EXTERNAL_INGRESS_CLASS,
  GKE_INTERNAL_INGRESS_CLASS,
  GPU_RESOURCE,
  MANAGED_BY_LABEL,
  MANAGED_BY_PLATFORM,
  TENANT_DEVELOPER_ROLE,
  TENANT_LEADER_ELECTION_ROLE,
  TENANT_NODE_LABEL_KEY,
  TENANT_TAINT_EFFECT,
  TENANT_TAINT_KEY,
} from '../tenancy/labels';
import { compareQuantities } from '../tenancy/quantity';
import type { AdmissionCase, AdmissionIdentity, AdmissionLayer } from './admission-case';
import {
  ContainerResources,
  CorpusKind,
  JsonObject,
  PodSpecOptions,
  RESOURCES,
  WORKLOAD_KINDS,
  WorkloadKind,
  claimObject,
  dedicatedPlacement,
  httpRouteObject,
  ingressObject,
  leaseObject,
  objectName,
  objectOf,
  podObject,
  podSpec,
  workloadObject,
} from './corpus-objects';
import { POLICY_NAMES } from './policy-names';
import { QUEUE_NAME_LABEL as KUEUE_QUEUE_NAME_LABEL } from '../addons/kueue/kueue-settings';

/** Multi-tenancy benchmark (kubernetes-sigs/multi-tenancy, MTB) checks the cases stand for. */
const MTB = {
  clusterResources: 'MTB-PL1-CC-CPI-1',
  multitenantResources: 'MTB-PL1-BC-CPI-2',
  privileged: 'MTB-PL1-BC-CPI-5',
  privilegeEscalation: 'MTB-PL1-BC-CPI-6',
  modifyQuotas: 'MTB-PL1-CC-TI-1',
  otherTenants: 'MTB-PL1-CC-TI-2',
  // Upstream numbers both the host-path and the NodePort check HI-1.
  hostPath: 'MTB-PL1-BC-HI-1',
  nodePort: 'MTB-PL1-BC-HI-1',
  hostNetworkAndPorts: 'MTB-PL1-BC-HI-3',
  hostPid: 'MTB-PL1-BC-HI-4',
  hostIpc: 'MTB-PL1-BC-HI-5',
  roleEscalation: 'MTB-PL2-CC-TI-1',
} as const;

/** A manifest object as read from `dist/<cluster>/*.yaml`. */
interface CorpusManifestObject {
  /** `group/version` (`v1` for the core group). */
  readonly apiVersion: string;
  /** The object's kind. */
  readonly kind: string;
  /** Its name, namespace and labels. */
  readonly metadata: {
    /** The object's name. */
    readonly name: string;
    /** The object's namespace. @default absent: a cluster-scoped object */
    readonly namespace?: string;
    /** The object's labels. @default absent: no labels */
    readonly labels?: Readonly<Record<string, string>>;
  };
  readonly [key: string]: unknown;
}

/** The identity that stands for the platform team (cluster admins); exempt from the platform policies. */
const PLATFORM_ADMIN_GROUP = 'system:masters';
/** The controller manager's own user (garbage collector, tokens controller without per-controller credentials). */
const CONTROLLER_MANAGER_USER = 'system:kube-controller-manager';
/** A reserved internal address a platform load balancer holds (the API server does not check that it exists). */
const PLATFORM_STATIC_IP = '10.10.0.250';
/** A test address for externalIPs (TEST-NET-3, RFC 5737). */
const EXTERNAL_IP = '203.0.113.10';

/** What the generator needs to know about one namespace, read from the manifests. */
interface NamespaceContext {
  readonly name: string;
  readonly dedicated: boolean;
  readonly gpu: boolean;
  readonly restricted: boolean;
  readonly container: { readonly defaultRequest: Record<string, string>; readonly default: Record<string, string>; readonly max: Record<string, string> };
  readonly quotaHard: Readonly<Record<string, string | number>>;
  readonly owned: readonly CorpusManifestObject[];
  /** DNS names the tenant owns (`hosts` in the definition); none for developer namespaces. */
  readonly hosts: readonly string[];
}

/**
 * Every case for one cluster, for every tenant on it and every developer namespace of it.
 * @param cluster the cluster's name in the definition
 * @param manifests the cluster's synthesized objects (plain JSON, as in `dist/<cluster>/*.yaml`)
 * @param definition the platform definition the manifests were synthesized from
 */
export function admissionCorpus(cluster: string, manifests: readonly Record<string, unknown>[], definition: PlatformDefinition): AdmissionCase[] {
  return new CorpusBuilder(cluster, manifests as readonly CorpusManifestObject[], definition).build();
}

class CorpusBuilder {
  private readonly cases: AdmissionCase[] = [];
  private readonly tenants: PlatformTenant[];
  private readonly dedicated: string[];
  private readonly policies: Set<string>;
  private readonly domain: string;

  constructor(
    private readonly cluster: string,
    private readonly manifests: readonly CorpusManifestObject[],
    private readonly definition: PlatformDefinition,
  ) {
    this.tenants = tenantsOnCluster(definition.tenants, cluster);
    this.dedicated = this.tenants
      .filter((t) => t.isolation === 'dedicated-nodes')
      .map((t) => t.name)
      .sort();
    this.policies = new Set(manifests.filter((o) => o.kind === 'ValidatingAdmissionPolicy').map((o) => o.metadata.name));
    this.domain = definition.organization.domain;
  }

  public build(): AdmissionCase[] {
    for (const tenant of this.tenants) this.tenantCases(tenant);
    const developer = this.definition.developerNamespaces;
    if (developer?.cluster === this.cluster) {
      const names = developer.namespaces.map((n) => n.name);
      for (const ns of developer.namespaces)
        this.ownerCases(
          ns.name,
          ns.owner,
          names.filter((n) => n !== ns.name),
        );
    }
    const ids = new Set<string>();
    for (const c of this.cases) {
      if (ids.has(c.id)) throw new Error(`admission corpus for ${this.cluster}: duplicate case id ${c.id}`);
      ids.add(c.id);
    }
    return this.cases;
  }

  // ---------- identities ----------

  private member(tenant: string, role: 'admin' | 'developer' | 'viewer', group: string): AdmissionIdentity {
    return { user: `${tenant}-${role}@${this.domain}`, groups: [group], role: `member of ${tenant}'s ${role}s (${group})` };
  }

  private serviceAccount(namespace: string, name: string, what: string): AdmissionIdentity {
    return { user: `system:serviceaccount:${namespace}:${name}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`], role: what };
  }

  private platformAdmin(): AdmissionIdentity {
    return { user: `platform-admin@${this.domain}`, groups: [PLATFORM_ADMIN_GROUP], role: 'platform admin (cluster admin)' };
  }

  private controllerManager(): AdmissionIdentity {
    return { user: CONTROLLER_MANAGER_USER, groups: [], role: 'the kube-controller-manager (garbage collector, tokens controller)' };
  }

  // ---------- namespaces ----------

  private namespaceContext(name: string): NamespaceContext {
    const local = this.manifests.filter((o) => o.metadata.namespace === name);
    const ns = this.manifests.find((o) => o.kind === 'Namespace' && o.metadata.name === name);
    if (!ns) throw new Error(`admission corpus for ${this.cluster}: the manifests hold no Namespace ${name}`);
    const limitRange = local.find((o) => o.kind === 'LimitRange');
    const container = ((limitRange?.spec as any)?.limits ?? []).find((l: any) => l.type === 'Container');
    if (!container?.max || !container?.default || !container?.defaultRequest) {
      throw new Error(`admission corpus for ${this.cluster}: namespace ${name} has no LimitRange with container default, defaultRequest and max`);
    }
    const quota = local.find((o) => o.kind === 'ResourceQuota' && !(o.spec as any)?.scopeSelector);
    const tenant = this.tenants.find((t) => t.name === name);
    return {
      name,
      dedicated: this.dedicated.includes(name),
      gpu: tenant?.isolation === 'dedicated-nodes' && tenant.dedicatedNodes?.kind === 'gpu',
      restricted: ns.metadata.labels?.['pod-security.kubernetes.io/enforce'] === 'restricted',
      container,
      quotaHard: ((quota?.spec as any)?.hard ?? {}) as Record<string, string | number>,
      owned: local.filter((o) => o.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_PLATFORM),
      hosts: tenant?.hosts ?? [],
    };
  }

  private honest(ns: NamespaceContext, extra: Partial<PodSpecOptions> = {}): JsonObject {
    const resources: ContainerResources = { requests: ns.container.defaultRequest, limits: ns.container.default };
    return podSpec({ resources, dedicatedTenant: ns.dedicated ? ns.name : undefined, ...extra }, placement);
  }

  // ---------- case helpers ----------

  private add(c: Omit<AdmissionCase, 'deniedBy' | 'policy' | 'backstop'> & { deniedBy?: AdmissionLayer; policy?: string; backstop?: string }): void {
    if (c.policy && !this.policies.has(c.policy)) throw new Error(`admission corpus for ${this.cluster}: case ${c.id} expects policy ${c.policy}, which the manifests do not hold`);
    const backstop = c.backstop && this.policies.has(c.backstop) ? c.backstop : undefined;
    this.cases.push({ ...c, backstop });
  }

  private create(id: string, as: AdmissionIdentity, kind: CorpusKind, namespace: string | undefined, object: JsonObject, verdict: Verdict, description: string, benchmark?: string): void {
    this.add({ id, description, benchmark, as, operation: 'CREATE', resource: { ...RESOURCES[kind] }, namespace, object: this.queued(kind, namespace, object), ...verdict });
  }

  /**
   * A namespace with a Kueue LocalQueue (the kueue add-on) admits only batch workloads that name it: the corpus's
   * Jobs and CronJobs there name it, as an honest tenant's do, so each case still tests the rule it is about.
   */
  private queued(kind: CorpusKind, namespace: string | undefined, object: JsonObject): JsonObject {
    if (kind !== 'Job' && kind !== 'CronJob') return object;
    const queue = this.manifests.find((o) => o.kind === 'LocalQueue' && o.metadata.namespace === namespace);
    if (!queue) return object;
    const labels = { [KUEUE_QUEUE_NAME_LABEL]: queue.metadata.name };
    const metadata = object.metadata as JsonObject;
    if (kind === 'Job') return { ...object, metadata: { ...metadata, labels: { ...(metadata.labels as JsonObject), ...labels } } };
    const spec = object.spec as JsonObject;
    const template = spec.jobTemplate as JsonObject;
    return { ...object, spec: { ...spec, jobTemplate: { ...template, metadata: { ...((template.metadata as JsonObject) ?? {}), labels } } } };
  }

  private allowed(): Verdict {
    return { expect: 'allowed' };
  }

  private denied(deniedBy: AdmissionLayer, policyOrBackstop?: string): Verdict {
    if (deniedBy === 'admission-policy') return { expect: 'denied', deniedBy, policy: policyOrBackstop };
    return { expect: 'denied', deniedBy, backstop: policyOrBackstop };
  }

  // ---------- tenants ----------

  private tenantCases(tenant: PlatformTenant): void {
    const ns = this.namespaceContext(tenant.name);
    const groups = tenant.groups;
    const admin = groups.admin ? this.member(tenant.name, 'admin', groups.admin) : undefined;
    const developer = groups.developer ? this.member(tenant.name, 'developer', groups.developer) : undefined;
    const viewer = groups.viewer ? this.member(tenant.name, 'viewer', groups.viewer) : undefined;
    const writer = developer ?? admin;
    const t = tenant.name;

    if (writer) {
      const w = developer ? 'developer' : 'admin';
      this.honestWorkloads(`${t}/${w}`, writer, ns);
      this.podSecurityCases(`${t}/${w}`, writer, ns);
      this.serviceCases(`${t}/${w}`, writer, ns);
      this.placementCases(`${t}/${w}`, writer, ns);
      this.otherNamespaceCases(`${t}/${w}`, writer, t);
      this.exposureCases(`${t}/${w}`, writer, ns);
      this.create(
        `${t}/${w}/configmap-forged-platform-label`,
        writer,
        'ConfigMap',
        t,
        objectOf('ConfigMap', objectName(`${t}/${w}/forged`), t, { data: { a: 'b' } }, { [MANAGED_BY_LABEL]: MANAGED_BY_PLATFORM }),
        this.denied('admission-policy', POLICY_NAMES.protectPlatformObjects),
        "creates an object carrying the platform-owned label, to pass it off as the platform's",
        MTB.multitenantResources,
      );
    }
    if (developer) {
      this.create(
        `${t}/developer/role-leases`,
        developer,
        'Role',
        t,
        role(objectName(`${t}/developer/role-leases`), t, LEASE_RULES),
        this.denied('rbac'),
        'a developer grants leader election to a workload (developers do not manage RBAC; admins do)',
        MTB.roleEscalation,
      );
      this.create(
        `${t}/developer/rolebinding`,
        developer,
        'RoleBinding',
        t,
        roleBinding(objectName(`${t}/developer/rb`), t, 'tenant-developer', { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: developer.groups[0] }),
        this.denied('rbac'),
        'a developer grants roles (developers do not manage RBAC)',
        MTB.roleEscalation,
      );
    }
    if (viewer) {
      this.create(`${t}/viewer/deployment`, viewer, 'Deployment', t, workloadObject('Deployment', objectName(`${t}/viewer/deployment`), t, this.honest(ns)), this.denied('rbac'), 'a viewer creates a Deployment (viewers only read)');
      this.create(`${t}/viewer/secret`, viewer, 'Secret', t, secret(objectName(`${t}/viewer/secret`), t), this.denied('rbac'), 'a viewer writes a Secret', MTB.otherTenants);
    }
    if (admin) this.adminCases(`${t}/admin`, admin, ns);

    const deployer = this.serviceAccount(t, 'deployer', `${t}'s deployer service account (CD)`);
    this.create(`${t}/deployer/deployment`, deployer, 'Deployment', t, workloadObject('Deployment', objectName(`${t}/deployer/deployment`), t, this.honest(ns)), this.allowed(), 'the CD service account deploys an ordinary Deployment');
    this.create(
      `${t}/deployer/rolebinding`,
      deployer,
      'RoleBinding',
      t,
      roleBinding(objectName(`${t}/deployer/rb`), t, 'tenant-admin', { kind: 'ServiceAccount', name: 'deployer', namespace: t }),
      this.denied('rbac'),
      'a compromised CD service account grants itself admin',
      MTB.roleEscalation,
    );
    this.create(
      `${t}/deployer/secret-sa-token`,
      deployer,
      'Secret',
      t,
      tokenSecret(objectName(`${t}/deployer/secret-sa-token`), t, 'deployer'),
      this.denied('admission-policy', POLICY_NAMES.restrictServiceAccountTokens),
      'the CD service account mints itself a token that never expires (a service-account-token Secret)',
    );
    this.create(
      `${t}/deployer/lease`,
      deployer,
      'Lease',
      t,
      leaseObject(objectName(`${t}/deployer/lease`), t, 'deployer'),
      this.denied('rbac'),
      'the CD service account takes a Lease (leader election is granted to controllers by admins, not to the deployer)',
    );
    this.create(
      `${t}/deployer/clusterrolebinding`,
      deployer,
      'ClusterRoleBinding',
      undefined,
      clusterRoleBinding(objectName(`${t}/deployer/crb`), 'cluster-admin', { kind: 'ServiceAccount', name: 'deployer', namespace: t }),
      this.denied('rbac'),
      'a compromised CD service account binds cluster-admin',
      MTB.clusterResources,
    );
    for (const wi of tenant.workloadIdentities ?? []) {
      const sa = this.serviceAccount(t, wi.ksa, `${t}'s workload service account ${wi.ksa} (a compromised pod)`);
      this.create(`${t}/sa-${wi.ksa}/pod`, sa, 'Pod', t, podObject(objectName(`${t}/sa-${wi.ksa}/pod`), t, this.honest(ns)), this.denied('rbac'), 'a compromised workload starts pods with its own token');
      this.create(`${t}/sa-${wi.ksa}/secret`, sa, 'Secret', t, secret(objectName(`${t}/sa-${wi.ksa}/secret`), t), this.denied('rbac'), 'a compromised workload writes Secrets in its namespace');
    }

    const pa = this.platformAdmin();
    const quota = ns.owned.find((o) => o.kind === 'ResourceQuota');
    if (quota)
      this.add({
        id: `${t}/platform-admin/update-quota`,
        description: 'the platform team changes a tenant quota',
        as: pa,
        operation: 'UPDATE',
        resource: { ...RESOURCES.ResourceQuota },
        namespace: t,
        name: quota.metadata.name,
        object: touched(quota),
        oldObject: quota,
        expect: 'allowed',
      });
    const deployerSa = ns.owned.find((o) => o.kind === 'ServiceAccount' && o.metadata.name === 'deployer');
    if (deployerSa) {
      this.add({
        id: `${t}/controller-manager/update-serviceaccount`,
        description: 'the controller manager updates a platform-owned ServiceAccount (exempt by default, also when the reconciler is added)',
        as: this.controllerManager(),
        operation: 'UPDATE',
        resource: { ...RESOURCES.ServiceAccount },
        namespace: t,
        name: deployerSa.metadata.name,
        object: touched(deployerSa),
        oldObject: deployerSa,
        expect: 'allowed',
      });
    }
  }

  private honestWorkloads(prefix: string, as: AdmissionIdentity, ns: NamespaceContext): void {
    const t = ns.name;
    for (const kind of ['Deployment', 'Job', 'CronJob'] as const) {
      this.create(
        `${prefix}/${kind.toLowerCase()}`,
        as,
        kind,
        t,
        workloadObject(kind, objectName(`${prefix}/${kind}`), t, this.honest(ns)),
        this.allowed(),
        `an ordinary ${kind} in its own namespace${ns.dedicated ? ', on its own dedicated nodes' : ''}`,
      );
    }
    this.create(`${prefix}/pod`, as, 'Pod', t, podObject(objectName(`${prefix}/pod`), t, this.honest(ns)), this.allowed(), `an ordinary Pod in its own namespace${ns.dedicated ? ', on its own dedicated nodes' : ''}`);
    this.create(`${prefix}/service`, as, 'Service', t, service(objectName(`${prefix}/service`), t, {}), this.allowed(), 'a ClusterIP Service in its own namespace');
    this.create(`${prefix}/configmap`, as, 'ConfigMap', t, objectOf('ConfigMap', objectName(`${prefix}/configmap`), t, { data: { 'app.properties': 'mode=prod' } }), this.allowed(), 'a ConfigMap in its own namespace');
    this.create(`${prefix}/secret`, as, 'Secret', t, secret(objectName(`${prefix}/secret`), t), this.allowed(), 'a Secret in its own namespace');
    if (ns.gpu) {
      this.create(
        `${prefix}/cpu-only-pod`,
        as,
        'Pod',
        t,
        podObject(objectName(`${prefix}/cpu-only-pod`), t, this.honest(ns)),
        this.allowed(),
        "a CPU-only pod (data loader, TensorBoard) on the tenant's own capacity: its companion CPU pool carries the same label and taint, without the GPU taint",
      );
      const gpu: ContainerResources = { requests: { ...ns.container.defaultRequest, 'nvidia.com/gpu': '1' }, limits: { ...ns.container.default, 'nvidia.com/gpu': '1' } };
      this.create(
        `${prefix}/gpu-job`,
        as,
        'Job',
        t,
        workloadObject('Job', objectName(`${prefix}/gpu-job`), t, podSpec({ resources: gpu, dedicatedTenant: t }, placement)),
        this.allowed(),
        'a training Job requesting a GPU on its own GPU nodes',
      );
    }
    if (ns.dedicated) {
      // On GPU nodes the largest container is a training pod: only GPU-requesting pods may use those nodes.
      const big = largest(ns);
      const resources = ns.gpu ? { requests: { ...big.requests, 'nvidia.com/gpu': '1' }, limits: { ...big.limits, 'nvidia.com/gpu': '1' } } : big;
      this.create(
        `${prefix}/large-pod`,
        as,
        'Pod',
        t,
        podObject(objectName(`${prefix}/large-pod`), t, podSpec({ resources, dedicatedTenant: t }, placement)),
        this.allowed(),
        `a pod as large as one container may be (the LimitRange max, derived from its node shape)${ns.gpu ? ', with a GPU' : ''}`,
      );
    }
    this.create(
      `${prefix}/pod-over-limit-range`,
      as,
      'Pod',
      t,
      podObject(objectName(`${prefix}/pod-over-limit`), t, this.honest(ns, { resources: { requests: ns.container.defaultRequest, limits: { cpu: double(ns.container.max.cpu), memory: ns.container.default.memory } } })),
      this.denied('limit-range'),
      'a container whose CPU limit is twice the LimitRange max',
    );
  }

  private podSecurityCases(prefix: string, as: AdmissionIdentity, ns: NamespaceContext): void {
    const t = ns.name;
    const pod = (what: string, extra: Partial<PodSpecOptions>, description: string, benchmark: string) =>
      this.create(`${prefix}/pod-${what}`, as, 'Pod', t, podObject(objectName(`${prefix}/pod-${what}`), t, this.honest(ns, extra)), this.denied('pod-security'), description, benchmark);
    // A privileged container must also allow escalation: the API server refuses the pair privileged + no escalation as
    // invalid before Pod Security ever sees it (found by the conformance API server).
    pod('privileged', { containerSecurity: { privileged: true, allowPrivilegeEscalation: true } }, 'a privileged container', MTB.privileged);
    pod(
      'hostpath',
      { overrides: { volumes: [{ name: 'host', hostPath: { path: '/var/lib/kubelet', type: 'Directory' } }] }, containerOverrides: { volumeMounts: [{ name: 'host', mountPath: '/host' }] } },
      "a hostPath volume onto the node's kubelet directory",
      MTB.hostPath,
    );
    pod('hostnetwork', { overrides: { hostNetwork: true } }, "the node's network namespace (reaches the node's metadata and other pods' traffic)", MTB.hostNetworkAndPorts);
    pod('hostport', { containerOverrides: { ports: [{ containerPort: 8080, hostPort: 8080 }] } }, 'a hostPort on the node', MTB.hostNetworkAndPorts);
    pod('hostpid', { overrides: { hostPID: true } }, "the node's PID namespace", MTB.hostPid);
    pod('hostipc', { overrides: { hostIPC: true } }, "the node's IPC namespace", MTB.hostIpc);
    if (ns.restricted) pod('privilege-escalation', { containerSecurity: { allowPrivilegeEscalation: true } }, 'a container allowed to gain privileges (setuid)', MTB.privilegeEscalation);
  }

  private serviceCases(prefix: string, as: AdmissionIdentity, ns: NamespaceContext): void {
    const t = ns.name;
    const svc = (what: string, spec: JsonObject, annotations?: Record<string, string>) => service(objectName(`${prefix}/service-${what}`), t, spec, annotations);
    this.create(`${prefix}/service-nodeport`, as, 'Service', t, svc('nodeport', { type: 'NodePort' }), this.denied('admission-policy', POLICY_NAMES.restrictServices), 'a NodePort Service, opening a port on every node', MTB.nodePort);
    this.create(
      `${prefix}/service-externalips`,
      as,
      'Service',
      t,
      svc('externalips', { externalIPs: [EXTERNAL_IP] }),
      this.denied('admission-policy', POLICY_NAMES.restrictServices),
      'a Service with externalIPs, intercepting traffic to an address it does not own (CVE-2020-8554)',
    );
    this.create(
      `${prefix}/service-lb-ip`,
      as,
      'Service',
      t,
      svc('lb-ip', { type: 'LoadBalancer', loadBalancerIP: PLATFORM_STATIC_IP }, { 'networking.gke.io/load-balancer-type': 'Internal' }),
      this.denied('admission-policy', POLICY_NAMES.restrictServices),
      "a LoadBalancer Service that takes a reserved static address (the platform's) through spec.loadBalancerIP",
    );
    this.create(
      `${prefix}/service-lb-annotation`,
      as,
      'Service',
      t,
      svc('lb-annotation', { type: 'LoadBalancer' }, { 'cloud.google.com/l4-rbs': 'enabled' }),
      this.denied('admission-policy', POLICY_NAMES.restrictServices),
      'a LoadBalancer Service with an unapproved load-balancer annotation',
    );
    const lbQuota = Number(ns.quotaHard['services.loadbalancers'] ?? 0);
    this.create(
      `${prefix}/service-loadbalancer`,
      as,
      'Service',
      t,
      svc('loadbalancer', { type: 'LoadBalancer' }, { 'networking.gke.io/load-balancer-type': 'Internal' }),
      lbQuota > 0 ? this.allowed() : this.denied('quota'),
      lbQuota > 0 ? 'an internal LoadBalancer within its quota' : 'a LoadBalancer Service although its quota allows none',
    );
    this.create(
      `${prefix}/pod-system-priority`,
      as,
      'Pod',
      t,
      podObject(objectName(`${prefix}/pod-system-priority`), t, this.honest(ns, { overrides: { priorityClassName: 'system-node-critical' } })),
      this.denied('admission-policy', POLICY_NAMES.restrictPriorityClasses),
      'a pod at a system priority class, to preempt system pods',
    );
  }

  /** Pods and every workload template that tolerate, select or name another tenant's dedicated nodes. */
  private placementCases(prefix: string, as: AdmissionIdentity, ns: NamespaceContext): void {
    const t = ns.name;
    const kinds: readonly ('Pod' | WorkloadKind)[] = ['Pod', ...WORKLOAD_KINDS];
    const send = (what: string, kind: 'Pod' | WorkloadKind, spec: JsonObject, policy: string, description: string) => {
      const id = `${prefix}/${kind.toLowerCase()}-${what}`;
      const object = kind === 'Pod' ? podObject(objectName(id), t, spec) : workloadObject(kind, objectName(id), t, spec);
      this.create(id, as, kind, t, object, this.denied('admission-policy', policy), `${kind === 'Pod' ? 'a Pod' : `a ${kind} template`} ${description}`);
    };
    for (const other of this.dedicated.filter((d) => d !== t)) {
      const own = this.honest(ns);
      const tolerations = [...((own.tolerations as JsonObject[]) ?? []), { key: TENANT_TAINT_KEY, operator: 'Equal', value: other, effect: TENANT_TAINT_EFFECT }];
      // A dedicated tenant must keep its own nodeSelector, so it selects through node affinity; a shared one through nodeSelector.
      const selects = ns.dedicated
        ? { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: TENANT_NODE_LABEL_KEY, operator: 'In', values: [other] }] }] } } } }
        : { nodeSelector: { [TENANT_NODE_LABEL_KEY]: other } };
      for (const kind of kinds) {
        send(`tolerates-${other}`, kind, { ...own, tolerations }, POLICY_NAMES.dedicatedNodesKeepOthersOff, `that tolerates ${other}'s dedicated-node taint`);
        send(`selects-${other}`, kind, { ...own, ...selects }, POLICY_NAMES.dedicatedNodesKeepOthersOff, `that selects ${other}'s dedicated nodes`);
        send(`nodename-${other}`, kind, { ...own, nodeName: nodeNameOf(this.cluster, other) }, POLICY_NAMES.restrictNodeName, `that names one of ${other}'s nodes in spec.nodeName, bypassing the scheduler and the taint`);
      }
    }
    if (this.dedicated.some((d) => d !== t)) {
      const all = this.honest(ns);
      send('tolerates-everything', 'Pod', { ...all, tolerations: [...((all.tolerations as JsonObject[]) ?? []), { operator: 'Exists' }] }, POLICY_NAMES.dedicatedNodesKeepOthersOff, 'that tolerates every taint');
    }
    if (!this.dedicated.some((d) => d !== t)) {
      send('nodename', 'Pod', { ...this.honest(ns), nodeName: `gke-${this.cluster}-node-0` }, POLICY_NAMES.restrictNodeName, 'that names a node in spec.nodeName, bypassing the scheduler');
    }
    if (ns.dedicated) {
      const { nodeSelector: _selector, tolerations: _tolerations, ...free } = this.honest(ns);
      send('off-own-nodes', 'Pod', free, POLICY_NAMES.dedicatedNodesPlacement, 'in a dedicated-nodes namespace that neither selects nor tolerates its own nodes');
      send('off-own-nodes', 'Deployment', free, POLICY_NAMES.dedicatedNodesPlacement, 'in a dedicated-nodes namespace that neither selects nor tolerates its own nodes');
    }
  }

  private otherNamespaceCases(prefix: string, as: AdmissionIdentity, own: string): void {
    const others = this.tenants.map((t) => t.name).filter((n) => n !== own);
    for (const other of others) {
      const ns = this.namespaceContext(other);
      this.create(`${prefix}/secret-in-${other}`, as, 'Secret', other, secret(objectName(`${prefix}/secret-in-${other}`), other), this.denied('rbac'), `writes a Secret in ${other}'s namespace`, MTB.otherTenants);
      this.create(
        `${prefix}/pod-in-${other}`,
        as,
        'Pod',
        other,
        podObject(objectName(`${prefix}/pod-in-${other}`), other, this.honest(ns)),
        this.denied('rbac'),
        `starts a pod in ${other}'s namespace (to mount its secrets or service accounts)`,
        MTB.otherTenants,
      );
    }
    this.create(
      `${prefix}/pod-in-kube-system`,
      as,
      'Pod',
      'kube-system',
      podObject(objectName(`${prefix}/pod-in-kube-system`), 'kube-system', podSpec({ resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } } }, placement)),
      this.denied('rbac'),
      "starts a pod in kube-system (the control plane's namespace)",
      MTB.clusterResources,
    );
  }

  private adminCases(prefix: string, admin: AdmissionIdentity, ns: NamespaceContext): void {
    const t = ns.name;
    this.create(`${prefix}/role`, admin, 'Role', t, role(objectName(`${prefix}/role`), t, [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }]), this.allowed(), 'an admin creates a Role within its own permissions');
    this.create(
      `${prefix}/role-escalate`,
      admin,
      'Role',
      t,
      role(objectName(`${prefix}/role-escalate`), t, [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['escalate'] }]),
      this.denied('rbac'),
      'an admin creates a Role with the escalate verb',
      MTB.roleEscalation,
    );
    this.create(
      `${prefix}/role-bind`,
      admin,
      'Role',
      t,
      role(objectName(`${prefix}/role-bind`), t, [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'] }]),
      this.denied('rbac'),
      'an admin creates a Role with the bind verb',
      MTB.roleEscalation,
    );
    this.create(
      `${prefix}/role-impersonate`,
      admin,
      'Role',
      t,
      role(objectName(`${prefix}/role-impersonate`), t, [{ apiGroups: [''], resources: ['users', 'groups', 'serviceaccounts'], verbs: ['impersonate'] }]),
      this.denied('rbac'),
      'an admin creates a Role with the impersonate verb',
      MTB.roleEscalation,
    );
    this.create(
      `${prefix}/role-wildcard`,
      admin,
      'Role',
      t,
      role(objectName(`${prefix}/role-wildcard`), t, [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]),
      this.denied('rbac'),
      'an admin creates a Role with permissions it does not hold',
      MTB.roleEscalation,
    );
    this.create(
      `${prefix}/bind-cluster-admin`,
      admin,
      'RoleBinding',
      t,
      roleBinding(objectName(`${prefix}/bind-cluster-admin`), t, 'cluster-admin', { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: admin.groups[0] }),
      this.denied('rbac'),
      'an admin binds cluster-admin in its namespace',
      MTB.roleEscalation,
    );
    this.create(
      `${prefix}/clusterrole`,
      admin,
      'ClusterRole',
      undefined,
      objectOf('ClusterRole', objectName(`${prefix}/clusterrole`), undefined, { rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] }] }),
      this.denied('rbac'),
      'an admin creates a ClusterRole',
      MTB.clusterResources,
    );
    this.create(
      `${prefix}/clusterrolebinding`,
      admin,
      'ClusterRoleBinding',
      undefined,
      clusterRoleBinding(objectName(`${prefix}/crb`), 'tenant-admin', { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: admin.groups[0] }),
      this.denied('rbac'),
      'an admin binds its role cluster-wide',
      MTB.clusterResources,
    );
    this.create(`${prefix}/namespace`, admin, 'Namespace', undefined, objectOf('Namespace', objectName(`${prefix}/namespace`), undefined, {}), this.denied('rbac'), 'an admin creates a namespace', MTB.clusterResources);
    this.grantCases(prefix, admin, ns);
    this.create(
      `${prefix}/networkpolicy-allow-all`,
      admin,
      'NetworkPolicy',
      t,
      objectOf('NetworkPolicy', objectName(`${prefix}/netpol`), t, { spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{}], egress: [{}] } }),
      this.denied('rbac'),
      'an admin opens its namespace with an allow-all NetworkPolicy (connectivity is declared in the definition)',
      MTB.multitenantResources,
    );
    this.ownedObjectCases(prefix, admin, ns);
  }

  /**
   * What a tenant admin may grant its own workloads, both ways: leader election (a Role holding Leases and Events, a
   * binding of the platform's tenant-leader-election role, a binding of a role it holds) is admitted; roles it does
   * not hold (the built-in aggregated admin and edit, service-account tokens) are refused by RBAC's escalation check.
   */
  private grantCases(prefix: string, admin: AdmissionIdentity, ns: NamespaceContext): void {
    const t = ns.name;
    const controller = { kind: 'ServiceAccount', name: 'controller', namespace: t };
    this.create(`${prefix}/role-leases`, admin, 'Role', t, role(objectName(`${prefix}/role-leases`), t, LEASE_RULES), this.allowed(), 'an admin creates a Role for leader election (Leases, Events) for its controllers');
    this.create(
      `${prefix}/bind-leader-election`,
      admin,
      'RoleBinding',
      t,
      roleBinding(objectName(`${prefix}/bind-leader-election`), t, TENANT_LEADER_ELECTION_ROLE, controller),
      this.allowed(),
      `an admin binds the platform's ${TENANT_LEADER_ELECTION_ROLE} role to its controller's service account`,
    );
    this.create(
      `${prefix}/bind-held-role`,
      admin,
      'RoleBinding',
      t,
      roleBinding(objectName(`${prefix}/bind-held-role`), t, TENANT_DEVELOPER_ROLE, controller),
      this.allowed(),
      `an admin binds ${TENANT_DEVELOPER_ROLE}, a role whose permissions it holds, to its own service account`,
    );
    this.create(`${prefix}/lease`, admin, 'Lease', t, leaseObject(objectName(`${prefix}/lease`), t, `${t}-controller-0`), this.allowed(), 'an admin takes a leader-election Lease in its namespace');
    this.create(
      `${prefix}/bind-admin`,
      admin,
      'RoleBinding',
      t,
      roleBinding(objectName(`${prefix}/bind-admin`), t, 'admin', controller),
      this.denied('rbac'),
      'an admin binds the built-in aggregated admin role (more than it holds) to its service account',
      MTB.roleEscalation,
    );
    this.create(
      `${prefix}/bind-edit`,
      admin,
      'RoleBinding',
      t,
      roleBinding(objectName(`${prefix}/bind-edit`), t, 'edit', controller),
      this.denied('rbac'),
      'an admin binds the built-in aggregated edit role (more than it holds) to its service account',
      MTB.roleEscalation,
    );
    this.create(
      `${prefix}/role-token-request`,
      admin,
      'Role',
      t,
      role(objectName(`${prefix}/role-token-request`), t, [{ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] }]),
      this.denied('rbac'),
      'an admin grants the TokenRequest API (tokens for the deployer) it does not hold',
      MTB.roleEscalation,
    );
    this.create(
      `${prefix}/role-leases-cluster`,
      admin,
      'ClusterRole',
      undefined,
      objectOf('ClusterRole', objectName(`${prefix}/role-leases-cluster`), undefined, { rules: LEASE_RULES }),
      this.denied('rbac'),
      'an admin grants leader election cluster-wide',
      MTB.clusterResources,
    );
    this.create(
      `${prefix}/secret-sa-token`,
      admin,
      'Secret',
      t,
      tokenSecret(objectName(`${prefix}/secret-sa-token`), t, 'controller'),
      this.denied('admission-policy', POLICY_NAMES.restrictServiceAccountTokens),
      'an admin mints a never-expiring token for a service account of its namespace',
    );
  }

  /**
   * Credentials, load balancers, hosts, volumes and GPUs: the tenant's own are admitted, everything that reaches
   * past them is refused, each by its layer.
   */
  private exposureCases(prefix: string, as: AdmissionIdentity, ns: NamespaceContext): void {
    const t = ns.name;
    const name = (what: string) => objectName(`${prefix}/${what}`);
    const ask = (what: string, kind: CorpusKind, object: JsonObject, verdict: Verdict, description: string, benchmark?: string) => this.create(`${prefix}/${what}`, as, kind, t, object, verdict, description, benchmark);
    const policy = (p: string) => this.denied('admission-policy', p);

    // Credentials: a service-account-token Secret for the deployer.
    ask(
      'secret-sa-token-deployer',
      'Secret',
      tokenSecret(name('secret-sa-token-deployer'), t, 'deployer'),
      policy(POLICY_NAMES.restrictServiceAccountTokens),
      'mints a never-expiring token for the deployer service account (CD rights that outlive group membership)',
    );

    // Ingress: its own load-balancer quota decides whether it may have any; its own names decide the hosts.
    const lbs = Number(ns.quotaHard['services.loadbalancers'] ?? 0);
    const own = ns.hosts.length > 0 ? `app.${ns.hosts[0]}` : undefined;
    const foreign = this.foreignHost(t);
    const ing = POLICY_NAMES.restrictIngresses;
    const internal = GKE_INTERNAL_INGRESS_CLASS;
    const hosts = own ? [own] : [];
    if (lbs > 0 && own)
      ask(
        'ingress-own-host',
        'Ingress',
        ingressObject(name('ingress-own-host'), t, { classAnnotation: internal, hosts, tlsHosts: hosts }),
        this.allowed(),
        `an internal Ingress (class ${internal}) on its own host ${own}, within its load-balancer quota`,
      );
    ask('ingress-no-class', 'Ingress', ingressObject(name('ingress-no-class'), t, { hosts }), policy(ing), 'an Ingress without class, which GKE serves with an external load balancer (class gce)');
    ask('ingress-class-gce', 'Ingress', ingressObject(name('ingress-class-gce'), t, { classAnnotation: GKE_EXTERNAL_INGRESS_CLASS, hosts }), policy(ing), "an Ingress of class gce: an external load balancer outside the platform's gateway");
    ask('ingressclassname-gce', 'Ingress', ingressObject(name('ingressclassname-gce'), t, { className: GKE_EXTERNAL_INGRESS_CLASS, hosts }), policy(ing), 'an Ingress naming class gce in spec.ingressClassName');
    if (lbs === 0)
      ask('ingress-internal-no-quota', 'Ingress', ingressObject(name('ingress-internal-no-quota'), t, { classAnnotation: internal, hosts }), policy(ing), `an internal Ingress (class ${internal}) although its quota allows no load balancer`);
    const steer = (what: string, key: string, value: string, description: string) =>
      ask(`ingress-${what}`, 'Ingress', ingressObject(name(`ingress-${what}`), t, { classAnnotation: internal, hosts, annotations: { [key]: value } }), policy(ing), description);
    steer('global-static-ip', 'kubernetes.io/ingress.global-static-ip-name', 'platform-gateway-ip', "an Ingress that takes the platform's global static IP");
    steer('regional-static-ip', 'kubernetes.io/ingress.regional-static-ip-name', 'platform-internal-ip', "an Ingress that takes the platform's regional static IP");
    steer('pre-shared-cert', 'ingress.gcp.kubernetes.io/pre-shared-cert', 'platform-wildcard-cert', "an Ingress that serves the platform's pre-shared certificate");
    steer('frontend-config', 'networking.gke.io/v1beta1.FrontendConfig', 'platform-frontend', 'an Ingress that names a FrontendConfig (SSL policy, redirects)');
    ask(
      'ingress-other-host',
      'Ingress',
      ingressObject(name('ingress-other-host'), t, { classAnnotation: internal, hosts: [foreign] }),
      policy(ing),
      `an Ingress for ${foreign}, a host it does not own (another tenant's, on a shared gateway a hijack)`,
    );
    ask('ingress-tls-other-host', 'Ingress', ingressObject(name('ingress-tls-other-host'), t, { classAnnotation: internal, hosts, tlsHosts: [foreign] }), policy(ing), `an Ingress whose TLS section claims ${foreign}`);
    if (ns.hosts.length > 0 && ns.hosts[0].includes('.')) {
      const parent = `*.${ns.hosts[0].slice(ns.hosts[0].indexOf('.') + 1)}`;
      ask(
        'ingress-parent-wildcard',
        'Ingress',
        ingressObject(name('ingress-parent-wildcard'), t, { classAnnotation: internal, hosts: [parent] }),
        policy(ing),
        `an Ingress for ${parent}, a wildcard over its own name's parent (every sibling tenant's hosts)`,
      );
    }

    // Gateway API routes on the platform's shared gateway.
    const routes = POLICY_NAMES.restrictRoutes;
    if (own)
      ask('httproute-own-host', 'HTTPRoute', httpRouteObject(name('httproute-own-host'), t, [own, `*.${ns.hosts[0]}`], GATEWAY_NAMESPACE), this.allowed(), `an HTTPRoute on the shared gateway for its own hosts ${own} and *.${ns.hosts[0]}`);
    ask('httproute-other-host', 'HTTPRoute', httpRouteObject(name('httproute-other-host'), t, [foreign], GATEWAY_NAMESPACE), policy(routes), `an HTTPRoute for ${foreign}, a host it does not own`);
    ask('httproute-no-hostnames', 'HTTPRoute', httpRouteObject(name('httproute-no-hostnames'), t, [], GATEWAY_NAMESPACE), policy(routes), 'an HTTPRoute without hostnames, which takes every host of the gateway listener');

    // Volumes: dynamically provisioned claims and identity-bound inline drivers only.
    const vol = POLICY_NAMES.restrictVolumes;
    ask('pvc', 'PersistentVolumeClaim', claimObject(name('pvc'), t), this.allowed(), 'a PersistentVolumeClaim provisioned for it');
    ask('pvc-volumename', 'PersistentVolumeClaim', claimObject(name('pvc-volumename'), t, PRE_PROVISIONED_VOLUME), policy(POLICY_NAMES.restrictVolumeClaims), 'a claim that binds a pre-provisioned PersistentVolume by spec.volumeName');
    const withVolume = (volume: JsonObject) => this.honest(ns, { overrides: { volumes: [volume] }, containerOverrides: { volumeMounts: [{ name: volume.name, mountPath: '/data' }] } });
    ask(
      'pod-inline-gcsfuse',
      'Pod',
      podObject(name('pod-inline-gcsfuse'), t, withVolume({ name: 'data', csi: { driver: 'gcsfuse.csi.storage.gke.io', volumeAttributes: { bucketName: `${t}-data` } } })),
      this.allowed(),
      "a pod mounting its bucket with the Cloud Storage FUSE CSI driver (acts with the pod's own identity)",
    );
    ask(
      'pod-inline-csi',
      'Pod',
      podObject(name('pod-inline-csi'), t, withVolume({ name: 'data', csi: { driver: 'hostpath.csi.k8s.io' } })),
      policy(vol),
      'a pod with an inline volume of a CSI driver off the allow-list (one that mounts node paths)',
    );
    const ephemeral = { name: 'data', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeName: PRE_PROVISIONED_VOLUME } } } };
    ask('pod-ephemeral-volumename', 'Pod', podObject(name('pod-ephemeral-volumename'), t, withVolume(ephemeral)), policy(vol), 'a pod whose generic ephemeral volume binds a pre-provisioned PersistentVolume');
    const statefulSet = workloadObject('StatefulSet', name('statefulset-claim-volumename'), t, this.honest(ns));
    (statefulSet.spec as JsonObject).volumeClaimTemplates = [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeName: PRE_PROVISIONED_VOLUME } }];
    ask('statefulset-claim-volumename', 'StatefulSet', statefulSet, policy(vol), 'a StatefulSet whose claim template binds a pre-provisioned PersistentVolume');
    ask(
      'service-externalname',
      'Service',
      service(name('service-externalname'), t, { type: 'ExternalName', externalName: 'metadata.google.internal' }),
      policy(POLICY_NAMES.restrictServices),
      'an ExternalName Service pointing at the metadata server, for a platform proxy to resolve',
    );

    // GPUs: within the quota the plan sized from the pools the tenant may use.
    const gpus = Number(ns.quotaHard[`requests.${GPU_RESOURCE}`] ?? 0);
    const gpuPod = (count: number) => {
      const resources = { requests: { ...ns.container.defaultRequest, [GPU_RESOURCE]: String(count) }, limits: { ...ns.container.default, [GPU_RESOURCE]: String(count) } };
      return this.honest(ns, { resources });
    };
    if (gpus === 0) ask('pod-gpu', 'Pod', podObject(name('pod-gpu'), t, gpuPod(1)), this.denied('quota'), 'a pod requesting a GPU although the tenant may use no GPU pool (its quota holds 0 GPUs)');
    else ask('pod-gpu-over-quota', 'Pod', podObject(name('pod-gpu-over-quota'), t, gpuPod(gpus + 1)), this.denied('quota'), `a pod requesting ${gpus + 1} GPUs, one more than the GPUs of the pools it may use`);
  }

  /** A host no tenant of this namespace owns: another tenant's, else one under the organization's domain. */
  private foreignHost(tenant: string): string {
    const other = (this.definition.tenants ?? []).find((x) => x.name !== tenant && (x.hosts ?? []).length > 0);
    return other ? `api.${other.hosts![0]}` : `www.${this.domain}`;
  }

  /** Changes to the platform-owned objects of the namespace: quota, limits, network policies, bindings, service accounts, the namespace. */
  private ownedObjectCases(prefix: string, as: AdmissionIdentity, ns: NamespaceContext): void {
    const t = ns.name;
    const owned = (kind: string, name?: string) => ns.owned.find((o) => o.kind === kind && (!name || o.metadata.name === name));
    const protect = POLICY_NAMES.protectPlatformObjects;
    const update = (id: string, kind: CorpusKind, old: CorpusManifestObject, object: JsonObject, verdict: Verdict, description: string, benchmark?: string) =>
      this.add({ id, description, benchmark, as, operation: 'UPDATE', resource: { ...RESOURCES[kind] }, namespace: kind === 'Namespace' ? undefined : t, name: old.metadata.name, object, oldObject: old, ...verdict });
    const remove = (id: string, kind: CorpusKind, old: CorpusManifestObject, verdict: Verdict, description: string, benchmark?: string) =>
      this.add({ id, description, benchmark, as, operation: 'DELETE', resource: { ...RESOURCES[kind] }, namespace: t, name: old.metadata.name, oldObject: old, ...verdict });

    const quota = owned('ResourceQuota');
    if (quota) update(`${prefix}/update-quota`, 'ResourceQuota', quota, raiseQuota(quota), this.denied('rbac', protect), 'raises its own quota', MTB.modifyQuotas);
    const limits = owned('LimitRange');
    if (limits) remove(`${prefix}/delete-limitrange`, 'LimitRange', limits, this.denied('rbac', protect), 'deletes its LimitRange', MTB.multitenantResources);
    const denyAll = owned('NetworkPolicy', 'default-deny');
    if (denyAll) remove(`${prefix}/delete-default-deny`, 'NetworkPolicy', denyAll, this.denied('rbac', protect), 'deletes the default-deny NetworkPolicy', MTB.multitenantResources);
    const binding = ns.owned.find((o) => o.kind === 'RoleBinding');
    if (binding) {
      const widened = { ...binding, subjects: [...((binding.subjects as JsonObject[]) ?? []), { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: `outsider@${this.domain}` }] };
      update(`${prefix}/update-platform-rolebinding`, 'RoleBinding', binding, widened, this.denied('admission-policy', protect), `adds a subject to the platform's RoleBinding ${binding.metadata.name}`, MTB.multitenantResources);
      remove(`${prefix}/delete-platform-rolebinding`, 'RoleBinding', binding, this.denied('admission-policy', protect), `deletes the platform's RoleBinding ${binding.metadata.name}`, MTB.multitenantResources);
    }
    const sa = owned('ServiceAccount', 'deployer');
    if (sa) update(`${prefix}/update-platform-serviceaccount`, 'ServiceAccount', sa, touched(sa), this.denied('admission-policy', protect), "changes the platform's deployer ServiceAccount", MTB.multitenantResources);
    const namespace = this.manifests.find((o) => o.kind === 'Namespace' && o.metadata.name === t);
    if (namespace) {
      const labels = { ...(namespace.metadata.labels ?? {}) };
      labels['pod-security.kubernetes.io/enforce'] = 'privileged';
      update(
        `${prefix}/relabel-namespace`,
        'Namespace',
        namespace,
        { ...namespace, metadata: { ...namespace.metadata, labels } },
        this.denied('rbac', POLICY_NAMES.protectNamespaceLabels),
        'relabels its namespace to Pod Security privileged',
        MTB.multitenantResources,
      );
    }
  }

  // ---------- developer namespaces ----------

  private ownerCases(namespace: string, owner: string, others: readonly string[]): void {
    const ns = this.namespaceContext(namespace);
    const as: AdmissionIdentity = { user: owner, groups: [], role: `owner of developer namespace ${namespace}` };
    const prefix = `${namespace}/owner`;
    this.create(`${prefix}/deployment`, as, 'Deployment', namespace, workloadObject('Deployment', objectName(`${prefix}/deployment`), namespace, this.honest(ns)), this.allowed(), "an ordinary Deployment in the owner's namespace");
    this.create(`${prefix}/service`, as, 'Service', namespace, service(objectName(`${prefix}/service`), namespace, {}), this.allowed(), "a ClusterIP Service in the owner's namespace");
    this.create(
      `${prefix}/role`,
      as,
      'Role',
      namespace,
      role(objectName(`${prefix}/role`), namespace, [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]),
      this.allowed(),
      'the owner creates a Role within its own permissions',
    );
    this.podSecurityCases(prefix, as, ns);
    this.serviceCases(prefix, as, ns);
    this.placementCases(prefix, as, ns);
    this.exposureCases(prefix, as, ns);
    this.grantCases(prefix, as, ns);
    for (const other of others) {
      this.create(`${prefix}/secret-in-${other}`, as, 'Secret', other, secret(objectName(`${prefix}/secret-in-${other}`), other), this.denied('rbac'), `writes a Secret in developer namespace ${other}`, MTB.otherTenants);
    }
    this.ownedObjectCases(prefix, as, ns);
  }
}

/** The rules a controller needs for leader election: what an admin may grant (it holds them). */
const LEASE_RULES: JsonObject[] = [
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'list', 'watch', 'create', 'update'] },
  { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
];
/** The namespace of the platform's shared gateway that routes attach to. */
const GATEWAY_NAMESPACE = 'ingress-gateway';
/** A PersistentVolume name a claim could bind to (the API server does not check that it exists). */
const PRE_PROVISIONED_VOLUME = 'pv-filestore-shared-0';

type Verdict = Pick<AdmissionCase, 'expect' | 'deniedBy' | 'policy' | 'backstop'>;

function placement(tenant: string): JsonObject {
  return dedicatedPlacement(tenant, TENANT_TAINT_KEY, TENANT_NODE_LABEL_KEY, TENANT_TAINT_EFFECT);
}

/** A node name as GKE spells it for the tenant's pool; the API server does not check that it exists. */
function nodeNameOf(cluster: string, tenant: string): string {
  return `gke-${cluster}-tenant-${tenant}-0a1b2c3d-x7k2`.slice(0, 63);
}

function service(name: string, namespace: string, spec: JsonObject, annotations?: Record<string, string>): JsonObject {
  const object = objectOf('Service', name, namespace, { spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }], ...spec } });
  if (annotations) (object.metadata as JsonObject).annotations = { ...annotations };
  return object;
}

/** A Secret the token controller fills with a never-expiring token of `serviceAccount`. */
function tokenSecret(name: string, namespace: string, serviceAccount: string): JsonObject {
  const object = objectOf('Secret', name, namespace, { type: 'kubernetes.io/service-account-token' });
  (object.metadata as JsonObject).annotations = { 'kubernetes.io/service-account.name': serviceAccount };
  return object;
}

function secret(name: string, namespace: string): JsonObject {
  return objectOf('Secret', name, namespace, { type: 'Opaque', data: { token: 'c2VjcmV0' } });
}

function role(name: string, namespace: string, rules: JsonObject[]): JsonObject {
  return objectOf('Role', name, namespace, { rules });
}

function roleBinding(name: string, namespace: string, clusterRole: string, subject: JsonObject): JsonObject {
  return objectOf('RoleBinding', name, namespace, { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRole }, subjects: [subject] });
}

function clusterRoleBinding(name: string, clusterRole: string, subject: JsonObject): JsonObject {
  return objectOf('ClusterRoleBinding', name, undefined, { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRole }, subjects: [subject] });
}

/** The object with one harmless annotation added: an UPDATE that changes nothing that matters. */
function touched(object: CorpusManifestObject): JsonObject {
  const metadata = object.metadata as JsonObject;
  return { ...object, metadata: { ...metadata, annotations: { ...((metadata.annotations as Record<string, string>) ?? {}), 'corpus.example.com/touched': 'true' } } };
}

function raiseQuota(quota: CorpusManifestObject): JsonObject {
  const spec = quota.spec as { hard: Record<string, unknown> };
  return { ...quota, spec: { ...spec, hard: { ...spec.hard, 'requests.cpu': '100000', 'limits.cpu': '100000' } } };
}

/** Container limits at the LimitRange max, requests at the max too unless the quota's requests are smaller. */
function largest(ns: NamespaceContext): ContainerResources {
  const cap = (resource: 'cpu' | 'memory') => {
    const max = ns.container.max[resource];
    const quota = ns.quotaHard[`requests.${resource}`];
    return quota !== undefined && compareQuantities(String(quota), max) < 0 ? String(quota) : max;
  };
  return { requests: { cpu: cap('cpu'), memory: cap('memory') }, limits: { cpu: ns.container.max.cpu, memory: ns.container.max.memory } };
}

/** Twice a CPU quantity, in millicores. */
function double(cpu: string): string {
  const match = /^(\d+)(m?)$/.exec(cpu);
  if (!match) throw new Error(`admission corpus: CPU quantity ${cpu} is not whole cores or millicores`);
  const milli = match[2] ? Number(match[1]) : Number(match[1]) * 1000;
  return `${milli * 2}m`;
}
