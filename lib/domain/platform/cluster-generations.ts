/**
 * Cluster generations (clusters as cattle): a definition's cluster with `generations` becomes one cluster per
 * generation that is not retiring, before anything else reads the definition. Everything derived per cluster
 * (ranges, stacks, firewall, Vault auth, CD accounts, intents, manifests) then gets its counterpart for a new
 * generation without knowing generations exist. Pure: definition in, definition out.
 */
import type { ConnectivityEndpoint, ConnectivityIntent } from '../reachability/connectivity-intent';
import type { ValidationIssue } from '../validation-error';
import type { ClusterDefinition, ClusterGenerationDefinition, PlatformDefinition } from './platform-definition';
import type { ClusterGenerationPlan } from './platform-plan';

/**
 * The generation that is the cluster as it was before generations were declared: it keeps the cluster's unsuffixed
 * names, so declaring `generations: [{ name: 'a' }]` on an existing cluster changes nothing of it.
 */
export const FIRST_GENERATION_NAME = 'a';

/** A generation's name: short, since it suffixes the cluster's name (`prod-usc1-b`) and everything named after it. */
export const GENERATION_NAME = /^[a-z][a-z0-9]{0,5}$/;

/** The weights of a cluster's active generations sum to this: percentages of its traffic. */
export const TOTAL_TRAFFIC_WEIGHT = 100;

/** The cluster name of a generation: the cluster's own for generation `a`, else `<cluster>-<generation>`. */
export function generationClusterName(cluster: string, generation: string): string {
  return generation === FIRST_GENERATION_NAME ? cluster : `${cluster}-${generation}`;
}

/** A generation of the definition resolved to a cluster definition of its own. */
export interface ExpandedGeneration {
  /** The generation's cluster: the declared cluster's settings, the generation's overrides, its own name. */
  readonly cluster: ClusterDefinition;
  /** Which generation it is. */
  readonly generation: ClusterGenerationPlan;
}

/** The definition with every generation a cluster of its own. */
export interface ExpandedDefinition {
  /**
   * The definition every rule, plan and stack reads: each active generation a cluster (definition order, then
   * generation order), tenants, developer namespaces and declared intents that name a cluster with generations
   * placed on each of its active generations. The same object when no cluster declares generations.
   */
  readonly definition: PlatformDefinition;
  /** The active generations by their cluster name. Empty when no cluster declares generations. */
  readonly generations: ReadonlyMap<string, ClusterGenerationPlan>;
  /** Generations in the retire step, in definition order: not in `definition.clusters`. */
  readonly retiring: readonly ExpandedGeneration[];
}

/** The expansion of a definition that declares no generations: itself. */
function unexpanded(definition: PlatformDefinition): ExpandedDefinition {
  return { definition, generations: new Map(), retiring: [] };
}

/** A generation's weight: as declared, else all of the traffic when it is the only active one, else none. */
export function generationWeight(generation: ClusterGenerationDefinition, generations: readonly ClusterGenerationDefinition[]): number {
  if (generation.trafficWeight !== undefined) return generation.trafficWeight;
  if (generation.state === 'retiring') return 0;
  return generations.filter((g) => g.state !== 'retiring').length === 1 ? TOTAL_TRAFFIC_WEIGHT : 0;
}

/** The cluster of one generation: the declared settings, then the generation's overrides (those it sets). */
function generationCluster(cluster: ClusterDefinition, generation: ClusterGenerationDefinition): ClusterDefinition {
  const { generations: _generations, ...root } = cluster;
  const { name, trafficWeight: _weight, state: _state, ...overrides } = generation;
  const set = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return { ...root, ...set, name: generationClusterName(cluster.name, name) };
}

/**
 * Expands every cluster's generations (see ExpandedDefinition). Idempotent: the expanded definition declares no
 * generations, so expanding it again returns it unchanged. Call it on a definition whose generations passed
 * validateClusterGenerations; it does not judge them.
 */
