import type { PortSpec } from '../domain/tenancy/tenant-spec';

/** An egress destination outside the cluster by CIDR and ports. */
export interface CidrPorts {
  /** Destination range, network address only, e.g. `169.254.169.254/32`. */
  readonly cidr: string;
  /** Ports allowed to it (protocol TCP unless stated); an egress NetworkPolicy rule lists exactly these. */
  readonly ports: readonly PortSpec[];
}

/** What every namespace the platform creates shares: Pod Security version and the baseline egress allowances. */
export interface NamespaceBaselineProps {
  /** Pod Security Standards version for the enforce/audit/warn version labels. @default DEFAULT_POD_SECURITY_VERSION */
  readonly podSecurityVersion?: string;
  /** NodeLocal DNSCache address allowed for DNS. @default '169.254.20.10/32' */
  readonly nodeLocalDnsCidr?: string;
  /** Metadata server destinations. @default 169.254.169.254/32 on TCP 80 and 988 */
  readonly metadataServer?: readonly CidrPorts[];
}
