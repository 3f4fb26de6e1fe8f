import { randomUUID as nodeRandomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Client, createClient } from '@libsql/client';
import {
  callingSettingsSchema,
  cardDefinitionSchema,
  channelConnectionSettingsSchema,
} from '@spoke/protocol';
import { SpokeEmulatorError } from '../errors.ts';
import { createCardIndex } from './card-index.ts';
import {
  type Collection,
  createCollection,
  type SkippedRow,
  type StoreCollection,
  type StoreWrite,
} from './collection.ts';
import { decodeExchange, type EmulatorState, type ExportedApp, sequenceNames } from './emulator-state.ts';
import {
  type App,
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
import { withDefaultProperties } from './record-defaults.ts';
import type { SequenceName, Store } from './store.ts';
import { createWriteQueue } from './write-queue.ts';

/**
 * The sequences an import writes: for each, the larger of the value given and the highest id of
 * its rows, so the next create never hands out an id that is taken (a sequence left out is derived).
 */
export function importedSequences(state: EmulatorState): Partial<Record<SequenceName, number>> {
  const highest = (ids: readonly (string | number)[]) =>
    ids.reduce<number>((max, id) => {
      const n = Number(id);
      return Number.isSafeInteger(n) && n > max ? n : max;
    }, 0);
  const fromRows: Record<SequenceName, number> = {
    card: highest(state.cards.map((c) => c.card.id)),
    record: highest(state.records.map((r) => r.id)),
    app: highest(state.apps.map((a) => a.id)),
    portal: highest(state.portals.map((p) => p.id)),
    user: highest(state.users.map((u) => u.id)),
  };
  const out: Partial<Record<SequenceName, number>> = {};
  for (const name of sequenceNames) {
    const value = Math.max(state.sequences[name] ?? 0, fromRows[name]);
    if (value > 0 || state.sequences[name] !== undefined) out[name] = value;
  }
  return out;
}

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /**
   * `:memory:` (gone on close), a `file:` URL, or a plain file path.
   * @default ':memory:'
   */
  url?: string;
  /** Clock for the `applied_at` of migrations. @default Date.now */
  clock?: () => number;
  /**
   * Wraps the libsql client every statement goes through: tests inject failing writes (disk full)
   * here. @default the client as it is
   */
  wrapClient?: (client: Client) => Client;
  /** Secrets for apps an import brings without them (`secrets: "omitted"`). @default crypto.randomUUID */
  randomUUID?: () => string;
}

function normaliseUrl(url: string): string {
  if (url === ':memory:' || /^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  return `file:${url}`;
}

/** The file path of a `file:` URL, or null (`:memory:`, remote URLs). */
function filePath(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  const path = url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length).split('?')[0];
  return path === undefined || path === '' || path === ':memory:' ? null : resolve(path);
}

