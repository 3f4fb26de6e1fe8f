import { BugTrackerError } from '../errors.ts';
import { createPostgresDatabase } from './create-postgres-database.ts';
import { createSqliteDatabase } from './create-sqlite-database.ts';
import type { Database } from './database.ts';

/** Where the tracker keeps its data. */
export interface DatabaseLocation {
  /** A `postgres://` or `postgresql://` URL; when set, Postgres is used. */
  databaseUrl?: string | undefined;
  /** The SQLite file used when there is no `databaseUrl` (`:memory:` for none). */
  sqliteFile: string;
}

/** Opens Postgres when `databaseUrl` is given, SQLite otherwise. */
export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  const { databaseUrl } = location;
  if (databaseUrl === undefined || databaseUrl === '')
    return createSqliteDatabase({ file: location.sqliteFile });
  if (!/^postgres(ql)?:\/\//i.test(databaseUrl) || !URL.canParse(databaseUrl)) {
    throw new BugTrackerError(
      'TRACKER_DATABASE_URL_INVALID',
      `DATABASE_URL must be a postgres:// URL such as postgres://tracker:secret@db.internal:5432/tracker; got one starting ${JSON.stringify(databaseUrl.slice(0, 12))}. Unset it to use SQLite.`,
    );
  }
  return createPostgresDatabase({ url: databaseUrl });
}
