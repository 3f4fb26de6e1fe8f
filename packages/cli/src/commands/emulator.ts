import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmulator, createSqliteStore, type EmulatorLogger } from '@spoke/emulator';
import { type PlatformMode, platformModeSchema } from '@spoke/protocol';
import { Command, Option } from 'commander';
import { type ExitCode, SpokeCliError } from '../errors.ts';
import type { CliIo } from '../output/cli-io.ts';
import { parsePositiveInt } from '../output/parse-positive-int.ts';
import { runCommand } from '../output/run-command.ts';

/** Options of `spoke emulator`, as commander parses them. */
export interface EmulatorCommandOptions {
  port: string;
  host: string;
  data: string;
  memory?: boolean;
  mode?: PlatformMode;
  appId?: string;
  portalId?: string;
  developerApiKey?: string;
  clientSecret?: string;
  uiDir?: string;
}

/** The emulator UI build, when the workspace has one (`--ui-dir` overrides). */
function defaultUiDir(): string | undefined {
  try {
    const pkg = fileURLToPath(import.meta.resolve('@spoke/emulator-ui/package.json'));
    const dist = join(dirname(pkg), 'dist');
    return existsSync(join(dist, 'index.html')) ? dist : undefined;
  } catch {
    return undefined;
  }
}

function parsePort(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      `--port ${JSON.stringify(value)} is not a port (0-65535; 0 picks a free one).`,
    );
  }
  return Number(value);
}

function stderrLogger(io: CliIo): EmulatorLogger {
  const write = (level: string) => (message: string, details?: Record<string, unknown>) =>
    io.stderr.write(
      `${level} ${message}${details ? ` ${JSON.stringify(details, (_k, v) => (v instanceof Error ? v.message : v))}` : ''}\n`,
    );
  return { debug: () => undefined, info: write('info'), warn: write('warn'), error: write('error') };
}

/** Resolves on the first SIGINT or SIGTERM. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * Starts the emulator, prints where it is and the keys to use, waits for `stop` (Ctrl-C), then
 * stops schedules, closes the server and the store.
 */
export async function runEmulator(
  options: EmulatorCommandOptions,
  io: CliIo,
  stop: () => Promise<unknown>,
): Promise<ExitCode> {
  const port = parsePort(options.port);
  const seed = {
    ...(options.appId === undefined ? {} : { appId: parsePositiveInt(options.appId, '--app-id') }),
    ...(options.portalId === undefined
      ? {}
      : { portalId: parsePositiveInt(options.portalId, '--portal-id') }),
    ...(options.developerApiKey === undefined ? {} : { developerApiKey: options.developerApiKey }),
    ...(options.clientSecret === undefined ? {} : { clientSecret: options.clientSecret }),
  };
  const dataFile = options.memory
    ? null
    : isAbsolute(options.data)
      ? options.data
      : resolve(io.cwd, options.data);
  const store = await createSqliteStore({ url: dataFile ?? ':memory:' });
  const uiDir = options.uiDir === undefined ? defaultUiDir() : resolve(io.cwd, options.uiDir);
  let emulator: Awaited<ReturnType<typeof createEmulator>>;
  try {
    emulator = await createEmulator({
      store,
      seed,
      logger: stderrLogger(io),
      ...(options.mode === undefined ? {} : { mode: options.mode }),
      ...(uiDir === undefined ? {} : { uiDir }),
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  let url: string;
  try {
    ({ url } = await emulator.listen(port, options.host));
  } catch (error) {
    await emulator.close();
    await store.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new SpokeCliError('CLI_OPTION_INVALID', `cannot listen on ${options.host}:${port}: ${reason}.`, {
      cause: error,
    });
  }
  const { app } = emulator.identity;
  const mode = (
    (await (await emulator.fetch(new Request(`${url}/_spoke/mode`))).json()) as { mode: PlatformMode }
  ).mode;
  const lines = [
    `Spoke emulator ready at ${url}`,
    `  app id             ${app?.id ?? '(none)'}`,
    `  client secret      ${app?.clientSecrets[0] ?? '(none)'}`,
    `  developer API key  ${app?.developerApiKey ?? '(none)'}`,
    `  portal id          ${emulator.identity.portal?.id ?? '(none)'}`,
    `  data               ${dataFile ?? 'in memory (gone on exit)'}`,
    `  mode               ${mode}`,
    `  UI                 ${uiDir ? url : `${url} (index page; no UI build found)`}`,
    'Press Ctrl-C to stop.',
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  await stop();
  io.stderr.write('Stopping the emulator…\n');
  await emulator.close();
  await store.close();
  return 0;
}

/** `spoke emulator`: a local HubSpot for CRM cards, Share Via and calling channel connection. */
export function emulatorCommand(io: CliIo): Command {
  return new Command('emulator')
    .summary('run a local HubSpot: developer API, CRM records, signed calls to your service, an inspector')
    .description(
      "Start the emulator: the developer API paths HubSpot has (card definitions, calling settings), CRM records to open, and the platform's signed calls to your service, every one recorded and judged in the request log. State is kept in SQLite (--data) unless --memory. Stops cleanly on Ctrl-C.",
    )
    .option('--port <port>', 'port to listen on (0 picks a free one)', '3400')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
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
      ).choices(platformModeSchema.options),
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
      runCommand(io, false, () => runEmulator(options, io, untilSignal)),
    );
}
