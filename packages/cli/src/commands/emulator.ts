import { isAbsolute, resolve } from 'node:path';
import { createEmulator, createSqliteStore, type EmulatorLogger } from '@spoke/emulator';
import type { PlatformMode } from '@spoke/protocol';
import { urlWithToken } from '../emulator/network-warning.ts';
import { parseRateLimit } from '../emulator/rate-limit-option.ts';
import { resolveUiDir } from '../emulator/resolve-ui-dir.ts';
import { type ExitCode, SpokeCliError } from '../errors.ts';
import type { CliIo } from '../output/cli-io.ts';
import { parsePositiveInt } from '../output/parse-positive-int.ts';

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
  /** Host names the emulator answers to besides localhost and IP addresses (repeatable). */
  allowedHost?: string[];
  /** The access token to require (default: SPOKE_EMULATOR_TOKEN; a random one beyond loopback). */
  token?: string;
  /** Developer-API rate limit: `off`, `hubspot` (default) or `MAX/SECONDSs[,DAILY/day]`. */
  rateLimit?: string;
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
  const rateLimit = options.rateLimit === undefined ? undefined : parseRateLimit(options.rateLimit);
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
  const uiDir = resolveUiDir(options.uiDir, io.cwd);
  const token = options.token ?? (io.env.SPOKE_EMULATOR_TOKEN || undefined);
  if (token !== undefined && token.length < 16) {
    await store.close();
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      'the access token (--token or SPOKE_EMULATOR_TOKEN) must be at least 16 characters; leave it out to get a random one.',
    );
  }
  let emulator: Awaited<ReturnType<typeof createEmulator>>;
  try {
    emulator = await createEmulator({
      store,
      seed,
      logger: stderrLogger(io),
      ...(options.mode === undefined ? {} : { mode: options.mode }),
      ...(uiDir === undefined ? {} : { uiDir }),
      ...(options.allowedHost === undefined ? {} : { allowedHosts: options.allowedHost }),
      ...(token === undefined ? {} : { accessToken: token }),
      ...(rateLimit === undefined ? {} : { rateLimit }),
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  let url: string;
  let accessToken: string | null;
  try {
    ({ url, accessToken } = await emulator.listen(port, options.host));
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
    `Spoke emulator ready at ${urlWithToken(url, accessToken)}`,
    `  app id             ${app?.id ?? '(none)'}`,
    `  client secret      ${app?.clientSecrets[0] ?? '(none)'}`,
    `  developer API key  ${app?.developerApiKey ?? '(none)'}`,
    `  portal id          ${emulator.identity.portal?.id ?? '(none)'}`,
    `  data               ${dataFile ?? 'in memory (gone on exit)'}`,
    `  mode               ${mode}`,
    `  UI                 ${uiDir ? urlWithToken(url, accessToken) : `${url} (no UI build in this copy; the page there says how to get it)`}`,
    ...(accessToken === null
      ? []
      : [
          `  access token       ${accessToken} (Authorization: Bearer, ?token=, or SPOKE_EMULATOR_TOKEN for the CLI)`,
        ]),
    'Press Ctrl-C to stop.',
  ];
  // Beyond loopback the emulator itself warns (through the stderr logger) that secrets are exposed.
  io.stdout.write(`${lines.join('\n')}\n`);
  await stop();
  io.stderr.write('Stopping the emulator…\n');
  await emulator.close();
  await store.close();
  return 0;
}
