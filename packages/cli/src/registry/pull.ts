// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} is the config file's interpolation syntax, not a template
import { Command } from 'commander';
import type { PullCommandOptions } from '../commands/pull.ts';
import { addApiOptions } from '../config/add-api-options.ts';
import type { CliIo } from '../output/cli-io.ts';
import { runLazily } from './run-lazily.ts';

/** `spoke pull`: write the developer API's current state to spoke.config.json. */
export function pullCommand(io: CliIo): Command {
  return addApiOptions(
    new Command('pull')
      .summary("write the app's current remote state to spoke.config.json")
      .description(
        "Read the app's cards, calling settings, channel-connection settings and (from the emulator) Share Via target, and write them to the config file. Cards keep the key they had in the file (matched by title); ${VAR} values that still resolve to the remote value are kept as written.",
      ),
  )
    .option('--json', 'print one JSON document: the config written')
    .addHelpText(
      'after',
      '\nExamples:\n  $ spoke pull\n  $ spoke pull --config apps/my-app.config.json --app-id 123456',
    )
    .action((options: PullCommandOptions) =>
      runLazily(io, options.json === true, async () =>
        (await import('../commands/pull.ts')).runPull(options, io),
      ),
    );
}
