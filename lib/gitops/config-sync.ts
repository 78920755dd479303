import { GkeHubFeatureMembership } from '@cdktf/provider-google/lib/gke-hub-feature-membership';
import { GkeHubMembership } from '@cdktf/provider-google/lib/gke-hub-membership';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../domain/validation-error';
import type { IGkeCluster } from '../gke/gke-cluster';
import { CONFIG_MANAGEMENT_FEATURE } from './config-management-feature';
import { ROOT_RECONCILER } from './config-sync-identity';
import { CONFIG_SYNC_NAMESPACE } from '../domain/gitops/sync-stages';
import { ADD_ONS_ROOT_SYNC, reconcilerServiceAccount } from '../domain/gitops/sync-stages';
import { validateGitSource, DEFAULT_GIT_BRANCH, DEFAULT_SYNC_WAIT_SECONDS, GitSource } from '../domain/gitops/git-source';

/** Config Sync reads plain manifests folders (no hierarchical repo layout). */
const CONFIG_SYNC_SOURCE_FORMAT = 'unstructured';

/** Props of `ConfigSync`. */
export interface ConfigSyncProps {
  /** The cluster to register and sync; only name, location, projectId and id are used. */
  readonly cluster: Pick<IGkeCluster, 'name' | 'location' | 'projectId' | 'id'>;
  /** Where this cluster's manifests live. */
  readonly repository: GitSource;
  /**
   * The fleet host project. Its `configmanagement` feature must be enabled once (ConfigManagementFeature).
   * @default the cluster's project
   */
  readonly fleetProject?: string;
  /** The ConfigManagementFeature (or anything) the membership must wait for. @default none */
  readonly dependsOn?: readonly ITerraformDependable[];
  /**
   * Reject kubectl edits of objects Config Sync manages (its admission webhook).
   * @default true: the repository is the source of truth
   */
  readonly preventDrift?: boolean;
}

/**
 * Registers a cluster in a fleet and points Config Sync at its folder of manifests (`dist/<cluster>`).
 * Upgrades of Config Sync are left to Google (`MANAGEMENT_AUTOMATIC`). The membership id is the cluster
 * name: renaming replaces the membership. Escape hatch: `membership.addOverride` / `resource.addOverride`.
 */
export class ConfigSync extends Construct {
  /** The fleet membership (id `Membership`). */
  public readonly membership: GkeHubMembership;
  /** The Config Sync settings of the membership (id `Resource`). */
  public readonly resource: GkeHubFeatureMembership;
  /** With `gcpserviceaccount` auth: lets the root reconciler act as that service account (id `ReconcilerIdentity`). */
  public readonly reconcilerIdentity?: ServiceAccountIamMember;
  /**
   * With `gcpserviceaccount` auth: the same for the reconciler of the add-ons stage's RootSync
   * (`root-reconciler-platform-add-ons`, lib/domain/gitops/sync-stages.ts), which reads the same repository
   * (id `AddOnsReconcilerIdentity`).
   */
  public readonly addOnsReconcilerIdentity?: ServiceAccountIamMember;

  constructor(scope: Construct, id: string, props: ConfigSyncProps) {
    super(scope, id);
    const issues = validateGitSource(this.node.path, props.repository);
    if (issues.length > 0) throw new ValidationError(issues);
    const fleetProject = props.fleetProject ?? props.cluster.projectId;
    const auth = props.repository.auth ?? { type: 'none' as const };

    this.membership = new GkeHubMembership(this, 'Membership', {
      project: fleetProject,
      membershipId: props.cluster.name,
      location: props.cluster.location,
      endpoint: { gkeCluster: { resourceLink: `//container.googleapis.com/${props.cluster.id}` } },
    });
    this.resource = new GkeHubFeatureMembership(this, 'Resource', {
      project: fleetProject,
      location: 'global',
      feature: CONFIG_MANAGEMENT_FEATURE,
      membership: this.membership.membershipId,
      membershipLocation: props.cluster.location,
      configmanagement: {
        management: 'MANAGEMENT_AUTOMATIC',
        configSync: {
          enabled: true,
          sourceFormat: CONFIG_SYNC_SOURCE_FORMAT,
          preventDrift: props.preventDrift ?? true,
          git: {
            syncRepo: props.repository.url,
            syncBranch: props.repository.branch ?? DEFAULT_GIT_BRANCH,
            policyDir: props.repository.directory,
            syncRev: props.repository.revision,
            secretType: auth.type,
            gcpServiceAccountEmail: auth.type === 'gcpserviceaccount' ? auth.serviceAccountEmail : undefined,
            syncWaitSecs: String(props.repository.syncWaitSeconds ?? DEFAULT_SYNC_WAIT_SECONDS),
          },
        },
      },
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
    if (auth.type === 'gcpserviceaccount') {
      // Config Sync's root reconciler reads the repository as this Google service account through Workload Identity.
      this.reconcilerIdentity = new ServiceAccountIamMember(this, 'ReconcilerIdentity', {
        serviceAccountId: `projects/${serviceAccountProject(auth.serviceAccountEmail)}/serviceAccounts/${auth.serviceAccountEmail}`,
        role: 'roles/iam.workloadIdentityUser',
        member: `serviceAccount:${fleetProject}.svc.id.goog[${CONFIG_SYNC_NAMESPACE}/${ROOT_RECONCILER}]`,
      });
      this.addOnsReconcilerIdentity = new ServiceAccountIamMember(this, 'AddOnsReconcilerIdentity', {
        serviceAccountId: `projects/${serviceAccountProject(auth.serviceAccountEmail)}/serviceAccounts/${auth.serviceAccountEmail}`,
        role: 'roles/iam.workloadIdentityUser',
        member: `serviceAccount:${fleetProject}.svc.id.goog[${CONFIG_SYNC_NAMESPACE}/${reconcilerServiceAccount(ADD_ONS_ROOT_SYNC)}]`,
      });
    }
  }
}

function serviceAccountProject(email: string): string {
  return email.split('@')[1].replace('.iam.gserviceaccount.com', '');
}
