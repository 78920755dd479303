import { covers } from './ranges';
import { portSpecHolds, Traffic } from './protocol';
import type { Direction, FirewallRuleModel } from './topology';

/** The VM side of a firewall decision: which instance the rule must target, and the packet's addresses. */
export interface FirewallQuery {
  /** INGRESS: the receiver's rules; EGRESS: the sender's. */
  readonly direction: Direction;
  /** The packet's source range (a rule must admit all of it). */
  readonly source: string;
  /** The packet's destination range. */
  readonly destination: string;
  /** Network tags of the instance the rule applies to (the receiver for INGRESS, the sender for EGRESS). */
  readonly instanceTags: readonly string[];
  /** Service accounts of that instance, for rules that target service accounts. */
  readonly instanceServiceAccounts: readonly string[];
  /** Tags of the sending instance, for source-tag rules (INGRESS only). @default none (not a tagged VM) */
  readonly sourceTags?: readonly string[];
  /** The protocol and port. */
  readonly traffic: Traffic;
}

interface FirewallDecision {
  /** The packet passes. */
  readonly allowed: boolean;
  /** The rule that decided. @default absent: no rule matched, the implied rules decided (deny ingress, allow egress) */
  readonly rule?: FirewallRuleModel;
}

/**
 * VPC firewall semantics: enabled rules of the direction that target the instance and match the packet,
 * lowest priority number first, deny before allow at equal priority; the first match decides, then the
 * implied rules (deny every ingress, allow every egress). A rule matches only when it admits the whole
 * source range and every port the intent asks for.
 */
export function evaluateFirewall(rules: readonly FirewallRuleModel[], query: FirewallQuery): FirewallDecision {
  // Every tenant pair of a cluster asks the same question of the same rules: answer it once per rule list.
  let memo = decisions.get(rules);
  if (!memo || memo.length !== rules.length) decisions.set(rules, (memo = { length: rules.length, byQuery: new Map() }));
  const key = JSON.stringify([query.direction, query.source, query.destination, query.instanceTags, query.instanceServiceAccounts, query.sourceTags, query.traffic.protocol, query.traffic.port]);
  let decision = memo.byQuery.get(key);
  if (!decision) memo.byQuery.set(key, (decision = decide(rules, query)));
  return decision;
}

const decisions = new WeakMap<readonly FirewallRuleModel[], { readonly length: number; readonly byQuery: Map<string, FirewallDecision> }>();

function decide(rules: readonly FirewallRuleModel[], query: FirewallQuery): FirewallDecision {
  const candidates = rules
    .filter((rule) => !rule.disabled && rule.direction === query.direction && targets(rule, query) && matchesAddresses(rule, query) && matchesTraffic(rule, query.traffic))
    .sort((a, b) => a.priority - b.priority || (a.action === b.action ? 0 : a.action === 'deny' ? -1 : 1));
  const rule = candidates[0];
  if (rule) return { allowed: rule.action === 'allow', rule };
  return { allowed: query.direction === 'EGRESS' };
}

function targets(rule: FirewallRuleModel, query: FirewallQuery): boolean {
  if (rule.targetTags.length === 0 && rule.targetServiceAccounts.length === 0) return true;
  return rule.targetTags.some((t) => query.instanceTags.includes(t)) || rule.targetServiceAccounts.some((s) => query.instanceServiceAccounts.includes(s));
}

function matchesAddresses(rule: FirewallRuleModel, query: FirewallQuery): boolean {
  if (query.direction === 'INGRESS') {
    const bySource = rule.sourceRanges.some((r) => covers(r, query.source)) || rule.sourceTags.some((t) => (query.sourceTags ?? []).includes(t));
    const hasSource = rule.sourceRanges.length > 0 || rule.sourceTags.length > 0;
    const byDestination = rule.destinationRanges.length === 0 || rule.destinationRanges.some((r) => covers(r, query.destination));
    return (!hasSource || bySource) && byDestination;
  }
  return rule.destinationRanges.some((r) => covers(r, query.destination));
}

function matchesTraffic(rule: FirewallRuleModel, traffic: Traffic): boolean {
  // A deny rule matches if it touches the traffic at all; an allow rule must admit all of it.
  return rule.rules.some((r) => {
    if (r.protocol === 'all') return true;
    if (traffic.protocol === 'any') return false;
    if (r.protocol !== traffic.protocol) return false;
    if (!r.ports || r.ports.length === 0) return true;
    if (traffic.port === undefined) return rule.action === 'deny';
    return r.ports.some((spec) => portSpecHolds(spec, traffic.port!));
  });
}
