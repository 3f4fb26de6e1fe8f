import { limits, type Recipient, type RecipientType } from '@spoke/protocol';
import type { Exchange } from './exchange.ts';
import { type DispatchShareViaEventOptions, dispatchShareViaEvent } from './share-via.ts';

/** Where the next page starts: the cursor sent as `nextPageAfter`, and how many came before it. */
export interface RecipientsCursor {
  nextPageAfter: string;
  offset: number;
}

/** Options of {@link fetchRecipientsPage}. */
export interface FetchRecipientsPageOptions
  extends Omit<DispatchShareViaEventOptions<'FETCH_RECIPIENTS'>, 'event' | 'payload'> {
  /** `recipientsFilter`: a type and a name substring. */
  filter?: { type?: RecipientType; name?: string };
  /** @default limits.shareViaRecipientsPageSize */
  limit?: number;
  /** The page to fetch; the first when absent. */
  cursor?: RecipientsCursor | null;
}

export interface RecipientsPage {
  exchange: Exchange;
  /** This page's recipients, or null when the exchange failed. */
  recipients: Recipient[] | null;
  total: number | null;
  /** The next page, or null at the end. */
  next: RecipientsCursor | null;
}

/**
 * Fetches one page of recipients. The next cursor is the reply's `recipients.nextPageAfter` when
 * present; otherwise the platform pages by `total`, with the offset as the cursor. docs/protocol.md §3 Decision.
 */
export async function fetchRecipientsPage(options: FetchRecipientsPageOptions): Promise<RecipientsPage> {
  const { filter, cursor, limit = limits.shareViaRecipientsPageSize, ...rest } = options;
  const payload: DispatchShareViaEventOptions<'FETCH_RECIPIENTS'>['payload'] = { limit };
  if (filter) payload.recipientsFilter = filter;
  if (cursor) payload.nextPageAfter = cursor.nextPageAfter;
  const { exchange, reply } = await dispatchShareViaEvent({ ...rest, event: 'FETCH_RECIPIENTS', payload });
  if (!reply) return { exchange, recipients: null, total: null, next: null };
  const { results, total, nextPageAfter } = reply.payload.recipients;
  const offset = (cursor?.offset ?? 0) + results.length;
  let next: RecipientsCursor | null = null;
  if (nextPageAfter !== undefined && nextPageAfter !== '') next = { nextPageAfter, offset };
  else if (results.length > 0 && offset < total) next = { nextPageAfter: String(offset), offset };
  return { exchange, recipients: results, total, next };
}

/** Options of {@link fetchAllRecipients}. */
export interface FetchAllRecipientsOptions extends Omit<FetchRecipientsPageOptions, 'cursor'> {
  /** @default limits.shareViaMaxRecipientPages */
  maxPages?: number;
}

export interface AllRecipients {
  exchanges: Exchange[];
  recipients: Recipient[];
  total: number | null;
  /** False when a page failed or `maxPages` was reached before the end. */
  complete: boolean;
}

/** Pages through every recipient, as the picker does while the user scrolls. */
export async function fetchAllRecipients(options: FetchAllRecipientsOptions): Promise<AllRecipients> {
  const { maxPages = limits.shareViaMaxRecipientPages, ...pageOptions } = options;
  const exchanges: Exchange[] = [];
  const recipients: Recipient[] = [];
  let total: number | null = null;
  let cursor: RecipientsCursor | null = null;
  for (let page = 0; page < maxPages; page++) {
    const result: RecipientsPage = await fetchRecipientsPage({ ...pageOptions, cursor });
    exchanges.push(result.exchange);
    if (!result.recipients) return { exchanges, recipients, total, complete: false };
    recipients.push(...result.recipients);
    total = result.total;
    if (!result.next) return { exchanges, recipients, total, complete: true };
    cursor = result.next;
  }
  return { exchanges, recipients, total, complete: false };
}
