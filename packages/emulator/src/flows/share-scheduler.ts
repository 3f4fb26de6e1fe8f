import { Cron } from 'croner';
import { SpokeEmulatorError } from '../errors.ts';
import type { ShareFrequency } from '../store/entities.ts';

/** When recurring shares go out: 09:00 every day, every Monday, the first of each month. */
export const cronByFrequency: Readonly<Record<Exclude<ShareFrequency, 'now'>, string>> = {
  daily: '0 9 * * *',
  weekly: '0 9 * * 1',
  monthly: '0 9 1 * *',
};

/**
 * True when `cron` is the schedule HubSpot offers for `frequency` (docs/protocol.md §3: send now,
 * daily, weekly or monthly): `null` for `now`, `cronByFrequency[frequency]` otherwise. Nothing else
 * is armed, so a control-API or imported body cannot make a share fire every second.
 */
export function isAllowedSchedule(frequency: ShareFrequency, cron: string | null): boolean {
  return frequency === 'now' ? cron === null : cron === cronByFrequency[frequency];
}

/** The allowed frequencies and their schedules, for messages. */
export const allowedSchedulesText = `now (no schedule), ${Object.entries(cronByFrequency)
  .map(([frequency, cron]) => `${frequency} (${cron})`)
  .join(', ')}`;

/** Throws a 400 API_VALIDATION_FAILED naming the allowed frequencies when {@link isAllowedSchedule} says no. */
export function assertAllowedSchedule(frequency: ShareFrequency, cron: string | null): void {
  if (isAllowedSchedule(frequency, cron)) return;
  throw new SpokeEmulatorError(
    'API_VALIDATION_FAILED',
    `schedule ${cron === null ? 'none' : JSON.stringify(cron)} is not one HubSpot offers for frequency "${frequency}"; the frequencies are ${allowedSchedulesText}. Send "frequency" and leave out "cron".`,
  );
}

const allowedCrons: ReadonlySet<string> = new Set(Object.values(cronByFrequency));

/** Keeps one timer per recurring share. */
export interface ShareScheduler {
  /** Arms (or re-arms) a share's job; returns its next run, null when the pattern never fires. */
  arm(shareId: string, cron: string): Date | null;
  disarm(shareId: string): void;
  /** Next run of an armed share. */
  nextRun(shareId: string): Date | null;
  /** Ids of the armed shares. */
  armed(): string[];
  /** Disarms everything (timers stop) and waits for firings already running. */
  stop(): Promise<void>;
}

/**
 * The clock and timers the scheduler runs on. Tests pass a manual one and move its time, so a
 * schedule fires without waiting on the real clock.
 */
export interface ScheduleTimers {
  /** Epoch milliseconds. */
  now(): number;
  setTimeout(fire: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock, with timers that do not keep the process alive. */
export const realScheduleTimers: ScheduleTimers = {
  now: () => Date.now(),
  setTimeout(fire, ms) {
    const timer = setTimeout(fire, ms);
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

// setTimeout takes at most 2^31 - 1 ms (about 24.8 days); a monthly run can be further away, so a
// longer wait is taken in steps.
const maxTimeoutMs = 2 ** 31 - 1;

/** Throws when `cron` is not a pattern croner understands (5 or 6 fields). */
export function nextRunOf(cron: string, from?: Date): Date | null {
  return new Cron(cron, { paused: true }).nextRun(from);
}

/**
 * Creates the scheduler; `onFire` runs for each firing (never overlapping for one share: a firing
 * due while the last one still runs is skipped) and its failures are caught, so a broken send
 * never stops the schedule. Next runs come from croner's pattern on `timers.now()`.
 */
export function createShareScheduler(
  onFire: (shareId: string) => Promise<void>,
  timers: ScheduleTimers = realScheduleTimers,
): ShareScheduler {
  const jobs = new Map<string, { cron: Cron; next: Date | null; timer: unknown }>();
  const running = new Map<string, Promise<void>>();
  const fire = (shareId: string) => {
    if (running.has(shareId)) return;
    const run = onFire(shareId)
      .catch(() => {})
      .finally(() => running.delete(shareId));
    running.set(shareId, run);
  };
  const disarm = (shareId: string) => {
    const job = jobs.get(shareId);
    if (job) timers.clearTimeout(job.timer);
    jobs.delete(shareId);
  };
  /** Sets the share's timer for its next run after `from` (or now, when the clock is past it). */
  const schedule = (shareId: string, cron: Cron, from: number): Date | null => {
    const next = cron.nextRun(new Date(Math.max(from, timers.now())));
    const job = { cron, next, timer: undefined as unknown };
    jobs.set(shareId, job);
    if (next === null) return null;
    const wait = () => {
      const left = next.getTime() - timers.now();
      if (left > maxTimeoutMs) {
        job.timer = timers.setTimeout(wait, maxTimeoutMs);
        return;
      }
      job.timer = timers.setTimeout(
        () => {
          if (jobs.get(shareId) !== job) return;
          // The next run is counted from this one, so a clock that stands still never fires twice.
          schedule(shareId, cron, next.getTime());
          fire(shareId);
        },
        Math.max(0, left),
      );
    };
    wait();
    return next;
  };
  return {
    arm(shareId, cron) {
      // The last line of defence: only HubSpot's frequencies are ever armed.
      if (!allowedCrons.has(cron)) {
        throw new SpokeEmulatorError(
          'API_VALIDATION_FAILED',
          `share ${shareId} has schedule ${JSON.stringify(cron)}, not one HubSpot offers; the frequencies are ${allowedSchedulesText}.`,
        );
      }
      disarm(shareId);
      return schedule(shareId, new Cron(cron, { paused: true }), timers.now());
    },
    disarm,
    nextRun: (shareId) => jobs.get(shareId)?.next ?? null,
    armed: () => [...jobs.keys()],
    async stop() {
      for (const id of [...jobs.keys()]) disarm(id);
      await Promise.allSettled([...running.values()]);
    },
  };
}
