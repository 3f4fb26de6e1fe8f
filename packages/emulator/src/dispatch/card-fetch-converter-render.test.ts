import { describe, expect, test } from 'vitest';
import { fetchCard } from '../../test/helpers/dispatch-fixtures.ts';

function fetchWith(reply: unknown, mode: 'legacy' | 'converter') {
  return fetchCard(reply, { mode }).result;
}

const sectionsReply = {
  responseVersion: 'v3',
  sections: [{ id: 's1', title: 'Ticket 1', tokens: [{ label: 'Count', dataType: 'NUMERIC', value: 3 }] }],
};

describe('dispatchCardFetch: the converter renders only the legacy results format', () => {
  test('a sections reply is the converter error state, and the exchange says why', async () => {
    const { exchange, card } = await fetchWith(sectionsReply, 'converter');
    expect(card).toBeNull();
    expect(exchange.outcome).not.toBe('ok');
    expect(exchange.error?.code).toBe('DISPATCH_REPLY_INVALID');
    expect(exchange.error?.message).toMatch(/does not support the sections format/);
    expect(exchange.error?.message).toMatch(/reply with the legacy `results` format/);
    expect(exchange.schemaIssues).toEqual([{ path: 'sections', message: exchange.error?.message }]);
  });

  test('legacy mode still renders the same sections reply', async () => {
    const { exchange, card } = await fetchWith(sectionsReply, 'legacy');
    expect(exchange.outcome).toBe('ok');
    expect(card?.format).toBe('sections');
  });

  test('a legacy reply in converter mode carries View More after three and no See more', async () => {
    const reply = { results: [{ objectId: 1, title: 'One' }], totalCount: 8, allItemsLink: 'https://x/all' };
    const { exchange, card } = await fetchWith(reply, 'converter');
    expect(exchange.outcome).toBe('ok');
    expect(card).toMatchObject({ propertiesBeforeViewMore: 3, totalCount: 1, allItemsLink: null });
  });
});
