import { ValidationError, ValidationIssue } from '../validation-error';
import type { PlatformDefinition } from '../platform/platform-definition';
import { privateServiceTenants } from '../platform/private-service-access';
import type { ConnectivityEndpoint, ConnectivityIntent } from './connectivity-intent';
import { covers } from './ranges';
import { crossesClusters } from '../network/cluster-paths';
import { expandIntents, IntentEntry, IntentSet, isPairRow, rowKey, rowsHoldId, TenantPairRow } from './intent-set';

/** The API server's port on the control plane's private endpoint. */
export const CONTROL_PLANE_PORT = 443;
/** The kubelet port the control plane uses for logs, exec and port-forward. */
const KUBELET_PORT = 10250;
/** HTTPS: Google APIs, and what external dependencies use by default. */
const HTTPS_PORT = 443;
/** The port Cloud SQL connectors (Auth Proxy, language connectors) reach an instance's private IP on. */
const CLOUD_SQL_CONNECTOR_PORT = 3307;

/** Authorized networks the add-ons' traffic needs add, by cluster (`plan.addOnTraffic.authorizedNetworks`). */
export type AddOnAuthorizedNetworks = Readonly<
  Record<
    string,
    readonly {
      /** The authorized range. */
      readonly cidr: string;
    }[]
  >
>;

/**
 * The intents every platform built from this definition must meet, each with a stable id:
 * pods reach each other across nodes; nodes and control plane reach each other; each authorized network in a
 * remote network reaches its control plane, and a remote network holding none of a cluster's authorized networks
 * does not; each declared tenant dependency is allowed and every other tenant
 * pair denied, both ways; tenants reach their cluster's DNS; Workload Identity tenants reach Google APIs;
 * tenants of private-IP services reach Private Service Access; external dependencies inside a remote network
 * are reached; each link's remote network reaches what the link advertises for it.
 */
export function deriveIntents(definition: PlatformDefinition, addOnAuthorized: AddOnAuthorizedNetworks = {}): ConnectivityIntent[] {
  return expandIntents({ entries: deriveIntentEntries(definition, addOnAuthorized) });
}

