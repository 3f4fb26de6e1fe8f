/** Cuts `text` to at most `max` characters (code points), as HubSpot does for friendlyName. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('');
}
