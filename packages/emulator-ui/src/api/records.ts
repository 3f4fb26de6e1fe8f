import type { RenderedAction } from '@spoke/protocol';
import { api } from './http.ts';
import type { ActionResult, CrmObjectType, CrmRecord, OpenRecordResult } from './types.ts';

/** Records of a type whose name contains `q` (all when empty), of every portal or of `portalId`'s. */
export async function searchRecords(
  objectType: CrmObjectType,
  q: string,
  signal?: AbortSignal,
  portalId?: number | null,
): Promise<CrmRecord[]> {
  const params = [
    ...(q.trim() ? [`q=${encodeURIComponent(q.trim())}`] : []),
    ...(portalId === undefined || portalId === null ? [] : [`portalId=${portalId}`]),
  ];
  const query = params.length > 0 ? `?${params.join('&')}` : '';
  return (
    await api<{ results: CrmRecord[] }>(`/_spoke/records/${objectType}${query}`, signal ? { signal } : {})
  ).results;
}

/**
 * Opens a record page: the emulator fetches every card for the type (signed data fetches) and
 * answers the cards as HubSpot would draw them. `appId` limits it to one app's cards.
 */
export function openRecord(
  record: Pick<CrmRecord, 'objectType' | 'id'>,
  options: { appId?: number } = {},
  signal?: AbortSignal,
): Promise<OpenRecordResult> {
  return api<OpenRecordResult>(`/_spoke/records/${record.objectType}/${record.id}/cards`, {
    method: 'POST',
    body: options,
    ...(signal ? { signal } : {}),
  });
}

/** Runs a card action as the platform would: an action hook call, or the IFRAME URL to open. */
export function runAction(
  record: Pick<CrmRecord, 'objectType' | 'id'>,
  input: { appId: number; cardId: string; action: RenderedAction },
): Promise<ActionResult> {
  return api<ActionResult>(`/_spoke/records/${record.objectType}/${record.id}/actions`, {
    method: 'POST',
    body: input,
  });
}

/** One record. */
export function getRecord(objectType: CrmObjectType, id: string, signal?: AbortSignal): Promise<CrmRecord> {
  return api<CrmRecord>(`/_spoke/records/${objectType}/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

/** Sets a portal's time zone (IANA, such as `Europe/Berlin`); the emulator refuses one `Intl` does not know with a 400. */
export function setPortalTimeZone(
  portalId: number,
  timeZone: string,
): Promise<{ id: number; timeZone?: string }> {
  return api(`/_spoke/portals/${portalId}`, { method: 'PATCH', body: { timeZone } });
}

/** Sets a user's locale (BCP 47); the emulator refuses one `Intl` does not know with a 400. */
export function setUserLocale(userId: number, locale: string): Promise<{ id: number; locale?: string }> {
  return api(`/_spoke/users/${userId}`, { method: 'PATCH', body: { locale } });
}
