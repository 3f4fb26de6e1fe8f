/** One stored document with its key and owner. */
export interface CollectionEntry<T> {
  readonly id: string;
  readonly scope: string;
  readonly value: T;
}

/** A whole table, decoded once: its entries in insertion order and the same entries by id. */
export interface Snapshot<T> {
  readonly entries: readonly CollectionEntry<T>[];
  readonly byId: ReadonlyMap<string, CollectionEntry<T>>;
}

/** The decoded contents of one table, kept until a write changes the table. */
export interface SnapshotCache<T> {
  /** The cached snapshot, or a fresh one loaded (and kept unless a write came in meanwhile). */
  read(): Promise<Snapshot<T>>;
  /** Drops the snapshot; the next read loads the table again. Call after every write to it. */
  invalidate(): void;
}

/** Freezes a decoded document and everything in it, so no caller can change the cached copy. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}

/**
 * Caches a small table (apps, cards, users, settings…) decoded and frozen, so opening a record page
 * neither queries nor re-validates it. The store is the only writer of its database, and every
 * write path calls `invalidate`; a load that raced a write is returned to its callers but not kept
 * (the generation check), so a write is always visible to the next read.
 */
export function createSnapshotCache<T>(load: () => Promise<CollectionEntry<T>[]>): SnapshotCache<T> {
  let generation = 0;
  let current: Snapshot<T> | undefined;
  let loading: Promise<Snapshot<T>> | undefined;
  const fill = async (started: number): Promise<Snapshot<T>> => {
    try {
      const entries = deepFreeze(await load());
      const snapshot: Snapshot<T> = {
        entries,
        byId: new Map(entries.map((entry) => [entry.id, entry])),
      };
      if (generation === started) current = snapshot;
      return snapshot;
    } finally {
      if (generation === started) loading = undefined;
    }
  };
  return {
    read() {
      if (current) return Promise.resolve(current);
      loading ??= fill(generation);
      return loading;
    },
    invalidate() {
      generation += 1;
      current = undefined;
      loading = undefined;
    },
  };
}
