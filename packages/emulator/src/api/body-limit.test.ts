import { Hono } from 'hono';
import { describe, expect, test } from 'vitest';
import { limitBody } from './body-limit.ts';

const maxBytes = 16;

function app() {
  const api = new Hono();
  api.use(
    '*',
    limitBody(maxBytes, (c) => c.text('too large', 413)),
  );
  api.post('/echo', async (c) => c.text(`[${await c.req.text()}]`));
  return api;
}

/** A body without Content-Length, sent in the given chunks (as a chunked upload arrives). */
function streamed(chunks: Uint8Array[]): RequestInit {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  return { method: 'POST', body, duplex: 'half' } as RequestInit;
}

describe('limitBody', () => {
  test('hands a streamed body to the route whole, a character split across chunks included', async () => {
    const bytes = new TextEncoder().encode('\uFEFFhé ✓ ok');
    const chunks = [bytes.subarray(0, 4), bytes.subarray(4, 9), bytes.subarray(9)];
    const res = await app().fetch(new Request('http://x/echo', streamed(chunks)));
    expect(res.status).toBe(200);
    // As Request.text() would: UTF-8, the byte-order mark dropped.
    expect(await res.text()).toBe('[hé ✓ ok]');
  });

  test('answers a streamed body over the cap with the error, without calling the route', async () => {
    const chunks = [new Uint8Array(10), new Uint8Array(10)];
    const res = await app().fetch(new Request('http://x/echo', streamed(chunks)));
    expect(res.status).toBe(413);
  });

  test('takes a body of exactly the cap, and a string body built in-process', async () => {
    const exact = await app().fetch(
      new Request('http://x/echo', streamed([new TextEncoder().encode('x'.repeat(maxBytes))])),
    );
    expect(await exact.text()).toBe(`[${'x'.repeat(maxBytes)}]`);
    const fromString = await app().fetch(new Request('http://x/echo', { method: 'POST', body: '{"a":1}' }));
    expect(await fromString.text()).toBe('[{"a":1}]');
  });

  test('trusts Content-Length when there is one', async () => {
    const over = await app().fetch(
      new Request('http://x/echo', {
        method: 'POST',
        body: 'x'.repeat(maxBytes + 1),
        headers: { 'content-length': String(maxBytes + 1) },
      }),
    );
    expect(over.status).toBe(413);
    const under = await app().fetch(
      new Request('http://x/echo', { method: 'POST', body: 'abc', headers: { 'content-length': '3' } }),
    );
    expect(await under.text()).toBe('[abc]');
  });
});
