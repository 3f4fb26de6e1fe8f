import type { ObjectTypeName } from '@spoke/protocol';
import type { CardsByApp } from './card-index.ts';
import type { Collection, SkippedRow, StoreWrite } from './collection.ts';
import type { EmulatorState, sequenceNames } from './emulator-state.ts';
import type { Tables, TableValue } from './tables.ts';

/** One collection per table of `tables`, under the same key. */
export type StoreCollections = { readonly [K in keyof Tables]: Collection<TableValue<Tables[K]>> };

/** Counters that hand out HubSpot-like numeric ids. */
export type SequenceName = (typeof sequenceNames)[number];

/**
 * Everything the emulator keeps. Each collection is keyed by id and scoped by owner:
 * cards, settings, exchanges and connected numbers by app id; records by object type;
 * share sends by share id. Implemented on SQLite by `createSqliteStore`.
 */
export interface Store extends StoreCollections {
  /** Where the data lives (`:memory:` or a file URL). */
  readonly location: string;
  /** The cards defined for an object type, by app id; kept in memory until cards change. */
  cardsForObjectType(objectType: ObjectTypeName): Promise<CardsByApp>;
  /** Runs `job` with no other write in between (check-then-write); writes inside it run at once. */
  serialized<T>(job: () => Promise<T>): Promise<T>;
  /** Applies every write in one transaction: all or nothing. */
  write(writes: readonly StoreWrite[]): Promise<void>;
  /** The next id of a sequence (first call gives `start`); with `count`, the first of that many in a row. */
  nextId(sequence: SequenceName, start?: number, count?: number): Promise<number>;
  /** The schema version the store is at. */
  schemaVersion(): Promise<number>;
  /** True when nothing has been written yet (no portal, app or record). */
  isEmpty(): Promise<boolean>;
  /**
   * The whole state, for `GET /_spoke/state`. Sequences are given as an import rebuilds them.
   * @param options.includeSecrets apps' client secrets and developer API keys. @default true (the
   *   HTTP export leaves them out unless `?includeSecrets=true`)
   */
  exportState(exportedAt: string, options?: { includeSecrets?: boolean }): Promise<EmulatorState>;
  /**
   * Replaces the whole state in one transaction. Pass a state parsed with `emulatorStateSchema`
   * (it checks references, ids and crons). Apps without secrets keep those of the app with the
   * same id, or get new random ones; sequences are rebuilt from the ids present.
   */
  importState(state: EmulatorState): Promise<void>;
  /**
   * Reads every table and lists the rows that did not decode (written by hand or an older Spoke):
   * reads leave them out instead of failing. The emulator logs them at start.
   */
  skippedRows(): Promise<SkippedRow[]>;
  /** Waits for queued writes, then closes the database. */
  close(): Promise<void>;
}
