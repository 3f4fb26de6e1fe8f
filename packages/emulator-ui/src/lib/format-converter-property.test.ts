import type { RenderedProperty } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';
import { formatConverterProperty } from './format-property.ts';

const property = (
  dataType: string,
  value: string,
  extra: Partial<RenderedProperty> = {},
): RenderedProperty => ({
  label: 'L',
  dataType,
  value,
  ...extra,
});

// Cases from the converter's components/__test__/PropertyValue.test.tsx and utils/propertyFormatters.ts.
describe('formatConverterProperty', () => {
  const cases: {
    name: string;
    input: RenderedProperty;
    options?: { locale?: string; timeZone?: string };
    text: string;
  }[] = [
    {
      name: 'CURRENCY with a code: locale money, no code chip',
      input: property('CURRENCY', '1234.56', { currencyCode: 'USD' }),
      options: { locale: 'en-US' },
      text: '$1,234.56',
    },
    {
      name: 'CURRENCY without a code: the value as sent',
      input: property('CURRENCY', '1234.56'),
      text: '1234.56',
    },
    {
      name: 'CURRENCY with a code Intl does not know: code and value',
      input: property('CURRENCY', '5', { currencyCode: 'XX1' }),
      text: 'XX1 5',
    },
    {
      name: 'DATE: the month spelled out',
      input: property('DATE', '2024-03-15'),
      options: { locale: 'en-US' },
      text: 'March 15, 2024',
    },
    { name: 'DATE that is no date: as sent', input: property('DATE', 'soon'), text: 'soon' },
    {
      name: 'DATETIME: weekday, date and time in the given time zone',
      input: property('DATETIME', '1710504000000'),
      options: { locale: 'en-US', timeZone: 'America/New_York' },
      text: 'Friday, March 15, 2024 at 8:00 AM',
    },
    { name: 'DATETIME that is no number: as sent', input: property('DATETIME', 'later'), text: 'later' },
    {
      name: 'NUMERIC: grouped in the locale',
      input: property('NUMERIC', '1234567.89'),
      options: { locale: 'en-US' },
      text: '1,234,567.89',
    },
    { name: 'NUMERIC that is no number: as sent', input: property('NUMERIC', 'many'), text: 'many' },
    {
      name: 'BOOLEAN: a type the converter does not draw, as sent',
      input: property('BOOLEAN', 'true'),
      text: 'true',
    },
    {
      name: 'an unknown type: as sent',
      input: property('UNKNOWN_TYPE', 'custom value'),
      text: 'custom value',
    },
  ];
  test.each(cases)('$name', ({ input, options, text }) => {
    expect(formatConverterProperty(input, options)).toEqual({ kind: 'text', text });
  });

  test('a lower-case email data type is still a mailto link', () => {
    expect(formatConverterProperty(property('email', 'lowercase@example.com'))).toEqual({
      kind: 'email',
      text: 'lowercase@example.com',
    });
  });

  test('LINK reads its linkLabel, else the URL', () => {
    expect(formatConverterProperty(property('LINK', 'https://example.com', { linkLabel: 'Visit' }))).toEqual({
      kind: 'link',
      text: 'Visit',
      url: 'https://example.com',
    });
    expect(formatConverterProperty(property('LINK', 'https://example.com'))).toMatchObject({
      text: 'https://example.com',
    });
  });
});
