import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ActionResult, App, Emulator, Exchange, OpenRecordResult } from '@spoke/emulator';
import type { CardDefinition } from '@spoke/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { fakeService, json, legacyReply } from './helpers/fake-service.ts';
import { call, cardBody, testEmulator, testKeys, withKey } from './helpers/test-emulator.ts';

// A service behind a tunnel, written from HubSpot's docs without Spoke: it verifies v3 against the
// public URL HubSpot calls (https://app.example.com + the path and query it received), and
// answers 401 to anything else.
const publicOrigin = 'https://app.example.com';

interface Arrived {
  target: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const arrived: Arrived[] = [];
let server: Server;
let base: string;

function v3Valid(method: string, url: string, body: string, headers: IncomingHttpHeaders): boolean {
  const timestamp = String(headers['x-hubspot-request-timestamp'] ?? '');
  const expected = createHmac('sha256', testKeys.clientSecret)
    .update(`${method}${url}${body}${timestamp}`)
    .digest('base64');
  return headers['x-hubspot-signature-v3'] === expected;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const target = req.url ?? '';
      arrived.push({ target, headers: req.headers, body });
      // Deployed at https://app.example.com, or under /hubspot there (the proxy strips the prefix).
      const verified = [publicOrigin, `${publicOrigin}/hubspot`].some((publicBase) =>
        v3Valid(req.method ?? '', `${publicBase}${target}`, body, req.headers),
      );
      if (!verified) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"SIGNATURE_MISMATCH"}');
        return;
      }
      const reply = target.startsWith('/close') ? { message: 'Closed it' } : legacyReply(1, base);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

async function contactId(em: Emulator): Promise<string> {
  const contacts = await call<{ results: { id: string }[] }>(em, 'GET', '/_spoke/records/contacts?q=maria');
  return contacts.body.results[0]?.id ?? '';
}

async function addCard(em: Emulator, appId: number, targetUrl: string): Promise<CardDefinition> {
  const body = { ...cardBody(targetUrl), actions: { baseUrls: [base, 'https://service.test'] } };
  const res = await call<CardDefinition>(em, 'POST', withKey(`/crm/v3/extensions/cards-dev/${appId}`), body);
  expect(res.status).toBe(201);
  return res.body;
}

