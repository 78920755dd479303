import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ConfigManagementFeature } from '../lib/gitops/config-management-feature';
import { stackNames } from '../lib/domain/platform/gcp-names';
import { LoadedPlatform } from '../lib/domain/platform/load-platform';
import { configureBackend, StateBackendOptions } from './stack-defaults';

export interface FleetStackProps {
  readonly platform: LoadedPlatform;
  /** @default local state */
  readonly backend?: StateBackendOptions;
}

/** The fleet's Config Management feature, once per project that hosts clusters (a project-wide singleton). */
export class FleetStack extends TerraformStack {
  public readonly features: Readonly<Record<string, ConfigManagementFeature>>;

  constructor(scope: Construct, props: FleetStackProps) {
    const { definition } = props.platform;
    const name = stackNames.fleet(definition.name);
    super(scope, name);
    configureBackend(this, name, props.backend);
    new GoogleProvider(this, 'google', {});
    const features: Record<string, ConfigManagementFeature> = {};
    for (const project of [...new Set(definition.clusters.map((c) => c.project))].sort()) {
      features[project] = new ConfigManagementFeature(this, project, { project });
    }
    this.features = features;
  }
}