/** The intents of `deriveIntents`, with each tenant's pair intents as one row (see intent-set.ts). */
export function deriveIntentEntries(definition: PlatformDefinition, addOnAuthorized: AddOnAuthorizedNetworks = {}): IntentEntry[] {
  const intents: IntentEntry[] = [];
  const add = (intent: ConnectivityIntent & { readonly id: string }) => intents.push(intent);
  const remotes = definition.remoteNetworks ?? [];
  const remoteHolding = (cidr: string) => remotes.find((r) => r.cidrs.some((c) => covers(c, cidr)));
  const psaTenants = new Set(privateServiceTenants(definition));

  for (const cluster of definition.clusters) {
    const c = cluster.name;
    add({ id: `pods-across-nodes/${c}`, from: { kind: 'pods', cluster: c }, to: { kind: 'pods', cluster: c }, protocol: 'any', expect: 'allow', reason: "a cluster's pods reach each other across nodes" });
    add({ id: `nodes-to-control-plane/${c}`, from: { kind: 'nodes', cluster: c }, to: { kind: 'control-plane', cluster: c }, port: CONTROL_PLANE_PORT, expect: 'allow', reason: 'nodes reach their control plane' });
    add({ id: `control-plane-to-nodes/${c}`, from: { kind: 'control-plane', cluster: c }, to: { kind: 'nodes', cluster: c }, port: KUBELET_PORT, expect: 'allow', reason: 'the control plane reaches its kubelets' });
    for (const network of cluster.authorizedNetworks ?? []) {
      const remote = remoteHolding(network.cidr);
      if (!remote) continue;
      add({
        id: `authorized-network/${c}/${network.name}`,
        from: { kind: 'remote', network: remote.name, range: network.cidr },
        to: { kind: 'control-plane', cluster: c },
        port: CONTROL_PLANE_PORT,
        expect: 'allow',
        reason: `authorized network ${network.name} reaches the control plane of ${c}`,
      });
    }
    // A remote network with no authorized range of the cluster inside it must not reach the control plane at all.
    for (const remote of remotes) {
      if ([...(cluster.authorizedNetworks ?? []), ...(addOnAuthorized[c] ?? [])].some((n) => remote.cidrs.some((r) => covers(r, n.cidr)))) continue;
      add({
        id: `control-plane-closed/${c}/${remote.name}`,
        from: { kind: 'remote', network: remote.name },
        to: { kind: 'control-plane', cluster: c },
        port: CONTROL_PLANE_PORT,
        expect: 'deny',
        reason: `no authorized network of ${c} lies in ${remote.name}`,
      });
    }
    const tenants = (definition.tenants ?? []).filter((t) => t.clusters.includes(c));
    const names = tenants.map((t) => t.name);
    const named = new Map<string, number>();
    for (const name of names) named.set(name, (named.get(name) ?? 0) + 1);
    for (const a of tenants) {
      const from: ConnectivityEndpoint = { kind: 'tenant', tenant: a.name, cluster: c };
      add({ id: `tenant-dns/${a.name}@${c}`, from, to: { kind: 'cluster-dns', cluster: c }, protocol: 'udp', port: 53, expect: 'allow', reason: 'tenants resolve names' });
      // Every other tenant: allowed when declared, denied otherwise (pairIntent writes each).
      intents.push({ kind: 'tenant-pairs', cluster: c, from: a.name, tenants: names, declared: new Set(a.dependencies?.tenants ?? []), size: names.length - named.get(a.name)! });
      if ((a.workloadIdentities ?? []).length > 0) {
        add({ id: `google-apis/${a.name}@${c}`, from, to: { kind: 'google-apis' }, port: HTTPS_PORT, expect: 'allow', reason: `${a.name} uses Workload Identity, so it calls Google APIs` });
      }
      if (psaTenants.has(a.name)) {
        add({ id: `private-services/${a.name}@${c}`, from, to: { kind: 'private-services' }, port: CLOUD_SQL_CONNECTOR_PORT, expect: 'allow', reason: `${a.name} holds a private-IP service role (Cloud SQL, AlloyDB, Memorystore)` });
      }
      for (const external of a.dependencies?.external ?? []) {
        const remote = remoteHolding(external.cidr);
        if (!remote) continue;
        for (const port of external.ports ?? [{ port: HTTPS_PORT }]) {
          add({
            id: `external-dependency/${a.name}@${c}/${external.cidr}/${port.port}`,
            from,
            to: { kind: 'remote', network: remote.name, range: external.cidr },
            protocol: (port.protocol ?? 'TCP').toLowerCase() as 'tcp' | 'udp',
            port: port.port,
            expect: 'allow',
            reason: `${a.name} declares an external dependency on ${external.cidr}`,
          });
        }
      }
    }
  }

  // One intent per ordered pair of clusters and kind: pushed one by one (a spread into push() is capped at ~125,000 arguments).
  for (const intent of segmentationIntents(definition)) intents.push(intent);

  for (const link of definition.hybridLinks ?? []) {
    const regions = link.kind === 'interconnect' ? [...new Set(link.attachments.map((a) => a.region))] : [link.region];
    const from: ConnectivityEndpoint = { kind: 'remote', network: link.remoteNetwork };
    if (link.advertise?.privateGoogleAccess) {
      add({ id: `link-google-apis/${link.name}`, from, to: { kind: 'google-apis' }, port: HTTPS_PORT, expect: 'allow', reason: `link ${link.name} advertises private.googleapis.com to ${link.remoteNetwork}` });
    }
    if (link.advertise?.controlPlanes) {
      const remote = remotes.find((r) => r.name === link.remoteNetwork);
      for (const cluster of definition.clusters.filter((c) => regions.includes(c.region))) {
        const authorized = [...(cluster.authorizedNetworks ?? []), ...(addOnAuthorized[cluster.name] ?? [])];
        // Only where the control plane admits the whole remote network (no authorized networks, or one covering it).
        if (authorized.length > 0 && !(remote?.cidrs ?? []).every((cidr) => authorized.some((n) => covers(n.cidr, cidr)))) continue;
        add({
          id: `link-control-plane/${link.name}/${cluster.name}`,
          from,
          to: { kind: 'control-plane', cluster: cluster.name },
          port: CONTROL_PLANE_PORT,
          expect: 'allow',
          reason: `link ${link.name} advertises the control plane of ${cluster.name} to ${link.remoteNetwork}`,
        });
      }
    }
  }
  return intents;
}

