import type { Client } from '@libsql/client';
import { type CollectionEntry, createSnapshotCache, type Snapshot } from './snapshot-cache.ts';
import type { CollectionName } from './tables.ts';
import type { WriteQueue } from './write-queue.ts';

export type { CollectionEntry } from './snapshot-cache.ts';

/** One SQL write, built by a collection and run with others in one transaction by `Store.write`. */
export interface StoreWrite {
  readonly sql: string;
  readonly args: (string | number | null)[];
  /** The table it changes, so the store drops that table's cache; none drops every cache. */
  readonly collection?: CollectionName;
}

/** Filters of `Collection.list`. */
export interface ListOptions {
  /** Only documents of this owner (app id, object type, share id…). */
  scope?: string | number;
  /** At most this many. */
  limit?: number;
  /** Skip this many first. */
  offset?: number;
  /** Newest first (reverse insertion order). @default false */
  newestFirst?: boolean;
  /** Only documents whose top-level field `field` is (or, with `not`, is not) `equals`; a missing field is ''. */
  fields?: readonly FieldFilter[];
}

/** A filter of `ListOptions.fields` on one top-level field of the JSON document. */
export interface FieldFilter {
  field: string;
  equals: string;
  not?: boolean;
}

/** A table of JSON documents keyed by id, each with an owner `scope`. */
export interface Collection<T> {
  readonly name: CollectionName;
  get(id: string | number): Promise<T | null>;
  list(options?: ListOptions): Promise<T[]>;
  count(scope?: string | number): Promise<number>;
  /** Inserts or replaces (an update keeps the original insertion order): for updates. */
  put(id: string | number, value: T, scope?: string | number): Promise<void>;
  /** Inserts a new document; an id already taken is a 409 `API_CONFLICT`, never an overwrite. */
  insert(id: string | number, value: T, scope?: string | number): Promise<void>;
  /** True when a document was removed. */
  delete(id: string | number): Promise<boolean>;
  /** Every document with its id and scope, oldest first (for export). */
  entries(): Promise<CollectionEntry<T>[]>;
  /**
   * The same, read-only. A cached collection hands out the same frozen array until a write changes
   * the table, so lookups derived from it can be kept per array (see `cardsForObjectType`).
   */
  snapshot(): Promise<readonly CollectionEntry<T>[]>;
  putWrite(id: string | number, value: T, scope?: string | number): StoreWrite;
  /** The write of {@link Collection.insert}: fails (the whole batch with it) when the id is taken. */
  insertWrite(id: string | number, value: T, scope?: string | number): StoreWrite;
  /**
   * Inserts or replaces several documents in one statement (one prepare, atomic on its own).
   * SQLite binds at most 32,766 values: pass at most 10,000 documents.
   */
  putManyWrite(documents: readonly { id: string | number; value: T; scope?: string | number }[]): StoreWrite;
  deleteWrite(id: string | number): StoreWrite;
  deleteScopeWrite(scope: string | number): StoreWrite;
  /** Removes every document. */
  clearWrite(): StoreWrite;
}

/** A row whose JSON does not decode: reads skip it (and report it once) instead of failing. */
export interface SkippedRow {
  readonly table: CollectionName;
  readonly id: string;
  readonly reason: string;
}

/** A collection as the store holds it: it can drop its cache when a batched write changed it. */
export interface StoreCollection<T> extends Collection<T> {
  /** Called by the store after a `write` touched this table. */
  invalidate(): void;
}

/** The part of a list SQL would return: scope filter, order, offset and limit. */
function listFrom<T>(snapshot: Snapshot<T>, options: ListOptions): T[] {
  const scope = options.scope === undefined ? undefined : String(options.scope);
  const fields = options.fields ?? [];
  const entries = snapshot.entries.filter(
    (entry) =>
      (scope === undefined || entry.scope === scope) &&
      fields.every(
        (f) =>
          (String((entry.value as Record<string, unknown>)[f.field] ?? '') === f.equals) !== (f.not ?? false),
      ),
  );
  if (options.newestFirst) entries.reverse();
  const offset = Math.max(0, options.offset ?? 0);
  const limit = options.limit ?? -1;
  // SQLite reads a negative LIMIT as "no limit".
  return entries.slice(offset, limit < 0 ? undefined : offset + limit).map((entry) => entry.value);
}

/** One line saying why a stored document did not decode (bad JSON, or the first schema issue). */
function decodeFailure(error: unknown): string {
  const issues = (error as { issues?: { path?: PropertyKey[]; message?: string }[] } | null)?.issues;
  const first = Array.isArray(issues) ? issues[0] : undefined;
  if (first) {
    const path = (first.path ?? []).map(String).join('.');
    return `${path === '' ? 'the document' : path}: ${first.message ?? 'invalid'}`;
  }
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 300) ?? '';
}

/**
 * Builds a collection over `table`; `decode` checks each document read back. With `cached`, the
 * whole table is read and decoded once and kept until a write changes it: for the small tables a
 * record open reads every time (apps, cards, users, portals, settings, faults), never for those that
 * grow (records, the request log).
 */
