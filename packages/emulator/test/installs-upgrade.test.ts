import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { createSqliteStore, emulatorStateSchema, migrations } from '@spoke/emulator';
import { afterEach, describe, expect, test } from 'vitest';
import { call, testEmulator } from './helpers/test-emulator.ts';

// Decision 0013: data files and state files written before installs existed keep working. Their
// apps are installed in the first portal (the dev portal) with the app's scopes.

const createdAt = '2026-01-15T10:00:00.000Z';
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const appDoc = (id: number, scopes: string[]) => ({
  id,
  name: `App ${id}`,
  clientSecrets: ['s'],
  developerApiKey: 'k',
  scopes,
  shareViaTargetUrl: null,
  shareViaShape: 'current',
  createdAt,
  updatedAt: createdAt,
});

describe('installs for data written before them', () => {
  test('a version-1 data file opens with every app installed in its first portal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spoke-upgrade-'));
    dirs.push(dir);
    const file = join(dir, 'emulator.db');
    // The data file as Spoke wrote it before OAuth: schema version 1, two portals, two apps.
    const client = createClient({ url: `file:${file}` });
    const first = migrations.find((m) => m.version === 1);
    if (!first) throw new Error('no migration 1');
    await client.batch(
      [
        'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
        ...first.statements,
        { sql: 'INSERT INTO schema_migrations VALUES (1, ?, 0)', args: [first.name] },
        ...[
          { id: 62515, name: 'Dev', domain: 'dev.test' },
          { id: 99, name: 'Other', domain: 'other.test' },
        ].map((p) => ({
          sql: 'INSERT INTO portals (id, doc) VALUES (?, ?)',
          args: [String(p.id), JSON.stringify(p)],
        })),
        ...[appDoc(1000, ['crm.objects.contacts.read']), appDoc(1001, [])].map((a) => ({
          sql: 'INSERT INTO apps (id, doc) VALUES (?, ?)',
          args: [String(a.id), JSON.stringify(a)],
        })),
      ],
      'write',
    );
    client.close();

    const store = await createSqliteStore({ url: file });
    expect(await store.schemaVersion()).toBe(migrations.at(-1)?.version);
    expect(await store.installs.list()).toEqual([
      {
        appId: 1000,
        portalId: 62515,
        scopes: ['crm.objects.contacts.read'],
        userId: null,
        installedAt: createdAt,
        updatedAt: createdAt,
      },
      {
        appId: 1001,
        portalId: 62515,
        scopes: [],
        userId: null,
        installedAt: createdAt,
        updatedAt: createdAt,
      },
    ]);
    expect(await store.skippedRows()).toEqual([]);
    // Each app has a client id, the same on every read.
    const [one, again] = [await store.apps.get(1000), await store.apps.get(1000)];
    expect(one?.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(again?.clientId).toBe(one?.clientId);
    await store.close();
  });

  test('an app id given at start that the data file lacks is added installed in the dev portal', async () => {
    const store = await createSqliteStore();
    const first = await testEmulator({ store });
    await first.close();
    const second = await testEmulator({ store, seed: { appId: 2000 } });
    try {
      const installs = await call<{ results: { appId: number; portalId: number }[] }>(
        second,
        'GET',
        '/_spoke/installs',
      );
      expect(installs.body.results.map((i) => [i.appId, i.portalId])).toEqual([
        [1000, 62515],
        [2000, 62515],
      ]);
    } finally {
      await second.close();
      await store.close();
    }
  });

  test('a state file without installs imports with every app installed in its first portal', async () => {
    const emulator = await testEmulator();
    try {
      const exported = await call<Record<string, unknown>>(
        emulator,
        'GET',
        '/_spoke/state?includeSecrets=true',
      );
      const { installs: _installs, oauthTokens: _tokens, ...older } = exported.body;
      expect(emulatorStateSchema.parse(older).installs).toEqual([
        expect.objectContaining({ appId: 1000, portalId: 62515, userId: null }),
      ]);
      await call(emulator, 'DELETE', '/_spoke/installs/1000/62515');
      expect((await call(emulator, 'PUT', '/_spoke/state', older)).status).toBe(200);
      const installs = await call<{ results: { appId: number }[] }>(emulator, 'GET', '/_spoke/installs');
      expect(installs.body.results.map((i) => i.appId)).toEqual([1000]);
      // A file that lists installs (even none) is taken as it is.
      expect((await call(emulator, 'PUT', '/_spoke/state', { ...older, installs: [] })).status).toBe(200);
      expect((await call<{ results: unknown[] }>(emulator, 'GET', '/_spoke/installs')).body.results).toEqual(
        [],
      );
      const dangling = await call(emulator, 'PUT', '/_spoke/state', {
        ...older,
        installs: [
          {
            appId: 4242,
            portalId: 62515,
            scopes: [],
            userId: null,
            installedAt: createdAt,
            updatedAt: createdAt,
          },
        ],
      });
      expect(dangling.status).toBe(400);
      expect(JSON.stringify(dangling.body)).toContain('no app 4242');
    } finally {
      await emulator.close();
    }
  });
});
