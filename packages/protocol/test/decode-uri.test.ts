import { decodeUriForV3 } from '@spoke/protocol';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

// The rule as a regular expression: the twelve escapes, hex in either case, one pass.
const twelve = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;
const chars: Record<string, string> = { '3A': ':', '2F': '/', '3F': '?', '40': '@', '21': '!', '24': '$' };
Object.assign(chars, { '27': "'", '28': '(', '29': ')', '2A': '*', '2C': ',', '3B': ';' });
const byPattern = (url: string) =>
  url.replace(twelve, (_match, hex: string) => chars[hex.toUpperCase()] ?? '');

describe('decodeUriForV3', () => {
  test('decodes the twelve escapes in one pass and leaves every other one', () => {
    expect(decodeUriForV3('/card?userEmail=jane%40example.com&q=a%20b%26c%3d')).toBe(
      '/card?userEmail=jane@example.com&q=a%20b%26c%3d',
    );
    expect(decodeUriForV3('%253A%3a%3A%%3%')).toBe('%253A::%%3%');
    expect(decodeUriForV3('/plain')).toBe('/plain');
  });

  test('answers as the regular expression on URLs made of escapes, near-escapes and text', () => {
    const piece = fc.oneof(
      fc.constantFrom('%', '%3', '%3a', '%3A', '%40', '%4', '%2f', '%2F', '%25', '%20', '%3D', '%2c', '%3b'),
      fc.constantFrom('3A', 'a', '/', '?', '&', '=', '@', 'é', '\u{1F600}'),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const url = pieces.join('');
        expect(decodeUriForV3(url)).toBe(byPattern(url));
      }),
      { seed: 20261204, numRuns: 3000 },
    );
  });
});
