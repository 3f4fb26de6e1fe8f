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
  {
    version: 2,
    name: 'installs and OAuth tokens',
    statements: [
      ...(['installs', 'oauth_codes', 'oauth_tokens'] as const).flatMap(collectionTable),
      // Apps of a data file written before installs existed stay installed in its first portal
      // (the dev portal) with their scopes, so nothing that worked stops working. Decision 0013.
      `INSERT INTO installs (id, scope, doc)
       SELECT a.id || ':' || p.id, a.id, json_object(
         'appId', CAST(a.id AS INTEGER), 'portalId', p.id, 'scopes', json(json_extract(a.doc, '$.scopes')),
         'userId', NULL, 'installedAt', json_extract(a.doc, '$.createdAt'),
         'updatedAt', json_extract(a.doc, '$.createdAt'))
       FROM apps a, (SELECT CAST(id AS INTEGER) AS id FROM portals ORDER BY rowid LIMIT 1) p
       WHERE json_valid(a.doc) AND json_type(a.doc, '$.scopes') = 'array'`,
    ],
  },
  {
    version: 3,
    name: 'records belong to a portal',
    statements: [
      // Records of a data file written before they had portals belong to its first portal (the dev portal).
      `UPDATE records SET doc = json_set(doc, '$.portalId',
         (SELECT CAST(id AS INTEGER) FROM portals ORDER BY rowid LIMIT 1))
       WHERE json_valid(doc) AND json_type(doc, '$.portalId') IS NULL AND EXISTS (SELECT 1 FROM portals)`,
    ],
  },
];

/** The table that records which migrations ran. */
export const migrationsTableSql =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, applied_at INTEGER NOT NULL)';