export function expandClusterGenerations(definition: PlatformDefinition): ExpandedDefinition {
  if (!definition.clusters.some((c) => c.generations !== undefined)) return unexpanded(definition);
  const generations = new Map<string, ClusterGenerationPlan>();
  const retiring: ExpandedGeneration[] = [];
  /** Active generations' cluster names by declared cluster name, for clusters that declare generations. */
  const activeNames = new Map<string, string[]>();
  const clusters = definition.clusters.flatMap((cluster) => {
    if (cluster.generations === undefined) return [cluster];
    const declared = cluster.generations;
    const names: string[] = [];
    activeNames.set(cluster.name, names);
    const active: ClusterDefinition[] = [];
    for (const generation of declared) {
      const expanded = generationCluster(cluster, generation);
      const plan: ClusterGenerationPlan = {
        cluster: cluster.name,
        name: generation.name,
        trafficWeight: generationWeight(generation, declared),
        retiring: generation.state === 'retiring',
        first: generation.name === FIRST_GENERATION_NAME,
      };
      if (plan.retiring) {
        retiring.push({ cluster: expanded, generation: plan });
        continue;
      }
      generations.set(expanded.name, plan);
      names.push(expanded.name);
      active.push(expanded);
    }
    return active;
  });
  const placed = (name: string): readonly string[] => activeNames.get(name) ?? [name];
  const tenants = definition.tenants?.map((tenant) => (tenant.clusters.some((c) => activeNames.has(c)) ? { ...tenant, clusters: [...new Set(tenant.clusters.flatMap(placed))] } : tenant));
  const developers = definition.developerNamespaces;
  const developerCluster = developers && activeNames.has(developers.cluster) ? primaryGeneration(developers.cluster, activeNames.get(developers.cluster)!) : undefined;
  // Each declared intent keeps its place (and its `user/<n>` id) on the cluster's primary generation; the copies on
  // the other generations follow the declared ones, so adding a generation moves no intent's position.
  const primary = new Map([...activeNames].map(([cluster, names]) => [cluster, primaryGeneration(cluster, names)]));
  const copies = definition.connectivityIntents?.map((intent) => expandIntent(intent, activeNames, primary));
  const intents = copies && [...copies.map((c) => c[0]), ...copies.flatMap((c) => c.slice(1))];
  const gaps = definition.acceptedConnectivityGaps && acceptedCopies(definition.acceptedConnectivityGaps, copies ?? []);
  return {
    definition: {
      ...definition,
      clusters,
      ...(tenants ? { tenants } : {}),
      ...(developers && developerCluster ? { developerNamespaces: { ...developers, cluster: developerCluster } } : {}),
      ...(intents ? { connectivityIntents: intents } : {}),
      ...(gaps ? { acceptedConnectivityGaps: gaps } : {}),
    },
    generations,
    retiring,
  };
}

/**
 * The generation that stands for a cluster where one place is meant (developer namespaces, the declared id of an
 * intent): generation `a` while it is active, else the first active generation listed.
 */
function primaryGeneration(cluster: string, active: readonly string[]): string {
  return active.includes(cluster) ? cluster : active[0];
}

/** The cluster an endpoint names, if it names one. */
function endpointCluster(endpoint: ConnectivityEndpoint): string | undefined {
  return 'cluster' in endpoint ? endpoint.cluster : undefined;
}

/**
 * A declared intent that names a cluster with generations holds on each active generation: one intent per
 * generation, both ends on the same generation when both name that cluster (two such clusters: every pair). The
 * copy on the primary generations comes first and keeps the declared id; the others get `@<generation cluster>` ids.
 */
function expandIntent(intent: ConnectivityIntent, activeNames: ReadonlyMap<string, readonly string[]>, primary: ReadonlyMap<string, string>): ConnectivityIntent[] {
  const named = [...new Set([endpointCluster(intent.from), endpointCluster(intent.to)].filter((c): c is string => c !== undefined && activeNames.has(c)))];
  if (named.length === 0) return [intent];
  let variants: { intent: ConnectivityIntent; suffix: string[] }[] = [{ intent, suffix: [] }];
  for (const cluster of named) {
    const names = activeNames.get(cluster)!;
    const ordered = [primary.get(cluster)!, ...names.filter((n) => n !== primary.get(cluster))];
    variants = variants.flatMap((variant) =>
      ordered.map((name) => {
        const on = (endpoint: ConnectivityEndpoint): ConnectivityEndpoint => (endpointCluster(endpoint) === cluster ? ({ ...endpoint, cluster: name } as ConnectivityEndpoint) : endpoint);
        const suffix = name === primary.get(cluster) ? variant.suffix : [...variant.suffix, name];
        return { intent: { ...variant.intent, from: on(variant.intent.from), to: on(variant.intent.to) }, suffix };
      }),
    );
  }
  return variants.map(({ intent: expanded, suffix }) => (suffix.length === 0 || expanded.id === undefined ? expanded : { ...expanded, id: `${expanded.id}@${suffix.join('@')}` }));
}

