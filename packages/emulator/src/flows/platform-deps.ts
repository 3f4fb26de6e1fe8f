import { limits, type PlatformMode } from '@spoke/protocol';
import type { EventHub } from '../api/control/event-hub.ts';
import type { EmulatorLogger } from '../api/emulator-logger.ts';
import type { DispatchApp, DispatchOptions } from '../dispatch/dispatch-options.ts';
import type { Exchange } from '../dispatch/exchange.ts';
import type { Transport } from '../dispatch/transport.ts';
import { SpokeEmulatorError } from '../errors.ts';
import type { StoreWrite } from '../store/collection.ts';
import type { App, Portal, User } from '../store/entities.ts';
import { dropOlderWrite, keepNewestWrite } from '../store/retention-writes.ts';
import type { Store } from '../store/store.ts';
import { matchFaults } from './match-faults.ts';

/** What the platform flows share: the store, the world, and how calls go out. */
export interface PlatformDeps {
  store: Store;
  now(): number;
  randomUUID(): string;
  logger: EmulatorLogger;
  events: EventHub;
  transport: Transport;
  mode(): Promise<PlatformMode>;
  /** How long the request log keeps exchanges. @default {@link createRequestLogRetention}() */
  requestLog?: RequestLogRetention;
}

/** Request-log retention: by count on every write, by age at most every `maxAgeMs / 1000`. */
export interface RequestLogRetention {
  readonly maxEntries: number;
  readonly maxAgeMs: number;
  /** The prune writes due now, to run in the same transaction as the log write. */
  writes(now: number): StoreWrite[];
}

/** Options of {@link createRequestLogRetention} (and `createEmulator({ requestLog })`). */
export interface RequestLogOptions {
  /** @default limits.requestLogMaxEntries */
  maxEntries?: number;
  /** @default limits.requestLogMaxAgeMs */
  maxAgeMs?: number;
}

/**
 * Keeps the request log bounded, pruning on write, amortised: the count bound is one rowid-range
 * DELETE (O(log n) plus what it removes) with every log write; the age bound reads the oldest
 * entries' JSON, so it runs at most once per `maxAgeMs / limits.requestLogAgePruneDivisor`.
 */
export function createRequestLogRetention(options: RequestLogOptions = {}): RequestLogRetention {
  const maxEntries = options.maxEntries ?? limits.requestLogMaxEntries;
  const maxAgeMs = options.maxAgeMs ?? limits.requestLogMaxAgeMs;
  const ageInterval = maxAgeMs / limits.requestLogAgePruneDivisor;
  let lastAgePrune = Number.NEGATIVE_INFINITY;
  return {
    maxEntries,
    maxAgeMs,
    writes(now) {
      const writes = [keepNewestWrite('exchanges', maxEntries)];
      if (now - lastAgePrune >= ageInterval) {
        lastAgePrune = now;
        writes.push(dropOlderWrite('exchanges', 'startedAt', now - maxAgeMs));
      }
      return writes;
    },
  };
}

/** The signing identity of an app: its first client secret, and the public URL of the card (its own, else the app's). */
export function dispatchApp(app: App, cardId?: string | null): DispatchApp {
  const cardUrl = cardId ? app.cardPublicUrls?.[cardId] : undefined;
  return {
    id: app.id,
    clientSecret: app.clientSecrets[0] ?? '',
    publicUrl: cardUrl ?? app.publicUrl ?? null,
    permittedUrls: app.permittedUrls ?? null,
  };
}

/** The request shape an app gets: its own `mode`, else the emulator's. docs/migration.md. */
export async function appMode(deps: PlatformDeps, app: Pick<App, 'mode'>): Promise<PlatformMode> {
  return app.mode ?? (await deps.mode());
}

/** Transport, clock, ids and the faults that match this app and URL. */
export async function dispatchOptions(
  deps: PlatformDeps,
  appId: number,
  url: string,
): Promise<DispatchOptions> {
  const faults = matchFaults(await deps.store.faults.list(), appId, url);
  return {
    transport: deps.transport,
    clock: deps.now,
    randomUUID: deps.randomUUID,
    ...(faults === undefined ? {} : { faults }),
  };
}

const defaultRetention = createRequestLogRetention();

/** Stores an exchange in the request log and tells live listeners. */
export async function logExchange(deps: PlatformDeps, exchange: Exchange): Promise<Exchange> {
  await logExchanges(deps, [exchange]);
  return exchange;
}

// Rows per INSERT: far below SQLite's 32,766 bound values (three per row).
const logChunk = 1_000;

/**
 * Stores several exchanges (a record page's fan-out) in the request log in one transaction, one
 * INSERT per thousand rows instead of one awaited write each, then tells live listeners.
 */
export async function logExchanges(deps: PlatformDeps, exchanges: readonly Exchange[]): Promise<void> {
  const { store } = deps;
  const writes = [];
  for (let first = 0; first < exchanges.length; first += logChunk) {
    const documents = exchanges
      .slice(first, first + logChunk)
      .map((exchange) => ({ id: exchange.id, value: exchange, scope: exchange.appId }));
    writes.push(store.exchanges.putManyWrite(documents));
  }
  // Retention in the same transaction: the log never holds more than its bound after a write.
  writes.push(...(deps.requestLog ?? defaultRetention).writes(deps.now()));
  await store.write(writes);
  for (const exchange of exchanges) deps.events.publish({ type: 'exchange', data: exchange });
}

/**
 * The user a call is made as (the given one, or the first of the record's portal, or the first) and
 * that user's portal. With a record, a user of another portal is a 404: they cannot see it.
 */
export async function callerScope(
  deps: PlatformDeps,
  userId?: number,
  recordPortalId?: number,
): Promise<{ user: User; portal: Portal }> {
  // Without a user, the first user of the record's portal (of any portal when there is no record).
  const user =
    userId === undefined
      ? (
          await deps.store.users.list({
            limit: 1,
            ...(recordPortalId === undefined ? {} : { scope: recordPortalId }),
          })
        )[0]
      : await deps.store.users.get(userId);
  if (!user) {
    throw new SpokeEmulatorError(
      'API_NOT_FOUND',
      userId !== undefined
        ? `no user ${userId}.`
        : recordPortalId === undefined
          ? 'the emulator has no user; POST /_spoke/users first.'
          : `portal ${recordPortalId}, the record's, has no user to open it; POST /_spoke/users {"portalId": ${recordPortalId}, …} first.`,
    );
  }
  // A user sees only the records of their own portal, as in HubSpot.
  if (recordPortalId !== undefined && user.portalId !== recordPortalId) {
    throw new SpokeEmulatorError(
      'API_NOT_FOUND',
      `the record belongs to portal ${recordPortalId} and user ${user.id} is a user of portal ${user.portalId}, which does not have it; open it as a user of portal ${recordPortalId} (or leave userId out).`,
    );
  }
  const portal = await deps.store.portals.get(user.portalId);
  if (!portal)
    throw new SpokeEmulatorError(
      'API_NOT_FOUND',
      `user ${user.id} belongs to portal ${user.portalId}, which is gone.`,
    );
  return { user, portal };
}
