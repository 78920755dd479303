/**
 * Whether a server an add-on talks to (or that talks to the clusters) can be reached at all: its range is exact,
 * lies inside a remote network of the definition, and a hybrid link reaches that network. Checked at validation, so
 * an add-on whose traffic cannot be met is refused before anything is derived or synthesized. Pure.
 */
import { Cidr } from '../ip-plan/cidr';
import type { PlatformDefinition } from '../platform/platform-definition';
import type { ValidationIssue } from '../validation-error';
import { MAX_SERVER_PREFIX, ServerLocation } from './traffic-needs';

/** The settings that declare a location's range and network, as issues name them (e.g. `settings.network.cidr`). */
export interface LocationFields {
  /** The field holding the range. */
  readonly cidr: string;
  /** The field holding the remote network's name. */
  readonly remoteNetwork: string;
}

/**
 * One issue per reason the location cannot carry the add-on's traffic. `path` and `fields` name the settings that
 * declare it (e.g. `addOns[vault]`, `settings.network.cidr`), so the message points at what to change.
 */
export function validateServerLocation(path: string, fields: LocationFields, location: Partial<ServerLocation> | undefined, definition: PlatformDefinition, server: string): ValidationIssue[] {
  const remotes = definition.remoteNetworks ?? [];
  const names = remotes.map((r) => r.name);
  const cidr = location?.cidr;
  const parsed = typeof cidr === 'string' ? Cidr.tryParse(cidr) : 'is not a CIDR';
  if (typeof parsed === 'string') {
    return [{ path, field: fields.cidr, value: cidr, problem: `${parsed}: ${server}'s addresses cannot be turned into a range`, fix: `give ${server}'s own addresses as one aligned CIDR, e.g. its load balancer's '10.8.64.10/32'` }];
  }
  if (parsed.prefixLength < MAX_SERVER_PREFIX) {
    return [
      {
        path,
        field: fields.cidr,
        value: cidr,
        problem: `is wider than /${MAX_SERVER_PREFIX}: every control plane would authorize, and every tenant reach, hosts that are not ${server}`,
        fix: `give ${server}'s own addresses (its load balancer's /32, its nodes' /28)`,
      },
    ];
  }
  const holding = remotes.filter((r) => (r.cidrs ?? []).some((c) => typeof Cidr.tryParse(c) !== 'string' && Cidr.parse(c).contains(parsed)));
  const named = location?.remoteNetwork;
  if (named !== undefined && !names.includes(named)) {
    return [
      { path, field: fields.remoteNetwork, value: named, problem: `is not a remote network of the definition (known: ${names.join(', ') || 'none'})`, fix: `name the remote network ${server} lives in, or declare it in remoteNetworks` },
    ];
  }
  const remote = named !== undefined ? holding.find((r) => r.name === named) : holding[0];
  if (!remote) {
    return [
      {
        path,
        field: fields.cidr,
        value: cidr,
        problem:
          named !== undefined
            ? `is outside remote network ${named} (${remotes.find((r) => r.name === named)!.cidrs.join(', ')})`
            : `is inside no remote network of the definition (${remotes.map((r) => `${r.name}: ${r.cidrs.join(', ')}`).join('; ') || 'none declared'}), so no route, authorized network or policy can name it`,
        fix: `declare the network ${server} lives in under remoteNetworks (with a hybrid link to it), or correct the CIDR`,
      },
    ];
  }
  if (!(definition.hybridLinks ?? []).some((l) => l.remoteNetwork === remote.name)) {
    return [
      {
        path,
        field: fields.cidr,
        value: cidr,
        problem: `lies in remote network ${remote.name}, which no hybrid link reaches: ${server} is unreachable from the clusters`,
        fix: `add a hybridLinks entry for ${remote.name}, or move ${server} into a network a link reaches`,
      },
    ];
  }
  return [];
}

/** The remote network a validated location lies in: the named one, else the first that holds its range. */
export function locationNetwork(location: Pick<ServerLocation, 'cidr'> & { readonly remoteNetwork?: string }, definition: PlatformDefinition): string {
  if (location.remoteNetwork !== undefined) return location.remoteNetwork;
  const inner = Cidr.parse(location.cidr);
  const remote = (definition.remoteNetworks ?? []).find((r) => r.cidrs.some((c) => Cidr.parse(c).contains(inner)));
  if (!remote) throw new Error(`${location.cidr} lies in no remote network: validateServerLocation refuses it, so the platform was not validated`);
  return remote.name;
}
