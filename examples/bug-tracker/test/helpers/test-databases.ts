import { afterAll, beforeAll } from 'vitest';
import { type PostgresServer, startPostgres } from '../../../../tests/helpers/postgres.ts';
import type { Database } from '../../src/db/database.ts';
import { openDatabase } from '../../src/db/open-database.ts';

/** The two storages the tracker supports; every storage-touching suite runs against both. */
export const databaseKinds = ['sqlite', 'postgres'] as const;
export type DatabaseKind = (typeof databaseKinds)[number];

/** Opens fresh, empty databases of one kind for a suite. */
export interface TestDatabases {
  /** A new empty database (SQLite in memory, or a new Postgres database on the suite's server). */
  open(): Promise<Database>;
  /** A URL or file for a new empty database, for code that opens its own (`openTrackerStore`). */
  location(): Promise<{ databaseUrl?: string; sqliteFile: string }>;
}

/**
 * Registers hooks on the current suite: for Postgres, a throwaway server started once for the
 * suite and stopped after it; every database opened is closed after the suite.
 */
export function useTestDatabases(kind: DatabaseKind): TestDatabases {
  let server: PostgresServer | undefined;
  const opened: Database[] = [];
  beforeAll(async () => {
    if (kind === 'postgres') server = await startPostgres();
  });
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close()));
    await server?.stop();
  });
  const location = async () => {
    if (kind === 'sqlite') return { sqliteFile: ':memory:' };
    if (server === undefined)
      throw new Error('the Postgres server is not running: call open() inside a test');
    return { databaseUrl: await server.createDatabase(), sqliteFile: ':memory:' };
  };
  return {
    location,
    async open() {
      const db = await openDatabase(await location());
      opened.push(db);
      return db;
    },
  };
}
