import type { Row } from './database.ts';

/**
 * Reads a whole-number column. Postgres returns `BIGINT` and `COUNT(*)` as strings and SQLite may
 * return a bigint, so every number goes through here.
 */
export function intColumn(row: Row, column: string): number {
  const value = row[column];
  const number = typeof value === 'string' || typeof value === 'bigint' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
    throw new TypeError(`column ${column} holds ${String(value)}, not a whole number`);
  }
  return number;
}

/** Reads a whole-number column that may be NULL. */
export function optionalIntColumn(row: Row, column: string): number | null {
  return row[column] === null || row[column] === undefined ? null : intColumn(row, column);
}

/** Reads a text column. */
export function textColumn(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new TypeError(`column ${column} holds ${String(value)}, not text`);
  return value;
}

/** Reads a text column that may be NULL. */
export function optionalTextColumn(row: Row, column: string): string | null {
  return row[column] === null || row[column] === undefined ? null : textColumn(row, column);
}
