import type { Hop } from './hop';
import { covers, overlapsRange } from './ranges';
import { describeTraffic, Traffic } from './protocol';
import type { Place } from './resolve-endpoint';
import { isInjected } from './read-mesh';
import type { MeshObjectBase, MeshTopology, PeerAuthenticationModel, ServiceEntryModel, SidecarModel } from './mesh-topology';
import { any, egressHostImports, hostMatches, Match, MeshCaller, principalOf, ruleMatches, serviceHostOf, UNNAMED } from './mesh-match';
import type { Topology } from './topology';
import { inNamespace, inNamespaces, namespaceNamed } from './topology-index';

/*
 * The mesh layer: Istio's sidecars, where the manifests hold Istio objects. A connection from a pod in the mesh
 * leaves through its namespace's Sidecar (which hosts it knows; REGISTRY_ONLY drops the rest); a connection to a
 * pod in the mesh enters through its PeerAuthentication (STRICT refuses plaintext) and AuthorizationPolicies (DENY
 * first; ALLOW policies present: default deny). Every refusal names the object; a field or kind the model does
 * not judge makes the hop "not modelled" rather than a guess.
 */

/** The Google API names the `google-apis` endpoint stands for (resolved to private.googleapis.com). */
const GOOGLE_APIS_HOST = `${UNNAMED}.googleapis.com`;

/** Where the connection stands after the source's sidecar: whether it carries the source's mesh identity. */
export interface MeshEgress {
  /** The sidecar's hop (or the hop that refuses to judge). */
  readonly hops: readonly Hop[];
  /** Sent over mTLS by the source's sidecar (a registry service of the destination), so it carries a principal. */
  readonly mtls: boolean;
}

/** True when the mesh layer applies to pods of this namespace: the cluster has a mesh and the namespace is injected. */
function inMesh(t: Topology, cluster: string, namespace: string): boolean {
  if (!t.mesh?.clusters.includes(cluster)) return false;
  return isInjected(namespaceNamed(t.namespaces, cluster, namespace)?.labels ?? {});
}

/** The source's sidecar: can it send this traffic to the destination? Undefined when the source is not in the mesh. */
export function meshEgress(t: Topology, from: Place, to: Place, d: string, traffic: Traffic): MeshEgress | undefined {
  const mesh = t.mesh;
  const cluster = from.cluster?.name;
  if (!mesh || !cluster || !from.namespace || !inMesh(t, cluster, from.namespace)) return undefined;
  const ns = from.namespace;
  const at = `Istio sidecar of ${ns} on ${cluster}`;
  if (!capturedByProxy(traffic)) return { hops: [{ kind: 'mesh', at, ok: true, detail: `${describeTraffic(traffic)} bypasses the sidecar (Istio proxies TCP only)` }], mtls: false };
  const blocked = unjudged(mesh, cluster);
  if (blocked) return { hops: [blocked], mtls: false };
  const sidecar = sidecarFor(mesh, cluster, ns);
  if (typeof sidecar !== 'string' && 'ok' in sidecar) return { hops: [sidecar], mtls: false };
  if (to.namespace && to.cluster?.name === cluster) return toService(sidecar, ns, to.namespace, traffic);
  if (to.kind === 'google-apis' || to.kind === 'remote' || to.kind === 'internet' || to.kind === 'private-services') return toExternal(mesh, sidecar, cluster, ns, to, d, traffic);
  return { hops: [notModelled(at, `the mesh layer judges pods of other namespaces and destinations outside the cluster, not ${to.label}`)], mtls: false };
}

