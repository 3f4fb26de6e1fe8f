import { randomBytes } from 'node:crypto';
import { type ExitCode, SpokeCliError } from '../errors.ts';
import { describePortal, emulatorBase, findApp } from '../install/emulator-app.ts';
import { callbackPath, type LoopbackRedirect, listenForRedirect } from '../install/loopback-redirect.ts';
import { openBrowser } from '../install/open-browser.ts';
import type { CliIo } from '../output/cli-io.ts';
import { createColours } from '../output/colours.ts';
import { parsePositiveInt } from '../output/parse-positive-int.ts';
import { writeJson } from '../output/write-json.ts';
import {
  createEmulatorClient,
  type EmulatorApp,
  type EmulatorClient,
  emulatorToken,
} from '../trigger/emulator-client.ts';

/** Options of `spoke install`, as commander parses them. */
export interface InstallCommandOptions {
  emulator?: string;
  /** The emulator's access token (default SPOKE_EMULATOR_TOKEN). */
  token?: string;
  /** Required scopes (repeat, or space/comma separated); default: every scope of the app. */
  scope?: string[];
  optionalScope?: string[];
  /** The portal to install into: the only choice on the consent screen; with --yes, the one consented for. */
  portal?: string;
  /** Consent without a browser, through `POST /_spoke/oauth/authorize`. */
  yes?: boolean;
  /** Open the consent URL in the default browser. */
  open?: boolean;
  /** Port of the loopback redirect listener (default: a free one). */
  port?: string;
  /** How long to wait for the redirect: `300`, `90s`, `5m`, `500ms`. */
  timeout?: string;
  json?: boolean;
}

/** What the command needs from outside besides the io; tests replace them. */
export interface InstallDeps {
  /** Opens the consent URL (default: the platform's browser opener); false when none could start. */
  openUrl?: (url: string) => Promise<boolean>;
  /** Aborting stops the wait for the redirect, as Ctrl-C does (default: SIGINT or SIGTERM). */
  stop?: AbortSignal;
}

/** What `spoke install` prints with `--json`. */
export interface InstallResult {
  ok: true;
  appId: number;
  portalId: number;
  hubDomain: string | null;
  user: string | null;
  scopes: string[];
  tokenType: string;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  /** When the access token expires, on this machine's clock (ISO 8601). */
  expiresAt: string;
  /** Where the app calls HubSpot's APIs with the token: the emulator (`basePath` of the official client). */
  apiBase: string;
}

/** Five minutes: long enough to read the consent screen, short enough for a forgotten terminal. */
export const defaultInstallTimeoutMs = 5 * 60_000;

/** `--timeout`: whole seconds (`300`), or with a unit (`500ms`, `90s`, `5m`). */
export function parseTimeout(value: string): number {
  const match = /^(\d{1,7})(ms|s|m)?$/.exec(value.trim());
  const amount = Number(match?.[1]);
  if (!match || amount <= 0) {
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      `--timeout ${JSON.stringify(value)} is not a duration; use seconds (300) or a unit: 500ms, 90s, 5m.`,
    );
  }
  const unit = match[2] ?? 's';
  return unit === 'ms' ? amount : unit === 's' ? amount * 1000 : amount * 60_000;
}

function describeDuration(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}

/** Scopes from repeated options, each may list several separated by spaces or commas. */
function splitScopeOptions(values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).flatMap((value) => value.split(/[\s,]+/)).filter(Boolean))];
}

/**
 * Makes sure `url` is one of the app's redirect URLs for the run, as HubSpot matches them exactly.
 * Returns how to undo it: a URL added here is removed again afterwards, so the app's settings
 * (and a later `spoke pull`) never keep a loopback port of one run.
 */
