import { BugTrackerError } from '../errors.ts';
import type { Database } from './database.ts';
import { migrations as allMigrations, type Migration, migrationStatements } from './migrations.ts';
import { intColumn } from './row-values.ts';

/** What {@link migrate} did. */
export interface MigrateResult {
  /** Ids of the migrations applied now, in order (empty when the schema was current). */
  readonly applied: readonly number[];
}

// Any constant works: it only has to be the same in every instance of the tracker.
const postgresLockKey = 4_151_770;

/**
 * Brings the schema up to date in one transaction. Safe to run from several instances at once:
 * Postgres takes an advisory lock first, SQLite an immediate (write) transaction. A database
 * migrated by a newer release than this one fails with TRACKER_SCHEMA_TOO_NEW.
 */
export async function migrate(
  db: Database,
  options: { migrations?: readonly Migration[]; now?: () => number } = {},
): Promise<MigrateResult> {
  const migrations = options.migrations ?? allMigrations;
  const now = options.now ?? Date.now;
  return db.transaction(async (tx) => {
    if (db.dialect === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(?)', [postgresLockKey]);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS tracker_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const done = new Set(
      (await tx.query('SELECT id FROM tracker_migrations')).map((row) => intColumn(row, 'id')),
    );
    const known = new Set(migrations.map((migration) => migration.id));
    const unknown = [...done].filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new BugTrackerError(
        'TRACKER_SCHEMA_TOO_NEW',
        `${db.description} has migrations ${unknown.join(', ')}, which this release does not know: a newer release migrated it. Run that release (or newer) against this database.`,
      );
    }
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
      if (done.has(migration.id)) continue;
      for (const statement of migrationStatements(migration, db.dialect)) await tx.query(statement);
      await tx.query('INSERT INTO tracker_migrations (id, name, applied_at) VALUES (?, ?, ?)', [
        migration.id,
        migration.name,
        new Date(now()).toISOString(),
      ]);
      applied.push(migration.id);
    }
    return { applied };
  });
}
