import type { Emulator } from '@spoke/emulator';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { fakeService, json, legacyReply } from './helpers/fake-service.ts';
import { shareViaHandler } from './helpers/share-via-service.ts';
import { call, cardBody, testEmulator, withKey } from './helpers/test-emulator.ts';

// HubSpot reaches an app only in the portals it is installed in, with the scopes each surface
// needs: a contacts card needs crm.objects.contacts.read and .write. Decision 0013.

let emulator: Emulator;
let contactId = '';
let cardId = '';
const hook = {
  type: 'ACTION_HOOK',
  uri: 'https://service.test/close',
  label: 'Close',
  httpMethod: 'POST',
  associatedObjectProperties: [],
};

beforeEach(async () => {
  const share = shareViaHandler();
  const service = fakeService((req) => {
    if (req.url.startsWith('https://share.test')) return share(req);
    if (req.url.startsWith('https://desk.test'))
      return json({ phoneNumbers: [{ e164PhoneNumber: '+18001231234', friendlyName: 'Line' }] });
    if (req.url.startsWith('https://service.test/cards')) return json(legacyReply(1));
    return json({ message: 'done' });
  });
  emulator = await testEmulator({ fetch: service.fetch });
  const card = await call<{ id: string }>(
    emulator,
    'POST',
    withKey('/crm/v3/extensions/cards-dev/1000'),
    cardBody('https://service.test/cards'),
  );
  cardId = card.body.id;
  await call(emulator, 'POST', withKey('/crm/v3/extensions/calling/1000/settings/channel-connection'), {
    url: 'https://desk.test/numbers',
    isReady: true,
  });
  await call(emulator, 'PUT', '/_spoke/apps/1000/share-via', { targetUrl: 'https://share.test' });
  const contacts = await call<{ results: { id: string }[] }>(emulator, 'GET', '/_spoke/records/contacts');
  contactId = contacts.body.results[0]?.id ?? '';
});
afterEach(() => emulator.close());

const open = (userId?: number, recordId = contactId) =>
  call<{
    cards: { appId: number }[];
    notInstalled: { appId: number; reason: string; missingScopes: string[] }[];
  }>(emulator, 'POST', `/_spoke/records/contacts/${recordId}/cards`, userId === undefined ? {} : { userId });
const act = (userId?: number, recordId = contactId) =>
  call(emulator, 'POST', `/_spoke/records/contacts/${recordId}/actions`, {
    appId: 1000,
    cardId,
    action: hook,
    ...(userId === undefined ? {} : { userId }),
  });

describe('surfaces reach an app only where it is installed', () => {
  test('the seeded app is installed in the dev portal: its card shows and its action runs', async () => {
    const page = await open();
    expect(page.body.cards.map((c) => c.appId)).toEqual([1000]);
    expect(page.body.notInstalled).toEqual([]);
    expect((await act()).status).toBe(200);
  });

  test('uninstalled: no card (named under notInstalled), actions, Share Via and help desk refused with API_NOT_INSTALLED', async () => {
    await call(emulator, 'DELETE', '/_spoke/installs/1000/62515');
    const page = await open();
    expect(page.body.cards).toEqual([]);
    expect(page.body.notInstalled).toEqual([
      expect.objectContaining({ appId: 1000, portalId: 62515, reason: 'not-installed', missingScopes: [] }),
    ]);
    expect(await act()).toMatchObject({ status: 409, body: { code: 'API_NOT_INSTALLED' } });
    const flow = await call(emulator, 'POST', '/_spoke/apps/1000/share-via/flow', { frequency: 'now' });
    expect(flow).toMatchObject({ status: 409, body: { code: 'API_NOT_INSTALLED' } });
    const event = await call(emulator, 'POST', '/_spoke/apps/1000/share-via/CHECK_PERMISSIONS', {});
    expect(event).toMatchObject({ status: 409, body: { code: 'API_NOT_INSTALLED' } });
    const numbers = await call(emulator, 'POST', '/_spoke/apps/1000/channel-connection/numbers', {});
    expect(numbers).toMatchObject({ status: 409, body: { code: 'API_NOT_INSTALLED' } });
    expect(String((numbers.body as { message: string }).message)).toContain('POST /_spoke/installs');
    // Nothing reached the service: the request log is empty.
    expect((await call<{ results: unknown[] }>(emulator, 'GET', '/_spoke/requests')).body.results).toEqual(
      [],
    );

    expect((await call(emulator, 'POST', '/_spoke/installs', { appId: 1000 })).status).toBe(201);
    expect((await open()).body.cards.map((c) => c.appId)).toEqual([1000]);
  });

  test('installed without the contacts scopes: no contacts card, and its action is API_MISSING_SCOPES', async () => {
    await call(emulator, 'POST', '/_spoke/installs', { appId: 1000, scopes: ['crm.objects.deals.read'] });
    const page = await open();
    expect(page.body.cards).toEqual([]);
    expect(page.body.notInstalled).toEqual([
      expect.objectContaining({
        reason: 'missing-scopes',
        missingScopes: ['crm.objects.contacts.read', 'crm.objects.contacts.write'],
      }),
    ]);
    expect(await act()).toMatchObject({ status: 403, body: { code: 'API_MISSING_SCOPES' } });
  });

  test('a user of another portal sees the card only once the app is installed there', async () => {
    const portal = await call<{ id: number }>(emulator, 'POST', '/_spoke/portals', {
      name: 'Second',
      domain: 'second.test',
    });
    const user = await call<{ id: number }>(emulator, 'POST', '/_spoke/users', {
      portalId: portal.body.id,
      email: 'two@second.test',
      firstName: 'Two',
      lastName: 'User',
    });
    // A user opens the records of their own portal.
    const theirs = await call<{ id: string }>(emulator, 'POST', '/_spoke/records/contacts', {
      properties: { firstname: 'Second' },
      portalId: portal.body.id,
    });
    expect((await open(user.body.id, theirs.body.id)).body.notInstalled).toEqual([
      expect.objectContaining({ portalId: portal.body.id, reason: 'not-installed' }),
    ]);
    expect(await act(user.body.id, theirs.body.id)).toMatchObject({ status: 409 });
    await call(emulator, 'POST', '/_spoke/installs', { appId: 1000, portalId: portal.body.id });
    expect((await open(user.body.id, theirs.body.id)).body.cards.map((c) => c.appId)).toEqual([1000]);
    // The dev portal is unaffected.
    expect((await open()).body.cards.map((c) => c.appId)).toEqual([1000]);
  });

  test('a recurring share of an app uninstalled since records a failed send and calls nothing', async () => {
    const flow = await call<{ share: { id: string } }>(emulator, 'POST', '/_spoke/apps/1000/share-via/flow', {
      frequency: 'weekly',
    });
    const logged = (await call<{ results: unknown[] }>(emulator, 'GET', '/_spoke/requests')).body.results
      .length;
    await call(emulator, 'DELETE', '/_spoke/installs/1000/62515');
    const run = await call<{ outcome: string; error: string; exchangeId: string | null }>(
      emulator,
      'POST',
      `/_spoke/shares/${flow.body.share.id}/run`,
    );
    expect(run.body).toMatchObject({ outcome: 'error', exchangeId: null });
    expect(run.body.error).toContain('not installed');
    expect(
      (await call<{ results: unknown[] }>(emulator, 'GET', '/_spoke/requests')).body.results,
    ).toHaveLength(logged);
  });
});
