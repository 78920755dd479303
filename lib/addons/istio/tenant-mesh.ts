import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ISTIOD_XDS_PORT, serviceEntryProtocol, TenantMeshPlan } from '../../domain/addons/istio/mesh-plan';
import { MANAGED_BY_LABEL, MANAGED_BY_PLATFORM } from '../../domain/tenancy/labels';
import { meshControlPlanePolicy } from '../../domain/tenancy/network-policy-plan';
import { addNetworkPolicy } from '../../tenancy/private/network-policy-object';

/** Istio's namespace label for sidecar injection (the default revision). */
export const ISTIO_INJECTION_LABEL = 'istio-injection';
/** Name of the namespace-wide Sidecar, PeerAuthentication and AuthorizationPolicy. */
const MESH_POLICY_NAME = 'default';
const MESH_AUTHORIZATION_NAME = 'allow-declared';
/** The GKE metadata server (Workload Identity), as the tenants' allow-metadata-server NetworkPolicy names it. */
const GKE_METADATA_SERVER = '169.254.169.254';

interface TenantMeshProps {
  /** The tenant's mesh plan (`tenantMeshPlan`): its namespace, the Sidecar's egress hosts, the admitted callers and its external dependencies. */
  readonly mesh: TenantMeshPlan;
  /** The mesh's system namespace (istiod). */
  readonly systemNamespace: string;
}

/**
 * A tenant namespace in the mesh: a Sidecar that knows only its own namespace, the mesh's and its declared
 * dependencies (everything else unknown, REGISTRY_ONLY), STRICT mTLS, an ALLOW AuthorizationPolicy admitting only
 * its own namespace, its dependents and its declared ingress sources, a ServiceEntry per external dependency, per
 * add-on server (Vault) and for Google APIs and the metadata server (else REGISTRY_ONLY would cut them off) and the NetworkPolicy that lets
 * its sidecars reach istiod.
 */
export class TenantMesh extends Construct {
  public readonly sidecar: ApiObject;
  public readonly peerAuthentication: ApiObject;
  public readonly authorizationPolicy: ApiObject;
  /** One ServiceEntry per external dependency (`external-<n>`). */
  public readonly serviceEntries: readonly ApiObject[];
  /** The ServiceEntries every tenant gets: `google-apis` and `metadata-server`. */
  public readonly platformEntries: readonly ApiObject[];
  /** One ServiceEntry per add-on server the tenant reaches (`add-on-<server>`, e.g. Vault's API). */
  public readonly serverEntries: readonly ApiObject[];
  /** `private-services`, for a tenant that uses private-IP services (Cloud SQL, Memorystore); else undefined. */
  public readonly privateServicesEntry?: ApiObject;

