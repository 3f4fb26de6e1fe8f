import { type CrmFilter, crmSearchRequestSchema } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';
import type { CrmRecord } from '../../store/entities.ts';
import { searchRecords } from './crm-search.ts';

const at = '2026-01-15T10:00:00.000Z';
const deal = (id: string, properties: Record<string, string>): CrmRecord => ({
  id,
  objectType: 'deals',
  portalId: 62515,
  properties,
  createdAt: at,
  updatedAt: at,
});

const deals = [
  deal('1', {
    dealname: 'Alpha renewal',
    amount: '900',
    closedate: '2026-02-01T00:00:00.000Z',
    stage: 'won',
  }),
  deal('2', {
    dealname: 'Beta pilot',
    amount: '10000',
    closedate: '2026-03-01T00:00:00.000Z',
    stage: 'open',
  }),
  deal('3', { dealname: 'gamma expansion', amount: '2500.5', stage: 'lost' }),
  deal('4', { dealname: 'Delta', amount: '' }),
];

/** The ids `filters` (one group) matches among the deals. */
function ids(...filters: CrmFilter[]): string[] {
  return searchRecords(deals, 'deals', { filterGroups: [{ filters }], sorts: [] }).map((r) => r.id);
}

describe('CRM search filters, as HubSpot applies them to string values', () => {
  test('numbers compare as numbers, not as text', () => {
    expect(ids({ propertyName: 'amount', operator: 'GT', value: '1000' })).toEqual(['2', '3']);
    expect(ids({ propertyName: 'amount', operator: 'LTE', value: 900 })).toEqual(['1']);
    expect(ids({ propertyName: 'amount', operator: 'BETWEEN', value: '900', highValue: '2500.5' })).toEqual([
      '1',
      '3',
    ]);
  });

  test('dates compare by time, given as ISO or as epoch milliseconds', () => {
    const march = String(Date.parse('2026-02-15T00:00:00.000Z'));
    expect(ids({ propertyName: 'closedate', operator: 'GTE', value: march })).toEqual(['2']);
    expect(ids({ propertyName: 'closedate', operator: 'LT', value: '2026-02-15' })).toEqual(['1']);
  });

  test('text is case-insensitive; an empty value counts as no value', () => {
    expect(ids({ propertyName: 'dealname', operator: 'EQ', value: 'BETA PILOT' })).toEqual(['2']);
    expect(ids({ propertyName: 'amount', operator: 'HAS_PROPERTY' })).toEqual(['1', '2', '3']);
    expect(ids({ propertyName: 'closedate', operator: 'NOT_HAS_PROPERTY' })).toEqual(['3', '4']);
  });

  test('NEQ and NOT_IN match records without the property; IN and EQ do not', () => {
    expect(ids({ propertyName: 'stage', operator: 'NEQ', value: 'won' })).toEqual(['2', '3', '4']);
    expect(ids({ propertyName: 'stage', operator: 'IN', values: ['WON', 'lost'] })).toEqual(['1', '3']);
    expect(ids({ propertyName: 'stage', operator: 'NOT_IN', values: ['won', 'lost'] })).toEqual(['2', '4']);
  });

  test('CONTAINS_TOKEN matches a word, with * as a wildcard', () => {
    expect(ids({ propertyName: 'dealname', operator: 'CONTAINS_TOKEN', value: 'pilot' })).toEqual(['2']);
    expect(ids({ propertyName: 'dealname', operator: 'CONTAINS_TOKEN', value: 'exp*' })).toEqual(['3']);
    expect(ids({ propertyName: 'dealname', operator: 'CONTAINS_TOKEN', value: 'pil' })).toEqual([]);
    expect(ids({ propertyName: 'dealname', operator: 'NOT_CONTAINS_TOKEN', value: '*al' })).toEqual([
      '2',
      '3',
      '4',
    ]);
  });

  test('groups are ORed, filters ANDed; a sort puts records without the property last', () => {
    const found = searchRecords(deals, 'deals', {
      filterGroups: [
        { filters: [{ propertyName: 'stage', operator: 'EQ', value: 'won' }] },
        {
          filters: [
            { propertyName: 'amount', operator: 'GT', value: '100' },
            { propertyName: 'stage', operator: 'NEQ', value: 'open' },
          ],
        },
      ],
      sorts: [{ propertyName: 'amount', direction: 'DESCENDING' }],
    });
    expect(found.map((r) => r.id)).toEqual(['3', '1']);
    const sorted = searchRecords(deals, 'deals', { filterGroups: [], sorts: ['closedate'] });
    expect(sorted.map((r) => r.id)).toEqual(['1', '2', '3', '4']);
  });

  test('query searches the default searchable properties only', () => {
    expect(
      searchRecords(deals, 'deals', { filterGroups: [], sorts: [], query: 'GAMMA' }).map((r) => r.id),
    ).toEqual(['3']);
    expect(searchRecords(deals, 'deals', { filterGroups: [], sorts: [], query: 'won' })).toEqual([]);
  });
});

describe('the search request schema', () => {
  test('counts filters across groups against HubSpot limit of 25', () => {
    const group = {
      filters: Array.from({ length: 9 }, () => ({ propertyName: 'a', operator: 'HAS_PROPERTY' })),
    };
    expect(crmSearchRequestSchema.safeParse({ filterGroups: [group, group] }).success).toBe(true);
    const result = crmSearchRequestSchema.safeParse({ filterGroups: [group, group, group] });
    expect(result.error?.issues.map((i) => i.message)).toEqual(['at most 25 filters in all (got 27)']);
  });

  test('BETWEEN needs both ends and IN a list', () => {
    const result = crmSearchRequestSchema.safeParse({
      filterGroups: [
        {
          filters: [
            { propertyName: 'a', operator: 'BETWEEN', value: '1' },
            { propertyName: 'a', operator: 'IN', value: '1' },
          ],
        },
      ],
    });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['filterGroups.0.filters.0.highValue', 'BETWEEN needs highValue (the high end)'],
      ['filterGroups.0.filters.1.values', 'IN needs values, a list of at least one value'],
    ]);
  });
});
