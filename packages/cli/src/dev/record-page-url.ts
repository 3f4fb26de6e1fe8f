import type { Emulator } from '@spoke/emulator';
import type { SpokeConfig } from '../config/config-schema.ts';

/** Where to see the first card: a record page in the emulator's UI, or why there is none. */
export type RecordPage = { url: string } | { missing: string };

/**
 * The UI page of a seeded record of the first card's first object type (`#/records/{type}/{id}`,
 * read from the control API's `GET /_spoke/records/{type}`).
 */
export async function recordPageUrl(
  emulator: Pick<Emulator, 'fetch'>,
  base: string,
  config: SpokeConfig,
): Promise<RecordPage> {
  const card = config.cards?.[0];
  const objectType = card?.fetch.objectTypes[0]?.name;
  if (card === undefined || objectType === undefined) {
    return { missing: `the config declares no card; record pages are at ${base}/#/records` };
  }
  const response = await emulator.fetch(new Request(`${base}/_spoke/records/${objectType}`));
  const results = response.ok ? ((await response.json()) as { results: { id: string }[] }).results : [];
  if (!response.ok) await response.body?.cancel();
  const record = results[0];
  if (record === undefined) {
    return {
      missing: `the emulator has no ${objectType} record to show card "${card.title}" on; see ${base}/#/records`,
    };
  }
  return { url: `${base}/#/records/${objectType}/${encodeURIComponent(record.id)}` };
}
