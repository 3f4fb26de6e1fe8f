import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@hubspot/api-client';
import { createClient } from '@libsql/client';
import { type CrmRecord, createSqliteStore, type Emulator, migrations } from '@spoke/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { fakeService, json, legacyReply } from './helpers/fake-service.ts';
import { contactsScope, installThroughOauth } from './helpers/oauth-install.ts';
import { call, cardBody, testClock, testEmulator, withKey } from './helpers/test-emulator.ts';

// Each portal has its own records, as each HubSpot account does: a token reaches only the records of
// its install's portal, and a user opens only the records of their own portal.

const clock = testClock();
const service = fakeService(() => json(legacyReply(1)), 'secret-abc', clock);
let emulator: Emulator;
let basePath = '';
let second = 0;
let secondUser = 0;
let cardId = '';
const createdAt = '2026-01-15T10:00:00.000Z';

/** An access token of app 1000 installed in `portalId` through the consent and the token endpoint. */
const tokenFor = async (portalId: number): Promise<string> =>
  (await installThroughOauth(emulator, contactsScope, { portalId })).accessToken;

const clientFor = (accessToken: string) => new Client({ accessToken, basePath, numberOfApiCallRetries: 0 });

beforeAll(async () => {
  emulator = await testEmulator({ clock, fetch: service.fetch });
  basePath = (await emulator.listen(0, '127.0.0.1')).url;
  second = (
    await call<{ id: number }>(emulator, 'POST', '/_spoke/portals', { name: 'Two', domain: 'two.test' })
  ).body.id;
  secondUser = (
    await call<{ id: number }>(emulator, 'POST', '/_spoke/users', {
      portalId: second,
      email: 'two@two.test',
      firstName: 'Two',
      lastName: 'User',
    })
  ).body.id;
  cardId = (
    await call<{ id: string }>(emulator, 'POST', withKey('/crm/v3/extensions/cards-dev/1000'), cardBody())
  ).body.id;
});
afterAll(() => emulator.close());

