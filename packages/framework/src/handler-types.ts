import type {
  ActionHookReply,
  ActionHookRequest,
  CardFetchRequest,
  ChannelConnectionRequest,
  ChannelConnectionResponse,
  CheckPermissionsRequest,
  CheckPermissionsResponse,
  FetchRecipientRequest,
  FetchRecipientResponse,
  FetchRecipientsRequest,
  FetchRecipientsResponse,
  LegacyCardResponse,
  ShareObjectRequest,
  ShareObjectResponse,
  SignatureVersion,
  V3UrlMatch,
} from '@spoke/protocol';
import type { Logger } from './logger.ts';

/** A value or a promise of it: handlers may be sync or async. */
export type Awaitable<T> = T | Promise<T>;

/** What every handler gets besides its typed input. */
export interface HandlerContext {
  /**
   * The request as received, as a fetch `Request` (node adapters build it on first read only).
   * Its body was already read and verified; use the typed input instead.
   */
  readonly request: Request;
  /** When HubSpot stops waiting: request start + `limits.totalDeadlineMs`, epoch ms. */
  readonly deadline: number;
  /** Aborts at `deadline` (or when the client goes away); pass it to `fetch` and database calls. */
  readonly signal: AbortSignal;
  /** The signature version that verified this request. */
  readonly signatureVersion: SignatureVersion;
  /**
   * For v3, which URL the signature covered: `decoded` (the twelve escapes of docs/protocol.md §1
   * decoded, as HubSpot's validation docs say), `raw` (the URL as sent, as HubSpot's official
   * client and its local-dev proxy for `hubspot.fetch` sign it), or `same` when the URL holds none
   * of those escapes. `null` for v1 and v2. Both forms are accepted. docs/decisions/0011
   */
  readonly v3UrlForm: V3UrlMatch | null;
  /** The app's logger, with the route and kind added to every entry. */
  readonly log: Logger;
}

/**
 * Answers a CRM card data fetch with the legacy response (at most five `results`).
 * Return a `Response` instead to answer with your own status and body (not validated).
 * @see https://developers.hubspot.com/docs/api/crm/extensions/crm-cards
 */
export type CrmCardHandler = (
  input: CardFetchRequest,
  ctx: HandlerContext,
) => Awaitable<LegacyCardResponse | Response>;

/**
 * Runs an ACTION_HOOK / CONFIRMATION_ACTION_HOOK. Return `{ message }` to show a message, nothing
 * for a plain success, or a `Response` (e.g. a 4xx) to make HubSpot show an error.
 */
export type ActionHookHandler = (
  input: ActionHookRequest,
  ctx: HandlerContext,
  // biome-ignore lint/suspicious/noConfusingVoidType: lets `async () => {}` be a handler that answers `{}`
) => Awaitable<ActionHookReply | Response | undefined | void>;

/**
 * The four Share Via events. Each returns only the `payload` of its reply; the framework adds
 * `portalId`, `appId` and `eventType`. A `Response` (e.g. a 502 when delivery failed) is sent as is.
 * @see docs/protocol.md §3 and https://developers.hubspot.com/docs/apps/legacy-apps/public-apps/share-hubspot-reports-with-your-app
 */
export interface ShareViaHandlers {
  /** Does the app hold the permissions HubSpot lists? Both request shapes arrive normalised. */
  checkPermissions(
    input: CheckPermissionsRequest,
    ctx: HandlerContext,
  ): Awaitable<CheckPermissionsResponse['payload'] | Response>;
  /** One page of recipients; add `nextPageAfter` inside `recipients` to page by cursor. */
  fetchRecipients(
    input: FetchRecipientsRequest,
    ctx: HandlerContext,
  ): Awaitable<FetchRecipientsResponse['payload'] | Response>;
  /** One recipient by id and type. */
  fetchRecipient(
    input: FetchRecipientRequest,
    ctx: HandlerContext,
  ): Awaitable<FetchRecipientResponse['payload'] | Response>;
  /** Deliver the report; return `{ recipientUrl }` to link to it, or nothing. */
  shareObject(
    input: ShareObjectRequest,
    ctx: HandlerContext,
    // biome-ignore lint/suspicious/noConfusingVoidType: lets `async () => {}` answer an empty payload
  ): Awaitable<ShareObjectResponse['payload'] | Response | undefined | void>;
}

/**
 * Lists the phone numbers the calling help-desk picker offers.
 * @see docs/protocol.md §4.2 and https://developers.hubspot.com/docs/api-reference/crm-calling-extensions-v3/guide
 */
export type ChannelConnectionHandler = (
  input: ChannelConnectionRequest,
  ctx: HandlerContext,
) => Awaitable<ChannelConnectionResponse | Response>;
