import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { Construct } from 'constructs';
import { ValidationError } from '../domain/validation-error';
import { validateServiceAccountId } from '../domain/gke/gke-rules';

/**
 * Least-privilege roles for GKE node service accounts. GKE's hardening guide now grants the predefined
 * `roles/container.defaultNodeServiceAccount` (log writing, metric writing, monitoring viewer, resource
 * metadata writer, autoscaling metrics), plus Artifact Registry read for image pulls.
 */
export const DEFAULT_NODE_SA_ROLES: readonly string[] = ['roles/container.defaultNodeServiceAccount', 'roles/artifactregistry.reader'];

/** Props of `NodeServiceAccount`. */
export interface NodeServiceAccountProps {
  /** GCP project that owns the account and where its roles are granted. Forces replacement of the account. */
  readonly projectId: string;
  /** Account id (6-30 characters). Forces replacement of the account (and of every node pool using it). */
  readonly accountId: string;
  /** @default DEFAULT_NODE_SA_ROLES */
  readonly roles?: readonly string[];
  /** @default `GKE nodes of <accountId>` */
  readonly displayName?: string;
}

/** A dedicated node service account with project-level least-privilege role grants. */
export class NodeServiceAccount extends Construct {
  public readonly resource: ServiceAccount;
  public readonly grants: ProjectIamMember[];

  constructor(scope: Construct, id: string, props: NodeServiceAccountProps) {
    super(scope, id);
    const roles = props.roles ?? DEFAULT_NODE_SA_ROLES;
    const issues = validateServiceAccountId(this.node.path, 'accountId', props.accountId);
    if (issues.length > 0) throw new ValidationError(issues);

    this.resource = new ServiceAccount(this, 'Resource', {
      project: props.projectId,
      accountId: props.accountId,
      displayName: props.displayName ?? `GKE nodes of ${props.accountId}`,
      description: 'Least-privilege identity of GKE nodes (workloads use Workload Identity instead)',
    });
    // One construct per role, id from the role name: adding a role never moves the others.
    this.grants = [...new Set(roles)].map(
      (role) =>
        new ProjectIamMember(this, role.replace(/^roles\//, '').replace(/[^A-Za-z0-9]/g, '-'), {
          project: props.projectId,
          role,
          member: this.resource.member,
        }),
    );
  }

  public get email(): string {
    return this.resource.email;
  }
}