  constructor(scope: Construct, id: string, props: TenantMeshProps) {
    super(scope, id);
    const { mesh } = props;
    const namespace = mesh.namespace;
    const metadata = (name: string) => ({ name, namespace, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_PLATFORM } });
    this.sidecar = new ApiObject(this, 'Sidecar', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Sidecar',
      metadata: metadata(MESH_POLICY_NAME),
      spec: { egress: [{ hosts: [...mesh.egressHosts] }], outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } },
    });
    this.peerAuthentication = new ApiObject(this, 'PeerAuthentication', {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: metadata(MESH_POLICY_NAME),
      spec: { mtls: { mode: 'STRICT' } },
    });
    this.authorizationPolicy = new ApiObject(this, 'AuthorizationPolicy', {
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: metadata(MESH_AUTHORIZATION_NAME),
      spec: {
        action: 'ALLOW',
        rules: mesh.admissions.map((a) => ({
          from: [{ source: a.principals.length > 0 ? { principals: [...a.principals] } : { ipBlocks: [...a.ipBlocks] } }],
          ...(a.ports ? { to: [{ operation: { ports: a.ports.map(String) } }] } : {}),
        })),
      },
    });
    this.serviceEntries = mesh.externals.map(
      (ext, i) =>
        new ApiObject(this, `External-${i + 1}`, {
          apiVersion: 'networking.istio.io/v1',
          kind: 'ServiceEntry',
          metadata: metadata(`external-${i + 1}`),
          spec: {
            hosts: [ext.host],
            addresses: [ext.cidr],
            ports: ext.ports.map((p) => ({ number: p.port, protocol: serviceEntryProtocol(p), name: `${serviceEntryProtocol(p).toLowerCase()}-${p.port}` })),
            location: 'MESH_EXTERNAL',
            resolution: 'NONE',
            exportTo: ['.'],
          },
        }),
    );
    // What the NetworkPolicies and the platform let every tenant reach outside the mesh; under REGISTRY_ONLY the
    // sidecar drops anything without a ServiceEntry: Google APIs (Workload Identity, Cloud Storage, ...) over TLS,
    // and the GKE metadata server (Workload Identity tokens) on the ports allow-metadata-server opens.
    this.platformEntries = [
      new ApiObject(this, 'GoogleApis', {
        apiVersion: 'networking.istio.io/v1',
        kind: 'ServiceEntry',
        metadata: metadata('google-apis'),
        spec: { hosts: ['*.googleapis.com'], ports: [{ number: 443, protocol: 'TLS', name: 'tls-443' }], location: 'MESH_EXTERNAL', resolution: 'NONE', exportTo: ['.'] },
      }),
      new ApiObject(this, 'MetadataServer', {
        apiVersion: 'networking.istio.io/v1',
        kind: 'ServiceEntry',
        metadata: metadata('metadata-server'),
        spec: {
          hosts: ['metadata.google.internal'],
          addresses: [`${GKE_METADATA_SERVER}/32`],
          ports: [
            { number: 80, protocol: 'HTTP', name: 'http-80' },
            { number: 988, protocol: 'TCP', name: 'tcp-988' },
          ],
          location: 'MESH_EXTERNAL',
          resolution: 'NONE',
          exportTo: ['.'],
        },
      }),
    ];
    // Add-on servers every tenant reaches (Vault): the add-on-egress NetworkPolicy opens the range, this entry the sidecar.
    this.serverEntries = mesh.servers.map(
      (server) =>
        new ApiObject(this, `Server-${server.name}`, {
          apiVersion: 'networking.istio.io/v1',
          kind: 'ServiceEntry',
          metadata: metadata(`add-on-${server.name}`),
          spec: {
            hosts: [server.host],
            addresses: [server.cidr],
            ports: [{ number: server.port, protocol: 'TCP', name: `tcp-${server.port}` }],
            location: 'MESH_EXTERNAL',
            resolution: 'NONE',
            exportTo: ['.'],
          },
        }),
    );
    // Cloud SQL, AlloyDB and Memorystore answer on private IPs in the Private Service Access range: under
    // REGISTRY_ONLY the sidecar drops them without an entry (the reachability model's mesh layer found it).
    if (mesh.privateServices) {
      this.privateServicesEntry = new ApiObject(this, 'PrivateServices', {
        apiVersion: 'networking.istio.io/v1',
        kind: 'ServiceEntry',
        metadata: metadata('private-services'),
        spec: {
          hosts: [`private-services.${namespace}.mesh-external`],
          addresses: [mesh.privateServices.cidr],
          ports: mesh.privateServices.ports.map((port) => ({ number: port, protocol: 'TCP', name: `tcp-${port}` })),
          location: 'MESH_EXTERNAL',
          resolution: 'NONE',
          exportTo: ['.'],
        },
      });
    }
    // Default-deny egress would cut the sidecars off their configuration and certificates.
    addNetworkPolicy(this, meshControlPlanePolicy(namespace, props.systemNamespace, ISTIOD_XDS_PORT), { [MANAGED_BY_LABEL]: MANAGED_BY_PLATFORM });
  }
}
