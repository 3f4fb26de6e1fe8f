import type { Exchange } from '@spoke/emulator';
import { afterEach, describe, expect, test } from 'vitest';
import { fakeService } from './helpers/fake-service.ts';
import { shareViaHandler } from './helpers/share-via-service.ts';
import { call, testClock, testEmulator } from './helpers/test-emulator.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function setup(requestLog: { maxEntries?: number; maxAgeMs?: number }) {
  const clock = testClock();
  const service = fakeService(shareViaHandler(), 'secret-abc', clock);
  const emulator = await testEmulator({ fetch: service.fetch, clock, requestLog });
  cleanup.push(() => emulator.close());
  await call(emulator, 'PUT', '/_spoke/apps/1000/share-via', { targetUrl: 'https://share.test/hooks' });
  // One logged exchange per call.
  const oneCall = async () => {
    const res = await call(emulator, 'POST', '/_spoke/apps/1000/share-via/CHECK_PERMISSIONS');
    expect(res.status).toBe(200);
  };
  const log = async () =>
    (await call<{ results: Exchange[] }>(emulator, 'GET', '/_spoke/requests?limit=1000')).body.results;
  return { clock, emulator, oneCall, log };
}

describe('request-log retention', () => {
  test('keeps at most maxEntries, the newest, after every write', async () => {
    const { emulator, oneCall, log } = await setup({ maxEntries: 5 });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      await oneCall();
      ids.push((await log())[0]?.id ?? '');
      expect(await emulator.store.exchanges.count()).toBeLessThanOrEqual(5);
    }
    expect((await log()).map((e) => e.id)).toEqual(ids.slice(-5).reverse());
  });

  test('drops exchanges older than maxAgeMs by the injected clock', async () => {
    const day = 86_400_000;
    const { clock, oneCall, log } = await setup({ maxAgeMs: day });
    await oneCall();
    await oneCall();
    clock.advance(day / 2);
    await oneCall();
    expect(await log()).toHaveLength(3);
    // 1.5 days after the first two, 1 day after the third: the first two go, the third stays.
    clock.advance(day);
    await oneCall();
    const left = await log();
    expect(left).toHaveLength(2);
    expect(left.every((e) => e.startedAt >= clock() - day)).toBe(true);
  });
});