/**
 * Clusters are segmented: for every ordered pair of clusters, the first one's nodes and pods reach none of the second
 * one's nodes or pods on every protocol, and its control plane does not reach the second one's kubelets. An `allow`
 * intent of the definition from a's nodes (or pods, or a tenant's pods) to b with protocol `any` opens the whole of
 * that source to b, so the matching denial is left out; a narrower declared path leaves it in (it opens one port, not
 * every protocol).
 */
function segmentationIntents(definition: PlatformDefinition): ConnectivityIntent[] {
  const sourceKind = (e: ConnectivityEndpoint) => (e.kind === 'tenant' ? 'pods' : e.kind);
  const opened = new Set(
    (definition.connectivityIntents ?? [])
      .filter((i) => i.expect === 'allow' && (i.protocol ?? 'tcp') === 'any' && crossesClusters(i))
      .map((i) => `${sourceKind(i.from)}:${(i.from as { cluster: string }).cluster}->${(i.to as { cluster: string }).cluster}`),
  );
  const intents: ConnectivityIntent[] = [];
  for (const a of definition.clusters) {
    for (const b of definition.clusters) {
      if (a.name === b.name) continue;
      for (const kind of ['nodes', 'pods'] as const) {
        if (opened.has(`${kind}:${a.name}->${b.name}`)) continue;
        intents.push({
          id: `cluster-segmentation/${kind}:${a.name}->${kind}:${b.name}`,
          from: { kind, cluster: a.name },
          to: { kind, cluster: b.name },
          protocol: 'any',
          expect: 'deny',
          reason: `clusters are segmented: ${a.name}'s ${kind} reach ${b.name} only through a declared intent`,
        });
      }
      intents.push({
        id: `cluster-segmentation/control-plane:${a.name}->nodes:${b.name}`,
        from: { kind: 'control-plane', cluster: a.name },
        to: { kind: 'nodes', cluster: b.name },
        port: KUBELET_PORT,
        expect: 'deny',
        reason: `a control plane reaches its own cluster's kubelets only, not ${b.name}'s`,
      });
    }
  }
  return intents;
}

/**
 * The derived intents (seeing the add-ons' authorized networks too), the definition's own and the add-ons'
 * (`addOnConnectivityIntents`), with accepted gaps applied by id. Throws a ValidationError for a declared intent naming an unknown cluster, tenant or remote network, a
 * duplicate id, or an accepted gap that matches no intent.
 */
export function platformIntents(definition: PlatformDefinition, addOnIntents: readonly ConnectivityIntent[] = [], addOnAuthorized: AddOnAuthorizedNetworks = {}): ConnectivityIntent[] {
  return expandIntents(platformIntentSet(definition, addOnIntents, addOnAuthorized));
}

