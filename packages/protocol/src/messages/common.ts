import { z } from 'zod';

/** CRM object types a card can target, as the developer API spells them. docs/protocol.md §2.1. */
export const objectTypeNameSchema = z.enum(['contacts', 'companies', 'deals', 'tickets', 'marketing_events']);
export type ObjectTypeName = z.infer<typeof objectTypeNameSchema>;

/** `associatedObjectType` as sent on a data fetch. docs/protocol.md §2.2. */
export const associatedObjectTypeSchema = z.enum(['CONTACT', 'COMPANY', 'DEAL', 'TICKET', 'MARKETING_EVENT']);
export type AssociatedObjectType = z.infer<typeof associatedObjectTypeSchema>;

/** Maps a developer-API object type name to the data-fetch `associatedObjectType`. */
export const associatedObjectTypeByName = {
  contacts: 'CONTACT',
  companies: 'COMPANY',
  deals: 'DEAL',
  tickets: 'TICKET',
  marketing_events: 'MARKETING_EVENT',
} as const satisfies Record<ObjectTypeName, AssociatedObjectType>;

/** Property data types a card can display. docs/protocol.md §2.1, §2.3. */
export const dataTypeSchema = z.enum([
  'BOOLEAN',
  'CURRENCY',
  'DATE',
  'DATETIME',
  'EMAIL',
  'LINK',
  'NUMERIC',
  'STATUS',
  'STRING',
]);
export type DataType = z.infer<typeof dataTypeSchema>;

/** STATUS colours: DEFAULT grey, SUCCESS green, WARNING yellow, DANGER red, INFO blue. */
export const statusTypeSchema = z.enum(['DEFAULT', 'SUCCESS', 'WARNING', 'DANGER', 'INFO']);
export type StatusType = z.infer<typeof statusTypeSchema>;

/** Methods an action hook may use. docs/protocol.md §2.3. */
export const hookMethodSchema = z.enum(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);
export type HookMethod = z.infer<typeof hookMethodSchema>;

/** An absolute http(s) URL. */
export const httpUrlSchema = z
  .string()
  .refine((value) => /^https?:\/\/[^\s/]+/i.test(value) && URL.canParse(value), {
    message: 'must be an absolute http(s) URL',
  });

/**
 * The public base URL HubSpot calls when a service sits behind a proxy or tunnel
 * (`https://abc.ngrok.app`, `https://app.example.com/hubspot`): absolute http(s), no query, no
 * fragment. The URL HubSpot signs is this base (trailing slash dropped) + the request's path and
 * query. docs/protocol.md §1.
 */
export const publicBaseUrlSchema = httpUrlSchema.refine(
  (value) => !value.includes('?') && !value.includes('#'),
  { message: 'must be a base URL without query or fragment, e.g. https://app.example.com' },
);

/** Digits-only id as it travels in a query string. */
export const numericStringSchema = z.string().regex(/^\d+$/, 'must be a whole number');

/**
 * A digit-string id that is turned into a number: it must fit a JS number exactly, or `Number()`
 * would silently round it to another record's id (9007199254740993 → …992) or to `Infinity`.
 */
export const exactIdStringSchema = numericStringSchema.refine(
  (value) => Number.isSafeInteger(Number(value)),
  `must be at most ${Number.MAX_SAFE_INTEGER}, or it cannot be held exactly as a number`,
);

/** A HubSpot id that may arrive as a number or a digit string. */
export const idSchema = z.union([z.number().int().nonnegative(), numericStringSchema]);

/** ISO-8601 timestamp as the developer API returns it. */
export const isoDateTimeSchema = z.iso.datetime({ offset: true });
