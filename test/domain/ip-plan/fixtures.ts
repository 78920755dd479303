import { IpPlan } from '../../../lib/domain/ip-plan/ip-plan';
import { AddressPool, Reservation } from '../../../lib/domain/ip-plan/plan-requests';

export const POOLS: readonly AddressPool[] = [
  { name: 'nodes', cidr: '10.0.0.0/12' },
  { name: 'pods', cidr: '100.64.0.0/11' },
  { name: 'services', cidr: '100.96.0.0/14' },
  { name: 'control-plane', cidr: '172.16.0.0/20' },
  { name: 'bgp', cidr: '169.254.0.0/16', kind: 'link-local' },
];

export const GKE_POOLS = { nodes: 'nodes', pods: 'pods', services: 'services', controlPlane: 'control-plane' };

export function newPlan(reservations: readonly Reservation[] = [], pools: readonly AddressPool[] = POOLS): IpPlan {
  return new IpPlan(pools, reservations);
}
