import type { ShareViaFlowInput, ShareViaFlowResult } from '../api/control/platform.ts';
import { definedOnly } from '../api/defined-only.ts';
import { runShareViaFlow } from '../dispatch/share-via-flow.ts';
import type { App, Share, ShareSend } from '../store/entities.ts';
import { requireInstalled } from './installed.ts';
import {
  callerScope,
  dispatchApp,
  dispatchOptions,
  logExchange,
  type PlatformDeps,
} from './platform-deps.ts';
import { assertAllowedSchedule, cronByFrequency } from './share-scheduler.ts';
import { defaultReport, shareViaTarget } from './share-via-target.ts';

function checkedCron(input: ShareViaFlowInput): string | null {
  const { frequency } = input;
  const cron = input.cron ?? (frequency === 'now' ? null : cronByFrequency[frequency]);
  // Only the frequencies HubSpot offers; a `cron` may only repeat its frequency's own schedule.
  assertAllowedSchedule(frequency, cron);
  return cron;
}

/**
 * Plays the whole Share Via flow (CHECK_PERMISSIONS, FETCH_RECIPIENTS, FETCH_RECIPIENT,
 * SHARE_OBJECT), logs every exchange, stores the share with its first send, and arms the schedule
 * of a recurring share whose first send worked.
 */
export async function shareViaFlow(
  deps: PlatformDeps,
  app: App,
  input: ShareViaFlowInput,
  arm: (share: Share) => Promise<Share>,
): Promise<ShareViaFlowResult> {
  const targetBase = shareViaTarget(app);
  const cron = checkedCron(input);
  const { user, portal } = await callerScope(deps);
  await requireInstalled(deps.store, app, portal);
  const senderId = input.senderId ?? user.id;
  const report = input.objectMetadata ?? defaultReport;
  const result = await runShareViaFlow({
    ...(await dispatchOptions(deps, app.id, targetBase)),
    targetBase,
    app: { ...dispatchApp(app), name: app.name },
    portal,
    shape: app.shareViaShape,
    sender: { id: senderId },
    report: {
      id: report.id,
      name: report.name,
      ...('screenshotUrl' in report && report.screenshotUrl !== undefined
        ? { screenshotUrl: report.screenshotUrl }
        : {}),
    },
    ...(input.recipientsFilter === undefined
      ? {}
      : { recipientsFilter: definedOnly(input.recipientsFilter) }),
    ...(input.recipient === undefined ? {} : { recipient: input.recipient }),
    ...(input.message === undefined ? {} : { message: input.message }),
    ...(input.limit === undefined ? {} : { limit: input.limit }),
  });
  for (const exchange of result.exchanges) await logExchange(deps, exchange);

  const listed = result.steps.find((step) => step.event === 'FETCH_RECIPIENTS');
  const fetched = result.steps.find((step) => step.event === 'FETCH_RECIPIENT');
  const shared = result.steps.find((step) => step.event === 'SHARE_OBJECT');
  const recipient = fetched?.event === 'FETCH_RECIPIENT' ? fetched.recipient : null;
  let share: Share | null = null;
  let send: ShareSend | null = null;
  if (shared?.event === 'SHARE_OBJECT' && recipient) {
    const now = new Date(deps.now()).toISOString();
    const exchange = shared.exchanges[0];
    share = {
      id: deps.randomUUID(),
      appId: app.id,
      portalId: portal.id,
      senderId,
      recipient,
      ...(input.message === undefined ? {} : { message: input.message }),
      objectMetadata: { ...report, type: 2 },
      frequency: input.frequency,
      cron,
      status: cron !== null && shared.ok ? 'active' : 'done',
      createdAt: now,
      updatedAt: now,
      lastRunAt: now,
      nextRunAt: null,
    };
    const firstSend: ShareSend = {
      id: deps.randomUUID(),
      shareId: share.id,
      at: now,
      trigger: 'now',
      outcome: shared.ok ? 'ok' : 'error',
      recipientUrl: shared.recipientUrl,
      exchangeId: exchange?.id ?? null,
      error: shared.ok ? null : (exchange?.error?.message ?? shared.shows),
    };
    // One transaction: a share is never stored without the send that created it (a kill between
    // two writes would leave one). docs/reliability.md
    await deps.store.write([
      deps.store.shares.insertWrite(share.id, share, share.appId),
      deps.store.shareSends.insertWrite(firstSend.id, firstSend, firstSend.shareId),
    ]);
    deps.events.publish({ type: 'share-send', data: firstSend });
    send = firstSend;
    if (share.status === 'active') share = await arm(share);
  }
  return {
    status: result.ok ? 'ok' : 'error',
    steps: result.steps,
    failedAt: result.failedAt,
    recipients: listed?.event === 'FETCH_RECIPIENTS' ? listed.recipients : [],
    recipient,
    share,
    send,
    exchanges: result.exchanges,
  };
}
