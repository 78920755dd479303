/**
 * The Istio add-on's model, as plain data: per tenant namespace, the Sidecar's egress hosts, the principals and
 * ranges its AuthorizationPolicy admits, the ServiceEntries of its external dependencies. Generated from the same
 * dependency graph as the NetworkPolicies (dependencies, dependents, ingress sources). Pure: no cdktf or cdk8s.
 */
import type { ConnectivityIntent } from '../../reachability/connectivity-intent';
import type { TrafficNeed } from '../traffic-needs';
import type { PlatformDefinition } from '../../platform/platform-definition';
import type { PlatformPlan, TenantPlan } from '../../platform/platform-plan';
import { PRIVATE_SERVICE_PORTS } from '../../platform/private-service-access';
import { privateServicesCidrs } from '../../platform/tenant-network-policies';
import { DEFAULT_PROTOCOL, dependentsOf } from '../../tenancy/tenant-spec';
import type { PortSpec } from '../../tenancy/tenant-spec';
import type { ValidationIssue } from '../../validation-error';

export const ISTIO_ADD_ON = 'istio';

/** Settings of the istio add-on (`addOns: [{ name: 'istio', settings }]`). */
export interface IstioSettings {
  /** The mesh's system namespace (istiod, gateways). @default 'istio-system' */
  readonly systemNamespace?: string;
  /** The mesh's trust domain, the first part of every principal. @default 'cluster.local' (Istio's default) */
  readonly trustDomain?: string;
  /** The Istio release whose `base` chart installs the CRDs (istio-prerequisites.ts). @default ISTIO_VERSION ('1.31.4') */
  readonly version?: string;
}

/** Istio's root namespace as installed without overrides: where its control plane and mesh-wide policies live. */
const DEFAULT_ISTIO_SYSTEM_NAMESPACE = 'istio-system';
/** Istio's default trust domain: SPIFFE identities are `spiffe://cluster.local/ns/<ns>/sa/<sa>`. */
const DEFAULT_ISTIO_TRUST_DOMAIN = 'cluster.local';
/** istiod's xDS and CA port: every sidecar must reach it. */
export const ISTIOD_XDS_PORT = 15012;
/** istiod's webhook port (sidecar injection, config validation): its Service's 443 targets it, so the control plane connects to 15017. */
export const ISTIOD_WEBHOOK_PORT = 15017;

type ResolvedIstioSettings = Required<Omit<IstioSettings, 'version'>>;

export function resolveIstioSettings(settings: IstioSettings): ResolvedIstioSettings {
  return { systemNamespace: settings.systemNamespace ?? DEFAULT_ISTIO_SYSTEM_NAMESPACE, trustDomain: settings.trustDomain ?? DEFAULT_ISTIO_TRUST_DOMAIN };
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function validateIstioSettings(settings: IstioSettings, definition: PlatformDefinition): ValidationIssue[] {
  const path = `addOns[${ISTIO_ADD_ON}]`;
  const issues: ValidationIssue[] = [];
  const system = settings.systemNamespace;
  if (system !== undefined && (typeof system !== 'string' || !DNS_LABEL.test(system)))
    issues.push({ path, field: 'settings.systemNamespace', value: system, problem: 'is not a DNS-1123 label', fix: `use e.g. '${DEFAULT_ISTIO_SYSTEM_NAMESPACE}'` });
  const resolved = system ?? DEFAULT_ISTIO_SYSTEM_NAMESPACE;
  if ((definition.tenants ?? []).some((t) => t.name === resolved))
    issues.push({ path, field: 'settings.systemNamespace', value: resolved, problem: 'is the namespace of a tenant', fix: "rename the tenant or point systemNamespace at the mesh's own namespace" });
  const td = settings.trustDomain;
  if (td !== undefined && (typeof td !== 'string' || !DNS_NAME.test(td)))
    issues.push({ path, field: 'settings.trustDomain', value: td, problem: 'is not a lower-case DNS name', fix: `use the mesh's trust domain, e.g. '${DEFAULT_ISTIO_TRUST_DOMAIN}'` });
  issues.push(...sctpExternalIssues(definition), ...sctpIngressIssues(definition));
  return issues;
}

/**
 * Tenant validation accepts SCTP, but Istio's ServiceEntry ports have no SCTP protocol (HTTP, HTTPS, GRPC, HTTP2,
 * MONGO, TCP, TLS, UDP...): an external dependency on SCTP cannot get its ServiceEntry, and writing it as TCP would
 * hide the difference, so the add-on refuses it up front (plan --check and synthesis alike).
 */
function sctpExternalIssues(definition: PlatformDefinition): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const tenant of definition.tenants ?? []) {
    // Shapes are tenant validation's to refuse: only well-formed ports are looked at here.
    const externals = Array.isArray(tenant.dependencies?.external) ? tenant.dependencies.external : [];
    externals.forEach((ext, i) =>
      (Array.isArray(ext?.ports) ? ext.ports : []).forEach((p: PortSpec, j: number) => {
        if (p?.protocol !== 'SCTP') return;
        issues.push({
          path: `tenants[${tenant.name}]`,
          field: `dependencies.external[${i}].ports[${j}].protocol`,
          value: p.protocol,
          problem: `is SCTP, which the ${ISTIO_ADD_ON} add-on's mesh cannot carry (an Istio ServiceEntry port has no SCTP protocol)`,
          fix: `declare the dependency on a platform without the ${ISTIO_ADD_ON} add-on, or use TCP`,
        });
      }),
    );
  }
  return issues;
}

