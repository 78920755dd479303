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
import { resourceKey, tenantCreatedResources, validateResourceProvisioning } from '../domain/tenancy/tenant-resources';
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
   * Further projects the tenant's clusters live in (a prod and a dev project, say): each has its own Workload Identity
   * pool (`<project>.svc.id.goog`), so each gets its own Google service accounts, bindings, project roles, grants
   * (a grant without its own `project` names that project's resource), created resources and clusterViewer grants,
   * under `Project-<project>/`. The primary `project`'s resources keep their addresses.
   * @default none: the tenant's clusters are all in `project`
   */
  readonly additionalProjects?: readonly AdditionalTenantProject[];
  /**
   * Where a bucket or dataset the tenant's grants ask the platform to create (`provisioning: 'create'`) lives when the
   * grant names no `location`, e.g. `us-central1`.
   * @default none: such a grant without its own location is refused
   */
  readonly defaultLocation?: string;
}

/** A further project of a tenant's clusters, for `TenantIdentityProps.additionalProjects`. */
export interface AdditionalTenantProject {
  /** The project's id: its pool is `<project>.svc.id.goog`. */
  readonly project: string;
  /** Other tenants whose identities live in this project (see `projectSharedWith`). @default [] (the project is the tenant's own) */
  readonly projectSharedWith?: readonly string[];
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
  /** The primary project's, keyed by Google service account id; the account's construct id is `<gsa>/Resource`. */
  public readonly workloadIdentities: Readonly<Record<string, TenantWorkloadIdentity>>;
  /** The primary project's clusterViewer grants, keyed by group e-mail. */
  public readonly clusterViewers: Readonly<Record<string, ProjectIamMember>>;
  /** Every project's identities, by project, then by Google service account id (the primary's are `workloadIdentities`). */
  public readonly workloadIdentitiesByProject: Readonly<Record<string, Readonly<Record<string, TenantWorkloadIdentity>>>>;
  /** Every project's clusterViewer grants, by project, then by group e-mail. */
  public readonly clusterViewersByProject: Readonly<Record<string, Readonly<Record<string, ProjectIamMember>>>>;
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

    // The primary project's resources directly under the tenant (their addresses predate further projects); each
    // further project's under `Project-<project>`, since its pool, accounts and grants are its own.
    const projects = [
      { project, workloadPool, scope: this as Construct },
      ...(props.additionalProjects ?? []).map((p) => ({ project: p.project, workloadPool: `${p.project}.svc.id.goog`, scope: new Construct(this, `Project-${p.project}`) })),
    ];

    // Created first, so every grant on them refers to them (and applies after them). A resource that names its
    // project is created once, by the first project that lists it.
    const created: Record<string, TenantResource> = {};
    for (const { project: p, scope } of projects) {
      for (const resource of tenantCreatedResources(tenant, p, props.defaultLocation)) {
        if (created[resourceKey(resource)]) continue;
        created[resourceKey(resource)] = new TenantResource(scope, `Resource-${resource.kind}-${resource.name}`, { resource, tenant: tenant.name, labels: tenant.labels });
      }
    }
    this.createdResources = created;

    const groups = [...new Set(TENANT_ROLES.map((r) => tenant.groups[r]).filter((g): g is string => !!g))];
    const identitiesByProject: Record<string, Record<string, TenantWorkloadIdentity>> = {};
    const viewersByProject: Record<string, Record<string, ProjectIamMember>> = {};
    for (const { project: p, workloadPool: pool, scope } of projects) {
      identitiesByProject[p] = this.addIdentities(scope, tenant, p, pool, namespace, created);
      const viewers: Record<string, ProjectIamMember> = {};
      for (const group of groups) viewers[group] = new ProjectIamMember(scope, `ClusterViewer-${group}`, { project: p, role: CLUSTER_VIEWER_ROLE, member: `group:${group}` });
      viewersByProject[p] = viewers;
    }
    this.workloadIdentitiesByProject = identitiesByProject;
    this.clusterViewersByProject = viewersByProject;
    this.workloadIdentities = identitiesByProject[project];
    this.clusterViewers = viewersByProject[project];

    // Group memberships are the domain's, not a project's: once.
    const memberships: Record<string, CloudIdentityGroupMembership> = {};
    for (const group of props.gkeSecurityGroup ? groups : []) {
      memberships[group] = new CloudIdentityGroupMembership(this, `GkeSecurityGroupMember-${group}`, {
        group: props.gkeSecurityGroup!,
        preferredMemberKey: { id: group },
        roles: [{ name: 'MEMBER' }],
      });
    }
    this.securityGroupMemberships = memberships;
  }

  /** One project's Google service accounts, their Workload Identity bindings for its pool, project roles and grants. */
  private addIdentities(scope: Construct, tenant: TenantSpec, project: string, workloadPool: string, namespace: string, created: Readonly<Record<string, TenantResource>>): Record<string, TenantWorkloadIdentity> {
    const identities: Record<string, TenantWorkloadIdentity> = {};
    for (const wi of tenant.workloadIdentities ?? []) {
      const scopeForGsa = new Construct(scope, wi.gsa);
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
    return identities;
  }

  private validateProps(props: TenantIdentityProps, namespace: string): void {
    const path = this.node.path;
    if (!Token.isUnresolved(props.project) && !/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/.test(props.project)) {
      throw new ValidationError({ path, field: 'project', value: props.project, problem: 'is not a GCP project id (6-30 lowercase letters, digits, hyphens)', fix: 'pass the project id, not its name or number' });
    }
    if (!isDns1123Label(namespace)) {
      throw new ValidationError({ path, field: 'namespace', value: namespace, problem: 'is not a DNS-1123 label', fix: 'pass the tenant namespace name' });
    }
    const additional = props.additionalProjects ?? [];
    additional.forEach((p, i) => {
      if (!Token.isUnresolved(p.project) && !/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/.test(p.project)) {
        throw new ValidationError({ path, field: `additionalProjects[${i}].project`, value: p.project, problem: 'is not a GCP project id (6-30 lowercase letters, digits, hyphens)', fix: 'pass the project id, not its name or number' });
      }
      if (p.project === props.project || additional.findIndex((q) => q.project === p.project) !== i) {
        throw new ValidationError({ path, field: `additionalProjects[${i}].project`, value: p.project, problem: 'is listed twice (or is the primary project)', fix: 'list each further project of the tenant once' });
      }
    });
    const shared = [props, ...additional].flatMap((p) => validateSharedProjectRoles(props.tenant, p.project, p.projectSharedWith ?? [], path));
    if (shared.length > 0) throw new ValidationError(shared);
    if (additional.length > 0) {
      const buckets = validateResourceProvisioning([props.project, ...additional.map((p) => p.project)].map((project) => ({ tenant: props.tenant, project }))).filter((i) => /bucket names are global/.test(i.problem));
      if (buckets.length > 0) throw new ValidationError(buckets.map((i) => ({ ...i, path: `${path} (${i.path})` })));
    }
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
