/** What a HubSpot portal's admins set in the card's settings page. */
export interface PortalSettings {
  readonly portalId: number;
  /** Where "New issue" files issues unless the form says otherwise; null = the first project. */
  readonly defaultProjectId: number | null;
  /** Currency of revenue at risk on new issues (ISO 4217). */
  readonly currency: string;
}

/** Currencies the settings page offers. */
export const supportedCurrencies = ['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD'] as const;

/** Settings of a portal that never saved any. */
export function defaultPortalSettings(portalId: number): PortalSettings {
  return { portalId, defaultProjectId: null, currency: 'USD' };
}
