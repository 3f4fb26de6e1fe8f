/** A value a statement can bind: the tracker stores text, whole numbers and nulls only. */
export type SqlValue = string | number | null;

/** One result row, by column name. Read it with the helpers in `row-values.ts`. */
export type Row = Readonly<Record<string, unknown>>;

/** What runs statements: the database itself or an open transaction. */
export interface Queryable {
  /**
   * Runs one statement with `?` placeholders (rewritten to `$1…` for Postgres) and returns
   * its rows (`RETURNING` rows for writes).
   */
  query(sql: string, args?: readonly SqlValue[]): Promise<Row[]>;
}

/** The SQL dialect behind a {@link Database}; migrations pick their column types by it. */
export type Dialect = 'sqlite' | 'postgres';

/**
 * The tracker's storage: SQLite (`@libsql/client`) or Postgres (`pg`) behind one small API.
 * Every write runs inside `transaction`, which commits when `work` resolves and rolls back
 * when it throws.
 */
export interface Database extends Queryable {
  readonly dialect: Dialect;
  /** Where the data lives, for logs (a file path, or the Postgres host and database; never a password). */
  readonly description: string;
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
