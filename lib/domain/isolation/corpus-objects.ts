/**
 * Builders of the Kubernetes objects the request corpus sends: complete, valid objects (names, namespaces,
 * containers with images and resources) that pass Pod Security `restricted` unless a case breaks one rule on
 * purpose. Pure data: no cdktf, cdk8s or construct import.
 */

export type JsonObject = Record<string, unknown>;

/** A small image every registry mirror has; the API server never pulls it. */
const CORPUS_IMAGE = 'registry.k8s.io/pause:3.10';
/** A non-root UID for restricted pods (distroless `nonroot`). */
const CORPUS_UID = 65532;

export interface ContainerResources {
  /** Resource requests by name (`cpu`, `memory`), as quantities. */
  readonly requests: Readonly<Record<string, string>>;
  /** Resource limits by name, as quantities. */
  readonly limits: Readonly<Record<string, string>>;
}

/** Where a pod should run: on a dedicated tenant's nodes, and optionally a few fields that break a rule. */
export interface PodSpecOptions {
  /** The container's requests and limits. */
  readonly resources: ContainerResources;
  /** Select and tolerate this dedicated tenant's nodes (`tenant=<name>`). @default none (shared nodes) */
  readonly dedicatedTenant?: string;
  /** Fields merged over the pod spec (e.g. `{ hostNetwork: true }`). @default none */
  readonly overrides?: JsonObject;
  /** Fields merged over the container's securityContext (e.g. `{ privileged: true }`). @default none */
  readonly containerSecurity?: JsonObject;
  /** Fields merged over the container (e.g. `{ ports: [...] }`). @default none */
  readonly containerOverrides?: JsonObject;
  /** Jobs and CronJobs need `Never` or `OnFailure`. @default 'Always' */
  readonly restartPolicy?: 'Always' | 'Never' | 'OnFailure';
}

/** The toleration and nodeSelector of a dedicated tenant's nodes (taint and label `tenant=<name>`). */
export function dedicatedPlacement(tenant: string, taintKey: string, labelKey: string, effect: string): JsonObject {
  return {
    nodeSelector: { [labelKey]: tenant },
    tolerations: [{ key: taintKey, operator: 'Equal', value: tenant, effect }],
  };
}

/** A restricted-compliant pod spec with one container; placement keys as in the platform's labels. */
export function podSpec(options: PodSpecOptions, placement: (tenant: string) => JsonObject): JsonObject {
  return {
    automountServiceAccountToken: false,
    restartPolicy: options.restartPolicy ?? 'Always',
    securityContext: { runAsNonRoot: true, runAsUser: CORPUS_UID, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [
      {
        name: 'app',
        image: CORPUS_IMAGE,
        resources: { requests: { ...options.resources.requests }, limits: { ...options.resources.limits } },
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, ...(options.containerSecurity ?? {}) },
        ...(options.containerOverrides ?? {}),
      },
    ],
    ...(options.dedicatedTenant ? placement(options.dedicatedTenant) : {}),
    ...(options.overrides ?? {}),
  };
}

/** API coordinates of the kinds the corpus sends. */
export const RESOURCES = {
  Pod: { group: '', version: 'v1', resource: 'pods' },
  Service: { group: '', version: 'v1', resource: 'services' },
  ConfigMap: { group: '', version: 'v1', resource: 'configmaps' },
  Secret: { group: '', version: 'v1', resource: 'secrets' },
  ServiceAccount: { group: '', version: 'v1', resource: 'serviceaccounts' },
  Namespace: { group: '', version: 'v1', resource: 'namespaces' },
  ResourceQuota: { group: '', version: 'v1', resource: 'resourcequotas' },
  LimitRange: { group: '', version: 'v1', resource: 'limitranges' },
  Deployment: { group: 'apps', version: 'v1', resource: 'deployments' },
  ReplicaSet: { group: 'apps', version: 'v1', resource: 'replicasets' },
  StatefulSet: { group: 'apps', version: 'v1', resource: 'statefulsets' },
  DaemonSet: { group: 'apps', version: 'v1', resource: 'daemonsets' },
  Job: { group: 'batch', version: 'v1', resource: 'jobs' },
  CronJob: { group: 'batch', version: 'v1', resource: 'cronjobs' },
  NetworkPolicy: { group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies' },
  Role: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles' },
  RoleBinding: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings' },
  ClusterRole: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles' },
  ClusterRoleBinding: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings' },
  PersistentVolumeClaim: { group: '', version: 'v1', resource: 'persistentvolumeclaims' },
  Ingress: { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses' },
  HTTPRoute: { group: 'gateway.networking.k8s.io', version: 'v1', resource: 'httproutes' },
  Lease: { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' },
} as const;

export type CorpusKind = keyof typeof RESOURCES;

/** The kinds that carry a pod template, with the path of the pod spec inside them. */
export const WORKLOAD_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

function apiVersionOf(kind: CorpusKind): string {
  const r = RESOURCES[kind];
  return r.group ? `${r.group}/${r.version}` : r.version;
}

export function objectOf(kind: CorpusKind, name: string, namespace: string | undefined, body: JsonObject, labels?: Record<string, string>): JsonObject {
  return {
    apiVersion: apiVersionOf(kind),
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}), ...(labels ? { labels: { ...labels } } : {}) },
    ...body,
  };
}

