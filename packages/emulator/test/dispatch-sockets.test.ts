import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createNodeTransport,
  dispatchActionHook,
  dispatchCardFetch,
  dispatchChannelConnection,
  dispatchRecordCards,
  dispatchShareViaEvent,
  type Faults,
  replayExchange,
} from '@spoke/emulator';
import {
  type HookMethod,
  limits,
  type RenderedAction,
  requestTimestampHeader,
  signatureV3Header,
  verifySignature,
} from '@spoke/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import {
  type BareHandler,
  type BareService,
  type SeenRequest,
  sendJson,
  startBareService,
} from './helpers/bare-service.ts';
import {
  app,
  cardFor,
  contact,
  fixedNow,
  legacyReply,
  portal,
  secret,
  user,
} from './helpers/dispatch-fixtures.ts';

const open: BareService[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((service) => service.close()));
});

/** A bare service whose signature clock matches the dispatcher's fixed clock unless told otherwise. */
async function serve(handler: BareHandler, now: () => number = () => fixedNow): Promise<BareService> {
  const service = await startBareService({ secret, handler, now });
  open.push(service);
  return service;
}

function only(service: BareService): SeenRequest {
  expect(service.requests).toHaveLength(1);
  const [seen] = service.requests;
  if (!seen) throw new Error('no request');
  return seen;
}

/** The service accepted v3 and would also have accepted v2 on its own. */
function expectV2AndV3(seen: SeenRequest) {
  expect(seen.verification).toMatchObject({ ok: true, version: 'v3' });
  const {
    [signatureV3Header.toLowerCase()]: _v3,
    [requestTimestampHeader.toLowerCase()]: _ts,
    ...hexOnly
  } = seen.headers;
  const v2 = verifySignature({
    secret,
    method: seen.method,
    url: seen.url,
    body: seen.body,
    headers: hexOnly,
    now: fixedNow,
    // The v2 signature on its own, as a service that opted into v2 would check it.
    acceptVersions: ['v2'],
  });
  expect(v2).toMatchObject({ ok: true, version: 'v2' });
}

const clock = () => fixedNow;
const fast = () => createNodeTransport({ connectTimeoutMs: 500, totalTimeoutMs: 1000 });
// Form bodies and converter queries escape `@` as URLSearchParams does.
const defaults =
  'userId=5&userEmail=loggedinuser%40hubspot.com&associatedObjectId=53701&associatedObjectType=CONTACT&portalId=987654';
// A legacy query leaves `@` as HubSpot's own examples do. docs/protocol.md §2.2
const legacyQueryDefaults = defaults.replace('%40', '@');

