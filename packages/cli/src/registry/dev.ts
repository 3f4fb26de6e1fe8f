import { Command } from 'commander';
import type { DevCommandOptions } from '../commands/dev.ts';
import { defaultConfigFile } from '../config/default-config-file.ts';
import type { CliIo } from '../output/cli-io.ts';
import { collect } from '../output/collect-option.ts';
import { runLazily } from './run-lazily.ts';

/** `spoke dev`: emulator + service + config push + watch + live log, in one terminal. */
export function devCommand(io: CliIo): Command {
  return new Command('dev')
    .summary('run the emulator and your service together: push the config, watch, restart, stream the log')
    .description(
      'Start an in-memory emulator with its web UI (stops first if --port is taken), push spoke.config.json to it and print the record page that shows your first card and the inspector. Start the service command in its own process group (with SPOKE_EMULATOR_URL, SPOKE_APP_ID and SPOKE_CLIENT_SECRET / HUBSPOT_CLIENT_SECRET set), then watch: a config change re-pushes (a deleted config keeps the last push), any other file change restarts the service; bursts count once; node_modules, .git, .spoke, dist, coverage, *.log and editor temp files are skipped. A service that exits is reported with its exit code and started again on the next save. Every platform call is printed as it happens. Ctrl-C stops the service, the watcher and the emulator (a second Ctrl-C exits at once). See docs/cli.md.',
    )
    .requiredOption('--service <command>', 'the shell command that runs your service, e.g. "npm start"')
    .option('--config <path>', 'the config file', defaultConfigFile)
    .option(
      '--port <port>',
      'emulator and web UI port; if taken, dev stops and says so (0 picks a free one)',
      '3400',
    )
    .option(
      '--host <host>',
      'emulator host; anything but loopback requires an access token (printed) and exposes client secrets to the network, see docs/security.md',
      '127.0.0.1',
    )
    .option(
      '--allowed-host <host>',
      'a host name the emulator answers to besides localhost and IP addresses (repeat for more)',
      collect,
    )
    .option(
      '--rate-limit <limit>',
      "the emulator's developer API rate limit per key: hubspot (default: 110 per 10 s, 250,000 a day), off, or MAX/SECONDSs[,DAILY/day]",
    )
    .option(
      '--watch <path>',
      'restart the service when files here change (repeat; default: the working directory, minus node_modules, .git, .spoke, dist, coverage)',
      collect,
    )
    .option(
      '--secret <secret>',
      'client secret the emulator signs with (default: a random one, printed and passed to the service)',
    )
    .option('--app-id <id>', 'the app id (default: "appId" in the config, else 1000)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ spoke dev --service "npm start"\n  $ SERVICE_URL=http://127.0.0.1:3500 spoke dev --service "node server.js" --watch src',
    )
    .action((options: DevCommandOptions) =>
      runLazily(io, false, async () => {
        const [{ runDev }, { listenForStop }] = await Promise.all([
          import('../commands/dev.ts'),
          import('../dev/stop-signals.ts'),
        ]);
        const signals = listenForStop(io);
        try {
          return await runDev(options, io, () => signals.first);
        } finally {
          signals.dispose();
        }
      }),
    );
}
