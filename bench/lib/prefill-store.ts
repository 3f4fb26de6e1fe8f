import type { Exchange, Store } from '@spoke/emulator';

/**
 * Adds `count` contact records and `count` logged exchanges (copies of `exchange`) to a store in
 * batched transactions, with ids far from the emulator's own sequences.
 */
export async function prefillStore(store: Store, exchange: Exchange, count: number): Promise<void> {
  const now = new Date(0).toISOString();
  // The records belong to the store's first portal (the dev portal), where the bench opens them.
  const portalId = (await store.portals.list({ limit: 1 }))[0]?.id ?? 62515;
  const batch = 1_000;
  for (let first = 0; first < count; first += batch) {
    const writes = [];
    for (let index = first; index < Math.min(count, first + batch); index += 1) {
      const id = String(9_000_000 + index);
      const properties = { email: `person${index}@example.com`, firstname: `Person ${index}` };
      writes.push(
        store.records.putWrite(
          id,
          { id, objectType: 'contacts', portalId, properties, createdAt: now, updatedAt: now },
          'contacts',
        ),
      );
      const logged = { ...exchange, id: `prefill-${index}` };
      writes.push(store.exchanges.putWrite(logged.id, logged, exchange.appId));
    }
    await store.write(writes);
  }
}
