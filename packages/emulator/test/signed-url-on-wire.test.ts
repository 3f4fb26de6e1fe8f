import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { computeV3 } from '@spoke/protocol';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createNodeTransport } from '../src/dispatch/node-transport.ts';
import { sendExchange } from '../src/dispatch/send-exchange.ts';

// The service's view: only the raw request line, the Host header and the body it received.
// It rebuilds the URL as a service does and checks the signatures the emulator sent.

interface Seen {
  method: string;
  target: string;
  host: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const secret = 'wire-secret';
const seen: Seen[] = [];
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        // req.url is the request-target exactly as it was on the request line.
        target: req.url ?? '',
        host: req.headers.host ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function send(url: string, method = 'POST', body = '{"a":1}') {
  const before = seen.length;
  const exchange = await sendExchange({
    kind: 'crm-card.action-hook',
    appId: 1,
    secret,
    method,
    url,
    body,
    contentType: 'application/json',
    transport: createNodeTransport(),
    clock: () => 1_767_000_000_000,
  });
  return { exchange, request: seen.length > before ? seen[seen.length - 1] : undefined };
}

describe('the URL signed is the URL sent, checked by a real node:http service', () => {
  const urls = (base: string) => [
    `${base}/hook?`,
    `${base}/hook?#fragment`,
    `${base}/a b/ü?q=x y&e=a%40b`,
    `${base}`,
    `${base}/hook?x=1&`,
    `http://localhost:${port}/hook?`,
  ];

  test('v2 and v3 verify against the request line and Host header for every URL shape', async () => {
    for (const url of urls(`http://127.0.0.1:${port}`)) {
      const { exchange, request } = await send(url);
      expect(exchange.outcome, url).toBe('ok');
      if (!request) throw new Error(`nothing arrived for ${url}`);
      const rebuilt = `http://${request.host}${request.target}`;
      // What the inspector shows as sent is what arrived.
      expect(exchange.request.url, url).toBe(rebuilt);
      const v2 = createHash('sha256')
        .update(secret + request.method + rebuilt + request.body)
        .digest('hex');
      expect(request.headers['x-hubspot-signature'], url).toBe(v2);
      const timestamp = Number(request.headers['x-hubspot-request-timestamp']);
      expect(request.headers['x-hubspot-signature-v3'], url).toBe(
        computeV3({ secret, method: request.method, url: rebuilt, body: request.body, timestamp }),
      );
      expect(request.headers.authorization, url).toBeUndefined();
    }
  });

  test('a trailing ? is neither on the wire nor in the signed string', async () => {
    const { exchange, request } = await send(`http://127.0.0.1:${port}/hook?`, 'GET', '');
    expect(request?.target).toBe('/hook');
    expect(exchange.signature.sources.v2).toBe(`<secret>GEThttp://127.0.0.1:${port}/hook`);
  });

  test('a URL with user:pw@ is refused before signing: nothing is sent, no Authorization header', async () => {
    const { exchange, request } = await send(`http://user:hunter2@127.0.0.1:${port}/hook`);
    expect(request).toBeUndefined();
    expect(exchange.error?.code).toBe('DISPATCH_URL_INVALID');
    expect(exchange.request.headers).toEqual({});
    expect(exchange.signature.versions).toEqual([]);
  });
});