async function registerRedirect(
  client: EmulatorClient,
  app: EmulatorApp,
  url: string,
  io: CliIo,
): Promise<() => Promise<void>> {
  const registered = app.redirectUrls ?? [];
  if (registered.includes(url)) return async () => {};
  io.stderr.write(
    `[spoke] adding the redirect URL ${url} to app ${app.id} for this install (removed when done)\n`,
  );
  await client.setRedirectUrls(app.id, [...registered, url]);
  return async () => {
    // Read again: the list may have changed meanwhile; only this run's URL goes.
    const now = (await client.apps()).find((candidate) => candidate.id === app.id);
    if (!now) return;
    const rest = (now.redirectUrls ?? []).filter((candidate) => candidate !== url);
    await client.setRedirectUrls(app.id, rest.length > 0 ? rest : null);
  };
}

/** An AbortSignal aborted by the first SIGINT or SIGTERM, and a way to stop listening for them. */
function processStopSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

/** `promise`, unless `ms` pass first (`onTimeout`) or `stop` is aborted (`onStop`). */
function waitFor<T>(
  promise: Promise<T>,
  ms: number,
  stop: AbortSignal,
  onTimeout: () => Error,
  onStop: () => Error,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let abort: (() => void) | undefined;
  const ended = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
    abort = () => reject(onStop());
    if (stop.aborted) abort();
    else stop.addEventListener('abort', abort, { once: true });
  });
  return Promise.race([promise, ended]).finally(() => {
    clearTimeout(timer);
    if (abort) stop.removeEventListener('abort', abort);
  });
}

/** The code a redirect carries, after checking its `state`; OAuth's `error` means the user cancelled. */
function codeOf(params: URLSearchParams, state: string, appId: number): string {
  if (params.get('state') !== state) {
    throw new SpokeCliError(
      'INSTALL_STATE_MISMATCH',
      `the redirect's state ${JSON.stringify(params.get('state'))} is not the one this install sent, so its code was not used (a stale tab of an earlier install, or a request forged by another page). Run \`spoke install ${appId}\` again and use the URL it prints.`,
    );
  }
  const error = params.get('error');
  if (error !== null) {
    const description = params.get('error_description');
    throw new SpokeCliError(
      'INSTALL_DENIED',
      `app ${appId} was not installed: the consent screen answered error=${error}${description ? ` (${JSON.stringify(description)})` : ''}. Run \`spoke install ${appId}\` again and choose Connect, or pass --yes to consent without a browser.`,
    );
  }
  const code = params.get('code');
  if (!code) {
    throw new SpokeCliError(
      'INSTALL_DENIED',
      `the redirect carried neither a code nor an error (${params.toString() || 'no query'}); run \`spoke install ${appId}\` again.`,
    );
  }
  return code;
}

/** Exchanges the code at `POST /oauth/v1/token` and reads what the access token may do. */
async function exchange(
  client: EmulatorClient,
  app: EmulatorApp,
  code: string,
  redirectUri: string,
  now: number,
): Promise<InstallResult> {
  const secret = app.clientSecrets[0] ?? '';
  const tokens = await client.oauthToken(
    new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: app.clientId,
      client_secret: secret,
      redirect_uri: redirectUri,
      code,
    }),
  );
  const info = await client.accessTokenInfo(tokens.access_token);
  return {
    ok: true,
    appId: info.app_id,
    portalId: info.hub_id,
    hubDomain: info.hub_domain ?? null,
    user: info.user ?? null,
    scopes: info.scopes,
    tokenType: tokens.token_type,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiresIn: tokens.expires_in,
    expiresAt: new Date(now + tokens.expires_in * 1000).toISOString(),
    apiBase: client.base,
  };
}

