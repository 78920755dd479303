import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-33';
import { ValidationError } from '../domain/validation-error';
import {
  GKE_INTERNAL_INGRESS_CLASS,
  MANAGED_BY_LABEL,
  MANAGED_BY_PLATFORM,
  NAMESPACE_NAME_LABEL,
  TENANT_ADMIN_ROLE,
  TENANT_DEVELOPER_ROLE,
  TENANT_LABEL,
  TENANT_LEADER_ELECTION_ROLE,
  TENANT_NODE_LABEL_KEY,
  TENANT_TAINT_EFFECT,
  TENANT_TAINT_KEY,
  TENANT_VIEWER_ROLE,
} from '../domain/tenancy/labels';
import { POLICY_NAMES } from '../domain/isolation/policy-names';
import { celList, celString } from './private/cel';
import { TENANT_ROLE_RULES } from './private/cluster-roles';
import { isDns1123Label } from '../domain/tenancy/tenant-rules';
import { validateHostClaims } from '../domain/tenancy/host-rules';
import { resolveTenant, TenantSpec } from '../domain/tenancy/tenant-spec';
import { ingressPolicy, routePolicy, serviceAccountTokenPolicy, TenantExposure, volumeClaimPolicy, volumePolicy } from './private/exposure-policies';

/**
 * Identities that may change platform-owned objects and namespace labels: cluster admins and the
 * controllers in kube-system (garbage collector, namespace controller) that delete what they own.
 * Add the GitOps reconciler that applies the platform's manifests.
 */
const DEFAULT_EXEMPT_GROUPS: readonly string[] = ['system:masters', 'system:serviceaccounts:kube-system'];
/** Users that may change platform-owned objects: the controller manager, which deletes what it owns. */
const DEFAULT_EXEMPT_USERS: readonly string[] = ['system:kube-controller-manager'];

/** Annotation domains that steer Google Cloud load balancers; keys under them need approval. */
const DEFAULT_LOAD_BALANCER_ANNOTATION_PREFIXES: readonly string[] = ['cloud.google.com/', 'networking.gke.io/', 'service.kubernetes.io/', 'service.beta.kubernetes.io/'];
/** Internal passthrough load balancers and container-native NEGs; `neg-status` is written back by GKE. */
const DEFAULT_ALLOWED_LOAD_BALANCER_ANNOTATIONS: readonly string[] = [
  'networking.gke.io/load-balancer-type',
  'networking.gke.io/internal-load-balancer-allow-global-access',
  'networking.gke.io/internal-load-balancer-subnet',
  'cloud.google.com/neg',
  'cloud.google.com/neg-status',
];

/**
 * Ingress classes a tenant with a load-balancer quota may use: GKE's internal Application Load Balancer, one per
 * Ingress. Not `gce` (external): the internet reaches tenants through the platform's gateway, where hostnames are
 * checked. An Ingress without class is GKE's `gce`, so every tenant Ingress must name one of these.
 */
const DEFAULT_TENANT_INGRESS_CLASSES: readonly string[] = [GKE_INTERNAL_INGRESS_CLASS];
/**
 * Annotation domains that steer Google's load balancers from an Ingress: static IPs
 * (`kubernetes.io/ingress.global-static-ip-name`, `...regional-static-ip-name`), pre-shared certificates
 * (`ingress.gcp.kubernetes.io/pre-shared-cert`), FrontendConfig and managed certificates (`networking.gke.io/...`).
 */
const DEFAULT_INGRESS_ANNOTATION_PREFIXES: readonly string[] = ['kubernetes.io/ingress.', 'ingress.gcp.kubernetes.io/', 'networking.gke.io/', 'cloud.google.com/'];
/** The class (checked against the allowed classes) and whether plain HTTP is served: nothing else steers. */
const DEFAULT_ALLOWED_INGRESS_ANNOTATIONS: readonly string[] = ['kubernetes.io/ingress.class', 'kubernetes.io/ingress.allow-http'];
/**
 * CSI drivers tenant pods may mount inline (`volumes[].csi`): Cloud Storage FUSE and Secret Manager, which act with
 * the pod's own Workload Identity. Other drivers may mount node paths or act with the node's credentials.
 */
const DEFAULT_INLINE_CSI_DRIVERS: readonly string[] = ['gcsfuse.csi.storage.gke.io', 'secrets-store-gke.csi.k8s.io'];

