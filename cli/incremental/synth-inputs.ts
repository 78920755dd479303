/**
 * The inputs of each Terraform stack and of each cluster's manifests, as content hashes: the slices of the
 * resolved plan that decide the stack's or cluster's output, plus the code version (code-version.ts) and the
 * options that reach the output. Two synths whose hashes for a stack are equal write the same bytes for it, so
 * the incremental synth rebuilds only the stacks and clusters whose hash changed.
 *
 * The slices (what a one-tenant change touches):
 * - the platform part: the plan and the definition without their tenant lists (clusters, network, links, IP plan,
 *   stack names but the tenants' shards), and the facts the platform stacks derive from all tenants (the APIs
 *   project services enables, whether the network gets Private Service Access); every slice includes it;
 * - a tenant shard: its members' plan records, and the names of the tenants sharing their projects
 *   (TenantIdentity's `projectSharedWith`);
 * - a cluster's manifests: the plan records of its tenants, which tenants use Private Service Access, and the
 *   day developer namespaces' expiry is judged on (on the cluster that holds them);
 * - every other stack: the platform part alone.
 * An enabled add-on's hooks receive the whole plan and may read any tenant: with an add-on that adds Terraform,
 * every stack's slice includes every tenant; with one that adds objects to manifests, every cluster's does. Such a
 * platform still skips what did not change, only less. An add-on that is not the library's own (its code is not
 * in the code version) turns the cache off: `planSlices` returns undefined and the synth runs in full.
 */
import { platformProjectServices } from '../../lib/domain/platform/project-services';
import { privateServiceAccessPlan, privateServiceTenants } from '../../lib/domain/platform/private-service-access';
import { enabledAddOns } from '../../lib/domain/addons/add-on-rules';
import type { LoadedPlatform } from '../../lib/domain/platform/resolve-platform';
import type { PlatformAddOn } from '../../lib/addons/platform-add-on';
import { hashParts, hashValue } from './content-hash';

/** What reaches the output besides the plan. */
export interface SynthEnvironment {
  /** Where state is kept (`gs://<bucket>` or local files): it is written into every stack's backend. */
  readonly backend: string;
  /** The Terraform outdir (local state paths are relative to it). */
  readonly terraformOutdir: string;
  /** The day developer namespace expiry is judged on (YYYY-MM-DD, UTC). */
  readonly today: string;
}

/** Input hashes of one synth: per Terraform stack and per cluster's manifests. */
export interface SynthSlices {
  /** The hash of a stack's inputs, by stack name (any name: an add-on's stacks get the platform part's). */
  stack(name: string): string;
  /** The hash of a cluster's manifests' inputs, by cluster name. */
  cluster(name: string): string;
  /** The tenant shards' stack names. */
  readonly shards: ReadonlySet<string>;
}

/**
 * The slices of a loaded platform, or undefined when they cannot be trusted (an add-on from outside the library,
 * a value the hash cannot walk): the caller then synthesizes in full.
 */
export function planSlices(platform: LoadedPlatform, addOns: readonly PlatformAddOn[], builtInAddOns: readonly PlatformAddOn[], code: string, env: SynthEnvironment): SynthSlices | undefined {
  const { plan, definition } = platform;
  const enabled = enabledAddOns(definition, addOns).map((e) => e.addOn);
  if (enabled.some((addOn) => !builtInAddOns.includes(addOn))) return undefined;
  const addsTerraform = enabled.some((a) => a.extendCluster || a.extendTenant || a.addStacks);
  const addsManifests = enabled.length > 0;
  try {
    const { tenants: _definitionTenants, ...definitionWithoutTenants } = definition;
    const { tenants: _planTenants, definition: _definition, stacks, clusters, ipPlan: _planIpPlan, ...planRest } = plan;
    const { tenantStates: _tenantStates, ...stackNames } = stacks;
    // A range's status (placed now or recorded) is the lock file's business: the first synth after recording is not a change.
    const { pools, reservations, allocations, gkeClusters } = platform.ipPlan;
    const platformPart = hashValue({
      definition: definitionWithoutTenants,
      plan: planRest,
      stacks: stackNames,
      clusters: clusters.map(({ tenants: _clusterTenants, ...cluster }) => cluster),
      ipPlan: { pools, reservations, allocations: allocations.map(({ status: _status, ...allocation }) => allocation), gkeClusters, same: platform.ipPlan === plan.ipPlan },
      clusterRanges: platform.clusterRanges,
      addOns: enabled.map((a) => a.name),
    });
    const tenantHashes = new Map(plan.tenants.map((t) => [t.name, hashValue(t)]));
    const allTenants = hashParts([...tenantHashes].flatMap(([name, hash]) => [name, hash]));
    const derived = hashValue({ projectServices: platformProjectServices(definition, { gitOps: definition.gitOps !== undefined }), privateServiceAccess: privateServiceAccessPlan(definition) ?? null });
    const terraformBase = hashParts([code, 'terraform', env.backend, env.terraformOutdir, platformPart, derived, addsTerraform ? allTenants : '']);
    const membersOf = new Map<string, string[]>();
    const tenantsOfProject = new Map<string, string[]>();
    for (const tenant of plan.tenants) {
      membersOf.set(tenant.stack, [...(membersOf.get(tenant.stack) ?? []), tenant.name]);
      tenantsOfProject.set(tenant.project, [...(tenantsOfProject.get(tenant.project) ?? []), tenant.name]);
    }
    const projectOf = new Map(plan.tenants.map((t) => [t.name, t.project]));
    const shardHash = new Map<string, string>();
    for (const [shard, members] of membersOf) {
      const projects = [...new Set(members.map((m) => projectOf.get(m)!))];
      shardHash.set(shard, hashParts([terraformBase, 'shard', shard, ...members.flatMap((m) => [m, tenantHashes.get(m)!]), ...projects.flatMap((p) => [p, ...tenantsOfProject.get(p)!, '|'])]));
    }
    const psaTenants = privateServiceTenants(definition).join(',');
    const manifestsBase = hashParts([code, 'manifests', platformPart, psaTenants, addsManifests ? allTenants : '']);
    const developerCluster = plan.developerNamespaces?.cluster;
    const clusterHash = new Map<string, string>();
    for (const cluster of clusters) {
      const members = plan.tenants.filter((t) => t.clusters.includes(cluster.name));
      clusterHash.set(cluster.name, hashParts([manifestsBase, cluster.name, cluster.name === developerCluster ? env.today : '', ...members.flatMap((m) => [m.name, tenantHashes.get(m.name)!])]));
    }
    return {
      shards: new Set(membersOf.keys()),
      stack: (name) => shardHash.get(name) ?? hashParts([terraformBase, 'stack', name]),
      cluster: (name) => clusterHash.get(name) ?? hashParts([manifestsBase, 'unknown cluster', name]),
    };
  } catch {
    return undefined;
  }
}
