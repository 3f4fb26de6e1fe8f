import { createClient } from '@libsql/client';
import {
  type App,
  createSqliteStore,
  type Emulator,
  type Exchange,
  migrations,
  type OpenRecordResult,
  seedStore,
} from '@spoke/emulator';
import type { CardDefinition } from '@spoke/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { fakeService, json, legacyReply } from './helpers/fake-service.ts';
import { call, cardBody, sequentialIds, testEmulator, withKey } from './helpers/test-emulator.ts';

const now = '2026-01-15T10:00:00.000Z';

function app(id: number, name = `App ${id}`): App {
  return {
    id,
    name,
    clientSecrets: ['s'],
    developerApiKey: 'k',
    scopes: [],
    shareViaTargetUrl: null,
    shareViaShape: 'current',
    createdAt: now,
    updatedAt: now,
  };
}

function card(id: string, objectTypes: string[]): CardDefinition {
  return {
    ...cardBody('https://service.test/cards', objectTypes),
    id,
    createdAt: now,
    updatedAt: now,
    auditHistory: [],
  } as CardDefinition;
}

describe('the store cache of small tables', () => {
  test('every kind of write is visible to the very next read', async () => {
    const store = await createSqliteStore();
    expect(await store.apps.list()).toEqual([]);
    await store.apps.put(1, app(1));
    expect((await store.apps.get(1))?.name).toBe('App 1');
    await store.write([store.apps.putWrite(1, app(1, 'batched')), store.apps.putWrite(2, app(2))]);
    expect((await store.apps.list()).map((a) => a.name)).toEqual(['batched', 'App 2']);
    await store.write([store.apps.deleteWrite(2)]);
    expect(await store.apps.count()).toBe(1);
    // A write that names no table drops every cache.
    await store.write([
      { sql: "UPDATE apps SET doc = json_set(doc, '$.name', 'raw') WHERE id = '1'", args: [] },
    ]);
    expect((await store.apps.get(1))?.name).toBe('raw');
    expect(await store.apps.delete(1)).toBe(true);
    expect(await store.apps.get(1)).toBeNull();
    await store.close();
  });

  test('a failed transaction leaves the cache as the database is', async () => {
    const store = await createSqliteStore();
    await store.apps.put(1, app(1));
    expect(await store.apps.count()).toBe(1);
    await expect(
      store.write([store.apps.putWrite(2, app(2)), { sql: 'INSERT INTO nowhere VALUES (1)', args: [] }]),
    ).rejects.toThrow();
    expect((await store.apps.list()).map((a) => a.id)).toEqual([1]);
    await store.close();
  });

  test('an imported state replaces what the cache held', async () => {
    const source = await createSqliteStore();
    await seedStore(source, { now, randomUUID: sequentialIds(), appId: 2000, records: false });
    const state = await source.exportState(now);
    await source.close();
    const target = await createSqliteStore();
    await target.apps.put(5, app(5));
    await target.cards.put('c1', card('c1', ['contacts']), 5);
    expect((await target.cardsForObjectType('contacts')).get(5)).toHaveLength(1);
    await target.importState(state);
    expect((await target.apps.list()).map((a) => a.id)).toEqual([2000]);
    expect((await target.cardsForObjectType('contacts')).size).toBe(0);
    await target.close();
  });

  test('hands out frozen documents, so a caller cannot change what others read', async () => {
    const store = await createSqliteStore();
    await store.apps.put(1, app(1));
    const read = (await store.apps.get(1)) as App;
    expect(() => {
      read.name = 'changed';
    }).toThrow(TypeError);
    expect(() => read.clientSecrets.push('another')).toThrow(TypeError);
    expect((await store.apps.get(1))?.clientSecrets).toEqual(['s']);
    await store.close();
  });

  test('lists cards by object type and app, in definition order, rebuilt after a card write', async () => {
    const store = await createSqliteStore();
    await store.cards.put('a', card('a', ['contacts']), 1);
    await store.cards.put('b', card('b', ['companies', 'contacts']), 2);
    await store.cards.put('c', card('c', ['contacts']), 1);
    const contacts = await store.cardsForObjectType('contacts');
    expect([...contacts].map(([appId, cards]) => [appId, cards.map((c) => c.id)])).toEqual([
      [1, ['a', 'c']],
      [2, ['b']],
    ]);
    expect((await store.cardsForObjectType('deals')).size).toBe(0);
    await store.cards.put('a', card('a', ['deals']), 1);
    expect((await store.cardsForObjectType('contacts')).get(1)?.map((c) => c.id)).toEqual(['c']);
    expect((await store.cardsForObjectType('deals')).get(1)?.map((c) => c.id)).toEqual(['a']);
    await store.close();
  });

  test('writes many documents in one statement, replacing those that exist', async () => {
    const store = await createSqliteStore();
    await store.apps.put(1, app(1));
    const write = store.apps.putManyWrite([
      { id: 2, value: app(2) },
      { id: 1, value: app(1, 'replaced') },
    ]);
    expect(write.sql.match(/INSERT/g)).toHaveLength(1);
    await store.write([write]);
    expect((await store.apps.list()).map((a) => [a.id, a.name])).toEqual([
      [1, 'replaced'],
      [2, 'App 2'],
    ]);
    await store.write([store.apps.putManyWrite([])]);
    expect(await store.apps.count()).toBe(2);
    await store.close();
  });
});

