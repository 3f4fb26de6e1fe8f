import { Client } from '@hubspot/api-client';
import { type Emulator, rateLimitHeaders } from '@spoke/emulator';
import { afterEach, describe, expect, test } from 'vitest';
import { installThroughOauth } from './helpers/oauth-install.ts';
import { call, testClock, testEmulator, withKey } from './helpers/test-emulator.ts';

// HubSpot counts an OAuth app's calls per app and account: 110 per 10 s, no daily limit, with
// X-HubSpot-RateLimit-* headers on every answer (no Daily ones). Here with a small configured limit.

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

async function setUp(rateLimit: { maxPerInterval: number; intervalMs: number } | false) {
  const clock = testClock();
  emulator = await testEmulator({ clock, rateLimit });
  const { accessToken } = await installThroughOauth(emulator);
  const contacts = await call<{ results: { id: string }[] }>(emulator, 'GET', '/_spoke/records/contacts');
  const get = () =>
    call(emulator as Emulator, 'GET', `/crm/v3/objects/contacts/${contacts.body.results[0]?.id}`, undefined, {
      authorization: `Bearer ${accessToken}`,
    });
  return { clock, accessToken, get, emulator };
}

describe('rate limits of the CRM API', () => {
  test('each answer says what is left; past the limit a 429 in HubSpot shape, until the window rolls on', async () => {
    const { clock, get } = await setUp({ maxPerInterval: 3, intervalMs: 10_000 });
    const first = await get();
    expect(first.status).toBe(200);
    expect(first.headers.get(rateLimitHeaders.max)).toBe('3');
    expect(first.headers.get(rateLimitHeaders.remaining)).toBe('2');
    expect(first.headers.get(rateLimitHeaders.intervalMilliseconds)).toBe('10000');
    expect(first.headers.get(rateLimitHeaders.daily)).toBeNull();
    expect(first.headers.get(rateLimitHeaders.dailyRemaining)).toBeNull();
    clock.advance(4_000);
    expect((await get()).status).toBe(200);
    expect((await get()).headers.get(rateLimitHeaders.remaining)).toBe('0');

    const refused = await get();
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      status: 'error',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
      code: 'API_RATE_LIMITED',
    });
    expect(String((refused.body as { message: string }).message)).toContain('app 1000 in portal 62515');
    // The first call leaves the window 6 s from now.
    expect(refused.headers.get('retry-after')).toBe('6');

    // A developer API key has its own count.
    const developer = await call(emulator as Emulator, 'GET', withKey('/crm/v3/extensions/cards-dev/1000'));
    expect(developer.status).toBe(200);
    expect(developer.headers.get(rateLimitHeaders.remaining)).toBe('2');

    clock.advance(6_000);
    expect((await get()).status).toBe(200);
  });

  test('a refused call is counted too, and its answer carries the headers', async () => {
    const { accessToken } = await setUp({ maxPerInterval: 3, intervalMs: 10_000 });
    const missing = await call(emulator as Emulator, 'GET', '/crm/v3/objects/contacts/999999', undefined, {
      authorization: `Bearer ${accessToken}`,
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.get(rateLimitHeaders.remaining)).toBe('2');
    const badBody = await call(
      emulator as Emulator,
      'POST',
      '/crm/v3/objects/contacts/search',
      { limit: 0 },
      {
        authorization: `Bearer ${accessToken}`,
      },
    );
    expect(badBody.status).toBe(400);
    expect(badBody.headers.get(rateLimitHeaders.remaining)).toBe('1');
  });

  test('the official client sees the 429 as HubSpot gives it', async () => {
    const { accessToken, get } = await setUp({ maxPerInterval: 1, intervalMs: 10_000 });
    await get();
    const basePath = (await (emulator as Emulator).listen(0, '127.0.0.1')).url;
    const client = new Client({ accessToken, basePath, numberOfApiCallRetries: 0 });
    await expect(client.crm.contacts.basicApi.getPage()).rejects.toMatchObject({ code: 429 });
  });

  test('rateLimit: false counts nothing and sends no headers', async () => {
    const { get } = await setUp(false);
    for (let i = 0; i < 5; i++) {
      const answer = await get();
      expect(answer.status).toBe(200);
      expect(answer.headers.get(rateLimitHeaders.max)).toBeNull();
    }
  });
});
