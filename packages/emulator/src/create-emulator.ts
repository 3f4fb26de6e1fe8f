import { randomUUID as nodeRandomUUID, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { PlatformMode } from '@spoke/protocol';
import { createApiCallLog } from './api/api-call-log.ts';
import type { ApiContext } from './api/api-context.ts';
import { createEventHub, type EventHub } from './api/control/event-hub.ts';
import { createApi } from './api/create-api.ts';
import { type RateLimitOptions, rateLimitSettings } from './api/developer/rate-limit.ts';
import { type EmulatorLogger, silentLogger } from './api/emulator-logger.ts';
import { isLoopbackHost, viaNetwork, type WhoIsAsking } from './api/who-is-asking.ts';
import { createFetchTransport, type FetchLike } from './dispatch/fetch-transport.ts';
import { createNodeTransport } from './dispatch/node-transport.ts';
import type { Transport } from './dispatch/transport.ts';
import { SpokeEmulatorError } from './errors.ts';
import { createPlatform } from './flows/create-platform.ts';
import { createRequestLogRetention, type RequestLogOptions } from './flows/platform-deps.ts';
import { realScheduleTimers, type ScheduleTimers } from './flows/share-scheduler.ts';
import { createSqliteStore } from './store/create-sqlite-store.ts';
import type { App, Portal, User } from './store/entities.ts';
import { devInstall, type SeedOptions, seedApp, seedStore } from './store/seed-store.ts';
import { skippedRowMessage } from './store/skipped-row.ts';
import type { Store } from './store/store.ts';
import { bundledUiDir } from './ui/bundled-ui-dir.ts';

/** Options of {@link createEmulator}. */
export interface EmulatorOptions {
  /**
   * Where state lives. A store passed in stays open after `close()` (its owner closes it).
   * @default a fresh in-memory SQLite store, closed by `close()`
   */
  store?: Store;
  /** Epoch milliseconds: signature timestamps, createdAt/updatedAt, the request log. @default Date.now */
  clock?: () => number;
  /**
   * The clock and timers recurring Share Via schedules run on: tests pass a manual one and move its
   * time. @default real timers on `clock`
   */
  scheduleTimers?: ScheduleTimers;
  /**
   * Where the platform's signed calls go, fetch-shaped (e.g. a service's `app.fetch` in tests).
   * @default the dispatcher's node:http transport (connect 3 s, total 5 s)
   */
  fetch?: FetchLike;
  /** A transport instead of `fetch`, for full control. @default createNodeTransport() */
  transport?: Transport;
  /** Ids of exchanges, correlation ids, secrets. @default crypto.randomUUID */
  randomUUID?: () => string;
  /** How action hooks are sent; stored, so it survives a restart. @default the stored mode, else 'legacy' */
  mode?: PlatformMode;
  /** What a fresh (empty) store is seeded with; keys given here also update an existing app. `false` seeds nothing. @default {} */
  seed?: SeedOptions | false;
  /** @default a silent logger */
  logger?: EmulatorLogger;
  /**
   * Request-log retention: at most `maxEntries` exchanges, none older than `maxAgeMs` (by `startedAt`),
   * pruned as the log is written. docs/emulator.md "Request log retention".
   * @default { maxEntries: limits.requestLogMaxEntries (25,000), maxAgeMs: limits.requestLogMaxAgeMs (7 days) }
   */
  requestLog?: RequestLogOptions;
  /**
   * The live-event hub behind `/_spoke/events`; pass one (`createEventHub({ maxBufferedBytes })`) to
   * bound SSE clients differently or to watch them. @default createEventHub()
   */
  events?: EventHub;
  /**
   * Directory of the web UI build served at `/`.
   * @default the UI bundled in this package when it has one (every published copy does), else a
   * small index page that says how to get the UI
   */
  uiDir?: string;
  /**
   * Host names (besides `localhost`, `*.localhost`, IP literals and the listen host) that requests
   * through `listen()` may name in `Host`; `.example.com` also allows its subdomains. Any other
   * name is answered 403 `API_HOST_NOT_ALLOWED` (DNS rebinding). docs/security.md.
   * @default []
   */
  allowedHosts?: readonly string[];
  /**
   * A token every request through `listen()` must carry (cookie set by opening the UI with
   * `?token=`, `Authorization: Bearer`, or `?token=`), else 401 `API_ACCESS_TOKEN_REQUIRED`.
   * `emulator.fetch()` never needs it. docs/security.md.
   * @default none on a loopback address; a random one when `listen()` binds any other address
   */
  accessToken?: string;
  /**
   * HubSpot's developer-API rate limits, per developer API key: 429 `API_RATE_LIMITED` past
   * `maxPerInterval` requests in any `intervalMs` or `daily` in a UTC day, and
   * `X-HubSpot-RateLimit-*` headers on every answer. Windows follow `clock`. `false` turns them
   * off (load tests). docs/emulator.md "Rate limits".
   * @default hubspotRateLimits (110 per 10 s, 250,000 a day)
   */
  rateLimit?: RateLimitOptions | false;
}

/** Who the emulator plays by default: printed by `spoke emulator`. */
export interface EmulatorIdentity {
  app: App | null;
  portal: Portal | null;
  user: User | null;
}

/** A running emulator. */
export interface Emulator {
  /** The whole HTTP surface, fetch-shaped: use it in-process without a socket. */
  fetch(request: Request): Promise<Response>;
  /**
   * Listens on `host:port` (port 0 picks a free one). On anything but a loopback address a random
   * access token is required unless `accessToken` was given (see {@link Emulator.accessToken}).
   * @default host '127.0.0.1'
   */
  listen(
    port?: number,
    host?: string,
  ): Promise<{ url: string; port: number; host: string; accessToken: string | null }>;
  /** The token requests through `listen()` must carry, or null when none is needed. */
  readonly accessToken: string | null;
  /** Stops schedules, closes the server (SSE streams too) and the store it created. */
  close(): Promise<void>;
  readonly store: Store;
  /** The seeded (or configured) app, portal and user. */
  readonly identity: EmulatorIdentity;
  /** Ids of shares whose schedule is armed. */
  armedShares(): string[];
}

async function applySeed(store: Store, seed: SeedOptions | false, now: string, randomUUID: () => string) {
  if (seed === false) return;
  if (await store.isEmpty()) {
    await seedStore(store, { ...seed, now, randomUUID });
    return;
  }
  // An existing store keeps its data; keys passed on the command line still win for that app.
  const app =
    seed.appId === undefined ? (await store.apps.list({ limit: 1 }))[0] : await store.apps.get(seed.appId);
  if (!app) {
    // An app id the data file does not have yet: add it, keyed like the others unless told.
    const developerApiKey = seed.developerApiKey ?? (await store.apps.list({ limit: 1 }))[0]?.developerApiKey;
    const created = seedApp({ ...seed, ...(developerApiKey ? { developerApiKey } : {}), now, randomUUID });
    await store.apps.put(created.id, created);
    const devPortal = (await store.portals.list({ limit: 1 }))[0];
    if (devPortal) {
      await store.installs.put(
        `${created.id}:${devPortal.id}`,
        devInstall(created, devPortal.id),
        created.id,
      );
    }
    return;
  }
  const clientSecrets =
    seed.clientSecret === undefined || app.clientSecrets[0] === seed.clientSecret
      ? app.clientSecrets
      : [seed.clientSecret];
  const developerApiKey = seed.developerApiKey ?? app.developerApiKey;
  if (clientSecrets === app.clientSecrets && developerApiKey === app.developerApiKey) return;
  await store.apps.put(app.id, { ...app, clientSecrets, developerApiKey, updatedAt: now });
}

async function identityOf(store: Store, seed: SeedOptions | false): Promise<EmulatorIdentity> {
  const wanted = seed === false ? undefined : seed.appId;
  const app =
    (wanted === undefined ? null : await store.apps.get(wanted)) ??
    (await store.apps.list({ limit: 1 }))[0] ??
    null;
  const user = (await store.users.list({ limit: 1 }))[0] ?? null;
  const portal = user
    ? await store.portals.get(user.portalId)
    : ((await store.portals.list({ limit: 1 }))[0] ?? null);
  return { app, portal, user };
}

/**
 * Starts a local HubSpot for CRM cards, Share Via and calling channel connection: HubSpot's
 * developer API paths, a control API under `/_spoke/`, and the platform's signed calls to a
 * service, each logged and judged. A fresh store is seeded with a portal, a user, an app and records.
 * @example
 * const emulator = await createEmulator({ fetch: (request) => service.fetch(request) });
 * const response = await emulator.fetch(new Request('http://emulator/_spoke/health'));
 */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  if (options.accessToken !== undefined && options.accessToken.length < 16) {
    throw new SpokeEmulatorError(
      'EMULATOR_CONFIG_INVALID',
      'accessToken must be at least 16 characters; leave it out to get a random one.',
    );
  }
  // Refused before anything is opened, like a short accessToken.
  if (options.rateLimit) rateLimitSettings(options.rateLimit);
  const clock = options.clock ?? Date.now;
  const randomUUID = options.randomUUID ?? nodeRandomUUID;
  const logger = options.logger ?? silentLogger;
  const ownsStore = options.store === undefined;
  const store = options.store ?? (await createSqliteStore({ url: ':memory:', clock }));
  const transport =
    options.transport ??
    (options.fetch ? createFetchTransport({ fetch: options.fetch }) : createNodeTransport());
  const seed = options.seed ?? {};
  const events = options.events ?? createEventHub();
  const requestLog = createRequestLogRetention(options.requestLog);
  const platform = createPlatform(
    { store, now: clock, randomUUID, logger, events, transport, requestLog },
    options.scheduleTimers ?? { ...realScheduleTimers, now: clock },
  );
  try {
    await applySeed(store, seed, new Date(clock()).toISOString(), randomUUID);
    if (options.mode) await platform.setMode(options.mode);
    await platform.startSchedules();
  } catch (error) {
    await platform.stopSchedules();
    if (ownsStore) await store.close();
    throw error;
  }
  const identity = await identityOf(store, seed);
  // Rows written by hand or an older Spoke that did not decode: skipped, never a failed start.
  for (const row of await store.skippedRows())
    logger.warn(skippedRowMessage(row), { table: row.table, id: row.id });
  const apiCalls = createApiCallLog({ store, now: clock, randomUUID, logger, events, requestLog });
  const ctx: ApiContext = { store, now: clock, randomUUID, logger, events, platform, apiCalls };
  const uiDir = options.uiDir ?? bundledUiDir();
  const who: WhoIsAsking = {
    allowedHosts: [...(options.allowedHosts ?? [])],
    listenHost: null,
    accessToken: options.accessToken ?? null,
  };
  const api = createApi(ctx, {
    ...(uiDir === undefined ? {} : { uiDir }),
    who,
    ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
  });
  let server: Server | null = null;
  let closed = false;

  return {
    // In-process: no socket, no Host to check, no token (the caller holds the store already).
    fetch: async (request) => api.fetch(request),
    get accessToken() {
      return who.accessToken;
    },
    store,
    identity,
    armedShares: () => platform.armedShares(),
    listen(port = 0, host = '127.0.0.1') {
      if (server)
        throw new SpokeEmulatorError('EMULATOR_CONFIG_INVALID', 'this emulator is already listening.');
      who.listenHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
      if (!isLoopbackHost(host)) {
        who.accessToken ??= randomBytes(24).toString('base64url');
        logger.warn(
          `[spoke] the emulator listens on ${host}, beyond this machine: its control API hands out client secrets and the developer API key to anyone who can reach it, so every request needs the access token (but an app's own calls with its OAuth credentials). See docs/security.md.`,
        );
      }
      return new Promise((resolve, reject) => {
        const started = serve(
          {
            // Marks requests that crossed the socket: only they are held to Host and token.
            fetch: (request, env) => api.fetch(request, { ...(env as object), [viaNetwork]: true }),
            port,
            hostname: host,
          },
          (info: AddressInfo) => {
            const shown = info.address.includes(':') ? `[${info.address}]` : info.address;
            resolve({
              url: `http://${shown}:${info.port}`,
              port: info.port,
              host: info.address,
              accessToken: who.accessToken,
            });
          },
        ) as Server;
        started.once('error', reject);
        server = started;
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await platform.stopSchedules();
      const running = server;
      server = null;
      if (running) {
        await new Promise<void>((resolve) => {
          running.close(() => resolve());
          running.closeAllConnections();
        });
      }
      await apiCalls.idle();
      if (ownsStore) await store.close();
      else await store.serialized(async () => undefined);
    },
  };
}
