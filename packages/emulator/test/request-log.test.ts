import type { Emulator, Exchange, Fault, OpenRecordResult } from '@spoke/emulator';
import type { CardDefinition } from '@spoke/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { fakeService, json, legacyReply } from './helpers/fake-service.ts';
import { call, cardBody, testClock, testEmulator, withKey } from './helpers/test-emulator.ts';

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

/** A service that answers 401 when the signature does not verify at its own clock. */
async function setup(clock = testClock(Date.now())) {
  const service = fakeService(
    (req) => (req.signatureOk ? json(legacyReply(1)) : json({ message: 'bad signature' }, 401)),
    'secret-abc',
    clock,
  );
  emulator = await testEmulator({ fetch: service.fetch, clock });
  await call<CardDefinition>(emulator, 'POST', withKey('/crm/v3/extensions/cards-dev/1000'), cardBody());
  const contacts = await call<{ results: { id: string }[] }>(emulator, 'GET', '/_spoke/records/contacts');
  const open = () =>
    call<OpenRecordResult>(
      emulator as Emulator,
      'POST',
      `/_spoke/records/contacts/${contacts.body.results[0]?.id}/cards`,
    );
  return { service, emulator, open, clock };
}

describe('request log', () => {
  test('lists exchanges newest first and gets one with method, URL, headers, body, reply, timing and verdicts', async () => {
    const { emulator: em, open } = await setup();
    await open();
    await open();
    const list = await call<{ results: Exchange[] }>(em, 'GET', '/_spoke/requests');
    expect(list.body.results).toHaveLength(2);
    const [newest, older] = list.body.results;
    expect((newest?.startedAt ?? 0) >= (older?.startedAt ?? 0)).toBe(true);
    const one = await call<Exchange>(em, 'GET', `/_spoke/requests/${older?.id}`);
    expect(one.body).toMatchObject({
      kind: 'crm-card.fetch',
      appId: 1000,
      request: { method: 'GET', url: expect.stringContaining('https://service.test/cards?'), body: '' },
      reply: { status: 200 },
      timing: { totalMs: expect.any(Number) },
      outcome: 'ok',
    });
    expect(Object.keys(one.body.request.headers)).toEqual(
      expect.arrayContaining([
        'X-HubSpot-Signature',
        'X-HubSpot-Signature-v3',
        'X-HubSpot-Request-Timestamp',
      ]),
    );
    expect(one.body.verdicts.map((v) => v.code)).toEqual(
      expect.arrayContaining(['SIGNED', 'DEADLINE_MET', 'REPLY_VALID']),
    );
    expect((await call(em, 'GET', '/_spoke/requests/nope')).status).toBe(404);
    expect(
      (await call<{ results: Exchange[] }>(em, 'GET', '/_spoke/requests?limit=1')).body.results,
    ).toHaveLength(1);
    expect((await call(em, 'GET', '/_spoke/requests?limit=zero')).status).toBe(400);
  });

  test('replays with a fresh timestamp (accepted) or the original one (stale, refused)', async () => {
    const clock = testClock(Date.now());
    const { service, emulator: em, open } = await setup(clock);
    const opened = await open();
    const original = opened.body.exchanges[0] as Exchange;
    clock.advance(10 * 60_000); // the emulator and the service share this clock
    const fresh = await call<Exchange>(em, 'POST', `/_spoke/requests/${original.id}/replay`, {
      timestamp: 'fresh',
    });
    expect(fresh.body).toMatchObject({
      replayOf: original.id,
      outcome: 'ok',
      request: { url: original.request.url },
    });
    expect(fresh.body.signature.timestamp).toBe(String(clock()));
    expect(service.seen.at(-1)?.signatureOk).toBe(true);
    const same = await call<Exchange>(em, 'POST', `/_spoke/requests/${original.id}/replay`, {
      timestamp: 'original',
    });
    expect(same.body.request.headers).toEqual(original.request.headers);
    expect(same.body).toMatchObject({ replayOf: original.id, outcome: 'error', reply: { status: 401 } });
    expect(service.seen.at(-1)?.signatureOk).toBe(false);
    expect((await call(em, 'POST', '/_spoke/requests/nope/replay')).status).toBe(404);
  });

  test('streams each new exchange as a server-sent event', async () => {
    const { emulator: em, open } = await setup();
    const response = await em.fetch(new Request('http://emulator.test/_spoke/events'));
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
    };
    await readUntil('event: ready');
    const opened = await open();
    await readUntil('event: exchange');
    await readUntil('\n\n');
    expect(text).toContain(opened.body.exchanges[0]?.id ?? 'missing');
    await reader.cancel();
  });

  test('clears the log', async () => {
    const { emulator: em, open } = await setup();
    await open();
    expect((await call(em, 'DELETE', '/_spoke/requests')).status).toBe(204);
    expect((await call<{ results: Exchange[] }>(em, 'GET', '/_spoke/requests')).body.results).toEqual([]);
  });
});

