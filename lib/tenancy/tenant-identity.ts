import { CloudIdentityGroupMembership } from '@cdktf/provider-google/lib/cloud-identity-group-membership';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../domain/validation-error';
import { isDns1123Label, validateTenantSpec } from '../domain/tenancy/tenant-rules';
import { TENANT_ROLES, TenantSpec } from '../domain/tenancy/tenant-spec';

/** Lets a Kubernetes service account act as the Google service account (Workload Identity). */
export const WORKLOAD_IDENTITY_USER_ROLE = 'roles/iam.workloadIdentityUser';
/**
 * Lets tenant groups fetch cluster credentials and list clusters, nothing more: Kubernetes RBAC grants
 * the rest per namespace. Not roles/container.developer, which grants every namespace of every cluster.
 */
export const CLUSTER_VIEWER_ROLE = 'roles/container.clusterViewer';

const GROUP_RESOURCE_NAME = /^groups\/[A-Za-z0-9]+$/;

export interface TenantIdentityProps {
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
}

/** One Workload Identity: the Google service account, its KSA binding and its project roles. */
export interface TenantWorkloadIdentity {
  readonly serviceAccount: ServiceAccount;
  readonly workloadIdentityBinding: ServiceAccountIamMember;
  /** Keyed by role. */
  readonly projectRoles: Readonly<Record<string, ProjectIamMember>>;
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

  constructor(scope: Construct, id: string, props: TenantIdentityProps) {
    super(scope, id);
    validateTenantSpec(props.tenant, this.node.path);
    const tenant = props.tenant;
    const project = props.project;
    const namespace = props.namespace ?? tenant.name;
    const workloadPool = props.workloadPool ?? `${project}.svc.id.goog`;
    this.validateProps(props, namespace);

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
      identities[wi.gsa] = { serviceAccount, workloadIdentityBinding, projectRoles };
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
    if (props.gkeSecurityGroup !== undefined && !Token.isUnresolved(props.gkeSecurityGroup) && !GROUP_RESOURCE_NAME.test(props.gkeSecurityGroup)) {
      throw new ValidationError({ path, field: 'gkeSecurityGroup', value: props.gkeSecurityGroup, problem: 'is not a Cloud Identity group resource name', fix: 'pass "groups/<id>" (gcloud identity groups describe gke-security-groups@<domain> --format="value(name)"), not the e-mail' });
    }
  }
}
