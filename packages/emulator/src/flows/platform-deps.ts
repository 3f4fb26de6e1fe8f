import type { PlatformMode } from '@spoke/protocol';
import type { EventHub } from '../api/control/event-hub.ts';
import type { EmulatorLogger } from '../api/emulator-logger.ts';
import type { DispatchApp, DispatchOptions } from '../dispatch/dispatch-options.ts';
import type { Exchange } from '../dispatch/exchange.ts';
import type { Transport } from '../dispatch/transport.ts';
import { SpokeEmulatorError } from '../errors.ts';
import type { App, Portal, User } from '../store/entities.ts';
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
}

/** The signing identity of an app: its first client secret. */
export function dispatchApp(app: App): DispatchApp {
  return { id: app.id, clientSecret: app.clientSecrets[0] ?? '' };
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
  await store.write(writes);
  for (const exchange of exchanges) deps.events.publish({ type: 'exchange', data: exchange });
}

/** The user a call is made as (the given one or the first) and that user's portal. */
export async function callerScope(
  deps: PlatformDeps,
  userId?: number,
): Promise<{ user: User; portal: Portal }> {
  const user =
    userId === undefined
      ? (await deps.store.users.list({ limit: 1 }))[0]
      : await deps.store.users.get(userId);
  if (!user) {
    throw new SpokeEmulatorError(
      'API_NOT_FOUND',
      userId === undefined ? 'the emulator has no user; POST /_spoke/users first.' : `no user ${userId}.`,
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
