import { limits, type RenderedAction } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';
import {
  app,
  cardFor,
  contact,
  fixedNow,
  legacyReply,
  portal,
  sequentialIds,
  user,
} from '../../test/helpers/dispatch-fixtures.ts';
import { jsonResponse, recordingFetch } from '../../test/helpers/recording-fetch.ts';
import { dispatchActionHook } from './action-hook.ts';
import { dispatchCardFetch } from './card-fetch.ts';
import { createFetchTransport } from './fetch-transport.ts';
import { timeoutMillisHeader } from './sign-request.ts';
import type { Transport, TransportOutcome, TransportRequest } from './transport.ts';

const targetUrl = 'https://service.example.com/hubspot/card';

const postHook: RenderedAction = {
  type: 'ACTION_HOOK',
  uri: 'https://service.example.com/hook',
  label: 'Close ticket',
  httpMethod: 'POST',
  associatedObjectProperties: [],
};

/** Answers each call with the next of `replies` (the last one repeats). */
function serviceAnswering(...replies: (() => Response)[]) {
  let call = 0;
  return recordingFetch(() => {
    const reply = replies[Math.min(call, replies.length - 1)];
    call++;
    if (!reply) throw new Error('no reply');
    return reply();
  });
}

const down = (): Response => {
  throw new TypeError('fetch failed: connect ECONNREFUSED 127.0.0.1:3500');
};
const unavailable = () => new Response('deploying', { status: 503 });

function runHook(fetch: ReturnType<typeof recordingFetch>['fetch'], mode: 'legacy' | 'converter') {
  return dispatchActionHook({
    action: postHook,
    record: contact,
    app,
    portal,
    user,
    mode,
    transport: createFetchTransport({ fetch }),
    clock: () => fixedNow,
    randomUUID: sequentialIds(),
  });
}

function fetchCard(fetch: ReturnType<typeof recordingFetch>['fetch'], mode: 'legacy' | 'converter') {
  return dispatchCardFetch({
    card: cardFor(targetUrl),
    record: contact,
    app,
    portal,
    user,
    mode,
    transport: createFetchTransport({ fetch }),
    clock: () => fixedNow,
    randomUUID: sequentialIds(),
  });
}

describe('hubspot.fetch retries once in converter mode', () => {
  test('a POST hook answering 503 once is called twice; both attempts are kept, linked, and warn that it ran twice', async () => {
    const service = serviceAnswering(unavailable, () => jsonResponse({ message: 'Closed' }));
    const { exchange, retried, toast } = await runHook(service.fetch, 'converter');

    expect(service.calls.map((call) => call.method)).toEqual(['POST', 'POST']);
    expect(service.calls[1]?.body).toBe(service.calls[0]?.body);
    expect(toast.kind).toBe('success');
    expect(retried).toHaveLength(1);
    const [first] = retried;
    expect(first?.reply?.status).toBe(503);
    expect(first?.outcome).toBe('error');
    expect(exchange.outcome).toBe('ok');
    expect(exchange.retryOf).toBe(first?.id);
    expect(exchange.id).not.toBe(first?.id);
    const firstNote = first?.verdicts.find((verdict) => verdict.code === 'DISPATCH_RETRIED');
    expect(firstNote?.severity).toBe('warning');
    expect(firstNote?.message).toContain('the service answered 503');
    expect(firstNote?.message).toContain(exchange.id);
    const retryNote = exchange.verdicts.find((verdict) => verdict.code === 'DISPATCH_RETRIED');
    expect(retryNote?.severity).toBe('warning');
    expect(retryNote?.message).toContain(`a retry of exchange ${first?.id}`);
    expect(retryNote?.message).toContain('This POST has now reached the service twice');
  });

  test('a hook answering 503 twice is called twice, not three times, and fails', async () => {
    const service = serviceAnswering(unavailable);
    const { exchange, retried, toast } = await runHook(service.fetch, 'converter');
    expect(service.calls).toHaveLength(2);
    expect(retried).toHaveLength(1);
    expect(exchange.reply?.status).toBe(503);
    expect(toast).toEqual({ kind: 'error', text: 'Error: Action failed with status 503' });
  });

  test('a data fetch whose connection fails is retried once and the card renders from the retry', async () => {
    const service = serviceAnswering(down, () => jsonResponse(legacyReply()));
    const { exchange, card, retried } = await fetchCard(service.fetch, 'converter');
    expect(service.calls).toHaveLength(2);
    expect(retried[0]?.error?.code).toBe('DISPATCH_CONNECTION_FAILED');
    expect(exchange.retryOf).toBe(retried[0]?.id);
    expect(exchange.reply?.status).toBe(200);
    expect(card).not.toBeNull();
    // A GET is safe to repeat: a note, not a warning.
    const retryNote = exchange.verdicts.find((verdict) => verdict.code === 'DISPATCH_RETRIED');
    expect(retryNote?.severity).toBe('info');
    expect(retryNote?.message).toContain('the connection failed');
    expect(retryNote?.message).not.toContain('twice');
  });

  test.each([
    ['400', () => new Response('bad', { status: 400 })],
    ['404', () => new Response('gone', { status: 404 })],
    ['429', () => new Response('slow down', { status: 429 })],
  ])('a %s is not retried', async (_status, reply) => {
    const service = serviceAnswering(reply);
    const { retried } = await runHook(service.fetch, 'converter');
    expect(service.calls).toHaveLength(1);
    expect(retried).toEqual([]);
  });

  test('a redirect is neither followed nor retried: the card fails on the 302', async () => {
    const service = serviceAnswering(
      () => new Response(null, { status: 302, headers: { location: 'https://elsewhere.example.com/card' } }),
    );
    const { exchange, retried } = await fetchCard(service.fetch, 'converter');
    expect(service.calls).toHaveLength(1);
    expect(service.calls[0]?.redirect).toBe('manual');
    expect(retried).toEqual([]);
    expect(exchange.reply?.status).toBe(302);
    expect(exchange.outcome).toBe('error');
  });

  test('a reply over 1 MB is refused and not retried', async () => {
    const big = 'x'.repeat(limits.maxReplyBytes + 1);
    const service = serviceAnswering(() => new Response(big, { status: 200 }));
    const { exchange, retried } = await fetchCard(service.fetch, 'converter');
    expect(service.calls).toHaveLength(1);
    expect(retried).toEqual([]);
    expect(exchange.error?.code).toBe('DISPATCH_REPLY_TOO_LARGE');
  });

  test('legacy CRM cards call once: a 503 is not retried', async () => {
    const hook = serviceAnswering(unavailable, () => jsonResponse({}));
    const hookResult = await runHook(hook.fetch, 'legacy');
    expect(hook.calls).toHaveLength(1);
    expect(hookResult.retried).toEqual([]);
    expect(hookResult.exchange.verdicts.some((verdict) => verdict.code === 'DISPATCH_RETRIED')).toBe(false);
    const card = serviceAnswering(down, () => jsonResponse(legacyReply()));
    const cardResult = await fetchCard(card.fetch, 'legacy');
    expect(card.calls).toHaveLength(1);
    expect(cardResult.exchange.error?.code).toBe('DISPATCH_CONNECTION_FAILED');
  });
});

