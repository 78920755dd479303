/**
 * The Cloud Router a link uses: created by the link, or an existing router (e.g. owned by the network stack).
 * Changing `name`, or switching between new and existing, replaces the router and every interface and BGP peer on it.
 */
export interface CloudRouterOptions {
  /** Router name. For an existing router, the router to attach interfaces and peers to (same region as the link). */
  readonly name: string;
  /** The router's ASN; for an existing router, the ASN it already has. Changing it replaces a new router. */
  readonly asn: number;
  /**
   * Attach to an existing router instead of creating one.
   * @default false
   */
  readonly existing?: boolean;
  /**
   * The router's BGP identifier range, if it has one; tunnel /30s must stay outside it.
   * @default none
   */
  readonly bgpIdentifierRange?: string;
}
