import { egressHostImports, principalOf, serviceHostOf, stringMatches } from './mesh-match';
import { namespaceLabels, selectorMatches } from './network-policy';
import type { LabelSelector, Topology } from './topology';
import { inNamespace, inNamespaces } from './topology-index';

/*
 * Which tenants a tenant's objects tell apart. A hop between two tenants of a cluster looks at the other tenant
 * only through matchers: the namespaceSelectors of the NetworkPolicies, the hosts of the sender's Sidecar, the
 * principals and namespaces of the receiver's AuthorizationPolicies. For each matcher this finds a default answer
 * and the tenants that may answer otherwise (its exceptions); every tenant outside the exceptions of all of a
 * tenant's matchers is seen by that tenant's hops exactly alike, so one of them stands for all.
 *
 * Exceptions may hold more tenants than needed (that costs time, never correctness), never fewer. A matcher that
 * names one namespace (a `kubernetes.io/metadata.name` selector, a Sidecar host of one namespace, a principal or
 * namespace of one tenant) is answered from its name; any other is tried once against every tenant of the cluster.
 */

/** The label the API server sets on every namespace: its name. */
const NAME_LABEL = 'kubernetes.io/metadata.name';
/** No tenant's namespace: a Sidecar's `.` (its own namespace) never imports another tenant's services. */
const NO_NAMESPACE = '\u0000';

export class PeerExceptions {
  private readonly memo = new Map<string, ReadonlySet<string>>();
  private readonly principalPrefix: string;
  private readonly rootNamespace?: string;

  /**
   * @param t the model
   * @param cluster the cluster whose tenants are compared
   * @param tenants every tenant of the cluster (the peers a matcher is tried against)
   */
  constructor(
    private readonly t: Topology,
    private readonly cluster: string,
    private readonly tenants: readonly string[],
  ) {
    this.rootNamespace = t.mesh?.settings.rootNamespace;
    this.principalPrefix = t.mesh ? `${t.mesh.settings.trustDomain}/ns/` : '';
  }

  /** Tenants the sender's hops (its Sidecar, its egress NetworkPolicies) may tell apart from the rest. */
  sender(tenant: string): Set<string> {
    const out = new Set<string>();
    for (const policy of inNamespace(this.t.networkPolicies, this.cluster, tenant)) for (const rule of policy.egress) this.addSelectors(out, rule.peers);
    const mesh = this.t.mesh;
    if (mesh) {
      for (const sidecar of inNamespaces(mesh.sidecars, this.cluster, [tenant, this.rootNamespace!])) for (const host of sidecar.egressHosts) this.add(out, `host:${host}`, () => this.hostNamespaces(host));
    }
    return out;
  }

  /** Tenants the receiver's hops (its ingress NetworkPolicies, its AuthorizationPolicies) may tell apart from the rest. */
  receiver(tenant: string): Set<string> {
    const out = new Set<string>();
    for (const policy of inNamespace(this.t.networkPolicies, this.cluster, tenant)) for (const rule of policy.ingress) this.addSelectors(out, rule.peers);
    const mesh = this.t.mesh;
    if (mesh) {
      for (const policy of inNamespaces(mesh.authorizationPolicies, this.cluster, [tenant, this.rootNamespace!])) {
        for (const rule of policy.rules) {
          for (const source of rule.from ?? []) {
            for (const p of [...(source.principals ?? []), ...(source.notPrincipals ?? [])]) this.add(out, `principal:${p}`, () => this.principals(p));
            for (const n of [...(source.namespaces ?? []), ...(source.notNamespaces ?? [])]) this.add(out, `namespace:${n}`, () => this.namespaces(n));
          }
        }
      }
    }
    return out;
  }

  private addSelectors(out: Set<string>, peers: readonly { readonly namespaceSelector?: LabelSelector; readonly ipBlock?: unknown }[] | undefined): void {
    // A peer without namespaceSelector matches the policy's own namespace only; an ipBlock never matches pods.
    for (const peer of peers ?? []) if (peer.namespaceSelector && !peer.ipBlock) this.add(out, `selector:${JSON.stringify(peer.namespaceSelector)}`, () => this.selected(peer.namespaceSelector!));
  }

  private add(out: Set<string>, key: string, find: () => ReadonlySet<string>): void {
    let found = this.memo.get(key);
    if (!found) this.memo.set(key, (found = find()));
    for (const tenant of found) out.add(tenant);
  }

  private selected(selector: LabelSelector): ReadonlySet<string> {
    const name = selector.matchLabels?.[NAME_LABEL];
    if (name !== undefined) return new Set([name]);
    const listed = (selector.matchExpressions ?? []).find((e) => e.key === NAME_LABEL && e.operator === 'In');
    if (listed) return new Set(listed.values ?? []);
    return this.minority((tenant) => selectorMatches(selector, namespaceLabels(this.cluster, tenant, this.t.namespaces)));
  }

  private hostNamespaces(host: string): ReadonlySet<string> {
    const slash = host.indexOf('/');
    const ns = slash < 0 ? '~' : host.slice(0, slash);
    if (ns === '~' || ns === '.') return new Set();
    if (ns !== '*') return new Set([ns]);
    return this.minority((tenant) => egressHostImports(host, NO_NAMESPACE, tenant, serviceHostOf(tenant)));
  }

  private principals(pattern: string): ReadonlySet<string> {
    const prefix = this.principalPrefix;
    // `<td>/ns/<ns>/...` with or without a trailing `*`: only that namespace's principal can match.
    const body = pattern.endsWith('*') ? pattern.slice(0, -1) : pattern;
    if (!pattern.startsWith('*') && body.startsWith(prefix) && body.indexOf('/', prefix.length) > prefix.length) return new Set([body.slice(prefix.length, body.indexOf('/', prefix.length))]);
    return this.minority((tenant) => stringMatches(pattern, principalOf(this.t.mesh!.settings.trustDomain, tenant)));
  }

  private namespaces(pattern: string): ReadonlySet<string> {
    if (!pattern.includes('*')) return new Set([pattern]);
    return this.minority((tenant) => stringMatches(pattern, tenant));
  }

  /** The tenants whose answer differs from most tenants' answer. */
  private minority(matches: (tenant: string) => boolean): ReadonlySet<string> {
    const yes = this.tenants.filter(matches);
    if (yes.length * 2 <= this.tenants.length) return new Set(yes);
    const set = new Set(yes);
    return new Set(this.tenants.filter((x) => !set.has(x)));
  }
}
