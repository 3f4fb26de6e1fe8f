import { type ShareViaEvent, shareViaSchemas } from '@spoke/protocol';
import type { z } from 'zod';
import type { ShareViaEventResult } from '../api/control/platform.ts';
import { parseInput } from '../api/parse-input.ts';
import { dispatchShareViaEvent, type ShareViaPayload } from '../dispatch/share-via.ts';
import type { App } from '../store/entities.ts';
import { requireInstalled } from './installed.ts';
import {
  callerScope,
  dispatchApp,
  dispatchOptions,
  logExchange,
  type PlatformDeps,
} from './platform-deps.ts';
import { defaultReport, shareViaTarget } from './share-via-target.ts';

/** A payload for each event when the caller sends none (or only part of one). */
function defaults(event: ShareViaEvent, userId: number): Record<string, unknown> {
  switch (event) {
    case 'CHECK_PERMISSIONS':
      return { requiredPermissions: ['upload-file'] };
    case 'FETCH_RECIPIENTS':
      return { limit: 10 };
    case 'FETCH_RECIPIENT':
      return {};
    case 'SHARE_OBJECT':
      return { sender: { id: userId }, objectMetadata: defaultReport };
  }
}

/**
 * Sends one Share Via event with the given payload (defaults filled in, checked against the
 * event's request schema so a bad payload is a 400 here, not a confusing reply), and logs it.
 */
export async function runShareViaEvent(
  deps: PlatformDeps,
  app: App,
  event: ShareViaEvent,
  input: Record<string, unknown>,
): Promise<ShareViaEventResult> {
  const targetBase = shareViaTarget(app);
  const { user, portal } = await callerScope(deps);
  await requireInstalled(deps.store, app, portal);
  const envelope = { portalId: portal.id, appId: app.id, payload: { ...defaults(event, user.id), ...input } };
  const schema: z.ZodType<{ payload: unknown }> = shareViaSchemas[event].request;
  const { payload } = parseInput(schema, envelope, `${event} payload`);
  const options = await dispatchOptions(deps, app.id, targetBase);
  const { exchange, reply } = await dispatchShareViaEvent({
    ...options,
    event,
    targetBase,
    app: dispatchApp(app),
    portal,
    // Checked just above against this event's schema.
    payload: payload as ShareViaPayload<typeof event>,
    shape: app.shareViaShape,
  });
  await logExchange(deps, exchange);
  return {
    event,
    status: reply ? 'ok' : 'error',
    reply,
    error: reply
      ? null
      : (exchange.error ?? { code: 'DISPATCH_REPLY_INVALID', message: 'the reply was not valid.' }),
    exchanges: [exchange],
  };
}
