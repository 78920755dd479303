import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { BuiltCluster, BuiltTenant, PlatformAddOn } from '../lib/addons/platform-add-on';
import { validateTrafficPlanned, enabledAddOns, validateAddOns } from '../lib/domain/addons/add-on-rules';
import { PlatformPlan } from '../lib/domain/platform/platform-plan';
import { ValidationError } from '../lib/domain/validation-error';
import { ClusterStack } from './cluster-stack';
import { configureBackend, StateBackendOptions } from './stack-defaults';
import { TenantIdentityStack } from './tenant-identity-stack';

/** Construct id of the add-ons' scope in a stack: capitalised, so it never meets a tenant or pool id (DNS labels). */
const ADD_ONS_SCOPE_ID = 'AddOns';

interface AddOnStacksProps {
  /** The cdktf App: add-ons' own stacks are added to it. */
  readonly app: Construct;
  /** The platform plan; its definition's `addOns` says which add-ons are enabled, in order, with their settings. */
  readonly plan: PlatformPlan;
  /** Every add-on the definition may enable (those it does not enable are ignored); an enabled one missing here is an error. */
  readonly addOns: readonly PlatformAddOn[];
  /** The platform's cluster stacks, by cluster name. */
  readonly clusters: Readonly<Record<string, ClusterStack>>;
  /** The tenants' shards by stack name. */
  readonly tenantStates: Readonly<Record<string, TenantIdentityStack>>;
  /** The platform's own stacks (network, fleet, clusters, links, tenant shards), for add-on stacks' dependencies. */
  readonly platformStacks: readonly TerraformStack[];
  /** State backend of add-on stacks (`configureStack`). @default local state files `terraform.<stack>.tfstate` at the project root */
  readonly backend?: StateBackendOptions;
}

/** The child scope `AddOns/<add-on>[/<key>]` of a stack, created once. */
function addOnScope(stack: Construct, addOn: string, key?: string): Construct {
  const root = (stack.node.tryFindChild(ADD_ONS_SCOPE_ID) as Construct | undefined) ?? new Construct(stack, ADD_ONS_SCOPE_ID);
  const own = (root.node.tryFindChild(addOn) as Construct | undefined) ?? new Construct(root, addOn);
  return key === undefined ? own : new Construct(own, key);
}

/**
 * Runs the enabled add-ons' Terraform hooks, in the definition's order: per cluster, per tenant, then their own
 * stacks. Throws the add-ons' validation issues first (the same ones loadPlatform reports when given the add-ons).
 */
export function applyAddOnStacks(props: AddOnStacksProps): void {
  const issues = validateAddOns(props.plan.definition, props.addOns);
  if (issues.length > 0) throw new ValidationError(issues);
  const unplanned = validateTrafficPlanned(props.plan, props.addOns);
  if (unplanned.length > 0) throw new ValidationError(unplanned);
  const enabled = enabledAddOns(props.plan.definition, props.addOns);
  if (enabled.length === 0) return;
  const clusters: Record<string, BuiltCluster> = Object.fromEntries(Object.entries(props.clusters).map(([name, stack]) => [name, { plan: stack.plan, stack, cluster: stack.cluster, nodePools: stack.nodePools }]));
  // Each tenant's add-on Terraform goes to its own shard, under `AddOns/<add-on>/<tenant>`: the same address in any shard.
  const tenants: Record<string, BuiltTenant> = Object.fromEntries(
    // Only the shards built (all of them whenever an add-on adds Terraform: see PlatformStacksOptions.tenantStates).
    props.plan.tenants
      .filter((tenant) => props.tenantStates[tenant.stack] !== undefined)
      .map((tenant) => {
        const stack = props.tenantStates[tenant.stack];
        return [tenant.name, { plan: tenant, stack, identity: stack.identities[tenant.name] }];
      }),
  );
  for (const { addOn, settings } of enabled) {
    const base = { plan: props.plan, settings };
    if (addOn.extendCluster) for (const cluster of Object.values(clusters)) addOn.extendCluster({ ...base, scope: addOnScope(cluster.stack, addOn.name), cluster });
    if (addOn.extendTenant) for (const tenant of Object.values(tenants)) addOn.extendTenant({ ...base, scope: addOnScope(tenant.stack, addOn.name, tenant.plan.name), tenant });
    addOn.addStacks?.({
      ...base,
      app: props.app,
      clusters,
      tenants,
      platformStacks: props.platformStacks,
      configureStack: (stack) => configureBackend(stack, stack.node.id, props.backend),
      stackName: (suffix) => `${props.plan.name}-${suffix}`,
    });
  }
}
