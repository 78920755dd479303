import type { ValidationIssue } from '../validation-error';

/** Values aws_vpn_connection accepts for tunnelN_phase{1,2}_* (provider docs); GCP HA VPN supports each of them with IKEv2. */
export const AWS_ENCRYPTION_ALGORITHMS = ['AES128', 'AES256', 'AES128-GCM-16', 'AES256-GCM-16'] as const;
/** Integrity algorithms AWS site-to-site VPN accepts in both IKE phases. */
export const AWS_INTEGRITY_ALGORITHMS = ['SHA1', 'SHA2-256', 'SHA2-384', 'SHA2-512'] as const;
const AWS_PHASE1_DH_GROUPS = [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24] as const;
const AWS_PHASE2_DH_GROUPS = [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24] as const;

/** An encryption algorithm AWS site-to-site VPN accepts. */
export type AwsEncryptionAlgorithm = (typeof AWS_ENCRYPTION_ALGORITHMS)[number];
/** An integrity algorithm AWS site-to-site VPN accepts. */
export type AwsIntegrityAlgorithm = (typeof AWS_INTEGRITY_ALGORITHMS)[number];

/**
 * One algorithm per phase, so AWS cannot negotiate down to a weaker proposal. The same set is used in both phases.
 */
export interface IkeAlgorithmSet {
  /** @default 'AES256' */
  readonly encryption?: AwsEncryptionAlgorithm;
  /** @default 'SHA2-256' */
  readonly integrity?: AwsIntegrityAlgorithm;
  /** Diffie-Hellman group for phase 1 and PFS in phase 2. @default 20 (384-bit ECP) */
  readonly dhGroup?: number;
}

/** Defaults: AES256 / SHA2-256 / DH 20, a strong set both AWS and GCP HA VPN support with IKEv2. */
const DEFAULT_IKE_ALGORITHMS: Required<IkeAlgorithmSet> = { encryption: 'AES256', integrity: 'SHA2-256', dhGroup: 20 };

export function resolveIkeAlgorithms(path: string, set: IkeAlgorithmSet = {}): { algorithms: Required<IkeAlgorithmSet>; issues: ValidationIssue[] } {
  const algorithms = { ...DEFAULT_IKE_ALGORITHMS, ...set };
  const issues: ValidationIssue[] = [];
  if (!(AWS_ENCRYPTION_ALGORITHMS as readonly string[]).includes(algorithms.encryption)) {
    issues.push({ path, field: 'ike.encryption', value: algorithms.encryption, problem: 'is not an AWS VPN encryption algorithm', fix: `use one of ${AWS_ENCRYPTION_ALGORITHMS.join(', ')}` });
  }
  if (!(AWS_INTEGRITY_ALGORITHMS as readonly string[]).includes(algorithms.integrity)) {
    issues.push({ path, field: 'ike.integrity', value: algorithms.integrity, problem: 'is not an AWS VPN integrity algorithm', fix: `use one of ${AWS_INTEGRITY_ALGORITHMS.join(', ')}` });
  }
  const dhOk = (AWS_PHASE1_DH_GROUPS as readonly number[]).includes(algorithms.dhGroup) && (AWS_PHASE2_DH_GROUPS as readonly number[]).includes(algorithms.dhGroup);
  if (!dhOk) {
    issues.push({ path, field: 'ike.dhGroup', value: algorithms.dhGroup, problem: 'is not a Diffie-Hellman group AWS accepts in both phases', fix: `use one of ${AWS_PHASE1_DH_GROUPS.join(', ')}` });
  }
  return { algorithms, issues };
}