/** An accepted gap of a declared intent accepts it on every generation: one entry per copy's id. */
function acceptedCopies(gaps: NonNullable<PlatformDefinition['acceptedConnectivityGaps']>, copies: readonly (readonly ConnectivityIntent[])[]): NonNullable<PlatformDefinition['acceptedConnectivityGaps']> {
  const copiesOf = new Map(copies.filter((c) => c.length > 1 && c[0].id !== undefined).map((c) => [c[0].id!, c.slice(1).map((x) => x.id!)]));
  return gaps.flatMap((gap) => [gap, ...(copiesOf.get(gap.intent) ?? []).map((intent) => ({ ...gap, intent }))]);
}

/**
 * An issue found on the expanded definition, at the path of the generation the user wrote:
 * `clusters[prod-usc1-b]...` becomes `clusters[prod-usc1].generations[b]...`; other issues as they are.
 */
export function issueAtGeneration(issue: ValidationIssue, generations: ReadonlyMap<string, ClusterGenerationPlan>): ValidationIssue {
  for (const [name, g] of generations) {
    if (g.first) continue;
    const prefix = `clusters[${name}]`;
    if (issue.path === prefix || issue.path.startsWith(`${prefix}.`)) return { ...issue, path: `clusters[${g.cluster}].generations[${g.name}]${issue.path.slice(prefix.length)}` };
  }
  return issue;
}

/**
 * The rules of generations, judged on the definition as written (before expansion): names, weights, the retire
 * step. The expanded clusters then pass every cluster rule like any other (their issues renamed back by
 * issueAtGeneration).
 */
