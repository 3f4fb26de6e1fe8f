import type { App, Emulator, OpenRecordResult } from '@spoke/emulator';
import type { CardDefinition } from '@spoke/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { fakeService, json, legacyReply } from './helpers/fake-service.ts';
import { call, cardBody, testEmulator, withKey } from './helpers/test-emulator.ts';

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

async function openContact(em: Emulator) {
  const contacts = await call<{ results: { id: string }[] }>(em, 'GET', '/_spoke/records/contacts?q=maria');
  const recordId = contacts.body.results[0]?.id ?? '';
  return call<OpenRecordResult>(em, 'POST', `/_spoke/records/contacts/${recordId}/cards`);
}

const refusals = (result: OpenRecordResult) =>
  result.exchanges
    .flatMap((exchange) => exchange.verdicts)
    .filter((verdict) => verdict.code === 'DISPATCH_URL_NOT_PERMITTED')
    .map((verdict) => verdict.message);

describe('permittedUrls through the control API', () => {
  test('PATCH sets, replaces and clears them; a converter card outside them is delivered and marked refused in production', async () => {
    const service = fakeService(() => json(legacyReply(1)));
    emulator = await testEmulator({ fetch: service.fetch, mode: 'converter' });
    const card = await call<CardDefinition>(
      emulator,
      'POST',
      withKey('/crm/v3/extensions/cards-dev/1000'),
      cardBody('https://service.test/cards'),
    );
    expect(card.status).toBe(201);

    const unlisted = await openContact(emulator);
    expect(unlisted.body.cards[0]?.error).toBeNull();
    expect(refusals(unlisted.body)).toEqual([
      expect.stringMatching(
        /^refused in production: https:\/\/service\.test\/cards is not in the app's permittedUrls\.fetch \(the app lists none\); add https:\/\/service\.test to permittedUrls\.fetch/,
      ),
    ]);

    const patched = await call<App>(emulator, 'PATCH', '/_spoke/apps/1000', {
      permittedUrls: { fetch: ['https://service.test'], iframe: [], img: [] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.permittedUrls).toEqual({ fetch: ['https://service.test'], iframe: [], img: [] });
    expect((await call<App>(emulator, 'GET', '/_spoke/apps/1000')).body.permittedUrls?.fetch).toEqual([
      'https://service.test',
    ]);
    expect(refusals((await openContact(emulator)).body)).toEqual([]);

    // A replay is judged against the app's list as it is now.
    const replayed = await call<{ verdicts: { code: string }[] }>(
      emulator,
      'POST',
      `/_spoke/requests/${unlisted.body.exchanges[0]?.id}/replay`,
      {},
    );
    expect(replayed.body.verdicts.some((verdict) => verdict.code === 'DISPATCH_URL_NOT_PERMITTED')).toBe(
      false,
    );

    const cleared = await call<App>(emulator, 'PATCH', '/_spoke/apps/1000', { permittedUrls: null });
    expect(cleared.body.permittedUrls).toBeNull();
    const refusedAgain = await openContact(emulator);
    expect(refusals(refusedAgain.body)).toHaveLength(1);
    const replayedRefused = await call<{ verdicts: { code: string }[] }>(
      emulator,
      'POST',
      `/_spoke/requests/${refusedAgain.body.exchanges[0]?.id}/replay`,
      {},
    );
    expect(
      replayedRefused.body.verdicts.filter((verdict) => verdict.code === 'DISPATCH_URL_NOT_PERMITTED'),
    ).toHaveLength(1);
    expect(service.seen.length).toBeGreaterThanOrEqual(3);
  });

  test('legacy apps are not judged', async () => {
    const service = fakeService(() => json(legacyReply(1)));
    emulator = await testEmulator({ fetch: service.fetch, mode: 'legacy' });
    await call(
      emulator,
      'POST',
      withKey('/crm/v3/extensions/cards-dev/1000'),
      cardBody('https://service.test/cards'),
    );
    expect(refusals((await openContact(emulator)).body)).toEqual([]);
  });

  test('POST /_spoke/apps takes them', async () => {
    emulator = await testEmulator();
    const created = await call<App>(emulator, 'POST', '/_spoke/apps', {
      name: 'Converted',
      permittedUrls: { fetch: ['https://app.example.com/hubspot'] },
    });
    expect(created.status).toBe(201);
    expect(created.body.permittedUrls).toEqual({ fetch: ['https://app.example.com/hubspot'] });
  });

  test.each([
    [{ fetch: ['http://service.test'] }, 'hubspot.fetch only calls HTTPS URLs'],
    [{ fetch: ['https://localhost:3500'] }, 'does not call localhost'],
    [{ fetch: 'https://service.test' }, 'permittedUrls.fetch'],
    [{ frames: [] }, 'permittedUrls'],
  ])('PATCH refuses %j with a 400 saying why', async (permittedUrls, text) => {
    emulator = await testEmulator();
    const res = await call<{ message: string }>(emulator, 'PATCH', '/_spoke/apps/1000', { permittedUrls });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(text);
  });
});