/** The destination's sidecar: does it accept the connection? Empty when the destination is not in the mesh. */
export function meshIngress(t: Topology, from: Place, s: string, to: Place, traffic: Traffic, egress: MeshEgress | undefined): Hop[] {
  const mesh = t.mesh;
  const cluster = to.cluster?.name;
  if (!mesh || !cluster || !to.namespace || !mesh.clusters.includes(cluster)) return [];
  const ns = to.namespace;
  const at = `Istio sidecar of ${ns} on ${cluster}`;
  if (!inMesh(t, cluster, ns)) return [{ kind: 'mesh', at, ok: true, detail: `${ns} is not injected: no sidecar enforces its PeerAuthentication or AuthorizationPolicies` }];
  if (!capturedByProxy(traffic)) return [{ kind: 'mesh', at, ok: true, detail: `${describeTraffic(traffic)} bypasses the sidecar (Istio proxies TCP only)` }];
  if (traffic.protocol === 'tcp' && traffic.port !== undefined && SIDECAR_OWN_INBOUND_PORTS.includes(traffic.port)) {
    return [{ kind: 'mesh', at, ok: true, detail: `${describeTraffic(traffic)} is the sidecar's own port (${SIDECAR_OWN_INBOUND_PORT_USES[traffic.port]}), never captured inbound: no mTLS mode or authorization policy applies` }];
  }
  const blocked = unjudged(mesh, cluster);
  if (blocked) return [blocked];
  if (from.kind === 'pods' && !from.namespace) return [notModelled(at, `the source's namespace is unknown (${from.label}): the mesh layer judges namespaces`)];
  if (from.namespace && from.cluster?.name !== cluster) return [notModelled(at, 'a source in another cluster: a multi-cluster mesh is not modelled')];

  const hops: Hop[] = [];
  const peer = peerAuthenticationFor(mesh, cluster, ns);
  if ('ok' in peer) return [peer];
  const mode = peer.mode;
  const mtls = (egress?.mtls ?? false) && mode !== 'DISABLE';
  const who = from.namespace ? `workloads of ${from.namespace}` : from.label;
  const paAt = peer.policy ? `PeerAuthentication ${peer.policy.namespace}/${peer.policy.name}` : `PeerAuthentication of ${ns} (none in the output)`;
  if (mode === 'STRICT' && !mtls) {
    const why =
      from.namespace && egress
        ? 'its sidecar sends plaintext (passthrough: not a registry service it knows)'
        : from.namespace
          ? `${from.namespace} is not in the mesh`
          : 'it is outside the mesh (and does not pass through an ingress gateway)';
    return [{ kind: 'mesh', at: paAt, ok: false, detail: `STRICT refuses plaintext from ${who}: ${why}`, source: peer.policy?.at }];
  }
  hops.push({
    kind: 'mesh',
    at: paAt,
    ok: true,
    detail: mtls ? `${mode === 'STRICT' ? 'STRICT' : mode}: mTLS from ${who}` : `${mode} accepts plaintext from ${who}${peer.policy ? '' : " (Istio's default when no PeerAuthentication applies)"}`,
    source: peer.policy?.at,
  });

  const caller: MeshCaller = {
    principal: mtls && from.namespace ? principalOf(mesh.settings.trustDomain, from.namespace) : '',
    namespace: mtls && from.namespace ? from.namespace : '',
    cidr: s,
    port: traffic.protocol === 'any' ? undefined : traffic.port,
  };
  hops.push(authorize(mesh, cluster, ns, caller, who, traffic));
  return hops;
}

/**
 * Ports the sidecar itself listens on, which Istio's iptables rules leave out of inbound capture (istio-iptables'
 * default exclusions): a connection to them reaches Envoy or the agent directly, outside PeerAuthentication and
 * AuthorizationPolicy. 15020 serves the merged Prometheus metrics (the application's and Envoy's), what a collector
 * outside the mesh scrapes under STRICT mTLS.
 */
export const SIDECAR_OWN_INBOUND_PORTS: readonly number[] = [15020, 15021, 15090];
const SIDECAR_OWN_INBOUND_PORT_USES: Readonly<Record<number, string>> = { 15020: 'merged Prometheus metrics', 15021: 'health checks', 15090: "Envoy's Prometheus metrics" };

function capturedByProxy(traffic: Traffic): boolean {
  return traffic.protocol === 'tcp' || traffic.protocol === 'any';
}

function notModelled(at: string, detail: string, source?: string): Hop {
  return { kind: 'mesh', at, ok: false, notModelled: true, detail: `not modelled: ${detail}`, source };
}

/** A routing kind in the cluster (VirtualService, DestinationRule, EnvoyFilter, WasmPlugin) could change any mesh leg. */
function unjudged(mesh: MeshTopology, cluster: string): Hop | undefined {
  const other = mesh.others.find((o) => o.cluster === cluster);
  return other ? notModelled(`${other.kind} ${other.namespace}/${other.name}`, `${other.kind} can reroute or rewrite mesh traffic and is not judged`, other.at) : undefined;
}

function label(o: MeshObjectBase, kind: string): string {
  return `${kind} ${o.namespace}/${o.name}`;
}

/** The one selector-less object of a kind in the namespace, else in the root namespace; a Hop when it cannot be judged. */
function scoped<T extends MeshObjectBase>(objects: readonly T[], kind: string, cluster: string, namespace: string, root: string): { object: T; rootScope: boolean } | Hop | undefined {
  for (const [ns, rootScope] of [
    [namespace, false],
    [root, true],
  ] as const) {
    const here = inNamespace(objects, cluster, ns);
    if (here.length === 0) continue;
    const odd = here.find((o) => o.unmodelled.length > 0);
    if (odd) return notModelled(label(odd, kind), `${odd.unmodelled.join(', ')}`, odd.at);
    if (here.length > 1) return notModelled(label(here[1], kind), `${here.length} ${kind}s without selector in ${ns}: Istio applies only one`, here[1].at);
    return { object: here[0], rootScope };
  }
  return undefined;
}

