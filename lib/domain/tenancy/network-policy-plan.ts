/**
 * Every NetworkPolicy the platform puts into a namespace, planned once as plain data: the baseline every namespace
 * gets (default deny both ways; own namespace, DNS, metadata server), a tenant's own allowances (declared
 * dependencies in both directions, external dependencies, declared ingress sources, Google APIs, private services),
 * the add-ons' traffic needs (egress to a server, ingress from a system namespace) and a mesh sidecar's way to istiod.
 * The constructs (TenantNamespace, DeveloperNamespace, AddOnTrafficPolicies, TenantMesh) only map these records to
 * objects, whether the platform definition drives them or a product team's own chart does. Pure: no cdk8s.
 */
import { NAMESPACE_NAME_LABEL } from './labels';
import { DEFAULT_PROTOCOL, NetworkProtocol, PortSpec, ResolvedTenant } from './tenant-spec';
import { PRIVATE_GOOGLE_APIS_CIDR } from '../hybrid/advertisements';
import { PRIVATE_SERVICE_PORTS } from '../platform/private-service-access';
import type { DerivedNamespaceIngress, DerivedServerEgress } from '../addons/traffic-plan';
import type { ValidationIssue } from '../validation-error';

/** An egress destination outside the cluster by CIDR and ports. */
export interface CidrPorts {
  /** Destination range, network address only, e.g. `169.254.169.254/32`. */
  readonly cidr: string;
  /** Ports allowed to it (protocol TCP unless stated); an egress NetworkPolicy rule lists exactly these. */
  readonly ports: readonly PortSpec[];
}

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

/** Where kube-dns runs on GKE. */
const KUBE_DNS_NAMESPACE = 'kube-system';
const KUBE_DNS_POD_LABELS: Readonly<Record<string, string>> = { 'k8s-app': 'kube-dns' };
const DNS_PORTS: readonly PortSpec[] = [
  { port: 53, protocol: 'UDP' },
  { port: 53, protocol: 'TCP' },
];
/** The labels of istiod's pods, which serve the sidecars' configuration and certificates. */
const ISTIOD_POD_LABELS: Readonly<Record<string, string>> = { app: 'istiod' };

/** A label selector; `{}` selects every pod (or namespace). */
export interface PolicySelector {
  /** Labels the selected objects carry. @default absent: every object */
  readonly matchLabels?: Readonly<Record<string, string>>;
}

/** One peer of a rule: pods (of a namespace, or the policy's own), or an address block. */
export interface PolicyPeer {
  /** Namespaces whose pods are peers. @default absent: the policy's own namespace (with podSelector) */
  readonly namespaceSelector?: PolicySelector;
  /** Pods that are peers. @default absent: every pod of the selected namespaces */
  readonly podSelector?: PolicySelector;
  /** An address block outside the cluster's pods. @default absent */
  readonly ipBlock?: {
    /** The block, network address only. */
    readonly cidr: string;
  };
}

/** A port a rule opens, with its protocol resolved. */
export interface PolicyPort {
  /** The port number. */
  readonly port: number;
  /** Its protocol. */
  readonly protocol: NetworkProtocol;
}

/** An ingress rule: connections from these peers on these ports. */
export interface PolicyIngressRule {
  /** Who may connect. */
  readonly from: readonly PolicyPeer[];
  /** On which ports. @default absent: every port */
  readonly ports?: readonly PolicyPort[];
}

/** An egress rule: connections to these peers on these ports. */
export interface PolicyEgressRule {
  /** Where the pods may connect. */
  readonly to: readonly PolicyPeer[];
  /** On which ports. @default absent: every port */
  readonly ports?: readonly PolicyPort[];
}

/** One NetworkPolicy, as plain data. */
export interface NetworkPolicyPlan {
  /** The construct id its object gets (a construct path segment: contract, never derived from anything unstable). */
  readonly id: string;
  /** The policy's name in its namespace. */
  readonly name: string;
  /** The namespace. */
  readonly namespace: string;
  /** The pods it applies to: every policy here selects all of the namespace's pods. */
  readonly podSelector: PolicySelector;
  /** The directions it isolates. */
  readonly policyTypes: readonly ('Ingress' | 'Egress')[];
  /** What it admits in. @default absent: nothing (with Ingress among policyTypes) */
  readonly ingress?: readonly PolicyIngressRule[];
  /** What it lets out. @default absent: nothing (with Egress among policyTypes) */
  readonly egress?: readonly PolicyEgressRule[];
}

