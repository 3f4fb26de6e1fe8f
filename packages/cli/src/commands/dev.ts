import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { createEmulator, type Emulator, type Exchange } from '@spoke/emulator';
import type { SpokeConfig } from '../config/config-schema.ts';
import { connectDeveloperApi } from '../config/connect-developer-api.ts';
import { loadConfig } from '../config/load-config.ts';
import { describeServiceExit } from '../dev/describe-service-exit.ts';
import { formatExchangeLine } from '../dev/format-exchange-line.ts';
import { readSse } from '../dev/read-sse.ts';
import { recordPageUrl } from '../dev/record-page-url.ts';
import { createServiceProcess } from '../dev/service-process.ts';
import { localAddress, waitForPort } from '../dev/wait-for-port.ts';
import { type WatchBatch, watchPaths } from '../dev/watch-paths.ts';
import { networkWarning, urlWithToken } from '../emulator/network-warning.ts';
import { parseRateLimit } from '../emulator/rate-limit-option.ts';
import { resolveUiDir } from '../emulator/resolve-ui-dir.ts';
import { type ExitCode, SpokeCliError } from '../errors.ts';
import type { CliIo } from '../output/cli-io.ts';
import { createColours } from '../output/colours.ts';
import { parsePositiveInt } from '../output/parse-positive-int.ts';
import { reportError } from '../output/report-error.ts';
import { printConfigWarnings, pushConfig } from './push.ts';

/** Options of `spoke dev`, as commander parses them. */
export interface DevCommandOptions {
  service: string;
  config: string;
  port: string;
  host: string;
  watch?: string[];
  secret?: string;
  appId?: string;
  /** Host names the emulator answers to besides localhost and IP addresses (repeatable). */
  allowedHost?: string[];
  /** The emulator's developer-API rate limit: `off`, `hubspot` (default) or `MAX/SECONDSs[,DAILY/day]`. */
  rateLimit?: string;
}

// Spoke's choice: how long after a start `dev` waits for the first card's port before saying so.
const listenTimeoutMs = 30_000;

function parsePort(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      `--port ${JSON.stringify(value)} is not a port (0-65535; 0 picks a free one).`,
    );
  }
  return Number(value);
}

