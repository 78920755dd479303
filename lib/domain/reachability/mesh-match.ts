import { covers, overlapsRange } from './ranges';
import type { MeshOperation, MeshRule, MeshSource } from './mesh-topology';

/*
 * Istio's matching rules for the fields the model judges. The model speaks of whole namespaces, so a workload or
 * service is "one that no object names": a service account or service name no pattern spells out. Patterns that
 * name a specific one (an exact principal, `prod/api.prod.svc.cluster.local`) do not match it, exactly as the
 * NetworkPolicy hop treats a pod selector with labels.
 */

/** Stands for a service account or service name that no pattern names (not a valid DNS label, so no pattern equals it). */
export const UNNAMED = '<unnamed>';

/** Kubernetes' cluster domain on GKE: services are `<name>.<namespace>.svc.cluster.local`. */
const CLUSTER_DOMAIN = 'cluster.local';

/** A three-valued match: the model cannot always tell (a range half inside a block). */
export type Match = 'yes' | 'no' | 'unknown';

function all(matches: readonly Match[]): Match {
  return matches.includes('no') ? 'no' : matches.includes('unknown') ? 'unknown' : 'yes';
}

export function any(matches: readonly Match[]): Match {
  return matches.includes('yes') ? 'yes' : matches.includes('unknown') ? 'unknown' : 'no';
}

function not(match: Match): Match {
  return match === 'yes' ? 'no' : match === 'no' ? 'yes' : 'unknown';
}

/**
 * Istio's string match of AuthorizationPolicy fields: exact `abc`, prefix `abc*`, suffix `*abc`, presence `*`
 * (any non-empty value). An empty value (no mTLS, so no principal) matches nothing.
 */
export function stringMatches(pattern: string, value: string): boolean {
  if (value === '') return false;
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  return pattern === value;
}

/** A principal of a namespace's workloads: `<trust domain>/ns/<namespace>/sa/<unnamed>`. */
export function principalOf(trustDomain: string, namespace: string): string {
  return `${trustDomain}/ns/${namespace}/sa/${UNNAMED}`;
}

/**
 * Sidecar egress and ServiceEntry host match (`dnsName` part): `*` every host, `*.example.com` every host ending in
 * `.example.com` (wildcard hosts included), else the exact name.
 */
export function hostMatches(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
  return pattern === host;
}

/**
 * A Sidecar egress host (`namespace/dnsName`) of a Sidecar applied to `workloadNamespace`: does it import a host
 * of `serviceNamespace`? `*` any namespace, `.` the workload's own, `~` none.
 */
export function egressHostImports(entry: string, workloadNamespace: string, serviceNamespace: string, host: string): boolean {
  const slash = entry.indexOf('/');
  if (slash < 0) return false;
  const ns = entry.slice(0, slash);
  const dnsName = entry.slice(slash + 1);
  const nsOk = ns === '*' || (ns === '.' ? serviceNamespace === workloadNamespace : ns !== '~' && ns === serviceNamespace);
  return nsOk && hostMatches(dnsName, host);
}

/** The host of a namespace's service that no Sidecar host names: `<unnamed>.<ns>.svc.cluster.local`. */
export function serviceHostOf(namespace: string): string {
  return `${UNNAMED}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

/** Who opens the connection, as an AuthorizationPolicy sees it. */
export interface MeshCaller {
  /** With mTLS: the peer's principal and namespace. Without: empty (plaintext carries no identity). */
  readonly principal: string;
  /** The peer's namespace under mTLS; empty without. */
  readonly namespace: string;
  /** The source address range (`source.ip`). */
  readonly cidr: string;
  /** The destination port. @default absent: "any port", which a rule's port list never holds */
  readonly port?: number;
}

/** Does a rule match the caller? Every present part must (`from` any source, `to` any operation). */
export function ruleMatches(rule: MeshRule, caller: MeshCaller): Match {
  const from = rule.from === undefined ? 'yes' : any(rule.from.map((s) => sourceMatches(s, caller)));
  const to = rule.to === undefined ? 'yes' : any(rule.to.map((o) => operationMatches(o, caller)));
  return all([from, to]);
}

function sourceMatches(source: MeshSource, caller: MeshCaller): Match {
  const strings = (patterns: readonly string[] | undefined, value: string): Match | undefined => (patterns === undefined ? undefined : patterns.some((p) => stringMatches(p, value)) ? 'yes' : 'no');
  const ips = (blocks: readonly string[] | undefined): Match | undefined => (blocks === undefined ? undefined : any(blocks.map((b) => ipMatch(b, caller.cidr))));
  const parts: (Match | undefined)[] = [
    strings(source.principals, caller.principal),
    maybeNot(strings(source.notPrincipals, caller.principal)),
    strings(source.namespaces, caller.namespace),
    maybeNot(strings(source.notNamespaces, caller.namespace)),
    ips(source.ipBlocks),
    maybeNot(ips(source.notIpBlocks)),
  ];
  return all(parts.filter((p): p is Match => p !== undefined));
}

function operationMatches(operation: MeshOperation, caller: MeshCaller): Match {
  const holds = (ports: readonly string[]) => caller.port !== undefined && ports.includes(String(caller.port));
  const parts: Match[] = [];
  if (operation.ports !== undefined) parts.push(holds(operation.ports) ? 'yes' : 'no');
  if (operation.notPorts !== undefined) parts.push(holds(operation.notPorts) ? 'no' : 'yes');
  return all(parts);
}

function maybeNot(match: Match | undefined): Match | undefined {
  return match === undefined ? undefined : not(match);
}

/** A source range inside a block matches, outside does not; a range half inside cannot be judged. */
function ipMatch(block: string, cidr: string): Match {
  if (covers(block, cidr)) return 'yes';
  return overlapsRange(block, cidr) ? 'unknown' : 'no';
}
