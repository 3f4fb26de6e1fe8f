import { defaultApiBase } from '../config/resolve-api-target.ts';
import { SpokeCliError } from '../errors.ts';
import type { CliIo } from '../output/cli-io.ts';
import type { EmulatorApp, EmulatorClient } from '../trigger/emulator-client.ts';

/**
 * The running emulator `spoke install` and `spoke uninstall` talk to: `--emulator`, else
 * SPOKE_EMULATOR_URL, else the default, without trailing slashes; anything but an http(s) URL is
 * refused before the first request.
 */
export function emulatorBase(options: { emulator?: string }, env: CliIo['env']): string {
  const base = options.emulator ?? (env.SPOKE_EMULATOR_URL || undefined) ?? defaultApiBase;
  if (!URL.canParse(base) || !/^https?:/i.test(base)) {
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      `--emulator ${JSON.stringify(base)} is not an http(s) base URL, e.g. ${defaultApiBase}.`,
    );
  }
  let end = base.length;
  while (end > 0 && base[end - 1] === '/') end--;
  return base.slice(0, end);
}

/** The emulator's app `appId`; INSTALL_APP_NOT_FOUND, listing the apps it has, when there is none. */
export async function findApp(client: EmulatorClient, appId: number): Promise<EmulatorApp> {
  const apps = await client.apps();
  const app = apps.find((candidate) => candidate.id === appId);
  if (!app) {
    const known = apps.map((a) => `${a.id} (${a.name})`).join(', ') || 'none';
    throw new SpokeCliError(
      'INSTALL_APP_NOT_FOUND',
      `the emulator at ${client.base} has no app ${appId}; its apps: ${known}. Pass one of those ids, or create the app with \`spoke push\` or POST /_spoke/apps.`,
    );
  }
  return app;
}

/** A portal as the CLI prints it: `62515 (dev.example.com)`, or the id alone without a domain. */
export function describePortal(portalId: number, domain: string | null | undefined): string {
  return domain ? `${portalId} (${domain})` : String(portalId);
}
