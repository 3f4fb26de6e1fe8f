import type { Emulator, OpenRecordResult } from '@spoke/emulator';
import { afterEach, describe, expect, test } from 'vitest';
import { fakeService, json } from './helpers/fake-service.ts';
import { call, cardBody, testEmulator, withKey } from './helpers/test-emulator.ts';

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

// Card settings as HubSpot's "Card properties" tab defines them: a CURRENCY, a DATE and a STATUS.
const displayProperties = [
  { name: 'impact', label: 'Impact', dataType: 'CURRENCY' },
  { name: 'due', label: 'Due', dataType: 'DATE' },
  {
    name: 'state',
    label: 'State',
    dataType: 'STATUS',
    options: [{ name: 'open', label: 'Open', type: 'WARNING' }],
  },
];

async function open(item: Record<string, unknown>) {
  const service = fakeService(() => json({ results: [{ objectId: 1, title: 'One', link: null, ...item }] }));
  emulator = await testEmulator({ fetch: service.fetch });
  const body = cardBody();
  await call(emulator, 'POST', withKey('/crm/v3/extensions/cards-dev/1000'), {
    ...body,
    display: { properties: displayProperties },
  });
  const contacts = await call<{ results: { id: string }[] }>(emulator, 'GET', '/_spoke/records/contacts');
  const id = contacts.body.results[0]?.id;
  return (await call<OpenRecordResult>(emulator, 'POST', `/_spoke/records/contacts/${id}/cards`)).body;
}

describe('card-settings properties on the record page', () => {
  test('a CURRENCY renders in the account currency or with the code given beside its value', async () => {
    const opened = await open({ impact: 94.34, due: '2024-02-29', state: 'open' });
    expect(opened.cards[0]?.status).toBe('ok');
    expect(opened.cards[0]?.items[0]?.properties).toEqual([
      { name: 'impact', label: 'Impact', dataType: 'CURRENCY', value: '94.34', currencyCode: 'USD' },
      { name: 'due', label: 'Due', dataType: 'DATE', value: '2024-02-29' },
      { name: 'state', label: 'State', dataType: 'STATUS', value: 'Open', optionType: 'WARNING' },
    ]);
    const boxed = await open({ impact: { value: '12', currencyCode: 'JPY' } });
    expect(boxed.cards[0]?.items[0]?.properties[0]).toMatchObject({ value: '12', currencyCode: 'JPY' });
  });

  test('an impossible date or an unknown currency fails the card naming the field', async () => {
    const opened = await open({ impact: { value: 1, currencyCode: 'XYZ' }, due: '2023-13-45' });
    const card = opened.cards[0];
    expect(card?.status).toBe('error');
    expect(card?.error?.code).toBe('DISPATCH_REPLY_INVALID');
    const verdicts = opened.exchanges[0]?.verdicts.filter((v) => v.severity === 'error');
    expect(verdicts?.map((v) => [v.code, v.path])).toEqual([
      ['DISPATCH_REPLY_INVALID', 'results.0.impact.currencyCode'],
      ['DISPATCH_REPLY_INVALID', 'results.0.due'],
    ]);
  });
});
