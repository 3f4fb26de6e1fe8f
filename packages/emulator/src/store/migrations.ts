import type { CollectionName } from './tables.ts';

/** One schema change, applied once in order and recorded in `schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

/** The tables of JSON documents the first schema version created; each has the columns of `collectionTable`. */
const firstCollections = [
  'settings',
  'portals',
  'users',
  'apps',
  'cards',
  'calling_settings',
  'channel_connection_settings',
  'records',
  'exchanges',
  'shares',
  'share_sends',
  'connected_numbers',
  'faults',
] as const satisfies readonly CollectionName[];

// `scope` is the owner (app id, object type, share id) a list is filtered by; rowid keeps insertion order.
function collectionTable(name: CollectionName): string[] {
  return [
    `CREATE TABLE ${name} (id TEXT PRIMARY KEY NOT NULL, scope TEXT NOT NULL DEFAULT '', doc TEXT NOT NULL)`,
    `CREATE INDEX ${name}_scope ON ${name} (scope)`,
  ];
}

/**
 * The schema, version by version. Never edit a released migration: add the next one. A new table
 * is an entry in `tables` (tables.ts) and a migration that runs `collectionTable` for it.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'collections and sequences',
    statements: [
      ...firstCollections.flatMap(collectionTable),
      'CREATE TABLE sequences (name TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL)',
    ],
  },
];

/** The table that records which migrations ran. */
export const migrationsTableSql =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, applied_at INTEGER NOT NULL)';
