import { Client } from '@hubspot/api-client';
import type { Emulator } from '@spoke/emulator';
import { legacyCardResponseSchema } from '@spoke/protocol';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cardBody, testEmulator, testKeys } from './helpers/test-emulator.ts';

let emulator: Emulator;
let client: Client;
let basePath = '';

beforeAll(async () => {
  emulator = await testEmulator();
  basePath = (await emulator.listen(0, '127.0.0.1')).url;
  client = new Client({ developerApiKey: testKeys.developerApiKey, basePath, numberOfApiCallRetries: 0 });
});
afterAll(() => emulator.close());

describe('the official @hubspot/api-client against the emulator', () => {
  test('round-trips a card definition through create, list, get, update and delete', async () => {
    const { cardsApi } = client.crm.extensions.cards;
    // The client's models are classes; a plain object of the same shape is what it serialises.
    const created = await cardsApi.create(1000, cardBody('https://service.test/cards') as never);
    expect(created.id).toMatch(/^\d+$/);
    expect(created.title).toBe('Issues');
    expect(created.createdAt).toBeInstanceOf(Date);

    const list = await cardsApi.getAll(1000);
    expect(list.results.map((card) => card.id)).toEqual([created.id]);
    expect((await cardsApi.getById(created.id, 1000)).fetch.targetUrl).toBe('https://service.test/cards');

    const updated = await cardsApi.update(created.id, 1000, { title: 'Bugs' });
    expect(updated.title).toBe('Bugs');
    expect(updated.auditHistory.map((a) => a.actionType)).toEqual(['CREATE', 'UPDATE']);

    await cardsApi.archive(created.id, 1000);
    await expect(cardsApi.getById(created.id, 1000)).rejects.toMatchObject({ code: 404 });
  });

  test('reads the sample response: the documented legacy example, of which the client keeps totalCount', async () => {
    const sample = await client.crm.extensions.cards.sampleResponseApi.getCardsSampleResponse();
    // The client (13.x) models this as IntegratorCardPayloadResponse (sections, tokens), a shape the
    // legacy example does not have: of its fields only totalCount survives deserialisation.
    expect(sample.totalCount).toBe(1);
    const raw = await fetch(`${basePath}/crm/v3/extensions/cards-dev/sample-response`);
    expect(raw.status).toBe(200);
    const body: unknown = await raw.json();
    expect(legacyCardResponseSchema.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({
      totalCount: 1,
      allItemsLink: 'https://example.com/all',
      results: [{ objectId: 245, title: 'API-22: APIs working too fast' }],
    });
  });

  test('round-trips calling settings', async () => {
    const { settingsApi } = client.crm.extensions.calling;
    const created = await settingsApi.create(1000, {
      name: 'Dialer',
      url: 'https://dial.test/app',
      isReady: false,
    });
    expect(created).toMatchObject({ name: 'Dialer', isReady: false });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect((await settingsApi.update(1000, { isReady: true })).isReady).toBe(true);
    expect((await settingsApi.getById(1000)).isReady).toBe(true);
    await settingsApi.archive(1000);
    await expect(settingsApi.getById(1000)).rejects.toMatchObject({ code: 404 });
  });

  test('round-trips channel connection settings', async () => {
    const { channelConnectionSettingsApi } = client.crm.extensions.calling;
    const created = await channelConnectionSettingsApi.create(1000, {
      url: 'https://desk.test/numbers',
      isReady: false,
    });
    expect(created.url).toBe('https://desk.test/numbers');
    expect((await channelConnectionSettingsApi.update(1000, { isReady: true })).isReady).toBe(true);
    expect((await channelConnectionSettingsApi.getById(1000)).url).toBe('https://desk.test/numbers');
    await channelConnectionSettingsApi.archive(1000);
    await expect(channelConnectionSettingsApi.getById(1000)).rejects.toMatchObject({ code: 404 });
  });

  test('gets a HubSpot-shaped 401 for a wrong key', async () => {
    const wrong = new Client({ developerApiKey: 'wrong', basePath, numberOfApiCallRetries: 0 });
    await expect(wrong.crm.extensions.cards.cardsApi.getAll(1000)).rejects.toMatchObject({
      code: 401,
      body: { status: 'error', category: 'INVALID_AUTHENTICATION' },
    });
  });
});
