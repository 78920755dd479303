import { App, TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import type { HaVpnToAwsProps } from '../../lib/hybrid/ha-vpn-to-aws';
import type { HaVpnToPeerProps } from '../../lib/hybrid/ha-vpn-to-peer';

/** A stack with the three providers a hybrid link needs. */
export function hybridStack(id = 'hybrid'): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, id);
  new GoogleProvider(stack, 'google', { project: 'platform-prod' });
  new AwsProvider(stack, 'aws', { region: 'eu-central-1' });
  new RandomProvider(stack, 'random');
  return { app, stack };
}

/** Synthesizes with validations and parses the JSON. */
export function synthJson(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack, true));
}

/** Resources of one type as [name, config] pairs in synthesis order. */
export function resources(json: any, type: string): [string, any][] {
  return Object.entries(json.resource?.[type] ?? {});
}

export const INSIDE = ['169.254.10.0/30', '169.254.10.4/30', '169.254.10.8/30', '169.254.10.12/30'];

export const minimalAwsProps: HaVpnToAwsProps = {
  name: 'aws-prod',
  region: 'europe-west3',
  network: 'projects/platform-prod/global/networks/prod',
  cloudRouter: { name: 'aws-prod-router', asn: 65010 },
  insideCidrs: INSIDE,
  aws: { type: 'transit-gateway', amazonSideAsn: 64600 },
};

export const minimalPeerProps: HaVpnToPeerProps = {
  name: 'garage-1',
  region: 'europe-west3',
  network: 'prod',
  cloudRouter: { name: 'garage-1-router', asn: 65020 },
  peerInterfaceIps: ['203.0.113.10', '203.0.113.11'],
  peerAsn: 65100,
  insideCidrs: ['169.254.20.0/30', '169.254.20.4/30'],
};

/** Every value of a field whose name says it holds a pre-shared key, anywhere in the synthesized JSON. */
export function secretFieldValues(json: unknown): { path: string; value: unknown }[] {
  const found: { path: string; value: unknown }[] = [];
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${path}[${i}]`));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (/preshared_key|shared_secret/.test(k)) found.push({ path: `${path}.${k}`, value: v });
        walk(v, `${path}.${k}`);
      }
    }
  };
  walk(json, '$');
  return found;
}

/** A Terraform expression made only of interpolations, i.e. no literal text a key could hide in. */
export const ONLY_INTERPOLATIONS = /^(\$\{[^{}]+\})+$/;
