import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type VerifyResult, verifySignature } from '@spoke/protocol';

/** A request as a bare `node:http` service saw it, with its signature checked. */
export interface SeenRequest {
  method: string;
  /** Full URL as called: `http://127.0.0.1:<port>/path?query`. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** Raw body as received. */
  body: string;
  verification: VerifyResult;
  /** `performance.now()` when the body had arrived. */
  receivedAt: number;
}

export type BareHandler = (request: SeenRequest, res: http.ServerResponse) => void | Promise<void>;

export interface BareService {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export interface BareServiceOptions {
  secret: string;
  handler: BareHandler;
  /** Clock for the v3 timestamp window. @default Date.now */
  now?: () => number;
}

/** Writes a JSON reply. */
export function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * A service written with nothing but `node:http` on 127.0.0.1, port 0 (not the framework), that
 * records each request and checks its signature with the protocol's `verifySignature`.
 */
export async function startBareService(options: BareServiceOptions): Promise<BareService> {
  const requests: SeenRequest[] = [];
  let base = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = `${base}${req.url ?? '/'}`;
      const parsed = new URL(url);
      const method = req.method ?? 'GET';
      const seen: SeenRequest = {
        method,
        url,
        path: parsed.pathname,
        query: parsed.searchParams,
        headers: req.headers,
        body,
        verification: verifySignature({
          secret: options.secret,
          method,
          url,
          body,
          headers: req.headers,
          now: (options.now ?? Date.now)(),
        }),
        receivedAt: performance.now(),
      };
      requests.push(seen);
      Promise.resolve(options.handler(seen, res)).catch(() => {
        if (!res.headersSent) sendJson(res, 500, { message: 'handler failed' });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
