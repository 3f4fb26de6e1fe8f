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
import type { DispatchApp } from './dispatch-options.ts';
import { createFetchTransport } from './fetch-transport.ts';
import { createHubSpotFetchSlots } from './hubspot-fetch-slots.ts';
import type { Transport, TransportOutcome, TransportRequest } from './transport.ts';

const targetUrl = 'https://service.example.com/hubspot/card';
const ok: TransportOutcome = {
  reply: { status: 200, headers: {}, body: JSON.stringify(legacyReply()), truncated: false },
  error: null,
  timing: { connectMs: 1, totalMs: 10 },
};

/** A transport whose replies wait until `release()`: calls stay in flight as long as a test wants. */
function heldTransport() {
  const requests: TransportRequest[] = [];
  const waiting: (() => void)[] = [];
  const transport: Transport = {
    deadlines: { connectMs: limits.connectDeadlineMs, totalMs: limits.totalDeadlineMs },
    send(request) {
      requests.push(request);
      return new Promise((resolve) => waiting.push(() => resolve(ok)));
    },
  };
  const release = () => {
    for (const go of waiting.splice(0)) go();
  };
  return { transport, requests, release };
}

function fetchCard(options: {
  transport: Transport;
  app?: DispatchApp;
  portalId?: number;
  slots?: ReturnType<typeof createHubSpotFetchSlots>;
}) {
  return dispatchCardFetch({
    card: cardFor(targetUrl),
    record: contact,
    app: options.app ?? app,
    portal: { id: options.portalId ?? portal.id },
    user,
    mode: 'converter',
    transport: options.transport,
    clock: () => fixedNow,
    randomUUID: sequentialIds(),
    ...(options.slots ? { hubspotFetchSlots: options.slots } : {}),
  });
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("hubspot.fetch's 20 concurrent requests per app and account", () => {
  test('the 21st call is answered 429 without reaching the service; once one returns, the next goes through', async () => {
    const { transport, requests, release } = heldTransport();
    const slots = createHubSpotFetchSlots();
    const first20 = Array.from({ length: 20 }, () => fetchCard({ transport, slots }));
    await flush();
    expect(requests).toHaveLength(20);

    const over = await fetchCard({ transport, slots });
    expect(requests).toHaveLength(20);
    expect(over.exchange.reply?.status).toBe(429);
    expect(over.exchange.error?.code).toBe('DISPATCH_CONCURRENCY_LIMIT');
    expect(over.exchange.error?.status).toBe(429);
    expect(over.exchange.error?.message).toContain(
      'already has 20 hubspot.fetch requests in flight in portal 987654',
    );
    expect(over.retried).toEqual([]);
    expect(over.card).toBeNull();

    release();
    const results = await Promise.all(first20);
    expect(results.every((result) => result.exchange.outcome === 'ok')).toBe(true);
    expect(slots.inFlight(`${app.id}:${portal.id}`)).toBe(0);
    const after = fetchCard({ transport, slots });
    await flush();
    release();
    expect((await after).exchange.outcome).toBe('ok');
    expect(requests).toHaveLength(21);
  });

  test('another portal, or another app, has its own 20', async () => {
    const { transport, requests, release } = heldTransport();
    const slots = createHubSpotFetchSlots();
    const busy = Array.from({ length: 20 }, () => fetchCard({ transport, slots }));
    const otherPortal = fetchCard({ transport, slots, portalId: 111 });
    const otherApp = fetchCard({ transport, slots, app: { ...app, id: 21 } });
    await flush();
    expect(requests).toHaveLength(22);
    release();
    await Promise.all([...busy, otherPortal, otherApp]);
  });

  test('a hook past the limit alerts the 429 as the converter does', async () => {
    const slots = createHubSpotFetchSlots(0);
    const service = recordingFetch(() => jsonResponse({}));
    const hook: RenderedAction = {
      type: 'ACTION_HOOK',
      uri: 'https://service.example.com/hook',
      label: 'Close',
      httpMethod: 'POST',
      associatedObjectProperties: [],
    };
    const { exchange, toast } = await dispatchActionHook({
      action: hook,
      record: contact,
      app,
      portal,
      user,
      mode: 'converter',
      transport: createFetchTransport({ fetch: service.fetch }),
      clock: () => fixedNow,
      hubspotFetchSlots: slots,
    });
    expect(service.calls).toEqual([]);
    expect(exchange.error?.code).toBe('DISPATCH_CONCURRENCY_LIMIT');
    expect(toast.kind).toBe('error');
    expect(toast.text).toContain('429');
  });

  test('legacy CRM cards have no such limit', async () => {
    const { transport, requests, release } = heldTransport();
    const slots = createHubSpotFetchSlots(0);
    const pending = dispatchCardFetch({
      card: cardFor(targetUrl),
      record: contact,
      app,
      portal,
      user,
      mode: 'legacy',
      transport,
      clock: () => fixedNow,
      hubspotFetchSlots: slots,
    });
    await flush();
    expect(requests).toHaveLength(1);
    release();
    expect((await pending).exchange.outcome).toBe('ok');
  });
});

describe("hubspot.fetch's 1 MB request body", () => {
  const bigProperty = 'x'.repeat(limits.hubspotFetchMaxPayloadBytes);
  const hook: RenderedAction = {
    type: 'ACTION_HOOK',
    uri: 'https://service.example.com/hook',
    label: 'Sync',
    httpMethod: 'POST',
    associatedObjectProperties: ['notes'],
  };
  const run = (mode: 'legacy' | 'converter', fetch: ReturnType<typeof recordingFetch>['fetch']) =>
    dispatchActionHook({
      action: hook,
      record: { ...contact, properties: { ...contact.properties, notes: bigProperty } },
      app,
      portal,
      user,
      mode,
      transport: createFetchTransport({ fetch }),
      clock: () => fixedNow,
      randomUUID: sequentialIds(),
    });

  test('a converter hook whose JSON body is over 1 MB is refused before sending', async () => {
    const service = recordingFetch(() => jsonResponse({}));
    const { exchange, retried, toast } = await run('converter', service.fetch);
    expect(service.calls).toEqual([]);
    expect(retried).toEqual([]);
    expect(exchange.error?.code).toBe('DISPATCH_REQUEST_TOO_LARGE');
    expect(exchange.error?.message).toContain(`over ${limits.hubspotFetchMaxPayloadBytes} bytes`);
    expect(exchange.reply).toBeNull();
    expect(toast.kind).toBe('error');
  });

  test('legacy HubSpot sends it (its form body has no such documented limit)', async () => {
    const service = recordingFetch(() => jsonResponse({}));
    await run('legacy', service.fetch);
    expect(service.calls).toHaveLength(1);
  });
});

describe('permittedUrls in converter mode', () => {
  const service = () => recordingFetch(() => jsonResponse(legacyReply()));
  const notPermitted = (exchange: { verdicts: { code: string; message: string }[] }) =>
    exchange.verdicts
      .filter((verdict) => verdict.code === 'DISPATCH_URL_NOT_PERMITTED')
      .map((v) => v.message);

  test('a targetUrl the app does not list is delivered, and marked refused in production with the entry to add', async () => {
    const fake = service();
    const { exchange, card } = await fetchCard({
      transport: createFetchTransport({ fetch: fake.fetch }),
      app: { ...app, permittedUrls: { fetch: ['https://other.example.com'] } },
    });
    expect(fake.calls).toHaveLength(1);
    expect(card).not.toBeNull();
    const [message, ...rest] = notPermitted(exchange);
    expect(rest).toEqual([]);
    expect(message).toMatch(
      /^refused in production: https:\/\/service\.example\.com\/hubspot\/card is not in/,
    );
    expect(message).toContain('add https://service.example.com to permittedUrls.fetch');
    expect(message).toContain('Spoke delivered it locally');
  });

  test('a listed HTTPS targetUrl gets no warning', async () => {
    const { exchange } = await fetchCard({
      transport: createFetchTransport({ fetch: service().fetch }),
      app: { ...app, permittedUrls: { fetch: ['https://service.example.com/hubspot'] } },
    });
    expect(notPermitted(exchange)).toEqual([]);
  });

  test('a local http target is refused three ways; behind a tunnel only the public URL is judged', async () => {
    const local = await dispatchCardFetch({
      card: cardFor('http://127.0.0.1:3500/hubspot/card'),
      record: contact,
      app: { ...app, permittedUrls: { fetch: ['https://abc.ngrok.app'] } },
      portal,
      user,
      mode: 'converter',
      transport: createFetchTransport({ fetch: service().fetch }),
      clock: () => fixedNow,
    });
    const messages = notPermitted(local.exchange);
    expect(messages).toHaveLength(3);
    expect(messages[0]).toContain('does not call localhost');
    expect(messages[0]).toContain('tunnel');
    expect(messages[1]).toContain('hubspot.fetch only calls HTTPS URLs');

    const tunnelled = await dispatchCardFetch({
      card: cardFor('http://127.0.0.1:3500/hubspot/card'),
      record: contact,
      app: {
        ...app,
        publicUrl: 'https://abc.ngrok.app',
        permittedUrls: { fetch: ['https://abc.ngrok.app'] },
      },
      portal,
      user,
      mode: 'converter',
      transport: createFetchTransport({ fetch: service().fetch }),
      clock: () => fixedNow,
    });
    expect(notPermitted(tunnelled.exchange)).toEqual([]);
  });

  test('hooks are judged too, each attempt of a retry', async () => {
    let call = 0;
    const flaky = recordingFetch(() => (call++ === 0 ? new Response('', { status: 503 }) : jsonResponse({})));
    const { exchange, retried } = await dispatchActionHook({
      action: {
        type: 'ACTION_HOOK',
        uri: 'https://hooks.example.com/close',
        label: 'Close',
        httpMethod: 'GET',
        associatedObjectProperties: [],
      },
      record: contact,
      app: { ...app, permittedUrls: { fetch: ['https://service.example.com'] } },
      portal,
      user,
      mode: 'converter',
      transport: createFetchTransport({ fetch: flaky.fetch }),
      clock: () => fixedNow,
      randomUUID: sequentialIds(),
    });
    expect(retried).toHaveLength(1);
    for (const attempt of [...retried, exchange]) {
      expect(notPermitted(attempt)[0]).toContain('add https://hooks.example.com to permittedUrls.fetch');
    }
  });

  test('an app with no list is refused everywhere; a caller that does not know the list judges nothing', async () => {
    const none = await fetchCard({
      transport: createFetchTransport({ fetch: service().fetch }),
      app: { ...app, permittedUrls: null },
    });
    expect(notPermitted(none.exchange)).toEqual([expect.stringContaining('(the app lists none)')]);
    const unknown = await fetchCard({ transport: createFetchTransport({ fetch: service().fetch }) });
    expect(notPermitted(unknown.exchange)).toEqual([]);
  });

  test('legacy CRM cards are not judged: classic cards have no permittedUrls', async () => {
    const { exchange } = await dispatchCardFetch({
      card: cardFor('http://127.0.0.1:3500/hubspot/card'),
      record: contact,
      app: { ...app, permittedUrls: null },
      portal,
      user,
      mode: 'legacy',
      transport: createFetchTransport({ fetch: service().fetch }),
      clock: () => fixedNow,
    });
    expect(notPermitted(exchange)).toEqual([]);
  });
});

describe('the headers a converter call carries', () => {
  test("hubspot.fetch's signatures and JSON content type, the platform's correlation id, timeout and user agent, nothing else", async () => {
    const service = recordingFetch(() => jsonResponse({}));
    await dispatchActionHook({
      action: {
        type: 'ACTION_HOOK',
        uri: 'https://service.example.com/hook',
        label: 'Close',
        httpMethod: 'POST',
        associatedObjectProperties: ['email'],
      },
      record: contact,
      app,
      portal,
      user,
      mode: 'converter',
      transport: createFetchTransport({ fetch: service.fetch }),
      clock: () => fixedNow,
      randomUUID: sequentialIds(),
    });
    const headers = service.calls[0]?.headers;
    expect([...(headers?.keys() ?? [])].sort()).toEqual([
      'accept',
      'content-type',
      'user-agent',
      'x-hubspot-correlation-id',
      'x-hubspot-request-timestamp',
      'x-hubspot-signature',
      'x-hubspot-signature-v3',
      'x-hubspot-signature-version',
      'x-hubspot-timeout-millis',
    ]);
    // hubspot.fetch sends bodies as JSON only: no form bodies, no custom content types.
    expect(headers?.get('content-type')).toBe('application/json');
    expect(headers?.get('x-hubspot-signature-version')).toBe('v2');
  });
});
