import { createApp, type IncomingCall, type PlainReply } from '@spoke/framework';
import { serve } from '@spoke/framework/node';
import { createTestClient } from '@spoke/framework/testing';
import { sign } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';
import { memoryLogger, secret } from './support.ts';

const clock = { now: () => 1_700_000_000_000 };

function cardApp() {
  return createApp({ clientSecret: secret, clock, logger: memoryLogger() }).crmCard(
    '/card',
    ({ associatedObjectId }) => ({
      results: [{ objectId: associatedObjectId, title: `#${associatedObjectId}` }],
    }),
  );
}

/** A plain call, as an adapter for another server would build one. */
function plainCall(url: string, headers: Record<string, string>): IncomingCall {
  const parsed = new URL(url);
  return {
    method: 'GET',
    url: {
      href: parsed.href,
      scheme: parsed.protocol.slice(0, -1),
      host: parsed.host,
      pathname: parsed.pathname,
      search: parsed.search,
    },
    headers,
    header: (name) => headers[name],
    readBody: () => new Uint8Array(0),
    toRequest: () => new Request(url, { headers }),
    clientSignal: () => new AbortController().signal,
  };
}

describe('app.handle, the plain entry', () => {
  test('answers a signed plain call with a plain reply, no Request or Response', async () => {
    const url =
      'https://svc.example/card?userId=1&userEmail=a%40b.co&associatedObjectId=7&associatedObjectType=CONTACT&portalId=62515';
    const signed = sign({ version: 'v3', secret, method: 'GET', url, body: '', timestamp: clock.now() });
    const headers = Object.fromEntries(
      Object.entries(signed).map(([name, value]) => [name.toLowerCase(), value]),
    );
    const result = await cardApp().handle(plainCall(url, headers));
    expect(result).not.toBeInstanceOf(Response);
    const reply = result as PlainReply;
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(reply.body)).toEqual({ results: [{ objectId: 7, title: '#7' }] });
  });

  test('refuses an unsigned plain call with the coded 401', async () => {
    const result = (await cardApp().handle(plainCall('https://svc.example/card?userId=1', {}))) as PlainReply;
    expect(result.status).toBe(401);
    expect(JSON.parse(result.body)).toMatchObject({ code: 'SIGNATURE_MISSING' });
  });

  test('is bound and not enumerable: a spread copy of the app is served through its own fetch', async () => {
    const app = cardApp();
    const { handle } = app;
    expect(typeof handle).toBe('function');
    expect(Object.keys(app)).not.toContain('handle');
    const wrapped = {
      ...app,
      fetch: async (request: Request) => {
        const response = await app.fetch(request);
        const headers = new Headers(response.headers);
        headers.set('x-wrapped', 'yes');
        return new Response(await response.text(), { status: response.status, headers });
      },
    };
    expect('handle' in wrapped).toBe(false);
    const running = await serve(wrapped, { port: 0, host: '127.0.0.1' });
    try {
      const client = createTestClient(app, {
        clientSecret: secret,
        baseUrl: running.url,
        clock,
        fetch: (request) => fetch(request),
      });
      const response = await client.cardFetch('/card', { params: { associatedObjectId: 9 } });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-wrapped')).toBe('yes');
    } finally {
      await running.close();
    }
  });
});
