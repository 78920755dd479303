import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { LoadedPlatform } from '../lib/domain/platform/resolve-platform';
import { planCluster, TenantPlan } from '../lib/domain/platform/platform-plan';
import { TenantIdentity } from '../lib/tenancy/tenant-identity';
import { platformLabels } from '../lib/domain/platform/platform-labels';
import { configureBackend, StateBackendOptions } from './stack-defaults';

/** Props of `TenantIdentityStack`. */
export interface TenantIdentityStackProps {
  /** The loaded platform (from `loadPlatform`): the tenants' projects and organisation domain come from it. */
  readonly platform: LoadedPlatform;
  /** The stack (state) name: one shard of the platform's tenants (`plan.stacks.tenantStates`). */
  readonly stackName: string;
  /** The tenants this shard holds, in definition order: those whose recorded state is `stackName`. */
  readonly tenants: readonly TenantPlan[];
  /**
   * Resource name (`groups/<id>`) of gke-security-groups@<domain>: tenant groups become members, so GKE
   * resolves them for RBAC. @default no membership (add the groups to it another way)
   */
  readonly gkeSecurityGroup?: string;
  /** @default local state */
  readonly backend?: StateBackendOptions;
}

/**
 * One shard of the tenants' GCP side: the resources the platform creates for its tenants (`provisioning: 'create'`),
 * Google service accounts with their roles on named resources (and project
 * roles, refused on a project other tenants share unless accepted by name), Workload Identity bindings to the
 * tenants' Kubernetes service accounts, and cluster-viewer access for their groups. IAM only, so its own state: a
 * tenant change never plans against a cluster, and only against its own shard. A tenant's construct id is its
 * name, directly under the stack, so its addresses are the same in every shard (what lets `terraform state mv`
 * move it between two states unchanged).
 */
export class TenantIdentityStack extends TerraformStack {
  public readonly identities: Readonly<Record<string, TenantIdentity>>;

  constructor(scope: Construct, props: TenantIdentityStackProps) {
    const { plan } = props.platform;
    const name = props.stackName;
    super(scope, name);
    configureBackend(this, name, props.backend);
    new GoogleProvider(this, 'google', { defaultLabels: platformLabels(plan.name) });
    const identities: Record<string, TenantIdentity> = {};
    // Once per stack: scanning every tenant of the platform for each tenant of the shard is quadratic in tenants.
    const tenantsOfProject = new Map<string, string[]>();
    for (const t of plan.tenants) {
      for (const project of t.projects) {
        const names = tenantsOfProject.get(project);
        if (names) names.push(t.name);
        else tenantsOfProject.set(project, [t.name]);
      }
    }
    const sharedWith = (tenant: TenantPlan, project: string) => (tenantsOfProject.get(project) ?? []).filter((name) => name !== tenant.name);
    for (const tenant of props.tenants) {
      // Buckets and datasets the platform creates for the tenant live in its first cluster's region unless they say.
      const defaultLocation = planCluster(plan, tenant.clusters[0]).region;
      // One identity per project of its clusters: each project has its own Workload Identity pool.
      const additionalProjects = tenant.projects.filter((p) => p !== tenant.project).map((project) => ({ project, projectSharedWith: sharedWith(tenant, project) }));
      identities[tenant.name] = new TenantIdentity(this, tenant.name, {
        tenant: tenant.definition,
        project: tenant.project,
        gkeSecurityGroup: props.gkeSecurityGroup,
        projectSharedWith: sharedWith(tenant, tenant.project),
        defaultLocation,
        ...(additionalProjects.length > 0 ? { additionalProjects } : {}),
      });
    }
    this.identities = identities;
  }
}
