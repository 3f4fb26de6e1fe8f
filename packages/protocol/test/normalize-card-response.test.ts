import { type DisplayProperty, normalizeCardResponse, parseCardResponse } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';

const displayProperties: DisplayProperty[] = [
  { name: 'due', label: 'Due', dataType: 'DATE', options: [] },
  {
    name: 'state',
    label: 'State',
    dataType: 'STATUS',
    options: [{ name: 'open', label: 'Open', type: 'WARNING' }],
  },
];

function normalize(reply: unknown, mode: 'legacy' | 'converter' = 'legacy') {
  const parsed = parseCardResponse(reply);
  if (!parsed.result.success) throw new Error('fixture must be valid');
  const response =
    parsed.format === 'legacy'
      ? { format: 'legacy' as const, value: parsed.result.data as never }
      : { format: 'sections' as const, value: parsed.result.data as never };
  return normalizeCardResponse(response, {
    displayProperties,
    baseUrls: ['https://svc.example.com/'],
    mode,
  });
}

describe('normalizeCardResponse', () => {
  test('puts definition properties first, in definition order, then the item properties', () => {
    const { card } = normalize({
      results: [
        {
          objectId: 1,
          title: 'One',
          state: 'open',
          due: '2026-12-01',
          properties: [{ label: 'Votes', dataType: 'NUMERIC', value: 3 }],
        },
      ],
    });
    expect(card.items[0]?.properties.map((p) => p.label)).toEqual(['Due', 'State', 'Votes']);
    expect(card.items[0]?.properties[1]).toMatchObject({ value: 'Open', optionType: 'WARNING' });
  });

  test('accepts allItemsLinkUrl and cardLabel as aliases', () => {
    const { card } = normalize({
      results: [],
      totalCount: 9,
      allItemsLinkUrl: 'https://x/all',
      cardLabel: 'All',
    });
    expect(card).toMatchObject({ totalCount: 9, allItemsLink: 'https://x/all', itemLabel: 'All' });
  });

  test('flags an action uri outside baseUrls with its path', () => {
    const { violations } = normalize({
      results: [
        {
          objectId: 1,
          title: 'x',
          actions: [{ type: 'ACTION_HOOK', uri: 'https://evil.example.com/x', label: 'Go' }],
        },
      ],
    });
    expect(violations).toEqual([expect.objectContaining({ path: 'results.0.actions.0.uri' })]);
  });

  test('a relative uri fails the card in legacy mode and is a warning in converter mode', () => {
    const reply = {
      results: [
        { objectId: 1, title: 'x', actions: [{ type: 'ACTION_HOOK', uri: '/close', label: 'Close' }] },
      ],
    };
    const converter = normalize(reply, 'converter');
    expect(converter.violations).toEqual([]);
    expect(converter.warnings).toEqual([
      {
        path: 'results.0.actions.0.uri',
        message: expect.stringContaining("a click shows \"Error: Action URI: '/close' does not share"),
      },
    ]);
    expect(normalize(reply, 'legacy').violations).toHaveLength(1);
    expect(normalize(reply, 'legacy').warnings).toEqual([]);
  });

  test('maps the sections format to the same model, with confirmation texts', () => {
    const { card, violations } = normalize({
      sections: [
        {
          id: 's1',
          title: 'Section',
          linkUrl: 'https://x/1',
          tokens: [{ name: 'amount', label: 'Amount', dataType: 'CURRENCY', value: 5, currencyCode: 'EUR' }],
          actions: [
            {
              type: 'ACTION_HOOK',
              url: 'https://svc.example.com/delete',
              httpMethod: 'DELETE',
              confirmation: { prompt: 'Sure?', confirmButtonLabel: 'Yes', cancelButtonLabel: 'No' },
            },
          ],
        },
      ],
    });
    expect(violations).toEqual([]);
    expect(card.items[0]).toMatchObject({ objectId: 's1', title: 'Section', link: 'https://x/1' });
    expect(card.items[0]?.actions[0]).toMatchObject({
      type: 'CONFIRMATION_ACTION_HOOK',
      httpMethod: 'DELETE',
      confirmation: { message: 'Sure?', confirmButtonText: 'Yes', cancelButtonText: 'No' },
    });
  });

  test('reports an unknown token data type', () => {
    const { violations } = normalize({
      sections: [{ id: 1, title: 't', tokens: [{ dataType: 'HOLOGRAM', value: 'x' }] }],
    });
    expect(violations[0]?.path).toBe('sections.0.tokens.0.dataType');
  });

  test('defaults confirmation buttons to OK and Cancel', () => {
    const { card } = normalize({
      results: [],
      primaryAction: {
        type: 'CONFIRMATION_ACTION_HOOK',
        uri: 'https://svc.example.com/x',
        confirmationMessage: 'Delete?',
      },
    });
    expect(card.primaryAction?.confirmation).toEqual({
      message: 'Delete?',
      confirmButtonText: 'OK',
      cancelButtonText: 'Cancel',
    });
  });
});

