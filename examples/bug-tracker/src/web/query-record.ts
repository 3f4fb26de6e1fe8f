import type { RecordRef } from '../domain/issue.ts';

/** The record named by `portalId`, `objectType` and `objectId` in a query, or null when any is missing or malformed. */
export function queryRecord(query: URLSearchParams): RecordRef | null {
  const portalId = query.get('portalId') ?? '';
  const objectType = query.get('objectType') ?? '';
  const objectId = query.get('objectId') ?? '';
  if (!/^\d{1,15}$/.test(portalId) || !/^[A-Z_]{1,40}$/.test(objectType) || !/^\d{1,30}$/.test(objectId))
    return null;
  return { portalId: Number(portalId), objectType, objectId };
}

/** A positive whole number from a query or path, or null. */
export function positiveInt(text: string | null | undefined): number | null {
  if (text === null || text === undefined || !/^\d{1,15}$/.test(text)) return null;
  const value = Number(text);
  return value > 0 ? value : null;
}
