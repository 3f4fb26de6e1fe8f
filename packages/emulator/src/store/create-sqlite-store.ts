import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Client, createClient } from '@libsql/client';
import {
  callingSettingsSchema,
  cardDefinitionSchema,
  channelConnectionSettingsSchema,
} from '@spoke/protocol';
import { SpokeEmulatorError } from '../errors.ts';
import { createCardIndex } from './card-index.ts';
import { type Collection, createCollection, type StoreCollection, type StoreWrite } from './collection.ts';
import { decodeExchange, type EmulatorState } from './emulator-state.ts';
import {
  appSchema,
  connectedNumberSchema,
  crmRecordSchema,
  emulatorSettingsSchema,
  faultSchema,
  portalSchema,
  shareSchema,
  shareSendSchema,
  userSchema,
} from './entities.ts';
import { collectionNames, migrations, migrationsTableSql } from './migrations.ts';
import type { SequenceName, Store } from './store.ts';
import { createWriteQueue } from './write-queue.ts';

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /**
   * `:memory:` (gone on close), a `file:` URL, or a plain file path.
   * @default ':memory:'
   */
  url?: string;
  /** Clock for the `applied_at` of migrations. @default Date.now */
  clock?: () => number;
}

function normaliseUrl(url: string): string {
  if (url === ':memory:' || /^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  return `file:${url}`;
}

function ensureDirectory(url: string): void {
  if (!url.startsWith('file:')) return;
  const path = url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length);
  if (path !== '' && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
}

async function migrate(client: Client, now: () => number): Promise<number> {
  await client.execute(migrationsTableSql);
  const result = await client.execute('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations');
  const current = Number(result.rows[0]?.v ?? 0);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new SpokeEmulatorError(
      'STORE_SCHEMA_TOO_NEW',
      `the data file is at schema version ${current}, newer than this emulator knows (${latest}); upgrade Spoke or use another --data file.`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    await client.batch(
      [
        ...migration.statements,
        {
          sql: 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
          args: [migration.version, migration.name, now()],
        },
      ],
      'write',
    );
  }
  return latest;
}

/**
 * Opens (and migrates) an emulator store on SQLite through `@libsql/client`. Every write goes
 * through one queue, multi-row writes run in one transaction, and schema changes are versioned.
 * The small tables a record open reads are cached decoded and dropped on every write to them: the
 * store must be its file's only writer (docs/emulator.md: one emulator per data file).
 * @example const store = await createSqliteStore({ url: 'file:.spoke/emulator.db' });
 */
export async function createSqliteStore(options: SqliteStoreOptions = {}): Promise<Store> {
  const location = normaliseUrl(options.url ?? ':memory:');
  const clock = options.clock ?? Date.now;
  ensureDirectory(location);
  // One connection: every call is synchronous inside libsql, and one writer means no SQLITE_BUSY.
  const client = createClient({ url: location, concurrency: 1 });
  const queue = createWriteQueue();
  try {
    if (location.startsWith('file:')) {
      await client.execute('PRAGMA busy_timeout = 5000');
      // WAL + NORMAL: a commit no longer waits for the disk (~35x more request-log writes/s; bench/RESULTS.md).
      await client.execute('PRAGMA journal_mode = WAL');
      await client.execute('PRAGMA synchronous = NORMAL');
    }
    await queue.run(() => migrate(client, clock));
  } catch (error) {
    client.close();
    throw error;
  }

  const collection = <T>(
    name: (typeof collectionNames)[number],
    decode: (value: unknown) => T,
    cached = false,
  ) => createCollection(client, queue, name, decode, { cached });
  // Cached: small tables every record open reads (invalidated on every write to them).
  const settings = collection('settings', (v) => emulatorSettingsSchema.parse(v), true);
  const portals = collection('portals', (v) => portalSchema.parse(v), true);
  const users = collection('users', (v) => userSchema.parse(v), true);
  const apps = collection('apps', (v) => appSchema.parse(v), true);
  const cards = collection('cards', (v) => cardDefinitionSchema.parse(v), true);
  const callingSettings = collection('calling_settings', (v) => callingSettingsSchema.parse(v), true);
  const channelConnectionSettings = collection(
    'channel_connection_settings',
    (v) => channelConnectionSettingsSchema.parse(v),
    true,
  );
  const records = collection('records', (v) => crmRecordSchema.parse(v));
  const exchanges = collection('exchanges', decodeExchange);
  const shares = collection('shares', (v) => shareSchema.parse(v));
  const shareSends = collection('share_sends', (v) => shareSendSchema.parse(v));
  const connectedNumbers = collection('connected_numbers', (v) => connectedNumberSchema.parse(v));
  const faults = collection('faults', (v) => faultSchema.parse(v), true);
  const collections = {
    settings,
    portals,
    users,
    apps,
    cards,
    callingSettings,
    channelConnectionSettings,
    records,
    exchanges,
    shares,
    shareSends,
    connectedNumbers,
    faults,
  };
  const byName = new Map<string, StoreCollection<unknown>>(
    Object.values(collections).map((c) => [c.name, c as StoreCollection<unknown>]),
  );

  // Drops the cache of every table the writes touched; a write that names no table drops them all.
  const invalidate = (writes: readonly StoreWrite[]) => {
    const named = writes.map((w) => w.collection);
    const touched = named.includes(undefined) ? [...byName.keys()] : new Set(named);
    for (const name of touched) if (name !== undefined) byName.get(name)?.invalidate();
  };
  const write = (writes: readonly StoreWrite[]) =>
    queue.run(async () => {
      try {
        // One statement is atomic on its own: no BEGIN/COMMIT round trips around it.
        if (writes.length === 1 && writes[0]) await client.execute(writes[0]);
        else if (writes.length > 0) await client.batch([...writes], 'write');
      } finally {
        invalidate(writes);
      }
    });

  const values = async <T>(c: Collection<T>) => (await c.entries()).map((entry) => entry.value);
  const byApp = async <T>(c: Collection<T>) =>
    (await c.entries()).map((entry) => ({ appId: Number(entry.scope), value: entry.value }));

  const store: Store = {
    location,
    ...collections,
    cardsForObjectType: createCardIndex(cards),
    serialized: (job) => queue.run(job),
    write,
    nextId(sequence: SequenceName, start = 1, count = 1) {
      return queue.run(async () => {
        const result = await client.execute({
          sql: 'INSERT INTO sequences (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = value + ? RETURNING value',
          args: [sequence, start + count - 1, count],
        });
        return Number(result.rows[0]?.value) - count + 1;
      });
    },
    async schemaVersion() {
      const result = await client.execute('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations');
      return Number(result.rows[0]?.v ?? 0);
    },
    async isEmpty() {
      const counts = await Promise.all([portals.count(), apps.count(), records.count()]);
      return counts.every((n) => n === 0);
    },
    async exportState(exportedAt) {
      const sequenceRows = await client.execute('SELECT name, value FROM sequences ORDER BY name');
      return {
        format: 'spoke-emulator-state',
        schemaVersion: await store.schemaVersion(),
        exportedAt,
        settings: await settings.get('emulator'),
        portals: await values(portals),
        users: await values(users),
        apps: await values(apps),
        cards: (await byApp(cards)).map(({ appId, value }) => ({ appId, card: value })),
        callingSettings: (await byApp(callingSettings)).map(({ appId, value }) => ({
          appId,
          settings: value,
        })),
        channelConnectionSettings: (await byApp(channelConnectionSettings)).map(({ appId, value }) => ({
          appId,
          settings: value,
        })),
        records: await values(records),
        exchanges: await values(exchanges),
        shares: await values(shares),
        shareSends: await values(shareSends),
        connectedNumbers: await values(connectedNumbers),
        faults: await values(faults),
        sequences: Object.fromEntries(sequenceRows.rows.map((row) => [String(row.name), Number(row.value)])),
      };
    },
    async importState(state: EmulatorState) {
      const writes: StoreWrite[] = [
        ...collectionNames.map((name) => ({ sql: `DELETE FROM ${name}`, args: [] })),
        { sql: 'DELETE FROM sequences', args: [] },
      ];
      if (state.settings) writes.push(settings.putWrite('emulator', state.settings));
      for (const p of state.portals) writes.push(portals.putWrite(p.id, p));
      for (const u of state.users) writes.push(users.putWrite(u.id, u, u.portalId));
      for (const a of state.apps) writes.push(apps.putWrite(a.id, a));
      for (const c of state.cards) writes.push(cards.putWrite(c.card.id, c.card, c.appId));
      for (const s of state.callingSettings)
        writes.push(callingSettings.putWrite(s.appId, s.settings, s.appId));
      for (const s of state.channelConnectionSettings) {
        writes.push(channelConnectionSettings.putWrite(s.appId, s.settings, s.appId));
      }
      for (const r of state.records) writes.push(records.putWrite(r.id, r, r.objectType));
      for (const e of state.exchanges) writes.push(exchanges.putWrite(e.id, e, e.appId));
      for (const s of state.shares) writes.push(shares.putWrite(s.id, s, s.appId));
      for (const s of state.shareSends) writes.push(shareSends.putWrite(s.id, s, s.shareId));
      for (const n of state.connectedNumbers) writes.push(connectedNumbers.putWrite(n.id, n, n.appId));
      for (const f of state.faults) writes.push(faults.putWrite(f.id, f, f.appId ?? ''));
      for (const [name, value] of Object.entries(state.sequences)) {
        writes.push({ sql: 'INSERT INTO sequences (name, value) VALUES (?, ?)', args: [name, value] });
      }
      await write(writes);
    },
    async close() {
      await queue.idle();
      client.close();
    },
  };
  return store;
}
