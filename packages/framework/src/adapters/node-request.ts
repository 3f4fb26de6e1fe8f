import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** Options of {@link toRequest}. */
export interface ToRequestOptions {
  /** The raw body when something upstream already read it (Express `req.rawBody`, a Fastify buffer). @default the request stream */
  body?: Uint8Array;
  /** Path and query to use instead of `req.url` (Express `req.originalUrl` under a mount path). @default req.url */
  url?: string;
  /** Aborts the request (the adapter ties it to the client going away). */
  signal?: AbortSignal;
}

const bodiless = new Set(['GET', 'HEAD']);

/**
 * Translates a Node `IncomingMessage` into a fetch `Request`, streaming the body (so the core's
 * cap applies while reading) and keeping every header as received. Nothing is parsed here.
 */
export function toRequest(req: IncomingMessage, options: ToRequestOptions = {}): Request {
  const method = (req.method ?? 'GET').toUpperCase();
  const init: RequestInit & { duplex?: 'half' } = {
    method,
    headers: toHeaders(req.rawHeaders),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  if (!bodiless.has(method)) {
    init.body = options.body ?? bodyStream(req);
    init.duplex = 'half';
  }
  return new Request(requestUrl(req, options.url ?? req.url ?? '/'), init);
}

function requestUrl(req: IncomingMessage, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  const scheme = (req.socket as Partial<TLSSocket>).encrypted === true ? 'https' : 'http';
  const tail = path.startsWith('/') ? path : `/${path}`;
  const host = req.headers.host;
  // A missing or malformed Host cannot crash the adapter; the request will then fail verification.
  if (host !== undefined && URL.canParse(`${scheme}://${host}${tail}`)) return `${scheme}://${host}${tail}`;
  return `${scheme}://localhost${tail}`;
}

/** Node's raw header list as fetch `Headers`, every header as received (pseudo-headers skipped). */
export function toHeaders(raw: readonly string[]): Headers {
  const headers = new Headers();
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index];
    const value = raw[index + 1];
    if (name === undefined || value === undefined || name.startsWith(':')) continue;
    try {
      headers.append(name, value);
    } catch {
      // A header fetch cannot represent is dropped, never a crash.
    }
  }
  return headers;
}

/**
 * The request body as a web stream with backpressure. Cancelling it (body over the cap) drains
 * the rest instead of destroying the socket, so the client still receives the 413.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let open = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (req.readableEnded) {
        open = false;
        controller.close();
        return;
      }
      req.on('data', (chunk: Buffer) => {
        if (!open) return;
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.once('end', () => {
        if (open) controller.close();
        open = false;
      });
      req.once('error', (error) => {
        if (open) controller.error(error);
        open = false;
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      open = false;
      req.resume();
    },
  });
}