// Cases from HubSpot's Legacy CRM Card Converter (components/__test__/PropertyValue.test.tsx and
// utils/__test__/propertyUtils.test.ts): a STATUS resolves through the definition or is "Invalid property".
describe('normalizeCardResponse in converter mode: STATUS as the converter resolves it', () => {
  const cases: {
    name: string;
    item: Record<string, unknown>;
    expected: Record<string, unknown>;
  }[] = [
    {
      name: 'a display property whose value is one of its options shows the option',
      item: { state: 'open' },
      expected: { label: 'State', value: 'Open', optionType: 'WARNING' },
    },
    {
      name: 'a display property whose value is none of its options is Invalid property',
      item: { state: 'closed' },
      expected: { label: 'State', value: 'closed', invalidStatus: true },
    },
    {
      name: 'a properties[] item named after a STATUS display property resolves through it, optionType ignored',
      item: {
        properties: [{ name: 'state', label: 'S', dataType: 'STATUS', value: 'open', optionType: 'DANGER' }],
      },
      expected: { label: 'S', value: 'Open', optionType: 'WARNING' },
    },
    {
      name: 'a properties[] item without a name is Invalid property whatever its optionType',
      item: { properties: [{ label: 'S', dataType: 'STATUS', value: 'Active', optionType: 'SUCCESS' }] },
      expected: { label: 'S', value: 'Active', invalidStatus: true },
    },
    {
      name: 'a properties[] item named after no display property is Invalid property',
      item: {
        properties: [
          { name: 'unknown_status', label: 'S', dataType: 'STATUS', value: 'open', optionType: 'INFO' },
        ],
      },
      expected: { label: 'S', value: 'open', invalidStatus: true },
    },
    {
      name: 'a properties[] item named after a display property that is not a STATUS is Invalid property',
      item: {
        properties: [{ name: 'due', label: 'S', dataType: 'STATUS', value: 'open', optionType: 'INFO' }],
      },
      expected: { label: 'S', value: 'open', invalidStatus: true },
    },
  ];
  test.each(cases)('$name', ({ item, expected }) => {
    const { card, violations } = normalize(
      { results: [{ objectId: 1, title: 'One', ...item }] },
      'converter',
    );
    expect(violations).toEqual([]);
    const property = card.items[0]?.properties[0];
    expect(property).toMatchObject(expected);
    if (!('invalidStatus' in expected)) expect(property).not.toHaveProperty('invalidStatus');
    if ('invalidStatus' in expected) expect(property).not.toHaveProperty('optionType');
  });

  test('legacy mode keeps the reply optionType and the DEFAULT badge', () => {
    const { card } = normalize({
      results: [
        {
          objectId: 1,
          title: 'One',
          state: 'closed',
          properties: [{ label: 'S', dataType: 'STATUS', value: 'Active', optionType: 'SUCCESS' }],
        },
      ],
    });
    expect(card.items[0]?.properties).toEqual([
      { name: 'state', label: 'State', dataType: 'STATUS', value: 'closed', optionType: 'DEFAULT' },
      { label: 'S', dataType: 'STATUS', value: 'Active', optionType: 'SUCCESS' },
    ]);
  });

  test('walks the item keys in their own order, as the converter does', () => {
    const { card } = normalize(
      { results: [{ objectId: 1, title: 'One', state: 'open', due: '2026-12-01' }] },
      'converter',
    );
    expect(card.items[0]?.properties.map((p) => p.name)).toEqual(['state', 'due']);
  });

  test('has no See more (totalCount and allItemsLink unread) and shows three properties before View More', () => {
    const reply = { results: [{ objectId: 1, title: 'One' }], totalCount: 9, allItemsLink: 'https://x/all' };
    expect(normalize(reply, 'converter').card).toMatchObject({
      totalCount: 1,
      allItemsLink: null,
      propertiesBeforeViewMore: 3,
    });
    const legacy = normalize(reply).card;
    expect(legacy).toMatchObject({ totalCount: 9, allItemsLink: 'https://x/all' });
    expect(legacy).not.toHaveProperty('propertiesBeforeViewMore');
  });
});
