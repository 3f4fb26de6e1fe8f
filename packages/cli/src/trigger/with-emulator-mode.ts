import type { PlatformMode } from '@spoke/protocol';
import type { CliIo } from '../output/cli-io.ts';
import type { EmulatorClient } from './emulator-client.ts';

/** The app a call goes out for, and the public URL to sign for during it (`--public-url`). */
export interface TriggerApp {
  id: number;
  publicUrl?: string | undefined;
}

/**
 * Runs `task` with the emulator sending `mode` (and signing for `app.publicUrl`), switching back
 * afterwards. An app with its own mode gets the switch on the app; otherwise the emulator-wide
 * mode is switched, which is what such an app follows.
 */
export async function withEmulatorMode<T>(
  client: EmulatorClient,
  mode: PlatformMode | undefined,
  io: CliIo,
  task: () => Promise<T>,
  app?: TriggerApp,
): Promise<T> {
  const restores: (() => Promise<unknown>)[] = [];
  try {
    const settings =
      app && (mode !== undefined || app.publicUrl !== undefined) ? await client.appSettings(app.id) : null;
    if (app && settings && app.publicUrl !== undefined && settings.publicUrl !== app.publicUrl) {
      io.stderr.write(
        `[spoke] signing app ${app.id}'s calls for ${app.publicUrl} for this call (it was ${settings.publicUrl ?? 'its targets'})\n`,
      );
      await client.setAppSettings(app.id, { publicUrl: app.publicUrl });
      restores.push(() => client.setAppSettings(app.id, { publicUrl: settings.publicUrl }));
    }
    if (mode !== undefined && app && settings?.mode) {
      if (settings.mode !== mode) {
        io.stderr.write(
          `[spoke] switching app ${app.id} to ${mode} mode for this call (it was ${settings.mode})\n`,
        );
        await client.setAppSettings(app.id, { mode });
        restores.push(() => client.setAppSettings(app.id, { mode: settings.mode }));
      }
    } else if (mode !== undefined) {
      const before = await client.mode();
      if (before !== mode) {
        io.stderr.write(`[spoke] switching the emulator to ${mode} mode for this call (it was ${before})\n`);
        await client.setMode(mode);
        restores.push(() => client.setMode(before));
      }
    }
    return await task();
  } finally {
    for (const restore of restores.reverse()) await restore();
  }
}
