import { DnsManagedZone } from '@cdktf/provider-google/lib/dns-managed-zone';
import { DnsRecordSet } from '@cdktf/provider-google/lib/dns-record-set';
import { Construct } from 'constructs';
import { ValidationError } from '../domain/validation-error';
import { INetwork } from './network';
import { validateName } from '../domain/network/network-rules';

/** private.googleapis.com's four VIPs (199.36.153.8/30), as Google documents them for Private Google Access. */
const PRIVATE_GOOGLE_APIS_ADDRESSES: readonly string[] = ['199.36.153.8', '199.36.153.9', '199.36.153.10', '199.36.153.11'];
/** Five minutes: the VIPs never change, and a short TTL keeps a rollback quick. */
const DEFAULT_GOOGLE_APIS_TTL = 300;

/** Props of `PrivateGoogleApisDns`. */
export interface PrivateGoogleApisDnsProps {
  /** Project of the zone. @default the network's project */
  readonly projectId?: string;
  /** The VPC the private zone is visible to (created here or imported). Changing it replaces the zone. */
  readonly network: INetwork;
  /** Zone name. Changing it replaces the zone. @default `<network>-googleapis` */
  readonly name?: string;
}

/**
 * A private `googleapis.com.` zone on the VPC: `private.googleapis.com` answers with its VIPs and every other
 * `*.googleapis.com` name is a CNAME to it. Pods and nodes then reach Google APIs on 199.36.153.8/30, a range a
 * NetworkPolicy can allow (Google's public API addresses are too many and change), over Private Google Access.
 * Escape hatch: `dns.zone.addOverride('cloud_logging_config.enable_logging', true)`.
 */
export class PrivateGoogleApisDns extends Construct {
  public readonly zone: DnsManagedZone;
  public readonly records: readonly DnsRecordSet[];

  constructor(scope: Construct, id: string, props: PrivateGoogleApisDnsProps) {
    super(scope, id);
    const name = props.name ?? `${props.network.name}-googleapis`;
    const issues = validateName(this.node.path, props.name ? 'name' : 'name (default <network>-googleapis)', name);
    if (issues.length > 0) throw new ValidationError(issues);
    const project = props.projectId ?? props.network.projectId;
    this.zone = new DnsManagedZone(this, 'Resource', {
      project,
      name,
      dnsName: 'googleapis.com.',
      description: 'Google APIs on private.googleapis.com (Private Google Access)',
      visibility: 'private',
      privateVisibilityConfig: { networks: [{ networkUrl: props.network.id }] },
    });
    this.records = [
      new DnsRecordSet(this, 'PrivateA', { project, managedZone: this.zone.name, name: 'private.googleapis.com.', type: 'A', ttl: DEFAULT_GOOGLE_APIS_TTL, rrdatas: [...PRIVATE_GOOGLE_APIS_ADDRESSES] }),
      new DnsRecordSet(this, 'Wildcard', { project, managedZone: this.zone.name, name: '*.googleapis.com.', type: 'CNAME', ttl: DEFAULT_GOOGLE_APIS_TTL, rrdatas: ['private.googleapis.com.'] }),
    ];
  }
}
