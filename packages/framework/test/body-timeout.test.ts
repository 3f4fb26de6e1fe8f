import { connect } from 'node:net';
import { createApp, type SpokeApp } from '@spoke/framework';
import { toFetchHandler } from '@spoke/framework/fetch';
import { type RunningServer, serve } from '@spoke/framework/node';
import { createTestClient } from '@spoke/framework/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { memoryLogger, secret } from './support.ts';

const bodyTimeout = 200;
// Generous: proves the server answered and hung up instead of waiting for the rest of the body.
const hangDeadlineMs = 5_000;

function buildTimedApp(): { app: SpokeApp; calls: unknown[] } {
  const calls: unknown[] = [];
  const app = createApp({ clientSecret: secret, logger: memoryLogger(), bodyTimeout }).channelConnection(
    '/calls',
    (input) => {
      calls.push(input);
      return { phoneNumbers: [] };
    },
  );
  return { app, calls };
}

/** What a raw client saw: everything the server wrote, and whether the server closed the socket. */
interface RawExchange {
  readonly text: string;
  readonly closedByServer: boolean;
}

/**
 * Sends the head of a POST promising 100 bytes and only 10 of them (a slowloris client), then
 * waits for the server to answer and close the connection, or for the deadline.
 */
function trickle(url: string): Promise<RawExchange> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    const deadline = setTimeout(() => {
      socket.destroy();
      resolve({ text, closedByServer: false });
    }, hangDeadlineMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('error', reject);
    socket.on('end', () => {
      clearTimeout(deadline);
      socket.destroy();
      resolve({ text, closedByServer: true });
    });
    socket.write(
      `POST /calls HTTP/1.1\r\nHost: ${hostname}:${port}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"appId":1`,
    );
  });
}

function expectTimeoutMessage(message: unknown): void {
  expect(message).toEqual(expect.stringContaining('POST /calls'));
  expect(message).toEqual(expect.stringContaining(`${bodyTimeout} ms bodyTimeout`));
  expect(message).toEqual(expect.stringContaining('raise bodyTimeout in createApp'));
}

describe('bodyTimeout over node:http', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  test('answers 408 REQUEST_BODY_TIMEOUT to a trickling body, closes the connection, never calls the handler', async () => {
    const { app, calls } = buildTimedApp();
    server = await serve(app, { port: 0, host: '127.0.0.1' });
    const { text, closedByServer } = await trickle(server.url);
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(text.toLowerCase()).toContain('connection: close');
    const body = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as { code: string; message: string };
    expect(body.code).toBe('REQUEST_BODY_TIMEOUT');
    expectTimeoutMessage(body.message);
    expect(closedByServer).toBe(true);
    expect(calls).toEqual([]);
  });

  test('keeps serving after a timed-out client', async () => {
    const { app, calls } = buildTimedApp();
    server = await serve(app, { port: 0, host: '127.0.0.1' });
    await trickle(server.url);
    const client = createTestClient(app, {
      clientSecret: secret,
      baseUrl: server.url,
      fetch: (r) => fetch(r),
    });
    expect((await client.channelConnection('/calls')).status).toBe(200);
    expect(calls).toHaveLength(1);
  });
});

describe('bodyTimeout over the fetch adapter', () => {
  test('answers 408 to a body stream that stops sending, and cancels the stream', async () => {
    const { app, calls } = buildTimedApp();
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"appId":1'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const init: RequestInit & { duplex: 'half' } = { method: 'POST', body: stream, duplex: 'half' };
    const res = await toFetchHandler(app)(new Request('http://localhost/calls', init));
    expect(res.status).toBe(408);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('REQUEST_BODY_TIMEOUT');
    expectTimeoutMessage(body.message);
    expect(cancelled).toBe(true);
    expect(calls).toEqual([]);
  });

  test('accepts a body that arrives in chunks within the limit', async () => {
    const { app, calls } = buildTimedApp();
    const client = createTestClient(app, {
      clientSecret: secret,
      // Re-sends the signed body in three chunks, 20 ms apart: slow, but well inside 200 ms.
      fetch: async (request) => {
        const bytes = new Uint8Array(await request.arrayBuffer());
        const third = Math.ceil(bytes.byteLength / 3);
        let part = 0;
        const body = new ReadableStream<Uint8Array>({
          async pull(controller) {
            if (part === 3) {
              controller.close();
              return;
            }
            await new Promise((resolve) => setTimeout(resolve, 20));
            controller.enqueue(bytes.slice(part * third, (part + 1) * third));
            part += 1;
          },
        });
        const init: RequestInit & { duplex: 'half' } = {
          method: request.method,
          headers: request.headers,
          body,
          duplex: 'half',
        };
        return app.fetch(new Request(request.url, init));
      },
    });
    expect((await client.channelConnection('/calls')).status).toBe(200);
    expect(calls).toHaveLength(1);
  });
});

describe('bodyTimeout option', () => {
  test.each([0, -1, 1.5, Number.NaN, 2 ** 31])('refuses bodyTimeout %s with APP_CONFIG_INVALID', (value) => {
    expect(() => createApp({ clientSecret: secret, bodyTimeout: value })).toThrow(
      expect.objectContaining({ code: 'APP_CONFIG_INVALID' }),
    );
  });
});
