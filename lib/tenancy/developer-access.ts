import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { Construct } from 'constructs';
import { ValidationError, ValidationIssue } from '../domain/validation-error';
import type { DeveloperNamespaceSpec } from '../domain/tenancy/tenant-spec';
import { CLUSTER_VIEWER_ROLE } from './tenant-identity';

/** An e-mail address: what `user:<owner>` needs. */
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;

/** Props of `DeveloperAccess`. */
export interface DeveloperAccessProps {
  /** Project of the cluster the developer namespaces live on: the grants are made on it. Changing it replaces every grant. */
  readonly project: string;
  /** The developer namespaces; each distinct owner gets one grant (an owner of several namespaces, one). */
  readonly namespaces: readonly DeveloperNamespaceSpec[];
}

/**
 * The Google side of developer namespaces: each owner gets `roles/container.clusterViewer` on the cluster's project,
 * exactly what `gcloud container clusters get-credentials` and the API server's Google authentication need
 * (`container.clusters.get`), and no Kubernetes right: the namespace's RoleBinding (DeveloperNamespace) gives those.
 * The role covers every cluster of the project, so keep the developer cluster in a project of its own.
 *
 * Construct id `ClusterViewer-<owner>`: derived from the owner's e-mail only, so adding or removing a namespace never
 * moves another owner's grant.
 */
export class DeveloperAccess extends Construct {
  /** The grants, keyed by owner e-mail. */
  public readonly clusterViewers: Readonly<Record<string, ProjectIamMember>>;

  constructor(scope: Construct, id: string, props: DeveloperAccessProps) {
    super(scope, id);
    const path = this.node.path;
    const issues: ValidationIssue[] = [];
    props.namespaces.forEach((ns) => {
      if (!EMAIL.test(ns.owner))
        issues.push({ path, field: `namespaces[${ns.name}].owner`, value: ns.owner, problem: 'is not an e-mail address (it becomes the IAM member user:<owner>)', fix: "give the owner's Google account, e.g. alice@example.com" });
    });
    if (issues.length > 0) throw new ValidationError(issues);
    const viewers: Record<string, ProjectIamMember> = {};
    for (const owner of [...new Set(props.namespaces.map((ns) => ns.owner))]) {
      viewers[owner] = new ProjectIamMember(this, `ClusterViewer-${owner}`, { project: props.project, role: CLUSTER_VIEWER_ROLE, member: `user:${owner}` });
    }
    this.clusterViewers = viewers;
  }
}
