import { request as httpRequest } from 'node:http';
import { createEmulator, createSqliteStore, type Emulator, type Store } from '@spoke/emulator';
import { limits } from '@spoke/protocol';

/** The app the benchmark emulator seeds (25 contact cards) and a second one (one company card). */
const appId = 1000;
const instantAppId = 1001;
const developerApiKey = 'bench-developer-key';

/** A seeded emulator with 25 slow contact cards and one instant company card. */
export interface EmulatorBench {
  emulator: Emulator;
  /** The store the emulator runs on (owned by the bench: closed by `close`). */
  store: Store;
  /** The contact whose page shows the 25 cards. */
  contactId: string;
  /** The company whose page shows one instant card. */
  companyId: string;
  /** The app that owns the instant company card. */
  instantAppId: number;
  /** The slowest contact card's own delay, ms. */
  slowestDelayMs: number;
  /** Calls the emulator in-process; throws on a non-2xx answer. */
  call(method: string, path: string, body?: unknown): Promise<unknown>;
  /**
   * Opens a record page (`POST /_spoke/records/{type}/{id}/cards`); throws unless every card is ok.
   * Resolves with the slowest card's own latency as the emulator logged it (`timing.totalMs`).
   */
  openRecord(objectType: 'contacts' | 'companies', id: string): Promise<number>;
  close(): Promise<void>;
}

/** Options of {@link createEmulatorBench}. */
export interface EmulatorBenchOptions {
  /** Base URL of the `card-services` server (`GET /card/<ms>`). */
  servicesUrl: string;
  /** Slowest card delay; the 25 contact cards spread evenly over 0…this. @default 500 */
  slowestDelayMs?: number;
  /** SQLite location of the store (a file path, as `spoke emulator --data` uses). @default ':memory:' */
  storeUrl?: string;
}

function delays(slowest: number): number[] {
  const count = limits.maxCardsPerApp;
  return Array.from({ length: count }, (_unused, index) => Math.round((index * slowest) / (count - 1)));
}

/**
 * Seeds an emulator through its own developer and control APIs: 25 contact cards (the most an
 * app may have, docs/protocol.md §2.1) whose services answer after 0–500 ms, and one instant company card.
 */
export async function createEmulatorBench(options: EmulatorBenchOptions): Promise<EmulatorBench> {
  const slowestDelayMs = options.slowestDelayMs ?? 500;
  const store = await createSqliteStore({ url: options.storeUrl ?? ':memory:' });
  const emulator = await createEmulator({
    seed: { appId, developerApiKey, clientSecret: 'bench-0000-client-secret-0000' },
    store,
    // A measurement, not a HubSpot session: no developer-API rate limit may shape the numbers.
    rateLimit: false,
  });
  const close = async () => {
    await emulator.close();
    await store.close();
  };
  const call = async (method: string, path: string, body?: unknown) => {
    const init: RequestInit =
      body === undefined
        ? { method }
        : { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
    const response = await emulator.fetch(new Request(`http://127.0.0.1${path}`, init));
    const text = await response.text();
    if (!response.ok)
      throw new Error(
        `[bench] emulator ${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`,
      );
    return text === '' ? null : (JSON.parse(text) as unknown);
  };
  const createCard = (app: number, title: string, delayMs: number, objectType: string) =>
    call('POST', `/crm/v3/extensions/cards-dev/${app}?hapikey=${developerApiKey}`, {
      title,
      fetch: {
        targetUrl: `${options.servicesUrl}/card/${delayMs}`,
        objectTypes: [{ name: objectType, propertiesToSend: ['email'] }],
      },
      display: { properties: [] },
      actions: { baseUrls: ['https://tracker.example.com'] },
    });
  try {
    for (const [index, delayMs] of delays(slowestDelayMs).entries()) {
      await createCard(appId, `Contact card ${index + 1}`, delayMs, 'contacts');
    }
    // The first app is full (25 cards), so the instant company card belongs to a second app.
    await call('POST', '/_spoke/apps', { id: instantAppId, name: 'Bench instant app', developerApiKey });
    await createCard(instantAppId, 'Company card', 0, 'companies');
    const contact = (await call('POST', '/_spoke/records/contacts', {
      properties: { email: 'jane.doe@example.com', firstname: 'Jane' },
    })) as { id: string };
    const company = (await call('POST', '/_spoke/records/companies', {
      properties: { name: 'Example Ltd' },
    })) as { id: string };
    return {
      emulator,
      contactId: contact.id,
      companyId: company.id,
      instantAppId,
      slowestDelayMs,
      call,
      async openRecord(objectType, id) {
        const result = (await call('POST', `/_spoke/records/${objectType}/${id}/cards`, {})) as {
          cards: { status: string; error: { code: string } | null }[];
          exchanges: { timing: { totalMs: number } }[];
        };
        const failed = result.cards.filter((card) => card.status !== 'ok');
        if (result.cards.length === 0 || failed.length > 0) {
          throw new Error(
            `[bench] ${failed.length} of ${result.cards.length} cards failed: ${JSON.stringify(failed[0]?.error)}`,
          );
        }
        return Math.max(...result.exchanges.map((exchange) => exchange.timing.totalMs));
      },
      store,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** One plain GET on a fresh connection (as the emulator's transport makes them); resolves with ms. */
export function timeDirectGet(url: string): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent: false }, (res) => {
      res.resume();
      res.once('end', () => {
        if (res.statusCode === 200) resolve(performance.now() - start);
        else reject(new Error(`[bench] GET ${url} answered ${res.statusCode}`));
      });
    });
    req.once('error', reject);
    req.end();
  });
}