/** The destinations every namespace's baseline allows besides its own pods and kube-dns. */
export interface BaselinePolicyOptions {
  /** NodeLocal DNSCache address allowed for DNS. @default DEFAULT_NODE_LOCAL_DNS_CIDR */
  readonly nodeLocalDnsCidr?: string;
  /** Metadata server destinations. @default DEFAULT_METADATA_SERVER */
  readonly metadataServer?: readonly CidrPorts[];
}

/** What a tenant's policies need beyond the tenant itself. */
export interface TenantPolicyOptions extends BaselinePolicyOptions {
  /** Tenants that depend on this one: an ingress policy each (the egress half lives in theirs). @default [] */
  readonly dependents?: readonly string[];
  /** Where Workload Identity tenants reach Google APIs. @default PRIVATE_GOOGLE_APIS_CIDR */
  readonly googleApisCidr?: string;
  /** The Private Service Access range, for a tenant that uses private-IP services. @default absent: no allowance */
  readonly privateServicesCidr?: string;
}

/** The ports of a rule, protocol resolved; absent when none are given (the rule then opens every port). */
export function policyPorts(ports: readonly PortSpec[] | undefined): PolicyPort[] | undefined {
  if (!ports || ports.length === 0) return undefined;
  return ports.map((p) => ({ port: p.port, protocol: p.protocol ?? DEFAULT_PROTOCOL }));
}

/** Pods of a namespace, selected by its name label (every pod, or those with `podLabels`). */
export function namespacePeer(namespace: string, podLabels?: Readonly<Record<string, string>>): PolicyPeer {
  return { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } }, ...(podLabels ? { podSelector: { matchLabels: { ...podLabels } } } : {}) };
}

/** An egress-only policy over the namespace's pods. */
function egressPolicy(id: string, name: string, namespace: string, egress: readonly PolicyEgressRule[]): NetworkPolicyPlan {
  return { id, name, namespace, podSelector: {}, policyTypes: ['Egress'], egress };
}

/** An ingress-only policy over the namespace's pods. */
function ingressPolicy(id: string, name: string, namespace: string, ingress: readonly PolicyIngressRule[]): NetworkPolicyPlan {
  return { id, name, namespace, podSelector: {}, policyTypes: ['Ingress'], ingress };
}

/**
 * Default deny both ways, then the allowances every namespace needs: its own pods, DNS (kube-dns and NodeLocal
 * DNSCache) and the metadata server.
 */
export function baselineNetworkPolicies(namespace: string, options: BaselinePolicyOptions = {}): NetworkPolicyPlan[] {
  const nodeLocalDnsCidr = options.nodeLocalDnsCidr ?? DEFAULT_NODE_LOCAL_DNS_CIDR;
  const metadataServer = options.metadataServer ?? DEFAULT_METADATA_SERVER;
  const dnsPorts = policyPorts(DNS_PORTS);
  return [
    { id: 'DefaultDeny', name: 'default-deny', namespace, podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    { id: 'AllowSameNamespace', name: 'allow-same-namespace', namespace, podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: {} }] }], egress: [{ to: [{ podSelector: {} }] }] },
    egressPolicy('AllowDns', 'allow-dns', namespace, [
      { to: [namespacePeer(KUBE_DNS_NAMESPACE, KUBE_DNS_POD_LABELS)], ports: dnsPorts },
      { to: [{ ipBlock: { cidr: nodeLocalDnsCidr } }], ports: dnsPorts },
    ]),
    egressPolicy(
      'AllowMetadataServer',
      'allow-metadata-server',
      namespace,
      metadataServer.map((m) => ({ to: [{ ipBlock: { cidr: m.cidr } }], ports: policyPorts(m.ports) })),
    ),
  ];
}

/**
 * A tenant namespace's policies, in the order its objects are created: the baseline; egress to each declared
 * dependency (the ingress half lives in the dependency's namespace) and ingress from each dependent; egress to its
 * external dependencies; ingress from its declared sources; Google APIs on 443 when it has Workload Identities; the
 * Private Service Access range on PRIVATE_SERVICE_PORTS when given one.
 */