describe('an app with a public URL: signed for it, delivered to the local target', () => {
  test('a service verifying v3 against https://app.example.com gets its calls through; the inspector shows both URLs', async () => {
    emulator = await testEmulator();
    const recordId = await contactId(emulator);
    const card = await addCard(emulator, 1000, `${base}/card`);
    const patched = await call<App>(emulator, 'PATCH', '/_spoke/apps/1000', { publicUrl: publicOrigin });
    expect(patched.status).toBe(200);
    expect(patched.body.publicUrl).toBe(publicOrigin);

    const before = arrived.length;
    const opened = await call<OpenRecordResult>(
      emulator,
      'POST',
      `/_spoke/records/contacts/${recordId}/cards`,
    );
    expect(opened.body.cards[0]).toMatchObject({ status: 'ok', totalCount: 1 });
    const fetch = arrived[before];
    expect(fetch?.target.startsWith('/card?')).toBe(true);
    // What ngrok and cloudflared pass on: the public Host, and where the call came in.
    expect(fetch?.headers.host).toBe('app.example.com');
    expect(fetch?.headers['x-forwarded-host']).toBe('app.example.com');
    expect(fetch?.headers['x-forwarded-proto']).toBe('https');

    const exchange = opened.body.exchanges[0] as Exchange;
    expect(exchange.request.url).toBe(`${base}${fetch?.target}`);
    expect(exchange.request.signedUrl).toBe(`${publicOrigin}${fetch?.target}`);
    expect(exchange.signature.sources.v3?.startsWith(`GET${publicOrigin}/card?`)).toBe(true);

    // The action hook goes the same way, and so does a fresh replay of the fetch.
    const hook = opened.body.cards[0]?.items[0]?.actions?.find((a) => a.type === 'ACTION_HOOK');
    const action = { ...hook, uri: `${base}/close` };
    const ran = await call<ActionResult>(emulator, 'POST', `/_spoke/records/contacts/${recordId}/actions`, {
      appId: 1000,
      cardId: card.id,
      action,
    });
    expect(ran.body).toMatchObject({ status: 'ok', message: 'Closed it' });
    expect(ran.body.exchange?.request.signedUrl).toBe(`${publicOrigin}/close`);
    const replayed = await call<Exchange>(emulator, 'POST', `/_spoke/requests/${exchange.id}/replay`, {
      timestamp: 'fresh',
    });
    expect(replayed.body).toMatchObject({
      outcome: 'ok',
      request: { signedUrl: exchange.request.signedUrl },
    });
  });

  test('without a public URL the same service refuses every call, as it would through the emulator today', async () => {
    emulator = await testEmulator();
    const recordId = await contactId(emulator);
    await addCard(emulator, 1000, `${base}/card`);
    const opened = await call<OpenRecordResult>(
      emulator,
      'POST',
      `/_spoke/records/contacts/${recordId}/cards`,
    );
    expect(opened.body.cards[0]?.status).toBe('error');
    const exchange = opened.body.exchanges[0] as Exchange;
    expect(exchange.reply?.status).toBe(401);
    expect(exchange.request.signedUrl).toBeUndefined();

    // Cleared again with null: signed for the target itself.
    await call(emulator, 'PATCH', '/_spoke/apps/1000', { publicUrl: `${publicOrigin}/` });
    const cleared = await call<App>(emulator, 'PATCH', '/_spoke/apps/1000', { publicUrl: null });
    expect(cleared.body.publicUrl).toBeNull();
    const again = await call<OpenRecordResult>(
      emulator,
      'POST',
      `/_spoke/records/contacts/${recordId}/cards`,
    );
    expect(again.body.cards[0]?.status).toBe('error');
  });

  test("the public URL's path is a prefix: https://app.example.com/hubspot + /card", async () => {
    emulator = await testEmulator();
    const recordId = await contactId(emulator);
    await addCard(emulator, 1000, `${base}/card`);
    await call(emulator, 'PATCH', '/_spoke/apps/1000', { publicUrl: `${publicOrigin}/hubspot/` });
    const opened = await call<OpenRecordResult>(
      emulator,
      'POST',
      `/_spoke/records/contacts/${recordId}/cards`,
    );
    expect(opened.body.cards[0]?.status).toBe('ok');
    const exchange = opened.body.exchanges[0] as Exchange;
    expect(exchange.request.signedUrl?.startsWith(`${publicOrigin}/hubspot/card?`)).toBe(true);
  });

  test("a card's own public URL overrides the app's for its fetch and hooks; null removes it", async () => {
    emulator = await testEmulator();
    const recordId = await contactId(emulator);
    const local = await addCard(emulator, 1000, `${base}/card`);
    const tunnelled = await call<CardDefinition>(
      emulator,
      'POST',
      withKey('/crm/v3/extensions/cards-dev/1000'),
      {
        ...cardBody(`${base}/other`),
        title: 'Tunnelled',
        actions: { baseUrls: [base] },
      },
    );
    const patched = await call<App>(emulator, 'PATCH', '/_spoke/apps/1000', {
      cardPublicUrls: { [tunnelled.body.id]: publicOrigin },
    });
    expect(patched.body.cardPublicUrls).toEqual({ [tunnelled.body.id]: publicOrigin });

    const opened = await call<OpenRecordResult>(
      emulator,
      'POST',
      `/_spoke/records/contacts/${recordId}/cards`,
    );
    const byCard = new Map(opened.body.cards.map((view) => [view.cardId, view.status]));
    expect(byCard.get(tunnelled.body.id)).toBe('ok');
    expect(byCard.get(local.id)).toBe('error');
    const hook = opened.body.cards
      .find((view) => view.cardId === tunnelled.body.id)
      ?.items[0]?.actions?.find((a) => a.type === 'ACTION_HOOK');
    const ran = await call<ActionResult>(emulator, 'POST', `/_spoke/records/contacts/${recordId}/actions`, {
      appId: 1000,
      cardId: tunnelled.body.id,
      action: { ...hook, uri: `${base}/close` },
    });
    expect(ran.body).toMatchObject({
      status: 'ok',
      exchange: { request: { signedUrl: `${publicOrigin}/close` } },
    });

    const unknown = await call<{ message: string }>(emulator, 'PATCH', '/_spoke/apps/1000', {
      cardPublicUrls: { '999999': publicOrigin },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('has no card 999999');
    const bad = await call(emulator, 'PATCH', '/_spoke/apps/1000', {
      cardPublicUrls: { [tunnelled.body.id]: 'https://app.example.com/#x' },
    });
    expect(bad.status).toBe(400);
    const removed = await call<App>(emulator, 'PATCH', '/_spoke/apps/1000', {
      cardPublicUrls: { [tunnelled.body.id]: null },
    });
    expect(removed.body.cardPublicUrls).toEqual({});
  });

  test.each([
    [{ publicUrl: 'ftp://app.example.com' }, 'publicUrl'],
    [{ publicUrl: 'app.example.com' }, 'publicUrl'],
    [{ publicUrl: 'https://app.example.com/?x=1' }, 'publicUrl'],
    [{ publicUrl: 'https://app.example.com/#top' }, 'publicUrl'],
    [{ mode: 'modern' }, 'mode'],
  ])('PATCH /_spoke/apps/{appId} refuses %j with a 400 naming %s', async (body, field) => {
    emulator = await testEmulator();
    const res = await call<{ message: string }>(emulator, 'PATCH', '/_spoke/apps/1000', body);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(field);
    const app = await call<App>(emulator, 'GET', '/_spoke/apps/1000');
    expect(app.body.publicUrl ?? null).toBeNull();
    expect(app.body.mode ?? null).toBeNull();
  });
});

describe('the request shape is per app', () => {
  test('two apps, two modes: each gets its own shape on the same record page; null follows the emulator again', async () => {
    const service = fakeService((req) =>
      req.url.includes('/close') ? json({ message: 'Closed it' }) : json(legacyReply(2)),
    );
    emulator = await testEmulator({ fetch: service.fetch, mode: 'legacy' });
    const recordId = await contactId(emulator);
    const created = await call<App>(emulator, 'POST', '/_spoke/apps', {
      name: 'Converted app',
      clientSecrets: [testKeys.clientSecret],
      developerApiKey: testKeys.developerApiKey,
      mode: 'converter',
    });
    expect(created.status).toBe(201);
    expect(created.body.mode).toBe('converter');
    const legacyCard = await call<CardDefinition>(
      emulator,
      'POST',
      withKey('/crm/v3/extensions/cards-dev/1000'),
      cardBody('https://service.test/legacy'),
    );
    const converterCard = await call<CardDefinition>(
      emulator,
      'POST',
      withKey(`/crm/v3/extensions/cards-dev/${created.body.id}`),
      cardBody('https://service.test/converted'),
    );

    const opened = await call<OpenRecordResult>(
      emulator,
      'POST',
      `/_spoke/records/contacts/${recordId}/cards`,
    );
    const byApp = new Map(opened.body.cards.map((card) => [card.appId, card]));
    // Legacy cards show the count in the title; the converter's is static. docs/protocol.md §2.4.
    expect(byApp.get(1000)?.title).toBe('Issues (2)');
    expect(byApp.get(created.body.id)?.title).toBe('Issues');
    const legacyFetch = service.seen.find((r) => r.url.startsWith('https://service.test/legacy'));
    const converterFetch = service.seen.find((r) => r.url.startsWith('https://service.test/converted'));
    expect(new URL(legacyFetch?.url ?? '').searchParams.has('appId')).toBe(false);
    expect(new URL(converterFetch?.url ?? '').searchParams.get('appId')).toBe(String(created.body.id));

    const hookOf = (appId: number) =>
      opened.body.cards
        .find((c) => c.appId === appId)
        ?.items[0]?.actions?.find((a) => a.type === 'ACTION_HOOK');
    await call(emulator, 'POST', `/_spoke/records/contacts/${recordId}/actions`, {
      appId: 1000,
      cardId: legacyCard.body.id,
      action: hookOf(1000),
    });
    expect(service.seen.at(-1)?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const converted = await call<ActionResult>(
      emulator,
      'POST',
      `/_spoke/records/contacts/${recordId}/actions`,
      {
        appId: created.body.id,
        cardId: converterCard.body.id,
        action: hookOf(created.body.id),
      },
    );
    expect(converted.body.message).toBe('Close succeeded.');
    expect(service.seen.at(-1)?.headers['content-type']).toBe('application/json');

    // null: the app follows the emulator's mode (legacy here) again.
    const cleared = await call<App>(emulator, 'PATCH', `/_spoke/apps/${created.body.id}`, { mode: null });
    expect(cleared.body.mode).toBeNull();
    const reopened = await call<OpenRecordResult>(
      emulator,
      'POST',
      `/_spoke/records/contacts/${recordId}/cards`,
      {
        appId: created.body.id,
      },
    );
    expect(reopened.body.cards[0]?.title).toBe('Issues (2)');
  });
});

describe('the settings in data files', () => {
  test('an export keeps publicUrl and mode; an older export without them still imports', async () => {
    emulator = await testEmulator();
    await call(emulator, 'PATCH', '/_spoke/apps/1000', { publicUrl: publicOrigin, mode: 'converter' });
    const exported = await call<{ apps: Record<string, unknown>[] }>(
      emulator,
      'GET',
      '/_spoke/state?includeSecrets=true',
    );
    expect(exported.status).toBe(200);
    await emulator.close();

    emulator = await testEmulator();
    expect((await call(emulator, 'PUT', '/_spoke/state', exported.body)).status).toBe(200);
    expect((await call<App>(emulator, 'GET', '/_spoke/apps/1000')).body).toMatchObject({
      publicUrl: publicOrigin,
      mode: 'converter',
    });

    const older = {
      ...exported.body,
      apps: exported.body.apps.map(({ publicUrl: _publicUrl, mode: _mode, ...app }) => app),
    };
    expect((await call(emulator, 'PUT', '/_spoke/state', older)).status).toBe(200);
    const app = (await call<App>(emulator, 'GET', '/_spoke/apps/1000')).body;
    expect(app.publicUrl ?? null).toBeNull();
    expect(app.mode ?? null).toBeNull();
  });
});
