/**
 * Time as the app sees it. Inject one in tests to move time without sleeping; `setTimeout`
 * is optional (the real timer is used without it).
 */
export interface Clock {
  /** Current time, epoch milliseconds. */
  now(): number;
  /** Calls `callback` after `ms` milliseconds; returns a function that cancels it. @default a real, unref'd timer */
  setTimeout?(callback: () => void, ms: number): () => void;
}

/** The real clock: `Date.now()` and an unref'd `setTimeout` that never keeps the process alive. */
export const systemClock: Required<Clock> = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