describe('signed calls seen by a bare node:http service', () => {
  test('a data fetch carries a valid v2 + v3 signature and exactly the expected query', async () => {
    const service = await serve((_seen, res) => sendJson(res, 200, legacyReply()));
    const { exchange, card: rendered } = await dispatchCardFetch({
      card: cardFor(`${service.url}/card?tenant=t1`),
      record: contact,
      app,
      portal,
      user,
      transport: fast(),
      clock,
    });
    const seen = only(service);
    expectV2AndV3(seen);
    expect(seen.method).toBe('GET');
    expect(seen.url).toBe(
      `${service.url}/card?tenant=t1&${legacyQueryDefaults}&email=ada@example.com&firstname=Ada%20Mae`,
    );
    expect(seen.headers['user-agent']).toContain('HubSpot');
    expect(seen.headers['x-hubspot-correlation-id']).toBe(exchange.correlationId);
    expect(seen.headers['x-hubspot-timeout-millis']).toBe('1000');
    expect(exchange.outcome).toBe('ok');
    expect(exchange.timing.connectMs).toEqual(expect.any(Number));
    expect(rendered?.items).toHaveLength(1);
  });

  const methods: HookMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
  const cases = methods.flatMap((method) =>
    (['legacy', 'converter'] as const).map((mode) => [method, mode] as const),
  );

  test.each(cases)(
    'an action hook with %s in %s mode sends the fields where that mode puts them',
    async (method, mode) => {
      const service = await serve((_seen, res) => sendJson(res, 200, { message: 'done' }));
      const action: RenderedAction = {
        type: 'ACTION_HOOK',
        uri: `${service.url}/hook`,
        label: 'Do it',
        httpMethod: method,
        associatedObjectProperties: ['firstname'],
      };
      const { exchange, toast } = await dispatchActionHook({
        action,
        record: contact,
        app,
        portal,
        user,
        mode,
        transport: fast(),
        clock,
      });
      const seen = only(service);
      expectV2AndV3(seen);
      expect(seen.method).toBe(method);
      const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
      if (mode === 'legacy') {
        expect(seen.url).toBe(
          hasBody ? `${service.url}/hook` : `${service.url}/hook?${legacyQueryDefaults}&firstname=Ada%20Mae`,
        );
        expect(seen.body).toBe(hasBody ? `${defaults}&firstname=Ada+Mae` : '');
        if (hasBody) expect(seen.headers['content-type']).toBe('application/x-www-form-urlencoded');
        expect(toast).toEqual({ kind: 'success', text: 'done' });
      } else {
        expect(seen.url).toBe(`${service.url}/hook?${defaults}&firstname=Ada+Mae&appId=20`);
        const fields = Object.fromEntries(new URLSearchParams(`${defaults}&firstname=Ada+Mae`));
        expect(seen.body === '' ? null : JSON.parse(seen.body)).toEqual(hasBody ? fields : null);
        expect(toast).toEqual({ kind: 'success', text: 'Do it succeeded.' });
      }
      expect(exchange.outcome).toBe('ok');
    },
  );

  const events = [
    ['CHECK_PERMISSIONS', { requiredPermissions: ['upload-file'] }, { hasAllRequiredPermissions: true }],
    [
      'FETCH_RECIPIENTS',
      { recipientsFilter: { type: 1, name: 'Rec' }, limit: 5, nextPageAfter: 'c1' },
      { recipients: { total: 1, results: [{ id: 'R2', name: 'Recipient Two', type: 1 }] } },
    ],
    ['FETCH_RECIPIENT', { id: 'R3', type: 0 }, { recipient: { id: 'R3', name: 'Recipient Three', type: 0 } }],
    [
      'SHARE_OBJECT',
      {
        sender: { id: 2387654 },
        recipient: { id: 'R3', name: 'Three', type: 0 },
        message: 'hi',
        objectMetadata: { id: 2334567, type: 2, name: 'Chats' },
      },
      { recipientUrl: 'https://chat.example.com/1' },
    ],
  ] as const;

  test.each(events)(
    'Share Via %s is a signed JSON POST to its event path',
    async (event, payload, replyPayload) => {
      const service = await serve((seen, res) =>
        sendJson(res, 200, {
          portalId: portal.id,
          appId: app.id,
          eventType: seen.path.split('/').at(-1),
          payload: replyPayload,
        }),
      );
      const { exchange, reply } = await dispatchShareViaEvent({
        event,
        targetBase: `${service.url}/sv`,
        app,
        portal,
        payload: payload as never,
        transport: fast(),
        clock,
      });
      const seen = only(service);
      expectV2AndV3(seen);
      expect(seen.path).toBe(`/sv/feature/SHARE_VIA/event/${event}`);
      expect(seen.headers['content-type']).toBe('application/json');
      expect(JSON.parse(seen.body)).toEqual({ portalId: portal.id, appId: app.id, payload });
      expect(exchange.outcome).toBe('ok');
      expect(reply?.payload).toEqual(replyPayload);
    },
  );

  test('the older CHECK_PERMISSIONS shape puts requiredPermissions at the top level', async () => {
    const service = await serve((_seen, res) =>
      sendJson(res, 200, {
        portalId: portal.id,
        appId: app.id,
        eventType: 'CHECK_PERMISSIONS',
        integrationComponentIdentifier: 'SHARE_VIA',
        payload: { hasAllRequiredPermissions: false },
      }),
    );
    const { reply } = await dispatchShareViaEvent({
      event: 'CHECK_PERMISSIONS',
      targetBase: service.url,
      app,
      portal,
      payload: { requiredPermissions: ['upload-file'] },
      shape: 'older',
      transport: fast(),
      clock,
    });
    const seen = only(service);
    expectV2AndV3(seen);
    expect(JSON.parse(seen.body)).toEqual({
      portalId: portal.id,
      appId: app.id,
      requiredPermissions: ['upload-file'],
    });
    expect(reply?.payload.hasAllRequiredPermissions).toBe(false);
  });

  test('channel connection posts {appId, portalId, userId}, signed', async () => {
    const service = await serve((_seen, res) =>
      sendJson(res, 200, {
        phoneNumbers: [{ e164PhoneNumber: '+18001231234', friendlyName: 'Support line' }],
      }),
    );
    const { numbers } = await dispatchChannelConnection({
      url: `${service.url}/cc`,
      app,
      portal,
      user: { id: 5 },
      transport: fast(),
      clock,
    });
    const seen = only(service);
    expectV2AndV3(seen);
    expect(JSON.parse(seen.body)).toEqual({ appId: app.id, portalId: portal.id, userId: 5 });
    expect(numbers?.[0]).toMatchObject({ displayName: 'Support line', selectable: true });
  });

  test.each([
    [{ corruptSignature: true }, { ok: false, code: 'SIGNATURE_MISMATCH' }],
    [{ staleTimestamp: true }, { ok: false, code: 'SIGNATURE_TIMESTAMP_STALE' }],
    [{ futureTimestamp: true }, { ok: false, code: 'SIGNATURE_TIMESTAMP_FUTURE' }],
    // A service with the default (v3 only) refuses a request that carries only v1 or v2.
    [{ signatureVersion: 'v1' }, { ok: false, code: 'SIGNATURE_V3_REQUIRED' }],
    [{ signatureVersion: 'v2' }, { ok: false, code: 'SIGNATURE_V3_REQUIRED' }],
  ] satisfies [Faults, object][])('the service sees the signature fault %o', async (faults, expected) => {
    const service = await serve((seen, res) =>
      sendJson(res, seen.verification.ok ? 200 : 401, { phoneNumbers: [] }),
    );
    const { exchange } = await dispatchChannelConnection({
      url: service.url,
      app,
      portal,
      user: { id: 5 },
      transport: fast(),
      clock,
      faults,
    });
    expect(only(service).verification).toMatchObject(expected);
    expect(exchange.outcome).toBe(expected.ok ? 'ok' : 'error');
    expect(exchange.signature.fault).toEqual(expect.any(String));
  });
});

