import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { stackNames } from '../lib/domain/platform/gcp-names';
import { LoadedPlatform } from '../lib/domain/platform/resolve-platform';
import { platformProjectServices } from '../lib/domain/platform/project-services';
import { configureBackend, StateBackendOptions } from './stack-defaults';

/** Props of `ProjectServicesStack`. */
export interface ProjectServicesStackProps {
  /** The loaded platform (from `loadPlatform`): the APIs are enabled in every project its definition lists. */
  readonly platform: LoadedPlatform;
  /** Enable the fleet and Config Management APIs too. @default false */
  readonly gitOps?: boolean;
  /** @default local state */
  readonly backend?: StateBackendOptions;
}

/**
 * Enables every API the other stacks use, in every project of the platform, and is applied first (each other
 * stack depends on it): on fresh projects the network stack would otherwise bind service agents that exist only
 * once their API is on. APIs stay on when the stack is destroyed (`disable_on_destroy = false`): other workloads
 * in the projects may use them.
 */
export class ProjectServicesStack extends TerraformStack {
  /** `google_project_service` resources by `<project>/<api>`. */
  public readonly services: Readonly<Record<string, ProjectService>>;

  constructor(scope: Construct, props: ProjectServicesStackProps) {
    const { definition } = props.platform;
    const name = stackNames.projectServices(definition.name);
    super(scope, name);
    configureBackend(this, name, props.backend);
    new GoogleProvider(this, 'google', {});
    const services: Record<string, ProjectService> = {};
    for (const [project, apis] of Object.entries(platformProjectServices(definition, { gitOps: props.gitOps }))) {
      for (const api of apis) {
        services[`${project}/${api}`] = new ProjectService(this, `${project}-${api.split('.')[0]}`, { project, service: api, disableOnDestroy: false, disableDependentServices: false });
      }
    }
    this.services = services;
  }
}
