import type { InterconnectLinkPlan, LinkPlan, PlatformPlan } from '../domain/platform/platform-plan';
import type { TenantIsolation } from '../domain/tenancy/tenant-spec';

/** What the report needs to know about a tenant (see `tenantSummaries` for the plan's). */
export interface TenantSummary {
  /** Tenant name. */
  readonly name: string;
  /** Isolation level: `shared`, `dedicated-nodes` or `dedicated-cluster`. */
  readonly isolation: TenantIsolation;
  /** Clusters the tenant's namespace lives in. */
  readonly clusters: readonly string[];
  /** Tenants whose services this tenant calls. */
  readonly dependsOn: readonly string[];
}

/** What the report needs to know about a hybrid link. */
export interface LinkSummary {
  /** Link name. */
  readonly name: string;
  /** e.g. `HA VPN to AWS`, `Partner Interconnect`. */
  readonly kind: string;
  /** GCP region of the link's Cloud Router. */
  readonly region: string;
  /** Name of the remote network (an entry of the definition's remoteNetworks, ideally). */
  readonly remoteNetwork: string;
  /** Free text, e.g. `4 tunnels, 99.99% SLA`. @default none */
  readonly detail?: string;
}

/** The report's view of the plan's tenants: every default applied by the plan, none here. */
export function tenantSummaries(plan: Pick<PlatformPlan, 'tenants'>): TenantSummary[] {
  return plan.tenants.map((tenant) => ({
    name: tenant.name,
    isolation: tenant.isolation,
    clusters: tenant.clusters,
    dependsOn: tenant.resolved.dependencies.tenants,
  }));
}

/** The report's view of the plan's hybrid links: ASNs, gateway type and regions as resolved (what the link stacks synthesize). */
export function linkSummaries(plan: Pick<PlatformPlan, 'links'>): LinkSummary[] {
  return plan.links.map((link) => ({
    name: link.name,
    kind: linkKind(link),
    region: link.kind === 'interconnect' ? link.routers.map((r) => r.region).join(', ') : link.region,
    remoteNetwork: link.remoteNetwork.name,
    detail: linkDetail(link),
  }));
}

function linkKind(link: LinkPlan): string {
  switch (link.kind) {
    case 'ha-vpn-aws':
      return 'HA VPN to AWS';
    case 'ha-vpn-peer':
      return 'HA VPN to peer device';
    case 'interconnect':
      return link.type === 'PARTNER' ? 'Partner Interconnect' : 'Dedicated Interconnect';
  }
}

function linkDetail(link: LinkPlan): string {
  switch (link.kind) {
    case 'ha-vpn-aws':
      return `4 tunnels, ASN ${link.router.asn} ↔ ${link.aws.amazonSideAsn}, ${link.aws.type}`;
    case 'ha-vpn-peer':
      return `${link.bgpRanges.length} tunnels to ${link.peerInterfaceIps.length} interface(s), ASN ${link.router.asn} ↔ ${link.peerAsn}`;
    case 'interconnect':
      return `${link.attachments.length} VLAN attachments, ${link.slaTarget}% SLA, MTU ${link.mtu}${interconnectAsns(link)}`;
  }
}

/** `, ASN <router>` (`↔ <peer>` for Dedicated): every router of a link has the same ASN. */
function interconnectAsns(link: InterconnectLinkPlan): string {
  const asn = link.routers[0]?.asn;
  if (asn === undefined) return '';
  return `, ASN ${asn}${link.peerAsn !== undefined ? ` ↔ ${link.peerAsn}` : ''}`;
}
