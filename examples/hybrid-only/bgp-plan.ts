import { join } from 'path';
import { IpPlan, readLockFile, ResolvedIpPlan, writeLockFile } from '../../lib';

/** Link-local space for this network team's BGP sessions: a /24 holds 64 tunnels. */
export const BGP_POOL = { name: 'bgp-links', cidr: '169.254.100.0/24', kind: 'link-local' as const };
/** The committed record of the /30s (CI=true freezes it: a missing one is an error, never silently placed). */
export const HYBRID_LOCK_FILE = join(__dirname, 'ip-plan.lock.json');

/** Tunnels per link: HA VPN to AWS always has 4; the on-prem device has 2 interfaces, so 2. */
export const AWS_TUNNELS = 4;
export const GARAGE_TUNNELS = 2;

export interface BgpRanges {
  readonly plan: ResolvedIpPlan;
  /** /30s of the AWS link, in tunnel order. */
  readonly aws: readonly string[];
  /** /30s of the on-prem link, in tunnel order. */
  readonly garage: readonly string[];
}

export interface BgpPlanOptions {
  /** @default HYBRID_LOCK_FILE */
  readonly lockFile?: string;
  /** @default true when CI=true */
  readonly frozen?: boolean;
}

/**
 * One /30 per tunnel from a small IP plan instead of hand-picked addresses: the plan keeps them unique,
 * inside the pool and clear of AWS's reserved link-local blocks, and the lock file keeps them from moving.
 * Names are `links/<link>/tunnel-<i>`: part of the lock file contract.
 */
export function resolveBgpRanges(options: BgpPlanOptions = {}): BgpRanges {
  const lockFile = options.lockFile ?? HYBRID_LOCK_FILE;
  const frozen = options.frozen ?? process.env.CI === 'true';
  const plan = new IpPlan([BGP_POOL]);
  const request = (link: string, count: number) => Array.from({ length: count }, (_, i) => plan.requestBgpLink(`links/${link}/tunnel-${i}`, BGP_POOL.name));
  const aws = request('aws-usw2', AWS_TUNNELS);
  const garage = request('garage-sjc', GARAGE_TUNNELS);
  const resolved = plan.resolve(readLockFile(lockFile), { frozen, lockFileName: lockFile });
  if (resolved.newAllocations.length > 0) {
    writeLockFile(lockFile, resolved.lockFile);
    console.error(`bgp plan: recorded ${resolved.newAllocations.map((a) => `${a.name} ${a.cidr}`).join(', ')} in ${lockFile}; review and commit it`);
  }
  return { plan: resolved, aws: aws.map((name) => resolved.cidr(name)), garage: garage.map((name) => resolved.cidr(name)) };
}