/** `--yes`: consent for the portal (default the dev portal) through the control API, no browser. */
async function consentDirectly(
  client: EmulatorClient,
  app: EmulatorApp,
  request: { scope: string; optionalScope: string; state: string; portalId?: number },
  io: CliIo,
): Promise<InstallResult> {
  // A registered URL is used as is (nothing is sent to it); an app without one gets a loopback
  // URL for the run.
  const redirectUri = app.redirectUrls?.[0] ?? `http://127.0.0.1${callbackPath}`;
  const unregister = await registerRedirect(client, app, redirectUri, io);
  try {
    const { location } = await client.oauthAuthorize({
      clientId: app.clientId,
      redirectUri,
      scope: request.scope,
      ...(request.optionalScope ? { optionalScope: request.optionalScope } : {}),
      state: request.state,
      ...(request.portalId === undefined ? {} : { portalId: request.portalId }),
    });
    const code = codeOf(new URL(location).searchParams, request.state, app.id);
    return await exchange(client, app, code, redirectUri, io.now());
  } finally {
    await unregister();
  }
}

/** The consent URL a browser opens: HubSpot's install URL, of one account when `--portal` names it. */
export function consentUrl(
  base: string,
  query: { clientId: string; redirectUri: string; scope: string; optionalScope: string; state: string },
  portalId?: number,
): string {
  const params = new URLSearchParams({
    client_id: query.clientId,
    redirect_uri: query.redirectUri,
    scope: query.scope,
    ...(query.optionalScope ? { optional_scope: query.optionalScope } : {}),
    state: query.state,
  });
  return `${base}/oauth${portalId === undefined ? '' : `/${portalId}`}/authorize?${params}`;
}

/** The browser flow: listen on loopback, print (and maybe open) the consent URL, wait for the redirect. */
async function consentInBrowser(
  client: EmulatorClient,
  app: EmulatorApp,
  request: { scope: string; optionalScope: string; state: string; portalId?: number },
  options: { port: number; timeoutMs: number; open: boolean; json: boolean },
  io: CliIo,
  deps: InstallDeps,
): Promise<InstallResult> {
  const c = createColours(io);
  const listener: LoopbackRedirect = await listenForRedirect(options.port);
  // The prompt goes where a person reads it: stdout, or stderr when stdout carries JSON.
  const say = (text: string) => (options.json ? io.stderr : io.stdout).write(text);
  try {
    const unregister = await registerRedirect(client, app, listener.url, io);
    try {
      const query = {
        clientId: app.clientId,
        redirectUri: listener.url,
        scope: request.scope,
        optionalScope: request.optionalScope,
        state: request.state,
      };
      // Refused here (unknown scope, portal…) rather than on a page nobody may be looking at.
      await client.oauthConsent(
        new URLSearchParams({
          client_id: query.clientId,
          redirect_uri: query.redirectUri,
          scope: query.scope,
          ...(query.optionalScope ? { optional_scope: query.optionalScope } : {}),
          ...(request.portalId === undefined ? {} : { portal_id: String(request.portalId) }),
        }),
      );
      const url = consentUrl(client.base, query, request.portalId);
      say(`Open this URL in a browser and choose Connect to install app ${app.id} (${app.name}):\n`);
      say(`  ${c.bold(url)}\n`);
      if (options.open) {
        const opened = await (deps.openUrl ?? openBrowser)(url);
        if (!opened) say('(no browser could be opened here; open the URL above yourself)\n');
      }
      say(
        `Waiting for the redirect to ${listener.url} (up to ${describeDuration(options.timeoutMs)}; Ctrl-C to stop)…\n`,
      );
      const signals = deps.stop ? null : processStopSignal();
      const redirect = await waitFor(
        listener.redirect,
        options.timeoutMs,
        deps.stop ?? (signals as { signal: AbortSignal }).signal,
        () =>
          new SpokeCliError(
            'INSTALL_TIMEOUT',
            `no redirect reached ${listener.url} within ${describeDuration(options.timeoutMs)}, so app ${app.id} was not installed. Open the URL printed above and choose Connect, give more time with --timeout, or pass --yes to consent for the dev portal without a browser.`,
          ),
        () =>
          new SpokeCliError(
            'INSTALL_CANCELLED',
            `stopped before the consent screen answered, so app ${app.id} was not installed${app.redirectUrls?.includes(listener.url) ? '' : ` (the redirect URL ${listener.url} is removed from it again)`}.`,
          ),
      ).finally(() => signals?.dispose());
      try {
        const code = codeOf(redirect.params, request.state, app.id);
        const result = await exchange(client, app, code, listener.url, io.now());
        await redirect.respond(
          200,
          `App ${app.id} installed`,
          `${app.name} is installed in portal ${result.portalId}. You can close this tab; the tokens are in your terminal.`,
        );
        return result;
      } catch (error) {
        const message = error instanceof Error ? error.message.replace(/^\[spoke\] /, '') : String(error);
        await redirect.respond(400, `App ${app.id} not installed`, message);
        throw error;
      }
    } finally {
      await unregister();
    }
  } finally {
    await listener.close();
  }
}

