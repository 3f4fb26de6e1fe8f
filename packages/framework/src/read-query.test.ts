import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fromSearchParams, readQuery } from './read-query.ts';

// Separators, escapes (valid, invalid, multi-byte, surrogate halves) and plain text, so generated
// queries take the fast split and the URLSearchParams fallback alike.
const parts = fc.constantFrom(
  '&',
  '=',
  '+',
  '?',
  '%',
  '%2',
  '%20',
  '%2B',
  '%26',
  '%3D',
  '%40',
  '%zz',
  '%C3%A9',
  '%E2%82',
  '%FF',
  '%ED%A0%80',
  'a',
  'B',
  '0',
  '_',
  ' ',
  'é',
  '€',
  '__proto__',
  'constructor',
  '\uD800',
  '😀',
);
const queries = fc.array(parts, { maxLength: 20 }).map((items) => items.join(''));

describe('readQuery', () => {
  test('reads any query exactly as URLSearchParams does, first value winning', () => {
    fc.assert(
      fc.property(queries, (query) => {
        expect(readQuery(query)).toEqual(fromSearchParams(new URLSearchParams(query)));
      }),
      { seed: 8_2026, numRuns: 3000 },
    );
  });

  test('reads a card fetch query', () => {
    expect(readQuery('?userId=1&userEmail=a%40b.co&name=Ada+L&userId=2&flag')).toEqual({
      userId: '1',
      userEmail: 'a@b.co',
      name: 'Ada L',
      flag: '',
    });
  });

  test('keeps a __proto__ key as a plain field', () => {
    const record = readQuery('__proto__=x&a=1');
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record)).toEqual(['__proto__', 'a']);
  });
});
