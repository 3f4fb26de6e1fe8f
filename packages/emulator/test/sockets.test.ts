import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ActionResult,
  createNodeTransport,
  type Emulator,
  type OpenRecordResult,
} from '@spoke/emulator';
import { verifySignature } from '@spoke/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { cardBody, testEmulator, testKeys } from './helpers/test-emulator.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A service written with bare node:http: verifies the signature itself, like any language would. */
async function bareService(delayMs = 0) {
  const seen: { method: string; url: string; body: string; verified: boolean }[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = `http://${req.headers.host}${req.url}`;
      const result = verifySignature({
        secret: testKeys.clientSecret,
        method: req.method ?? 'GET',
        url,
        body,
        headers: req.headers,
      });
      seen.push({ method: req.method ?? '', url, body, verified: result.ok });
      setTimeout(() => {
        if (!result.ok) {
          res
            .writeHead(401, { 'content-type': 'application/json' })
            .end(JSON.stringify({ message: result.message }));
          return;
        }
        const reply = req.url?.startsWith('/hook')
          ? { message: 'Done from node:http' }
          : {
              results: [
                {
                  objectId: 7,
                  title: 'From a bare service',
                  actions: [
                    {
                      type: 'ACTION_HOOK',
                      httpMethod: 'POST',
                      uri: `http://${req.headers.host}/hook`,
                      label: 'Ping',
                    },
                  ],
                },
              ],
            };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanup.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { base, seen };
}

async function listening(emulator: Emulator) {
  cleanup.push(() => emulator.close());
  return (await emulator.listen(0, '127.0.0.1')).url;
}

async function post<T>(url: string, body: unknown = {}): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as T;
}

async function firstContact(url: string): Promise<string> {
  const res = (await (await fetch(`${url}/_spoke/records/contacts`)).json()) as { results: { id: string }[] };
  return res.results[0]?.id ?? '';
}

describe('over real sockets', () => {
  test('a bare node:http service gets signed data fetches and action hooks it can verify', async () => {
    const service = await bareService();
    const url = await listening(await testEmulator());
    const created = await fetch(
      `${url}/crm/v3/extensions/cards-dev/1000?hapikey=${testKeys.developerApiKey}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...cardBody(`${service.base}/card`), actions: { baseUrls: [service.base] } }),
      },
    );
    expect(created.status).toBe(201);
    const cardId = ((await created.json()) as { id: string }).id;
    const id = await firstContact(url);
    const opened = await post<OpenRecordResult>(`${url}/_spoke/records/contacts/${id}/cards`);
    expect(opened.cards[0]).toMatchObject({ status: 'ok', items: [{ title: 'From a bare service' }] });
    expect(opened.exchanges[0]?.timing.connectMs).not.toBeNull();
    const action = opened.cards[0]?.items[0]?.actions[0];
    const ran = await post<ActionResult>(`${url}/_spoke/records/contacts/${id}/actions`, {
      appId: 1000,
      cardId,
      action,
    });
    expect(ran).toMatchObject({ status: 'ok', message: 'Done from node:http' });
    expect(service.seen.map((s) => [s.method, s.verified])).toEqual([
      ['GET', true],
      ['POST', true],
    ]);
    expect(new URLSearchParams(service.seen[1]?.body).get('associatedObjectType')).toBe('CONTACT');
  });

  test('a reply past the total deadline shows the card as failed', async () => {
    const service = await bareService(400);
    const emulator = await testEmulator({ transport: createNodeTransport({ totalTimeoutMs: 150 }) });
    const url = await listening(emulator);
    await fetch(`${url}/crm/v3/extensions/cards-dev/1000?hapikey=${testKeys.developerApiKey}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(cardBody(`${service.base}/card`)),
    });
    const opened = await post<OpenRecordResult>(
      `${url}/_spoke/records/contacts/${await firstContact(url)}/cards`,
    );
    expect(opened.cards[0]).toMatchObject({ status: 'error', error: { code: 'DISPATCH_DEADLINE_EXCEEDED' } });
  });

  test('close() ends open event streams and frees the port', async () => {
    const emulator = await testEmulator();
    const { url, port } = await emulator.listen(0, '127.0.0.1');
    const stream = await fetch(`${url}/_spoke/events`);
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const started = Date.now();
    await emulator.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(fetch(`http://127.0.0.1:${port}/_spoke/health`)).rejects.toThrow();
    await reader.cancel().catch(() => undefined);
  });
});
