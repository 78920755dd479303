import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { LoadedPlatform } from '../lib/domain/platform/resolve-platform';
import { planCluster } from '../lib/domain/platform/platform-plan';
import { platformLabels } from '../lib/domain/platform/platform-labels';
import { DeveloperAccess } from '../lib/tenancy/developer-access';
import { configureBackend, StateBackendOptions } from './stack-defaults';

/** Props of `DeveloperAccessStack`. */
export interface DeveloperAccessStackProps {
  /** The loaded platform: its developer namespaces (required) and their cluster's project. */
  readonly platform: LoadedPlatform;
  /** @default local state */
  readonly backend?: StateBackendOptions;
}

/**
 * The IAM developer-namespace owners need to authenticate to their cluster (DeveloperAccess), in its own state like
 * the tenants' identities: adding a developer never plans against a cluster or a tenant shard.
 */
export class DeveloperAccessStack extends TerraformStack {
  public readonly access: DeveloperAccess;

  constructor(scope: Construct, props: DeveloperAccessStackProps) {
    const { plan } = props.platform;
    const developers = plan.developerNamespaces;
    if (!developers || !plan.stacks.developers) throw new Error('DeveloperAccessStack: the platform declares no developerNamespaces');
    const name = plan.stacks.developers;
    super(scope, name);
    configureBackend(this, name, props.backend);
    new GoogleProvider(this, 'google', { defaultLabels: platformLabels(plan.name) });
    this.access = new DeveloperAccess(this, 'DeveloperAccess', { project: planCluster(plan, developers.cluster).project, namespaces: developers.namespaces });
  }
}
