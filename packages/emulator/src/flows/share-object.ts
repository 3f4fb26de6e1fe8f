import { dispatchShareViaEvent } from '../dispatch/share-via.ts';
import { SpokeEmulatorError } from '../errors.ts';
import type { Share, ShareSend } from '../store/entities.ts';
import { installRefusal } from './installed.ts';
import { dispatchApp, dispatchOptions, logExchange, type PlatformDeps } from './platform-deps.ts';
import { shareViaTarget } from './share-via-target.ts';

/** Records one send of a share and tells live listeners. */
export async function recordShareSend(deps: PlatformDeps, send: ShareSend): Promise<ShareSend> {
  await deps.store.shareSends.insert(send.id, send, send.shareId);
  deps.events.publish({ type: 'share-send', data: send });
  return send;
}

/**
 * Sends SHARE_OBJECT for a stored share now (a schedule firing, or "run now"), logs the exchange
 * and records the send with its outcome and `recipientUrl`.
 */
export async function sendShareObject(
  deps: PlatformDeps,
  shareId: string,
  trigger: ShareSend['trigger'],
): Promise<ShareSend> {
  const share: Share | null = await deps.store.shares.get(shareId);
  if (!share) throw new SpokeEmulatorError('API_NOT_FOUND', `no share ${shareId}.`);
  const app = await deps.store.apps.get(share.appId);
  if (!app)
    throw new SpokeEmulatorError(
      'API_NOT_FOUND',
      `share ${shareId} belongs to app ${share.appId}, which is gone.`,
    );
  // An app uninstalled from the share's portal gets no more sends: the send records why, and nothing goes out.
  const refusal = await installRefusal(deps.store, app, { id: share.portalId });
  if (refusal) {
    const at = new Date(deps.now()).toISOString();
    return recordShareSend(deps, {
      id: deps.randomUUID(),
      shareId: share.id,
      at,
      trigger,
      outcome: 'error',
      recipientUrl: null,
      exchangeId: null,
      error: refusal.message,
    });
  }
  const targetBase = shareViaTarget(app);
  const options = await dispatchOptions(deps, app.id, targetBase);
  const { exchange, reply } = await dispatchShareViaEvent({
    ...options,
    event: 'SHARE_OBJECT',
    targetBase,
    app: dispatchApp(app),
    portal: { id: share.portalId },
    payload: {
      sender: { id: share.senderId },
      recipient: share.recipient,
      ...(share.message === undefined ? {} : { message: share.message }),
      objectMetadata: share.objectMetadata,
    },
    shape: app.shareViaShape,
    context: { shareId: share.id, trigger },
  });
  await logExchange(deps, exchange);
  const at = new Date(deps.now()).toISOString();
  const send: ShareSend = {
    id: deps.randomUUID(),
    shareId: share.id,
    at,
    trigger,
    outcome: reply ? 'ok' : 'error',
    recipientUrl: reply?.payload.recipientUrl ?? null,
    exchangeId: exchange.id,
    error: reply ? null : (exchange.error?.message ?? 'the reply was not valid'),
  };
  await deps.store.serialized(async () => {
    const current = await deps.store.shares.get(share.id);
    if (current)
      await deps.store.shares.put(current.id, { ...current, lastRunAt: at, updatedAt: at }, current.appId);
  });
  return recordShareSend(deps, send);
}
