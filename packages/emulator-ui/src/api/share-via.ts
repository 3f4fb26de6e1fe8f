import type {
  CheckPermissionsResponse,
  FetchRecipientsResponse,
  Recipient,
  RecipientType,
} from '@spoke/protocol';
import { uiLimits } from '../lib/limits.ts';
import { api } from './http.ts';
import type {
  Share,
  ShareSend,
  ShareViaEventResult,
  ShareViaFlowInput,
  ShareViaFlowResult,
} from './types.ts';

/** An event's outcome with its reply typed: the emulator checked it against the event's schema. */
export type EventOutcome<R> =
  | { ok: true; reply: R; result: ShareViaEventResult }
  | { ok: false; message: string; result: ShareViaEventResult };

function outcome<R>(result: ShareViaEventResult): EventOutcome<R> {
  // `reply` is non-null exactly when the reply passed the event's response schema.
  if (result.status === 'ok' && result.reply) return { ok: true, reply: result.reply as R, result };
  return { ok: false, message: result.error?.message ?? 'the app did not answer as expected', result };
}

/** CHECK_PERMISSIONS: may this app share for this user? */
export async function checkPermissions(appId: number): Promise<EventOutcome<CheckPermissionsResponse>> {
  const result = await api<ShareViaEventResult>(`/_spoke/apps/${appId}/share-via/CHECK_PERMISSIONS`, {
    method: 'POST',
    body: { requiredPermissions: ['upload-file'] },
  });
  return outcome(result);
}

/** Where a recipients page starts: the service's cursor, or the offset when it gives none. docs/protocol.md §3. */
export interface RecipientsCursor {
  nextPageAfter: string;
  offset: number;
}

export interface RecipientsPage {
  recipients: Recipient[];
  total: number;
  next: RecipientsCursor | null;
}

/**
 * FETCH_RECIPIENTS for one page, filtered by a name substring and, when the sender picked one, by
 * type (`recipientsFilter.type`: 0 = channel, 1 = user). docs/protocol.md §3.
 */
export async function fetchRecipients(
  appId: number,
  options: { name: string; type?: RecipientType; cursor: RecipientsCursor | null; limit?: number },
): Promise<EventOutcome<FetchRecipientsResponse> & { page: RecipientsPage | null }> {
  const limit = options.limit ?? uiLimits.shareViaRecipientsPageSize;
  const name = options.name.trim();
  const recipientsFilter = {
    ...(options.type === undefined ? {} : { type: options.type }),
    ...(name ? { name } : {}),
  };
  const payload = {
    limit,
    ...(Object.keys(recipientsFilter).length > 0 ? { recipientsFilter } : {}),
    ...(options.cursor ? { nextPageAfter: options.cursor.nextPageAfter } : {}),
  };
  const result = await api<ShareViaEventResult>(`/_spoke/apps/${appId}/share-via/FETCH_RECIPIENTS`, {
    method: 'POST',
    body: payload,
  });
  const out = outcome<FetchRecipientsResponse>(result);
  if (!out.ok) return { ...out, page: null };
  const { results, total, nextPageAfter } = out.reply.payload.recipients;
  const offset = (options.cursor?.offset ?? 0) + results.length;
  let next: RecipientsCursor | null = null;
  // Same rule as the platform: the service's cursor when given, else page by total. docs/protocol.md §3 Decision.
  if (nextPageAfter) next = { nextPageAfter, offset };
  else if (results.length > 0 && offset < total) next = { nextPageAfter: String(offset), offset };
  return { ...out, page: { recipients: results, total, next } };
}

/** Sends (or schedules) a share: the whole platform flow, ending in SHARE_OBJECT. */
export function shareReport(appId: number, input: ShareViaFlowInput): Promise<ShareViaFlowResult> {
  return api<ShareViaFlowResult>(`/_spoke/apps/${appId}/share-via/flow`, { method: 'POST', body: input });
}

/** Every share, once or recurring. */
export async function listShares(signal?: AbortSignal): Promise<Share[]> {
  return (await api<{ results: Share[] }>('/_spoke/shares', signal ? { signal } : {})).results;
}

/** A share with its sends, newest first. */
export function getShare(id: string, signal?: AbortSignal): Promise<Share & { sends: ShareSend[] }> {
  return api<Share & { sends: ShareSend[] }>(
    `/_spoke/shares/${encodeURIComponent(id)}`,
    signal ? { signal } : {},
  );
}

export function pauseShare(id: string): Promise<Share> {
  return api<Share>(`/_spoke/shares/${encodeURIComponent(id)}/pause`, { method: 'POST' });
}

export function resumeShare(id: string): Promise<Share> {
  return api<Share>(`/_spoke/shares/${encodeURIComponent(id)}/resume`, { method: 'POST' });
}

export function runShare(id: string): Promise<ShareSend> {
  return api<ShareSend>(`/_spoke/shares/${encodeURIComponent(id)}/run`, { method: 'POST' });
}

export async function deleteShare(id: string): Promise<void> {
  await api<undefined>(`/_spoke/shares/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
