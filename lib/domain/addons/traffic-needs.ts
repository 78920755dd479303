/**
 * The traffic an add-on needs from the rest of the platform, declared as typed needs (`AddOnRules.trafficNeeds`):
 * tenants reach its server, its server reaches every control plane, a CD cluster reaches its targets' control
 * planes, each control plane reaches its webhooks, a monitoring namespace scrapes tenants' metrics ports. The
 * library derives the enforcement from them (traffic-plan.ts: authorized networks, firewall rules, NetworkPolicies,
 * ServiceEntries) and the connectivity intents that prove it on the synthesized output (traffic-intents.ts).
 * Pure data: no cdktf, cdk8s or constructs.
 */

/** Where an add-on's server lives outside the clusters: a range inside a remote network of the definition. */
export interface ServerLocation {
  /** The remote network (`remoteNetworks[].name`) the server lives in; a hybrid link must reach it. */
  readonly remoteNetwork: string;
  /**
   * The server's addresses, as narrow as they are (its load balancer's /32, its nodes' /28): inside the remote
   * network, never wider than MAX_SERVER_PREFIX. Every derived authorized network and NetworkPolicy names exactly it.
   */
  readonly cidr: string;
}

/** Every tenant, on every cluster it runs on, opens connections to a server of the add-on (e.g. Vault's API). */
export interface TenantsToServerNeed {
  /** The need's variant: `tenants-to-server`. */
  readonly kind: 'tenants-to-server';
  /** Short name of the server (a DNS label, e.g. `vault`): names the NetworkPolicy `add-on-egress-<server>` and the ServiceEntry `add-on-<server>`. */
  readonly server: string;
  /** The name tenants use for it (the ServiceEntry's host, e.g. `vault.example.com`). */
  readonly host: string;
  /** Where the server lives. */
  readonly location: ServerLocation;
  /** Its TCP port. */
  readonly port: number;
  /** Why tenants need it, for reviewers and the connectivity matrix. */
  readonly reason: string;
}

/** A server of the add-on calls every cluster's API server (e.g. Vault's TokenReview). */
export interface ServerToControlPlanesNeed {
  /** The need's variant: `server-to-control-planes`. */
  readonly kind: 'server-to-control-planes';
  /** Short name of the server (a DNS label): names the authorized network `<server>`. */
  readonly server: string;
  /** Where the server lives: its range becomes an authorized network of every control plane it calls. */
  readonly location: ServerLocation;
  /** Why it calls the control planes. */
  readonly reason: string;
}

/** Pods of one cluster call the API servers of other clusters (a CD system deploying to its targets). */
export interface ClusterToControlPlanesNeed {
  /** The need's variant: `cluster-to-control-planes`. */
  readonly kind: 'cluster-to-control-planes';
  /** The cluster whose pods call (its pod ranges become authorized networks of the targets). */
  readonly from: string;
  /** The clusters called; the calling cluster itself may be among them (its own ranges are always authorized). */
  readonly clusters: readonly string[];
  /** Why it calls them. */
  readonly reason: string;
}

/** Every cluster's control plane calls an admission webhook served by pods on that cluster (e.g. istiod's injector). */
export interface ControlPlaneToWebhookNeed {
  /** The need's variant: `control-plane-to-webhook`. */
  readonly kind: 'control-plane-to-webhook';
  /** Short name of the webhook's server (e.g. `istiod`), for the matrix and the firewall rule's description. */
  readonly webhook: string;
  /** The TCP port the webhook's pods listen on (what the control plane connects to, after the Service). */
  readonly port: number;
  /** The clusters that run the webhook. @default every cluster */
  readonly clusters?: readonly string[];
  /** Why the control plane calls it. */
  readonly reason: string;
}

/** Pods of a system namespace on every cluster (e.g. `gmp-system`) open connections to every tenant's metrics ports. */
export interface NamespaceToTenantsNeed {
  /** The need's variant: `namespace-to-tenants`. */
  readonly kind: 'namespace-to-tenants';
  /** The calling namespace (not a tenant's). */
  readonly namespace: string;
  /** The tenants' TCP ports it connects to. */
  readonly ports: readonly number[];
  /** Why it calls the tenants. */
  readonly reason: string;
}

/** Traffic an add-on declares its objects need at run time, by kind; the plan turns each into policies and rules. */
export type TrafficNeed = TenantsToServerNeed | ServerToControlPlanesNeed | ClusterToControlPlanesNeed | ControlPlaneToWebhookNeed | NamespaceToTenantsNeed;

/** A need with the add-on that declared it. */
export type AddOnTrafficNeed = TrafficNeed & {
  /** The add-on's name. */
  readonly addOn: string;
};

/**
 * The widest range a server may be declared as: a /24 holds any server cluster and its load balancers. A wider one
 * would make every control plane authorize (and every tenant reach) hosts that are not the server.
 */
export const MAX_SERVER_PREFIX = 24;
