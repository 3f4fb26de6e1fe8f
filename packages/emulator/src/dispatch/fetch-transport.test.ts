import { describe, expect, test } from 'vitest';
import { jsonResponse, recordingFetch } from '../../test/helpers/recording-fetch.ts';
import { createFetchTransport } from './fetch-transport.ts';

const get = {
  method: 'GET',
  url: 'http://service.test/card',
  headers: { Accept: 'application/json' },
  body: '',
};

describe('createFetchTransport', () => {
  test('returns status, headers and body, and cannot measure connect time', async () => {
    const service = recordingFetch(() => jsonResponse({ ok: true }, 201));
    const transport = createFetchTransport({ fetch: service.fetch });
    const outcome = await transport.send(get);
    expect(outcome.error).toBeNull();
    expect(outcome.reply).toMatchObject({ status: 201, body: '{"ok":true}', truncated: false });
    expect(outcome.reply?.headers['content-type']).toBe('application/json');
    expect(outcome.timing.connectMs).toBeNull();
    expect(transport.deadlines).toEqual({ connectMs: null, totalMs: 5000 });
  });

  test('sends method, headers and body, and asks not to follow redirects', async () => {
    const service = recordingFetch(() => new Response(null, { status: 302, headers: { location: '/x' } }));
    const outcome = await createFetchTransport({ fetch: service.fetch }).send({
      ...get,
      method: 'POST',
      body: 'a=1',
    });
    expect(service.calls[0]).toMatchObject({ method: 'POST', body: 'a=1', redirect: 'manual' });
    expect(outcome.reply).toMatchObject({ status: 302, headers: { location: '/x' } });
  });

  test('gives up at the total deadline even when fetch ignores the abort signal', async () => {
    const transport = createFetchTransport({
      fetch: () => new Promise<Response>(() => undefined),
      totalTimeoutMs: 50,
    });
    const outcome = await transport.send(get);
    expect(outcome.error?.code).toBe('DISPATCH_DEADLINE_EXCEEDED');
    expect(outcome.reply).toBeNull();
    expect(outcome.timing.totalMs).toBeGreaterThanOrEqual(45);
  });

  test('keeps the part of a body that never ends and reports the deadline', async () => {
    const endless = () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"results":'));
          },
        }),
      );
    const outcome = await createFetchTransport({ fetch: async () => endless(), totalTimeoutMs: 60 }).send(
      get,
    );
    expect(outcome.error?.code).toBe('DISPATCH_DEADLINE_EXCEEDED');
    expect(outcome.reply).toMatchObject({ status: 200, body: '{"results":' });
  });

  test('stops reading past maxReplyBytes and marks the reply truncated', async () => {
    const service = recordingFetch(() => new Response('x'.repeat(5000)));
    const outcome = await createFetchTransport({ fetch: service.fetch, maxReplyBytes: 1000 }).send(get);
    expect(outcome.error?.code).toBe('DISPATCH_REPLY_TOO_LARGE');
    expect(outcome.reply?.truncated).toBe(true);
    expect(outcome.reply?.body).toHaveLength(1000);
  });

  test('reports a fetch that throws as a failed connection', async () => {
    const outcome = await createFetchTransport({
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    }).send(get);
    expect(outcome.error?.code).toBe('DISPATCH_CONNECTION_FAILED');
    expect(outcome.error?.message).toContain('fetch failed');
  });

  test('refuses a URL that is not absolute http(s) without calling fetch', async () => {
    const service = recordingFetch(() => jsonResponse({}));
    const outcome = await createFetchTransport({ fetch: service.fetch }).send({ ...get, url: '/relative' });
    expect(outcome.error?.code).toBe('DISPATCH_URL_INVALID');
    expect(service.calls).toHaveLength(0);
  });
});
