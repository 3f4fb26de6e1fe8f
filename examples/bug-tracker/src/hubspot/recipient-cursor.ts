/**
 * The opaque `nextPageAfter` cursor of FETCH_RECIPIENTS: the offset of the next page, base64url.
 * The documented reply has no cursor; Spoke's platform pages with one when present (docs/protocol.md §3).
 */
export function encodeRecipientCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

/** The offset a cursor stands for; null for anything `encodeRecipientCursor` did not make. */
export function decodeRecipientCursor(cursor: string): number | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null || !('offset' in value)) return null;
    const { offset } = value;
    return typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0 ? offset : null;
  } catch {
    return null;
  }
}
