/**
 * The connectivity intents the add-ons' traffic needs stand for: the reachability model judges them on the
 * synthesized output like every derived intent, so the proof is about the enforcement written (authorized
 * networks, firewall rules, NetworkPolicies, ServiceEntries), not about the declaration. Ids are stable:
 * `add-on/<add-on>/<need>/...`. Pure.
 */
import type { PlatformDefinition } from '../platform/platform-definition';
import { CONTROL_PLANE_PORT } from '../reachability/derive-intents';
import type { ConnectivityIntent } from '../reachability/connectivity-intent';
import { locationNetwork } from './server-location';
import type { AddOnTrafficNeed } from './traffic-needs';

/** One `allow` intent per connection a need asks for, on every cluster and tenant it concerns. */
export function trafficNeedIntents(needs: readonly AddOnTrafficNeed[], definition: PlatformDefinition): ConnectivityIntent[] {
  const tenants = definition.tenants ?? [];
  const placements = tenants.flatMap((t) => t.clusters.map((cluster) => ({ tenant: t.name, cluster })));
  const intents: ConnectivityIntent[] = [];
  for (const need of needs) {
    const id = (rest: string) => `add-on/${need.addOn}/${rest}`;
    switch (need.kind) {
      case 'tenants-to-server': {
        const to = { kind: 'remote' as const, network: locationNetwork(need.location, definition), range: need.location.cidr };
        for (const p of placements) {
          intents.push({ id: id(`tenant-to-${need.server}/${p.tenant}@${p.cluster}`), from: { kind: 'tenant', tenant: p.tenant, cluster: p.cluster }, to, port: need.port, expect: 'allow', reason: `${need.addOn}: ${need.reason}` });
        }
        break;
      }
      case 'server-to-control-planes': {
        const from = { kind: 'remote' as const, network: locationNetwork(need.location, definition), range: need.location.cidr };
        for (const cluster of definition.clusters) {
          intents.push({ id: id(`${need.server}-to-control-plane/${cluster.name}`), from, to: { kind: 'control-plane', cluster: cluster.name }, port: CONTROL_PLANE_PORT, expect: 'allow', reason: `${need.addOn}: ${need.reason}` });
        }
        break;
      }
      case 'cluster-to-control-planes':
        for (const target of need.clusters) {
          intents.push({
            id: id(`control-plane/${need.from}->${target}`),
            from: { kind: 'pods', cluster: need.from },
            to: { kind: 'control-plane', cluster: target },
            port: CONTROL_PLANE_PORT,
            expect: 'allow',
            reason: `${need.addOn}: ${need.reason}`,
          });
        }
        break;
      case 'control-plane-to-webhook':
        for (const cluster of need.clusters ?? definition.clusters.map((c) => c.name)) {
          intents.push({ id: id(`webhook-${need.webhook}/${cluster}`), from: { kind: 'control-plane', cluster }, to: { kind: 'pods', cluster }, port: need.port, expect: 'allow', reason: `${need.addOn}: ${need.reason}` });
        }
        break;
      case 'namespace-to-tenants':
        for (const p of placements) {
          for (const port of need.ports) {
            intents.push({
              id: id(`${need.namespace}-to-tenant/${p.tenant}@${p.cluster}/${port}`),
              from: { kind: 'namespace', namespace: need.namespace, cluster: p.cluster },
              to: { kind: 'tenant', tenant: p.tenant, cluster: p.cluster },
              port,
              expect: 'allow',
              reason: `${need.addOn}: ${need.reason}`,
            });
          }
        }
        break;
    }
  }
  return intents;
}
