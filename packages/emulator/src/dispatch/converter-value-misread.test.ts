import { describe, expect, test } from 'vitest';
import { cardFor, fetchCard } from '../../test/helpers/dispatch-fixtures.ts';

const card = cardFor('https://service.example.com/card', {
  display: { properties: [{ name: 'amount', label: 'Amount', dataType: 'CURRENCY', options: [] }] },
});

function fetchAmount(mode: 'legacy' | 'converter') {
  return fetchCard(
    { results: [{ objectId: 1, title: 'API-1', amount: { value: 94.34, currencyCode: 'GBP' } }] },
    { card, mode },
  ).result;
}

describe('a card-settings CURRENCY sent as {value, currencyCode}', () => {
  test('converter mode: the card renders [object Object], as production does, with a warning saying so', async () => {
    const { exchange, card: rendered } = await fetchAmount('converter');
    expect(exchange.outcome).toBe('ok');
    expect(rendered?.items[0]?.properties).toEqual([
      { name: 'amount', label: 'Amount', dataType: 'CURRENCY', value: '[object Object]' },
    ]);
    const warning = exchange.verdicts.find((v) => v.code === 'DISPATCH_CONVERTER_VALUE_MISREAD');
    expect(warning).toMatchObject({ severity: 'warning', path: 'results.0.amount' });
    expect(warning?.message).toContain('[object Object]');
    expect(exchange.verdicts.map((v) => v.code)).not.toContain('CARD_ACTION_OUTSIDE_BASE_URLS');
  });

  test('legacy mode: the amount in its currency, no warning', async () => {
    const { exchange, card: rendered } = await fetchAmount('legacy');
    expect(rendered?.items[0]?.properties[0]).toMatchObject({ value: '94.34', currencyCode: 'GBP' });
    expect(exchange.verdicts.map((v) => v.code)).not.toContain('DISPATCH_CONVERTER_VALUE_MISREAD');
  });
});
