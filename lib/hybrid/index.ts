// HaVpnToAws needs @cdktf/provider-aws, an optional peer: its values load on first use, so importing the package
// root works without it, and using them without it says what to install.
import type * as HaVpnToAwsModule from './ha-vpn-to-aws';
import { loadWithAwsProvider } from './aws-provider-optional';
/** See `HaVpnToAws` in ha-vpn-to-aws.ts; loaded on first use (needs @cdktf/provider-aws). */
export type HaVpnToAws = HaVpnToAwsModule.HaVpnToAws;
export declare const HaVpnToAws: typeof HaVpnToAwsModule.HaVpnToAws;
const loadHaVpnToAws = () => loadWithAwsProvider('HaVpnToAws', () => require('./ha-vpn-to-aws') as typeof HaVpnToAwsModule);
// module.exports, not exports: esbuild (tsx) replaces the exports object of a module with ESM syntax before its body runs.
Object.defineProperty(module.exports, 'HaVpnToAws', { enumerable: true, get: () => loadHaVpnToAws().HaVpnToAws });
