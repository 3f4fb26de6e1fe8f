import {
  httpUrlSchema,
  isoDateTimeSchema,
  permittedUrlsSchema,
  phoneNumberSchema,
  platformModeSchema,
  publicBaseUrlSchema,
  recipientSchema,
} from '@spoke/protocol';
import { z } from 'zod';

/**
 * Shapes the emulator keeps and its control API (`/_spoke/…`) speaks. They are Spoke's own,
 * not HubSpot's, so they live here; HubSpot's shapes come from `@spoke/protocol`.
 */

/** CRM object types a record can have in the emulator. */
export const crmObjectTypeSchema = z.enum(['contacts', 'companies', 'deals', 'tickets']);
export type CrmObjectType = z.infer<typeof crmObjectTypeSchema>;

/**
 * The time zone of a portal that has none set: HubSpot's accounts report theirs as an IANA name such
 * as `US/Eastern` (the account details API, `context.portal.timezone` of app cards).
 */
export const defaultPortalTimeZone = 'US/Eastern';

/** True for an IANA time zone name `Intl` formats in, such as `US/Eastern`, `Europe/Berlin` or `UTC`. */
export function isSupportedTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A portal's time zone: HubSpot's card converter formats DATETIME values in it. */
export const timeZoneSchema = z.string().check((ctx) => {
  if (!isSupportedTimeZone(ctx.value)) {
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      message: `${JSON.stringify(ctx.value)} is not a time zone Intl knows; use an IANA name such as US/Eastern, Europe/Berlin or UTC`,
    });
  }
});

/** A HubSpot portal (account) the emulator plays. */
export const portalSchema = z.object({
  id: z.number().int().positive(),
  name: z.string().min(1),
  domain: z.string().min(1),
  /** IANA name; converter-mode cards format DATETIME in it. Absent: `US/Eastern`. */
  timeZone: timeZoneSchema.optional(),
});
export type Portal = z.infer<typeof portalSchema>;

/** The locale of a user who has none set (data files written before users had one). */
export const defaultUserLocale = 'en-US';

/** True for a BCP 47 tag `Intl` can format in, such as `en-US`, `de-DE` or `fr`. */
export function isSupportedLocale(tag: string): boolean {
  try {
    return (
      Intl.getCanonicalLocales(tag).length === 1 && Intl.NumberFormat.supportedLocalesOf(tag).length === 1
    );
  } catch {
    return false;
  }
}

/** A locale the record page formats dates, numbers and money in. */
export const localeSchema = z.string().check((ctx) => {
  if (!isSupportedLocale(ctx.value)) {
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      message: `${JSON.stringify(ctx.value)} is not a locale Intl knows; use a BCP 47 tag such as en-US, en-GB, de-DE or ja-JP`,
    });
  }
});

/** A user of a portal; the one named in `userId`/`userEmail` of each signed call. */
export const userSchema = z.object({
  id: z.number().int().positive(),
  portalId: z.number().int().positive(),
  email: z.string().min(3),
  firstName: z.string(),
  lastName: z.string(),
  /** BCP 47; the record page formats dates, numbers and money in it. Absent: `en-US`. */
  locale: localeSchema.optional(),
});
export type User = z.infer<typeof userSchema>;

/** Which CHECK_PERMISSIONS shape Share Via sends: `current` (payload) or `older` (top level). docs/protocol.md §3. */
export const shareViaShapeSchema = z.enum(['current', 'older']);
export type ShareViaShape = z.infer<typeof shareViaShapeSchema>;

