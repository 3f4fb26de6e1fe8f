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

/** Keeps one croner job per recurring share. */
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

/** Throws when `cron` is not a pattern croner understands (5 or 6 fields). */
export function nextRunOf(cron: string, from?: Date): Date | null {
  return new Cron(cron, { paused: true }).nextRun(from);
}

/**
 * Creates the scheduler; `onFire` runs for each firing (never overlapping for one share) and its
 * failures are caught, so a broken send never stops the schedule. Timers are unref'd.
 */
export function createShareScheduler(onFire: (shareId: string) => Promise<void>): ShareScheduler {
  const jobs = new Map<string, Cron>();
  const running = new Set<Promise<void>>();
  const fire = (shareId: string) => {
    const run = onFire(shareId).finally(() => running.delete(run));
    running.add(run);
    return run;
  };
  const disarm = (shareId: string) => {
    jobs.get(shareId)?.stop();
    jobs.delete(shareId);
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
      const job = new Cron(cron, { protect: true, unref: true, catch: true }, () => fire(shareId));
      jobs.set(shareId, job);
      return job.nextRun();
    },
    disarm,
    nextRun: (shareId) => jobs.get(shareId)?.nextRun() ?? null,
    armed: () => [...jobs.keys()],
    async stop() {
      for (const id of [...jobs.keys()]) disarm(id);
      await Promise.allSettled([...running]);
    },
  };
}
