import { Command } from 'commander';
import type { InstallCommandOptions } from '../commands/install.ts';
import { defaultApiBase } from '../config/resolve-api-target.ts';
import type { CliIo } from '../output/cli-io.ts';
import { collect } from '../output/collect-option.ts';
import { runLazily } from './run-lazily.ts';

/** `spoke install`: install an app into a portal through HubSpot's OAuth flow and print its tokens. */
export function installCommand(io: CliIo): Command {
  return new Command('install')
    .summary("install an app into a portal through HubSpot's OAuth flow and print its tokens")
    .description(
      "Run HubSpot's OAuth install against a running emulator: listen for the redirect on 127.0.0.1 (the URL is added to the app's redirect URLs for the run and removed after), print the consent URL (--open opens it), wait for Connect, check state, exchange the code at POST /oauth/v1/token with the app's client id and secret, and print the access token, refresh token, expiry, portal and scopes. --yes consents for the dev portal (or --portal) without a browser. Exits 1 on Cancel, a timeout or a state mismatch.",
    )
    .argument('<appId>', 'the app to install (GET /_spoke/apps lists them)')
    .option('--emulator <url>', `the running emulator (default: SPOKE_EMULATOR_URL or ${defaultApiBase})`)
    .option(
      '--token <token>',
      "the emulator's access token, printed by `spoke emulator` when it listens beyond loopback (default: SPOKE_EMULATOR_TOKEN)",
    )
    .option(
      '--scope <scopes>',
      'a required scope (repeat, or separate with spaces; default: every scope of the app)',
      collect,
    )
    .option('--optional-scope <scopes>', 'an optional scope (repeat, or separate with spaces)', collect)
    .option(
      '--portal <id>',
      'the portal to install into (default: chosen on the consent screen; with --yes the dev portal)',
    )
    .option('--yes', 'consent without a browser, through POST /_spoke/oauth/authorize')
    .option('--open', 'open the consent URL in the default browser (it is always printed)')
    .option('--port <port>', 'port of the loopback redirect listener (default: a free one)')
    .option('--timeout <duration>', 'how long to wait for the redirect: 300, 90s, 5m (default 5m)')
    .option('--json', 'print one JSON document: the tokens, the portal and the scopes')
    .addHelpText(
      'after',
      `
Examples:
  $ spoke install 1000 --open
  $ spoke install 1000 --yes --json
  $ spoke install 1000 --portal 62515 --scope crm.objects.contacts.read --optional-scope crm.objects.deals.read`,
    )
    .action((appId: string, options: InstallCommandOptions) =>
      runLazily(io, options.json === true, async () =>
        (await import('../commands/install.ts')).runInstall(appId, options, io),
      ),
    );
}
