import type { AuthorizationPolicyModel, MeshOperation, MeshRule, MeshSettings, MeshSource, MeshTopology, OtherMeshObject, PeerAuthenticationModel, ServiceEntryModel, SidecarModel } from './mesh-topology';

/** Namespace labels that put a namespace's pods in the mesh (sidecar injection, default or revision). */
const ISTIO_INJECTION_LABEL = 'istio-injection';
const ISTIO_REVISION_LABEL = 'istio.io/rev';

/** Kinds that reroute or rewrite mesh traffic; the model does not judge them, so their presence makes a leg "not modelled". */
const ROUTING_KINDS = new Set(['VirtualService', 'DestinationRule', 'EnvoyFilter', 'WasmPlugin']);

interface RawObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  readonly spec?: Record<string, unknown>;
}

/** True when a namespace's labels inject Istio's sidecar into its pods. */
export function isInjected(labels: Readonly<Record<string, string>>): boolean {
  if (labels[ISTIO_INJECTION_LABEL] === 'disabled') return false;
  return labels[ISTIO_INJECTION_LABEL] === 'enabled' || labels[ISTIO_REVISION_LABEL] !== undefined;
}

/** The Istio objects of every cluster's manifests; `settings` is what the output cannot say (MeshConfig). */
export function readMesh(manifests: readonly { readonly cluster: string; readonly objects: readonly unknown[] }[], settings: MeshSettings): MeshTopology {
  const sidecars: SidecarModel[] = [];
  const authorizationPolicies: AuthorizationPolicyModel[] = [];
  const peerAuthentications: PeerAuthenticationModel[] = [];
  const serviceEntries: ServiceEntryModel[] = [];
  const others: OtherMeshObject[] = [];
  const clusters = new Set<string>();
  for (const { cluster, objects } of manifests) {
    for (const object of objects) {
      const o = object as RawObject;
      if (o?.kind === 'Namespace' && isInjected(o.metadata?.labels ?? {})) clusters.add(cluster);
      if (!o?.apiVersion?.includes('istio.io/') || !o.kind || !o.metadata?.name) continue;
      clusters.add(cluster);
      const namespace = o.metadata.namespace ?? 'default';
      const spec = o.spec ?? {};
      const base = (unmodelled: string[]) => ({ cluster, namespace, name: o.metadata!.name!, unmodelled, at: `dist/${cluster}: ${o.kind} ${namespace}/${o.metadata!.name}` });
      if (o.kind === 'Sidecar') sidecars.push(sidecarOf(spec, base));
      else if (o.kind === 'AuthorizationPolicy') authorizationPolicies.push(authorizationOf(spec, base));
      else if (o.kind === 'PeerAuthentication') peerAuthentications.push(peerAuthenticationOf(spec, base));
      else if (o.kind === 'ServiceEntry') serviceEntries.push(serviceEntryOf(spec, base));
      else if (ROUTING_KINDS.has(o.kind)) others.push({ kind: o.kind, ...base([]) });
    }
  }
  return { settings, sidecars, authorizationPolicies, peerAuthentications, serviceEntries, others, clusters: [...clusters].sort() };
}

type Base = (unmodelled: string[]) => { cluster: string; namespace: string; name: string; unmodelled: string[]; at: string };

function sidecarOf(spec: Record<string, unknown>, base: Base): SidecarModel {
  const unmodelled = unknownKeys(spec, ['egress', 'outboundTrafficPolicy'], 'spec');
  const listeners = records(spec.egress);
  listeners.forEach((l, i) => unmodelled.push(...unknownKeys(l, ['hosts'], `spec.egress[${i}]`)));
  const policy = record(spec.outboundTrafficPolicy);
  if (policy) unmodelled.push(...unknownKeys(policy, ['mode'], 'spec.outboundTrafficPolicy'));
  const mode = policy?.mode;
  if (mode !== undefined && mode !== 'REGISTRY_ONLY' && mode !== 'ALLOW_ANY') unmodelled.push(`spec.outboundTrafficPolicy.mode=${String(mode)}`);
  return {
    ...base(unmodelled),
    egressHosts: listeners.flatMap((l) => strings(l.hosts)),
    outboundMode: mode === 'REGISTRY_ONLY' || mode === 'ALLOW_ANY' ? mode : undefined,
  };
}

