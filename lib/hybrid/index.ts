export * from '../domain/hybrid/advertisements';
export * from '../domain/hybrid/asn';
export * from '../domain/hybrid/bgp-link-rules';
export * from './cloud-router-options';
export * from '../domain/hybrid/ike-options';
export * from '../domain/hybrid/interconnect-rules';
export * from '../domain/hybrid/names';
export * from '../domain/hybrid/pre-shared-key';
export * from './aws-provider-optional';
// HaVpnToAws needs @cdktf/provider-aws, an optional peer: its values load on first use, so importing the package
// root works without it, and using them without it says what to install.
export type { AwsVpnTermination, AwsTransitGatewayOptions, AwsVpnGatewayOptions, HaVpnToAwsProps } from './ha-vpn-to-aws';
export { DEFAULT_AMAZON_SIDE_ASN } from '../domain/platform/platform-defaults';
import type * as HaVpnToAwsModule from './ha-vpn-to-aws';
import { loadWithAwsProvider } from './aws-provider-optional';
/** See `HaVpnToAws` in ha-vpn-to-aws.ts; loaded on first use (needs @cdktf/provider-aws). */
export type HaVpnToAws = HaVpnToAwsModule.HaVpnToAws;
export declare const HaVpnToAws: typeof HaVpnToAwsModule.HaVpnToAws;
const loadHaVpnToAws = () => loadWithAwsProvider('HaVpnToAws', () => require('./ha-vpn-to-aws') as typeof HaVpnToAwsModule);
Object.defineProperty(exports, 'HaVpnToAws', { enumerable: true, get: () => loadHaVpnToAws().HaVpnToAws });
export * from '../domain/hybrid/remote-rules';
export * from './ha-vpn-to-peer';
export * from './interconnect';
export * from './ha-vpn-link-props';
