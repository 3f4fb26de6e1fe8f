import type { SpokeApp } from '@spoke/framework';
import { spokeFastify } from '@spoke/framework/fastify';
import { createTestClient } from '@spoke/framework/testing';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, test } from 'vitest';
import { type AdapterHarness, runConformance } from './conformance.ts';
import { buildApp, secret } from './support.ts';

/** Sends a fetch Request through `fastify.inject()`, in process. */
async function injectHarness(app: SpokeApp, existing?: FastifyInstance): Promise<AdapterHarness> {
  const server = existing ?? Fastify();
  if (existing === undefined) await server.register(spokeFastify(app));
  await server.ready();
  return {
    baseUrl: 'http://localhost',
    async send(request) {
      const { pathname, search } = new URL(request.url);
      const headers = Object.fromEntries(request.headers);
      const body =
        request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
      const reply = await server.inject({
        method: request.method as 'GET',
        url: `${pathname}${search}`,
        headers,
        ...(body === undefined ? {} : { payload: Buffer.from(body) }),
      });
      const responseHeaders = new Headers();
      for (const [name, value] of Object.entries(reply.headers)) {
        for (const item of [value].flat()) if (item !== undefined) responseHeaders.append(name, String(item));
      }
      return new Response(reply.rawPayload.byteLength === 0 ? null : reply.rawPayload, {
        status: reply.statusCode,
        headers: responseHeaders,
      });
    },
    close: () => server.close(),
    ownsNotFound: false,
  };
}

runConformance('Fastify inject()', injectHarness);

runConformance('Fastify on port 0', async (app) => {
  const server = Fastify();
  await server.register(spokeFastify(app));
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  return {
    baseUrl: url,
    send: (request) => fetch(request),
    close: () => server.close(),
    ownsNotFound: false,
  };
});

describe('Fastify plugin encapsulation', () => {
  let harness: AdapterHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  test('leaves the JSON parser of routes outside the plugin alone', async () => {
    const built = buildApp();
    const server = Fastify();
    await server.register(spokeFastify(built.app));
    server.post('/elsewhere', async (request) => ({ parsed: request.body }));
    harness = { ...(await injectHarness(built.app, server)), close: () => server.close() };
    const outside = await server.inject({ method: 'POST', url: '/elsewhere', payload: { a: 1 } });
    expect(outside.json()).toEqual({ parsed: { a: 1 } });
    const inside = harness;
    const client = createTestClient(built.app, {
      clientSecret: secret,
      clock: built.clock,
      fetch: (request) => inside.send(request),
    });
    expect((await client.channelConnection('/calls')).status).toBe(200);
  });

  test('registers one route per path however many kinds share it', async () => {
    const built = buildApp();
    built.app.actionHook('/card', () => ({ message: 'ok' }), { methods: ['POST'] });
    harness = await injectHarness(built.app);
    const inside = harness;
    const client = createTestClient(built.app, {
      clientSecret: secret,
      clock: built.clock,
      fetch: (r) => inside.send(r),
    });
    expect((await client.cardFetch('/card')).status).toBe(200);
    expect((await client.actionHook('/card', { method: 'POST' })).body).toEqual({ message: 'ok' });
  });
});
