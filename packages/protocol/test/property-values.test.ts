import {
  type DisplayProperty,
  isCalendarDate,
  isCurrencyCode,
  isSurelyValidLegacyCardResponse,
  normalizeCardResponse,
  parseCardResponse,
  schemaIssues,
} from '@spoke/protocol';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

function issuesOf(reply: unknown) {
  const parsed = parseCardResponse(reply);
  return parsed.result.success ? [] : schemaIssues(parsed.result.error);
}

function legacy(property: Record<string, unknown>) {
  return { results: [{ objectId: 1, title: 'One', properties: [{ label: 'P', ...property }] }] };
}

describe('ISO 4217 currency codes', () => {
  test('a code of the list passes; XYZ and a lower-case code are refused naming the field', () => {
    expect(isCurrencyCode('GBP')).toBe(true);
    expect(isCurrencyCode('XCG')).toBe(true);
    expect(isCurrencyCode('XYZ')).toBe(false);
    expect(issuesOf(legacy({ dataType: 'CURRENCY', value: '94.34', currencyCode: 'GBP' }))).toEqual([]);
    expect(issuesOf(legacy({ dataType: 'CURRENCY', value: '94.34', currencyCode: 'XYZ' }))).toEqual([
      {
        path: 'results.0.properties.0.currencyCode',
        message: expect.stringContaining('"XYZ" is not one'),
      },
    ]);
    expect(issuesOf(legacy({ dataType: 'CURRENCY', value: '1', currencyCode: 'usd' }))).toEqual([
      { path: 'results.0.properties.0.currencyCode', message: expect.stringContaining('ISO 4217') },
    ]);
  });

  test("the framework's fast path does not wave XYZ through", () => {
    expect(
      isSurelyValidLegacyCardResponse(legacy({ dataType: 'CURRENCY', value: 1, currencyCode: 'EUR' })),
    ).toBe(true);
    expect(
      isSurelyValidLegacyCardResponse(legacy({ dataType: 'CURRENCY', value: 1, currencyCode: 'XYZ' })),
    ).toBe(false);
  });
});

describe('impossible dates', () => {
  test.each(['2023-13-45', '2023-02-30', '2023-02-29', '2023-04-31', '2023-00-10'])(
    '%s is refused',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
      expect(issuesOf(legacy({ dataType: 'DATE', value }))).toEqual([
        {
          path: 'results.0.properties.0.value',
          message: `"${value}" is not a day of the calendar (yyyy-mm-dd)`,
        },
      ]);
      expect(isSurelyValidLegacyCardResponse(legacy({ dataType: 'DATE', value }))).toBe(false);
    },
  );

  test('agrees with a Date built from the same year, month and day, on every kind of year', () => {
    const byDate = (year: number, month: number, day: number) => {
      const date = new Date(Date.UTC(2000, month - 1, day));
      date.setUTCFullYear(year);
      return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    };
    const pad = (value: number, width: number) => String(value).padStart(width, '0');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 9999 }),
          fc.constantFrom(0, 1600, 1700, 1900, 2000, 2023, 2024, 2100),
        ),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        (year, month, day) => {
          const value = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          expect(isCalendarDate(value), value).toBe(byDate(year, month, day));
        },
      ),
      { numRuns: 5000 },
    );
    for (const year of [1900, 2000, 2023, 2024])
      for (let month = 1; month <= 12; month++)
        for (let day = 28; day <= 32; day++)
          expect(isCalendarDate(`${year}-${pad(month, 2)}-${pad(day, 2)}`)).toBe(byDate(year, month, day));
  });

  test('real days pass, 29 February of a leap year included', () => {
    for (const value of ['2024-02-29', '2000-02-29', '2023-12-31', '0001-01-01']) {
      expect(isCalendarDate(value), value).toBe(true);
      expect(issuesOf(legacy({ dataType: 'DATE', value }))).toEqual([]);
    }
  });
});

describe('card-settings and sections values', () => {
  const displayProperties: DisplayProperty[] = [
    { name: 'impact', label: 'Impact', dataType: 'CURRENCY', options: [] },
    { name: 'due', label: 'Due', dataType: 'DATE', options: [] },
  ];
  function normalize(reply: unknown) {
    const parsed = parseCardResponse(reply);
    if (!parsed.result.success) throw new Error('fixture must pass the schema');
    const response =
      parsed.format === 'legacy'
        ? { format: 'legacy' as const, value: parsed.result.data as never }
        : { format: 'sections' as const, value: parsed.result.data as never };
    return normalizeCardResponse(response, { displayProperties, baseUrls: [], currencyCode: 'EUR' });
  }

  test("a card-settings CURRENCY renders with the account's currency, or the code given with its value", () => {
    const { card, violations } = normalize({
      results: [
        { objectId: 1, title: 'A', impact: 94.34 },
        { objectId: 2, title: 'B', impact: { value: '12.5', currencyCode: 'GBP' } },
      ],
    });
    expect(violations).toEqual([]);
    expect(card.items.map((item) => item.properties[0])).toEqual([
      { name: 'impact', label: 'Impact', dataType: 'CURRENCY', value: '94.34', currencyCode: 'EUR' },
      { name: 'impact', label: 'Impact', dataType: 'CURRENCY', value: '12.5', currencyCode: 'GBP' },
    ]);
  });

  test('a card-settings value it cannot show is a violation naming it', () => {
    const { violations } = normalize({
      results: [{ objectId: 1, title: 'A', impact: { value: 3, currencyCode: 'XYZ' }, due: '2023-02-30' }],
    });
    expect(violations).toEqual([
      { path: 'results.0.impact.currencyCode', message: expect.stringContaining('"XYZ" is not one') },
      { path: 'results.0.due', message: '"2023-02-30" is not a day of the calendar (yyyy-mm-dd)' },
    ]);
  });

  test('a sections token with a bad currency or date is a violation naming the field', () => {
    const { violations } = normalize({
      sections: [
        {
          id: 1,
          title: 'A',
          tokens: [
            { label: 'Impact', dataType: 'CURRENCY', value: 3, currencyCode: 'XYZ' },
            { label: 'Due', dataType: 'DATE', value: '2023-13-45' },
            { label: 'Fine', dataType: 'CURRENCY', value: 3, currencyCode: 'JPY' },
          ],
        },
      ],
    });
    expect(violations.map((v) => v.path)).toEqual([
      'sections.0.tokens.0.currencyCode',
      'sections.0.tokens.1.value',
    ]);
  });
});
