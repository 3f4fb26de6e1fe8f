import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { computeV2, computeV3, verifySignature } from '@spoke/protocol';

/** A running test service on 127.0.0.1 and a way to stop it. */
export interface BareService {
  origin: string;
  /** Every request received: method, URL and raw body. */
  received: { method: string; url: string; body: string }[];
  close(): Promise<void>;
}

type Handler = (
  req: IncomingMessage,
  body: Buffer,
  res: ServerResponse,
  origin: string,
) => void | Promise<void>;

/** Starts a plain node:http server on port 0 that buffers each body before calling `handler`. */
export async function startService(handler: Handler): Promise<BareService> {
  const received: BareService['received'] = [];
  let origin = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ method: req.method ?? '', url: req.url ?? '', body: body.toString('utf8') });
      Promise.resolve(handler(req, body, res, origin)).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

/**
 * A small, correct service for every surface: refuses a body on GET/DELETE, verifies v3
 * signatures only, then parses, then answers; a 401 says only the code.
 */
export function conformingService(secret: string): Promise<BareService> {
  return startService((req, body, res, origin) => {
    const url = `${origin}${req.url}`;
    const method = req.method ?? 'GET';
    if ((method === 'GET' || method === 'DELETE') && body.byteLength > 0) {
      return json(res, 400, { message: 'no body expected' });
    }
    const verified = verifySignature({
      secret,
      method,
      url,
      body,
      headers: req.headers,
      acceptVersions: ['v3'],
    });
    if (!verified.ok) return json(res, 401, { code: verified.code });
    const path = new URL(url).pathname;
    let input: Record<string, unknown> = {};
    if (req.headers['content-type']?.includes('json')) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch {
        return json(res, 400, { message: 'malformed JSON' });
      }
    }
    // Routes match by suffix, so docs can mount them under any prefix (/hubspot/card…).
    if (path.endsWith('/card')) {
      return json(res, 200, {
        results: [
          {
            objectId: 245,
            title: 'API-22: APIs working too fast',
            link: `${origin}/issues/245`,
            properties: [{ label: 'Impact', dataType: 'CURRENCY', value: '94.34', currencyCode: 'GBP' }],
            actions: [
              {
                type: 'ACTION_HOOK',
                httpMethod: 'POST',
                uri: `${origin}${path.replace(/card$/, 'action')}`,
                label: 'Close',
                associatedObjectProperties: [],
              },
            ],
          },
        ],
      });
    }
    if (path.endsWith('/action')) return json(res, 200, { message: 'Closed.' });
    if (path.endsWith('/channels'))
      return json(res, 200, {
        phoneNumbers: [{ e164PhoneNumber: '+18001231234', friendlyName: 'Support line' }],
      });
    const event = path.match(/\/feature\/SHARE_VIA\/event\/([A-Z_]+)$/)?.[1];
    const echo = { portalId: input.portalId, appId: input.appId, eventType: event };
    const recipient = { id: 'R3', name: 'Recipient Three', type: 0 };
    if (event === 'CHECK_PERMISSIONS')
      return json(res, 200, { ...echo, payload: { hasAllRequiredPermissions: true } });
    if (event === 'FETCH_RECIPIENTS')
      return json(res, 200, { ...echo, payload: { recipients: { total: 1, results: [recipient] } } });
    if (event === 'FETCH_RECIPIENT') return json(res, 200, { ...echo, payload: { recipient } });
    if (event === 'SHARE_OBJECT')
      return json(res, 200, { ...echo, payload: { recipientUrl: 'https://chat.example.com/r3' } });
    return json(res, 404, { message: 'no such route' });
  });
}

/** A broken card service: never checks signatures, replies six results, and answers slowly. */
export function brokenCardService(delayMs: number): Promise<BareService> {
  return startService(async (_req, _body, res) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const results = Array.from({ length: 6 }, (_, i) => ({ objectId: i + 1, title: `Item ${i + 1}` }));
    json(res, 200, { results });
  });
}

/**
 * A card service with each weakness `spoke check` looks for: it reads GET bodies, takes the v3
 * timestamp as `Number()` reads it (zero padding and all), falls back to v2 without a timestamp,
 * takes v1 over an empty body, and puts the signature it expected in its 401.
 */
export function vulnerableCardService(secret: string): Promise<BareService> {
  return startService((req, body, res, origin) => {
    const url = `${origin}${req.url}`;
    const method = req.method ?? 'GET';
    const header = (name: string) => {
      const value = req.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    const v3 = header('x-hubspot-signature-v3');
    const timestamp = header('x-hubspot-request-timestamp') ?? '';
    const hex = header('x-hubspot-signature');
    let ok = false;
    let expected = '';
    if (v3 !== undefined) {
      expected = computeV3({ secret, method, url, body, timestamp });
      ok = expected === v3 && Math.abs(Date.now() - Number(timestamp)) <= 300_000;
    } else if (hex !== undefined) {
      const v1 = (header('x-hubspot-signature-version') ?? 'v1') === 'v1';
      const verified = verifySignature({
        secret,
        method,
        url,
        body,
        headers: req.headers,
        // The weaknesses on purpose: every version, and v1's empty-body constant.
        acceptVersions: ['v1', 'v2', 'v3'],
        allowV1EmptyBody: true,
      });
      expected = v1 ? '' : computeV2({ secret, method, url, body });
      ok = verified.ok;
    }
    if (!ok) return json(res, 401, { message: `Expected a signature starting "${expected.slice(0, 8)}"` });
    json(res, 200, { results: [{ objectId: 245, title: 'Record' }] });
  });
}
