import type { SpokeApp } from '@spoke/framework';
import { createTestClient } from '@spoke/framework/testing';
import { computeV1, computeV2, computeV3, shareViaEvents, sign } from '@spoke/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { sendRaw } from './hardening/raw-http.ts';
import { type BuildOptions, buildApp, secret, shareViaPayloads, shareViaReplies } from './support.ts';

/** An app served by one adapter, as the conformance suite drives it. */
export interface AdapterHarness {
  /** Origin the adapter listens on (what the test client signs for by default). */
  readonly baseUrl: string;
  /** Sends a request to the adapter (a socket, `inject()`, or `app.fetch`). */
  send(request: Request): Promise<Response>;
  close(): Promise<void>;
  /** False when the host framework answers unknown paths itself (Express fallthrough, Fastify 404). */
  readonly ownsNotFound: boolean;
}

/** Serves an app with one adapter. */
export type AdapterFactory = (app: SpokeApp) => Promise<AdapterHarness>;

const publicUrl = 'https://abc.ngrok.app';

/** Re-sends a request to the harness the way a tunnel does: same path, query, headers and bytes. */
function tunnel(harness: AdapterHarness, forwarded: Record<string, string> = {}) {
  return async (request: Request): Promise<Response> => {
    const { pathname, search } = new URL(request.url);
    const headers = new Headers(request.headers);
    for (const [name, value] of Object.entries(forwarded)) headers.set(name, value);
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer();
    return harness.send(
      new Request(`${harness.baseUrl}${pathname}${search}`, { method: request.method, headers, body }),
    );
  };
}

/** What came back from a request sent with {@link sendGetWithBody}. */
interface Answer {
  status: number;
  code: string | undefined;
}

/**
 * A GET carrying a body. fetch cannot build one, so a harness on a socket gets the bytes on the
 * wire, and an in-process harness (a fetch runtime, where such a request can only be announced by
 * its headers) gets a GET whose headers declare the body.
 */
