import { describe, expect, test } from 'vitest';
import { hrefFor, parseHash } from './use-hash-route.ts';

describe('parseHash', () => {
  test('splits segments and query, decoding each segment', () => {
    const route = parseHash('#/records/contacts/51?app=1000');
    expect(route.segments).toEqual(['records', 'contacts', '51']);
    expect(route.query.get('app')).toBe('1000');
    expect(route.malformed).toBeUndefined();
    expect(parseHash(hrefFor(['records', 'a/b c'])).segments).toEqual(['records', 'a/b c']);
  });

  test.each(['#/%', '#/records/%E0', '#/inspector/%zz'])(
    'a broken escape (%s) is reported, not thrown',
    (hash) => {
      const route = parseHash(hash);
      expect(route.malformed).toBe(hash);
      expect(route.segments).toEqual([]);
    },
  );
});
