/**
 * Every number the protocol depends on, in one table, each with its source.
 * Code elsewhere imports these; nothing is written inline.
 */
export const limits = {
  /** v3 timestamps older (or newer) than this are rejected. docs/protocol.md §1; HubSpot "Validating requests". */
  maxClockSkewMs: 300_000,
  /** The platform gives a service this long to accept the connection. docs/protocol.md §2.2. */
  connectDeadlineMs: 3_000,
  /** The platform gives a service this long for the whole response. docs/protocol.md §2.2, §5. */
  totalDeadlineMs: 5_000,
  /**
   * hubspot.fetch's default (and, for the converter's hooks, only) timeout, connection included; the
   * Legacy CRM Card Converter passes 5000 on the data fetch and nothing on action hooks.
   * docs/migration.md; HubSpot "Fetching data for UI extensions".
   */
  hubspotFetchTimeoutMs: 15_000,
  /** hubspot.fetch retries a request this many times after a connection failure or a 5xx, within its timeout. Same source. */
  hubspotFetchRetries: 1,
  /**
   * hubspot.fetch calls in flight at once per app and account; the next is answered 429 without
   * reaching the service. HubSpot "Fetching data for UI extensions".
   */
  hubspotFetchMaxConcurrent: 20,
  /** hubspot.fetch request (and response) payloads are limited to 1 MB. Same source. */
  hubspotFetchMaxPayloadBytes: 1_048_576,
  /** A data-fetch response may carry at most this many items. docs/protocol.md §2.3; https://developers.hubspot.com/docs/api-reference/legacy/crm/extensions/crm-cards/guide */
  maxCardResults: 5,
  /** At most this many card definitions per app. docs/protocol.md §2.1. */
  maxCardsPerApp: 25,
  /** The calling picker cuts friendlyName to this many characters. docs/protocol.md §4.2. */
  friendlyNameMaxLength: 24,
  /** Default cap on a request body a service accepts (framework `bodyLimit`). Spoke's choice. */
  defaultBodyLimitBytes: 1_048_576,
  /** Cap on a reply body the emulator reads from a service. Spoke's choice (HubSpot's is undocumented). */
  maxReplyBytes: 1_048_576,
  /** Cap on a whole-state import (`PUT /_spoke/state`) and export (`GET`, refused above it, so every export imports back). Spoke's choice. */
  maxStateImportBytes: 67_108_864,
  /** `limit` the emulator asks for in each Share Via FETCH_RECIPIENTS page. Spoke's choice (HubSpot's is undocumented). */
  shareViaRecipientsPageSize: 10,
  /** The emulator stops paging Share Via recipients after this many pages (guards a looping cursor). Spoke's choice. */
  shareViaMaxRecipientPages: 50,
  /**
   * Bytes the emulator holds for one `/_spoke/events` (SSE) client that is not reading (queued plus
   * unflushed in the socket) before it drops the client. Spoke's choice: 8 × maxReplyBytes, room for
   * several of the largest exchanges (each carries a reply of at most maxReplyBytes) while a busy tab
   * catches up; a stalled client costs at most this much. docs/emulator.md "Live events".
   */
  sseClientMaxBufferedBytes: 8_388_608,
  /**
   * The request log keeps at most this many exchanges, the oldest going first. Spoke's choice, a day
   * of heavy use: a record page opened every 5 s for 10 hours is 7,200 opens; with two or three
   * cards each, about 20,000 data fetches, plus action hooks. docs/emulator.md "Request log retention".
   */
  requestLogMaxEntries: 25_000,
  /**
   * The request log drops exchanges older than this (by `startedAt`). Spoke's choice: a week, so
   * yesterday's calls (and last Friday's) are still there to replay; a day would already keep a
   * full day of use. docs/emulator.md "Request log retention".
   */
  requestLogMaxAgeMs: 604_800_000,
  /**
   * Age pruning of the request log runs at most once per requestLogMaxAgeMs / this (about 10 minutes
   * by default). Spoke's choice: an entry outlives its age by at most 0.1 %, and the age check (which
   * reads the oldest entry's JSON) is not paid on every request.
   */
  requestLogAgePruneDivisor: 1_000,
  /** CRM objects API v3: a list page holds 10 records unless `limit` says otherwise, at most 100. HubSpot "CRM API | Contacts". */
  crmListDefaultLimit: 10,
  crmListMaxLimit: 100,
  /** CRM search: at most 200 results a page, and paging stops after 10,000. HubSpot "Search the CRM", Limitations. */
  crmSearchMaxLimit: 200,
  crmSearchMaxResults: 10_000,
  /** CRM search: 5 filter groups (ORed), 10 filters in a group (ANDed), 25 filters in all (HubSpot's changelog, August 2024). */
  crmSearchMaxFilterGroups: 5,
  crmSearchMaxFiltersPerGroup: 10,
  crmSearchMaxFilters: 25,
} as const;

export type Limits = typeof limits;
