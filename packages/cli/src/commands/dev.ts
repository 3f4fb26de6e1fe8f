import { randomUUID } from 'node:crypto';
import { relative, resolve } from 'node:path';
import { createEmulator, type Exchange } from '@spoke/emulator';
import { connectDeveloperApi } from '../config/connect-developer-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { formatExchangeLine } from '../dev/format-exchange-line.ts';
import { readSse } from '../dev/read-sse.ts';
import { createServiceProcess } from '../dev/service-process.ts';
import { watchPaths } from '../dev/watch-paths.ts';
import { type ExitCode, SpokeCliError } from '../errors.ts';
import type { CliIo } from '../output/cli-io.ts';
import { createColours } from '../output/colours.ts';
import { parsePositiveInt } from '../output/parse-positive-int.ts';
import { reportError } from '../output/report-error.ts';
import { pushConfig } from './push.ts';

/** Options of `spoke dev`, as commander parses them. */
export interface DevCommandOptions {
  service: string;
  config: string;
  port: string;
  host: string;
  watch?: string[];
  secret?: string;
  appId?: string;
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

/**
 * Starts an in-memory emulator, pushes the config, runs the service, streams every platform call
 * to the terminal, re-pushes when the config changes and restarts the service when its files do,
 * until `stop` resolves (Ctrl-C).
 */
export async function runDev(
  options: DevCommandOptions,
  io: CliIo,
  stop: () => Promise<unknown>,
): Promise<ExitCode> {
  const c = createColours(io);
  const port = parsePort(options.port);
  const configPath = resolve(io.cwd, options.config);
  // A broken config stops dev before anything starts (exit 2); later edits only print their error.
  const first = await loadConfig(configPath, io.cwd, io.env);
  const appId = options.appId
    ? parsePositiveInt(options.appId, '--app-id')
    : first.config.appId === undefined
      ? 1000
      : Number(first.config.appId);
  const emulator = await createEmulator({
    seed: {
      appId,
      developerApiKey: randomUUID(),
      ...(options.secret === undefined ? {} : { clientSecret: options.secret }),
    },
  });
  const closers: (() => Promise<void> | void)[] = [() => emulator.close()];
  try {
    const { url } = await emulator.listen(port, options.host);
    const app = emulator.identity.app;
    const secret = app?.clientSecrets[0] ?? '';
    io.stdout.write(`${c.bold('spoke dev')}: emulator at ${url} (app ${appId}, client secret ${secret})\n`);

    const events = new AbortController();
    closers.push(() => events.abort());
    const stream = await emulator.fetch(new Request(`${url}/_spoke/events`, { signal: events.signal }));
    void readSse(
      stream,
      (event) => {
        if (event.event === 'exchange')
          io.stdout.write(`${formatExchangeLine(JSON.parse(event.data) as Exchange, c)}\n`);
      },
      events.signal,
    );

    const client = await connectDeveloperApi({ api: url, hapikey: app?.developerApiKey ?? null, appId }, io);
    const push = async (config: typeof first.config) => {
      await pushConfig(client, config, io, { title: `${configPath} → the emulator` });
    };
    await push(first.config);

    const service = createServiceProcess({
      command: options.service,
      cwd: io.cwd,
      env: {
        ...io.env,
        SPOKE_EMULATOR_URL: url,
        SPOKE_APP_ID: String(appId),
        SPOKE_CLIENT_SECRET: secret,
        HUBSPOT_CLIENT_SECRET: secret,
      },
      io,
      colours: c,
      onExit: (code, signal) => {
        const error = new SpokeCliError(
          'DEV_SERVICE_EXITED',
          `the service exited (${signal ?? `code ${code}`}); it restarts when a watched file changes.`,
        );
        io.stderr.write(`${c.yellow(error.message)}\n`);
      },
    });
    service.start();
    io.stdout.write(
      `${c.bold('spoke dev')}: started ${JSON.stringify(options.service)}; watching ${configPath} and ${options.watch?.length ? options.watch.join(', ') : io.cwd}. Ctrl-C stops.\n`,
    );
    closers.push(() => service.stop());

    let queue = Promise.resolve();
    const serialise = (task: () => Promise<void>) => {
      queue = queue.then(task).catch((error: unknown) => {
        reportError(io, error);
      });
    };
    closers.push(
      watchPaths({
        paths: [configPath],
        onChange: () =>
          serialise(async () => {
            io.stdout.write(`${c.bold('spoke dev')}: ${options.config} changed; pushing\n`);
            await push((await loadConfig(configPath, io.cwd, io.env)).config);
          }),
      }),
      watchPaths({
        paths: options.watch?.length ? options.watch.map((p) => resolve(io.cwd, p)) : [io.cwd],
        ignoreFiles: [configPath],
        onChange: (files) =>
          serialise(async () => {
            const shown = files
              .slice(0, 3)
              .map((file) => relative(io.cwd, file) || file)
              .join(', ');
            const more = files.length > 3 ? ` and ${files.length - 3} more` : '';
            io.stdout.write(`${c.bold('spoke dev')}: ${shown}${more} changed; restarting the service\n`);
            await service.restart();
          }),
      }),
    );
    await stop();
    io.stderr.write('Stopping…\n');
    return 0;
  } finally {
    for (const close of closers.reverse()) await close();
  }
}
