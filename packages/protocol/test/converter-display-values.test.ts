import { type DisplayProperty, normalizeCardResponse, parseCardResponse } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';

const displayProperties: DisplayProperty[] = [
  { name: 'amount', label: 'Amount', dataType: 'CURRENCY', options: [] },
  { name: 'Owner', label: 'Owner', dataType: 'STRING', options: [] },
  { name: 'priority', label: 'Priority', dataType: 'STRING', options: [] },
];

function normalize(
  item: Record<string, unknown>,
  mode: 'legacy' | 'converter',
  definitions: DisplayProperty[] = displayProperties,
) {
  const parsed = parseCardResponse({ results: [{ objectId: 1, title: 'One', ...item }] });
  if (parsed.format !== 'legacy' || !parsed.result.success) throw new Error('fixture must be valid');
  const { card, violations, warnings } = normalizeCardResponse(
    { format: 'legacy', value: parsed.result.data },
    { displayProperties: definitions, baseUrls: ['https://svc.example.com/'], mode, currencyCode: 'EUR' },
  );
  return { properties: card.items[0]?.properties ?? [], violations, warnings };
}

// Cases from HubSpot's Legacy CRM Card Converter, utils/propertyUtils.ts (convertObjectToProperties:
// `value: String(value)`, no currencyCode, keys objectId/title/actions/properties/link skipped, and
// the labels of properties[] excluded as keys) and utils/propertyFormatters.ts (formatCurrency).
describe('card-settings values in converter mode', () => {
  const cases = [
    {
      name: 'a bare CURRENCY amount carries no currency (not the account one): shown as sent',
      item: { amount: 94.34 },
      shown: [{ name: 'amount', label: 'Amount', dataType: 'CURRENCY', value: '94.34' }],
      warned: [],
    },
    {
      name: 'a boxed CURRENCY reads [object Object]',
      item: { amount: { value: 94.34, currencyCode: 'GBP' } },
      shown: [{ name: 'amount', label: 'Amount', dataType: 'CURRENCY', value: '[object Object]' }],
      warned: ['results.0.amount'],
    },
    {
      name: 'a display property named like a properties[] label is not shown',
      item: {
        Owner: 'Ada',
        priority: 'high',
        properties: [{ label: 'Owner', dataType: 'STRING', value: 'Grace' }],
      },
      shown: [
        { name: 'priority', label: 'Priority', dataType: 'STRING', value: 'high' },
        { label: 'Owner', dataType: 'STRING', value: 'Grace' },
      ],
      warned: ['results.0.Owner'],
    },
  ];
  test.each(cases)('$name', ({ item, shown, warned }) => {
    const { properties, violations, warnings } = normalize(item, 'converter');
    expect(properties).toEqual(shown);
    expect(violations).toEqual([]);
    expect(warnings.map((w) => w.path)).toEqual(warned);
  });

  test('a display property named title (or link, objectId…) is not shown: the converter skips those keys', () => {
    const definitions: DisplayProperty[] = [
      { name: 'title', label: 'Title', dataType: 'STRING', options: [] },
      ...displayProperties,
    ];
    const converter = normalize({ priority: 'high' }, 'converter', definitions);
    expect(converter.properties.map((p) => p.name)).toEqual(['priority']);
    expect(converter.warnings.map((w) => w.path)).toEqual(['results.0.title']);
    expect(converter.warnings[0]?.message).toContain("never reads an item's title as a card-settings value");
    expect(normalize({ priority: 'high' }, 'legacy', definitions).properties.map((p) => p.value)).toEqual([
      'One',
      'high',
    ]);
  });

  test('the warnings say what production shows and how to fix it', () => {
    const boxed = normalize({ amount: { value: 1, currencyCode: 'GBP' } }, 'converter').warnings[0];
    expect(boxed?.message).toContain('in production the card shows "[object Object]" for Amount');
    expect(boxed?.message).toContain('Send the amount as a number');
    const dropped = normalize(
      { Owner: 'Ada', properties: [{ label: 'Owner', dataType: 'STRING', value: 'x' }] },
      'converter',
    ).warnings[0];
    expect(dropped?.message).toContain('does not show the display property "Owner"');
    expect(dropped?.message).toContain('Rename one of them');
  });

  test('legacy mode unboxes CURRENCY, uses the account currency for a bare amount and shows every property', () => {
    expect(normalize({ amount: 94.34 }, 'legacy').properties).toEqual([
      { name: 'amount', label: 'Amount', dataType: 'CURRENCY', value: '94.34', currencyCode: 'EUR' },
    ]);
    expect(
      normalize({ amount: { value: 94.34, currencyCode: 'GBP' } }, 'legacy').properties[0],
    ).toMatchObject({
      value: '94.34',
      currencyCode: 'GBP',
    });
    const { properties, warnings } = normalize(
      { Owner: 'Ada', properties: [{ label: 'Owner', dataType: 'STRING', value: 'Grace' }] },
      'legacy',
    );
    expect(properties.map((p) => p.value)).toEqual(['Ada', 'Grace']);
    expect(warnings).toEqual([]);
  });

  test('a legacy-invalid currency code is still refused in converter mode, as before', () => {
    const { violations } = normalize({ amount: { value: 1, currencyCode: 'XX1' } }, 'converter');
    expect(violations.map((v) => v.path)).toEqual(['results.0.amount.currencyCode']);
  });
});