/** A transport that records each request and answers from `answer`, with the time it "took". */
function fakeTransport(answer: (request: TransportRequest, index: number) => TransportOutcome) {
  const requests: TransportRequest[] = [];
  const transport: Transport = {
    deadlines: { connectMs: limits.connectDeadlineMs, totalMs: limits.totalDeadlineMs },
    async send(request) {
      requests.push(request);
      return answer(request, requests.length - 1);
    },
  };
  return { transport, requests };
}

const status = (code: number, totalMs: number): TransportOutcome => ({
  reply: { status: code, headers: {}, body: '{}', truncated: false },
  error: null,
  timing: { connectMs: 1, totalMs },
});

describe("hubspot.fetch's deadlines in converter mode", () => {
  const hookOptions = (transport: Transport, mode: 'legacy' | 'converter') => ({
    action: postHook,
    record: contact,
    app,
    portal,
    user,
    mode,
    transport,
    clock: () => fixedNow,
    randomUUID: sequentialIds(),
  });

  test('an action hook gets 15 s (the converter passes no timeout), announced in X-HubSpot-Timeout-Millis', async () => {
    const { transport, requests } = fakeTransport(() => status(200, 12_000));
    const { exchange } = await dispatchActionHook(hookOptions(transport, 'converter'));
    expect(requests[0]?.totalTimeoutMs).toBe(15_000);
    expect(requests[0]?.headers[timeoutMillisHeader]).toBe('15000');
    expect(exchange.outcome).toBe('ok');
    expect(exchange.verdicts.find((verdict) => verdict.code === 'DEADLINE_MET')?.message).toBe(
      'replied in 12000 ms of 15000 ms, connected in 1 ms of 3000 ms',
    );
  });

  test("legacy hooks keep the platform's 5 s; a converter data fetch keeps the converter's 5 s", async () => {
    const legacy = fakeTransport(() => status(200, 10));
    await dispatchActionHook(hookOptions(legacy.transport, 'legacy'));
    expect(legacy.requests[0]?.totalTimeoutMs).toBeUndefined();
    expect(legacy.requests[0]?.headers[timeoutMillisHeader]).toBe('5000');
    const converter = fakeTransport(() => status(200, 10));
    await dispatchCardFetch({ ...hookOptions(converter.transport, 'converter'), card: cardFor(targetUrl) });
    expect(converter.requests[0]?.headers[timeoutMillisHeader]).toBe('5000');
  });

  test('the retry gets only what is left of the window, and none when the first attempt used it all', async () => {
    const partly = fakeTransport((_request, index) => status(index === 0 ? 503 : 200, 9_000));
    const { retried } = await dispatchActionHook(hookOptions(partly.transport, 'converter'));
    expect(retried).toHaveLength(1);
    expect(partly.requests.map((request) => request.totalTimeoutMs)).toEqual([15_000, 6_000]);
    expect(partly.requests[1]?.headers[timeoutMillisHeader]).toBe('6000');

    const spent = fakeTransport(() => status(503, 15_000));
    const late = await dispatchActionHook(hookOptions(spent.transport, 'converter'));
    expect(spent.requests).toHaveLength(1);
    expect(late.retried).toEqual([]);
  });
});
