import type { RenderedProperty } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';
import { formatProperty } from './format-property.ts';

const p = (dataType: string, value: string, extra: Partial<RenderedProperty> = {}): RenderedProperty => ({
  label: 'x',
  dataType,
  value,
  ...extra,
});

describe('formatProperty', () => {
  test('formats CURRENCY with its code and the locale', () => {
    expect(formatProperty(p('CURRENCY', '1234.5', { currencyCode: 'GBP' }))).toEqual({
      kind: 'currency',
      text: '£1,234.50',
      currencyCode: 'GBP',
    });
    expect(formatProperty(p('CURRENCY', '1234.5', { currencyCode: 'EUR' }), { locale: 'de-DE' }).text).toBe(
      '1.234,50\u00a0€',
    );
  });

  test('flags a CURRENCY whose code is not ISO 4217 or whose value is not a number', () => {
    expect(formatProperty(p('CURRENCY', '12', { currencyCode: 'POUNDS' }))).toMatchObject({
      kind: 'invalid',
    });
    expect(formatProperty(p('CURRENCY', 'twelve', { currencyCode: 'GBP' }))).toMatchObject({
      kind: 'invalid',
    });
  });

  test('formats DATE as a calendar day whatever the time zone', () => {
    expect(formatProperty(p('DATE', '2016-09-15'))).toEqual({
      kind: 'date',
      text: 'Sep 15, 2016',
      iso: '2016-09-15',
    });
    expect(formatProperty(p('DATE', '15/09/2016'))).toMatchObject({ kind: 'invalid' });
  });

  test('flags a DATE that is not a day of the calendar instead of rolling it over', () => {
    for (const value of ['2023-13-45', '2023-02-30']) {
      expect(formatProperty(p('DATE', value))).toEqual({
        kind: 'invalid',
        text: value,
        problem: 'not a day of the calendar',
      });
    }
    expect(formatProperty(p('DATE', '2024-02-29')).text).toBe('Feb 29, 2024');
  });

  test("formats dates, numbers and money in the user's locale", () => {
    expect(formatProperty(p('DATE', '2026-12-01'), { locale: 'de-DE' }).text).toBe('01.12.2026');
    expect(formatProperty(p('DATE', '2026-12-01'), { locale: 'en-GB' }).text).toBe('1 Dec 2026');
    expect(formatProperty(p('NUMERIC', '1234567.5'), { locale: 'fr-FR' }).text).toBe('1\u202f234\u202f567,5');
    expect(formatProperty(p('CURRENCY', '94.34', { currencyCode: 'GBP' }), { locale: 'ja-JP' }).text).toBe(
      '£94.34',
    );
    expect(formatProperty(p('DATETIME', '1700000000000'), { locale: 'de-DE', timeZone: 'UTC' }).text).toBe(
      '14.11.2023, 22:13',
    );
  });

  test('formats DATETIME from epoch milliseconds', () => {
    expect(formatProperty(p('DATETIME', '1700000000000'), { timeZone: 'UTC' })).toEqual({
      kind: 'date',
      text: 'Nov 14, 2023, 10:13 PM',
      iso: '2023-11-14T22:13:20.000Z',
    });
    expect(formatProperty(p('DATETIME', '2023-11-14'))).toMatchObject({ kind: 'invalid' });
  });

  test('formats NUMERIC with grouping and keeps EMAIL, LINK and STRING as text', () => {
    expect(formatProperty(p('NUMERIC', '12345.5')).text).toBe('12,345.5');
    expect(formatProperty(p('EMAIL', 'a@b.c'))).toEqual({ kind: 'email', text: 'a@b.c' });
    expect(formatProperty(p('LINK', 'https://x.test', { linkLabel: 'Open' }))).toEqual({
      kind: 'link',
      text: 'Open',
      url: 'https://x.test',
    });
    expect(formatProperty(p('LINK', 'https://x.test')).text).toBe('https://x.test');
    expect(formatProperty(p('STRING', '<b>bold</b>'))).toEqual({ kind: 'text', text: '<b>bold</b>' });
  });

  test('colours STATUS by optionType, DEFAULT for an unknown one', () => {
    expect(formatProperty(p('STATUS', 'Open', { optionType: 'DANGER' }))).toEqual({
      kind: 'status',
      text: 'Open',
      optionType: 'DANGER',
    });
    expect(formatProperty(p('STATUS', 'Open', { optionType: 'PURPLE' }))).toMatchObject({
      optionType: 'DEFAULT',
    });
  });

  test('shows BOOLEAN as Yes or No and flags anything else', () => {
    expect(formatProperty(p('BOOLEAN', 'true')).text).toBe('Yes');
    expect(formatProperty(p('BOOLEAN', 'false')).text).toBe('No');
    expect(formatProperty(p('BOOLEAN', 'yes'))).toMatchObject({ kind: 'invalid' });
  });

  test('flags an unknown data type', () => {
    expect(formatProperty(p('COLOUR', 'red'))).toEqual({
      kind: 'invalid',
      text: 'red',
      problem: 'unknown data type COLOUR',
    });
  });
});
