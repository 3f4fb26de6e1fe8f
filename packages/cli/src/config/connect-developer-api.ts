import { SpokeCliError } from '../errors.ts';
import type { CliIo } from '../output/cli-io.ts';
import { createDeveloperApiClient, type DeveloperApiClient } from './developer-api-client.ts';
import type { ApiTarget } from './resolve-api-target.ts';

/**
 * Reads the app's developer API key from an emulator's control API (`GET /_spoke/apps/{appId}`,
 * which needs no key). Returns null when the API is not an emulator.
 */
export async function discoverEmulatorKey(
  api: string,
  appId: number,
  doFetch: typeof fetch,
  token?: string,
): Promise<string | null> {
  try {
    const response = await doFetch(`${api.replace(/\/+$/, '')}/_spoke/apps/${appId}`, {
      headers: {
        accept: 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
    });
    if (response.status === 401) {
      const text = await response.text();
      if (text.includes('API_ACCESS_TOKEN_REQUIRED')) {
        throw new SpokeCliError(
          'DEVELOPER_API_REFUSED',
          `the emulator at ${api} needs its access token: pass --token or set SPOKE_EMULATOR_TOKEN (\`spoke emulator\` prints it).`,
        );
      }
      return null;
    }
    if (!response.ok) {
      await response.body?.cancel();
      return null;
    }
    const app = (await response.json()) as { developerApiKey?: unknown };
    return typeof app.developerApiKey === 'string' ? app.developerApiKey : null;
  } catch (cause) {
    if (cause instanceof SpokeCliError) throw cause;
    const reason = (cause as { cause?: { code?: string } }).cause?.code ?? (cause as Error).message;
    throw new SpokeCliError(
      'DEVELOPER_API_UNREACHABLE',
      `cannot reach the developer API at ${api} (${reason}). Start the emulator (\`spoke emulator\`) or pass --api <base URL>.`,
      { cause },
    );
  }
}

/** A developer API client for the resolved target; without a key, an emulator's own key is used. */
export async function connectDeveloperApi(
  target: ApiTarget,
  io: Pick<CliIo, 'fetch'>,
): Promise<DeveloperApiClient> {
  const hapikey =
    target.hapikey ?? (await discoverEmulatorKey(target.api, target.appId, io.fetch, target.token));
  if (hapikey === null) {
    throw new SpokeCliError(
      'DEVELOPER_API_KEY_MISSING',
      `no developer API key for ${target.api}: pass --hapikey or set SPOKE_DEVELOPER_API_KEY (HubSpot: the developer account's key). Only an emulator's key is found by itself.`,
    );
  }
  return createDeveloperApiClient({
    api: target.api,
    hapikey,
    appId: target.appId,
    fetch: io.fetch,
    ...(target.token === undefined ? {} : { token: target.token }),
  });
}
