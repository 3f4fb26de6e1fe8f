import type { DeveloperApiClient } from './developer-api-client.ts';
import type { RemoteState } from './plan-push.ts';

/** Reads everything `push` compares and `pull` writes, in parallel. */
export async function readRemoteState(client: DeveloperApiClient): Promise<RemoteState> {
  const [cards, calling, channelConnection, shareVia, app] = await Promise.all([
    client.listCards(),
    client.getCalling(),
    client.getChannelConnection(),
    client.getShareVia(),
    client.getAppSettings(),
  ]);
  return { cards, calling, channelConnection, shareVia, app };
}