/**
 * The same for ingress: an ingress source's ports become the AuthorizationPolicy's `to.operation.ports`, which
 * Istio matches on TCP connections only (the sidecar captures TCP). An SCTP port there would admit TCP on that
 * number and say nothing about SCTP, so the add-on refuses it up front too.
 */
function sctpIngressIssues(definition: PlatformDefinition): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const tenant of definition.tenants ?? []) {
    // Shapes are tenant validation's to refuse: only well-formed ports are looked at here.
    const sources = Array.isArray(tenant.ingressSources) ? tenant.ingressSources : [];
    sources.forEach((source, i) =>
      (Array.isArray(source?.ports) ? source.ports : []).forEach((p: PortSpec, j: number) => {
        if (p?.protocol !== 'SCTP') return;
        issues.push({
          path: `tenants[${tenant.name}]`,
          field: `ingressSources[${i}].ports[${j}].protocol`,
          value: p.protocol,
          problem: `is SCTP, which the ${ISTIO_ADD_ON} add-on's mesh cannot carry (an Istio AuthorizationPolicy port matches TCP traffic only)`,
          fix: `declare the ingress source on a platform without the ${ISTIO_ADD_ON} add-on, or use TCP`,
        });
      }),
    );
  }
  return issues;
}

/** A declared port's ServiceEntry protocol: TCP or UDP as declared (TCP when unset); SCTP is refused by validateIstioSettings. */
export function serviceEntryProtocol(port: PortSpec): 'TCP' | 'UDP' {
  const protocol = port.protocol ?? DEFAULT_PROTOCOL;
  if (protocol === 'TCP' || protocol === 'UDP') return protocol;
  throw new Error(`istio: port ${port.port}/${protocol} has no ServiceEntry protocol; validateIstioSettings refuses it, so the platform was not validated`);
}

/** Every workload of a namespace, as an Istio principal (prefix match): `<trust domain>/ns/<ns>/sa/*`. */
function namespacePrincipal(trustDomain: string, namespace: string): string {
  return `${trustDomain}/ns/${namespace}/sa/*`;
}

interface MeshAdmission {
  /** Principals admitted (prefix matches). */
  readonly principals: readonly string[];
  /** Or source ranges (declared CIDR ingress sources). */
  readonly ipBlocks: readonly string[];
  /** Restricted to these ports (TCP: SCTP ingress ports are refused by validateIstioSettings). @default undefined: every port */
  readonly ports?: readonly number[];
  /** Why the rule exists, e.g. `ingress source namespace ingress-nginx`: for reviewers and test messages, not written to the policy. */
  readonly reason: string;
}

interface MeshExternal {
  /** The ServiceEntry's host (a name only the tenant's namespace sees). */
  readonly host: string;
  /** The external CIDR the tenant declared as a dependency (the ServiceEntry's address). */
  readonly cidr: string;
  /** Its declared ports and protocols (the ServiceEntry's ports, TCP when no protocol is declared; SCTP is refused by validateIstioSettings). */
  readonly ports: readonly PortSpec[];
}

/** A server of an add-on every tenant reaches (from the add-ons' traffic needs): the ServiceEntry `add-on-<name>`. */
export interface MeshServer {
  /** The server's short name (`vault`). */
  readonly name: string;
  /** The name tenants use for it: the ServiceEntry's host. */
  readonly host: string;
  /** Its exact range: the ServiceEntry's address. */
  readonly cidr: string;
  /** Its TCP port. */
  readonly port: number;
}

