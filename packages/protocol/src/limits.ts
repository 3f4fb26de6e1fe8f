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
  /** Cap on a whole-state import (`PUT /_spoke/state`) the emulator accepts. Spoke's choice. */
  maxStateImportBytes: 67_108_864,
  /** `limit` the emulator asks for in each Share Via FETCH_RECIPIENTS page. Spoke's choice (HubSpot's is undocumented). */
  shareViaRecipientsPageSize: 10,
  /** The emulator stops paging Share Via recipients after this many pages (guards a looping cursor). Spoke's choice. */
  shareViaMaxRecipientPages: 50,
} as const;

export type Limits = typeof limits;
