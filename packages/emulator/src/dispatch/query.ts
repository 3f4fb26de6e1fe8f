/** A name/value pair, in the order it is sent. */
export type Field = readonly [name: string, value: string];

/**
 * How a query is encoded: `component` = `encodeURIComponent` (space `%20`, HubSpot's legacy cards,
 * as in docs/protocol.md §1's v3 vector); `form` = `URLSearchParams` (space `+`, the converter, docs/protocol.md §2.4).
 */
export type QueryEncoding = 'component' | 'form';

/** Encodes fields as `a=1&b=2`. */
export function encodeFields(fields: readonly Field[], encoding: QueryEncoding): string {
  if (encoding === 'form')
    return new URLSearchParams(fields.map(([name, value]): [string, string] => [name, value])).toString();
  return fields.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
}

/** Appends an encoded query to a URL, keeping any query it already has byte for byte; drops a fragment. */
export function appendQuery(url: string, query: string): string {
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  if (query === '') return base;
  if (!base.includes('?')) return `${base}?${query}`;
  return base.endsWith('?') || base.endsWith('&') ? `${base}${query}` : `${base}&${query}`;
}
