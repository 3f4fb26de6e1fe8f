import { Client } from '@hubspot/api-client';
import { type Emulator, hubspotRateLimits, rateLimitHeaders } from '@spoke/emulator';
import { afterEach, describe, expect, test } from 'vitest';
import { call, testClock, testEmulator, testKeys, withKey } from './helpers/test-emulator.ts';

// HubSpot's developer-API rate limits, counted on the emulator's clock. docs/emulator.md "Rate limits".
const cards = '/crm/v3/extensions/cards-dev/1000';
const open: Emulator[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((emulator) => emulator.close()));
});

async function emulatorWith(options: Parameters<typeof testEmulator>[0] = {}) {
  const clock = testClock();
  const emulator = await testEmulator({ clock, ...options });
  open.push(emulator);
  return { emulator, clock };
}

const list = (emulator: Emulator, key?: string) => call(emulator, 'GET', withKey(cards, key));

function limitHeaders(headers: Headers): Record<string, string | null> {
  return Object.fromEntries(Object.values(rateLimitHeaders).map((name) => [name, headers.get(name)]));
}

describe('developer API rate limits', () => {
  test("are HubSpot's numbers by default and every answer carries the X-HubSpot-RateLimit-* headers", async () => {
    const { emulator } = await emulatorWith();
    expect(hubspotRateLimits).toEqual({ maxPerInterval: 110, intervalMs: 10_000, daily: 250_000 });
    const first = await list(emulator);
    expect(first.status).toBe(200);
    expect(limitHeaders(first.headers)).toEqual({
      'X-HubSpot-RateLimit-Daily': '250000',
      'X-HubSpot-RateLimit-Daily-Remaining': '249999',
      'X-HubSpot-RateLimit-Interval-Milliseconds': '10000',
      'X-HubSpot-RateLimit-Max': '110',
      'X-HubSpot-RateLimit-Remaining': '109',
      'X-HubSpot-RateLimit-Secondly': '11',
      'X-HubSpot-RateLimit-Secondly-Remaining': '10',
    });
    // Error answers carry them too (a card that does not exist).
    const missing = await call(emulator, 'GET', withKey(`${cards}/999`));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('X-HubSpot-RateLimit-Remaining')).toBe('108');
  });

  test("the 111th request within 10 s is refused in HubSpot's shape, and the window rolls on the clock", async () => {
    const { emulator, clock } = await emulatorWith();
    for (let i = 0; i < 110; i++) {
      const ok = await list(emulator);
      expect(ok.status).toBe(200);
      clock.advance(50);
    }
    // 110 requests over 5.5 s: the next one is over the limit.
    const refused = await list(emulator);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      status: 'error',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
      code: 'API_RATE_LIMITED',
      correlationId: refused.headers.get('x-hubspot-correlation-id'),
    });
    expect(String(refused.body.message)).toContain('ten_secondly_rolling limit (110 requests per 10000 ms');
    expect(refused.headers.get('X-HubSpot-RateLimit-Remaining')).toBe('0');
    // The first request leaves the window 10 s after it was made: 4.5 s from now.
    expect(refused.headers.get('retry-after')).toBe('5');
    clock.advance(4_499);
    expect((await list(emulator)).status).toBe(429);
    clock.advance(1);
    const again = await list(emulator);
    expect(again.status).toBe(200);
    expect(again.headers.get('X-HubSpot-RateLimit-Remaining')).toBe('0');
  });

  test('counts each developer API key on its own and leaves unknown keys to the 401', async () => {
    const { emulator } = await emulatorWith({ rateLimit: { maxPerInterval: 2 } });
    // A second app with its own key.
    const created = await call(emulator, 'POST', '/_spoke/apps', {
      name: 'Other',
      developerApiKey: 'other-key-456',
    });
    expect(created.status).toBe(201);
    const otherId = (created.body as { id: number }).id;
    expect((await list(emulator)).status).toBe(200);
    expect((await list(emulator)).status).toBe(200);
    expect((await list(emulator)).status).toBe(429);
    const other = await call(
      emulator,
      'GET',
      withKey(`/crm/v3/extensions/cards-dev/${otherId}`, 'other-key-456'),
    );
    expect(other.status).toBe(200);
    const unknown = await list(emulator, 'nope');
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('X-HubSpot-RateLimit-Max')).toBeNull();
    // The control API is never limited.
    expect((await call(emulator, 'GET', '/_spoke/apps')).status).toBe(200);
  });

  test('the daily limit resets at midnight UTC', async () => {
    const { emulator, clock } = await emulatorWith({ rateLimit: { daily: 3 } });
    clock.set(Date.UTC(2026, 0, 15, 23, 59, 0));
    for (let i = 0; i < 3; i++) expect((await list(emulator)).status).toBe(200);
    const refused = await list(emulator);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ policyName: 'DAILY', errorType: 'RATE_LIMIT' });
    expect(refused.headers.get('X-HubSpot-RateLimit-Daily-Remaining')).toBe('0');
    expect(refused.headers.get('retry-after')).toBe('60');
    clock.set(Date.UTC(2026, 0, 16, 0, 0, 0));
    const tomorrow = await list(emulator);
    expect(tomorrow.status).toBe(200);
    expect(tomorrow.headers.get('X-HubSpot-RateLimit-Daily-Remaining')).toBe('2');
  });

  test('rateLimit: false turns them off (load tests): no 429, no headers', async () => {
    const { emulator } = await emulatorWith({ rateLimit: false });
    for (let i = 0; i < 150; i++) expect((await list(emulator)).status).toBe(200);
    expect((await list(emulator)).headers.get('X-HubSpot-RateLimit-Max')).toBeNull();
  });

  test('a limit that is not a whole number of at least 1 is refused at start', async () => {
    await expect(testEmulator({ rateLimit: { maxPerInterval: 0 } })).rejects.toMatchObject({
      code: 'EMULATOR_CONFIG_INVALID',
      message: expect.stringContaining('rateLimit.maxPerInterval must be a whole number of at least 1'),
    });
  });

  test('the official @hubspot/api-client sees the 429 and the headers', async () => {
    const { emulator } = await emulatorWith({ rateLimit: { maxPerInterval: 1 } });
    const basePath = (await emulator.listen(0, '127.0.0.1')).url;
    const client = new Client({
      developerApiKey: testKeys.developerApiKey,
      basePath,
      numberOfApiCallRetries: 0,
    });
    await client.crm.extensions.cards.cardsApi.getAll(1000);
    await expect(client.crm.extensions.cards.cardsApi.getAll(1000)).rejects.toMatchObject({
      code: 429,
      body: { errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' },
      headers: expect.objectContaining({ 'x-hubspot-ratelimit-max': '1' }),
    });
  });
});