describe('query plans stay on indexes as the store grows', () => {
  // The statements a record open and the request log make (collection.ts builds them this way).
  const statements = [
    'SELECT doc FROM records WHERE id = ?',
    'SELECT doc FROM exchanges WHERE id = ?',
    'SELECT doc FROM exchanges WHERE scope = ? ORDER BY rowid DESC LIMIT ? OFFSET ?',
    'SELECT COUNT(*) AS n FROM exchanges WHERE scope = ?',
    'SELECT doc FROM records WHERE scope = ? ORDER BY rowid ASC LIMIT ? OFFSET ?',
  ];

  test.each(statements)('%s searches an index and sorts nothing', async (sql) => {
    const client = createClient({ url: ':memory:' });
    for (const migration of migrations)
      for (const statement of migration.statements) await client.execute(statement);
    const plan = await client.execute({
      sql: `EXPLAIN QUERY PLAN ${sql}`,
      args: sql
        .split('?')
        .slice(1)
        .map(() => 1),
    });
    client.close();
    const details = plan.rows.map((row) => String(row.detail));
    expect(details.some((d) => /^SEARCH \w+ USING (COVERING )?INDEX/.test(d))).toBe(true);
    expect(details.filter((d) => d.startsWith('SCAN') || d.includes('TEMP B-TREE'))).toEqual([]);
  });
});

describe('a record open after a write', () => {
  let emulator: Emulator | undefined;
  afterEach(() => emulator?.close());

  async function setup() {
    const service = fakeService(() => json(legacyReply(1)));
    emulator = await testEmulator({ fetch: service.fetch });
    const contacts = await call<{ results: { id: string }[] }>(emulator, 'GET', '/_spoke/records/contacts');
    const recordId = contacts.body.results[0]?.id ?? '';
    const open = async () =>
      (
        await call<OpenRecordResult>(
          emulator as Emulator,
          'POST',
          `/_spoke/records/contacts/${recordId}/cards`,
        )
      ).body;
    return { service, em: emulator, open };
  }

  test('shows a card created, changed or deleted through the developer API on the very next open', async () => {
    const { em, open } = await setup();
    expect((await open()).cards).toEqual([]);
    const created = await call<CardDefinition>(
      em,
      'POST',
      withKey('/crm/v3/extensions/cards-dev/1000'),
      cardBody(),
    );
    expect((await open()).cards.map((c) => c.cardId)).toEqual([created.body.id]);
    await call(em, 'PATCH', withKey(`/crm/v3/extensions/cards-dev/1000/${created.body.id}`), {
      title: 'Renamed',
    });
    expect((await open()).cards[0]?.title).toBe('Renamed (1)');
    await call(em, 'PATCH', withKey(`/crm/v3/extensions/cards-dev/1000/${created.body.id}`), {
      fetch: { ...cardBody().fetch, objectTypes: [{ name: 'companies', propertiesToSend: [] }] },
    });
    expect((await open()).cards).toEqual([]);
    await call(em, 'DELETE', withKey(`/crm/v3/extensions/cards-dev/1000/${created.body.id}`));
    expect((await open()).cards).toEqual([]);
  });

  test('signs with a rotated secret, applies a new fault and the new mode on the very next open', async () => {
    const { service, em, open } = await setup();
    await call(em, 'POST', withKey('/crm/v3/extensions/cards-dev/1000'), cardBody());
    expect((await open()).cards[0]?.status).toBe('ok');
    await call(em, 'PATCH', '/_spoke/apps/1000', { clientSecrets: ['rotated-secret'] });
    await open();
    expect(service.seen.at(-1)?.signatureOk).toBe(false);
    await call(em, 'PATCH', '/_spoke/apps/1000', { clientSecrets: ['secret-abc'] });
    await call(em, 'POST', '/_spoke/faults', { forceStatus: 503 });
    expect((await open()).cards[0]?.status).toBe('error');
    await call(em, 'DELETE', '/_spoke/faults');
    await call(em, 'PUT', '/_spoke/mode', { mode: 'converter' });
    const page = await open();
    expect(page.cards[0]).toMatchObject({ status: 'ok', title: 'Issues' });
    expect(new URL(service.seen.at(-1)?.url ?? '').searchParams.get('appId')).toBe('1000');
  });

  test('logs a fan-out in one go: every exchange is in the request log when the page answers', async () => {
    const { em, open } = await setup();
    for (let index = 0; index < 3; index += 1) {
      await call(em, 'POST', withKey('/crm/v3/extensions/cards-dev/1000'), cardBody());
    }
    const page = await open();
    const logged = await call<{ results: Exchange[] }>(em, 'GET', '/_spoke/requests');
    expect(logged.body.results.map((e) => e.id).sort()).toEqual(page.exchanges.map((e) => e.id).sort());
  });
});
