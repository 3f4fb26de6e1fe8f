import type { PlatformMode } from '@spoke/protocol';
import type { Platform } from '../api/control/platform.ts';
import type { Share } from '../store/entities.ts';
import { channelConnectionNumbers, connectNumber } from './channel-connection.ts';
import { openRecord } from './open-record.ts';
import { createRequestLogRetention, type PlatformDeps } from './platform-deps.ts';
import { replay } from './replay.ts';
import { runAction } from './run-action.ts';
import { sendShareObject } from './share-object.ts';
import { createShareScheduler, realScheduleTimers, type ScheduleTimers } from './share-scheduler.ts';
import { runShareViaEvent } from './share-via-event.ts';
import { shareViaFlow } from './share-via-flow.ts';

/** The platform plus what only its owner may do: stop every timer. */
export interface PlatformHandle extends Platform {
  /** Ids of the shares with an armed schedule. */
  armedShares(): string[];
}

const settingsKey = 'emulator';

/**
 * Builds the platform the control API drives: record pages, actions, Share Via (one event, the
 * flow, recurring shares on croner schedules kept in the store), channel connection and replay.
 * Schedules run on `scheduleTimers` (default: real timers on `deps.now`).
 */
export function createPlatform(
  deps: Omit<PlatformDeps, 'mode'>,
  scheduleTimers: ScheduleTimers = { ...realScheduleTimers, now: deps.now },
): PlatformHandle {
  const mode = async (): Promise<PlatformMode> =>
    (await deps.store.settings.get(settingsKey))?.mode ?? 'legacy';
  const full: PlatformDeps = { requestLog: createRequestLogRetention(), ...deps, mode };

  const withNextRun = async (share: Share, nextRun: Date | null): Promise<Share> =>
    deps.store.serialized(async () => {
      const current = (await deps.store.shares.get(share.id)) ?? share;
      const next: Share = { ...current, nextRunAt: nextRun ? nextRun.toISOString() : null };
      if (await deps.store.shares.get(share.id)) await deps.store.shares.put(next.id, next, next.appId);
      return next;
    });

  const scheduler = createShareScheduler(async (shareId) => {
    const share = await deps.store.shares.get(shareId);
    if (share?.status !== 'active') {
      scheduler.disarm(shareId);
      return;
    }
    try {
      await sendShareObject(full, shareId, 'schedule');
    } catch (error) {
      deps.logger.warn('[spoke] a scheduled share could not be sent', { shareId, error });
    }
    const after = await deps.store.shares.get(shareId);
    if (after) await withNextRun(after, scheduler.nextRun(shareId));
  }, scheduleTimers);

  const scheduleShare = async (share: Share): Promise<Share> => {
    if (share.status === 'active' && share.cron !== null)
      return withNextRun(share, scheduler.arm(share.id, share.cron));
    scheduler.disarm(share.id);
    return withNextRun(share, null);
  };

  return {
    mode,
    async setMode(next) {
      await deps.store.settings.put(settingsKey, { mode: next });
      deps.events.publish({ type: 'state', data: { reason: 'mode' } });
    },
    openRecord: (record, options) => openRecord(full, record, options),
    runAction: (input) => runAction(full, input),
    shareViaEvent: (app, event, payload) => runShareViaEvent(full, app, event, payload),
    shareViaFlow: (app, input) => shareViaFlow(full, app, input, scheduleShare),
    sendShare: (shareId, trigger) => sendShareObject(full, shareId, trigger),
    scheduleShare,
    unscheduleShare: (shareId) => scheduler.disarm(shareId),
    channelConnectionNumbers: (app, options) => channelConnectionNumbers(full, app, options),
    connectNumber: (app, input) => connectNumber(full, app, input),
    replay: (exchange, timestamp) => replay(full, exchange, timestamp),
    async startSchedules() {
      for (const share of await deps.store.shares.list()) {
        if (share.status !== 'active' || share.cron === null) continue;
        try {
          await scheduleShare(share);
        } catch (error) {
          // A bad row (hand-edited, older Spoke) is kept but not armed; the emulator still starts.
          deps.logger.warn(
            `[spoke] share ${share.id} was loaded but not scheduled: its cron "${share.cron}" cannot be armed. Delete it (DELETE /_spoke/shares/${share.id}) and create it again, or fix its cron in an exported state file and import it (PUT /_spoke/state).`,
            { shareId: share.id, error },
          );
        }
      }
    },
    stopSchedules: () => scheduler.stop(),
    armedShares: () => scheduler.armed(),
  };
}