export function createCollection<T>(
  client: Client,
  queue: WriteQueue,
  name: CollectionName,
  decode: (value: unknown) => T,
  options: {
    cached?: boolean;
    /** Called for each row that does not decode; the row is then left out of what reads return. */
    onSkippedRow?: (row: SkippedRow) => void;
    /** Turns a failed write into the error a caller should see (conflict, disk full…). */
    writeError?: (error: unknown, write: StoreWrite) => unknown;
  } = {},
): StoreCollection<T> {
  const upsert = (rows: number) =>
    `INSERT INTO ${name} (id, scope, doc) VALUES ${Array.from({ length: rows }, () => '(?, ?, ?)').join(', ')} ON CONFLICT(id) DO UPDATE SET scope = excluded.scope, doc = excluded.doc`;
  const upsertOne = upsert(1);
  const putWrite = (id: string | number, value: T, scope: string | number = ''): StoreWrite => ({
    sql: upsertOne,
    args: [String(id), String(scope), JSON.stringify(value)],
    collection: name,
  });
  const putManyWrite: Collection<T>['putManyWrite'] = (documents) => ({
    // No documents: a statement that changes nothing, so a batch may hold it.
    sql: documents.length === 0 ? `DELETE FROM ${name} WHERE 0` : upsert(documents.length),
    args: documents.flatMap(({ id, value, scope = '' }) => [
      String(id),
      String(scope),
      JSON.stringify(value),
    ]),
    collection: name,
  });
  const insertWrite = (id: string | number, value: T, scope: string | number = ''): StoreWrite => ({
    sql: `INSERT INTO ${name} (id, scope, doc) VALUES (?, ?, ?)`,
    args: [String(id), String(scope), JSON.stringify(value)],
    collection: name,
  });
  const deleteWrite = (id: string | number): StoreWrite => ({
    sql: `DELETE FROM ${name} WHERE id = ?`,
    args: [String(id)],
    collection: name,
  });
  // A row written by an older Spoke or by hand may not decode: it is skipped, never a failed read.
  const read = (id: unknown, doc: unknown): { ok: true; value: T } | { ok: false } => {
    try {
      return { ok: true, value: decode(JSON.parse(String(doc))) };
    } catch (error) {
      options.onSkippedRow?.({ table: name, id: String(id), reason: decodeFailure(error) });
      return { ok: false };
    }
  };
  const decoded = <R>(
    rows: readonly Record<string, unknown>[],
    build: (row: Record<string, unknown>, value: T) => R,
  ) =>
    rows.flatMap((row) => {
      const result = read(row.id, row.doc);
      return result.ok ? [build(row, result.value)] : [];
    });
  const loadEntries = async (): Promise<CollectionEntry<T>[]> => {
    const result = await client.execute(`SELECT id, scope, doc FROM ${name} ORDER BY rowid ASC`);
    return decoded(result.rows, (row, value) => ({ id: String(row.id), scope: String(row.scope), value }));
  };
  const cache = options.cached ? createSnapshotCache(loadEntries) : undefined;
  // A single write runs after the queue's earlier jobs; the cache is dropped whatever its outcome.
  const runWrite = (write: StoreWrite) =>
    queue.run(async () => {
      try {
        return await client.execute(write);
      } catch (error) {
        throw options.writeError ? options.writeError(error, write) : error;
      } finally {
        cache?.invalidate();
      }
    });
  const uncached = {
    async get(id: string | number) {
      const result = await client.execute({
        sql: `SELECT id, doc FROM ${name} WHERE id = ?`,
        args: [String(id)],
      });
      const row = result.rows[0];
      if (!row) return null;
      const one = read(row.id, row.doc);
      return one.ok ? one.value : null;
    },
    async list(options: ListOptions = {}) {
      const conditions: string[] = [];
      const args: (string | number)[] = [];
      if (options.scope !== undefined) {
        conditions.push('scope = ?');
        args.push(String(options.scope));
      }
      for (const f of options.fields ?? []) {
        conditions.push(`COALESCE(json_extract(doc, ?), '') ${f.not ? '!=' : '='} ?`);
        args.push(`$.${f.field}`, f.equals);
      }
      const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
      const order = options.newestFirst ? 'DESC' : 'ASC';
      args.push(options.limit ?? -1, options.offset ?? 0);
      const result = await client.execute({
        sql: `SELECT id, doc FROM ${name} ${where} ORDER BY rowid ${order} LIMIT ? OFFSET ?`,
        args,
      });
      return decoded(result.rows, (_row, value) => value);
    },
    async count(scope?: string | number) {
      const result =
        scope === undefined
          ? await client.execute(`SELECT COUNT(*) AS n FROM ${name}`)
          : await client.execute({
              sql: `SELECT COUNT(*) AS n FROM ${name} WHERE scope = ?`,
              args: [String(scope)],
            });
      return Number(result.rows[0]?.n ?? 0);
    },
    entries: loadEntries,
    snapshot: loadEntries,
  };
  const reads: Pick<Collection<T>, 'get' | 'list' | 'count' | 'entries' | 'snapshot'> = cache
    ? {
        get: async (id) => (await cache.read()).byId.get(String(id))?.value ?? null,
        list: async (options = {}) => listFrom(await cache.read(), options),
        async count(scope) {
          const { entries } = await cache.read();
          return scope === undefined
            ? entries.length
            : entries.filter((entry) => entry.scope === String(scope)).length;
        },
        entries: async () => [...(await cache.read()).entries],
        snapshot: async () => (await cache.read()).entries,
      }
    : uncached;
  return {
    name,
    ...reads,
    async put(id, value, scope) {
      await runWrite(putWrite(id, value, scope));
    },
    async insert(id, value, scope) {
      await runWrite(insertWrite(id, value, scope));
    },
    async delete(id) {
      const result = await runWrite(deleteWrite(id));
      return result.rowsAffected > 0;
    },
    putWrite,
    insertWrite,
    putManyWrite,
    deleteWrite,
    deleteScopeWrite: (scope) => ({
      sql: `DELETE FROM ${name} WHERE scope = ?`,
      args: [String(scope)],
      collection: name,
    }),
    clearWrite: () => ({ sql: `DELETE FROM ${name}`, args: [], collection: name }),
    invalidate: () => cache?.invalidate(),
  };
}
