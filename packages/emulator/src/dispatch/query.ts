import type { QueryField } from '@spoke/protocol';

/** A name/value pair, in the order it is sent. */
export type Field = QueryField;

// How a query is encoded lives in @spoke/protocol, so `spoke check` and the framework's test client
// write it as the emulator does. docs/protocol.md §2.2, §2.4.
export { encodeQueryFields as encodeFields } from '@spoke/protocol';

/**
 * Appends a query to an action-hook URI as HubSpot's card converter does: `&` when the URI holds a
 * `?` anywhere, else `?`, without looking further, so a URI ending in `?` gets `?&…` and one ending
 * in `&` gets `&&…` (services read the same parameters; the bytes signed differ). Drops a fragment,
 * as {@link appendQuery} does. docs/protocol.md §2.4.
 */
export function appendQueryAsConverter(url: string, query: string): string {
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  if (query === '') return base;
  return `${base}${base.includes('?') ? '&' : '?'}${query}`;
}

/** Appends an encoded query to a URL, keeping any query it already has byte for byte; drops a fragment. */
export function appendQuery(url: string, query: string): string {
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  if (query === '') return base;
  if (!base.includes('?')) return `${base}?${query}`;
  return base.endsWith('?') || base.endsWith('&') ? `${base}${query}` : `${base}&${query}`;
}
