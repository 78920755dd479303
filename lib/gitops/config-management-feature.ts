import { GkeHubFeature } from '@cdktf/provider-google/lib/gke-hub-feature';
import { Construct } from 'constructs';
import { ValidationError } from '../domain/validation-error';
import { GCP_PROJECT_ID, GCP_PROJECT_ID_RULE } from '../domain/naming/naming-rules';

/** Props of `ConfigManagementFeature`. */
export interface ConfigManagementFeatureProps {
  /** The fleet host project. The feature exists once per fleet project: create one of these per project, not per cluster. */
  readonly project: string;
}

/** Fleet feature name Config Sync lives under. */
export const CONFIG_MANAGEMENT_FEATURE = 'configmanagement';

/**
 * Enables the fleet's Config Management feature (Config Sync) in one project. Clusters then opt in
 * through `ConfigSync`. Escape hatch: `resource.addOverride(path, value)`.
 */
export class ConfigManagementFeature extends Construct {
  public readonly resource: GkeHubFeature;
  public readonly project: string;

  constructor(scope: Construct, id: string, props: ConfigManagementFeatureProps) {
    super(scope, id);
    if (!GCP_PROJECT_ID.test(props.project)) {
      throw new ValidationError({ path: this.node.path, field: 'project', value: props.project, problem: GCP_PROJECT_ID_RULE, fix: 'give the fleet host project id' });
    }
    this.project = props.project;
    this.resource = new GkeHubFeature(this, 'Resource', { project: props.project, name: CONFIG_MANAGEMENT_FEATURE, location: 'global' });
  }
}
