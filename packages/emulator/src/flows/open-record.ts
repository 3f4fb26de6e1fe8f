import type { CardDefinition } from '@spoke/protocol';
import type { CardView, OpenRecordResult } from '../api/control/platform.ts';
import type { CardFetchResult } from '../dispatch/card-fetch.ts';
import { dispatchRecordCards } from '../dispatch/fan-out.ts';
import type { App, CrmRecord } from '../store/entities.ts';
import { matchFaults } from './match-faults.ts';
import { callerScope, dispatchApp, logExchange, type PlatformDeps } from './platform-deps.ts';

function cardView(
  app: App,
  definition: CardDefinition,
  result: CardFetchResult,
  legacyTitle: boolean,
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
      error: exchange.error ?? { code: 'DISPATCH_REPLY_INVALID', message: 'the reply could not be shown.' },
      requestId: exchange.id,
    };
  }
  return {
    appId: app.id,
    cardId: definition.id,
    // Legacy cards show the count in the title; the converter's title is static. SPEC.md §2.4.
    title: legacyTitle ? `${definition.title} (${card.totalCount})` : definition.title,
    status: 'ok',
    items: card.items,
    totalCount: card.totalCount,
    card,
    error: null,
    requestId: exchange.id,
  };
}

/**
 * Opens a record page: fetches every card defined for its object type, of every app (or one),
 * all at once, logs each exchange and returns the cards as the page shows them.
 */
export async function openRecord(
  deps: PlatformDeps,
  record: CrmRecord,
  options: { appId?: number; userId?: number },
): Promise<OpenRecordResult> {
  const { user, portal } = await callerScope(deps, options.userId);
  const apps = (await deps.store.apps.list()).filter(
    (app) => options.appId === undefined || app.id === options.appId,
  );
  const mode = await deps.mode();
  const faults = await deps.store.faults.list();
  const perApp = await Promise.all(
    apps.map(async (app) => {
      const cards = await deps.store.cards.list({ scope: app.id });
      const applicable = cards.filter((card) =>
        card.fetch.objectTypes.some((t) => t.name === record.objectType),
      );
      const results = await dispatchRecordCards({
        cards: applicable,
        app: dispatchApp(app),
        record,
        portal,
        user,
        mode,
        transport: deps.transport,
        clock: deps.now,
        randomUUID: deps.randomUUID,
        faults: (card) => matchFaults(faults, app.id, card.fetch.targetUrl),
      });
      return results.map((result, index) => ({ app, definition: applicable[index], result }));
    }),
  );
  const views: CardView[] = [];
  const exchanges = [];
  for (const { app, definition, result } of perApp.flat()) {
    if (!definition) continue;
    exchanges.push(await logExchange(deps, result.exchange));
    views.push(cardView(app, definition, result, mode === 'legacy'));
  }
  return { record, cards: views, exchanges };
}