/** A public app: what signs the platform's calls and owns cards and settings. */
export const appSchema = z.object({
  id: z.number().int().positive(),
  name: z.string().min(1),
  /** The first signs outbound calls; more are kept for rotation. */
  clientSecrets: z.array(z.string().min(1)).min(1, 'must hold at least one secret'),
  developerApiKey: z.string().min(1),
  scopes: z.array(z.string().min(1)),
  shareViaTargetUrl: httpUrlSchema.nullable(),
  shareViaShape: shareViaShapeSchema,
  /**
   * The public base URL HubSpot would call (a tunnel or proxy in front of the service): every call
   * is signed for this origin and path prefix + the target's path and query, and delivered to the
   * local target, as a tunnel would. Absent or null: signed for the target itself. docs/emulator.md.
   */
  publicUrl: publicBaseUrlSchema.nullable().optional(),
  /** A card's own public URL, by card id, overriding `publicUrl` for its data fetch and action hooks. */
  cardPublicUrls: z.record(z.string().min(1), publicBaseUrlSchema).optional(),
  /**
   * Which request shape this app's cards and action hooks get: `legacy` CRM cards or HubSpot's
   * `converter`. Absent or null: the emulator's mode (`PUT /_spoke/mode`). docs/migration.md.
   */
  mode: platformModeSchema.nullable().optional(),
  /**
   * HubSpot's `permittedUrls` (app-hsmeta.json): in converter mode a data fetch or hook whose URL
   * `fetch` does not cover is delivered, and marked "refused in production". Absent or null: none.
   */
  permittedUrls: permittedUrlsSchema.nullable().optional(),
  /**
   * The OAuth client id (`client_id` of `/oauth/authorize` and `/oauth/v1/token`), uuid-like as
   * HubSpot's. Absent (data files written before OAuth): derived from the app id, see `clientIdOf`.
   */
  clientId: z.string().min(1).optional(),
  /** The redirect URLs OAuth may send the browser back to; `redirect_uri` must be one of them exactly. */
  redirectUrls: z.array(httpUrlSchema).nullable().optional(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type App = z.infer<typeof appSchema>;

/** A CRM record: properties are strings, as HubSpot stores them. */
export const crmRecordSchema = z.object({
  id: z.string().regex(/^\d+$/),
  objectType: crmObjectTypeSchema,
  /**
   * The portal (account) the record belongs to: only its users open it, and only tokens of an
   * install there reach it through the CRM API. Records of a data file written before records had
   * portals belong to its first portal (migration 3).
   */
  portalId: z.number().int().positive(),
  properties: z.record(z.string(), z.string()),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  /**
   * When an app archived it through the CRM API (`DELETE /crm/v3/objects/…`), as HubSpot archives:
   * gone from the record page, the control API and the CRM API's reads, listed only with `archived=true`.
   */
  archivedAt: isoDateTimeSchema.optional(),
});
export type CrmRecord = z.infer<typeof crmRecordSchema>;

/** How often a share is sent. docs/protocol.md §3: send now, daily, weekly, monthly. */
export const shareFrequencySchema = z.enum(['now', 'daily', 'weekly', 'monthly']);
export type ShareFrequency = z.infer<typeof shareFrequencySchema>;

/** Report metadata a share carries (`objectMetadata` of SHARE_OBJECT). */
export const sharedObjectSchema = z.object({
  id: z.number().int(),
  type: z.number().int(),
  name: z.string(),
  screenshotUrl: z.string().optional(),
});

/** A share of a report to one recipient, sent once or on a schedule. */
export const shareSchema = z.object({
  id: z.string().min(1),
  appId: z.number().int().positive(),
  portalId: z.number().int().positive(),
  senderId: z.number().int().positive(),
  recipient: recipientSchema,
  message: z.string().optional(),
  objectMetadata: sharedObjectSchema,
  frequency: shareFrequencySchema,
  /** Cron pattern for recurring shares, null for `now`. */
  cron: z.string().nullable(),
  status: z.enum(['active', 'paused', 'done']),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  lastRunAt: isoDateTimeSchema.nullable(),
  nextRunAt: isoDateTimeSchema.nullable(),
});
export type Share = z.infer<typeof shareSchema>;

/** One SHARE_OBJECT sent for a share, with its outcome. */
export const shareSendSchema = z.object({
  id: z.string().min(1),
  shareId: z.string().min(1),
  at: isoDateTimeSchema,
  trigger: z.enum(['now', 'schedule', 'manual']),
  outcome: z.enum(['ok', 'error']),
  recipientUrl: z.string().nullable(),
  exchangeId: z.string().nullable(),
  error: z.string().nullable(),
});
export type ShareSend = z.infer<typeof shareSendSchema>;

/** A number a user connected to the help desk through an app. docs/protocol.md §4.2. */
export const connectedNumberSchema = phoneNumberSchema.extend({
  id: z.string().min(1),
  appId: z.number().int().positive(),
  portalId: z.number().int().positive(),
  userId: z.number().int().positive(),
  connectedAt: isoDateTimeSchema,
});
export type ConnectedNumber = z.infer<typeof connectedNumberSchema>;

/**
 * A fault injected into the platform's calls, for one app, one target URL prefix, or all. The
 * fields after `target` are the dispatcher's `Faults` (src/dispatch/faults.ts), kept as they are.
 */
export const faultSchema = z.object({
  id: z.string().min(1),
  /** Only calls of this app; null for any app. */
  appId: z.number().int().positive().nullable(),
  /** Only calls whose URL starts with this; null for any URL. */
  target: z.string().min(1).nullable(),
  enabled: z.boolean(),
  createdAt: isoDateTimeSchema,
  latencyMs: z.number().int().nonnegative().optional(),
  forceStatus: z.number().int().min(100).max(599).optional(),
  dropConnection: z.boolean().optional(),
  corruptSignature: z.boolean().optional(),
  staleTimestamp: z.boolean().optional(),
  futureTimestamp: z.boolean().optional(),
  /** Send only this signature version instead of v2 + v3 ("wrong signature version"). */
  signatureVersion: z.enum(['v1', 'v2', 'v3']).optional(),
});
export type Fault = z.infer<typeof faultSchema>;

/** Emulator-wide settings kept in the store. */
export const emulatorSettingsSchema = z.object({ mode: platformModeSchema });
export type EmulatorSettings = z.infer<typeof emulatorSettingsSchema>;

/** An app installed into a portal through OAuth (or directly, `POST /_spoke/installs`), with the scopes granted. */
export const installSchema = z.object({
  appId: z.number().int().positive(),
  portalId: z.number().int().positive(),
  /** Required scopes plus the optional ones granted. */
  scopes: z.array(z.string().min(1)),
  /** The user who gave consent; null for an install not made through the consent screen. */
  userId: z.number().int().positive().nullable(),
  installedAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type Install = z.infer<typeof installSchema>;

/** An authorization code handed to `redirect_uri`: single-use, short-lived. */
export const oauthCodeSchema = z.object({
  code: z.string().min(1),
  appId: z.number().int().positive(),
  portalId: z.number().int().positive(),
  userId: z.number().int().positive().nullable(),
  redirectUri: z.string().min(1),
  scopes: z.array(z.string().min(1)),
  createdAt: isoDateTimeSchema,
  expiresAt: isoDateTimeSchema,
  /** Set by the exchange: a code is used once. */
  usedAt: isoDateTimeSchema.nullable(),
});
export type OauthCode = z.infer<typeof oauthCodeSchema>;

/** An OAuth access token (expires) or refresh token (lives until revoked or the app is uninstalled). */
export const oauthTokenSchema = z.object({
  token: z.string().min(1),
  kind: z.enum(['access', 'refresh']),
  appId: z.number().int().positive(),
  portalId: z.number().int().positive(),
  userId: z.number().int().positive().nullable(),
  scopes: z.array(z.string().min(1)),
  createdAt: isoDateTimeSchema,
  /** null for refresh tokens. */
  expiresAt: isoDateTimeSchema.nullable(),
});
export type OauthToken = z.infer<typeof oauthTokenSchema>;
