/**
 * The pure part of an add-on: how the definition enables it, how its settings are checked, and what it
 * contributes to the proofs (connectivity intents, admission cases). The construct part (Terraform and
 * Kubernetes objects) extends this in lib/addons/platform-add-on.ts. Plain data: no cdktf, cdk8s or constructs.
 */
import type { AdmissionCase } from '../isolation/admission-case';
import type { ConnectivityIntent } from '../reachability/connectivity-intent';
import type { ClusterPlan, PlatformPlan } from '../platform/platform-plan';
import type { PlatformDefinition } from '../platform/platform-definition';
import type { PlatformTenant } from '../platform/tenant-definition';
import { ValidationError, ValidationIssue } from '../validation-error';
import { AddOnDeployNeeds, ClusterDeployNeeds, mergeDeployNeeds } from './deploy-prerequisites';
import { trafficNeedIntents } from './traffic-intents';
import type { AddOnTrafficNeed, TrafficNeed } from './traffic-needs';

/** An add-on's pure hooks. Every hook is optional; `Settings` is the shape its `validate` accepts. */
export interface AddOnRules<Settings = Readonly<Record<string, unknown>>> {
  /** Unique, lower-case with hyphens (e.g. `vault`); the definition's `addOns[].name`. It prefixes construct ids. */
  readonly name: string;
  /**
   * Checks the add-on's settings (and whatever of the definition it depends on). Return one issue per mistake,
   * `path` under `addOns[<name>]`, naming field, value and fix. Runs with the definition's own validation, so
   * `gke-platform plan --check` and synthesis refuse the same mistakes.
   */
  validate?(settings: Settings, definition: PlatformDefinition): readonly ValidationIssue[];
  /**
   * How many Terraform resources `extendTenant` adds for this tenant, so shard placement counts them.
   * An underestimate is caught after the build: synthesis fails on a stack over the limit.
   * @default 0 (the add-on adds no per-tenant Terraform)
   */
  tenantResources?(settings: Settings, tenant: PlatformTenant): number;
  /**
   * The traffic the add-on needs from the rest of the platform (traffic-needs.ts): tenants to its server, its server
   * to every control plane, a CD cluster to its targets' control planes, control planes to its webhooks, a system
   * namespace to tenants' metrics ports. The library derives the authorized networks, firewall rules,
   * NetworkPolicies and ServiceEntries from them (traffic-plan.ts) and judges each as a connectivity intent on the
   * synthesized output. Called on a definition `validate` accepted: refuse an unmeetable need there
   * (validateServerLocation), not here.
   * @default none (the add-on needs no traffic beyond the platform's own)
   */
  trafficNeeds?(settings: Settings, definition: PlatformDefinition): readonly TrafficNeed[];
  /** Connectivity the add-on needs (or forbids), judged by the reachability model like the derived intents. */
  connectivityIntents?(settings: Settings, plan: PlatformPlan): readonly ConnectivityIntent[];
  /** Requests the add-on's admission policies must answer, on one cluster, for the isolation corpus. */
  admissionCases?(settings: Settings, cluster: ClusterPlan, plan: PlatformPlan): readonly AdmissionCase[];
  /**
   * What the add-on's objects need on one cluster at deploy time: the upstream CRDs (and operators) by pinned
   * version, the way their projects distribute them, and the namespaces its objects live in. The platform writes
   * a RootSync per prerequisite, creates the namespaces in the platform stage, and moves the objects of the groups
   * the prerequisites provide into the add-ons stage (lib/domain/gitops/sync-stages.ts).
   * @default nothing: every object of the add-on is of a kind Kubernetes serves, in a namespace that exists
   */
  deployNeeds?(settings: Settings, cluster: ClusterPlan, plan: PlatformPlan): AddOnDeployNeeds;
}

/** An enabled add-on with its settings, in the definition's order. */
interface EnabledAddOn<A extends AddOnRules<any>> {
  /** The supplied add-on the entry names. */
  readonly addOn: A;
  /** The entry's settings as declared; `{}` when the entry gives none. */
  readonly settings: Readonly<Record<string, unknown>>;
}

const ADD_ON_NAME = /^[a-z]([-a-z0-9]{0,30}[a-z0-9])?$/;

/**
 * The definition's `addOns` against the add-ons supplied: names well-formed, unique and supplied, then each
 * enabled add-on's own `validate`. One issue per mistake, in the definition's issue format.
 */