describe('deadlines and broken services over real sockets', () => {
  const short = () => createNodeTransport({ connectTimeoutMs: 100, totalTimeoutMs: 200 });
  const call = (url: string, transport = short()) =>
    dispatchChannelConnection({ url, app, portal, user: { id: 5 }, transport, clock });

  test('a reply after the deadline is DISPATCH_DEADLINE_EXCEEDED', async () => {
    const service = await serve((_seen, res) => {
      const timer = setTimeout(() => sendJson(res, 200, { phoneNumbers: [] }), 400);
      res.on('close', () => clearTimeout(timer));
    });
    const { exchange } = await call(service.url);
    expect(exchange.error?.code).toBe('DISPATCH_DEADLINE_EXCEEDED');
    expect(exchange.timing.totalMs).toBeGreaterThanOrEqual(190);
    expect(exchange.timing.totalMs).toBeLessThan(380);
  });

  test('a server that never answers is DISPATCH_DEADLINE_EXCEEDED', async () => {
    const service = await serve(() => undefined);
    const { exchange } = await call(service.url);
    expect(exchange.error?.code).toBe('DISPATCH_DEADLINE_EXCEEDED');
    expect(exchange.reply).toBeNull();
    expect(exchange.timing.connectMs).toEqual(expect.any(Number));
  });

  test('a port that accepts nothing is DISPATCH_CONNECTION_FAILED', async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const { exchange } = await call(`http://127.0.0.1:${port}/cc`);
    expect(exchange.error?.code).toBe('DISPATCH_CONNECTION_FAILED');
    expect(exchange.error?.message).toContain('ECONNREFUSED');
  });

  test('a connection that never opens is DISPATCH_CONNECT_TIMEOUT', async () => {
    const transport = createNodeTransport({
      connectTimeoutMs: 80,
      totalTimeoutMs: 500,
      lookup: () => undefined,
    });
    const { exchange } = await call('http://never-resolves.test/cc', transport);
    expect(exchange.error?.code).toBe('DISPATCH_CONNECT_TIMEOUT');
    expect(exchange.timing.connectMs).toBeNull();
    expect(exchange.timing.totalMs).toBeLessThan(400);
  });

  test('a reply past maxReplyBytes is cut off as DISPATCH_REPLY_TOO_LARGE', async () => {
    const service = await serve((_seen, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"phoneNumbers":[],"pad":"${'x'.repeat(50_000)}"}`);
    });
    const transport = createNodeTransport({ maxReplyBytes: 1000 });
    const { exchange } = await call(service.url, transport);
    expect(exchange.error?.code).toBe('DISPATCH_REPLY_TOO_LARGE');
    expect(exchange.reply).toMatchObject({ status: 200, truncated: true });
    expect(exchange.reply?.body).toHaveLength(1000);
  });

  test('a body that trickles byte by byte past the deadline keeps what arrived', async () => {
    const service = await serve((_seen, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 20);
      res.on('close', () => clearInterval(timer));
    });
    const { exchange } = await call(service.url);
    expect(exchange.error?.code).toBe('DISPATCH_DEADLINE_EXCEEDED');
    expect(exchange.reply?.status).toBe(200);
    expect(exchange.reply?.body.length).toBeGreaterThan(0);
  });

  test('a redirect is recorded and not followed', async () => {
    const service = await serve((seen, res) => {
      if (seen.path === '/moved') {
        res.writeHead(302, { location: '/final' });
        res.end();
      } else sendJson(res, 200, { phoneNumbers: [] });
    });
    const { exchange } = await call(`${service.url}/moved`);
    expect(exchange.error?.code).toBe('DISPATCH_STATUS_NOT_OK');
    expect(exchange.reply).toMatchObject({ status: 302, headers: { location: '/final' } });
    expect(service.requests).toHaveLength(1);
  });

  test('a connection dropped before the reply is DISPATCH_CONNECTION_FAILED', async () => {
    const service = await serve((_seen, res) => {
      res.socket?.destroy();
    });
    const { exchange } = await call(service.url);
    expect(exchange.error?.code).toBe('DISPATCH_CONNECTION_FAILED');
    expect(exchange.reply).toBeNull();
  });

  test('a connection dropped in the middle of the body keeps the part that arrived', async () => {
    const service = await serve((_seen, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"phoneNumbers":', () => res.socket?.destroy());
    });
    const { exchange } = await call(service.url);
    expect(exchange.error?.code).toBe('DISPATCH_CONNECTION_FAILED');
    expect(exchange.reply).toMatchObject({ status: 200, body: '{"phoneNumbers":' });
  });
});

describe('fan-out and replay over real sockets', () => {
  test('a slow card does not delay the others', async () => {
    const service = await serve((seen, res) => {
      const delay = seen.path === '/slow' ? 400 : 0;
      const timer = setTimeout(() => sendJson(res, 200, legacyReply()), delay);
      res.on('close', () => clearTimeout(timer));
    });
    const card = (id: string) => cardFor(`${service.url}/${id}`, { id });
    const results = await dispatchRecordCards({
      cards: [card('slow'), card('fast1'), card('fast2')],
      record: contact,
      app,
      portal,
      user,
      transport: createNodeTransport({ totalTimeoutMs: 2000 }),
      clock: () => Date.now(),
    });
    expect(results.map((r) => r.exchange.context.cardId)).toEqual(['slow', 'fast1', 'fast2']);
    expect(results.every((r) => r.exchange.outcome === 'ok')).toBe(true);
    const finished = results.map((r) => r.exchange.startedAt + r.exchange.timing.totalMs);
    const [slow = 0, fast1 = 0, fast2 = 0] = finished;
    expect(slow - fast1).toBeGreaterThan(250);
    expect(slow - fast2).toBeGreaterThan(250);
    expect(results[1]?.exchange.timing.totalMs).toBeLessThan(200);
  });

  test('a replay keeps its original timestamp (stale later) or is re-signed fresh', async () => {
    let now = fixedNow;
    const service = await serve(
      (seen, res) => sendJson(res, seen.verification.ok ? 200 : 401, { phoneNumbers: [] }),
      () => now,
    );
    const transport = fast();
    const { exchange } = await dispatchChannelConnection({
      url: service.url,
      app,
      portal,
      user: { id: 5 },
      transport,
      clock,
    });
    expect(exchange.outcome).toBe('ok');

    now = fixedNow + limits.maxClockSkewMs + 1;
    const original = await replayExchange({
      exchange,
      secret,
      timestamp: 'original',
      transport,
      clock: () => now,
    });
    expect(service.requests[1]?.verification).toMatchObject({ ok: false, code: 'SIGNATURE_TIMESTAMP_STALE' });
    expect(original).toMatchObject({
      replayOf: exchange.id,
      outcome: 'error',
      error: { code: 'DISPATCH_STATUS_NOT_OK' },
    });

    const fresh = await replayExchange({ exchange, secret, timestamp: 'fresh', transport, clock: () => now });
    expect(service.requests[2]?.verification).toMatchObject({ ok: true, version: 'v3' });
    expect(fresh).toMatchObject({ replayOf: exchange.id, outcome: 'ok' });
    expect(service.requests[2]?.body).toBe(service.requests[0]?.body);
  });
});
