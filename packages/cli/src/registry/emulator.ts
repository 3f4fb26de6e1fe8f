import { Command, Option } from 'commander';
import type { EmulatorCommandOptions } from '../commands/emulator.ts';
import type { CliIo } from '../output/cli-io.ts';
import { collect } from '../output/collect-option.ts';
import { platformModes } from './protocol-choices.ts';
import { runLazily } from './run-lazily.ts';

/** `spoke emulator`: a local HubSpot for CRM cards, Share Via and calling channel connection. */
export function emulatorCommand(io: CliIo): Command {
  return new Command('emulator')
    .summary('run a local HubSpot: developer API, CRM records, signed calls to your service, an inspector')
    .description(
      "Start the emulator: the developer API paths HubSpot has (card definitions, calling settings), CRM records to open, and the platform's signed calls to your service, every one recorded and judged in the request log. State is kept in SQLite (--data) unless --memory. Stops cleanly on Ctrl-C.",
    )
    .option('--port <port>', 'port to listen on (0 picks a free one)', '3400')
    .option(
      '--host <host>',
      'address to listen on; anything but loopback requires an access token (printed) and exposes client secrets to the network, see docs/security.md',
      '127.0.0.1',
    )
    .option(
      '--allowed-host <host>',
      'a host name the emulator answers to besides localhost and IP addresses, e.g. behind a proxy (repeat for more; other names get 403: DNS rebinding)',
      collect,
    )
    .option(
      '--token <token>',
      'access token every request must carry (default: SPOKE_EMULATOR_TOKEN; a random one when --host is not loopback)',
    )
    .addOption(
      new Option('--data <file>', 'SQLite file that keeps the state across restarts').default(
        '.spoke/emulator.db',
      ),
    )
    .addOption(new Option('--memory', 'keep the state in memory only').conflicts('data'))
    .addOption(
      new Option(
        '--mode <mode>',
        'how action hooks are sent: legacy CRM cards or the Legacy CRM Card Converter',
      ).choices(platformModes),
    )
    .option(
      '--rate-limit <limit>',
      'developer API rate limit per key: hubspot (default: 110 per 10 s, 250,000 a day, 429 past them), off (load tests), or MAX/SECONDSs[,DAILY/day]',
    )
    .option('--app-id <id>', 'id of the seeded app (default 1000)')
    .option('--portal-id <id>', 'id of the seeded portal (default 62515)')
    .option(
      '--developer-api-key <key>',
      'developer API key the emulator accepts (default: a random one, kept in the data file)',
    )
    .option(
      '--client-secret <secret>',
      "the app's client secret that signs every call (default: a random one, kept in the data file)",
    )
    .option(
      '--ui-dir <dir>',
      'directory of the UI build to serve at / (default: the @spoke/emulator-ui build, if present)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ spoke emulator\n  $ spoke emulator --memory --port 0 --client-secret s3cret --developer-api-key devkey\n  $ spoke emulator --data ./state.db --mode converter',
    )
    .action((options: EmulatorCommandOptions) =>
      runLazily(io, false, async () => {
        const { runEmulator, untilSignal } = await import('../commands/emulator.ts');
        return runEmulator(options, io, untilSignal);
      }),
    );
}
