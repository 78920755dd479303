import type { CidrPorts } from '../domain/tenancy/network-policy-plan';

export type { CidrPorts } from '../domain/tenancy/network-policy-plan';

/** What every namespace the platform creates shares: Pod Security version and the baseline egress allowances. */
export interface NamespaceBaselineProps {
  /** Pod Security Standards version for the enforce/audit/warn version labels. @default DEFAULT_POD_SECURITY_VERSION */
  readonly podSecurityVersion?: string;
  /** NodeLocal DNSCache address allowed for DNS. @default '169.254.20.10/32' */
  readonly nodeLocalDnsCidr?: string;
  /** Metadata server destinations. @default 169.254.169.254/32 on TCP 80 and 988 */
  readonly metadataServer?: readonly CidrPorts[];
}