/** Listens, or explains a taken port (DEV_PORT_IN_USE) before anything else starts. */
async function listen(emulator: Emulator, port: number, host: string): Promise<string> {
  try {
    return (await emulator.listen(port, host)).url;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new SpokeCliError(
        'DEV_PORT_IN_USE',
        `port ${port} on ${host} is taken (another spoke dev or emulator?), so nothing was started. Pick another port with --port ${port === 65535 ? port - 1 : port + 1}, or --port 0 for a free one.`,
        { cause: error },
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new SpokeCliError('CLI_OPTION_INVALID', `cannot listen on ${host}:${port}: ${reason}.`, {
      cause: error,
    });
  }
}

/** What {@link runDev} uses that a test may replace. */
export interface DevDeps {
  /** Watches the files. @default watchPaths (chokidar) */
  watch?: typeof watchPaths;
}

/**
 * Starts an in-memory emulator with its web UI, pushes the config, runs the service, streams every
 * platform call to the terminal, re-pushes when the config changes and restarts the service when
 * its files do, until `stop` resolves (Ctrl-C). See docs/cli.md.
 */
export async function runDev(
  options: DevCommandOptions,
  io: CliIo,
  stop: () => Promise<unknown>,
  deps: DevDeps = {},
): Promise<ExitCode> {
  const c = createColours(io);
  const say = (text: string) => io.stdout.write(`${c.bold('spoke dev')}: ${text}\n`);
  const warn = (error: SpokeCliError) => io.stderr.write(`${c.yellow(error.message)}\n`);
  const shown = (path: string) => relative(io.cwd, path) || path;
  const port = parsePort(options.port);
  const rateLimit = options.rateLimit === undefined ? undefined : parseRateLimit(options.rateLimit);
  const configPath = resolve(io.cwd, options.config);
  // A broken config stops dev before anything starts (exit 2); later edits only print their error.
  const first = await loadConfig(configPath, io.cwd, io.env);
  printConfigWarnings(io, shown(configPath), first.raw);
  let config: SpokeConfig = first.config;
  const appId = options.appId
    ? parsePositiveInt(options.appId, '--app-id')
    : first.config.appId === undefined
      ? 1000
      : Number(first.config.appId);
  const uiDir = resolveUiDir(undefined, io.cwd);
  const emulator = await createEmulator({
    seed: {
      appId,
      developerApiKey: randomUUID(),
      ...(options.secret === undefined ? {} : { clientSecret: options.secret }),
    },
    ...(uiDir === undefined ? {} : { uiDir }),
    ...(options.allowedHost === undefined ? {} : { allowedHosts: options.allowedHost }),
    ...(rateLimit === undefined ? {} : { rateLimit }),
  });
  const closers: (() => Promise<void> | void)[] = [() => emulator.close()];
  try {
    const url = await listen(emulator, port, options.host);
    const app = emulator.identity.app;
    const secret = app?.clientSecrets[0] ?? '';
    const token = emulator.accessToken;
    say(`emulator at ${urlWithToken(url, token)} (app ${appId}, client secret ${secret})`);
    if (token !== null) {
      say(`access token ${token} (the service gets it as SPOKE_EMULATOR_TOKEN)`);
      io.stderr.write(`${c.yellow(networkWarning(options.host))}\n`);
    }

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

    const client = await connectDeveloperApi(
      { api: url, hapikey: app?.developerApiKey ?? null, appId, ...(token === null ? {} : { token }) },
      io,
    );
    let pageShown = '';
    const showRecordPage = async () => {
      if (uiDir === undefined) return;
      const page = await recordPageUrl(emulator, url, config);
      const line = 'url' in page ? `the card on a record page: ${page.url}` : page.missing;
      if (line !== pageShown) say(line);
      pageShown = line;
    };
    const push = async () => {
      await pushConfig(client, config, io, { title: `${configPath} → the emulator` });
      await showRecordPage();
    };
    await push();
    if (uiDir === undefined) {
      say(
        `this copy of Spoke has no web UI build, so there is no record page to open; ${url}/ says how to get it.`,
      );
    } else {
      say(`the inspector (every signed request): ${url}/#/inspector`);
    }

    let readiness: AbortController | undefined;
    const service = createServiceProcess({
      command: options.service,
      cwd: io.cwd,
      env: {
        ...io.env,
        SPOKE_EMULATOR_URL: url,
        ...(token === null ? {} : { SPOKE_EMULATOR_TOKEN: token }),
        SPOKE_APP_ID: String(appId),
        SPOKE_CLIENT_SECRET: secret,
        HUBSPOT_CLIENT_SECRET: secret,
        // @spoke/framework's development mode (explanations in the service log); off elsewhere.
        SPOKE_DEV: '1',
      },
      io,
      colours: c,
      onExit: (exit) => {
        readiness?.abort();
        warn(
          new SpokeCliError(
            'DEV_SERVICE_EXITED',
            `the service ${describeServiceExit(exit)}; spoke dev waits for the next save to start it again.`,
          ),
        );
      },
    });
    closers.push(() => service.stop());
    // Says when the service listens on the first card's port (a loopback targetUrl); says
    // nothing it cannot see.
    const watchListening = () => {
      readiness?.abort();
      const address = localAddress(config.cards?.[0]?.fetch.targetUrl);
      if (address === undefined) return;
      const controller = new AbortController();
      readiness = controller;
      const startedAt = Date.now();
      const where = `${address.host}:${address.port}`;
      void waitForPort(address, controller.signal, listenTimeoutMs).then((listening) => {
        if (controller.signal.aborted) return;
        if (listening)
          say(
            `the service listens on ${where} (${((Date.now() - startedAt) / 1000).toFixed(1)} s after start)`,
          );
        else
          say(
            `nothing listens on ${where} (the first card's targetUrl) ${listenTimeoutMs / 1000} s after the service started; check its port.`,
          );
      });
    };

    let closing = false;
    let queue = Promise.resolve();
    const serialise = (task: () => Promise<void>) => {
      queue = queue
        .then(() => (closing ? undefined : task()))
        .catch((error: unknown) => {
          reportError(io, error);
        });
    };
    const onBatch = async (batch: WatchBatch) => {
      if (batch.config && !existsSync(configPath)) {
        warn(
          new SpokeCliError(
            'DEV_CONFIG_DELETED',
            `${shown(configPath)} was deleted; the emulator keeps the config pushed last. Create the file again to push it.`,
          ),
        );
      } else if (batch.config) {
        say(`${shown(configPath)} changed; pushing`);
        try {
          const loaded = await loadConfig(configPath, io.cwd, io.env);
          printConfigWarnings(io, shown(configPath), loaded.raw);
          config = loaded.config;
          await push();
        } catch (error) {
          reportError(io, error);
        }
      }
      if (batch.files.length === 0) return;
      const names = batch.files
        .slice(0, 3)
        .map((file) => `${shown(file)}${existsSync(file) ? '' : ' (deleted)'}`)
        .join(', ');
      const more = batch.files.length > 3 ? ` and ${batch.files.length - 3} more` : '';
      say(`${names}${more} changed; restarting the service`);
      readiness?.abort();
      await service.restart();
      watchListening();
    };
    const roots = options.watch?.length ? options.watch.map((path) => resolve(io.cwd, path)) : [io.cwd];
    const watcher = (deps.watch ?? watchPaths)({
      paths: roots,
      configFile: configPath,
      onChange: (batch) => serialise(() => onBatch(batch)),
      onError: (error) =>
        warn(
          new SpokeCliError(
            'DEV_WATCH_FAILED',
            `watching files failed (${error.message}); changes may go unnoticed. Watch less with --watch <folder>.`,
          ),
        ),
    });
    closers.push(async () => {
      closing = true;
      readiness?.abort();
      await watcher.close();
      await queue;
    });
    await watcher.ready;

    say(`starting the service: ${options.service}`);
    service.start();
    watchListening();
    say(
      `watching ${roots.map((root) => relative(io.cwd, root) || '.').join(', ')} and ${shown(configPath)}. Ctrl-C stops.`,
    );
    await stop();
    io.stderr.write('Stopping…\n');
    return 0;
  } finally {
    for (const close of closers.reverse()) await close();
  }
}
