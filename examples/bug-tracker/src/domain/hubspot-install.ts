/**
 * The tracker installed in one HubSpot portal through OAuth: the tokens it calls HubSpot's APIs
 * with. A portal that uninstalled the app keeps its row with `uninstalledAt` set and is not called.
 */
export interface HubSpotInstall {
  /** HubSpot's `hub_id`. */
  readonly portalId: number;
  /** e.g. `acme.hubspot.com`, when HubSpot said. */
  readonly hubDomain: string | null;
  readonly accessToken: string;
  readonly refreshToken: string;
  /** When the access token stops working, epoch ms. */
  readonly expiresAt: number;
  /** The scopes granted at install. */
  readonly scopes: readonly string[];
  readonly installedAt: string;
  readonly updatedAt: string;
  /** When a refresh was refused (the app was uninstalled), or null while installed. */
  readonly uninstalledAt: string | null;
}
