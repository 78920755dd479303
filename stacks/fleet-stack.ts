import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ConfigManagementFeature } from '../lib/gitops/config-management-feature';
import { LoadedPlatform } from '../lib/domain/platform/resolve-platform';
import { configureBackend, StateBackendOptions } from './stack-defaults';

/** Props of `FleetStack`. */
export interface FleetStackProps {
  /** The loaded platform (from `loadPlatform`): one Config Management feature per project that hosts clusters. */
  readonly platform: LoadedPlatform;
  /** @default local state */
  readonly backend?: StateBackendOptions;
}

/** The fleet's Config Management feature, once per project that hosts clusters (a project-wide singleton). */
export class FleetStack extends TerraformStack {
  public readonly features: Readonly<Record<string, ConfigManagementFeature>>;

  constructor(scope: Construct, props: FleetStackProps) {
    const { plan } = props.platform;
    const name = plan.stacks.fleet;
    super(scope, name);
    configureBackend(this, name, props.backend);
    new GoogleProvider(this, 'google', {});
    const features: Record<string, ConfigManagementFeature> = {};
    for (const project of [...new Set(plan.clusters.map((c) => c.project))].sort()) {
      features[project] = new ConfigManagementFeature(this, project, { project });
    }
    this.features = features;
  }
}
