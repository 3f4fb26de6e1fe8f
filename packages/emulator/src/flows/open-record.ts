import type { CardDefinition, PlatformMode } from '@spoke/protocol';
import type { CardView, OpenRecordResult } from '../api/control/platform.ts';
import { scopesFor } from '../api/developer/missing-scopes.ts';
import type { CardFetchResult } from '../dispatch/card-fetch.ts';
import type { Exchange } from '../dispatch/exchange.ts';
import { dispatchRecordCards } from '../dispatch/fan-out.ts';
import { type App, type CrmRecord, defaultPortalTimeZone, defaultUserLocale } from '../store/entities.ts';
import { type InstallRefusal, installRefusal } from './installed.ts';
import { matchFaults } from './match-faults.ts';
import { callerScope, dispatchApp, logExchanges, type PlatformDeps } from './platform-deps.ts';

function cardView(
  app: App,
  definition: CardDefinition,
  result: CardFetchResult,
  mode: PlatformMode,
): CardView {
  const { exchange, card } = result;
  if (!card) {
    return {
      appId: app.id,
      cardId: definition.id,
      title: definition.title,
      status: 'error',
      items: [],
      totalCount: 0,
      card: null,
      seeMoreLabel: `See more ${definition.title}`,
      error: exchange.error ?? { code: 'DISPATCH_REPLY_INVALID', message: 'the reply could not be shown.' },
      requestId: exchange.id,
      mode,
      ...(result.configurationIssues ? { configurationIssues: result.configurationIssues } : {}),
    };
  }
  return {
    appId: app.id,
    cardId: definition.id,
    // Legacy cards show the count in the title; the converter's title is static. docs/protocol.md §2.4.
    title: mode === 'legacy' ? `${definition.title} (${card.totalCount})` : definition.title,
    status: 'ok',
    items: card.items,
    totalCount: card.totalCount,
    card,
    seeMoreLabel: card.itemLabel || `See more ${definition.title}`,
    error: null,
    requestId: exchange.id,
    mode,
  };
}

/**
 * Opens a record page: fetches every card defined for its object type, of every app (or one),
 * all at once, logs the exchanges in one transaction and returns the cards as the page shows them.
 * Each app's cards get its own request shape (its `mode`, else the emulator's).
 * Apps, cards, user, portal, mode and faults come from the store's in-memory cache (no SQL, no
 * decoding), so the page costs the record read, the calls and one log write.
 */
export async function openRecord(
  deps: PlatformDeps,
  record: CrmRecord,
  options: { appId?: number; userId?: number },
): Promise<OpenRecordResult> {
  const [{ user, portal }, allApps, defaultMode, faults, cardsByApp] = await Promise.all([
    callerScope(deps, options.userId, record.portalId),
    deps.store.apps.list(),
    deps.mode(),
    deps.store.faults.list(),
    deps.store.cardsForObjectType(record.objectType),
  ]);
  const wanted = allApps.filter((app) => options.appId === undefined || app.id === options.appId);
  // Only apps installed in the viewer's portal with the object's scopes show cards there.
  const notInstalled: InstallRefusal[] = [];
  const apps: App[] = [];
  for (const app of wanted) {
    if ((cardsByApp.get(app.id) ?? []).length === 0) continue;
    const refusal = await installRefusal(deps.store, app, portal, scopesFor(record.objectType));
    if (refusal) notInstalled.push(refusal);
    else apps.push(app);
  }
  const perApp = await Promise.all(
    apps.map(async (app) => {
      const applicable = cardsByApp.get(app.id) ?? [];
      if (applicable.length === 0) return [];
      const mode = app.mode ?? defaultMode;
      const results = await dispatchRecordCards({
        cards: applicable,
        app: (card) => dispatchApp(app, card.id),
        record,
        portal,
        user,
        mode,
        transport: deps.transport,
        clock: deps.now,
        randomUUID: deps.randomUUID,
        faults: (card) => matchFaults(faults, app.id, card.fetch.targetUrl),
      });
      return results.map((result, index) => ({ app, definition: applicable[index], result, mode }));
    }),
  );
  const views: CardView[] = [];
  const exchanges: Exchange[] = [];
  for (const { app, definition, result, mode } of perApp.flat()) {
    if (!definition) continue;
    // hubspot.fetch's earlier attempts first, so the log reads in the order they were sent.
    exchanges.push(...result.retried, result.exchange);
    views.push(cardView(app, definition, result, mode));
  }
  await logExchanges(deps, exchanges);
  return {
    record,
    cards: views,
    exchanges,
    user: { id: user.id, email: user.email, locale: user.locale ?? defaultUserLocale },
    portal: { id: portal.id, timeZone: portal.timeZone ?? defaultPortalTimeZone },
    notInstalled,
  };
}
