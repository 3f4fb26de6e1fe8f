import { createApp } from '@spoke/framework';
import { createTestClient, type TestClientOptions } from '@spoke/framework/testing';
import { describe, expect, test } from 'vitest';
import { buildApp, fakeClock, memoryLogger, secret } from './support.ts';

/** A client whose requests are captured instead of served. */
function capture(options: Partial<TestClientOptions> = {}) {
  const sent: Request[] = [];
  const app = createApp({
    clientSecret: secret,
    logger: memoryLogger(),
    publicUrl: 'https://svc.example.com',
  });
  const client = createTestClient(app, {
    clientSecret: secret,
    ...options,
    fetch: async (request) => {
      sent.push(request);
      return Response.json({ ok: true });
    },
  });
  return { client, sent };
}

describe('createTestClient', () => {
  test('signs for the app’s publicUrl by default and sends v2 and v3 with a timestamp from the clock', async () => {
    const clock = fakeClock(1_700_000_000_000);
    const { client, sent } = capture({ clock });
    await client.cardFetch('/card');
    const [request] = sent;
    expect(request?.url).toMatch(/^https:\/\/svc\.example\.com\/card\?userId=1234&/);
    expect(request?.headers.get('x-hubspot-signature-version')).toBe('v2');
    expect(request?.headers.get('x-hubspot-signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(request?.headers.get('x-hubspot-signature-v3')).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(request?.headers.get('x-hubspot-request-timestamp')).toBe('1700000000000');
  });

  test('converter mode puts the fields in the query as URLSearchParams does, drops empty ones and adds appId', async () => {
    const { client, sent } = capture({ mode: 'converter', appId: 99 });
    await client.actionHook('/hook', { method: 'POST', fields: { note: 'a b@c', empty: '' } });
    const [request] = sent;
    const url = new URL(request?.url ?? '');
    expect(url.search).toContain('userEmail=user%40example.com');
    expect(url.search).toContain('note=a+b%40c');
    expect(url.searchParams.has('empty')).toBe(false);
    expect(url.searchParams.get('appId')).toBe('99');
    expect(request?.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse((await request?.text()) ?? '')).toMatchObject({ userId: '1234', note: 'a b@c' });
  });

  test('legacy mode sends POST fields as a form body only', async () => {
    const { client, sent } = capture();
    await client.actionHook('/hook', { fields: { note: 'x' } });
    const [request] = sent;
    expect(new URL(request?.url ?? '').search).toBe('');
    expect(request?.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams((await request?.text()) ?? '').get('note')).toBe('x');
  });

  test('raw requests can drop headers and sign something other than what is sent', async () => {
    const { client, sent } = capture();
    await client.request({
      method: 'POST',
      path: '/x',
      body: 'sent',
      sign: { body: 'signed', version: 'v3' },
      omitHeaders: ['X-HubSpot-Request-Timestamp'],
    });
    const [request] = sent;
    expect(request?.headers.has('x-hubspot-request-timestamp')).toBe(false);
    expect(request?.headers.has('x-hubspot-signature')).toBe(false);
    expect(await request?.text()).toBe('sent');
  });

  test('parses JSON replies and exposes error bodies typed', async () => {
    const app = createApp({ clientSecret: secret, logger: memoryLogger() });
    const res = await createTestClient(app, { clientSecret: secret }).request({ path: '/missing' });
    expect(res.status).toBe(404);
    expect(res.error).toEqual({ code: 'ROUTE_NOT_FOUND', message: expect.stringContaining('/missing') });
  });
});

describe('createTestClient query encoding', () => {
  test('legacy writes @ as HubSpot does and the app reads the e-mail; the %40 spelling verifies too', async () => {
    const { app, seen } = buildApp();
    const urls: string[] = [];
    const client = createTestClient(app, {
      clientSecret: secret,
      clock: { now: Date.now },
      fetch: (request) => {
        urls.push(request.url);
        return app.fetch(request);
      },
    });
    const res = await client.cardFetch('/card', {
      params: { userEmail: 'ada@example.com' },
      properties: { email: 'a b@c.co' },
    });
    expect(res.status).toBe(200);
    expect(urls[0]).toContain('userEmail=ada@example.com');
    expect(urls[0]).toContain('email=a%20b@c.co');
    expect(seen.at(-1)?.input).toMatchObject({
      userEmail: 'ada@example.com',
      properties: { email: 'a b@c.co' },
    });
    // A verifier that decodes the v3 escapes accepts the same request written with %40.
    const escaped = await client.request({
      path: '/card?userId=1&userEmail=ada%40example.com&associatedObjectId=7&associatedObjectType=CONTACT&portalId=9',
    });
    expect(escaped.status).toBe(200);
    expect(seen.at(-1)?.input).toMatchObject({ userEmail: 'ada@example.com' });
  });
});
