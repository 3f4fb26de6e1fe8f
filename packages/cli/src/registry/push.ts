import { Command } from 'commander';
import type { PushCommandOptions } from '../commands/push.ts';
import { addApiOptions } from '../config/add-api-options.ts';
import type { CliIo } from '../output/cli-io.ts';
import { runLazily } from './run-lazily.ts';

/** `spoke push`: make the developer API match spoke.config.json. */
export function pushCommand(io: CliIo): Command {
  return addApiOptions(
    new Command('push')
      .summary(
        'make the developer API match spoke.config.json (cards, calling, channel connection, Share Via)',
      )
      .description(
        "Reconcile the app's cards, calling settings, channel-connection settings and Share Via target with spoke.config.json through any HubSpot-compatible developer API (the emulator by default). Prints a diff, then creates, updates and deletes to match; a second run changes nothing. Cards are matched by title. An invalid config or more than 25 cards is refused before anything is touched.",
      ),
  )
    .option('--dry-run', 'print the diff without changing anything')
    .option('--json', 'print one JSON document: the planned changes and what was applied')
    .addHelpText(
      'after',
      `
Examples:
  $ spoke push --dry-run
  $ spoke push --api https://api.hubapi.com --hapikey "$HUBSPOT_DEVELOPER_API_KEY" --app-id 123456`,
    )
    .action((options: PushCommandOptions) =>
      runLazily(io, options.json === true, async () =>
        (await import('../commands/push.ts')).runPush(options, io),
      ),
    );
}
