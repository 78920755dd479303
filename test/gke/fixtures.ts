import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { Network } from '../../lib/network/network';
import { GkeCluster, GkeClusterProps } from '../../lib/gke/gke-cluster';

export const PROJECT = 'acme-prod';

/** A stack with a provider, a network holding one GKE subnet, and nothing else. */
export function networkStack(app: App = Testing.app()): { stack: TerraformStack; network: Network } {
  const stack = new TerraformStack(app, 'test');
  new GoogleProvider(stack, 'google', { project: PROJECT });
  const network = new Network(stack, 'Network', {
    projectId: PROJECT,
    name: 'prod-vpc',
    subnets: [
      {
        name: 'prod-usc1',
        region: 'us-central1',
        cidr: '10.0.0.0/22',
        secondaryRanges: [
          { rangeName: 'pods', cidr: '100.64.0.0/16' },
          { rangeName: 'services', cidr: '100.65.0.0/20' },
          { rangeName: 'pods-extra', cidr: '100.66.0.0/18' },
        ],
      },
    ],
  });
  return { stack, network };
}

export function clusterProps(network: Network, overrides: Partial<GkeClusterProps> = {}): GkeClusterProps {
  return {
    projectId: PROJECT,
    name: 'prod-usc1',
    region: 'us-central1',
    subnet: network.subnet('prod-usc1'),
    podRangeName: 'pods',
    servicesRangeName: 'services',
    controlPlaneCidr: '172.16.0.0/28',
    controlPlaneAccess: { type: 'private', authorizedNetworks: [{ cidr: '10.200.8.0/24', displayName: 'corp-vpn' }] },
    groupsDomain: 'example.com',
    maxNodes: 100,
    maxPodsPerNode: 64,
    ...overrides,
  };
}

export function clusterStack(overrides: Partial<GkeClusterProps> = {}): { stack: TerraformStack; network: Network; cluster: GkeCluster } {
  const { stack, network } = networkStack();
  const cluster = new GkeCluster(stack, 'Cluster', clusterProps(network, overrides));
  return { stack, network, cluster };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export function synthJson(stack: TerraformStack): Json {
  return JSON.parse(Testing.synth(stack, true));
}

/** The single resource of a type (fails if there are several). */
export function only(json: Json, type: string): Json {
  const all = Object.values(json.resource?.[type] ?? {});
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}
