import { ComputeSharedVpcHostProject } from '@cdktf/provider-google/lib/compute-shared-vpc-host-project';
import { ComputeSharedVpcServiceProject } from '@cdktf/provider-google/lib/compute-shared-vpc-service-project';
import { ComputeSubnetworkIamMember } from '@cdktf/provider-google/lib/compute-subnetwork-iam-member';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { Construct } from 'constructs';
import { ValidationError, ValidationIssue } from '../domain/validation-error';
import { GCP_PROJECT_ID, GCP_PROJECT_ID_RULE } from '../domain/naming/naming-rules';
import { GKE_SHARED_VPC_FIREWALL_PERMISSIONS, GKE_SHARED_VPC_FIREWALL_ROLE_ID } from '../domain/network/network-rules';
import type { ISubnet } from './network';

/** How GKE's service agents manage firewall rules in the host project (SharedVpcProps.gkeFirewallManagement). */
export type GkeFirewallManagement = 'custom-role' | 'security-admin' | 'none';

/** A custom role with exactly the permissions GKE documents: the least that lets load balancers open their rules. */
export const DEFAULT_GKE_FIREWALL_MANAGEMENT: GkeFirewallManagement = 'custom-role';

/** A project whose GKE clusters use subnets of the host project's VPC. */
export interface SharedVpcServiceProject {
  /** The service project's id (6-30 lower-case letters, digits or hyphens); its GKE and Google APIs service agents get the grants. */
  readonly projectId: string;
  /** The subnets its clusters use: only these are shared with it (least privilege, not the whole VPC). */
  readonly subnets: readonly ISubnet[];
}

/** Props of `SharedVpc`. */
export interface SharedVpcProps {
  /** The project that owns the VPC. Enabling Shared VPC on it needs the Shared VPC Admin role at the organization or folder. */
  readonly hostProject: string;
  /** The projects attached to the host, each with the subnets it may use; their clusters run in the host's VPC. */
  readonly serviceProjects: readonly SharedVpcServiceProject[];
  /**
   * How each service project's GKE service agent may manage firewall rules in the host project, which LoadBalancer
   * Services and Ingress need (their health-check and traffic rules): `custom-role`, a custom role of the host project
   * with exactly GKE_SHARED_VPC_FIREWALL_PERMISSIONS; `security-admin`, roles/compute.securityAdmin (GKE's other
   * documented option, broader: SSL policies, every firewall of the host); `none`, GKE only asks for the rules in
   * cluster events and the platform team creates them.
   * @default 'custom-role'
   */
  readonly gkeFirewallManagement?: GkeFirewallManagement;
  /**
   * The host project is already a Shared VPC host, enabled and owned outside this construct (a network that predates the
   * platform): no `google_compute_shared_vpc_host_project` is created, so destroying this construct never disables
   * Shared VPC on it.
   * @default false: the host project is enabled here (id `Resource`)
   */
  readonly existingHost?: boolean;
  /**
   * Attach each service project to the host (`google_compute_shared_vpc_service_project`, needs Shared VPC Admin).
   * `false` when the host's owners attached them: only the service agents' grants are made.
   * @default true
   */
  readonly attachServiceProjects?: boolean;
}

/**
 * Shared VPC for GKE: the host project, its service projects, and what GKE's service agents need
 * (GKE Shared VPC guide): compute.networkUser on each shared subnet for the service project's GKE
 * service agent and Google APIs service agent, container.hostServiceAgentUser on the host project, and the firewall
 * permissions load balancers need (a custom role by default, see gkeFirewallManagement).
 * Project numbers are read with a `google_project` data source at plan time.
 * Escape hatch: `hostProjectResource.addOverride(...)`.
 */
export class SharedVpc extends Construct {
  /** Marks the host project (id `Resource`). @default undefined with `existingHost` */
  public readonly hostProjectResource?: ComputeSharedVpcHostProject;
  /** Service project attachments by project id (empty when `attachServiceProjects` is false). */
  public readonly serviceProjectAttachments: Readonly<Record<string, ComputeSharedVpcServiceProject>>;
  /** The host project's custom role for GKE's firewall management (id `GkeFirewallRole`). @default undefined unless gkeFirewallManagement is 'custom-role' */
  public readonly gkeFirewallRole?: ProjectIamCustomRole;

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

    const firewallManagement = props.gkeFirewallManagement ?? DEFAULT_GKE_FIREWALL_MANAGEMENT;
    const attach = props.attachServiceProjects ?? true;
    this.hostProjectResource = props.existingHost ? undefined : new ComputeSharedVpcHostProject(this, 'Resource', { project: props.hostProject });
    // A reference to the host resource orders every attachment after the host's enablement; an existing host needs none.
    const hostProject = this.hostProjectResource ? this.hostProjectResource.project : props.hostProject;
    // One role per host project. A deleted custom role keeps its id for 37 days: renaming it is not free.
    this.gkeFirewallRole =
      firewallManagement === 'custom-role' && props.serviceProjects.length > 0
        ? new ProjectIamCustomRole(this, 'GkeFirewallRole', {
            project: props.hostProject,
            roleId: GKE_SHARED_VPC_FIREWALL_ROLE_ID,
            title: 'GKE firewall management (Shared VPC)',
            description: "What service projects' GKE service agents need to open load balancers' and Ingress firewall rules in the host project",
            permissions: [...GKE_SHARED_VPC_FIREWALL_PERMISSIONS],
            stage: 'GA',
          })
        : undefined;
    const attachments: Record<string, ComputeSharedVpcServiceProject> = {};
    for (const service of props.serviceProjects) {
      const scopeFor = new Construct(this, service.projectId);
      const number = new DataGoogleProject(scopeFor, 'Project', { projectId: service.projectId }).number;
      const gkeAgent = `serviceAccount:service-${number}@container-engine-robot.iam.gserviceaccount.com`;
      const apisAgent = `serviceAccount:${number}@cloudservices.gserviceaccount.com`;
      if (attach) {
        attachments[service.projectId] = new ComputeSharedVpcServiceProject(scopeFor, 'Attachment', {
          hostProject,
          serviceProject: service.projectId,
        });
      }
      new ProjectIamMember(scopeFor, 'HostServiceAgentUser', { project: props.hostProject, role: 'roles/container.hostServiceAgentUser', member: gkeAgent });
      if (this.gkeFirewallRole) {
        new ProjectIamMember(scopeFor, 'GkeFirewallManager', { project: props.hostProject, role: this.gkeFirewallRole.name, member: gkeAgent });
      } else if (firewallManagement === 'security-admin') {
        new ProjectIamMember(scopeFor, 'FirewallAdmin', { project: props.hostProject, role: 'roles/compute.securityAdmin', member: gkeAgent });
      }
      for (const subnet of service.subnets) {
        for (const [agent, member] of [
          ['GkeAgent', gkeAgent],
          ['ApisAgent', apisAgent],
        ] as const) {
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
