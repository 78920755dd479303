import { CloudIdentityGroupMembership } from '@cdktf/provider-google/lib/cloud-identity-group-membership';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { BigqueryDatasetIamMember } from '@cdktf/provider-google/lib/bigquery-dataset-iam-member';
import { PubsubSubscriptionIamMember } from '@cdktf/provider-google/lib/pubsub-subscription-iam-member';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { SecretManagerSecretIamMember } from '@cdktf/provider-google/lib/secret-manager-secret-iam-member';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../domain/validation-error';
import { isDns1123Label, validateSharedProjectRoles, assertTenantSpec } from '../domain/tenancy/tenant-rules';
import { ResourceRoleGrant, TENANT_ROLES, TenantSpec } from '../domain/tenancy/tenant-spec';
import { resourceKey, tenantCreatedResources } from '../domain/tenancy/tenant-resources';
import { TenantResource } from './tenant-resource';

/** Lets a Kubernetes service account act as the Google service account (Workload Identity). */
const WORKLOAD_IDENTITY_USER_ROLE = 'roles/iam.workloadIdentityUser';
/**
 * Lets tenant groups fetch cluster credentials and list clusters, nothing more: Kubernetes RBAC grants
 * the rest per namespace. Not roles/container.developer, which grants every namespace of every cluster.
 */
export const CLUSTER_VIEWER_ROLE = 'roles/container.clusterViewer';

const GROUP_RESOURCE_NAME = /^groups\/[A-Za-z0-9]+$/;

/** Props of `TenantIdentity`. */
export interface TenantIdentityProps {
  /** The tenant (validated here): its groups get clusterViewer, each of its workload identities a Google service account with its roles. */
  readonly tenant: TenantSpec;
  /**
   * Project of the clusters: it holds the Google service accounts, their project roles, the Workload
   * Identity pool (`<project>.svc.id.goog`) and the clusterViewer grants. Changing it replaces every resource.
   */
  readonly project: string;
  /** Kubernetes namespace of the tenant's service accounts. @default the tenant name */
  readonly namespace?: string;
  /** Workload Identity pool. @default `${project}.svc.id.goog` */
  readonly workloadPool?: string;
  /**
   * Resource name (`groups/<id>`) of the domain's `gke-security-groups@<domain>` Google Group, which GKE's
   * Google Groups for RBAC requires tenant groups to be members of. The provider needs the resource name,
   * not the e-mail: read it once with `gcloud identity groups describe gke-security-groups@<domain>` or a
   * `google_cloud_identity_group_lookup` data source. With user credentials the Cloud Identity API needs the
   * provider's `billing_project` and `user_project_override = true` (provider docs); a service account needs
   * Groups Admin on the domain.
   * @default no memberships are managed (the groups are nested by hand)
   */
  readonly gkeSecurityGroup?: string;
  /**
   * Other tenants whose identities live in the same project. When any do, a project-wide role reaches their
   * resources too, so each of the tenant's `projectRoles` must be accepted in `sharedProjectOptIns` or the
   * constructor throws. @default [] (the project is the tenant's own)
   */
  readonly projectSharedWith?: readonly string[];
  /**
   * Where a bucket or dataset the tenant's grants ask the platform to create (`provisioning: 'create'`) lives when the
   * grant names no `location`, e.g. `us-central1`.
   * @default none: such a grant without its own location is refused
   */
  readonly defaultLocation?: string;
}

/** One Workload Identity: the Google service account, its KSA binding and its project roles. */
export interface TenantWorkloadIdentity {
  /** The Google service account (`<gsa>@<project>.iam.gserviceaccount.com`); its construct id is `<gsa>/Resource`. */
  readonly serviceAccount: ServiceAccount;
  /** roles/iam.workloadIdentityUser on the account for the Kubernetes service account `<namespace>/<ksa>` of the pool. */
  readonly workloadIdentityBinding: ServiceAccountIamMember;
  /** Keyed by role. */
  readonly projectRoles: Readonly<Record<string, ProjectIamMember>>;
  /** Grants on named resources, keyed `<kind>/<name>/<role>`. */
  readonly resourceRoles: Readonly<Record<string, TerraformResource>>;
}

/**
 * The GCP side of a tenant: a Google service account per Workload Identity with its project roles and a
 * roles/iam.workloadIdentityUser binding for `serviceAccount:<pool>[<namespace>/<ksa>]`;
 * roles/container.clusterViewer for the tenant's groups; optionally their membership in gke-security-groups.
 *
 * Construct ids derive from user-given names only (GSA id, role, group e-mail), so they are stable
 * Terraform addresses. Renaming a GSA replaces the account (new unique id; grants elsewhere are lost).
 * Escape hatch: `workloadIdentities[gsa].serviceAccount.addOverride('description', '...')`.
 */
export class TenantIdentity extends Construct {
  /** Keyed by Google service account id; the account's construct id is `<gsa>/Resource`. */
  public readonly workloadIdentities: Readonly<Record<string, TenantWorkloadIdentity>>;
  /** clusterViewer grants keyed by group e-mail. */
  public readonly clusterViewers: Readonly<Record<string, ProjectIamMember>>;
  /** gke-security-groups memberships keyed by group e-mail. */
  public readonly securityGroupMemberships: Readonly<Record<string, CloudIdentityGroupMembership>>;
  /** The resources created for the tenant (grants with `provisioning: 'create'`), keyed `<kind>/<project>/<name>`. */
  public readonly createdResources: Readonly<Record<string, TenantResource>>;

