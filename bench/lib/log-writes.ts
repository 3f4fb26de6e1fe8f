import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { createSqliteStore, type Exchange, type Store } from '@spoke/emulator';

/** A file-backed store and two bare libsql databases beside it, in a temp folder. */
export interface LogWriteTargets {
  store: Store;
  /** The same `exchanges` table, written with plain `client.execute` (SQLite's defaults). */
  bare: Client;
  /** The same again in WAL mode with `synchronous = NORMAL`: what the store could do. */
  bareWal: Client;
  close(): Promise<void>;
}

async function createExchangesTable(client: Client): Promise<void> {
  await client.execute(
    "CREATE TABLE exchanges (id TEXT PRIMARY KEY NOT NULL, scope TEXT NOT NULL DEFAULT '', doc TEXT NOT NULL)",
  );
  await client.execute('CREATE INDEX exchanges_scope ON exchanges (scope)');
}

/** Opens both targets in a fresh temp folder (file-backed, as `spoke emulator --data` runs). */
export async function openLogWriteTargets(): Promise<LogWriteTargets> {
  const dir = await mkdtemp(join(tmpdir(), 'spoke-bench-'));
  const store = await createSqliteStore({ url: join(dir, 'store.db') });
  const bare = createClient({ url: `file:${join(dir, 'bare.db')}` });
  await createExchangesTable(bare);
  const bareWal = createClient({ url: `file:${join(dir, 'bare-wal.db')}` });
  await bareWal.execute('PRAGMA journal_mode = WAL');
  await bareWal.execute('PRAGMA synchronous = NORMAL');
  await createExchangesTable(bareWal);
  return {
    store,
    bare,
    bareWal,
    async close() {
      await store.close();
      bare.close();
      bareWal.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let sequence = 0;

/** Runs `write` one awaited call at a time for about `ms` (at least 3 writes): writes/s. */
async function writesPerSecond(write: (id: string) => Promise<unknown>, ms: number): Promise<number> {
  const start = performance.now();
  let count = 0;
  let elapsed = 0;
  do {
    sequence += 1;
    await write(`bench-${sequence}`);
    count += 1;
    elapsed = performance.now() - start;
  } while (elapsed < ms || count < 3);
  return (count / elapsed) * 1000;
}

/** Logs copies of `exchange` through the store's request log for about `ms`: writes/s. */
export function storeLogWrites(store: Store, exchange: Exchange, ms: number): Promise<number> {
  return writesPerSecond((id) => store.exchanges.put(id, { ...exchange, id }, exchange.appId), ms);
}

/**
 * Logs copies of `exchange` as a record page's fan-out does: `batch` at a time in one INSERT and
 * one transaction (`store.write`), for about `ms`: exchanges logged per second.
 */
export async function storeFanoutLogWrites(
  store: Store,
  exchange: Exchange,
  ms: number,
  batch = 25,
): Promise<number> {
  const perBatch = await writesPerSecond(async (id) => {
    const documents = Array.from({ length: batch }, (_unused, index) => {
      const logged = { ...exchange, id: `${id}-${index}` };
      return { id: logged.id, value: logged, scope: exchange.appId };
    });
    await store.write([store.exchanges.putManyWrite(documents)]);
  }, ms);
  return perBatch * batch;
}

/** The same writes with plain libsql (JSON.stringify and one INSERT each) for about `ms`: writes/s. */
export function bareLogWrites(client: Client, exchange: Exchange, ms: number): Promise<number> {
  return writesPerSecond(
    (id) =>
      client.execute({
        sql: 'INSERT INTO exchanges (id, scope, doc) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET scope = excluded.scope, doc = excluded.doc',
        args: [id, String(exchange.appId), JSON.stringify({ ...exchange, id })],
      }),
    ms,
  );
}