export interface TenantMeshPlan {
  /** The tenant's name. */
  readonly tenant: string;
  /** Its namespace (the tenant's name) on every cluster it runs on. */
  readonly namespace: string;
  /** The Sidecar's egress hosts: own namespace, the mesh's namespace, the declared dependencies. */
  readonly egressHosts: readonly string[];
  /** The AuthorizationPolicy's rules: own namespace and dependents, then each declared ingress source. */
  readonly admissions: readonly MeshAdmission[];
  /** One ServiceEntry per declared external dependency, in declaration order; empty when it declares none. */
  readonly externals: readonly MeshExternal[];
  /** One ServiceEntry per add-on server tenants reach (`plan.addOnTraffic.tenantEgress`); empty when no add-on needs one. */
  readonly servers: readonly MeshServer[];
  /**
   * Private Service Access (Cloud SQL, AlloyDB, Memorystore on private IPs), for tenants that hold a private-IP
   * service role: the range and the ports its NetworkPolicy opens.
   * @default absent: the tenant uses no private-IP service (or the platform has no Private Service Access)
   */
  readonly privateServices?: {
    /** The Private Service Access range (`network/private-service-access` in the IP plan): the ServiceEntry's address. */
    readonly cidr: string;
    /** The ports opened to it, each as TCP: PRIVATE_SERVICE_PORTS (3307 Cloud SQL connectors, 3306 MySQL, 5432 PostgreSQL and AlloyDB, 6379 Memorystore for Redis). */
    readonly ports: readonly number[];
  };
}

export function tenantMeshPlan(tenant: TenantPlan, plan: PlatformPlan, settings: ResolvedIstioSettings): TenantMeshPlan {
  const ns = tenant.name;
  const td = settings.trustDomain;
  const dependencies = [...new Set(tenant.resolved.dependencies.tenants)].sort();
  const dependents = [
    ...dependentsOf(
      tenant.name,
      plan.tenants.map((t) => t.definition),
    ),
  ].sort();
  const admissions: MeshAdmission[] = [{ principals: [ns, ...dependents].map((n) => namespacePrincipal(td, n)), ipBlocks: [], reason: 'own namespace and dependent tenants' }];
  for (const source of tenant.resolved.ingressSources) {
    const ports = source.ports?.map((p) => p.port);
    if ('namespace' in source) admissions.push({ principals: [namespacePrincipal(td, source.namespace)], ipBlocks: [], ports, reason: `ingress source namespace ${source.namespace}` });
    else admissions.push({ principals: [], ipBlocks: [source.cidr], ports, reason: `ingress source ${source.cidr}` });
  }
  // The same range, for the same tenants, as their allow-private-services NetworkPolicy.
  const privateServicesCidr = privateServicesCidrs(plan)(tenant.name);
  return {
    tenant: tenant.name,
    namespace: ns,
    egressHosts: ['./*', `${settings.systemNamespace}/*`, ...dependencies.map((d) => `${d}/*`)],
    admissions,
    externals: tenant.resolved.dependencies.external.map((ext, i) => ({ host: `external-${i + 1}.${ns}.mesh-external`, cidr: ext.cidr, ports: ext.ports })),
    servers: plan.addOnTraffic.tenantEgress.map((e) => ({ name: e.server, host: e.host, cidr: e.cidr, port: e.port })),
    ...(privateServicesCidr ? { privateServices: { cidr: privateServicesCidr, ports: PRIVATE_SERVICE_PORTS } } : {}),
  };
}

/** The mesh's own verdict on tenant pairs of each cluster: a declared dependency is allowed, any other pair denied. */
export function meshConnectivityIntents(plan: PlatformPlan): ConnectivityIntent[] {
  const intents: ConnectivityIntent[] = [];
  for (const cluster of plan.clusters) {
    const tenants = plan.tenants.filter((t) => t.clusters.includes(cluster.name));
    for (const from of tenants) {
      for (const to of tenants) {
        if (from === to) continue;
        const declared = from.resolved.dependencies.tenants.includes(to.name);
        intents.push({
          from: { kind: 'tenant', tenant: from.name, cluster: cluster.name },
          to: { kind: 'tenant', tenant: to.name, cluster: cluster.name },
          expect: declared ? 'allow' : 'deny',
          reason: declared
            ? `istio: ${from.name} declares a dependency on ${to.name} (Sidecar egress host, AuthorizationPolicy principal)`
            : `istio: ${from.name} does not declare ${to.name} (not in its Sidecar, not admitted by ${to.name}'s AuthorizationPolicy)`,
        });
      }
    }
  }
  return intents;
}

/**
 * What the mesh needs from the network: on every cluster with tenants (where istiod injects sidecars), the control
 * plane calls istiod's injection and validation webhooks on ISTIOD_WEBHOOK_PORT. A private cluster's control plane
 * reaches its nodes only on the ports a firewall rule opens, so without the derived rule no pod gets a sidecar.
 */
export function meshTrafficNeeds(definition: PlatformDefinition): TrafficNeed[] {
  const clusters = definition.clusters.map((c) => c.name).filter((c) => (definition.tenants ?? []).some((t) => t.clusters.includes(c)));
  if (clusters.length === 0) return [];
  return [{ kind: 'control-plane-to-webhook', webhook: 'istiod', port: ISTIOD_WEBHOOK_PORT, clusters, reason: "the API server calls istiod's sidecar-injection webhook for every pod of an injected namespace" }];
}
