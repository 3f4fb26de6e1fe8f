import {
  type CardFetchResult,
  cardAppliesTo,
  type DispatchCard,
  type DispatchCardFetchOptions,
  dispatchCardFetch,
} from './card-fetch.ts';
import type { DispatchApp } from './dispatch-options.ts';
import type { Faults } from './faults.ts';

/** Options of {@link dispatchRecordCards}: those of a single fetch, with every card instead of one. */
export interface DispatchRecordCardsOptions
  extends Omit<DispatchCardFetchOptions, 'card' | 'faults' | 'app'> {
  /** The app, or the app as each card signs for it (a card may have its own public URL). */
  app: DispatchApp | ((card: DispatchCard) => DispatchApp);
  /** The app's card definitions, in definition order. */
  cards: readonly DispatchCard[];
  /** Faults for all cards, or chosen per card. */
  faults?: Faults | ((card: DispatchCard) => Faults | undefined);
}

/**
 * Fetches every card of a record at once, as the record page does: each has its own deadline, so a
 * slow card does not delay the others. Cards not defined for the record's object type are skipped;
 * results come back in definition order.
 */
export function dispatchRecordCards(options: DispatchRecordCardsOptions): Promise<CardFetchResult[]> {
  const { cards, faults, app, ...shared } = options;
  const applicable = cards.filter((card) => cardAppliesTo(card, options.record.objectType));
  return Promise.all(
    applicable.map((card) => {
      const cardFaults = typeof faults === 'function' ? faults(card) : faults;
      return dispatchCardFetch({
        ...shared,
        app: typeof app === 'function' ? app(card) : app,
        card,
        ...(cardFaults === undefined ? {} : { faults: cardFaults }),
      });
    }),
  );
}