/** The Sidecar of a namespace (its own, else the root namespace's), `'none'` without one, or the hop that refuses to judge. */
function sidecarFor(mesh: MeshTopology, cluster: string, ns: string): SidecarModel | 'none' | Hop {
  const found = scoped(mesh.sidecars, 'Sidecar', cluster, ns, mesh.settings.rootNamespace);
  if (found === undefined) return 'none';
  return 'ok' in found ? found : found.object;
}

/** Pods of another namespace, reached through its Kubernetes services. */
function toService(sidecar: SidecarModel | 'none', ns: string, target: string, traffic: Traffic): MeshEgress {
  const what = `the services of ${target}`;
  if (sidecar === 'none') return { hops: [{ kind: 'mesh', at: `Istio sidecar of ${ns}`, ok: true, detail: `no Sidecar applies: every exported service is known (Istio's default), ${what} included` }], mtls: true };
  const at = label(sidecar, 'Sidecar');
  const host = sidecar.egressHosts.find((h) => egressHostImports(h, ns, target, serviceHostOf(target)));
  if (host) return { hops: [{ kind: 'mesh', at, ok: true, detail: `egress host ${host} imports ${what} ${describeTraffic(traffic)}`, source: sidecar.at, permits: true }], mtls: true };
  const hosts = sidecar.egressHosts.join(', ') || 'none';
  if (sidecar.outboundMode === 'REGISTRY_ONLY') return { hops: [{ kind: 'mesh', at, ok: false, detail: `REGISTRY_ONLY: no egress host imports ${what} (hosts: ${hosts})`, source: sidecar.at }], mtls: false };
  return { hops: [{ kind: 'mesh', at, ok: true, detail: `no egress host imports ${what}; ${modeText(sidecar)} sends it through the passthrough cluster, in plaintext`, source: sidecar.at, permits: true }], mtls: false };
}

function modeText(sidecar: SidecarModel): string {
  return sidecar.outboundMode === 'ALLOW_ANY' ? 'ALLOW_ANY' : "the mesh's default outbound policy (ALLOW_ANY unless MeshConfig says otherwise)";
}

/** A destination outside the cluster: under REGISTRY_ONLY only a ServiceEntry the Sidecar imports lets it out. */
function toExternal(mesh: MeshTopology, sidecar: SidecarModel | 'none', cluster: string, ns: string, to: Place, d: string, traffic: Traffic): MeshEgress {
  const out = (hop: Hop): MeshEgress => ({ hops: [hop], mtls: false });
  if (sidecar === 'none') return out({ kind: 'mesh', at: `Istio sidecar of ${ns}`, ok: true, detail: "no Sidecar applies: the mesh's default outbound policy (ALLOW_ANY unless MeshConfig says otherwise) lets it out" });
  const at = label(sidecar, 'Sidecar');
  if (sidecar.outboundMode !== 'REGISTRY_ONLY') return out({ kind: 'mesh', at, ok: true, detail: `${modeText(sidecar)} lets traffic to unknown destinations out`, source: sidecar.at });
  const entries = mesh.serviceEntries.filter((e) => e.cluster === cluster && visibleTo(e, ns) && e.hosts.some((h) => sidecar.egressHosts.some((x) => egressHostImports(x, ns, e.namespace, h))));
  const verdicts = entries.map((e) => ({ e, match: entryCovers(e, to, d, traffic) }));
  const odd = verdicts.find((v) => v.match === 'unknown' && v.e.unmodelled.length > 0);
  const yes = verdicts.find((v) => v.match === 'yes' && v.e.unmodelled.length === 0);
  const target = to.kind === 'google-apis' ? 'Google API names' : d;
  if (yes) return out({ kind: 'mesh', at, ok: true, detail: `REGISTRY_ONLY: ServiceEntry ${yes.e.namespace}/${yes.e.name} (${yes.e.hosts.join(', ')}) covers ${target} ${describeTraffic(traffic)}`, source: yes.e.at, permits: true });
  if (odd) return out(notModelled(label(odd.e, 'ServiceEntry'), odd.e.unmodelled.join(', '), odd.e.at));
  const unsure = verdicts.find((v) => v.match === 'unknown');
  if (unsure) return out(notModelled(label(unsure.e, 'ServiceEntry'), `cannot tell whether it covers ${d} ${describeTraffic(traffic)} (protocol or a range half inside its addresses)`, unsure.e.at));
  return out({
    kind: 'mesh',
    at,
    ok: false,
    detail: `REGISTRY_ONLY: no ServiceEntry it imports covers ${target} ${describeTraffic(traffic)} (${entries.map((e) => `${e.namespace}/${e.name}`).join(', ') || 'none imported'})`,
    source: sidecar.at,
  });
}

