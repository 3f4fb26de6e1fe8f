/** A query parameter as a name/value pair, in the order it is sent. */
export type QueryField = readonly [name: string, value: string];

/**
 * How the platform writes a query. `component`: HubSpot's legacy cards, each name and value
 * escaped like `encodeURIComponent` (a space is `%20`) except `@`, which stays as HubSpot's own
 * examples write it (`userEmail=loggedinuser@hubspot.com`). `form`: the Legacy CRM Card
 * Converter, exactly `URLSearchParams` (a space is `+`, `@` is `%40`). docs/protocol.md §2.2, §2.4.
 */
export type QueryEncoding = 'component' | 'form';

// The only character HubSpot's examples show unescaped that encodeURIComponent escapes.
const component = (text: string): string => encodeURIComponent(text).replaceAll('%40', '@');

/** Encodes fields as `a=1&b=2`, the one place the emulator, `spoke check` and the test client build a query. */
export function encodeQueryFields(fields: readonly QueryField[], encoding: QueryEncoding): string {
  if (encoding === 'form')
    return new URLSearchParams(fields.map(([name, value]): [string, string] => [name, value])).toString();
  return fields.map(([name, value]) => `${component(name)}=${component(value)}`).join('&');
}
