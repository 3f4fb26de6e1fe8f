import { describe, expect, test } from 'vitest';
import { uiLimits } from './limits.ts';
import { truncate } from './truncate.ts';

describe('truncate', () => {
  test('cuts friendlyName to 24 characters and leaves shorter names alone', () => {
    expect(truncate('Enterprise support line (EMEA and APAC)', uiLimits.friendlyNameMaxLength)).toBe(
      'Enterprise support line ',
    );
    expect(truncate('Sales', uiLimits.friendlyNameMaxLength)).toBe('Sales');
  });

  test('counts characters, not UTF-16 code units, so emoji are never split', () => {
    expect(truncate('📞📞📞', 2)).toBe('📞📞');
  });
});
