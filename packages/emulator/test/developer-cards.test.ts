import type { Emulator } from '@spoke/emulator';
import { type CardDefinition, type CardDefinitionList, hubspotErrorSchema, limits } from '@spoke/protocol';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { call, cardBody, testClock, testEmulator, testKeys, withKey } from './helpers/test-emulator.ts';

const prefixes = [
  '/crm/v3/extensions/cards-dev',
  '/crm/v3/extensions/cards',
  '/crm/extensions/cards-dev/2026-03',
];
let emulator: Emulator;
let clock = testClock();

beforeEach(async () => {
  clock = testClock();
  emulator = await testEmulator({ clock });
});
afterEach(() => emulator.close());

describe('card definitions', () => {
  test.each(prefixes)('create, list, get, patch and delete round-trip under %s', async (prefix) => {
    const created = await call<CardDefinition>(emulator, 'POST', withKey(`${prefix}/1000`), cardBody());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'Issues', createdAt: '2026-01-15T10:00:00.000Z' });
    expect(created.body.id).toMatch(/^\d+$/);
    expect(created.body.auditHistory).toEqual([
      {
        actionType: 'CREATE',
        authSource: 'EXTERNAL',
        changedAt: clock(),
        applicationId: 1000,
        initiatingUserId: 1,
      },
    ]);
    const id = created.body.id;

    const list = await call<CardDefinitionList>(emulator, 'GET', withKey(`${prefix}/1000`));
    expect(list.body.results.map((c) => c.id)).toEqual([id]);
    expect((await call(emulator, 'GET', withKey(`${prefix}/1000/${id}`))).body).toEqual(created.body);

    clock.advance(60_000);
    const patched = await call<CardDefinition>(emulator, 'PATCH', withKey(`${prefix}/1000/${id}`), {
      title: 'Bugs',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      title: 'Bugs',
      fetch: cardBody().fetch,
      updatedAt: '2026-01-15T10:01:00.000Z',
    });
    expect(patched.body.auditHistory.map((a) => a.actionType)).toEqual(['CREATE', 'UPDATE']);

    const deleted = await call(emulator, 'DELETE', withKey(`${prefix}/1000/${id}`));
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeNull();
    expect((await call(emulator, 'GET', withKey(`${prefix}/1000/${id}`))).status).toBe(404);
  });

  test('accepts the key as Authorization: Bearer', async () => {
    const res = await call(emulator, 'GET', '/crm/v3/extensions/cards-dev/1000', undefined, {
      authorization: `Bearer ${testKeys.developerApiKey}`,
    });
    expect(res.status).toBe(200);
  });

  test('answers 401 INVALID_AUTHENTICATION without a key or with a wrong one', async () => {
    for (const path of [
      '/crm/v3/extensions/cards-dev/1000',
      withKey('/crm/v3/extensions/cards-dev/1000', 'nope'),
    ]) {
      const res = await call(emulator, 'GET', path);
      expect(res.status).toBe(401);
      expect(hubspotErrorSchema.parse(res.body)).toMatchObject({
        status: 'error',
        category: 'INVALID_AUTHENTICATION',
      });
      expect(res.body.correlationId).toMatch(/^uuid-\d{4}$/);
    }
  });

  test('answers 404 OBJECT_NOT_FOUND for an unknown app or card', async () => {
    const app = await call(emulator, 'GET', withKey('/crm/v3/extensions/cards-dev/999'));
    expect(app.status).toBe(404);
    expect(app.body).toMatchObject({ category: 'OBJECT_NOT_FOUND', code: 'API_NOT_FOUND' });
    const card = await call(emulator, 'GET', withKey('/crm/v3/extensions/cards-dev/1000/424242'));
    expect(card.status).toBe(404);
    expect((await call(emulator, 'DELETE', withKey('/crm/v3/extensions/cards-dev/1000/424242'))).status).toBe(
      404,
    );
  });

  test('reports each validation error with the path it is in', async () => {
    const body = {
      ...cardBody(),
      title: '',
      fetch: { targetUrl: 'not a url', objectTypes: [{ name: 'planets' }] },
    };
    const res = await call(emulator, 'POST', withKey('/crm/v3/extensions/cards-dev/1000'), body);
    expect(res.status).toBe(400);
    const error = hubspotErrorSchema.parse(res.body);
    expect(error.category).toBe('VALIDATION_ERROR');
    expect(error.errors?.map((e) => e.in)).toEqual(
      expect.arrayContaining([
        'title',
        'fetch.targetUrl',
        'fetch.objectTypes.0.name',
        'fetch.objectTypes.0.propertiesToSend',
      ]),
    );
  });

  test('needs read and write scopes for each object type (403 MISSING_SCOPES)', async () => {
    await call(emulator, 'PATCH', '/_spoke/apps/1000', { scopes: ['crm.objects.contacts.read'] });
    const res = await call(emulator, 'POST', withKey('/crm/v3/extensions/cards-dev/1000'), cardBody());
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      category: 'MISSING_SCOPES',
      errors: [
        { in: 'fetch.objectTypes.0.name', message: expect.stringContaining('crm.objects.contacts.write') },
      ],
    });
  });

  test('refuses an object scope removal while cards for that type exist (409)', async () => {
    await call(emulator, 'POST', withKey('/crm/v3/extensions/cards-dev/1000'), cardBody());
    const res = await call(emulator, 'PATCH', '/_spoke/apps/1000', { scopes: ['crm.objects.deals.read'] });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ category: 'CONFLICT', code: 'API_CONFLICT' });
  });

  test(`allows at most ${limits.maxCardsPerApp} cards per app`, async () => {
    for (let i = 0; i < limits.maxCardsPerApp; i++) {
      expect(
        (await call(emulator, 'POST', withKey('/crm/v3/extensions/cards-dev/1000'), cardBody())).status,
      ).toBe(201);
    }
    const res = await call(emulator, 'POST', withKey('/crm/v3/extensions/cards-dev/1000'), cardBody());
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'API_CARD_LIMIT_REACHED', category: 'VALIDATION_ERROR' });
  });

  test('holds the card limit under concurrent creates', async () => {
    const results = await Promise.all(
      Array.from({ length: limits.maxCardsPerApp + 5 }, () =>
        call(emulator, 'POST', withKey('/crm/v3/extensions/cards-dev/1000'), cardBody()),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(limits.maxCardsPerApp);
    expect(results.filter((r) => r.status === 400)).toHaveLength(5);
  });

  test.each(prefixes)('serves sample-response under %s without auth', async (prefix) => {
    const res = await call(emulator, 'GET', `${prefix}/sample-response`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ results: [{ objectId: 245 }], totalCount: 1 });
  });

  test('answers 405 METHOD_NOT_ALLOWED with Allow for a known path', async () => {
    const res = await call(emulator, 'PUT', withKey('/crm/v3/extensions/cards-dev/1000'), {});
    expect(res.status).toBe(405);
    expect(res.body).toMatchObject({ category: 'METHOD_NOT_ALLOWED' });
    expect(res.headers.get('allow')).toContain('POST');
  });

  test('PATCH keeps the fields it does not name and rejects wrong types', async () => {
    const created = await call<CardDefinition>(
      emulator,
      'POST',
      withKey('/crm/v3/extensions/cards-dev/1000'),
      cardBody(),
    );
    const path = withKey(`/crm/v3/extensions/cards-dev/1000/${created.body.id}`);
    const bad = await call(emulator, 'PATCH', path, { title: 42 });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [{ in: 'title' }] });
    const got = await call<CardDefinition>(emulator, 'GET', path);
    expect(got.body.title).toBe('Issues');
  });
});