/** The SQLite (or libsql) error code of `error`, if it has one (`SQLITE_FULL`, `ENOSPC`…). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const { code, extendedCode } = e as Error & { code?: unknown; extendedCode?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (typeof extendedCode === 'string') codes.push(extendedCode);
    const named = /\b(SQLITE_[A-Z_]+|ENOSPC|EROFS|EACCES|EPERM)\b/.exec(e.message)?.[1];
    if (named) codes.push(named);
  }
  return codes;
}

const diskFullCodes = ['SQLITE_FULL', 'ENOSPC'];
const unwritableCodes = ['SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_IOERR', 'EROFS', 'EACCES', 'EPERM'];

/** The message of a data file that cannot be opened at start, naming the path and the fixes. */
function cannotOpen(path: string, error: unknown): SpokeEmulatorError {
  const reason = error instanceof Error ? error.message : String(error);
  return new SpokeEmulatorError(
    'STORE_CANNOT_OPEN',
    `cannot open the data file ${path} (${reason}). The folder ${dirname(path)} must exist or be creatable, and be writable by you: check it with \`ls -ld "${dirname(path)}"\` and fix it with \`chmod u+w\` (or chown), or start on another file with \`spoke emulator --data <file>\` (or \`--memory\`).`,
    { cause: error },
  );
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
  const randomUUID = options.randomUUID ?? nodeRandomUUID;
  const path = filePath(location);
  try {
    if (path !== null) mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw cannotOpen(path ?? location, error);
  }
  // One connection: every call is synchronous inside libsql, and one writer means no SQLITE_BUSY.
  let client: Client;
  try {
    const raw = createClient({ url: location, concurrency: 1 });
    client = options.wrapClient ? options.wrapClient(raw) : raw;
  } catch (error) {
    throw path === null ? error : cannotOpen(path, error);
  }
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
    if (error instanceof SpokeEmulatorError || path === null) throw error;
    throw cannotOpen(path, error);
  }

  // Rows that did not decode, each reported once (the emulator logs them with a repair hint).
  const skipped = new Map<string, SkippedRow>();
  const onSkippedRow = (row: SkippedRow) => {
    const key = `${row.table}\u0000${row.id}`;
    if (!skipped.has(key)) skipped.set(key, row);
  };
  // After a full disk, the next write first tries to shrink the WAL, so freed space is used at once.
  let diskWasFull = false;
  const where = path ?? location;
  /** A failed write as the caller should see it: a taken id, a full disk, an unwritable file. */
  const writeError = (error: unknown, writes: readonly StoreWrite[]): unknown => {
    if (error instanceof SpokeEmulatorError) return error;
    const codes = errorCodes(error);
    if (codes.some((code) => code.startsWith('SQLITE_CONSTRAINT'))) {
      const index = (error as { statementIndex?: unknown }).statementIndex;
      const failed = writes[typeof index === 'number' ? index : 0] ?? writes[0];
      const table = failed?.collection ?? 'the store';
      const id = failed?.args[0];
      return new SpokeEmulatorError(
        'API_CONFLICT',
        `${table} already has a row with id ${String(id)}; a create never overwrites one, so nothing was written. Update the existing row (PATCH) or delete it first.`,
        { cause: error },
      );
    }
    if (codes.some((code) => diskFullCodes.includes(code))) {
      diskWasFull = true;
      return new SpokeEmulatorError(
        'STORE_DISK_FULL',
        `the disk holding ${where} is full, so this write was not saved (nothing was half-written). Free disk space — or clear the request log with DELETE /_spoke/requests — and retry; the emulator recovers without a restart.`,
        { cause: error },
      );
    }
    if (codes.some((code) => unwritableCodes.includes(code))) {
      return new SpokeEmulatorError(
        'STORE_UNWRITABLE',
        `the data file ${where} cannot be written (${codes[0]}), so this write was not saved. Check that the file and its folder are writable (ls -l; chmod u+w) and retry, or restart on another file with spoke emulator --data <file>.`,
        { cause: error },
      );
    }
    return error;
  };
  const recoverIfDiskWasFull = async () => {
    if (!diskWasFull) return;
    try {
      // Gives back the space a half-grown WAL holds; harmless when nothing is to checkpoint.
      await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
      diskWasFull = false;
    } catch {
      // Still full: the write below fails with STORE_DISK_FULL again.
    }
  };

  const collection = <T>(
    name: (typeof collectionNames)[number],
    decode: (value: unknown) => T,
    cached = false,
  ) =>
    createCollection(client, queue, name, decode, {
      cached,
      onSkippedRow,
      writeError: (error, one) => writeError(error, [one]),
    });
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
  // HubSpot's default properties (hs_object_id, createdate, last-modified) are made on every read.
  const records = collection('records', (v) => withDefaultProperties(crmRecordSchema.parse(v)));
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
      await recoverIfDiskWasFull();
      try {
        // One statement is atomic on its own: no BEGIN/COMMIT round trips around it.
        if (writes.length === 1 && writes[0]) await client.execute(writes[0]);
        else if (writes.length > 0) await client.batch([...writes], 'write');
      } catch (error) {
        throw writeError(error, writes);
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
        await recoverIfDiskWasFull();
        let result: Awaited<ReturnType<Client['execute']>>;
        try {
          // Never below `start`: a sequence rebuilt from imported ids may sit under it.
          result = await client.execute({
            sql: 'INSERT INTO sequences (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = MAX(value + ?, excluded.value) RETURNING value',
            args: [sequence, start + count - 1, count],
          });
        } catch (error) {
          throw writeError(error, []);
        }
        const last = Number(result.rows[0]?.value);
        if (!Number.isSafeInteger(last)) {
          throw new SpokeEmulatorError(
            'API_CONFLICT',
            `the ${sequence} id sequence is exhausted (past 2^53 - 1); import a state with lower ids.`,
          );
        }
        return last - count + 1;
      });
    },
    async skippedRows() {
      // Reading every table decodes every row; those that fail land in `skipped`.
      for (const c of byName.values()) await c.entries();
      return [...skipped.values()];
    },
    async schemaVersion() {
      const result = await client.execute('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations');
      return Number(result.rows[0]?.v ?? 0);
    },
    async isEmpty() {
      const counts = await Promise.all([portals.count(), apps.count(), records.count()]);
      return counts.every((n) => n === 0);
    },
    async exportState(exportedAt, options = {}) {
      const includeSecrets = options.includeSecrets ?? true;
      const sequenceRows = await client.execute('SELECT name, value FROM sequences ORDER BY name');
      const state: EmulatorState = {
        format: 'spoke-emulator-state',
        schemaVersion: await store.schemaVersion(),
        exportedAt,
        secrets: includeSecrets ? 'included' : 'omitted',
        settings: await settings.get('emulator'),
        portals: await values(portals),
        users: await values(users),
        apps: (await values(apps)).map((app): ExportedApp => {
          if (includeSecrets) return app;
          const { clientSecrets: _secrets, developerApiKey: _key, ...rest } = app;
          return rest;
        }),
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
      // What an import of this file would rebuild, so export → import → export gives the same file.
      return { ...state, sequences: importedSequences(state) };
    },
    async importState(state: EmulatorState) {
      // Read before the queue job: apps without secrets keep those of the app they replace.
      const existing = new Map((await values(apps)).map((app) => [app.id, app]));
      const withSecrets = (app: ExportedApp): App => {
        const { clientSecrets, developerApiKey, ...rest } = app;
        const before = existing.get(app.id);
        return {
          ...rest,
          clientSecrets: clientSecrets ?? before?.clientSecrets ?? [randomUUID()],
          developerApiKey: developerApiKey ?? before?.developerApiKey ?? randomUUID(),
        };
      };
      const writes: StoreWrite[] = [
        ...collectionNames.map((name) => ({ sql: `DELETE FROM ${name}`, args: [] })),
        { sql: 'DELETE FROM sequences', args: [] },
      ];
      if (state.settings) writes.push(settings.putWrite('emulator', state.settings));
      for (const p of state.portals) writes.push(portals.putWrite(p.id, p));
      for (const u of state.users) writes.push(users.putWrite(u.id, u, u.portalId));
      for (const a of state.apps) writes.push(apps.putWrite(a.id, withSecrets(a)));
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
      for (const [name, value] of Object.entries(importedSequences(state))) {
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
