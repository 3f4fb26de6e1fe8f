import { platformModeSchema } from '@spoke/protocol';
import { judgeCardReply } from '../dispatch/card-fetch.ts';
import type { Exchange } from '../dispatch/exchange.ts';
import { replayExchange } from '../dispatch/replay.ts';
import { notePermittedUrls } from '../dispatch/send-exchange.ts';
import { SpokeEmulatorError } from '../errors.ts';
import { logExchange, type PlatformDeps } from './platform-deps.ts';

/**
 * Replays a logged request, re-signed with a fresh timestamp or sent with its original headers.
 * A data fetch is judged with its card again; anything else against its descriptor's schema.
 */
export async function replay(
  deps: PlatformDeps,
  exchange: Exchange,
  timestamp: 'fresh' | 'original',
): Promise<Exchange> {
  const app = await deps.store.apps.get(exchange.appId);
  if (!app)
    throw new SpokeEmulatorError(
      'API_NOT_FOUND',
      `request ${exchange.id} was sent for app ${exchange.appId}, which is gone.`,
    );
  const cardId = exchange.context.cardId;
  const card =
    exchange.kind === 'crm-card.fetch' && typeof cardId === 'string'
      ? await deps.store.cards.get(cardId)
      : null;
  const mode = platformModeSchema.catch('legacy').parse(exchange.context.mode);
  const replayed = await replayExchange({
    exchange,
    secret: app.clientSecrets[0] ?? '',
    timestamp,
    transport: deps.transport,
    clock: deps.now,
    randomUUID: deps.randomUUID,
    ...(card ? { judge: (next: Exchange) => void judgeCardReply(next, { card, mode }) } : {}),
  });
  // A converter call is judged as production's hubspot.fetch would judge it now: the app's list today.
  const permitted = app.permittedUrls?.fetch ?? [];
  if (mode === 'converter' && exchange.kind.startsWith('crm-card.')) notePermittedUrls(replayed, permitted);
  return logExchange(deps, replayed);
}
