import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { PlatformAddOn } from '../lib/addons/platform-add-on';
import { applyAddOnStacks } from './add-on-stacks';
import { LoadedPlatform } from '../lib/domain/platform/resolve-platform';
import { ClusterGitOpsOptions, ClusterStack } from './cluster-stack';
import { DeveloperAccessStack } from './developer-access-stack';
import { FleetStack } from './fleet-stack';
import { HybridLinkStack } from './hybrid-link-stack';
import { NetworkStack } from './network-stack';
import { ProjectServicesStack } from './project-services-stack';
import { StateBackendOptions } from './stack-defaults';
import { TenantIdentityStack } from './tenant-identity-stack';
import { TenantPlan } from '../lib/domain/platform/platform-plan';
import { limitStateSize } from './state-size-limit';
import { stackNames } from '../lib/domain/platform/gcp-names';

/** Options of `buildPlatformStacks`. */
export interface PlatformStacksOptions {
  /** @default local state files `terraform.<stack>.tfstate` at the project root */
  readonly backend?: StateBackendOptions;
  /**
   * Config Sync on every cluster, reading `<rootDirectory>/<cluster>` of one repository; `false` leaves it out.
   * @default the definition's `gitOps`
   */
  readonly gitOps?: ClusterGitOpsOptions | false;
  /** `groups/<id>` of gke-security-groups@<domain>, to add tenant groups to it. @default none */
  readonly gkeSecurityGroup?: string;
  /** Add-ons the definition may enable (`addOns`); the enabled ones add their Terraform. @default none */
  readonly addOns?: readonly PlatformAddOn[];
  /**
   * Which tenant shards to build, by stack name: the incremental synth leaves out the shards whose inputs did not
   * change (their recorded output is reused). Ignored when an enabled add-on adds Terraform: its hooks may write
   * into or read from any shard. @default every shard
   */
  readonly tenantStates?: (stackName: string) => boolean;
}

/** Every stack `buildPlatformStacks` built, by role. */
export interface PlatformStacks {
  /** The stack that enables every API the others use; applied first. */
  readonly projectServices: ProjectServicesStack;
  /** The VPC, subnets, firewall rules, NATs and Shared VPC: every cluster and link depends on it. */
  readonly network: NetworkStack;
  /** The fleet's Config Management feature. @default undefined when GitOps is off (`gitOps: false`) */
  readonly fleet?: FleetStack;
  /** One stack per cluster, by cluster name. */
  readonly clusters: Readonly<Record<string, ClusterStack>>;
  /** One stack per hybrid link, by link name (empty without hybrid links). */
  readonly links: Readonly<Record<string, HybridLinkStack>>;
  /** The tenants' shards by stack name (one Terraform state each), in order of their first tenant. */
  readonly tenantStates: Readonly<Record<string, TenantIdentityStack>>;
  /** Developer-namespace owners' IAM on their cluster's project. @default undefined without developerNamespaces */
  readonly developers?: DeveloperAccessStack;
}

/**
 * Composes every stack of a platform, each with its own state and declared dependencies, so
 * `cdktf deploy '*'` applies them in order: project services → network → fleet → clusters, links, tenant
 * identities and developer access.
 */
export function buildPlatformStacks(scope: Construct, platform: LoadedPlatform, options: PlatformStacksOptions = {}): PlatformStacks {
  const { plan } = platform;
  const backend = options.backend;
  const gitOps = options.gitOps === false ? undefined : (options.gitOps ?? platform.definition.gitOps);
  // Applied first: every API the other stacks use, in every project.
  const projectServices = new ProjectServicesStack(scope, { platform, gitOps: gitOps !== undefined, backend });
  const network = new NetworkStack(scope, { platform, backend });
  const fleet = gitOps ? new FleetStack(scope, { platform, backend }) : undefined;
  const clusters: Record<string, ClusterStack> = {};
  for (const cluster of plan.clusters) {
    const stack = new ClusterStack(scope, {
      platform,
      cluster,
      network,
      backend,
      gitOps,
    });
    // Terraform cannot depend_on across states: the fleet feature is ordered by stack dependency.
    if (fleet) stack.addDependency(fleet);
    clusters[cluster.name] = stack;
  }
  const links: Record<string, HybridLinkStack> = {};
  for (const link of plan.links) links[link.name] = new HybridLinkStack(scope, { platform, link, network, backend });
  const tenantStates: Record<string, TenantIdentityStack> = {};
  const addOnTerraform = (options.addOns ?? []).some((a) => (a.extendTenant || a.extendCluster || a.addStacks) && (platform.definition.addOns ?? []).some((e) => e.name === a.name));
  for (const [stackName, members] of groupTenantsByState(plan.tenants)) {
    if (options.tenantStates && !addOnTerraform && !options.tenantStates(stackName)) continue;
    const stack = new TenantIdentityStack(scope, { platform, stackName, tenants: members, gkeSecurityGroup: options.gkeSecurityGroup, backend });
    // A project's Workload Identity pool exists once its clusters do: a shard deploys after the clusters of every
    // project its tenants' identities live in. The pre-sharding `<platform>-tenants` stack keeps its old order: after every cluster.
    const projects = new Set(members.flatMap((t) => t.projects));
    const legacy = stackName === stackNames.tenants(plan.name);
    for (const cluster of plan.clusters) if (legacy || projects.has(cluster.project)) stack.addDependency(clusters[cluster.name]);
    tenantStates[stackName] = stack;
  }
  const developers = plan.stacks.developers ? new DeveloperAccessStack(scope, { platform, backend }) : undefined;
  const platformStacks = [network, ...(fleet ? [fleet] : []), ...Object.values(clusters), ...Object.values(links), ...Object.values(tenantStates), ...(developers ? [developers] : [])];
  applyAddOnStacks({ app: scope, plan, addOns: options.addOns ?? [], clusters, tenantStates, platformStacks, backend });
  for (const stack of [...platformStacks]) limitStateSize(stack, plan.maxResourcesPerState, plan.name);
  // Every other stack, add-on stacks included, applies after the APIs are on.
  for (const stack of scope.node.children) {
    if (stack instanceof TerraformStack && stack !== projectServices && !stack.dependencies.includes(projectServices)) stack.addDependency(projectServices);
  }
  return { projectServices, network, fleet, clusters, links, tenantStates, developers };
}

/** Tenants by their recorded state, in definition order (a shard's first tenant places it). */
function groupTenantsByState(tenants: readonly TenantPlan[]): Map<string, TenantPlan[]> {
  const byState = new Map<string, TenantPlan[]>();
  for (const tenant of tenants) {
    const members = byState.get(tenant.stack) ?? [];
    members.push(tenant);
    byState.set(tenant.stack, members);
  }
  return byState;
}
