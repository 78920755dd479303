import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { LoadedPlatform } from '../lib/domain/platform/load-platform';
import { TenantIdentity } from '../lib/tenancy/tenant-identity';
import { configureBackend, platformLabels, StateBackendOptions } from './stack-defaults';

export interface TenantIdentityStackProps {
  readonly platform: LoadedPlatform;
  /**
   * Resource name (`groups/<id>`) of gke-security-groups@<domain>: tenant groups become members, so GKE
   * resolves them for RBAC. @default no membership (add the groups to it another way)
   */
  readonly gkeSecurityGroup?: string;
  /** @default local state */
  readonly backend?: StateBackendOptions;
}

/**
 * Every tenant's GCP side: Google service accounts with their roles on named resources (and project roles,
 * refused on a project other tenants share unless accepted by name), Workload Identity bindings
 * to the tenant's Kubernetes service accounts, and cluster-viewer access for its groups. IAM only, so its
 * own state: a tenant change never plans against a cluster.
 */
export class TenantIdentityStack extends TerraformStack {
  public readonly identities: Readonly<Record<string, TenantIdentity>>;

  constructor(scope: Construct, props: TenantIdentityStackProps) {
    const { plan } = props.platform;
    const name = plan.stacks.tenants;
    super(scope, name);
    configureBackend(this, name, props.backend);
    new GoogleProvider(this, 'google', { defaultLabels: platformLabels(plan.name) });
    const identities: Record<string, TenantIdentity> = {};
    for (const tenant of plan.tenants) {
      // Validation guarantees one project per tenant: its clusters share a Workload Identity pool.
      const projectSharedWith = plan.tenants.filter((t) => t.name !== tenant.name && t.project === tenant.project).map((t) => t.name);
      identities[tenant.name] = new TenantIdentity(this, tenant.name, { tenant: tenant.definition, project: tenant.project, gkeSecurityGroup: props.gkeSecurityGroup, projectSharedWith });
    }
    this.identities = identities;
  }
}