async function sendGetWithBody(
  harness: AdapterHarness,
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<Answer> {
  const target = new URL(url);
  const bytes = new TextEncoder().encode(body);
  if (target.port !== '') {
    const outcome = await sendRaw(
      { host: target.hostname, port: Number(target.port) },
      {
        method: 'GET',
        target: `${target.pathname}${target.search}`,
        headers: [
          ['Host', target.host],
          ...Object.entries(headers),
          ['Content-Length', String(bytes.byteLength)],
          ['Connection', 'close'],
        ],
        body: bytes,
      },
      { deadlineMs: 5_000 },
    );
    if (outcome.kind !== 'response') return { status: 0, code: outcome.kind };
    const text = outcome.body.toString('utf8');
    return { status: outcome.status, code: text.startsWith('{') ? JSON.parse(text).code : undefined };
  }
  const declared = { ...headers, 'content-length': String(bytes.byteLength) };
  const res = await harness.send(new Request(url, { method: 'GET', headers: declared }));
  const text = await res.text();
  return { status: res.status, code: text.startsWith('{') ? JSON.parse(text).code : undefined };
}

/** The default card query with `associatedObjectId` last, so its digits end the URL. */
const recordQuery = (id: number) =>
  `userId=1234&userEmail=user%40example.com&associatedObjectType=CONTACT&portalId=62515&associatedObjectId=${id}`;

/**
 * The one suite every adapter passes: signatures, raw bytes, limits, routing, handler and reply
 * errors, every message kind, publicUrl / trustProxy and the deadline warning.
 */
export function runConformance(name: string, factory: AdapterFactory): void {
  describe(`conformance: ${name}`, () => {
    let open: AdapterHarness[] = [];
    afterEach(async () => {
      await Promise.all(open.map((harness) => harness.close()));
      open = [];
    });

    async function setup(options: BuildOptions = {}) {
      const built = buildApp(options);
      const harness = await factory(built.app);
      open.push(harness);
      const client = createTestClient(built.app, {
        clientSecret: secret,
        clock: built.clock,
        baseUrl: harness.baseUrl,
        fetch: (request) => harness.send(request),
      });
      return { ...built, harness, client };
    }

    describe('signatures', () => {
      test('accepts a request signed with v2 and v3 and hands the handler typed input', async () => {
        const { client, seen } = await setup();
        const res = await client.cardFetch('/card', { properties: { email: 'ada@example.com' } });
        expect(res.status).toBe(200);
        expect(res.body.results[0]).toMatchObject({ objectId: 53701, title: 'Orders of user@example.com' });
        expect(seen[0]?.input).toEqual({
          userId: 1234,
          userEmail: 'user@example.com',
          associatedObjectId: 53701,
          associatedObjectType: 'CONTACT',
          portalId: 62515,
          properties: { email: 'ada@example.com' },
        });
        expect(seen[0]?.ctx.signatureVersion).toBe('v3');
      });

      test('refuses a request without a signature with 401 SIGNATURE_MISSING', async () => {
        const { client, seen } = await setup();
        const res = await client.request({ path: '/card?userId=1', sign: false });
        expect(res.status).toBe(401);
        expect(res.error).toMatchObject({ code: 'SIGNATURE_MISSING' });
        expect(seen).toHaveLength(0);
      });

      test('refuses a request signed with another secret with 401 SIGNATURE_MISMATCH', async () => {
        const { client } = await setup();
        const res = await client.request({
          method: 'POST',
          path: '/calls',
          body: '{}',
          sign: { secret: 'not-it' },
        });
        expect(res.status).toBe(401);
        expect(res.error?.code).toBe('SIGNATURE_MISMATCH');
      });

      test('refuses a body changed by one byte after signing', async () => {
        const { client, seen } = await setup();
        const signed = '{"appId":20,"portalId":10,"userId":5}';
        const sent = '{"appId":20,"portalId":10,"userId":6}';
        const res = await client.request({
          method: 'POST',
          path: '/calls',
          body: sent,
          sign: { body: signed },
        });
        expect(res.status).toBe(401);
        expect(res.error?.code).toBe('SIGNATURE_MISMATCH');
        expect(seen).toHaveLength(0);
      });

      test('refuses a signature made for another URL and logs (never answers) the URL it hashed', async () => {
        const { client, harness, logger } = await setup();
        const res = await client.request({
          path: '/card?portalId=1',
          sign: { url: `${harness.baseUrl}/card?portalId=2` },
        });
        expect(res.status).toBe(401);
        expect(res.error?.code).toBe('SIGNATURE_MISMATCH');
        expect(res.error?.message).not.toContain('portalId');
        const logged = logger.entries.find((entry) => entry.details?.code === 'SIGNATURE_MISMATCH');
        expect(logged?.message).toContain(`${harness.baseUrl}/card?portalId=1`);
        expect(logged?.message).toContain('publicUrl');
      });

      test('refuses a v3 timestamp more than five minutes old', async () => {
        const { client, clock } = await setup();
        const res = await client.request({
          path: '/card',
          sign: { version: 'v3', timestamp: clock.now() - 300_001 },
        });
        expect(res.status).toBe(401);
        expect(res.error?.code).toBe('SIGNATURE_TIMESTAMP_STALE');
      });

      test('refuses a v3 timestamp more than five minutes in the future', async () => {
        const { client, clock } = await setup();
        const res = await client.request({
          path: '/card',
          sign: { version: 'v3', timestamp: clock.now() + 300_001 },
        });
        expect(res.status).toBe(401);
        expect(res.error?.code).toBe('SIGNATURE_TIMESTAMP_FUTURE');
      });

      test('refuses a non-numeric timestamp', async () => {
        const { client } = await setup();
        const res = await client.request({
          path: '/card',
          sign: { version: 'v3' },
          headers: { 'X-HubSpot-Request-Timestamp': '1700000000000.5' },
        });
        expect(res.status).toBe(401);
        expect(res.error?.code).toBe('SIGNATURE_TIMESTAMP_INVALID');
      });
    });

    describe('forged and replayed requests (the defaults)', () => {
      test('refuses a DELETE whose query moved into a body under the same signature (boundary shift)', async () => {
        const { client, harness, seen } = await setup();
        // Captured: DELETE /hook?…associatedObjectId=245, no body. Sent: …=2 with "45" as the body;
        // METHOD + URL + body + timestamp is the same string, so v2 and v3 both still verify.
        const captured = `/hook?${recordQuery(245)}`;
        const res = await client.request({
          method: 'DELETE',
          path: `/hook?${recordQuery(2)}`,
          body: '45',
          sign: { url: `${harness.baseUrl}${captured}`, body: '' },
        });
        expect(res.status).toBe(400);
        expect(res.error?.code).toBe('REQUEST_BODY_UNEXPECTED');
        expect(seen).toHaveLength(0);
        // The captured request itself is fine.
        expect((await client.request({ method: 'DELETE', path: captured })).status).toBe(200);
      });

      test('refuses a GET with a body, whatever its signature', async () => {
        const { harness, seen, clock } = await setup();
        const url = `${harness.baseUrl}/hook?${recordQuery(2)}`;
        const signedUrl = `${harness.baseUrl}/hook?${recordQuery(245)}`;
        const headers = sign({
          version: 'all',
          secret,
          method: 'GET',
          url: signedUrl,
          body: '',
          timestamp: clock.now(),
        });
        const answer = await sendGetWithBody(harness, url, headers, '45');
        expect(answer).toEqual({ status: 400, code: 'REQUEST_BODY_UNEXPECTED' });
        expect(seen).toHaveLength(0);
      });

      test('refuses digits moved from the URL into a zero-padded v3 timestamp', async () => {
        const { client, harness, clock, seen } = await setup();
        const now = clock.now();
        const signedUrl = `${harness.baseUrl}/card?${recordQuery(1000)}`;
        // "…=1000" + "1700…" hashes exactly like "…=1" + "0001700…".
        const res = await client.request({
          path: `/card?${recordQuery(1)}`,
          sign: { version: 'v3', url: signedUrl, timestamp: now },
          headers: { 'X-HubSpot-Request-Timestamp': `000${now}` },
        });
        expect(res.status).toBe(401);
        expect(res.error?.code).toBe('SIGNATURE_TIMESTAMP_INVALID');
        expect(seen).toHaveLength(0);
      });

      test('refuses a three-day-old request whose v3 headers were stripped (downgrade to v2)', async () => {
        const { client, clock, seen } = await setup();
        const res = await client.request({
          path: `/card?${recordQuery(245)}`,
          sign: { version: 'all', timestamp: clock.now() - 3 * 24 * 3_600_000 },
          omitHeaders: ['X-HubSpot-Signature-v3', 'X-HubSpot-Request-Timestamp'],
        });
        expect(res.status).toBe(401);
        expect(res.error?.code).toBe('SIGNATURE_V3_REQUIRED');
        expect(seen).toHaveLength(0);
      });

      test('refuses the v1 empty-body constant sha256(secret) on GET and DELETE', async () => {
        const { client, seen } = await setup();
        const constant = computeV1({ secret, body: '' });
        for (const method of ['GET', 'DELETE']) {
          for (const headers of [
            { 'X-HubSpot-Signature': constant, 'X-HubSpot-Signature-Version': 'v1' },
            { 'X-HubSpot-Signature': constant },
          ]) {
            const res = await client.request({
              method,
              path: `/hook?${recordQuery(7)}`,
              sign: false,
              headers,
            });
            expect([method, res.status]).toEqual([method, 401]);
          }
        }
        expect(seen).toHaveLength(0);
      });

      test('refuses the v1 empty-body constant even with v1 accepted, unless allowV1EmptyBody', async () => {
        const { client, seen } = await setup({ acceptSignatureVersions: ['v3', 'v2', 'v1'] });
        const headers = {
          'X-HubSpot-Signature': computeV1({ secret, body: '' }),
          'X-HubSpot-Signature-Version': 'v1',
        };
        const res = await client.request({ path: `/card?${recordQuery(7)}`, sign: false, headers });
        expect(res.status).toBe(401);
        expect(res.error?.code).toBe('SIGNATURE_V1_EMPTY_BODY');
        expect(seen).toHaveLength(0);
      });

      test.each([true, false])(
        'a 401 never carries the expected signature or the string hashed (development: %s)',
        async (development) => {
          const { client, harness, clock } = await setup({ development });
          const path = `/card?${recordQuery(245)}`;
          const now = clock.now();
          const res = await client.request({
            path,
            sign: { version: 'all', secret: 'not-it', timestamp: now },
          });
          expect(res.status).toBe(401);
          const text = JSON.stringify(res.body);
          const url = `${harness.baseUrl}${path}`;
          for (const right of [
            computeV3({ secret, method: 'GET', url, body: '', timestamp: now }),
            computeV2({ secret, method: 'GET', url, body: '' }),
          ]) {
            expect(text).not.toContain(right.slice(0, 6));
          }
          expect(text).not.toContain('associatedObjectId');
        },
      );
    });

    describe('bodies', () => {
      test('verifies the raw bytes of a JSON body with odd spacing and unicode', async () => {
        const { client, seen } = await setup();
        const body = '{ "appId" :20,\n\t"portalId":   10 ,"userId":5, "note": "Grüße 👋 \\u00e9" }  ';
        const res = await client.request({
          method: 'POST',
          path: '/calls',
          body,
          headers: { 'content-type': 'application/json' },
        });
        expect(res.status).toBe(200);
        expect(seen[0]?.input).toEqual({ appId: 20, portalId: 10, userId: 5 });
      });

      test('refuses a body over bodyLimit with 413 before verifying it', async () => {
        const { client, seen } = await setup({ bodyLimit: 64 });
        const body = JSON.stringify({ appId: 20, portalId: 10, userId: 5, pad: 'x'.repeat(100) });
        const res = await client.request({ method: 'POST', path: '/calls', body });
        expect(res.status).toBe(413);
        expect(res.error?.code).toBe('REQUEST_BODY_TOO_LARGE');
        expect(seen).toHaveLength(0);
      });

      test('a streamed body without Content-Length: bodyLimit bytes pass, one more is refused', async () => {
        const bodyLimit = 64;
        const { harness, seen } = await setup({ bodyLimit });
        // A valid, signed channel-connection body padded with JSON whitespace to `bytes` bytes, sent
        // in 16-byte chunks (no Content-Length), so only the count of streamed bytes can refuse it.
        const post = (bytes: number) => {
          const url = `${harness.baseUrl}/calls`;
          const body = JSON.stringify({ appId: 20, portalId: 10, userId: 5 }).padEnd(bytes, ' ');
          const headers = sign({ version: 'v3', secret, method: 'POST', url, body, timestamp: Date.now() });
          const encoded = new TextEncoder().encode(body);
          let offset = 0;
          const stream = new ReadableStream<Uint8Array>({
            pull(controller) {
              if (offset >= encoded.byteLength) return controller.close();
              controller.enqueue(encoded.subarray(offset, offset + 16));
              offset += 16;
            },
          });
          const init: RequestInit & { duplex: 'half' } = {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: stream,
            duplex: 'half',
          };
          return harness.send(new Request(url, init));
        };
        const under = await post(bodyLimit);
        expect(under.status).toBe(200);
        expect(seen).toHaveLength(1);
        const over = await post(bodyLimit + 1);
        expect(over.status).toBe(413);
        expect(await over.json()).toMatchObject({ code: 'REQUEST_BODY_TOO_LARGE' });
        expect(seen).toHaveLength(1);
      });

      test('answers malformed JSON with 400 REQUEST_MALFORMED_JSON', async () => {
        const { client } = await setup();
        const res = await client.request({ method: 'POST', path: '/calls', body: '{"appId":20,' });
        expect(res.status).toBe(400);
        expect(res.error?.code).toBe('REQUEST_MALFORMED_JSON');
      });

      test('answers a schema-invalid request with 400 REQUEST_INVALID listing the issues', async () => {
        const { client } = await setup();
        const res = await client.channelConnection('/calls', { userId: 'five' as unknown as number });
        expect(res.status).toBe(400);
        expect(res.error).toMatchObject({ code: 'REQUEST_INVALID', issues: [{ path: 'userId' }] });
      });
    });

    describe('routing', () => {
      test('answers an unknown path with 404', async () => {
        const { client, harness } = await setup();
        const res = await client.request({ path: '/nowhere' });
        expect(res.status).toBe(404);
        if (harness.ownsNotFound) expect(res.error?.code).toBe('ROUTE_NOT_FOUND');
      });

      test('answers a wrong method with 405 and Allow', async () => {
        const { client } = await setup();
        const res = await client.request({ method: 'DELETE', path: '/calls' });
        expect(res.status).toBe(405);
        expect(res.headers.get('allow')).toBe('POST');
        expect(res.error?.code).toBe('METHOD_NOT_ALLOWED');
      });
    });

    describe('handler and reply errors', () => {
      test('turns a handler exception into 500 HANDLER_FAILED without a stack', async () => {
        const { client, logger } = await setup();
        const res = await client.cardFetch('/boom');
        expect(res.status).toBe(500);
        expect(res.error?.code).toBe('HANDLER_FAILED');
        expect(res.error?.message).toContain('database down');
        expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.ts:\d+/);
        expect(logger.entries.some((entry) => entry.level === 'error')).toBe(true);
      });

      test('turns an invalid reply into 500 REPLY_INVALID with the issues', async () => {
        const { client } = await setup();
        const res = await client.cardFetch('/six');
        expect(res.status).toBe(500);
        expect(res.error).toMatchObject({ code: 'REPLY_INVALID', issues: [{ path: 'results' }] });
      });

      test('sends a Response returned by a handler as it is', async () => {
        const { client } = await setup();
        const res = await client.actionHook('/refuse');
        expect(res.status).toBe(409);
        expect(res.body).toEqual({ message: 'Ticket is already closed' });
      });
    });

    describe('message kinds', () => {
      test('reads action-hook fields from a form body (legacy POST)', async () => {
        const { client, seen } = await setup();
        const res = await client.actionHook('/hook', {
          method: 'POST',
          fields: { dealname: 'Big deal & co' },
        });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ message: 'done for 53701' });
        expect(seen[0]?.input).toMatchObject({
          associatedObjectId: 53701,
          properties: { dealname: 'Big deal & co' },
        });
      });

      test('reads action-hook fields from the query (GET)', async () => {
        const { client, seen } = await setup();
        const res = await client.actionHook('/hook', { method: 'GET', fields: { dealname: 'a b' } });
        expect(res.status).toBe(200);
        expect(seen[0]?.input).toMatchObject({ userId: 1234, properties: { dealname: 'a b' } });
      });

      test('reads action-hook fields from query + JSON body (converter PATCH)', async () => {
        const { app, harness, seen, clock } = await setup();
        const converter = createTestClient(app, {
          clientSecret: secret,
          clock,
          baseUrl: harness.baseUrl,
          mode: 'converter',
          appId: 777,
          fetch: (request) => harness.send(request),
        });
        const res = await converter.actionHook('/hook', { method: 'PATCH', fields: { stage: 'won' } });
        expect(res.status).toBe(200);
        expect(seen[0]?.input).toMatchObject({ appId: 777, portalId: 62515, properties: { stage: 'won' } });
      });

      test.each(shareViaEvents)(
        'answers Share Via %s with the envelope around the payload',
        async (event) => {
          const { client, seen } = await setup();
          const res = await client.shareVia('/share', event, shareViaPayloads[event]);
          expect(res.status).toBe(200);
          expect(res.body).toEqual({
            portalId: 62515,
            appId: 54321,
            eventType: event,
            payload: shareViaReplies[event],
          });
          expect(seen[0]).toMatchObject({ route: event, input: { payload: shareViaPayloads[event] } });
        },
      );

      test('accepts the older CHECK_PERMISSIONS shape and answers in the current one', async () => {
        const { client, seen } = await setup();
        const res = await client.shareVia('/share', 'CHECK_PERMISSIONS', shareViaPayloads.CHECK_PERMISSIONS, {
          shape: 'older',
        });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          portalId: 62515,
          appId: 54321,
          eventType: 'CHECK_PERMISSIONS',
          payload: { hasAllRequiredPermissions: true },
        });
        expect(seen[0]?.input).toEqual({
          portalId: 62515,
          appId: 54321,
          payload: { requiredPermissions: ['upload-file'] },
        });
      });

      test('answers the calling channel connection with the phone numbers', async () => {
        const { client, seen } = await setup();
        const res = await client.channelConnection('/calls', { appId: 20, portalId: 10, userId: 5 });
        expect(res.status).toBe(200);
        expect(res.body.phoneNumbers[0]).toEqual({
          e164PhoneNumber: '+18001231234',
          extension: '1',
          friendlyName: 'Support line',
        });
        expect(seen[0]?.input).toEqual({ appId: 20, portalId: 10, userId: 5 });
      });
    });

    describe('public URL', () => {
      test('verifies against publicUrl when HubSpot called a tunnel', async () => {
        const { app, harness, clock } = await setup({ publicUrl });
        const client = createTestClient(app, { clientSecret: secret, clock, fetch: tunnel(harness) });
        const res = await client.cardFetch('/card');
        expect(res.status).toBe(200);
      });

      test('refuses a tunnelled request without publicUrl and suggests it in the log', async () => {
        const { app, harness, clock, logger } = await setup();
        const client = createTestClient(app, {
          clientSecret: secret,
          clock,
          baseUrl: publicUrl,
          fetch: tunnel(harness),
        });
        const res = await client.cardFetch('/card');
        expect(res.status).toBe(401);
        expect(res.error?.code).toBe('SIGNATURE_MISMATCH');
        const logged = logger.entries.find((entry) => entry.details?.code === 'SIGNATURE_MISMATCH');
        expect(logged?.message).toContain(`${harness.baseUrl}/card?`);
        expect(logged?.message).toContain('set publicUrl');
      });

      test('takes scheme and host from X-Forwarded-* under trustProxy', async () => {
        const { app, harness, clock } = await setup({ trustProxy: true });
        const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'abc.ngrok.app' };
        const client = createTestClient(app, {
          clientSecret: secret,
          clock,
          baseUrl: publicUrl,
          fetch: tunnel(harness, forwarded),
        });
        expect((await client.cardFetch('/card')).status).toBe(200);
      });

      test('ignores X-Forwarded-* without trustProxy', async () => {
        const { app, harness, clock } = await setup();
        const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'abc.ngrok.app' };
        const client = createTestClient(app, {
          clientSecret: secret,
          clock,
          baseUrl: publicUrl,
          fetch: tunnel(harness, forwarded),
        });
        const res = await client.cardFetch('/card');
        expect(res.status).toBe(401);
        expect(res.error?.code).toBe('SIGNATURE_MISMATCH');
      });
    });

    describe('deadline', () => {
      test('logs a warning naming the handler when it runs past the 5 s budget', async () => {
        const { client, logger, seen } = await setup();
        const res = await client.cardFetch('/slow');
        expect(res.status).toBe(200);
        expect(seen[0]?.ctx.signal.aborted).toBe(true);
        const warning = logger.entries.find((entry) => entry.level === 'warn');
        expect(warning?.message).toContain('crm-card.fetch handler for GET /slow took 5250 ms');
        expect(warning?.details).toMatchObject({ route: '/slow', kind: 'crm-card.fetch', elapsedMs: 5250 });
      });

      test('does not warn for a handler within the budget', async () => {
        const { client, logger, seen } = await setup();
        expect((await client.cardFetch('/card')).status).toBe(200);
        expect(seen[0]?.ctx.signal.aborted).toBe(false);
        expect(logger.entries.filter((entry) => entry.level === 'warn')).toEqual([]);
      });
    });
  });
}