  constructor(scope: Construct, id: string, props: TenantIdentityProps) {
    super(scope, id);
    assertTenantSpec(props.tenant, this.node.path);
    const tenant = props.tenant;
    const project = props.project;
    const namespace = props.namespace ?? tenant.name;
    const workloadPool = props.workloadPool ?? `${project}.svc.id.goog`;
    this.validateProps(props, namespace);

    // Created first, so every grant on them refers to them (and applies after them).
    const created: Record<string, TenantResource> = {};
    for (const resource of tenantCreatedResources(tenant, project, props.defaultLocation)) {
      created[resourceKey(resource)] = new TenantResource(this, `Resource-${resource.kind}-${resource.name}`, { resource, tenant: tenant.name, labels: tenant.labels });
    }
    this.createdResources = created;

    const identities: Record<string, TenantWorkloadIdentity> = {};
    for (const wi of tenant.workloadIdentities ?? []) {
      const scopeForGsa = new Construct(this, wi.gsa);
      const serviceAccount = new ServiceAccount(scopeForGsa, 'Resource', {
        project,
        accountId: wi.gsa,
        displayName: `${tenant.name}/${wi.ksa}`,
        description: `Workload Identity of Kubernetes service account ${namespace}/${wi.ksa} (tenant ${tenant.name})`,
      });
      const workloadIdentityBinding = new ServiceAccountIamMember(scopeForGsa, 'WorkloadIdentityUser', {
        serviceAccountId: serviceAccount.name,
        role: WORKLOAD_IDENTITY_USER_ROLE,
        member: `serviceAccount:${workloadPool}[${namespace}/${wi.ksa}]`,
      });
      const projectRoles: Record<string, ProjectIamMember> = {};
      for (const role of [...new Set(wi.projectRoles)]) {
        projectRoles[role] = new ProjectIamMember(scopeForGsa, `Role-${role.replace(/\//g, '-')}`, {
          project,
          role,
          member: serviceAccount.member,
        });
      }
      const resourceRoles: Record<string, TerraformResource> = {};
      for (const grant of wi.resourceRoles ?? []) {
        const key = `${grant.kind}/${grant.name}/${grant.role}`;
        if (resourceRoles[key]) continue;
        const own = created[resourceKey({ kind: grant.kind, name: grant.name, project: grant.project ?? project })];
        resourceRoles[key] = resourceGrant(scopeForGsa, `Grant-${grant.kind}-${grant.name}-${grant.role.replace(/\//g, '-')}`, { ...grant, name: own?.nameReference ?? grant.name }, grant.project ?? project, serviceAccount.member);
      }
      identities[wi.gsa] = { serviceAccount, workloadIdentityBinding, projectRoles, resourceRoles };
    }
    this.workloadIdentities = identities;

    const groups = [...new Set(TENANT_ROLES.map((r) => tenant.groups[r]).filter((g): g is string => !!g))];
    const viewers: Record<string, ProjectIamMember> = {};
    const memberships: Record<string, CloudIdentityGroupMembership> = {};
    for (const group of groups) {
      viewers[group] = new ProjectIamMember(this, `ClusterViewer-${group}`, { project, role: CLUSTER_VIEWER_ROLE, member: `group:${group}` });
      if (props.gkeSecurityGroup) {
        memberships[group] = new CloudIdentityGroupMembership(this, `GkeSecurityGroupMember-${group}`, {
          group: props.gkeSecurityGroup,
          preferredMemberKey: { id: group },
          roles: [{ name: 'MEMBER' }],
        });
      }
    }
    this.clusterViewers = viewers;
    this.securityGroupMemberships = memberships;
  }

  private validateProps(props: TenantIdentityProps, namespace: string): void {
    const path = this.node.path;
    if (!Token.isUnresolved(props.project) && !/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/.test(props.project)) {
      throw new ValidationError({ path, field: 'project', value: props.project, problem: 'is not a GCP project id (6-30 lowercase letters, digits, hyphens)', fix: 'pass the project id, not its name or number' });
    }
    if (!isDns1123Label(namespace)) {
      throw new ValidationError({ path, field: 'namespace', value: namespace, problem: 'is not a DNS-1123 label', fix: 'pass the tenant namespace name' });
    }
    const shared = validateSharedProjectRoles(props.tenant, props.project, props.projectSharedWith ?? [], path);
    if (shared.length > 0) throw new ValidationError(shared);
    if (props.gkeSecurityGroup !== undefined && !Token.isUnresolved(props.gkeSecurityGroup) && !GROUP_RESOURCE_NAME.test(props.gkeSecurityGroup)) {
      throw new ValidationError({
        path,
        field: 'gkeSecurityGroup',
        value: props.gkeSecurityGroup,
        problem: 'is not a Cloud Identity group resource name',
        fix: 'pass "groups/<id>" (gcloud identity groups describe gke-security-groups@<domain> --format="value(name)"), not the e-mail',
      });
    }
  }
}

/** The IAM member resource of one named resource, in the provider's spelling of its kind. */
function resourceGrant(scope: Construct, id: string, grant: ResourceRoleGrant, project: string, member: string): TerraformResource {
  const { role, name } = grant;
  switch (grant.kind) {
    case 'storage-bucket':
      return new StorageBucketIamMember(scope, id, { bucket: name, role, member });
    case 'pubsub-topic':
      return new PubsubTopicIamMember(scope, id, { project, topic: name, role, member });
    case 'pubsub-subscription':
      return new PubsubSubscriptionIamMember(scope, id, { project, subscription: name, role, member });
    case 'secret':
      return new SecretManagerSecretIamMember(scope, id, { project, secretId: name, role, member });
    case 'bigquery-dataset':
      return new BigqueryDatasetIamMember(scope, id, { project, datasetId: name, role, member });
    case 'artifact-registry-repository':
      return new ArtifactRegistryRepositoryIamMember(scope, id, { project, location: grant.location!, repository: name, role, member });
  }
}
