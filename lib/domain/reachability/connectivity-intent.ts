/**
 * A connectivity intent: "traffic from A to B on this protocol/port must be allowed (or denied)".
 * Derived from the platform definition (pods reach each other, nodes reach their control plane, declared tenant
 * dependencies are allowed and undeclared pairs denied, ...) or declared by the user; add-ons contribute their own.
 * The reachability model judges each against the synthesized output. Pure data: no cdktf, cdk8s or construct import.
 */

/** One end of an intent. */
export type ConnectivityEndpoint =
  /** A tenant's pods in its namespace on one cluster. */
  | {
      /** The endpoint's variant: `tenant`. */
      readonly kind: 'tenant';
      /** Name of the tenant (its namespace on the cluster). */
      readonly tenant: string;
      /** Name of the cluster the tenant's pods run on. */
      readonly cluster: string;
    }
  /**
   * Pods of a namespace that is not a tenant's (a system namespace such as `gmp-system`): its NetworkPolicies and
   * labels are read from the manifests when they are there, else it has none (every connection passes it).
   */
  | {
      /** The endpoint's variant: `namespace`. */
      readonly kind: 'namespace';
      /** The namespace's name. */
      readonly namespace: string;
      /** Name of the cluster it is on (as in the platform definition). */
      readonly cluster: string;
    }
  /** A cluster's nodes (node subnet). */
  | {
      /** The endpoint's variant: `nodes`. */
      readonly kind: 'nodes';
      /** Name of the cluster (as in the platform definition). */
      readonly cluster: string;
    }
  /** A cluster's pods, whoever owns them (pod ranges). */
  | {
      /** The endpoint's variant: `pods`. */
      readonly kind: 'pods';
      /** Name of the cluster (as in the platform definition). */
      readonly cluster: string;
    }
  /** A cluster's private control-plane endpoint. */
  | {
      /** The endpoint's variant: `control-plane`. */
      readonly kind: 'control-plane';
      /** Name of the cluster (as in the platform definition). */
      readonly cluster: string;
    }
  /** A remote network of the definition (AWS VPC, on-premise site), or one named range or CIDR inside it. */
  | {
      /** The endpoint's variant: `remote`. */
      readonly kind: 'remote';
      /** Name of the remote network in the definition (`remoteNetworks`). */
      readonly network: string;
      /**
       * A CIDR inside the network, or the name of one of its authorized networks.
       * @default absent: every CIDR of the network
       */
      readonly range?: string;
    }
  /** Google APIs reached privately (Private Google Access / private.googleapis.com). */
  | {
      /** The endpoint's variant: `google-apis`. */
      readonly kind: 'google-apis';
    }
  /** A cluster's DNS: NodeLocal DNSCache on the node when the cluster enables it, else kube-dns in kube-system. */
  | {
      /** The endpoint's variant: `cluster-dns`. */
      readonly kind: 'cluster-dns';
      /** Name of the cluster (as in the platform definition). */
      readonly cluster: string;
    }
  /** Google-managed services on private IPs (Cloud SQL, Memorystore) through Private Service Access. */
  | {
      /** The endpoint's variant: `private-services`. */
      readonly kind: 'private-services';
    }
  /** The public internet. */
  | {
      /** The endpoint's variant: `internet`. */
      readonly kind: 'internet';
    };

/** The protocol of a connectivity intent. */
export type ConnectivityProtocol = 'tcp' | 'udp' | 'icmp' | 'any';

/** Traffic that must (or must not) flow between two endpoints, judged by the reachability model on the synthesized output. */
export interface ConnectivityIntent {
  /**
   * Stable name of the intent, used to accept a known gap by name (`acceptedConnectivityGaps`).
   * @default derived intents get one from their rule and endpoints; user intents may leave it out
   */
  readonly id?: string;
  /** Where the traffic starts. */
  readonly from: ConnectivityEndpoint;
  /** Where it goes. */
  readonly to: ConnectivityEndpoint;
  /** The protocol. @default 'tcp' */
  readonly protocol?: ConnectivityProtocol;
  /** Destination port. @default absent: any port of the protocol */
  readonly port?: number;
  /** Whether the traffic must get through (`allow`) or must not (`deny`). */
  readonly expect: 'allow' | 'deny';
  /** Why the intent exists: the rule of the definition it is derived from, or the user's or add-on's reason. */
  readonly reason: string;
  /**
   * A known, accepted gap: the verdict is reported but does not fail synthesis. Names who accepted it and why.
   * @default absent: an unmet verdict fails synthesis (platformIntents sets it from `acceptedConnectivityGaps`)
   */
  readonly acceptedGap?: {
    /** Who accepted the gap and why (the entry of `acceptedConnectivityGaps`). */
    readonly reason: string;
  };
}
