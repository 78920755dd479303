/**
 * Traffic between clusters: closed by default (each cluster's firewall rules admit only its own ranges to its own
 * nodes), opened only by an explicit connectivity intent that says so. Pure: the network stack turns each path into
 * one firewall rule. No cdktf import.
 */
import type { ValidationIssue } from '../validation-error';
import type { ConnectivityEndpoint, ConnectivityIntent } from '../reachability/connectivity-intent';
import { clusterNodeTag, MAX_GCE_NAME_LENGTH } from './network-rules';
import { GCP_RESOURCE_NAME } from '../naming/naming-rules';

/** What a path needs to know of a cluster: its name and the ranges its nodes and pods send from. */
interface ClusterRanges {
  /** Cluster name (as in the platform definition). */
  readonly name: string;
  /** The node subnet's primary range. */
  readonly nodeCidr: string;
  /** The default pod range, then every additional pod range. */
  readonly podCidrs: readonly string[];
}

/** One declared path from one cluster's nodes or pods to another cluster's nodes: one ingress firewall rule. */
export interface ClusterPath {
  /** The intent's id: the rule's construct id is `AllowClusterPath-<id>`, its name `<network>-allow-<id>`. */
  readonly id: string;
  /** Firewall rule name, `<network>-allow-<id>` (RFC 1035, at most 63 characters). */
  readonly name: string;
  /** The sending cluster. */
  readonly from: string;
  /** The receiving cluster. */
  readonly to: string;
  /** The sender's ranges: its node subnet for `nodes`, its pod ranges for `pods` and `tenant`. */
  readonly sourceCidrs: readonly string[];
  /** The receiving cluster's node tag (clusterNodeTag): pods are alias ranges of their node's interface. */
  readonly targetTag: string;
  /** Firewall protocol: the intent's, `all` for `any`. */
  readonly protocol: 'tcp' | 'udp' | 'icmp' | 'all';
  /** The intent's port. @default absent: every port of the protocol */
  readonly port?: number;
  /** The intent's reason, as the rule's description. */
  readonly reason: string;
}

type InClusterEndpoint = Extract<ConnectivityEndpoint, { kind: 'nodes' | 'pods' | 'tenant' }>;

const IN_CLUSTER_KINDS: ReadonlySet<string> = new Set(['nodes', 'pods', 'tenant']);

function inCluster(e: ConnectivityEndpoint): e is InClusterEndpoint {
  return IN_CLUSTER_KINDS.has(e.kind);
}

/** True for an intent from one cluster's nodes, pods or tenant to another cluster's. */
export function crossesClusters(intent: ConnectivityIntent): boolean {
  return inCluster(intent.from) && inCluster(intent.to) && intent.from.cluster !== intent.to.cluster;
}

/**
 * The declared intents' problems as cluster paths, under `connectivityIntents[i]`: an `allow` intent between two
 * clusters without an id (the id names the firewall rule, a state address), or whose rule name would not be a GCE name.
 */
export function validateClusterPathIntents(networkName: string, intents: readonly ConnectivityIntent[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  intents.forEach((intent, i) => {
    if (intent.expect !== 'allow' || !crossesClusters(intent)) return;
    const path = `connectivityIntents[${i}]`;
    const between = `${(intent.from as InClusterEndpoint).cluster} to ${(intent.to as InClusterEndpoint).cluster}`;
    if (intent.id === undefined) {
      issues.push({ path, field: 'id', value: undefined, problem: `is missing, but the intent opens a firewall path from ${between} and its id names the rule`, fix: 'give the intent a short lower-case id, e.g. "prod-to-dev-metrics"' });
      return;
    }
    const name = pathRuleName(networkName, intent.id);
    if (!GCP_RESOURCE_NAME.test(name) || name.length > MAX_GCE_NAME_LENGTH) {
      const room = MAX_GCE_NAME_LENGTH - pathRuleName(networkName, '').length;
      issues.push({
        path,
        field: 'id',
        value: intent.id,
        problem: `makes the name ${JSON.stringify(name)} of the firewall rule from ${between}, which is not a GCE name (lower-case letters, digits and "-", at most ${MAX_GCE_NAME_LENGTH} characters)`,
        fix: `use an id of lower-case letters, digits and "-" of at most ${room} characters`,
      });
    }
  });
  return issues;
}

/** `<network>-allow-<intent id>`. */
function pathRuleName(networkName: string, id: string): string {
  return `${networkName}-allow-${id}`;
}

/**
 * The firewall paths the declared intents open between clusters: one per valid (validateClusterPathIntents) `allow`
 * intent from a cluster's nodes, pods or tenant to another cluster's nodes, pods or tenant, in intent order.
 */
export function clusterPaths(networkName: string, clusters: readonly ClusterRanges[], intents: readonly ConnectivityIntent[]): ClusterPath[] {
  const invalid = new Set(validateClusterPathIntents(networkName, intents).map((issue) => issue.path));
  const paths: ClusterPath[] = [];
  intents.forEach((intent, i) => {
    if (intent.expect !== 'allow' || !crossesClusters(intent) || invalid.has(`connectivityIntents[${i}]`)) return;
    const from = intent.from as InClusterEndpoint;
    const to = intent.to as InClusterEndpoint;
    const source = clusters.find((c) => c.name === from.cluster);
    if (!source || !clusters.some((c) => c.name === to.cluster)) return; // unknown clusters: platformIntents reports them
    const protocol = intent.protocol ?? 'tcp';
    paths.push({
      id: intent.id!,
      name: pathRuleName(networkName, intent.id!),
      from: from.cluster,
      to: to.cluster,
      sourceCidrs: from.kind === 'nodes' ? [source.nodeCidr] : [...source.podCidrs],
      targetTag: clusterNodeTag(to.cluster),
      protocol: protocol === 'any' ? 'all' : protocol,
      ...(intent.port !== undefined && protocol !== 'any' && protocol !== 'icmp' ? { port: intent.port } : {}),
      reason: intent.reason,
    });
  });
  return paths;
}
