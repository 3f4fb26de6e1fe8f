import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { type App, createSqliteStore, emulatorStateSchema, migrations, seedStore } from '@spoke/emulator';
import { afterEach, describe, expect, test } from 'vitest';
import { sequentialIds } from './helpers/test-emulator.ts';

const now = '2026-01-15T10:00:00.000Z';
const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spoke-store-'));
  dirs.push(dir);
  return join(dir, 'nested', 'emulator.db');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function app(id: number): App {
  return {
    id,
    name: `App ${id}`,
    clientSecrets: ['s'],
    developerApiKey: 'k',
    scopes: [],
    shareViaTargetUrl: null,
    shareViaShape: 'current',
    createdAt: now,
    updatedAt: now,
  };
}

describe('createSqliteStore', () => {
  test('records every migration it applies, once', async () => {
    const file = tempFile();
    const first = await createSqliteStore({ url: file, clock: () => 1 });
    expect(await first.schemaVersion()).toBe(migrations.at(-1)?.version);
    await first.close();
    const second = await createSqliteStore({ url: `file:${file}`, clock: () => 2 });
    await second.close();
    const client = createClient({ url: `file:${file}` });
    const rows = await client.execute('SELECT version, applied_at FROM schema_migrations');
    client.close();
    expect(rows.rows.map((r) => [Number(r.version), Number(r.applied_at)])).toEqual(
      migrations.map((m) => [m.version, 1]),
    );
  });

  test('refuses a data file from a newer schema', async () => {
    const file = tempFile();
    await (await createSqliteStore({ url: file })).close();
    const client = createClient({ url: `file:${file}` });
    await client.execute(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)",
    );
    client.close();
    await expect(createSqliteStore({ url: file })).rejects.toMatchObject({ code: 'STORE_SCHEMA_TOO_NEW' });
  });

  test('keeps what was written after a restart on the same file', async () => {
    const file = tempFile();
    const store = await createSqliteStore({ url: file });
    await seedStore(store, { now, randomUUID: sequentialIds(), developerApiKey: 'key-1' });
    const recordCount = await store.records.count();
    await store.close();
    const reopened = await createSqliteStore({ url: file });
    expect((await reopened.apps.get(1000))?.developerApiKey).toBe('key-1');
    expect(await reopened.records.count()).toBe(recordCount);
    expect(await reopened.nextId('record', 101)).toBe(101 + recordCount);
    await reopened.close();
  });

  test('applies a multi-row write completely or not at all', async () => {
    const store = await createSqliteStore();
    await store.apps.put(1, app(1));
    await expect(
      store.write([store.apps.putWrite(2, app(2)), { sql: 'INSERT INTO nowhere VALUES (1)', args: [] }]),
    ).rejects.toThrow();
    expect((await store.apps.list()).map((a) => a.id)).toEqual([1]);
    await store.close();
  });

  test('serialises concurrent check-then-write sequences', async () => {
    const store = await createSqliteStore();
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.serialized(async () => {
          if ((await store.apps.count()) >= 5) return false;
          await store.apps.put(i + 1, app(i + 1));
          return true;
        }),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(5);
    expect(await store.apps.count()).toBe(5);
    await store.close();
  });

  test('hands out increasing ids from a sequence, starting where asked', async () => {
    const store = await createSqliteStore();
    const ids = await Promise.all([
      store.nextId('card', 1001),
      store.nextId('card', 1001),
      store.nextId('card', 1001),
    ]);
    expect(ids.sort()).toEqual([1001, 1002, 1003]);
    expect(await store.nextId('record', 101, 5)).toBe(101);
    expect(await store.nextId('record', 101)).toBe(106);
    await store.close();
  });

  test('lists newest first, by scope, with limit and offset', async () => {
    const store = await createSqliteStore();
    for (const id of [1, 2, 3, 4]) await store.apps.put(id, app(id), id % 2);
    expect((await store.apps.list({ newestFirst: true, limit: 2 })).map((a) => a.id)).toEqual([4, 3]);
    expect((await store.apps.list({ scope: 1 })).map((a) => a.id)).toEqual([1, 3]);
    expect((await store.apps.list({ offset: 1, limit: 2 })).map((a) => a.id)).toEqual([2, 3]);
    // An update keeps the original position.
    await store.apps.put(1, { ...app(1), name: 'renamed' }, 1);
    expect((await store.apps.list()).map((a) => a.name)[0]).toBe('renamed');
    await store.close();
  });

  test('exports and imports the whole state, replacing what was there', async () => {
    const source = await createSqliteStore();
    await seedStore(source, { now, randomUUID: sequentialIds() });
    const state = await source.exportState(now);
    await source.close();
    const target = await createSqliteStore();
    await target.apps.put(5, app(5));
    await target.importState(state);
    expect((await target.apps.list()).map((a) => a.id)).toEqual([1000]);
    expect(await target.exportState(now)).toEqual(state);
    await target.close();
  });

  test('every table it keeps is created by a migration (reading them all on a fresh file fails on a missing one)', async () => {
    const store = await createSqliteStore({ url: tempFile() });
    await expect(store.skippedRows()).resolves.toEqual([]);
    const state = await store.exportState(now);
    // The export holds every key of the state file, in its order: a table it forgot fails here.
    expect(Object.keys(emulatorStateSchema.parse(state))).toEqual(Object.keys(state));
    await store.close();
  });
});
