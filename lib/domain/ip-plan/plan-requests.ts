/** The IP plan's requests and options: pools, reservations, range and GKE cluster requests (the plan itself: ip-plan.ts). */
import type { Cidr } from './cidr';
import type { GkeSizingIntent } from './gke-sizing';

/** What a pool's ranges are for; decides which special ranges are off limits. */
export type PoolKind = 'subnet' | 'link-local';

/** A pool of address space the IP plan draws ranges from. */
export interface AddressPool {
  /** Unique pool name, e.g. `gcp-nodes`. */
  readonly name: string;
  /**
   * The pool's range, an aligned IPv4 CIDR such as `10.0.0.0/8`. Pools must be disjoint; a `subnet` pool inside a
   * special range it does not allow is refused, and the special ranges it only overlaps are never handed out
   * (checked when the plan resolves).
   */
  readonly cidr: string;
  /**
   * `subnet`: VPC primary and secondary ranges (and remote VPCs); special ranges are excluded.
   * `link-local`: BGP link addresses; must lie inside 169.254.0.0/16 and skips AWS's reserved /30s.
   * @default 'subnet' (DEFAULT_POOL_KIND, special-ranges.ts)
   */
  readonly kind?: PoolKind;
  /**
   * Special ranges (from SUBNET_FORBIDDEN_RANGES, e.g. `240.0.0.0/4` for GKE pods) this pool may use.
   * @default none
   */
  readonly allowedSpecialRanges?: readonly string[];
  /** What the pool is for, shown in the plan's pool table and the address-space SVG. @default none (an empty description) */
  readonly description?: string;
}

/** A range the plan never hands out: a remote network, a Google-managed range, anything in use elsewhere. */
export interface Reservation {
  /** Unique name among reservations and allocations, e.g. `remote/aws-usw2`. */
  readonly name: string;
  /** The reserved range, an aligned IPv4 CIDR; it may not overlap another reservation or a recorded allocation. */
  readonly cidr: string;
  /** Why the range is off limits; shown in every error about a range that overlaps it. */
  readonly reason: string;
}

/** One range, sized by prefix length (placed by the plan) or pinned to a CIDR (an existing range). */
export type RangeRequest =
  | {
      /** Unique range name, e.g. `network/private-service-access`: its key in the lock file (renamed, it is a new range). */
      readonly name: string;
      /** Name of the pool it is placed in (one of the plan's pools). */
      readonly pool: string;
      /** Size of the range to place, e.g. 20 for a /20; the plan picks the lowest free aligned block of the pool. */
      readonly prefixLength: number;
    }
  | {
      /** Unique range name: its key in the lock file (renamed, it is a new range). */
      readonly name: string;
      /** Name of the pool the pinned range must lie in. */
      readonly pool: string;
      /** The existing range, pinned as given: an aligned IPv4 CIDR such as `10.0.0.0/20` (checked when requested). */
      readonly cidr: string;
    };

/** Where each of a GKE cluster's ranges is drawn from. */
export interface GkePools {
  /** Pool of the node subnet (the subnet's primary range). */
  readonly nodes: string;
  /** Pool of the pod range and of every additional pod range. */
  readonly pods: string;
  /** Pool of the services range. */
  readonly services: string;
  /** Pool of the control plane's /28. */
  readonly controlPlane: string;
}

/** A GKE cluster's ranges as the IP plan requests them: nodes, pods, services and control plane, sized for its nodes. */
export interface GkeClusterRequest extends GkeSizingIntent {
  /** Name prefix; ranges are `<name>/nodes`, `<name>/pods`, `<name>/services`, `<name>/control-plane`. */
  readonly name: string;
  /** Which pool each of the cluster's ranges is drawn from. */
  readonly pools: GkePools;
  /**
   * Extra pod ranges (GKE multi-pod CIDR) added when the first one runs out: the first cannot grow
   * without recreating the cluster. Each is `<name>/<range name>`, sized for its node count.
   * @default none
   */
  readonly additionalPodRanges?: readonly {
    /** The range's name within the cluster: its allocation is `<cluster name>/<name>`. */
    readonly name: string;
    /** Nodes it must hold pods for (a whole number ≥ 1): its prefix is sized for them at the cluster's maxPodsPerNode. */
    readonly maxNodes: number;
  }[];
}

/** The four ranges names of a GKE cluster request, as placed in the plan. */
export interface GkeRangeNames {
  /** `<name>/nodes`: the node subnet. */
  readonly nodes: string;
  /** `<name>/pods`: the default pod range. */
  readonly pods: string;
  /** `<name>/services`: the services range. */
  readonly services: string;
  /** `<name>/control-plane`: the control plane's /28. */
  readonly controlPlane: string;
  /** `<name>/<range name>` per additional pod range, in request order; empty when none were requested. */
  readonly additionalPods: readonly string[];
}

/** Options of `IpPlan.resolve`. */
export interface ResolveOptions {
  /**
   * Frozen: an allocation missing from the lock file is an error instead of being placed.
   * Use in CI and `--check`. @default false
   */
  readonly frozen?: boolean;
  /** Named in errors as the way to record new allocations. @default 'npm run ip-plan -- --write' */
  readonly recordCommand?: string;
  /** Named in fixes as the way to release a recorded range (followed by the name). @default 'npm run ip-plan -- --release' */
  readonly releaseCommand?: string;
  /** Named in errors as the lock file. @default 'the lock file' */
  readonly lockFileName?: string;
}

/** BGP link addresses on both ends of a tunnel or VLAN attachment are a /30 (RFC 3021 /31s are not accepted by AWS). */
export const BGP_LINK_PREFIX = 30;

/** Internal form of a request, after intents are expanded. */
export interface PlannedRequest {
  /** Hierarchical allocation name, e.g. `gcp/us-central1/prod-usc1/pods`: the key in the lock file. */
  readonly name: string;
  /** Name of the pool the range is drawn from. */
  readonly pool: string;
  /** Size of the range as a prefix length, 1-32. */
  readonly prefixLength: number;
  /** The exact range asked for, parsed. @default undefined: the plan places the range in free space */
  readonly pinned?: Cidr;
  /** The pinned range as the request spelt it, for messages. @default undefined when not pinned */
  readonly pinnedText?: string;
  /** Why this size: shown in undersized errors. @default undefined: errors say "the request" */
  readonly sizedFor?: string;
  /**
   * A GKE pod range: its capacity is checked with the cluster's other pod ranges, not alone.
   * @default false: a recorded range smaller than the request is refused on its own
   */
  readonly sizedPerCluster?: boolean;
  /**
   * The longest prefix a recorded range may have, when the fresh size includes headroom checked elsewhere (a node
   * subnet sized for a blue-green upgrade, which the platform plan checks per pool). @default prefixLength
   */
  readonly recordedPrefixLength?: number;
}
