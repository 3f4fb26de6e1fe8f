import pg from 'pg';
import { BugTrackerError } from '../errors.ts';
import type { Database, Row, SqlValue } from './database.ts';
import { toPostgresPlaceholders } from './to-postgres-placeholders.ts';

/** Options of {@link createPostgresDatabase}. */
export interface PostgresDatabaseOptions {
  /** `postgres://user:password@host:port/database`. */
  url: string;
  /** Connections in the pool. @default 10 */
  poolSize?: number;
  /** Where a broken idle connection is reported (the pool replaces it). @default console.error */
  onIdleError?: (error: Error) => void;
}

function describe(url: string): string {
  const parsed = new URL(url);
  return `Postgres ${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
}

/** Opens a `pg` pool and checks that it can reach the server. */
export async function createPostgresDatabase(options: PostgresDatabaseOptions): Promise<Database> {
  const description = describe(options.url);
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
  pool.on('error', options.onIdleError ?? ((error) => console.error(`[bug-tracker] ${description}:`, error)));
  try {
    await pool.query('SELECT 1');
  } catch (cause) {
    await pool.end();
    throw new BugTrackerError(
      'TRACKER_DATABASE_UNAVAILABLE',
      `cannot reach ${description}: ${(cause as Error).message}. Check DATABASE_URL and that the server is running.`,
      { cause },
    );
  }
  const run = async (
    client: pg.Pool | pg.PoolClient,
    sql: string,
    args: readonly SqlValue[],
  ): Promise<Row[]> => (await client.query(toPostgresPlaceholders(sql), [...args])).rows as Row[];
  return {
    dialect: 'postgres',
    description,
    query: (sql, args = []) => run(pool, sql, args),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ query: (sql, args = []) => run(client, sql, args) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
