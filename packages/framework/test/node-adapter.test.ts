import { request as httpRequest } from 'node:http';
import { createApp } from '@spoke/framework';
import { type RunningServer, serve } from '@spoke/framework/node';
import { createTestClient } from '@spoke/framework/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { runConformance } from './conformance.ts';
import { buildApp, memoryLogger, secret } from './support.ts';

runConformance('node:http on port 0', async (app) => {
  const server = await serve(app, { port: 0, host: '127.0.0.1' });
  return { baseUrl: server.url, send: (request) => fetch(request), close: server.close, ownsNotFound: true };
});

describe('node:http adapter', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  test('aborts ctx.signal when the client goes away', async () => {
    let started: () => void = () => {};
    const handlerStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    let aborted: () => void = () => {};
    const handlerAborted = new Promise<void>((resolve) => {
      aborted = resolve;
    });
    const app = createApp({ clientSecret: secret, logger: memoryLogger() }).crmCard(
      '/hang',
      (_input, ctx) =>
        new Promise((resolve) => {
          ctx.signal.addEventListener('abort', () => {
            aborted();
            resolve({ results: [] });
          });
          started();
        }),
    );
    server = await serve(app, { port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const client = createTestClient(app, {
      clientSecret: secret,
      baseUrl: server.url,
      fetch: (request) => fetch(request, { signal: controller.signal }),
    });
    const pending = client.cardFetch('/hang').catch((error: unknown) => error);
    await handlerStarted;
    controller.abort();
    await handlerAborted;
    expect(await pending).toBeInstanceOf(Error);
  });

  test('answers 413 to a multi-megabyte chunked upload and keeps serving', async () => {
    const { app } = buildApp();
    server = await serve(app, { port: 0, host: '127.0.0.1' });
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 80) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const init: RequestInit & { duplex: 'half' } = { method: 'POST', body, duplex: 'half' };
    const res = await fetch(`${server.url}/calls`, init);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'REQUEST_BODY_TOO_LARGE' });
    const client = createTestClient(app, {
      clientSecret: secret,
      baseUrl: server.url,
      fetch: (r) => fetch(r),
    });
    expect((await client.channelConnection('/calls')).status).toBe(200);
  });

  test('survives a malformed Host header', async () => {
    const { app } = buildApp();
    server = await serve(app, { port: 0, host: '127.0.0.1' });
    const { port } = new URL(server.url);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: '/card', headers: { host: 'bad host[' } },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(401);
  });

  test('close lets a request in flight finish before resolving', async () => {
    let release: () => void = () => {};
    let started: () => void = () => {};
    const handlerStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const app = createApp({ clientSecret: secret, logger: memoryLogger() }).crmCard('/slow', async () => {
      started();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return { results: [] };
    });
    const running = await serve(app, { port: 0, host: '127.0.0.1' });
    const client = createTestClient(app, {
      clientSecret: secret,
      baseUrl: running.url,
      fetch: (r) => fetch(r),
    });
    const pending = client.cardFetch('/slow');
    await handlerStarted;
    let closed = false;
    const closing = running.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    release();
    expect((await pending).status).toBe(200);
    await closing;
    expect(closed).toBe(true);
  });

  test('serve reports its URL and stops on close', async () => {
    const { app } = buildApp();
    const running = await serve(app, { port: 0, host: '127.0.0.1' });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await running.close();
    await expect(fetch(`${running.url}/card`)).rejects.toThrow();
  });
});
