import { SpokeCliError } from '../errors.ts';

/**
 * Turns repeated `--header 'Name: value'` options into a record that keeps every value of a
 * repeated header (the verifier reports a conflict rather than picking one).
 */
export function parseHeaderOptions(values: readonly string[]): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const raw of values) {
    const colon = raw.indexOf(':');
    const name = colon > 0 ? raw.slice(0, colon).trim() : '';
    if (name === '' || /\s/.test(name)) {
      throw new SpokeCliError(
        'CLI_OPTION_INVALID',
        `--header ${JSON.stringify(raw)} is not 'Name: value'. Pass each header as --header 'X-HubSpot-Signature-v3: …'.`,
      );
    }
    // Only the space after the colon is syntax; keep the value byte-exact otherwise.
    const value = raw.slice(colon + 1).replace(/^[ \t]+/, '');
    const key = name.toLowerCase();
    headers[key] = [...(headers[key] ?? []), value];
  }
  return headers;
}