export function tenantNetworkPolicies(tenant: Pick<ResolvedTenant, 'name' | 'dependencies' | 'ingressSources' | 'workloadIdentities'>, options: TenantPolicyOptions = {}): NetworkPolicyPlan[] {
  const ns = tenant.name;
  const policies = baselineNetworkPolicies(ns, options);
  for (const dep of [...new Set(tenant.dependencies.tenants)].sort()) {
    policies.push(egressPolicy(`AllowEgressTo-${dep}`, `allow-egress-to-${dep}`, ns, [{ to: [namespacePeer(dep)] }]));
  }
  for (const dependent of [...new Set([...(options.dependents ?? [])].sort())]) {
    policies.push(ingressPolicy(`AllowIngressFrom-${dependent}`, `allow-ingress-from-${dependent}`, ns, [{ from: [namespacePeer(dependent)] }]));
  }
  if (tenant.dependencies.external.length > 0) {
    policies.push(
      egressPolicy(
        'AllowExternalEgress',
        'allow-external-egress',
        ns,
        tenant.dependencies.external.map((ext) => ({ to: [{ ipBlock: { cidr: ext.cidr } }], ports: policyPorts(ext.ports) })),
      ),
    );
  }
  if (tenant.ingressSources.length > 0) {
    policies.push(
      ingressPolicy(
        'AllowDeclaredIngress',
        'allow-declared-ingress',
        ns,
        tenant.ingressSources.map((src) => ({ from: ['namespace' in src ? namespacePeer(src.namespace, src.podLabels) : { ipBlock: { cidr: src.cidr } }], ports: policyPorts(src.ports) })),
      ),
    );
  }
  if (tenant.workloadIdentities.length > 0) {
    policies.push(egressPolicy('AllowGoogleApis', 'allow-google-apis', ns, [{ to: [{ ipBlock: { cidr: options.googleApisCidr ?? PRIVATE_GOOGLE_APIS_CIDR } }], ports: tcpPorts([443]) }]));
  }
  if (options.privateServicesCidr) {
    policies.push(egressPolicy('AllowPrivateServices', 'allow-private-services', ns, [{ to: [{ ipBlock: { cidr: options.privateServicesCidr } }], ports: tcpPorts(PRIVATE_SERVICE_PORTS) }]));
  }
  return policies;
}

function tcpPorts(ports: readonly number[]): PolicyPort[] {
  return ports.map((port) => ({ port, protocol: 'TCP' }));
}

/** The NetworkPolicy letting a tenant reach an add-on's server: `add-on-egress-<server>`. */
export function addOnEgressPolicyName(server: string): string {
  return `add-on-egress-${server}`;
}

/** The NetworkPolicy letting a system namespace reach a tenant: `add-on-ingress-<namespace>`. */
export function addOnIngressPolicyName(namespace: string): string {
  return `add-on-ingress-${namespace}`;
}

/** The add-ons' traffic a tenant namespace is opened to (`plan.addOnTraffic`'s tenant halves). */
export interface AddOnTenantTraffic {
  /** Servers the tenant's pods reach. @default none */
  readonly egress?: readonly DerivedServerEgress[];
  /** Namespaces that reach the tenant's pods. @default none */
  readonly ingress?: readonly DerivedNamespaceIngress[];
}

/**
 * The policies a tenant namespace gets from the add-ons' traffic needs, on top of its default deny: egress to each
 * add-on server's exact range and port, ingress from each system namespace on exactly its ports. Their names
 * (`add-on-*`) never meet the tenant's own (`allow-*`, `default-deny`); two needs deriving one name are reported by
 * validatePolicyNames.
 */
export function addOnTrafficNetworkPolicies(namespace: string, traffic: AddOnTenantTraffic): NetworkPolicyPlan[] {
  return [
    ...(traffic.egress ?? []).map((e) => egressPolicy(`Egress-${e.server}`, addOnEgressPolicyName(e.server), namespace, [{ to: [{ ipBlock: { cidr: e.cidr } }], ports: tcpPorts([e.port]) }])),
    ...(traffic.ingress ?? []).map((i) => ingressPolicy(`Ingress-${i.namespace}`, addOnIngressPolicyName(i.namespace), namespace, [{ from: [namespacePeer(i.namespace)], ports: tcpPorts(i.ports) }])),
  ];
}

/** Each policy whose name an earlier one already has, as an issue at `path` (field `name`): two needs deriving one name. */
export function validatePolicyNames(policies: readonly NetworkPolicyPlan[], path: string): ValidationIssue[] {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const { name } of policies) {
    if (seen.has(name)) issues.push({ path, field: 'name', value: name, problem: 'is derived from two add-on traffic needs', fix: 'give each add-on server (or calling namespace) its own name' });
    seen.add(name);
  }
  return issues;
}

/**
 * A meshed namespace's way to istiod (its pods in `meshNamespace`, on its xDS port): default-deny egress would cut
 * the sidecars off their configuration and certificates.
 */
export function meshControlPlanePolicy(namespace: string, meshNamespace: string, xdsPort: number): NetworkPolicyPlan {
  return egressPolicy('AllowIstiod', 'allow-egress-to-istiod', namespace, [{ to: [namespacePeer(meshNamespace, ISTIOD_POD_LABELS)], ports: tcpPorts([xdsPort]) }]);
}
