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

/** One element on a path the reachability model walked, and whether it let the traffic through. */
export interface Hop {
  /** What the element is: a firewall rule, a NetworkPolicy, a route, the mesh, ... */
  readonly kind: HopKind;
  /** The element, named as a reader knows it: `Cloud Router garage-sunnyvale-us-central1`, `NetworkPolicy mapping/allow-dns`. */
  readonly at: string;
  /** The traffic passes this hop. */
  readonly ok: boolean;
  /** Why it passes or drops: `172.16.0.0/28 is not advertised to this peer`. */
  readonly detail: string;
  /**
   * Where it comes from in the output: a Terraform address (`<stack>: <type>.<id>`) or a manifest.
   * @default absent: an implied element with no resource of its own (the implied firewall rules, a missing route)
   */
  readonly source?: string;
  /**
   * An explicit allowance (a rule that admits the traffic), as opposed to plumbing that carries it: what a verdict
   * names when traffic passes that should not. @default absent: plumbing
   */
  readonly permits?: boolean;
  /**
   * The model cannot judge this hop (a field or kind it does not model): the verdict is "not modelled", never a
   * guess. Only on hops that stop the path (`ok: false`).
   * @default absent: the hop is judged
   */
  readonly notModelled?: boolean;
}