export function podObject(name: string, namespace: string, spec: JsonObject): JsonObject {
  return objectOf('Pod', name, namespace, { spec }, { app: name });
}

/** A workload of `kind` whose pod template has `spec` (restartPolicy adjusted to what the kind accepts). */
export function workloadObject(kind: WorkloadKind, name: string, namespace: string, spec: JsonObject): JsonObject {
  const labels = { app: name };
  const batch = kind === 'Job' || kind === 'CronJob';
  const template = { metadata: { labels }, spec: { ...spec, restartPolicy: batch ? 'Never' : 'Always' } };
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
      return objectOf(kind, name, namespace, { spec: { replicas: 1, selector: { matchLabels: labels }, template } }, labels);
    case 'StatefulSet':
      return objectOf(kind, name, namespace, { spec: { replicas: 1, serviceName: name, selector: { matchLabels: labels }, template } }, labels);
    case 'DaemonSet':
      return objectOf(kind, name, namespace, { spec: { selector: { matchLabels: labels }, template } }, labels);
    case 'Job':
      return objectOf(kind, name, namespace, { spec: { backoffLimit: 0, template } }, labels);
    case 'CronJob':
      return objectOf(kind, name, namespace, { spec: { schedule: '0 3 * * *', jobTemplate: { spec: { backoffLimit: 0, template } } } }, labels);
  }
}

/** The pod spec inside an object of any kind the corpus sends (Pod, or a workload's template). */
export function podSpecOf(object: JsonObject): JsonObject | undefined {
  const spec = object.spec as JsonObject | undefined;
  if (!spec) return undefined;
  if (object.kind === 'Pod') return spec;
  if (object.kind === 'CronJob') return (((spec.jobTemplate as JsonObject)?.spec as JsonObject)?.template as JsonObject)?.spec as JsonObject | undefined;
  return (spec.template as JsonObject | undefined)?.spec as JsonObject | undefined;
}

/** A DNS-1123 name of at most 52 characters (CronJob's limit) derived from a case id, stable and unique. */
export function objectName(id: string): string {
  const slug = id
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (slug.length <= 52) return slug;
  return `${slug.slice(0, 45).replace(/-$/, '')}-${fnv(id)}`;
}

function fnv(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(6, '0').slice(-6);
}

/** What an Ingress of the corpus carries: its class (annotation GKE reads, or the spec field), annotations, hosts. */
interface IngressOptions {
  /** The `kubernetes.io/ingress.class` annotation. @default none */
  readonly classAnnotation?: string;
  /** `spec.ingressClassName`. @default none */
  readonly className?: string;
  /** Further annotations. @default none */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * One rule per host, routing `/` to the Service `name`:80; without hosts, a `defaultBackend` instead (the API server
   * refuses an Ingress with neither rules nor a default backend).
   */
  readonly hosts: readonly string[];
  /** `spec.tls[0].hosts` (secret `<name>-tls`). @default no TLS */
  readonly tlsHosts?: readonly string[];
}

export function ingressObject(name: string, namespace: string, options: IngressOptions): JsonObject {
  const annotations = { ...(options.classAnnotation ? { 'kubernetes.io/ingress.class': options.classAnnotation } : {}), ...(options.annotations ?? {}) };
  const backend = { service: { name, port: { number: 80 } } };
  const object = objectOf('Ingress', name, namespace, {
    spec: {
      ...(options.className ? { ingressClassName: options.className } : {}),
      ...(options.hosts.length > 0 ? { rules: options.hosts.map((host) => ({ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } })) } : { defaultBackend: backend }),
      ...(options.tlsHosts ? { tls: [{ hosts: [...options.tlsHosts], secretName: `${name}-tls` }] } : {}),
    },
  });
  if (Object.keys(annotations).length > 0) (object.metadata as JsonObject).annotations = annotations;
  return object;
}

/** A Gateway API HTTPRoute attached to a gateway `gateway` in namespace `gatewayNamespace`. */
export function httpRouteObject(name: string, namespace: string, hostnames: readonly string[], gatewayNamespace: string): JsonObject {
  return objectOf('HTTPRoute', name, namespace, {
    spec: {
      parentRefs: [{ name: 'gateway', namespace: gatewayNamespace }],
      ...(hostnames.length > 0 ? { hostnames: [...hostnames] } : {}),
      rules: [{ backendRefs: [{ name, port: 80 }] }],
    },
  });
}

/** A claim of 1Gi, dynamically provisioned unless `volumeName` names a PersistentVolume. */
export function claimObject(name: string, namespace: string, volumeName?: string): JsonObject {
  return objectOf('PersistentVolumeClaim', name, namespace, {
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...(volumeName ? { volumeName } : {}) },
  });
}

/** A leader-election Lease held by `holder`. */
export function leaseObject(name: string, namespace: string, holder: string): JsonObject {
  return objectOf('Lease', name, namespace, { spec: { holderIdentity: holder, leaseDurationSeconds: 15 } });
}
