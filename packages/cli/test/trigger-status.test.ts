import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '@spoke/emulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runPush } from '../src/commands/push.ts';
import { triggerAction } from '../src/trigger/trigger-action.ts';
import { triggerCard } from '../src/trigger/trigger-card.ts';
import { configCard } from './helpers/fixtures.ts';
import { inProcessBase, inProcessEmulator, testApiKey } from './helpers/in-process-emulator.ts';
import { memoryIo } from './helpers/memory-io.ts';

// A service written without Spoke, failing as real ones do: a Spoke-style 401, an HTML 500 page,
// a POST-only route (Express's 404 page on GET), a redirect to a login page.
const expressNotFound =
  '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot GET /post-only</pre>\n</body>\n</html>\n';
let server: Server;
let origin = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/refuses') {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ code: 'SIGNATURE_MISMATCH', message: "the request's signature does not match it." }),
      );
    } else if (path === '/crashes') {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end(
        "<html><head><title>We're sorry, but something went wrong (500)</title></head><body></body></html>",
      );
    } else if (path === '/post-only' && req.method !== 'POST') {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(expressNotFound);
    } else {
      res.writeHead(302, { location: '/users/sign_in' });
      res.end();
    }
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});

const card = (path: string) => ({
  url: `${origin}${path}`,
  secret: 's',
  param: [],
  baseUrl: [],
  title: 'Card',
});

describe('spoke trigger shows the status, then what the service said, then the URL', () => {
  test('a 401 with {code, message}', async () => {
    const io = memoryIo({ now: Date.now });
    expect(await triggerCard(card('/refuses'), io)).toBe(1);
    const text = io.out();
    const status = text.indexOf('← 401 Unauthorized (');
    const said = text.indexOf("said   SIGNATURE_MISMATCH: the request's signature does not match it.");
    const url = text.indexOf(`url    ${origin}/refuses?userId=`);
    expect(status).toBeGreaterThan(-1);
    expect(said).toBeGreaterThan(status);
    expect(url).toBeGreaterThan(said);
    expect(text).toContain('spoke verify');
  });

  test('a 404 from a POST-only route says cards are fetched with GET', async () => {
    const io = memoryIo({ now: Date.now });
    expect(await triggerCard(card('/post-only'), io)).toBe(1);
    expect(io.out()).toContain('said   Error — Cannot GET /post-only');
    expect(io.out()).toContain('HubSpot always fetches card data with GET');
  });

  test('a 302 to a login page shows where it goes and does not say "register the final URL"', async () => {
    const io = memoryIo({ now: Date.now });
    expect(await triggerCard(card('/card'), io)).toBe(1);
    expect(io.out()).toContain('to     /users/sign_in');
    expect(io.out()).toContain('said   (an empty body)');
    expect(io.out()).toContain('login page');
    expect(io.out()).not.toContain('register the final URL');
  });

  test('--json keeps the status, reason, URL and hint as fields', async () => {
    const io = memoryIo({ now: Date.now });
    expect(await triggerCard({ ...card('/crashes'), json: true }, io)).toBe(1);
    const report = JSON.parse(io.out());
    expect(report.ok).toBe(false);
    expect(report.exchange.error).toMatchObject({
      code: 'DISPATCH_STATUS_NOT_OK',
      status: 500,
      statusText: 'Internal Server Error',
      reason: "We're sorry, but something went wrong (500)",
      url: report.exchange.request.url,
    });
    expect(report.exchange.error.hint).toContain('failed while answering');
  });

  test('an action hook shows the same block', async () => {
    const io = memoryIo({ now: Date.now });
    const code = await triggerAction(
      { url: `${origin}/refuses`, method: 'POST', secret: 's', label: 'Close' },
      io,
    );
    expect(code).toBe(1);
    expect(io.out()).toContain('← 401 Unauthorized (');
    expect(io.out()).toContain('said   SIGNATURE_MISMATCH');
  });
});

describe('spoke trigger --emulator', () => {
  let emulator: Emulator;
  let routed: typeof fetch;
  beforeAll(async () => {
    ({ emulator, fetch: routed } = await inProcessEmulator());
    const dir = await mkdtemp(join(tmpdir(), 'spoke-trigger-status-'));
    const config = {
      cards: [
        configCard({
          fetch: {
            targetUrl: `${origin}/refuses`,
            objectTypes: [{ name: 'contacts', propertiesToSend: [] }],
          },
          actions: { baseUrls: [origin] },
        }),
      ],
    };
    await writeFile(join(dir, 'spoke.config.json'), JSON.stringify(config));
    await runPush(
      { api: inProcessBase, hapikey: testApiKey, appId: '1000', config: 'spoke.config.json' },
      memoryIo({ cwd: dir, fetch: routed }),
    );
  });
  afterAll(() => emulator.close());

  test("the failed card names the status and the service's reason, in text and --json", async () => {
    const text = memoryIo({ fetch: routed, now: Date.now });
    const options = {
      emulator: inProcessBase,
      record: 'contacts:101',
      param: [],
      baseUrl: [],
      title: 'Card',
    };
    expect(await triggerCard(options, text)).toBe(1);
    expect(text.out()).toContain(
      "the service answered 401 Unauthorized: SIGNATURE_MISMATCH: the request's signature does not match it.",
    );
    const json = memoryIo({ fetch: routed, now: Date.now });
    expect(await triggerCard({ ...options, json: true }, json)).toBe(1);
    const report = JSON.parse(json.out());
    expect(report.cards[0].error).toMatchObject({
      status: 401,
      reason: "SIGNATURE_MISMATCH: the request's signature does not match it.",
    });
    expect(report.cards[0].error.url).toContain(`${origin}/refuses?`);
  });
});
