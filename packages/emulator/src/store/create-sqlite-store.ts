import { randomUUID as nodeRandomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Client, createClient } from '@libsql/client';
import { SpokeEmulatorError } from '../errors.ts';
import { createCardIndex } from './card-index.ts';
import { createCollection, type SkippedRow, type StoreCollection, type StoreWrite } from './collection.ts';
import { type EmulatorState, type ExportedApp, sequenceNames } from './emulator-state.ts';
import type { App } from './entities.ts';
import { migrations, migrationsTableSql } from './migrations.ts';
import type { SequenceName, Store } from './store.ts';
import {
  type CollectionName,
  type StoredState,
  type Table,
  type Tables,
  type TableValue,
  tables,
} from './tables.ts';
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

  // One collection per table, under the key the store gives it.
  const held = (Object.entries(tables) as [keyof Tables, Table<CollectionName, unknown>][]).map(
    ([key, table]) => ({
      key,
      table,
      collection: createCollection(client, queue, table.name, table.decode, {
        cached: table.cached,
        onSkippedRow,
        writeError: (error, one) => writeError(error, [one]),
      }),
    }),
  );
  const collections = Object.fromEntries(held.map(({ key, collection }) => [key, collection])) as {
    readonly [K in keyof Tables]: StoreCollection<TableValue<Tables[K]>>;
  };
  const { settings, portals, apps, cards, records } = collections;
  const byName = new Map(held.map(({ table, collection }) => [table.name, collection]));

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
      // Each table's list, in the order of `tables` (the state file's order).
      const lists: Record<string, unknown[]> = {};
      for (const { table, collection } of held) {
        if (table.state) lists[table.state.key] = table.state.exported(await collection.entries());
      }
      const stored = {
        format: 'spoke-emulator-state',
        schemaVersion: await store.schemaVersion(),
        exportedAt,
        secrets: includeSecrets ? 'included' : 'omitted',
        settings: await settings.get('emulator'),
        ...lists,
        sequences: Object.fromEntries(sequenceRows.rows.map((row) => [String(row.name), Number(row.value)])),
      } as StoredState;
      const state: EmulatorState = {
        ...stored,
        // OAuth tokens are secrets too: an export without secrets leaves them out.
        oauthTokens: includeSecrets ? stored.oauthTokens : [],
        apps: stored.apps.map((app): ExportedApp => {
          if (includeSecrets) return app;
          const { clientSecrets: _secrets, developerApiKey: _key, ...rest } = app;
          return rest;
        }),
      };
      // What an import of this file would rebuild, so export → import → export gives the same file.
      return { ...state, sequences: importedSequences(state) };
    },
    async importState(state: EmulatorState) {
      // Read before the queue job: apps without secrets keep those of the app they replace.
      const existing = new Map((await apps.entries()).map(({ value }) => [value.id, value]));
      const withSecrets = (app: ExportedApp): App => {
        const { clientSecrets, developerApiKey, ...rest } = app;
        const before = existing.get(app.id);
        return {
          ...rest,
          clientSecrets: clientSecrets ?? before?.clientSecrets ?? [randomUUID()],
          developerApiKey: developerApiKey ?? before?.developerApiKey ?? randomUUID(),
        };
      };
      const stored: StoredState = { ...state, apps: state.apps.map(withSecrets) };
      const writes: StoreWrite[] = [
        ...held.map(({ table }) => ({ sql: `DELETE FROM ${table.name}`, args: [] })),
        { sql: 'DELETE FROM sequences', args: [] },
      ];
      if (state.settings) writes.push(settings.putWrite('emulator', state.settings));
      for (const { table, collection } of held) {
        for (const row of table.state?.imported(stored) ?? []) {
          writes.push(collection.putWrite(row.id, row.value, row.scope));
        }
      }
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
