import type { Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { type DatabaseLocation, openDatabase } from './db/open-database.ts';
import { createTrackerStore, type TrackerStore } from './store/tracker-store.ts';

/**
 * Opens the database (Postgres with `databaseUrl`, else SQLite), applies the migrations and
 * builds the repositories. Every instance runs this at start; the migration lock makes that safe.
 */
export async function openTrackerStore(
  location: DatabaseLocation,
  now: () => number = Date.now,
): Promise<{ store: TrackerStore; db: Database; applied: readonly number[] }> {
  const db = await openDatabase(location);
  try {
    const { applied } = await migrate(db, { now });
    return { store: createTrackerStore(db, now), db, applied };
  } catch (error) {
    await db.close();
    throw error;
  }
}
