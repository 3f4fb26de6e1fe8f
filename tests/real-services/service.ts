import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What every service here records of a request it received, before it answers. */
export interface ReceivedRequest {
  method: string;
  /** The request target as received: path and query. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body ('' for none). */
  body: string;
}

/** A running service on 127.0.0.1 (port 0). */
export interface RealService {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** The URL HubSpot is configured to call: the card's target URL or the action hook's URI. */
  url: string;
  /** Every request received, in order. */
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 port 0 and wraps the server as a {@link RealService}. */
export async function listen(
  server: Server,
  path: string,
  received: ReceivedRequest[],
): Promise<RealService> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: `${origin}${path}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A plain node:http service on `path`: each request's body is read whole and recorded, then
 * `answer` gets it with the origin it was called on (`http://` + its Host header).
 */
export function startHttpService(
  path: string,
  answer: (request: ReceivedRequest, res: ServerResponse, origin: string) => void,
): Promise<RealService> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const request = { method: req.method ?? 'GET', url: req.url ?? '', headers: req.headers, body };
      received.push(request);
      answer(request, res, `http://${req.headers.host}`);
    });
  });
  return listen(server, path, received);
}

/** A classic card reply with one item, as HubSpot's card docs show it. */
export function cardReply(title: string, origin: string) {
  return {
    results: [
      {
        objectId: 245,
        title,
        link: `${origin}/tickets/245`,
        properties: [{ label: 'Status', dataType: 'STATUS', value: 'Open', optionType: 'SUCCESS' }],
      },
    ],
  };
}
