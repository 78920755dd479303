import { HybridLinkDefinition, linkBgpRanges } from '../domain/platform/hybrid-link-definition';
import { PlatformDefinition } from '../domain/platform/platform-definition';
import type { TenantIsolation } from '../domain/tenancy/tenant-spec';

/** What the report needs to know about a tenant (see `tenantSummaries` for the definition's). */
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

/** The report's view of the definition's tenants. */
export function tenantSummaries(definition: PlatformDefinition): TenantSummary[] {
  return (definition.tenants ?? []).map((tenant) => ({
    name: tenant.name,
    isolation: tenant.isolation ?? 'shared',
    clusters: tenant.clusters,
    dependsOn: tenant.dependencies?.tenants ?? [],
  }));
}

/** The report's view of the definition's hybrid links. */
export function linkSummaries(definition: PlatformDefinition): LinkSummary[] {
  return (definition.hybridLinks ?? []).map((link) => ({
    name: link.name,
    kind: linkKind(link),
    region: link.kind === 'interconnect' ? [...new Set(link.attachments.map((a) => a.region))].sort().join(', ') : link.region,
    remoteNetwork: link.remoteNetwork,
    detail: linkDetail(link),
  }));
}

function linkKind(link: HybridLinkDefinition): string {
  switch (link.kind) {
    case 'ha-vpn-aws':
      return 'HA VPN to AWS';
    case 'ha-vpn-peer':
      return 'HA VPN to peer device';
    case 'interconnect':
      return link.type === 'PARTNER' ? 'Partner Interconnect' : 'Dedicated Interconnect';
  }
}

function linkDetail(link: HybridLinkDefinition): string {
  switch (link.kind) {
    case 'ha-vpn-aws':
      return `4 tunnels, ASN ${link.gcpAsn} ↔ ${link.aws.amazonSideAsn ?? 64512}, ${link.aws.type ?? 'transit-gateway'}`;
    case 'ha-vpn-peer':
      return `${linkBgpRanges(link).length} tunnels to ${link.peerInterfaceIps.length} interface(s), ASN ${link.gcpAsn} ↔ ${link.peerAsn}`;
    case 'interconnect':
      return `${link.attachments.length} VLAN attachments, ${link.slaTarget}% SLA`;
  }
}
