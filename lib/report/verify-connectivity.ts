import { ISTIO_ADD_ON, IstioSettings, resolveIstioSettings } from '../domain/addons/istio/mesh-plan';
import type { ConnectivityIntent } from '../domain/reachability/connectivity-intent';
import { AddOnAuthorizedNetworks, platformIntentSet } from '../domain/reachability/derive-intents';
import { modelReads, readSynthesized, SynthesisContext, SynthesizedPlatform } from '../domain/reachability/read-synthesized';
import type { Topology } from '../domain/reachability/topology';
import { verifyIntentSet, VerificationResult } from '../domain/reachability/verify-intents';
import { stackNames } from '../domain/platform/gcp-names';
import { DEFAULT_EXISTING_NETWORK_DEFAULT_ROUTE, DEFAULT_ROUTING_MODE } from '../domain/platform/platform-defaults';
import type { PlatformDefinition } from '../domain/platform/platform-definition';
import { readSynthesizedPlatform } from './synthesized-output';
import { phase } from './phase-timing';

/**
 * What the model needs from the definition besides the output: each link's stack and remote network's ranges, and
 * the mesh's trust domain and root namespace (the Istio add-on's settings; the mesh installation is not in the output).
 */
export function synthesisContext(definition: PlatformDefinition): SynthesisContext {
  const istio = definition.addOns?.find((a) => a.name === ISTIO_ADD_ON);
  const mesh = istio ? resolveIstioSettings((istio.settings ?? {}) as IstioSettings) : undefined;
  return {
    ...(mesh ? { mesh: { trustDomain: mesh.trustDomain, rootNamespace: mesh.systemNamespace } } : {}),
    remoteNetworks: (definition.remoteNetworks ?? []).map((n) => ({ name: n.name, kind: n.kind, cidrs: n.cidrs })),
    links: (definition.hybridLinks ?? []).map((l) => ({ name: l.name, remoteNetwork: l.remoteNetwork, stack: stackNames.link(definition.name, l.name) })),
    ...(definition.network.existing
      ? {
          existingNetwork: {
            routingMode: definition.network.routingMode ?? DEFAULT_ROUTING_MODE,
            defaultInternetRoute: definition.network.existing.defaultInternetRoute ?? DEFAULT_EXISTING_NETWORK_DEFAULT_ROUTE,
          },
        }
      : {}),
  };
}

/** The model of a synthesized platform (already read) and the verdict on every intent of its definition and add-ons. */
export function verifySynthesized(
  definition: PlatformDefinition,
  output: SynthesizedPlatform,
  addOnIntents: readonly ConnectivityIntent[] = [],
  addOnAuthorized: AddOnAuthorizedNetworks = {},
): { topology: Topology; result: VerificationResult } {
  return phase('verify:judge', () => {
    const topology = readSynthesized(output, synthesisContext(definition));
    return { topology, result: verifyIntentSet(topology, platformIntentSet(definition, addOnIntents, addOnAuthorized)) };
  });
}

/** Where `verifyConnectivity` reads the synthesized output from. */
export interface VerifyConnectivityOptions {
  /** @default 'cdktf.out' */
  readonly cdktfOut?: string;
  /** @default 'dist' */
  readonly dist?: string;
  /** Intents the enabled add-ons contribute (`addOnConnectivityIntents(platform.plan, addOns)`). @default none */
  readonly addOnIntents?: readonly ConnectivityIntent[];
  /** Authorized networks the add-ons' traffic needs add (`platform.plan.addOnTraffic.authorizedNetworks`), which derived intents must see. @default none */
  readonly addOnAuthorizedNetworks?: AddOnAuthorizedNetworks;
}

/**
 * Reads `cdktf.out` and `dist` and judges every derived and declared intent: the entry point of
 * `npm run verify`, of the check `npm run synth` runs after both apps, and of the CLI.
 */
export function verifyConnectivity(definition: PlatformDefinition, options: VerifyConnectivityOptions = {}): VerificationResult {
  const output = phase('verify:read', () => readSynthesizedPlatform(options.cdktfOut ?? 'cdktf.out', options.dist ?? 'dist', modelReads));
  return verifySynthesized(definition, output, options.addOnIntents, options.addOnAuthorizedNetworks).result;
}
