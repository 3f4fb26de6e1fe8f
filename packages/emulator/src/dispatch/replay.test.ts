import { limits, verifySignature } from '@spoke/protocol';
import { describe, expect, test } from 'vitest';
import {
  app,
  cardFor,
  contact,
  fixedNow,
  legacyReply,
  portal,
  secret,
  user,
} from '../../test/helpers/dispatch-fixtures.ts';
import { jsonResponse, type RecordedCall, recordingFetch } from '../../test/helpers/recording-fetch.ts';
import { dispatchCardFetch } from './card-fetch.ts';
import { dispatchChannelConnection } from './channel-connection.ts';
import { createFetchTransport } from './fetch-transport.ts';
import { replayExchange } from './replay.ts';

const later = fixedNow + limits.maxClockSkewMs + 60_000;

function verifyAt(call: RecordedCall | undefined, now: number) {
  if (!call) throw new Error('no call recorded');
  return verifySignature({
    secret,
    method: call.method,
    url: call.url,
    body: call.body,
    headers: call.headers,
    now,
  });
}

async function logged(reply: () => Response = () => jsonResponse(legacyReply())) {
  const service = recordingFetch(reply);
  const transport = createFetchTransport({ fetch: service.fetch });
  const { exchange } = await dispatchCardFetch({
    card: cardFor('https://service.example.com/card'),
    record: contact,
    app,
    portal,
    user,
    transport,
    clock: () => fixedNow,
  });
  return { service, transport, exchange };
}

describe('replayExchange', () => {
  test('re-signs with a fresh timestamp that verifies at the later time', async () => {
    const { service, transport, exchange } = await logged();
    const replayed = await replayExchange({
      exchange,
      secret,
      timestamp: 'fresh',
      transport,
      clock: () => later,
    });
    expect(replayed).toMatchObject({
      replayOf: exchange.id,
      kind: 'crm-card.fetch',
      outcome: 'ok',
      startedAt: later,
    });
    expect(replayed.id).not.toBe(exchange.id);
    expect(replayed.correlationId).not.toBe(exchange.correlationId);
    expect(replayed.signature.timestamp).toBe(String(later));
    expect(service.calls[1]?.url).toBe(service.calls[0]?.url);
    expect(verifyAt(service.calls[1], later)).toMatchObject({ ok: true, version: 'v3' });
    expect(replayed.verdicts.map((v) => v.code)).toContain('REPLY_VALID');
  });

  test('resends the original headers, which verify as stale at the later time', async () => {
    const { service, transport, exchange } = await logged();
    const replayed = await replayExchange({
      exchange,
      secret,
      timestamp: 'original',
      transport,
      clock: () => later,
    });
    expect(replayed.request.headers).toEqual(exchange.request.headers);
    expect(replayed.correlationId).toBe(exchange.correlationId);
    expect(verifyAt(service.calls[1], later)).toMatchObject({ ok: false, code: 'SIGNATURE_TIMESTAMP_STALE' });
    expect(verifyAt(service.calls[1], fixedNow)).toMatchObject({ ok: true });
  });

  test('keeps the body and content type of a POST', async () => {
    const service = recordingFetch(() => jsonResponse({ phoneNumbers: [] }));
    const transport = createFetchTransport({ fetch: service.fetch });
    const { exchange } = await dispatchChannelConnection({
      url: 'https://service.example.com/cc',
      app,
      portal,
      user: { id: 5 },
      transport,
      clock: () => fixedNow,
    });
    const replayed = await replayExchange({
      exchange,
      secret,
      timestamp: 'fresh',
      transport,
      clock: () => later,
    });
    expect(service.calls[1]?.body).toBe(service.calls[0]?.body);
    expect(service.calls[1]?.headers.get('content-type')).toBe('application/json');
    expect(replayed.outcome).toBe('ok');
  });

  test('judges the replayed reply against the kind descriptor, or with the judge given', async () => {
    let answer: unknown = legacyReply();
    const { transport, exchange } = await logged(() => jsonResponse(answer));
    answer = { results: 'nope' };
    const replayed = await replayExchange({
      exchange,
      secret,
      timestamp: 'fresh',
      transport,
      clock: () => later,
    });
    expect(replayed.error?.code).toBe('DISPATCH_REPLY_INVALID');
    const judged = await replayExchange({
      exchange,
      secret,
      timestamp: 'fresh',
      transport,
      clock: () => later,
      judge: (e) => e.verdicts.push({ code: 'REPLY_VALID', severity: 'info', message: 'custom' }),
    });
    expect(judged.outcome).toBe('ok');
    expect(judged.verdicts.at(-1)?.message).toBe('custom');
  });
});
