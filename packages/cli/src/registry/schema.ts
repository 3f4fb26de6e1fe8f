import { Command } from 'commander';
import type { SchemaCommandOptions } from '../commands/schema.ts';
import type { CliIo } from '../output/cli-io.ts';
import { runLazily } from './run-lazily.ts';

/** `spoke schema`: JSON Schema of every message kind and of spoke.config.json. */
export function schemaCommand(io: CliIo): Command {
  return new Command('schema')
    .summary('print or write the JSON Schema of every message kind and of spoke.config.json')
    .description(
      'Print the JSON Schema (draft 2020-12) of a message kind (both sides, e.g. crm-card.fetch), of one side (crm-card.fetch.response), or of the config file (config). Without a kind, print all of them keyed by kind; with --out, write one <kind>.schema.json file each.',
    )
    .argument('[kind]', 'a message kind, <kind>.request, <kind>.response or config (see --list)')
    .option('--out <dir>', 'write <kind>.schema.json files to this directory instead of printing')
    .option('--list', 'list the kinds')
    .option('--json', 'with --list or --out, print one JSON document (schemas themselves are always JSON)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ spoke schema --list\n  $ spoke schema crm-card.fetch.response\n  $ spoke schema config > spoke.config.schema.json\n  $ spoke schema --out schemas/',
    )
    .action((kind: string | undefined, options: SchemaCommandOptions) =>
      runLazily(io, options.json === true, async () =>
        (await import('../commands/schema.ts')).runSchema(kind, options, io),
      ),
    );
}