/**
 * Namespaces where pods may tolerate any taint (GKE's system DaemonSets tolerate everything). Add the
 * namespaces of platform DaemonSets (monitoring, logging agents) that must run on dedicated nodes too.
 */
const DEFAULT_SYSTEM_NAMESPACES: readonly string[] = [
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'gke-managed-system',
  'gke-managed-cim',
  'gke-managed-filestorecsi',
  'gke-gmp-system',
  'gmp-system',
  'gmp-public',
  'config-management-system',
  'config-management-monitoring',
  'resource-group-system',
];

/** What an admission policy does with a request it refuses. */
export type ValidationAction = 'Deny' | 'Warn' | 'Audit';
/** The admission policies deny (not only warn or audit) what they refuse. */
const DEFAULT_VALIDATION_ACTIONS: readonly ValidationAction[] = ['Deny'];

/** Props of `PlatformPolicies`. */
export interface PlatformPoliciesProps {
  /** Tenants on this cluster; each `dedicated-nodes` tenant gets placement policies. */
  readonly tenants: readonly TenantSpec[];
  /**
   * Groups exempt from the platform-object and namespace-label policies, in addition to
   * DEFAULT_EXEMPT_GROUPS (which always apply: without them kube-system controllers could not clean up).
   * @default [] (only DEFAULT_EXEMPT_GROUPS)
   */
  readonly exemptGroups?: readonly string[];
  /**
   * Users exempt from the platform-object and namespace-label policies (e.g. the Config Sync reconciler),
   * in addition to DEFAULT_EXEMPT_USERS (which always apply).
   * @default [] (only DEFAULT_EXEMPT_USERS)
   */
  readonly exemptUsers?: readonly string[];
  /** Annotation keys a tenant LoadBalancer Service may carry under the controlled prefixes. @default DEFAULT_ALLOWED_LOAD_BALANCER_ANNOTATIONS */
  readonly allowedLoadBalancerAnnotations?: readonly string[];
  /** Annotation prefixes under which keys need approval. @default DEFAULT_LOAD_BALANCER_ANNOTATION_PREFIXES */
  readonly loadBalancerAnnotationPrefixes?: readonly string[];
  /**
   * Priority classes tenant pods may use. Include the cluster's globalDefault class if there is one: the
   * Priority admission plugin sets it before validation runs. @default [] (no priorityClassName allowed)
   */
  readonly allowedPriorityClasses?: readonly string[];
  /** Namespaces whose pods may tolerate dedicated-node taints. @default DEFAULT_SYSTEM_NAMESPACES */
  readonly systemNamespaces?: readonly string[];
  /**
   * Ingress classes tenants whose quota grants load balancers may use; each must make one load balancer per Ingress
   * (the Ingress count is bounded by the same quota). Tenants without that quota may create no Ingress.
   * @default DEFAULT_TENANT_INGRESS_CLASSES (`gce-internal`)
   */
  readonly tenantIngressClasses?: readonly string[];
  /** Annotation prefixes under which Ingress annotation keys need approval. @default DEFAULT_INGRESS_ANNOTATION_PREFIXES */
  readonly ingressAnnotationPrefixes?: readonly string[];
  /** Ingress annotation keys tenants may set under those prefixes. @default DEFAULT_ALLOWED_INGRESS_ANNOTATIONS */
  readonly allowedIngressAnnotations?: readonly string[];
  /** CSI drivers tenant pods may use in inline volumes. @default DEFAULT_INLINE_CSI_DRIVERS */
  readonly allowedInlineCsiDrivers?: readonly string[];
  /** What a binding does on violation; `['Warn', 'Audit']` for a dry run. @default ['Deny'] */
  readonly validationActions?: readonly ValidationAction[];
}

/** Names of the admission policies (each has a binding of the same name). */
export { POLICY_NAMES };

/** Groups whose pod creations may set `spec.nodeName`: kubelets' mirror pods (NodeRestriction keeps each to its node). */
const NODE_NAME_EXEMPT_GROUPS: readonly string[] = ['system:nodes'];

/**
 * Where the pod spec sits in each kind a policy checks. A tenant who cannot set a field on a Pod must not
 * set it on a template either: the controller would create the pod, and the error would surface nowhere.
 */
