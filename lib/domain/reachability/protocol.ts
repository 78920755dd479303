import type { ConnectivityProtocol } from './connectivity-intent';

/** The traffic an intent describes, as each hop matches it. */
export interface Traffic {
  /** The protocol (`any`: every protocol). */
  readonly protocol: ConnectivityProtocol;
  /** The destination port. @default absent: every port of the protocol */
  readonly port?: number;
}

export function describeTraffic(traffic: Traffic): string {
  if (traffic.protocol === 'any') return 'any protocol';
  if (traffic.protocol === 'icmp') return 'icmp';
  return traffic.port === undefined ? `${traffic.protocol}/any port` : `${traffic.protocol}/${traffic.port}`;
}

/** True when a port list entry (`443`, `1000-2000`) holds the port. */
export function portSpecHolds(spec: string, port: number): boolean {
  const [low, high] = spec.split('-').map(Number);
  return high === undefined ? low === port : port >= low && port <= high;
}
