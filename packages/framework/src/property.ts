import type { CardProperty, StatusType } from '@spoke/protocol';

/** The `properties[]` item of one data type. */
export type PropertyOf<T extends CardProperty['dataType']> = Extract<CardProperty, { dataType: T }>;

/** Renders a Date as HubSpot's DATE value, `yyyy-mm-dd` (UTC). */
function isoDay(value: string | Date): string {
  return typeof value === 'string' ? value : value.toISOString().slice(0, 10);
}

/**
 * Builders for a card item's `properties[]`, one per data type, so a handler reads
 * `property.currency('Total', 94.34, 'GBP')` instead of a literal with the extras to remember.
 * Values are checked with the rest of the reply before it leaves.
 * @see https://developers.hubspot.com/docs/api/crm/extensions/crm-cards
 */
export const property = {
  /** Text. */
  string: (label: string, value: string | number | boolean): PropertyOf<'STRING'> => ({
    label,
    dataType: 'STRING',
    value,
  }),
  /** A number, shown with the user's number format. */
  numeric: (label: string, value: number | string): PropertyOf<'NUMERIC'> => ({
    label,
    dataType: 'NUMERIC',
    value,
  }),
  /** An amount with its ISO 4217 currency code (required by HubSpot). */
  currency: (label: string, value: number | string, currencyCode: string): PropertyOf<'CURRENCY'> => ({
    label,
    dataType: 'CURRENCY',
    value,
    currencyCode,
  }),
  /** A calendar day: `yyyy-mm-dd`, or a Date (its UTC day). */
  date: (label: string, value: string | Date): PropertyOf<'DATE'> => ({
    label,
    dataType: 'DATE',
    value: isoDay(value),
  }),
  /** A moment: epoch milliseconds, or a Date. */
  datetime: (label: string, value: number | Date): PropertyOf<'DATETIME'> => ({
    label,
    dataType: 'DATETIME',
    value: typeof value === 'number' ? value : value.getTime(),
  }),
  /** An email address, shown as a mailto link. */
  email: (label: string, value: string): PropertyOf<'EMAIL'> => ({ label, dataType: 'EMAIL', value }),
  /** A link opening in a new window; `linkLabel` is shown instead of the URL when given. */
  link: (label: string, url: string, linkLabel?: string): PropertyOf<'LINK'> => ({
    label,
    dataType: 'LINK',
    value: url,
    ...(linkLabel === undefined ? {} : { linkLabel }),
  }),
  /** A coloured status: DEFAULT grey, SUCCESS green, WARNING yellow, DANGER red, INFO blue. */
  status: (label: string, value: string, optionType: StatusType): PropertyOf<'STATUS'> => ({
    label,
    dataType: 'STATUS',
    value,
    optionType,
  }),
  /** Yes or no. */
  boolean: (label: string, value: boolean): PropertyOf<'BOOLEAN'> => ({ label, dataType: 'BOOLEAN', value }),
} as const;
