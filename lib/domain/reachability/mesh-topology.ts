import type { ManifestObjectModel } from './output-element';

/**
 * The Istio objects of a synthesized platform, as the reachability model reads them from the manifests: the
 * fields it judges, and for each object the fields it does not (`unmodelled`), so that a verdict that depends on
 * them says "not modelled" instead of guessing. Pure data: no cdktf, cdk8s or construct import.
 */

/** What the output cannot say about the mesh: its installation's settings (Istio's MeshConfig). */
export interface MeshSettings {
  /** The trust domain every workload principal starts with (`<trust domain>/ns/<ns>/sa/<sa>`). */
  readonly trustDomain: string;
  /** The config root namespace: its selector-less Sidecar, PeerAuthentication and AuthorizationPolicies apply mesh-wide. */
  readonly rootNamespace: string;
}

/** Istio's own defaults, for a mesh installed without overrides. */
export const DEFAULT_MESH_SETTINGS: MeshSettings = { trustDomain: 'cluster.local', rootNamespace: 'istio-system' };

/** One Istio object, located (its namespace is where it applies; the root namespace: mesh-wide). */
export interface MeshObjectBase extends ManifestObjectModel {
  /** Fields present in the object that the model does not judge, as paths (`spec.workloadSelector`). Empty: fully judged. */
  readonly unmodelled: readonly string[];
}

export interface SidecarModel extends MeshObjectBase {
  /** Every host of its egress listeners, in `namespace/dnsName` form. */
  readonly egressHosts: readonly string[];
  /** `outboundTrafficPolicy.mode`. @default absent: the mesh's default (MeshConfig, outside the output; Istio's is ALLOW_ANY) */
  readonly outboundMode?: 'REGISTRY_ONLY' | 'ALLOW_ANY';
}

/** One `from[].source` of an AuthorizationPolicy rule: every present field must match (lists match on any entry). */
export interface MeshSource {
  /** Peer principals (`<trust domain>/ns/<ns>/sa/<sa>`, mTLS only), matched exactly, by prefix, suffix or presence. @default absent: any principal */
  readonly principals?: readonly string[];
  /** Principals that must not match. @default absent: no exclusion */
  readonly notPrincipals?: readonly string[];
  /** Source namespaces (from the peer's principal, mTLS only). @default absent: any namespace */
  readonly namespaces?: readonly string[];
  /** Namespaces that must not match. @default absent: no exclusion */
  readonly notNamespaces?: readonly string[];
  /** Source addresses or CIDRs (`source.ip`). @default absent: any address */
  readonly ipBlocks?: readonly string[];
  /** Addresses that must not match. @default absent: no exclusion */
  readonly notIpBlocks?: readonly string[];
}

/** One `to[].operation` of a rule; only ports are judged (methods, paths and hosts are HTTP, and unmodelled). */
export interface MeshOperation {
  /** Destination ports, as strings. @default absent: any port */
  readonly ports?: readonly string[];
  /** Ports that must not match. @default absent: no exclusion */
  readonly notPorts?: readonly string[];
}

export interface MeshRule {
  /** Sources, any of which matches. @default absent: any source */
  readonly from?: readonly MeshSource[];
  /** Operations, any of which matches. @default absent: any operation */
  readonly to?: readonly MeshOperation[];
}

export interface AuthorizationPolicyModel extends MeshObjectBase {
  /** Istio's default action is ALLOW. */
  readonly action: 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM';
  /** The rules; an ALLOW policy without rules admits nothing, a DENY policy without rules denies nothing. */
  readonly rules: readonly MeshRule[];
}

export interface PeerAuthenticationModel extends MeshObjectBase {
  /** `mtls.mode`; UNSET (or absent) inherits from the parent scope (mesh-wide policy, else PERMISSIVE). */
  readonly mode: 'STRICT' | 'PERMISSIVE' | 'DISABLE' | 'UNSET';
}

/** One ServiceEntry port. */
interface MeshServicePort {
  /** The port number the entry listens on. */
  readonly number: number;
  /** `TCP`, `TLS`, `HTTPS`, `HTTP`, ...; upper case. */
  readonly protocol: string;
}

export interface ServiceEntryModel extends MeshObjectBase {
  /** The names it stands for (a Sidecar imports it by one of them); may be wildcards (`*.googleapis.com`). */
  readonly hosts: readonly string[];
  /** Virtual IPs or CIDRs; empty: matched by port alone (TCP) or by name (TLS SNI, HTTP Host). */
  readonly addresses: readonly string[];
  /** The ports it carries, with their protocols. */
  readonly ports: readonly MeshServicePort[];
  /** Namespaces the entry is visible to (`.` its own, `*` all, `~` none). @default absent: every namespace (Istio's default `*`) */
  readonly exportTo?: readonly string[];
}

/** An Istio object of a kind the model does not judge (VirtualService, DestinationRule, EnvoyFilter, ...). */
export interface OtherMeshObject extends MeshObjectBase {
  /** `VirtualService`, `DestinationRule`, `EnvoyFilter` or `WasmPlugin`. */
  readonly kind: string;
}

/** The mesh as the manifests hold it, for every cluster. */
export interface MeshTopology {
  /** The mesh's trust domain and root namespace (from the synthesis context, not the output). */
  readonly settings: MeshSettings;
  /** Every Sidecar of every cluster. */
  readonly sidecars: readonly SidecarModel[];
  /** Every AuthorizationPolicy of every cluster. */
  readonly authorizationPolicies: readonly AuthorizationPolicyModel[];
  /** Every PeerAuthentication of every cluster. */
  readonly peerAuthentications: readonly PeerAuthenticationModel[];
  /** Every ServiceEntry of every cluster. */
  readonly serviceEntries: readonly ServiceEntryModel[];
  /** Objects of kinds that change routing or transport and are not judged: any of them in a cluster makes its mesh legs "not modelled". */
  readonly others: readonly OtherMeshObject[];
  /** Clusters whose manifests hold Istio objects or injected namespaces: only there does the mesh layer apply. */
  readonly clusters: readonly string[];
}
