import { AsyncLocalStorage } from 'node:async_hooks';

/** Runs async jobs one at a time, in order; a job started from inside another runs at once. */
export interface WriteQueue {
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Resolves when every job queued so far has settled. */
  idle(): Promise<void>;
}

/**
 * One promise chain for every write, so SQLite never sees two writers (no SQLITE_BUSY reaches a
 * client) and check-then-write sequences cannot interleave. Re-entrant through AsyncLocalStorage.
 */
export function createWriteQueue(): WriteQueue {
  const inside = new AsyncLocalStorage<true>();
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(job: () => Promise<T>): Promise<T> {
      if (inside.getStore()) return job();
      const result = tail.then(() => inside.run(true, job));
      tail = result.catch(() => undefined);
      return result;
    },
    async idle() {
      await tail;
    },
  };
}
