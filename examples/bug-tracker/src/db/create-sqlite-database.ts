import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Client, createClient, type InArgs, type ResultSet } from '@libsql/client';
import { BugTrackerError } from '../errors.ts';
import { createSerialQueue } from './create-serial-queue.ts';
import type { Database, Row, SqlValue } from './database.ts';

/** Options of {@link createSqliteDatabase}. */
export interface SqliteDatabaseOptions {
  /** A file path (its folder is created), or `:memory:` for a database that lives as long as the process. */
  file: string;
  /** How long a statement waits for another process's lock on the file, ms. @default 5000 */
  busyTimeoutMs?: number;
}

function rowsOf(result: ResultSet): Row[] {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((column) => [column, row[column]])));
}

async function run(client: Pick<Client, 'execute'>, sql: string, args: readonly SqlValue[]): Promise<Row[]> {
  return rowsOf(await client.execute({ sql, args: [...args] as InArgs }));
}

/**
 * Opens (and creates) a SQLite database through `@libsql/client`. Statements of this process run
 * one at a time; several processes may share the file (WAL mode, busy timeout).
 */
export async function createSqliteDatabase(options: SqliteDatabaseOptions): Promise<Database> {
  const memory = options.file === ':memory:';
  const path = memory ? ':memory:' : resolve(options.file);
  let client: Client;
  try {
    if (!memory) mkdirSync(dirname(path), { recursive: true });
    client = createClient({ url: `file:${path}`, timeout: options.busyTimeoutMs ?? 5_000 });
    // WAL lets readers in other processes go on while one writes; a memory database has no journal file.
    if (!memory) await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA foreign_keys = ON');
  } catch (cause) {
    throw new BugTrackerError(
      'TRACKER_DATABASE_UNAVAILABLE',
      `cannot open the SQLite database ${path}: ${(cause as Error).message}. Check that the folder is writable, or set DATABASE_URL to use Postgres.`,
      { cause },
    );
  }
  const serial = createSerialQueue();
  return {
    dialect: 'sqlite',
    description: `SQLite ${path}`,
    query: (sql, args = []) => serial(() => run(client, sql, args)),
    transaction: (work) =>
      serial(async () => {
        const tx = await client.transaction('write');
        try {
          const result = await work({ query: (sql, args = []) => run(tx, sql, args) });
          await tx.commit();
          return result;
        } catch (error) {
          await tx.rollback();
          throw error;
        } finally {
          tx.close();
        }
      }),
    close: async () => client.close(),
  };
}