/** ServiceEntry `exportTo`: absent is every namespace (Istio's default), `.` its own, `~` none. */
function visibleTo(entry: ServiceEntryModel, ns: string): boolean {
  const exportTo = entry.exportTo ?? ['*'];
  return exportTo.some((x) => x === '*' || (x === '.' ? entry.namespace === ns : x === ns));
}

/**
 * Does the entry carry this traffic? By port first; then TCP ports match by address (every address when the entry
 * has none: Istio's catch-all listener on the port), TLS and HTTPS ports by server name (SNI) without addresses.
 */
function entryCovers(entry: ServiceEntryModel, to: Place, d: string, traffic: Traffic): Match {
  if (entry.unmodelled.length > 0) return 'unknown';
  const ports = entry.ports.filter((p) => traffic.port !== undefined && p.number === traffic.port);
  return any(
    ports.map((p): Match => {
      if (p.protocol === 'TCP') {
        if (entry.addresses.length === 0) return 'yes';
        return any(entry.addresses.map((a): Match => (covers(a, d) ? 'yes' : overlapsRange(a, d) ? 'unknown' : 'no')));
      }
      if ((p.protocol === 'TLS' || p.protocol === 'HTTPS') && entry.addresses.length === 0) {
        // Matched by the name the client asks for: only Google APIs are reached by name here.
        return to.kind === 'google-apis' && entry.hosts.some((h) => hostMatches(h, GOOGLE_APIS_HOST)) ? 'yes' : 'no';
      }
      return 'unknown';
    }),
  );
}

/** The effective mTLS mode: the namespace's PeerAuthentication, else the root namespace's, else PERMISSIVE; UNSET inherits. */
function peerAuthenticationFor(mesh: MeshTopology, cluster: string, ns: string): { mode: 'STRICT' | 'PERMISSIVE' | 'DISABLE'; policy?: PeerAuthenticationModel } | Hop {
  // Unlike a Sidecar, an UNSET namespace policy falls through to the root namespace's: judge both scopes.
  const inScope = (scope: string) => scoped(mesh.peerAuthentications, 'PeerAuthentication', cluster, scope, scope);
  for (const found of [inScope(ns), inScope(mesh.settings.rootNamespace)]) {
    if (found === undefined) continue;
    if ('ok' in found) return found;
    if (found.object.mode !== 'UNSET') return { mode: found.object.mode, policy: found.object };
  }
  return { mode: 'PERMISSIVE' };
}

/** AuthorizationPolicies of the namespace and the root namespace: DENY first, then ALLOW (present: default deny). */
function authorize(mesh: MeshTopology, cluster: string, ns: string, caller: MeshCaller, who: string, traffic: Traffic): Hop {
  const policies = inNamespaces(mesh.authorizationPolicies, cluster, [ns, mesh.settings.rootNamespace]).filter((p) => p.action !== 'AUDIT');
  const odd = policies.find((p) => p.unmodelled.length > 0);
  if (odd) return notModelled(label(odd, 'AuthorizationPolicy'), odd.unmodelled.join(', '), odd.at);
  const what = `${who} ${describeTraffic(traffic)}`;
  const judged = policies.map((p) => ({ p, match: any(p.rules.map((r) => ruleMatches(r, caller))) }));
  for (const { p, match } of judged.filter((j) => j.p.action === 'DENY')) {
    if (match === 'yes') return { kind: 'mesh', at: label(p, 'AuthorizationPolicy'), ok: false, detail: `DENY matches ${what}`, source: p.at };
    if (match === 'unknown') return notModelled(label(p, 'AuthorizationPolicy'), `cannot tell whether its DENY rules match ${what} (a source range half inside an ipBlock)`, p.at);
  }
  const allows = judged.filter((j) => j.p.action === 'ALLOW');
  if (allows.length === 0) return { kind: 'mesh', at: `AuthorizationPolicies of ${ns} on ${cluster}`, ok: true, detail: 'no ALLOW policy applies: allowed unless denied' };
  const admitted = allows.find((j) => j.match === 'yes');
  if (admitted)
    return { kind: 'mesh', at: label(admitted.p, 'AuthorizationPolicy'), ok: true, detail: `ALLOW admits ${what}${caller.principal ? ` (principal ${caller.principal.replace(UNNAMED, '*')})` : ''}`, source: admitted.p.at, permits: true };
  const unsure = allows.find((j) => j.match === 'unknown');
  if (unsure) return notModelled(label(unsure.p, 'AuthorizationPolicy'), `cannot tell whether its rules admit ${what} (a source range half inside an ipBlock)`, unsure.p.at);
  const names = allows.map((j) => label(j.p, 'AuthorizationPolicy'));
  return {
    kind: 'mesh',
    at: names[0],
    ok: false,
    detail: `no ALLOW rule admits ${what}${caller.principal ? '' : ' (plaintext: no principal or namespace to match)'}; ALLOW policies present (${names.join(', ')}), so the rest is denied`,
    source: allows[0].p.at,
  };
}
