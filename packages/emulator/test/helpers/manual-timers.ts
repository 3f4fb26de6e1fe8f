import type { ScheduleTimers } from '@spoke/emulator';

/** A clock that moves only when told, with the timers set on it: for the Share Via scheduler. */
export interface ManualTimers extends ScheduleTimers {
  /** Moves the clock to `at` (epoch ms) and runs every timer due by then, earliest first. */
  advanceTo(at: number): void;
  /** How many timers are set. */
  pending(): number;
}

export function manualTimers(start: number): ManualTimers {
  let now = start;
  let nextId = 0;
  const timers = new Map<number, { at: number; fire: () => void }>();
  return {
    now: () => now,
    setTimeout(fire, ms) {
      nextId += 1;
      timers.set(nextId, { at: now + ms, fire });
      return nextId;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advanceTo(at) {
      for (;;) {
        const due = [...timers].filter(([, timer]) => timer.at <= at).sort(([, a], [, b]) => a.at - b.at)[0];
        if (due === undefined) break;
        const [id, timer] = due;
        timers.delete(id);
        now = Math.max(now, timer.at);
        timer.fire();
      }
      now = Math.max(now, at);
    },
    pending: () => timers.size,
  };
}
