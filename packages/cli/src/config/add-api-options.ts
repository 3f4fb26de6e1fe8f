import type { Command } from 'commander';
import { defaultConfigFile } from './default-config-file.ts';
import { defaultApiBase } from './resolve-api-target.ts';

/** Adds `--config`, `--api`, `--hapikey`, `--token` and `--app-id`, shared by push and pull. */
export function addApiOptions(command: Command): Command {
  return command
    .option('--config <path>', 'the config file', defaultConfigFile)
    .option(
      '--api <base>',
      `base URL of a HubSpot-compatible developer API (default: SPOKE_API_URL or ${defaultApiBase}, the emulator)`,
    )
    .option(
      '--hapikey <key>',
      'developer API key (default: SPOKE_DEVELOPER_API_KEY, HUBSPOT_DEVELOPER_API_KEY, or read from the emulator)',
    )
    .option(
      '--token <token>',
      "the emulator's access token, printed by `spoke emulator` when it listens beyond loopback (default: SPOKE_EMULATOR_TOKEN)",
    )
    .option(
      '--app-id <id>',
      'the app to configure (default: "appId" in the config, SPOKE_APP_ID, or the emulator\'s app)',
    );
}