describe('fault injection', () => {
  const cases: [string, Partial<Fault>, (e: Exchange, signatureOk: boolean | undefined) => void][] = [
    [
      'forced status',
      { forceStatus: 503 },
      (e) => expect(e).toMatchObject({ outcome: 'error', reply: { status: 503 } }),
    ],
    [
      'dropped connection',
      { dropConnection: true },
      (e) => expect(e.error?.code).toBe('DISPATCH_CONNECTION_FAILED'),
    ],
    ['corrupt signature', { corruptSignature: true }, (_e, ok) => expect(ok).toBe(false)],
    ['stale timestamp', { staleTimestamp: true }, (_e, ok) => expect(ok).toBe(false)],
    ['future timestamp', { futureTimestamp: true }, (_e, ok) => expect(ok).toBe(false)],
    [
      'wrong signature version',
      { signatureVersion: 'v1' },
      (e) => expect(e.signature.versions).toEqual(['v1']),
    ],
    ['added latency', { latencyMs: 120 }, (e) => expect(e.timing.totalMs).toBeGreaterThanOrEqual(120)],
  ];

  test.each(cases)('applies a %s fault to the app and records it', async (_name, fault, check) => {
    const { service, emulator: em, open } = await setup();
    const created = await call<Fault>(em, 'POST', '/_spoke/faults', { appId: 1000, ...fault });
    expect(created.status).toBe(201);
    const before = service.seen.length;
    const opened = await open();
    const exchange = opened.body.exchanges[0] as Exchange;
    const sent = service.seen.length > before ? service.seen.at(-1) : undefined;
    check(exchange, sent?.signatureOk);
    expect(exchange.verdicts.some((v) => v.code === 'FAULT_INJECTED' || v.severity === 'warning')).toBe(true);
  });

  test('targets a URL prefix, can be disabled and removed', async () => {
    const { emulator: em, open } = await setup();
    const fault = await call<Fault>(em, 'POST', '/_spoke/faults', {
      target: 'https://other.test',
      forceStatus: 500,
    });
    expect((await open()).body.cards[0]?.status).toBe('ok');
    await call(em, 'PATCH', `/_spoke/faults/${fault.body.id}`, { target: 'https://service.test' });
    expect((await open()).body.cards[0]?.status).toBe('error');
    await call(em, 'PATCH', `/_spoke/faults/${fault.body.id}`, { enabled: false });
    expect((await open()).body.cards[0]?.status).toBe('ok');
    expect((await call(em, 'DELETE', `/_spoke/faults/${fault.body.id}`)).status).toBe(204);
    expect((await call<{ results: Fault[] }>(em, 'GET', '/_spoke/faults')).body.results).toEqual([]);
    expect((await call(em, 'POST', '/_spoke/faults', { appId: 4242, forceStatus: 500 })).status).toBe(404);
    expect((await call(em, 'POST', '/_spoke/faults', { forceStatus: 42 })).status).toBe(400);
  });
});