export function validateAddOns(definition: PlatformDefinition, addOns: readonly AddOnRules<any>[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const supplied = new Map<string, AddOnRules<any>>();
  for (const addOn of addOns) {
    if (!ADD_ON_NAME.test(addOn.name)) issues.push({ path: 'addOns (supplied)', field: 'name', value: addOn.name, problem: 'is not a lower-case name of letters, digits and hyphens (at most 32)', fix: 'name the add-on e.g. "vault"' });
    if (supplied.has(addOn.name)) issues.push({ path: 'addOns (supplied)', field: 'name', value: addOn.name, problem: 'is supplied twice', fix: 'pass each add-on once' });
    supplied.set(addOn.name, addOn);
  }
  const entries = definition.addOns ?? [];
  if (!Array.isArray(entries)) return [...issues, { path: 'platform', field: 'addOns', value: entries, problem: 'is not a list', fix: "list the add-ons to enable, e.g. [{ name: 'vault' }]" }];
  const seen = new Set<string>();
  for (const [index, entry] of entries.entries()) {
    const name = entry?.name;
    const path = `addOns[${typeof name === 'string' ? name : index}]`;
    if (typeof name !== 'string' || !supplied.has(name)) {
      issues.push({
        path,
        field: 'name',
        value: name,
        problem: 'is not an add-on supplied to this build',
        fix: supplied.size > 0 ? `use one of ${[...supplied.keys()].join(', ')}, or pass the add-on in the addOns option` : 'pass the add-on in the addOns option of loadPlatform, buildPlatformStacks and synthClusterManifests',
      });
      continue;
    }
    if (seen.has(name)) issues.push({ path, field: 'name', value: name, problem: 'is enabled twice', fix: 'enable each add-on once, with all its settings in one entry' });
    seen.add(name);
    const settings = entry.settings ?? {};
    if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
      issues.push({ path, field: 'settings', value: settings, problem: 'is not an object', fix: 'give the add-on settings as an object, or leave them out' });
      continue;
    }
    issues.push(...(supplied.get(name)!.validate?.(settings, definition) ?? []));
  }
  return issues;
}

/** The supplied add-ons the definition enables, with their settings, in the definition's order. */
export function enabledAddOns<A extends AddOnRules<any>>(definition: PlatformDefinition, addOns: readonly A[]): EnabledAddOn<A>[] {
  return (definition.addOns ?? []).flatMap((entry) => {
    const addOn = addOns.find((a) => a.name === entry.name);
    return addOn ? [{ addOn, settings: entry.settings ?? {} }] : [];
  });
}

/** Every enabled add-on's traffic needs, each with the add-on's name, in the definition's order. */
export function addOnTrafficNeeds(definition: PlatformDefinition, addOns: readonly AddOnRules<any>[]): AddOnTrafficNeed[] {
  return enabledAddOns(definition, addOns).flatMap(({ addOn, settings }) => (addOn.trafficNeeds?.(settings, definition) ?? []).map((need) => ({ ...need, addOn: addOn.name })));
}

/**
 * The plan was resolved with these add-ons' traffic needs (loadPlatform's `addOns`): otherwise the authorized
 * networks, firewall rules and policies derived from them would be missing from what the stacks and charts build.
 */
export function validateTrafficPlanned(plan: PlatformPlan, addOns: readonly AddOnRules<any>[]): ValidationIssue[] {
  // Without add-ons, nothing is built from needs beyond what the plan holds.
  if (addOns.length === 0) return [];
  const needs = addOnTrafficNeeds(plan.definition, addOns);
  if (JSON.stringify(needs) === JSON.stringify(plan.addOnTraffic.needs)) return [];
  const names = [...new Set(needs.map((n) => n.addOn))];
  return [
    {
      path: 'addOns',
      field: 'trafficNeeds',
      value: names,
      problem: `are not the traffic needs the platform plan was resolved with (${[...new Set(plan.addOnTraffic.needs.map((n) => n.addOn))].join(', ') || 'none'}), so their authorized networks, firewall rules and policies would be missing`,
      fix: 'pass the same add-ons to loadPlatform (its addOns option) as to buildPlatformStacks and the manifests',
    },
  ];
}

/** Every enabled add-on's connectivity intents: those it declares, then one per connection its traffic needs ask for. */
export function addOnConnectivityIntents(plan: PlatformPlan, addOns: readonly AddOnRules<any>[]): ConnectivityIntent[] {
  return [...enabledAddOns(plan.definition, addOns).flatMap(({ addOn, settings }) => [...(addOn.connectivityIntents?.(settings, plan) ?? [])]), ...trafficNeedIntents(addOnTrafficNeeds(plan.definition, addOns), plan.definition)];
}

/** Every enabled add-on's admission cases on one cluster. */
export function addOnAdmissionCases(plan: PlatformPlan, cluster: ClusterPlan, addOns: readonly AddOnRules<any>[]): AdmissionCase[] {
  return enabledAddOns(plan.definition, addOns).flatMap(({ addOn, settings }) => [...(addOn.admissionCases?.(settings, cluster, plan) ?? [])]);
}

/**
 * What the enabled add-ons need on one cluster at deploy time, merged; throws a ValidationError naming the add-on,
 * the cluster, the field and the fix when a declaration is malformed or two add-ons collide.
 */
export function clusterDeployNeeds(plan: PlatformPlan, cluster: ClusterPlan, addOns: readonly AddOnRules<any>[]): ClusterDeployNeeds {
  const declared = enabledAddOns(plan.definition, addOns).map(({ addOn, settings }) => ({ addOn: addOn.name, needs: addOn.deployNeeds?.(settings, cluster, plan) ?? {} }));
  const { needs, issues } = mergeDeployNeeds(cluster.name, declared);
  if (issues.length > 0) throw new ValidationError(issues);
  return needs;
}
