import type { Client } from '@libsql/client';
import type { CollectionName } from './migrations.ts';
import type { WriteQueue } from './write-queue.ts';

/** One SQL write, built by a collection and run with others in one transaction by `Store.write`. */
export interface StoreWrite {
  readonly sql: string;
  readonly args: (string | number | null)[];
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
}

/** A table of JSON documents keyed by id, each with an owner `scope`. */
export interface Collection<T> {
  readonly name: CollectionName;
  get(id: string | number): Promise<T | null>;
  list(options?: ListOptions): Promise<T[]>;
  count(scope?: string | number): Promise<number>;
  /** Inserts or replaces (an update keeps the original insertion order). */
  put(id: string | number, value: T, scope?: string | number): Promise<void>;
  /** True when a document was removed. */
  delete(id: string | number): Promise<boolean>;
  /** Every document with its id and scope, oldest first (for export). */
  entries(): Promise<{ id: string; scope: string; value: T }[]>;
  putWrite(id: string | number, value: T, scope?: string | number): StoreWrite;
  deleteWrite(id: string | number): StoreWrite;
  deleteScopeWrite(scope: string | number): StoreWrite;
  /** Removes every document. */
  clearWrite(): StoreWrite;
}

/** Builds a collection over `table`; `decode` checks each document read back. */
export function createCollection<T>(
  client: Client,
  queue: WriteQueue,
  name: CollectionName,
  decode: (value: unknown) => T,
): Collection<T> {
  const putWrite = (id: string | number, value: T, scope: string | number = ''): StoreWrite => ({
    sql: `INSERT INTO ${name} (id, scope, doc) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET scope = excluded.scope, doc = excluded.doc`,
    args: [String(id), String(scope), JSON.stringify(value)],
  });
  const deleteWrite = (id: string | number): StoreWrite => ({
    sql: `DELETE FROM ${name} WHERE id = ?`,
    args: [String(id)],
  });
  const read = (doc: unknown): T => decode(JSON.parse(String(doc)));
  return {
    name,
    async get(id) {
      const result = await client.execute({
        sql: `SELECT doc FROM ${name} WHERE id = ?`,
        args: [String(id)],
      });
      const row = result.rows[0];
      return row ? read(row.doc) : null;
    },
    async list(options = {}) {
      const where = options.scope === undefined ? '' : 'WHERE scope = ?';
      const args: (string | number)[] = options.scope === undefined ? [] : [String(options.scope)];
      const order = options.newestFirst ? 'DESC' : 'ASC';
      args.push(options.limit ?? -1, options.offset ?? 0);
      const result = await client.execute({
        sql: `SELECT doc FROM ${name} ${where} ORDER BY rowid ${order} LIMIT ? OFFSET ?`,
        args,
      });
      return result.rows.map((row) => read(row.doc));
    },
    async count(scope) {
      const result =
        scope === undefined
          ? await client.execute(`SELECT COUNT(*) AS n FROM ${name}`)
          : await client.execute({
              sql: `SELECT COUNT(*) AS n FROM ${name} WHERE scope = ?`,
              args: [String(scope)],
            });
      return Number(result.rows[0]?.n ?? 0);
    },
    async entries() {
      const result = await client.execute(`SELECT id, scope, doc FROM ${name} ORDER BY rowid ASC`);
      return result.rows.map((row) => ({
        id: String(row.id),
        scope: String(row.scope),
        value: read(row.doc),
      }));
    },
    async put(id, value, scope) {
      const write = putWrite(id, value, scope);
      await queue.run(() => client.execute(write));
    },
    async delete(id) {
      const write = deleteWrite(id);
      const result = await queue.run(() => client.execute(write));
      return result.rowsAffected > 0;
    },
    putWrite,
    deleteWrite,
    deleteScopeWrite: (scope) => ({ sql: `DELETE FROM ${name} WHERE scope = ?`, args: [String(scope)] }),
    clearWrite: () => ({ sql: `DELETE FROM ${name}`, args: [] }),
  };
}
