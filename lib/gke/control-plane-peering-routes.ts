import { ComputeNetworkPeeringRoutesConfig } from '@cdktf/provider-google/lib/compute-network-peering-routes-config';
import { Construct } from 'constructs';
import { ValidationError } from '../domain/validation-error';
import { validateName } from '../domain/network/network-rules';
import { GCP_PROJECT_ID, GCP_PROJECT_ID_RULE } from '../domain/naming/naming-rules';
import type { GkeCluster } from './gke-cluster';

/** Props of `ControlPlanePeeringRoutes`. */
export interface ControlPlanePeeringRoutesProps {
  /** The private cluster whose control-plane peering (`private_cluster_config.peering_name`) is configured. */
  readonly cluster: GkeCluster;
  /** Project of the cluster's VPC (the Shared VPC host project). */
  readonly networkProject: string;
  /** Name of the cluster's VPC. */
  readonly networkName: string;
}

/**
 * Exports the VPC's custom routes (routes learned over VPN and Interconnect, static routes) over the GKE
 * control-plane peering, so a private control plane can answer authorized networks reached over hybrid links:
 * without it the control plane has no route back to them. Imports nothing from the control plane's network.
 * Escape hatch: `peeringRoutes.resource.addOverride('import_custom_routes', true)`.
 */
export class ControlPlanePeeringRoutes extends Construct {
  public readonly resource: ComputeNetworkPeeringRoutesConfig;

  constructor(scope: Construct, id: string, props: ControlPlanePeeringRoutesProps) {
    super(scope, id);
    const path = this.node.path;
    const issues = [...validateName(path, 'networkName', props.networkName)];
    if (!GCP_PROJECT_ID.test(props.networkProject)) issues.push({ path, field: 'networkProject', value: props.networkProject, problem: GCP_PROJECT_ID_RULE, fix: 'give the project that owns the VPC (the Shared VPC host)' });
    if (issues.length > 0) throw new ValidationError(issues);
    this.resource = new ComputeNetworkPeeringRoutesConfig(this, 'Resource', {
      project: props.networkProject,
      network: props.networkName,
      peering: props.cluster.resource.privateClusterConfig.peeringName,
      exportCustomRoutes: true,
      importCustomRoutes: false,
    });
  }
}