describe('records belong to a portal', () => {
  test('the seed puts the records in the dev portal; the control API creates in the first portal or the one named', async () => {
    const seeded = await call<{ results: CrmRecord[] }>(emulator, 'GET', '/_spoke/records/contacts');
    expect(new Set(seeded.body.results.map((r) => r.portalId))).toEqual(new Set([62515]));
    const plain = await call<CrmRecord>(emulator, 'POST', '/_spoke/records/companies', {
      properties: { name: 'Dev Co' },
    });
    expect(plain.body.portalId).toBe(62515);
    const there = await call<CrmRecord>(emulator, 'POST', '/_spoke/records/companies', {
      properties: { name: 'Two Co' },
      portalId: second,
    });
    expect(there.status).toBe(201);
    expect(there.body.portalId).toBe(second);
    const listed = await call<{ results: CrmRecord[] }>(
      emulator,
      'GET',
      `/_spoke/records/companies?portalId=${second}`,
    );
    expect(listed.body.results.map((r) => r.properties.name)).toEqual(['Two Co']);
    const unknown = await call(emulator, 'POST', '/_spoke/records/companies', {
      properties: { name: 'Nowhere' },
      portalId: 404404,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({
      code: 'API_NOT_FOUND',
      message: expect.stringContaining('no portal 404404'),
    });
  });

  test("a token reads and writes only its install's portal; another portal's record is a 404", async () => {
    const devContact = (await call<{ results: CrmRecord[] }>(emulator, 'GET', '/_spoke/records/contacts'))
      .body.results[0] as CrmRecord;
    const two = clientFor(await tokenFor(second));
    expect((await two.crm.contacts.basicApi.getPage(100)).results).toEqual([]);
    await expect(two.crm.contacts.basicApi.getById(devContact.id)).rejects.toMatchObject({ code: 404 });
    await expect(
      two.crm.contacts.basicApi.update(devContact.id, { properties: { firstname: 'Hijacked' } }),
    ).rejects.toMatchObject({ code: 404 });
    await expect(two.crm.contacts.basicApi.archive(devContact.id)).rejects.toMatchObject({ code: 404 });
    expect((await two.crm.contacts.searchApi.doSearch({ limit: 100 } as never)).total).toBe(0);

    const created = await two.crm.contacts.basicApi.create({
      properties: { email: devContact.properties.email ?? '', firstname: 'Twin' },
      associations: [],
    });
    // The same email in another portal is another contact.
    const stored = await call<CrmRecord>(emulator, 'GET', `/_spoke/records/contacts/${created.id}`);
    expect(stored.body.portalId).toBe(second);
    expect((await two.crm.contacts.basicApi.getPage(100)).results.map((r) => r.id)).toEqual([created.id]);

    const dev = clientFor(await tokenFor(62515));
    await expect(dev.crm.contacts.basicApi.getById(created.id)).rejects.toMatchObject({ code: 404 });
    expect((await dev.crm.contacts.basicApi.getById(devContact.id)).properties.firstname).toBe(
      devContact.properties.firstname,
    );
  });

  test("a user opens the records of their portal; another portal's record is a 404 that says whose it is", async () => {
    const devContact = (
      await call<{ results: CrmRecord[] }>(emulator, 'GET', '/_spoke/records/contacts?portalId=62515')
    ).body.results[0] as CrmRecord;
    const refused = await call(emulator, 'POST', `/_spoke/records/contacts/${devContact.id}/cards`, {
      userId: secondUser,
    });
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({
      code: 'API_NOT_FOUND',
      message: expect.stringContaining(
        `belongs to portal 62515 and user ${secondUser} is a user of portal ${second}`,
      ),
    });
    const action = await call(emulator, 'POST', `/_spoke/records/contacts/${devContact.id}/actions`, {
      appId: 1000,
      cardId,
      action: { type: 'ACTION_HOOK', uri: 'https://service.test/x', httpMethod: 'POST' },
      userId: secondUser,
    });
    expect(action.status).toBe(404);
    expect(action.body).toMatchObject({ message: expect.stringContaining('belongs to portal 62515') });

    // Without a userId, a record opens as the first user of its own portal.
    const theirs = await call<CrmRecord>(emulator, 'POST', '/_spoke/records/contacts', {
      properties: { firstname: 'Portal Two' },
      portalId: second,
    });
    const opened = await call<{ user: { id: number }; portal: { id: number } }>(
      emulator,
      'POST',
      `/_spoke/records/contacts/${theirs.body.id}/cards`,
      {},
    );
    expect(opened.status).toBe(200);
    expect(opened.body.user.id).toBe(secondUser);
    expect(opened.body.portal.id).toBe(second);
  });
});

describe('data written before records had portals', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  test('a version-2 data file opens with its records in its first portal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spoke-records-upgrade-'));
    dirs.push(dir);
    const file = join(dir, 'emulator.db');
    const client = createClient({ url: `file:${file}` });
    const before = migrations.filter((m) => m.version <= 2);
    await client.batch(
      [
        'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
        ...before.flatMap((m) => [
          ...m.statements,
          { sql: 'INSERT INTO schema_migrations VALUES (?, ?, 0)', args: [m.version, m.name] },
        ]),
        ...[
          { id: 62515, name: 'Dev', domain: 'dev.test' },
          { id: 99, name: 'Other', domain: 'other.test' },
        ].map((p) => ({
          sql: 'INSERT INTO portals (id, doc) VALUES (?, ?)',
          args: [String(p.id), JSON.stringify(p)],
        })),
        {
          sql: "INSERT INTO records (id, scope, doc) VALUES ('101', 'contacts', ?)",
          args: [
            JSON.stringify({
              id: '101',
              objectType: 'contacts',
              properties: { firstname: 'Old' },
              createdAt,
              updatedAt: createdAt,
            }),
          ],
        },
      ],
      'write',
    );
    client.close();

    const store = await createSqliteStore({ url: file });
    try {
      expect(await store.schemaVersion()).toBe(migrations.at(-1)?.version);
      expect((await store.records.get('101'))?.portalId).toBe(62515);
      expect(await store.skippedRows()).toEqual([]);
    } finally {
      await store.close();
    }
  });

  test('a state file without portalId on its records imports them into its first portal', async () => {
    const fresh = await testEmulator();
    try {
      const state = await call<Record<string, unknown> & { records: Record<string, unknown>[] }>(
        fresh,
        'GET',
        '/_spoke/state?includeSecrets=true',
      );
      const records = state.body.records.map(({ portalId: _portalId, ...rest }) => rest);
      const put = await call(fresh, 'PUT', '/_spoke/state', { ...state.body, records });
      expect(put.status).toBe(200);
      const after = await call<{ results: CrmRecord[] }>(fresh, 'GET', '/_spoke/records/contacts');
      expect(after.body.results.length).toBeGreaterThan(0);
      expect(new Set(after.body.results.map((r) => r.portalId))).toEqual(new Set([62515]));

      const wrong = await call(fresh, 'PUT', '/_spoke/state', {
        ...state.body,
        records: [{ ...state.body.records[0], portalId: 7777 }],
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toMatchObject({
        errors: [
          expect.objectContaining({ in: 'records.0.portalId', message: 'no portal 7777 in this file' }),
        ],
      });
    } finally {
      await fresh.close();
    }
  });
});