function printTokens(io: CliIo, result: InstallResult, appName: string): void {
  const c = createColours(io);
  const portal = describePortal(result.portalId, result.hubDomain);
  io.stdout.write(`${c.green(`installed app ${result.appId} (${appName}) in portal ${portal}`)}\n`);
  const rows: [string, string][] = [
    ['access token', result.accessToken],
    ['refresh token', result.refreshToken],
    ['expires in', `${result.expiresIn} s (at ${result.expiresAt})`],
    ['portal', String(result.portalId)],
    ['scopes', result.scopes.join(' ')],
    ['api base', `${result.apiBase} (basePath of @hubspot/api-client)`],
  ];
  for (const [label, value] of rows) io.stdout.write(`  ${label.padEnd(14)}${value}\n`);
}

/**
 * `spoke install <appId>`: HubSpot's OAuth flow from a terminal against a running emulator — the
 * consent screen in a browser (a loopback redirect brings the code back) or, with `--yes`,
 * consent for the dev portal without one — then the code exchanged for tokens, which are printed.
 */
export async function runInstall(
  appIdArg: string,
  options: InstallCommandOptions,
  io: CliIo,
  deps: InstallDeps = {},
): Promise<ExitCode> {
  // Everything that can be wrong locally is checked before the first request.
  const appId = parsePositiveInt(appIdArg, 'the app id');
  const base = emulatorBase(options, io.env);
  const timeoutMs = options.timeout === undefined ? defaultInstallTimeoutMs : parseTimeout(options.timeout);
  const port = options.port === undefined ? 0 : parsePositiveInt(options.port, '--port');
  if (port > 65_535) {
    throw new SpokeCliError('CLI_OPTION_INVALID', `--port ${port} is not a port (1 to 65535).`);
  }
  const portalId = options.portal === undefined ? undefined : parsePositiveInt(options.portal, '--portal');
  if (options.yes && options.open) {
    throw new SpokeCliError(
      'CLI_OPTION_INVALID',
      '--yes consents without a browser, so --open has nothing to open; pass one of them.',
    );
  }
  const client = createEmulatorClient(base, io.fetch, emulatorToken(options, io.env));
  const app = await findApp(client, appId);
  const required = splitScopeOptions(options.scope);
  const scopes = required.length > 0 ? required : app.scopes.length > 0 ? app.scopes : ['oauth'];
  const optional = splitScopeOptions(options.optionalScope).filter((scope) => !scopes.includes(scope));
  const request = {
    scope: scopes.join(' '),
    optionalScope: optional.join(' '),
    state: randomBytes(16).toString('base64url'),
    ...(portalId === undefined ? {} : { portalId }),
  };
  const json = options.json === true;
  const result = options.yes
    ? await consentDirectly(client, app, request, io)
    : await consentInBrowser(
        client,
        app,
        request,
        { port, timeoutMs, open: options.open === true, json },
        io,
        deps,
      );
  if (json) writeJson(io, result);
  else printTokens(io, result, app.name);
  return 0;
}
