import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GkeCluster, type IGkeCluster, NodePool, tenantDedicatedPool, TenantIdentity, type TenantSpec } from '../../lib';
import { PROD_USC1 } from './platform-cluster';

/**
 * The perception team's Google-side identity. The platform team declares the tenant itself in its definition
 * (groups, quota, `isolation: 'dedicated-nodes'`): that yields the namespace bundle, the admission policies that
 * pin `tenant=perception` nodes to this team, and the groups' cluster-viewer grants. Every Google resource has
 * one owner, so this spec lists no groups, and the platform's declaration lists no workloadIdentities.
 */
export const PERCEPTION_IDENTITY: TenantSpec = {
  name: 'perception',
  groups: {},
  clusters: [PROD_USC1.name],
  isolation: 'dedicated-nodes',
  workloadIdentities: [{ ksa: 'label-worker', gsa: 'perception-label-worker', projectRoles: ['roles/storage.objectViewer'] }],
  labels: { team: 'perception', environment: 'prod', costCenter: 'cc-5501' },
};

/** The team's extra pool: beside the platform's `tenant-perception` pool, with the same tenant taint and label. */
export const TEAM_POOL_NAME = 'perception-highmem';

/** Stack name: its own Terraform state, separate from every platform stack. */
export const TEAM_STACK_NAME = 'perception-prod-usc1';

/**
 * A product team's own stack on the platform's cluster: a node pool tainted and labelled for the team
 * (`tenant=perception`, so the platform's dedicated-nodes policies cover it), and the team's Workload Identity
 * service accounts. It never changes the cluster: `GkeCluster.fromClusterAttributes` only refers to it.
 */
export class TeamStack extends TerraformStack {
  public readonly cluster: IGkeCluster;
  public readonly pool: NodePool;
  public readonly identity: TenantIdentity;

  constructor(scope: Construct, id: string = TEAM_STACK_NAME) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: PROD_USC1.projectId, region: PROD_USC1.location });

    this.cluster = GkeCluster.fromClusterAttributes(this, 'ProdUsc1', PROD_USC1);
    // The pool counts against the cluster's node budget: ask the platform team for headroom first
    // (`npm run ip-plan` shows it), since the IP plan sized the pod range for the platform's pools.
    this.pool = new NodePool(
      this,
      'PerceptionPool',
      tenantDedicatedPool({ cluster: this.cluster, name: TEAM_POOL_NAME }, PERCEPTION_IDENTITY.name, {
        machineType: 'n2-highmem-8',
        autoscaling: { totalMinNodes: 0, totalMaxNodes: 12 },
      }),
    );
    this.identity = new TenantIdentity(this, PERCEPTION_IDENTITY.name, { tenant: PERCEPTION_IDENTITY, project: PROD_USC1.projectId });
  }
}

/** Adds the team stack to an app (the cdktf app in main.ts, or a test's). */
export function buildTeamStack(scope: Construct): TeamStack {
  return new TeamStack(scope);
}
