import { ComputeSharedVpcHostProject } from '@cdktf/provider-google/lib/compute-shared-vpc-host-project';
import { ComputeSharedVpcServiceProject } from '@cdktf/provider-google/lib/compute-shared-vpc-service-project';
import { ComputeSubnetworkIamMember } from '@cdktf/provider-google/lib/compute-subnetwork-iam-member';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { Construct } from 'constructs';
import { ValidationError, ValidationIssue } from '../domain/validation-error';
import { GCP_PROJECT_ID, GCP_PROJECT_ID_RULE } from '../domain/naming/naming-rules';
import type { ISubnet } from './network';

/** A project whose GKE clusters use subnets of the host project's VPC. */
export interface SharedVpcServiceProject {
  /** The service project's id (6-30 lower-case letters, digits or hyphens); its GKE and Google APIs service agents get the grants. */
  readonly projectId: string;
  /** The subnets its clusters use: only these are shared with it (least privilege, not the whole VPC). */
  readonly subnets: readonly ISubnet[];
}

export interface SharedVpcProps {
  /** The project that owns the VPC. Enabling Shared VPC on it needs the Shared VPC Admin role at the organization or folder. */
  readonly hostProject: string;
  /** The projects attached to the host, each with the subnets it may use; their clusters run in the host's VPC. */
  readonly serviceProjects: readonly SharedVpcServiceProject[];
  /**
   * Let GKE create firewall rules for load balancers and Ingress in the host project (roles/compute.securityAdmin
   * for each service project's GKE service agent). Off, GKE asks for the rules in cluster events instead.
   * @default false: the platform team keeps firewall changes in code
   */
  readonly allowGkeFirewallManagement?: boolean;
}

/**
 * Shared VPC for GKE: the host project, its service projects, and what GKE's service agents need
 * (GKE Shared VPC guide): compute.networkUser on each shared subnet for the service project's GKE
 * service agent and Google APIs service agent, and container.hostServiceAgentUser on the host project.
 * Project numbers are read with a `google_project` data source at plan time.
 * Escape hatch: `hostProjectResource.addOverride(...)`.
 */
export class SharedVpc extends Construct {
  /** Marks the host project (id `Resource`). */
  public readonly hostProjectResource: ComputeSharedVpcHostProject;
  /** Service project attachments by project id. */
  public readonly serviceProjectAttachments: Readonly<Record<string, ComputeSharedVpcServiceProject>>;

  constructor(scope: Construct, id: string, props: SharedVpcProps) {
    super(scope, id);
    const issues: ValidationIssue[] = [];
    const path = this.node.path;
    for (const project of [props.hostProject, ...props.serviceProjects.map((p) => p.projectId)]) {
      if (!GCP_PROJECT_ID.test(project)) issues.push({ path, field: 'project', value: project, problem: GCP_PROJECT_ID_RULE, fix: 'give the project id as shown by `gcloud projects list`' });
    }
    const seen = new Set<string>();
    for (const service of props.serviceProjects) {
      if (service.projectId === props.hostProject) issues.push({ path, field: 'serviceProjects', value: service.projectId, problem: 'is the host project itself', fix: 'list only the projects whose clusters use the host VPC' });
      if (seen.has(service.projectId)) issues.push({ path, field: 'serviceProjects', value: service.projectId, problem: 'is listed twice', fix: 'list each service project once, with all its subnets' });
      seen.add(service.projectId);
    }
    if (issues.length > 0) throw new ValidationError(issues);

    this.hostProjectResource = new ComputeSharedVpcHostProject(this, 'Resource', { project: props.hostProject });
    const attachments: Record<string, ComputeSharedVpcServiceProject> = {};
    for (const service of props.serviceProjects) {
      const scopeFor = new Construct(this, service.projectId);
      const number = new DataGoogleProject(scopeFor, 'Project', { projectId: service.projectId }).number;
      const gkeAgent = `serviceAccount:service-${number}@container-engine-robot.iam.gserviceaccount.com`;
      const apisAgent = `serviceAccount:${number}@cloudservices.gserviceaccount.com`;
      attachments[service.projectId] = new ComputeSharedVpcServiceProject(scopeFor, 'Attachment', {
        hostProject: this.hostProjectResource.project,
        serviceProject: service.projectId,
      });
      new ProjectIamMember(scopeFor, 'HostServiceAgentUser', { project: props.hostProject, role: 'roles/container.hostServiceAgentUser', member: gkeAgent });
      if (props.allowGkeFirewallManagement) {
        new ProjectIamMember(scopeFor, 'FirewallAdmin', { project: props.hostProject, role: 'roles/compute.securityAdmin', member: gkeAgent });
      }
      for (const subnet of service.subnets) {
        for (const [agent, member] of [['GkeAgent', gkeAgent], ['ApisAgent', apisAgent]] as const) {
          new ComputeSubnetworkIamMember(scopeFor, `${subnet.name}-${agent}`, {
            project: props.hostProject,
            region: subnet.region,
            subnetwork: subnet.id,
            role: 'roles/compute.networkUser',
            member,
          });
        }
      }
    }
    this.serviceProjectAttachments = attachments;
  }
}