const SOURCE_FIELDS = ['principals', 'notPrincipals', 'namespaces', 'notNamespaces', 'ipBlocks', 'notIpBlocks'] as const;
const OPERATION_FIELDS = ['ports', 'notPorts'] as const;

function authorizationOf(spec: Record<string, unknown>, base: Base): AuthorizationPolicyModel {
  const unmodelled = unknownKeys(spec, ['action', 'rules'], 'spec');
  const action = spec.action ?? 'ALLOW';
  if (action !== 'ALLOW' && action !== 'DENY' && action !== 'AUDIT' && action !== 'CUSTOM') unmodelled.push(`spec.action=${String(action)}`);
  // CUSTOM delegates the decision to an external authorizer (outside the output).
  if (action === 'CUSTOM') unmodelled.push('spec.action=CUSTOM');
  const rules = records(spec.rules).map((rule, r): MeshRule => {
    const at = `spec.rules[${r}]`;
    unmodelled.push(...unknownKeys(rule, ['from', 'to'], at));
    const from =
      rule.from === undefined
        ? undefined
        : records(rule.from).map((f, i): MeshSource => {
            unmodelled.push(...unknownKeys(f, ['source'], `${at}.from[${i}]`));
            const source = record(f.source) ?? {};
            unmodelled.push(...unknownKeys(source, SOURCE_FIELDS, `${at}.from[${i}].source`));
            return Object.fromEntries(SOURCE_FIELDS.filter((k) => source[k] !== undefined).map((k) => [k, strings(source[k])]));
          });
    const to =
      rule.to === undefined
        ? undefined
        : records(rule.to).map((t, i): MeshOperation => {
            unmodelled.push(...unknownKeys(t, ['operation'], `${at}.to[${i}]`));
            const operation = record(t.operation) ?? {};
            unmodelled.push(...unknownKeys(operation, OPERATION_FIELDS, `${at}.to[${i}].operation`));
            return Object.fromEntries(OPERATION_FIELDS.filter((k) => operation[k] !== undefined).map((k) => [k, strings(operation[k])]));
          });
    return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  });
  return { ...base(unmodelled), action: action as AuthorizationPolicyModel['action'], rules };
}

function peerAuthenticationOf(spec: Record<string, unknown>, base: Base): PeerAuthenticationModel {
  const unmodelled = unknownKeys(spec, ['mtls'], 'spec');
  const mtls = record(spec.mtls);
  if (mtls) unmodelled.push(...unknownKeys(mtls, ['mode'], 'spec.mtls'));
  const mode = mtls?.mode ?? 'UNSET';
  if (mode !== 'STRICT' && mode !== 'PERMISSIVE' && mode !== 'DISABLE' && mode !== 'UNSET') unmodelled.push(`spec.mtls.mode=${String(mode)}`);
  return { ...base(unmodelled), mode: mode as PeerAuthenticationModel['mode'] };
}

function serviceEntryOf(spec: Record<string, unknown>, base: Base): ServiceEntryModel {
  // location and resolution: MESH_EXTERNAL/NONE keep the original destination, which is what the model assumes.
  const unmodelled = unknownKeys(spec, ['hosts', 'addresses', 'ports', 'location', 'resolution', 'exportTo'], 'spec');
  if (spec.resolution !== undefined && spec.resolution !== 'NONE') unmodelled.push(`spec.resolution=${String(spec.resolution)}`);
  const ports = records(spec.ports);
  ports.forEach((p, i) => unmodelled.push(...unknownKeys(p, ['number', 'protocol', 'name'], `spec.ports[${i}]`)));
  return {
    ...base(unmodelled),
    hosts: strings(spec.hosts),
    addresses: strings(spec.addresses),
    ports: ports.map((p) => ({ number: Number(p.number), protocol: String(p.protocol ?? 'TCP').toUpperCase() })),
    exportTo: spec.exportTo === undefined ? undefined : strings(spec.exportTo),
  };
}

/** The keys of an object the model does not read, as paths. */
function unknownKeys(value: Record<string, unknown>, known: readonly string[], at: string): string[] {
  return Object.keys(value)
    .filter((k) => !known.includes(k) && value[k] !== undefined && value[k] !== null)
    .map((k) => `${at}.${k}`);
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.map((v) => record(v) ?? {}) : [];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
