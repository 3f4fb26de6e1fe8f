import type { StoreWrite } from './collection.ts';
import type { CollectionName } from './tables.ts';

// Retention of a growing table (the request log), as writes for `Store.write`. Both walk the rowid
// (insertion order) b-tree from the oldest end: O(log n) plus the rows they remove, never a scan.

/**
 * Removes the oldest rows so that at most `keep` remain: everything at or below
 * `MAX(rowid) - keep`. Rowids only grow, so after deletions in the middle it keeps fewer, never more.
 */
export function keepNewestWrite(table: CollectionName, keep: number): StoreWrite {
  return {
    sql: `DELETE FROM ${table} WHERE rowid <= (SELECT MAX(rowid) FROM ${table}) - ?`,
    args: [Math.max(0, Math.floor(keep))],
    collection: table,
  };
}

/**
 * Removes rows, oldest first, up to the first whose numeric JSON `field` is at least `min` (all of
 * them when none is). Stops at the first young row, so a row older than one inserted before it waits
 * for that one: age is approximate by insertion order, which is time order for the request log.
 */
export function dropOlderWrite(table: CollectionName, field: string, min: number): StoreWrite {
  return {
    sql: `DELETE FROM ${table} WHERE rowid < COALESCE((SELECT rowid FROM ${table} WHERE json_extract(doc, ?) >= ? ORDER BY rowid LIMIT 1), (SELECT MAX(rowid) + 1 FROM ${table}))`,
    args: [`$.${field}`, min],
    collection: table,
  };
}
