import type { CardDefinition, ObjectTypeName } from '@spoke/protocol';
import type { Collection, CollectionEntry } from './collection.ts';

/** The cards defined for one object type, by app id, each app's in definition order. */
export type CardsByApp = ReadonlyMap<number, readonly CardDefinition[]>;

const none: CardsByApp = new Map();

function indexCards(
  entries: readonly CollectionEntry<CardDefinition>[],
): Map<string, Map<number, CardDefinition[]>> {
  const byType = new Map<string, Map<number, CardDefinition[]>>();
  for (const { scope, value } of entries) {
    const appId = Number(scope);
    for (const { name } of value.fetch.objectTypes) {
      const byApp = byType.get(name) ?? new Map<number, CardDefinition[]>();
      byType.set(name, byApp);
      const list = byApp.get(appId) ?? [];
      byApp.set(appId, list);
      // A definition that lists the same type twice is still one card.
      if (list.at(-1) !== value) list.push(value);
    }
  }
  return byType;
}

/**
 * Looks up cards by object type without reading or decoding a card per record open: the index is
 * built once per snapshot of the (cached) cards collection, so any write to cards rebuilds it.
 */
export function createCardIndex(
  cards: Collection<CardDefinition>,
): (objectType: ObjectTypeName) => Promise<CardsByApp> {
  const built = new WeakMap<object, Map<string, Map<number, CardDefinition[]>>>();
  return async (objectType) => {
    const snapshot = await cards.snapshot();
    let index = built.get(snapshot);
    if (!index) {
      index = indexCards(snapshot);
      built.set(snapshot, index);
    }
    return index.get(objectType) ?? none;
  };
}