export function validateClusterGenerations(definition: PlatformDefinition): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const declaredNames = new Set(definition.clusters.map((c) => c.name));
  const generatedNames = new Map<string, string>();
  for (const cluster of definition.clusters) {
    const declared = cluster.generations;
    if (declared === undefined) continue;
    const path = `clusters[${cluster.name}]`;
    const add = (where: string, field: string, value: unknown, problem: string, fix: string) => issues.push({ path: where, field, value, problem, fix });
    if (declared.length === 0) {
      add(path, 'generations', [], 'is empty: a cluster is at least one generation', "leave generations out (the cluster is its one generation 'a'), or list it: generations: [{ name: 'a' }]");
      continue;
    }
    if (cluster.ephemeral !== undefined) {
      add(
        path,
        'generations',
        declared.map((g) => g.name),
        'is declared on an ephemeral cluster, which is replaced, not migrated',
        'drop generations (build a new ephemeral cluster instead), or drop ephemeral to keep the cluster',
      );
    }
    const seen = new Set<string>();
    for (const generation of declared) {
      const where = `${path}.generations[${generation.name}]`;
      if (!GENERATION_NAME.test(generation.name)) {
        add(where, 'name', generation.name, 'must be 1 to 6 lower-case letters and digits, starting with a letter (it suffixes the cluster name and everything named after it)', "use the next letter, e.g. 'b'");
      }
      if (seen.has(generation.name)) add(where, 'name', generation.name, 'is declared twice', 'give each generation its own name');
      seen.add(generation.name);
      const name = generationClusterName(cluster.name, generation.name);
      const owner = generatedNames.get(name);
      if (name !== cluster.name && (declaredNames.has(name) || (owner !== undefined && owner !== where))) {
        add(where, 'name', generation.name, `makes the cluster name "${name}", which another cluster or generation already has`, 'pick another generation name');
      }
      generatedNames.set(name, where);
      const weight = generation.trafficWeight;
      if (weight !== undefined && (!Number.isInteger(weight) || weight < 0 || weight > TOTAL_TRAFFIC_WEIGHT)) {
        add(where, 'trafficWeight', weight, `must be a whole number from 0 to ${TOTAL_TRAFFIC_WEIGHT} (a percentage of the cluster's traffic)`, 'e.g. 10 for a first canary step');
      }
      if (generation.state === 'retiring' && weight !== undefined && weight > 0) {
        add(
          where,
          'trafficWeight',
          weight,
          "sends traffic to a generation being retired (state 'retiring'): its cluster is no longer built",
          `move its traffic first: set its trafficWeight to 0 and give the ${weight}% to an active generation, synthesize and deploy that, then retire it`,
        );
      }
    }
    const active = declared.filter((g) => g.state !== 'retiring');
    if (active.length === 0) {
      add(
        path,
        'generations',
        declared.map((g) => `${g.name}: ${g.state ?? 'active'}`),
        'retires every generation: a cluster keeps at least one active generation',
        'keep the generation that takes the traffic active (trafficWeight 100), or remove the whole cluster from clusters to decommission it',
      );
      continue;
    }
    const weights = active.map((g) => ({ name: g.name, weight: generationWeight(g, declared) }));
    const total = weights.reduce((sum, w) => sum + w.weight, 0);
    if (weights.every((w) => Number.isInteger(w.weight)) && total !== TOTAL_TRAFFIC_WEIGHT) {
      add(
        path,
        'generations.trafficWeight',
        Object.fromEntries(weights.map((w) => [w.name, w.weight])),
        `sum to ${total}: the active generations' weights must sum to ${TOTAL_TRAFFIC_WEIGHT}`,
        `e.g. ${weightsSuggestion(weights.map((w) => w.name))}`,
      );
    }
  }
  issues.push(...validateAddOnPlacements(definition));
  return issues;
}

/**
 * Add-on settings that name a cluster whose generation `a` is retiring (or no longer declared): the name is no
 * longer a cluster, and an add-on (a CD system, a mesh's primary) does not follow traffic by itself: moving it is a
 * step of its own, deployed before the retire step.
 */
function validateAddOnPlacements(definition: PlatformDefinition): ValidationIssue[] {
  const gone = new Map<string, string[]>();
  for (const cluster of definition.clusters) {
    const declared = cluster.generations;
    if (declared === undefined || declared.some((g) => g.name === FIRST_GENERATION_NAME && g.state !== 'retiring')) continue;
    const active = declared.filter((g) => g.state !== 'retiring').map((g) => generationClusterName(cluster.name, g.name));
    if (active.length > 0) gone.set(cluster.name, active);
  }
  if (gone.size === 0) return [];
  const issues: ValidationIssue[] = [];
  for (const entry of definition.addOns ?? []) {
    for (const [field, value] of stringFields(entry.settings ?? {}, 'settings')) {
      const active = gone.get(value);
      if (!active) continue;
      issues.push({
        path: `addOns[${entry.name}]`,
        field,
        value,
        problem: `names cluster ${value}, whose generation ${FIRST_GENERATION_NAME} (the cluster of that name) is retiring or gone: the add-on does not follow the traffic by itself`,
        fix: `move it first: set ${field} to ${JSON.stringify(active[0])} (an active generation), synthesize and deploy that, then retire generation ${FIRST_GENERATION_NAME}`,
      });
    }
  }
  return issues;
}

/** Every string field of add-on settings, with its dotted path (`settings.cluster`, `settings.targets.0`). */
function stringFields(value: unknown, path: string): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringFields(v, `${path}.${i}`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringFields(v, `${path}.${k}`));
  return [];
}

/** A split that sums to 100 for a fix: the last generation gets the remainder. */
function weightsSuggestion(names: readonly string[]): string {
  const share = Math.floor(TOTAL_TRAFFIC_WEIGHT / names.length);
  return names.map((name, i) => `${name}: ${i === names.length - 1 ? TOTAL_TRAFFIC_WEIGHT - share * (names.length - 1) : share}`).join(', ');
}
