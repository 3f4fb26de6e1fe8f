import type { ChannelConnectionSettings } from '@spoke/protocol';
import { getCallingSettings, getChannelConnection, listApps } from '../../api/apps.ts';
import type { App } from '../../api/types.ts';
import { useAsync } from '../../lib/use-async.ts';

/** A calling app that registered a channel-connection webhook. */
export interface Provider {
  app: App;
  /** The calling settings' name, else the app's. */
  name: string;
  channel: ChannelConnectionSettings;
}

/** Every app with channel-connection settings, read through the developer API. */
export function useProviders() {
  return useAsync(async (signal) => {
    const apps = await listApps(signal);
    const found = await Promise.all(
      apps.map(async (app): Promise<Provider | null> => {
        const [channel, calling] = await Promise.all([
          getChannelConnection(app, signal),
          getCallingSettings(app, signal),
        ]);
        return channel ? { app, name: calling?.name ?? app.name, channel } : null;
      }),
    );
    return found.filter((p): p is Provider => p !== null);
  }, []);
}