const WORKLOAD_RULES: k8s.NamedRuleWithOperations[] = [
  { apiGroups: ['apps'], apiVersions: ['v1'], resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'], operations: ['CREATE', 'UPDATE'], scope: 'Namespaced' },
  { apiGroups: ['batch'], apiVersions: ['v1'], resources: ['jobs', 'cronjobs'], operations: ['CREATE', 'UPDATE'], scope: 'Namespaced' },
];
const POD_SPEC_VARIABLE: k8s.Variable = {
  name: 'podSpec',
  expression: 'object.kind == "Pod" ? object.spec : (object.kind == "CronJob" ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec)',
};
/** Pod rules (the given operations) plus every workload kind's template on CREATE and UPDATE. */
function podAndWorkloadRules(podOperations: string[]): k8s.NamedRuleWithOperations[] {
  return [{ apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], operations: podOperations, scope: 'Namespaced' }, ...WORKLOAD_RULES];
}

/** A CEL message expression `"tenant <name>: " + rest`: every refusal names the tenant first. */
function tenantMessage(tenant: string, rest: string): string {
  return `"tenant " + ${tenant} + ": " + ${rest}`;
}

const TENANT_NAMESPACES: k8s.LabelSelector = { matchExpressions: [{ key: TENANT_LABEL, operator: 'Exists' }] };

/**
 * Cluster-wide guard rails for a multi-tenant cluster, one per cluster: the platform's tenant
 * ClusterRoles and ValidatingAdmissionPolicies (admissionregistration.k8s.io/v1, GA in Kubernetes 1.30)
 * with their bindings. Pod and Service policies exempt nobody: controllers create pods, so exempting
 * kube-system identities would exempt every pod.
 *
 * Escape hatch: `policies[name].addJsonPatch(...)` / `bindings[name].addJsonPatch(...)`.
 */
export class PlatformPolicies extends Construct {
  /** ClusterRoles keyed by name (`tenant-admin`, `tenant-developer`, `tenant-viewer`, `tenant-leader-election`). */
  public readonly clusterRoles: Readonly<Record<string, k8s.KubeClusterRole>>;
  /** ValidatingAdmissionPolicies keyed by name (see POLICY_NAMES). */
  public readonly policies: Readonly<Record<string, k8s.KubeValidatingAdmissionPolicy>>;
  /** ValidatingAdmissionPolicyBindings keyed by the policy name. */
  public readonly bindings: Readonly<Record<string, k8s.KubeValidatingAdmissionPolicyBinding>>;
  /** Tenants whose pods are pinned to dedicated nodes, sorted. */
  public readonly dedicatedNodeTenants: readonly string[];

  private readonly validationActions: string[];
  private readonly labels = { [MANAGED_BY_LABEL]: MANAGED_BY_PLATFORM };
  private readonly policyMap: Record<string, k8s.KubeValidatingAdmissionPolicy> = {};
  private readonly bindingMap: Record<string, k8s.KubeValidatingAdmissionPolicyBinding> = {};

