import { Command } from 'commander';
import type { UninstallCommandOptions } from '../commands/uninstall.ts';
import { defaultApiBase } from '../config/resolve-api-target.ts';
import type { CliIo } from '../output/cli-io.ts';
import { runLazily } from './run-lazily.ts';

/** `spoke uninstall`: uninstall an app from a portal; its tokens are revoked. */
export function uninstallCommand(io: CliIo): Command {
  return new Command('uninstall')
    .summary('uninstall an app from a portal; its access and refresh tokens are revoked')
    .description(
      "Uninstall an app from a portal of a running emulator, as the Apps screen's Uninstall does (DELETE /_spoke/installs/{appId}/{portalId}): the install goes and its access and refresh tokens stop working. Without --portal, the one portal the app is installed in; an app installed in several needs --portal. Exits 1 when the app is not installed there.",
    )
    .argument('<appId>', 'the app to uninstall (GET /_spoke/installs lists where each is installed)')
    .option('--emulator <url>', `the running emulator (default: SPOKE_EMULATOR_URL or ${defaultApiBase})`)
    .option(
      '--token <token>',
      "the emulator's access token, printed by `spoke emulator` when it listens beyond loopback (default: SPOKE_EMULATOR_TOKEN)",
    )
    .option(
      '--portal <id>',
      'the portal to uninstall from (default: the only portal the app is installed in)',
    )
    .option('--json', 'print one JSON document: the portal, the scopes it had, the portals it is still in')
    .addHelpText(
      'after',
      `
Examples:
  $ spoke uninstall 1000
  $ spoke uninstall 1000 --portal 62515 --json`,
    )
    .action((appId: string, options: UninstallCommandOptions) =>
      runLazily(io, options.json === true, async () =>
        (await import('../commands/uninstall.ts')).runUninstall(appId, options, io),
      ),
    );
}
