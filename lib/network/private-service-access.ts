import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import { ServiceNetworkingConnection } from '@cdktf/provider-google/lib/service-networking-connection';
import { Construct } from 'constructs';
import { ValidationError, ValidationIssue } from '../domain/validation-error';
import { Cidr } from '../domain/ip-plan/cidr';
import { INetwork } from './network';
import { validateName } from '../domain/network/network-rules';

/** The service producer network Cloud SQL, AlloyDB and Memorystore use. */
const SERVICE_NETWORKING_SERVICE = 'servicenetworking.googleapis.com';

/** Props of `PrivateServiceAccess`. */
export interface PrivateServiceAccessProps {
  /** Project of the VPC. @default the network's project */
  readonly projectId?: string;
  /** The VPC peered with Google's service producer network (created here or imported). Changing it replaces the range and the connection. */
  readonly network: INetwork;
  /** Name of the reserved range. Changing it replaces the range and the connection. @default `<network>-psa` */
  readonly name?: string;
  /** The range, from the IP plan (at least a /24; Google recommends /20 or larger). Changing it replaces the range. */
  readonly cidr: string;
}

/**
 * Private Service Access: a reserved range (purpose VPC_PEERING) and the service networking connection that
 * peers the VPC with Google's service producer network, so Cloud SQL and friends get private IPs from it.
 * Escape hatch: `psa.connection.addOverride('deletion_policy', 'ABANDON')`.
 */
export class PrivateServiceAccess extends Construct {
  public readonly range: ComputeGlobalAddress;
  public readonly connection: ServiceNetworkingConnection;

  constructor(scope: Construct, id: string, props: PrivateServiceAccessProps) {
    super(scope, id);
    const path = this.node.path;
    const name = props.name ?? `${props.network.name}-psa`;
    const issues: ValidationIssue[] = [...validateName(path, props.name ? 'name' : 'name (default <network>-psa)', name)];
    const cidr = Cidr.tryParse(props.cidr);
    if (typeof cidr === 'string') issues.push({ path, field: 'cidr', value: props.cidr, problem: cidr, fix: 'take the range from the IP plan' });
    else if (cidr.prefixLength > 24) issues.push({ path, field: 'cidr', value: props.cidr, problem: 'is smaller than a /24, the least Private Service Access accepts', fix: 'use a /24 or larger (a /20 by default)' });
    if (issues.length > 0) throw new ValidationError(issues);
    const parsed = cidr as Cidr;
    const project = props.projectId ?? props.network.projectId;
    this.range = new ComputeGlobalAddress(this, 'Range', {
      project,
      name,
      description: 'Private Service Access (Cloud SQL, AlloyDB, Memorystore)',
      purpose: 'VPC_PEERING',
      addressType: 'INTERNAL',
      address: parsed.address(0),
      prefixLength: parsed.prefixLength,
      network: props.network.id,
    });
    this.connection = new ServiceNetworkingConnection(this, 'Resource', {
      network: props.network.id,
      service: SERVICE_NETWORKING_SERVICE,
      reservedPeeringRanges: [this.range.name],
    });
  }
}