/** `platformIntents` with the tenant pairs as rows (intent-set.ts): what `verifyIntentSet` judges by classes. */
export function platformIntentSet(definition: PlatformDefinition, addOnIntents: readonly ConnectivityIntent[] = [], addOnAuthorized: AddOnAuthorizedNetworks = {}): IntentSet {
  const issues: ValidationIssue[] = [];
  const user = definition.connectivityIntents ?? [];
  user.forEach((intent, i) => {
    for (const side of ['from', 'to'] as const) issues.push(...checkEndpoint(definition, `connectivityIntents[${i}].${side}`, intent[side]));
  });
  addOnIntents.forEach((intent, i) => {
    for (const side of ['from', 'to'] as const) issues.push(...checkEndpoint(definition, `add-on connectivity intent ${intent.id ?? i}.${side}`, intent[side]));
  });
  const all: IntentEntry[] = [
    ...deriveIntentEntries(definition, addOnAuthorized),
    ...user.map((intent, i) => ({ ...intent, id: intent.id ?? `user/${i}` })),
    ...addOnIntents.map((intent, i) => ({ ...intent, id: intent.id ?? `add-on/${i}` })),
  ];
  const ids = new Set<string>();
  const rows = new Map<string, TenantPairRow>();
  for (const entry of all) {
    if (isPairRow(entry)) {
      rows.set(rowKey(entry.cluster, entry.from), entry);
      continue;
    }
    // A row's ids are its own (tenant-dependency/..., tenant-isolation/...): only a later declared intent can repeat one.
    if (ids.has(entry.id!) || rowsHoldId(rows, entry.id!)) issues.push({ path: 'connectivityIntents', field: 'id', value: entry.id, problem: 'is used by two intents', fix: 'give each intent its own id' });
    ids.add(entry.id!);
  }
  const known = (id: string) => ids.has(id) || rowsHoldId(rows, id);
  (definition.acceptedConnectivityGaps ?? []).forEach((gap, i) => {
    if (!known(gap.intent)) issues.push({ path: `acceptedConnectivityGaps[${i}]`, field: 'intent', value: gap.intent, problem: 'matches no intent', fix: 'use an id that `npm run verify` prints, or remove the entry' });
    if (!gap.reason) issues.push({ path: `acceptedConnectivityGaps[${i}]`, field: 'reason', value: gap.reason, problem: 'is empty', fix: 'say who accepted the gap and why' });
  });
  if (issues.length > 0) throw new ValidationError(issues);
  const accepted = new Map((definition.acceptedConnectivityGaps ?? []).map((g) => [g.intent, g.reason]));
  return {
    entries: all.map((entry) => (!isPairRow(entry) && accepted.has(entry.id!) ? { ...entry, acceptedGap: { reason: accepted.get(entry.id!)! } } : entry)),
    acceptedGaps: accepted,
  };
}

function checkEndpoint(definition: PlatformDefinition, path: string, e: ConnectivityEndpoint): ValidationIssue[] {
  const clusters = definition.clusters.map((c) => c.name);
  const issue = (field: string, value: unknown, known: string[]): ValidationIssue => ({ path, field, value, problem: `is not declared (known: ${known.join(', ') || 'none'})`, fix: 'name a declared one' });
  if ('cluster' in e && !clusters.includes(e.cluster)) return [issue('cluster', e.cluster, clusters)];
  if (e.kind === 'tenant') {
    const tenant = (definition.tenants ?? []).find((t) => t.name === e.tenant);
    if (!tenant)
      return [
        issue(
          'tenant',
          e.tenant,
          (definition.tenants ?? []).map((t) => t.name),
        ),
      ];
    if (!tenant.clusters.includes(e.cluster)) return [{ path, field: 'cluster', value: e.cluster, problem: `does not host tenant ${e.tenant} (its clusters: ${tenant.clusters.join(', ')})`, fix: "name one of the tenant's clusters" }];
  }
  if (e.kind === 'remote' && !(definition.remoteNetworks ?? []).some((r) => r.name === e.network))
    return [
      issue(
        'network',
        e.network,
        (definition.remoteNetworks ?? []).map((r) => r.name),
      ),
    ];
  return [];
}
