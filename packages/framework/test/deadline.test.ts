import { createApp, type HandlerContext } from '@spoke/framework';
import { createTestClient } from '@spoke/framework/testing';
import { describe, expect, test } from 'vitest';
import { fakeClock, memoryLogger, secret } from './support.ts';

describe('deadline', () => {
  test('sets ctx.deadline to the request start plus HubSpot’s 5 s budget', async () => {
    const clock = fakeClock(1_700_000_000_000);
    let seen: HandlerContext | undefined;
    const app = createApp({ clientSecret: secret, clock, logger: memoryLogger() }).crmCard(
      '/card',
      (_input, ctx) => {
        seen = ctx;
        return { results: [] };
      },
    );
    await createTestClient(app, { clientSecret: secret, clock }).cardFetch('/card');
    expect(seen?.deadline).toBe(1_700_000_005_000);
  });

  test('aborts ctx.signal when the deadline passes while the handler waits', async () => {
    const clock = fakeClock();
    const app = createApp({ clientSecret: secret, clock, logger: memoryLogger() }).actionHook(
      '/wait',
      (_input, ctx) =>
        new Promise((resolve) => {
          ctx.signal.addEventListener('abort', () =>
            resolve({ message: `aborted: ${String(ctx.signal.reason)}` }),
          );
          clock.advance(5_000);
        }),
    );
    const res = await createTestClient(app, { clientSecret: secret, clock }).actionHook('/wait');
    expect(res.body).toEqual({ message: expect.stringContaining("HubSpot's 5000 ms deadline passed") });
  });

  test('leaves no timer behind once the handler has answered', async () => {
    const clock = fakeClock();
    let signal: AbortSignal | undefined;
    const app = createApp({ clientSecret: secret, clock, logger: memoryLogger() }).crmCard(
      '/card',
      (_input, ctx) => {
        signal = ctx.signal;
        return { results: [] };
      },
    );
    await createTestClient(app, { clientSecret: secret, clock }).cardFetch('/card');
    clock.advance(10_000);
    expect(signal?.aborted).toBe(false);
  });

  test('warns about a late handler that threw, naming its kind and elapsed time', async () => {
    const clock = fakeClock();
    const logger = memoryLogger();
    const app = createApp({ clientSecret: secret, clock, logger }).channelConnection('/calls', () => {
      clock.advance(6_001);
      throw new Error('too slow anyway');
    });
    const res = await createTestClient(app, { clientSecret: secret, clock }).channelConnection('/calls');
    expect(res.status).toBe(500);
    const warning = logger.entries.find((entry) => entry.level === 'warn');
    expect(warning?.message).toContain('calling.channel-connection handler for POST /calls took 6001 ms');
  });
});
