import type { TerraformProvider } from 'cdktf';
import type { AdvertisementOptions } from '../domain/hybrid/advertisements';
import type { CloudRouterOptions } from './cloud-router-options';
import type { PreSharedKeySource } from '../domain/hybrid/pre-shared-key';

/** What every HA VPN link has, whatever sits at the other end. */
export interface HaVpnLinkProps {
  /** Base name of the link's resources (GCP `<name>` and `<name>-<tunnel>`). Changing it replaces the whole link. */
  readonly name: string;
  /** GCP project. @default the google provider's project */
  readonly project?: string;
  /** Region of the HA VPN gateway and Cloud Router (replaces the link when changed). */
  readonly region: string;
  /** VPC network self link or name (replaces the HA VPN gateway and a new router when changed). */
  readonly network: string;
  /** The Cloud Router carrying the tunnels' BGP sessions: created by the link, or an existing one (`existing: true`). */
  readonly cloudRouter: CloudRouterOptions;
  /** One link-local /30 per tunnel, in tunnel order; changing one replaces its tunnel's BGP session. */
  readonly insideCidrs: readonly string[];
  /** @default { source: 'generated' } (random_password; the stack needs a random provider) */
  readonly preSharedKeys?: PreSharedKeySource;
  /** @default CUSTOM mode advertising ALL_SUBNETS */
  readonly advertisements?: AdvertisementOptions;
  /** GCP ranges reached over the link, checked against `remoteCidrs`. @default none */
  readonly gcpCidrs?: readonly string[];
  /** Ranges behind the other end, checked against `gcpCidrs`. @default none */
  readonly remoteCidrs?: readonly string[];
  /** @default the stack's default google provider */
  readonly googleProvider?: TerraformProvider;
  /** @default the stack's default random provider */
  readonly randomProvider?: TerraformProvider;
}