  constructor(scope: Construct, id: string, props: PlatformPoliciesProps) {
    super(scope, id);
    // Exemptions extend the defaults: replacing them once cut the controller manager out of its own cleanup.
    const exemptGroups = [...new Set([...DEFAULT_EXEMPT_GROUPS, ...(props.exemptGroups ?? [])])];
    const exemptUsers = [...new Set([...DEFAULT_EXEMPT_USERS, ...(props.exemptUsers ?? [])])];
    const allowedAnnotations = props.allowedLoadBalancerAnnotations ?? DEFAULT_ALLOWED_LOAD_BALANCER_ANNOTATIONS;
    const annotationPrefixes = props.loadBalancerAnnotationPrefixes ?? DEFAULT_LOAD_BALANCER_ANNOTATION_PREFIXES;
    const allowedPriorityClasses = props.allowedPriorityClasses ?? [];
    const systemNamespaces = props.systemNamespaces ?? DEFAULT_SYSTEM_NAMESPACES;
    this.validationActions = [...(props.validationActions ?? DEFAULT_VALIDATION_ACTIONS)];
    this.dedicatedNodeTenants = props.tenants
      .filter((t) => t.isolation === 'dedicated-nodes')
      .map((t) => t.name)
      .sort();
    this.validate(props, systemNamespaces);

    this.clusterRoles = {
      [TENANT_ADMIN_ROLE]: this.clusterRole('AdminRole', TENANT_ADMIN_ROLE, TENANT_ROLE_RULES.admin),
      [TENANT_DEVELOPER_ROLE]: this.clusterRole('DeveloperRole', TENANT_DEVELOPER_ROLE, TENANT_ROLE_RULES.developer),
      [TENANT_VIEWER_ROLE]: this.clusterRole('ViewerRole', TENANT_VIEWER_ROLE, TENANT_ROLE_RULES.viewer),
      // Bound by tenant admins to their controllers' service accounts; bound by the platform to nobody.
      [TENANT_LEADER_ELECTION_ROLE]: this.clusterRole('LeaderElectionRole', TENANT_LEADER_ELECTION_ROLE, TENANT_ROLE_RULES.leaderElection),
    };

    const notExempt: k8s.MatchCondition = {
      name: 'not-platform-identity',
      expression: `!(request.userInfo.username in ${celList(exemptUsers)} || ` + `(has(request.userInfo.groups) && request.userInfo.groups.exists(g, g in ${celList(exemptGroups)})))`,
    };
    const key = celString(MANAGED_BY_LABEL);
    const value = celString(MANAGED_BY_PLATFORM);
    const owned = (o: string) => `(${o} != null && has(${o}.metadata.labels) && ${key} in ${o}.metadata.labels && ${o}.metadata.labels[${key}] == ${value})`;
    this.addPolicy('ProtectPlatformObjects', POLICY_NAMES.protectPlatformObjects, {
      failurePolicy: 'Fail',
      matchConstraints: {
        namespaceSelector: TENANT_NAMESPACES,
        resourceRules: [{ apiGroups: ['*'], apiVersions: ['*'], resources: ['*'], operations: ['CREATE', 'UPDATE', 'DELETE'], scope: '*' }],
      },
      matchConditions: [notExempt],
      validations: [
        {
          expression: `!${owned('oldObject')} && !${owned('object')}`,
          // A Namespace is cluster-scoped: its tenant is its own name.
          messageExpression: tenantMessage(
            '(request.namespace != "" ? request.namespace : request.name)',
            `request.kind.kind + " " + request.name + ${celString(` carries (or carried) the label ${MANAGED_BY_LABEL}=${MANAGED_BY_PLATFORM} (field metadata.labels): it belongs to the platform; change it through the platform definition, or create an object of your own without that label`)}`,
          ),
          reason: 'Forbidden',
        },
      ],
    });

    // Selected by the old object's label: a request that removes the tenant label must still be caught.
    this.addPolicy('ProtectNamespaceLabels', POLICY_NAMES.protectNamespaceLabels, {
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['namespaces'], operations: ['UPDATE'], scope: 'Cluster' }],
      },
      matchConditions: [{ name: 'tenant-namespace', expression: `has(oldObject.metadata.labels) && ${celString(TENANT_LABEL)} in oldObject.metadata.labels` }, notExempt],
      validations: [
        {
          expression: 'has(object.metadata.labels) && object.metadata.labels == oldObject.metadata.labels',
          messageExpression: tenantMessage('oldObject.metadata.name', celString('the labels of its Namespace (field metadata.labels) are set by the platform; change them through the platform definition')),
          reason: 'Forbidden',
        },
      ],
    });

    this.addPolicy('RestrictServices', POLICY_NAMES.restrictServices, {
      failurePolicy: 'Fail',
      matchConstraints: {
        namespaceSelector: TENANT_NAMESPACES,
        resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['services'], operations: ['CREATE', 'UPDATE'], scope: 'Namespaced' }],
      },
      validations: [
        {
          expression: '!has(object.spec.type) || object.spec.type != "NodePort"',
          messageExpression: tenantMessage(
            'request.namespace',
            `"Service " + object.metadata.name + ${celString(" has spec.type NodePort, which opens a port on every node; use type ClusterIP behind the platform's gateway, or an internal LoadBalancer within the tenant's quota")}`,
          ),
          reason: 'Forbidden',
        },
        {
          expression:
            '!has(object.spec.type) || object.spec.type != "LoadBalancer" || !has(object.metadata.annotations) || ' +
            `object.metadata.annotations.all(k, !${celList(annotationPrefixes)}.exists(p, k.startsWith(p)) || k in ${celList(allowedAnnotations)})`,
          messageExpression: tenantMessage(
            'request.namespace',
            `"LoadBalancer Service annotation metadata.annotations[" + object.metadata.annotations.filter(k, ${celList(annotationPrefixes)}.exists(p, k.startsWith(p)) && !(k in ${celList(allowedAnnotations)}))[0] + ${celString(`] steers Google's load balancers; remove it (allowed under ${annotationPrefixes.join(', ')}: ${allowedAnnotations.join(', ') || '(none)'})`)}`,
          ),
          reason: 'Forbidden',
        },
        {
          // CVE-2020-8554: externalIPs let a Service intercept traffic to any address. GkeCluster also disables them.
          expression: '!has(object.spec.externalIPs) || size(object.spec.externalIPs) == 0',
          messageExpression: tenantMessage(
            'request.namespace',
            `"Service " + object.metadata.name + ${celString(" sets spec.externalIPs, which intercepts traffic to addresses it does not own (CVE-2020-8554); remove them and use an internal LoadBalancer within the tenant's quota")}`,
          ),
          reason: 'Forbidden',
        },
        {
          // A reserved static address (the platform's, or another tenant's) is taken by naming it here.
          expression: '!has(object.spec.loadBalancerIP) || object.spec.loadBalancerIP == ""',
          messageExpression: tenantMessage(
            'request.namespace',
            `"Service " + object.metadata.name + " sets spec.loadBalancerIP " + object.spec.loadBalancerIP + ${celString(", which takes a reserved static address (the platform's or another tenant's); remove it: the load balancer gets an address of its own")}`,
          ),
          reason: 'Forbidden',
        },
        {
          // Gateways and proxies resolve an ExternalName backend from their own position (CVE-2021-25740's kin).
          expression: '!has(object.spec.type) || object.spec.type != "ExternalName"',
          messageExpression: tenantMessage(
            'request.namespace',
            `"Service " + object.metadata.name + " has spec.type ExternalName (" + (has(object.spec.externalName) ? object.spec.externalName : "") + ${celString("): the platform's gateways and proxies would resolve and call that name for the tenant, be it the metadata server or another tenant; call the name from the workload (egress is declared in the platform definition)")}`,
          ),
          reason: 'Forbidden',
        },
      ],
    });

    this.addPolicy('RestrictPriorityClasses', POLICY_NAMES.restrictPriorityClasses, {
      failurePolicy: 'Fail',
      matchConstraints: { namespaceSelector: TENANT_NAMESPACES, resourceRules: podAndWorkloadRules(['CREATE']) },
      variables: [POD_SPEC_VARIABLE],
      validations: [
        {
          expression: `!has(variables.podSpec.priorityClassName) || variables.podSpec.priorityClassName in ${celList(allowedPriorityClasses)}`,
          messageExpression: tenantMessage(
            'request.namespace',
            `"spec.priorityClassName " + variables.podSpec.priorityClassName + ${celString(` is not offered to tenants; use one of: ${allowedPriorityClasses.join(', ') || '(none: remove the field)'}`)}`,
          ),
          reason: 'Forbidden',
        },
      ],
    });

    // The scheduler binds pods through pods/binding; a pod created with spec.nodeName skips it, and with it
    // the NoSchedule taints and nodeSelectors that keep tenants on their own nodes (the kubelet checks only NoExecute).
    this.addPolicy('RestrictNodeName', POLICY_NAMES.restrictNodeName, {
      failurePolicy: 'Fail',
      matchConstraints: { namespaceSelector: TENANT_NAMESPACES, resourceRules: podAndWorkloadRules(['CREATE']) },
      matchConditions: [{ name: 'not-kubelet', expression: `!(has(request.userInfo.groups) && request.userInfo.groups.exists(g, g in ${celList(NODE_NAME_EXEMPT_GROUPS)}))` }],
      variables: [POD_SPEC_VARIABLE],
      validations: [
        {
          expression: '!has(variables.podSpec.nodeName) || variables.podSpec.nodeName == ""',
          messageExpression: tenantMessage('request.namespace', `"spec.nodeName " + variables.podSpec.nodeName + ${celString(' bypasses the scheduler and the node taints; remove it and choose nodes with nodeSelector and tolerations')}`),
          reason: 'Forbidden',
        },
      ],
    });

    if (this.dedicatedNodeTenants.length > 0) this.addDedicatedNodePolicies(systemNamespaces);

    const exposure: TenantExposure[] = props.tenants.map((t) => {
      const resolved = resolveTenant(t);
      return { name: t.name, loadBalancers: resolved.quota.loadBalancers, hosts: resolved.hosts };
    });
    this.addPolicy('RestrictServiceAccountTokens', POLICY_NAMES.restrictServiceAccountTokens, serviceAccountTokenPolicy(TENANT_NAMESPACES, notExempt));
    this.addPolicy(
      'RestrictIngresses',
      POLICY_NAMES.restrictIngresses,
      ingressPolicy(TENANT_NAMESPACES, {
        tenants: exposure,
        classes: props.tenantIngressClasses ?? DEFAULT_TENANT_INGRESS_CLASSES,
        allowedAnnotations: props.allowedIngressAnnotations ?? DEFAULT_ALLOWED_INGRESS_ANNOTATIONS,
        annotationPrefixes: props.ingressAnnotationPrefixes ?? DEFAULT_INGRESS_ANNOTATION_PREFIXES,
      }),
    );
    this.addPolicy('RestrictRoutes', POLICY_NAMES.restrictRoutes, routePolicy(TENANT_NAMESPACES, exposure));
    this.addPolicy('RestrictVolumes', POLICY_NAMES.restrictVolumes, volumePolicy(TENANT_NAMESPACES, podAndWorkloadRules(['CREATE']), POD_SPEC_VARIABLE, props.allowedInlineCsiDrivers ?? DEFAULT_INLINE_CSI_DRIVERS));
    this.addPolicy('RestrictVolumeClaims', POLICY_NAMES.restrictVolumeClaims, volumeClaimPolicy(TENANT_NAMESPACES, notExempt));
    this.policies = this.policyMap;
    this.bindings = this.bindingMap;
  }

  private validate(props: PlatformPoliciesProps, systemNamespaces: readonly string[]): void {
    const path = this.node.path;
    for (const tenant of this.dedicatedNodeTenants) {
      if (!isDns1123Label(tenant)) {
        throw new ValidationError({ path, field: 'tenants.name', value: tenant, problem: 'is not a DNS-1123 label', fix: 'validate tenants with assertTenants() first' });
      }
      if (systemNamespaces.includes(tenant)) {
        throw new ValidationError({ path, field: 'systemNamespaces', value: tenant, problem: 'contains a dedicated-nodes tenant, which would let it escape its nodes', fix: `remove "${tenant}" from systemNamespaces` });
      }
    }
    // Hosts are admitted under the requesting tenant's own names: sound only while no two tenants' names overlap.
    const overlaps = validateHostClaims(props.tenants);
    if (overlaps.length > 0) throw new ValidationError(overlaps.map((issue) => ({ ...issue, path: `${path}/${issue.path}` })));
    if (this.validationActions.length === 0 || (this.validationActions.includes('Deny') && this.validationActions.includes('Warn'))) {
      throw new ValidationError({ path, field: 'validationActions', value: props.validationActions, problem: 'must be non-empty and must not combine Deny with Warn', fix: "use ['Deny'] or ['Warn', 'Audit']" });
    }
  }

  /**
   * Pods in a dedicated tenant's namespace must select and tolerate its nodes; pods elsewhere (outside
   * system namespaces) must not tolerate any dedicated tenant's taint, including through a key-less
   * `operator: Exists` toleration that tolerates every taint.
   */
  private addDedicatedNodePolicies(systemNamespaces: readonly string[]): void {
    const taintKey = celString(TENANT_TAINT_KEY);
    const labelKey = celString(TENANT_NODE_LABEL_KEY);
    const effect = celString(TENANT_TAINT_EFFECT);
    this.addPolicy('DedicatedNodesPlacement', POLICY_NAMES.dedicatedNodesPlacement, {
      failurePolicy: 'Fail',
      matchConstraints: {
        namespaceSelector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: [...this.dedicatedNodeTenants] }] },
        resourceRules: podAndWorkloadRules(['CREATE']),
      },
      variables: [POD_SPEC_VARIABLE],
      validations: [
        {
          expression: `has(variables.podSpec.nodeSelector) && ${labelKey} in variables.podSpec.nodeSelector && variables.podSpec.nodeSelector[${labelKey}] == request.namespace`,
          messageExpression: tenantMessage(
            'request.namespace',
            `"pods must set spec.nodeSelector ${TENANT_NODE_LABEL_KEY}=" + request.namespace + ", the tenant's dedicated nodes; add it (the platform's own workloads get it from DedicatedNodeScheduling)"`,
          ),
          reason: 'Forbidden',
        },
        {
          expression:
            'has(variables.podSpec.tolerations) && variables.podSpec.tolerations.exists(t, ' +
            `has(t.key) && t.key == ${taintKey} && has(t.value) && t.value == request.namespace && ` +
            `(!has(t.operator) || t.operator == "Equal") && (!has(t.effect) || t.effect == ${effect}))`,
          messageExpression: tenantMessage('request.namespace', `"pods must tolerate (spec.tolerations) ${TENANT_TAINT_KEY}=" + request.namespace + ":${TENANT_TAINT_EFFECT}, the taint of the tenant's dedicated nodes; add the toleration"`),
          reason: 'Forbidden',
        },
      ],
    });

    const tolerates =
      `((has(t.key) && t.key == ${taintKey}) || ((!has(t.key) || t.key == "") && has(t.operator) && t.operator == "Exists")) && ` +
      '((has(t.operator) && t.operator == "Exists") || (has(t.value) && t.value == n)) && ' +
      `(!has(t.effect) || t.effect == "" || t.effect == ${effect})`;
    this.addPolicy('DedicatedNodesKeepOthersOff', POLICY_NAMES.dedicatedNodesKeepOthersOff, {
      failurePolicy: 'Fail',
      matchConstraints: {
        namespaceSelector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'NotIn', values: [...systemNamespaces] }] },
        resourceRules: podAndWorkloadRules(['CREATE', 'UPDATE']),
      },
      variables: [POD_SPEC_VARIABLE, { name: 'dedicatedTenants', expression: celList(this.dedicatedNodeTenants) }, { name: 'otherTenants', expression: 'variables.dedicatedTenants.filter(n, n != request.namespace)' }],
      validations: [
        {
          expression: `!has(variables.podSpec.tolerations) || variables.podSpec.tolerations.all(t, !variables.otherTenants.exists(n, ${tolerates}))`,
          messageExpression: tenantMessage(
            'request.namespace',
            celString(`spec.tolerations tolerate the ${TENANT_TAINT_KEY} taint of another tenant's dedicated nodes (or every taint); remove that toleration (dedicated tenants: ${this.dedicatedNodeTenants.join(', ')})`),
          ),
          reason: 'Forbidden',
        },
        {
          // Selecting without tolerating only leaves a pod pending, but it is never honest: refuse it with a clear reason.
          expression: `!has(variables.podSpec.nodeSelector) || !(${labelKey} in variables.podSpec.nodeSelector) || !(variables.podSpec.nodeSelector[${labelKey}] in variables.otherTenants)`,
          messageExpression: tenantMessage('request.namespace', celString(`spec.nodeSelector ${TENANT_NODE_LABEL_KEY} selects another tenant's dedicated nodes; remove it (dedicated tenants: ${this.dedicatedNodeTenants.join(', ')})`)),
          reason: 'Forbidden',
        },
        {
          expression:
            '!has(variables.podSpec.affinity) || !has(variables.podSpec.affinity.nodeAffinity) || ' +
            '!has(variables.podSpec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution) || ' +
            'variables.podSpec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.all(term, ' +
            `!has(term.matchExpressions) || term.matchExpressions.all(e, e.key != ${labelKey} || e.operator != "In" || !has(e.values) || !e.values.exists(v, v in variables.otherTenants)))`,
          messageExpression: tenantMessage(
            'request.namespace',
            celString(`spec.affinity.nodeAffinity requires another tenant's dedicated nodes (label ${TENANT_NODE_LABEL_KEY}); remove that term (dedicated tenants: ${this.dedicatedNodeTenants.join(', ')})`),
          ),
          reason: 'Forbidden',
        },
      ],
    });
  }

  private clusterRole(id: string, name: string, rules: readonly k8s.PolicyRule[]): k8s.KubeClusterRole {
    return new k8s.KubeClusterRole(this, id, { metadata: { name, labels: { ...this.labels } }, rules: [...rules] });
  }

  private addPolicy(id: string, name: string, spec: k8s.ValidatingAdmissionPolicySpec): void {
    this.policyMap[name] = new k8s.KubeValidatingAdmissionPolicy(this, id, { metadata: { name, labels: { ...this.labels } }, spec });
    this.bindingMap[name] = new k8s.KubeValidatingAdmissionPolicyBinding(this, `${id}Binding`, {
      metadata: { name, labels: { ...this.labels } },
      spec: { policyName: name, validationActions: [...this.validationActions] },
    });
  }
}
