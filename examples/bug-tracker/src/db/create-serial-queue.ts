/** Runs async tasks one at a time, in the order they were queued. */
export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * A one-lane queue. The SQLite database runs every statement and transaction through one, so a
 * transaction never meets a statement of the same process on its single connection.
 */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
