/** What a hop is: the element of the path that let the traffic through, or dropped it. */
export type HopKind =
  | 'network-policy'
  | 'firewall'
  | 'vpc-route'
  | 'bgp-advertisement'
  | 'aws-route'
  | 'control-plane'
  | 'control-plane-peering'
  | 'dns'
  | 'private-google-access'
  | 'cloud-nat'
  | 'private-service-access'
  | 'node-local-dns'
  | 'mesh'
  | 'endpoint'
  | 'assumption';

export interface Hop {
  readonly kind: HopKind;
  /** The element, named as a reader knows it: `Cloud Router garage-sunnyvale-us-central1`, `NetworkPolicy mapping/allow-dns`. */
  readonly at: string;
  readonly ok: boolean;
  /** Why it passes or drops: `172.16.0.0/28 is not advertised to this peer`. */
  readonly detail: string;
  /** Where it comes from in the output: a Terraform address (`<stack>: <type>.<id>`) or a manifest. */
  readonly source?: string;
  /** An explicit allowance (a rule that admits the traffic), as opposed to plumbing that carries it. */
  readonly permits?: boolean;
  /**
   * The model cannot judge this hop (a field or kind it does not model): the verdict is "not modelled", never a
   * guess. Only on hops that stop the path (`ok: false`).
   * @default absent: the hop is judged
   */
  readonly notModelled?: boolean;
}
