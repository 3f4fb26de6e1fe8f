import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { LookupFunction, Socket } from 'node:net';
import { limits } from '@spoke/protocol';
import { ReplyBuffer } from './reply-buffer.ts';
import {
  checkTargetUrl,
  elapsedSince,
  type Transport,
  type TransportErrorCode,
  type TransportOptions,
  type TransportOutcome,
  type TransportRequest,
  transportMessages,
} from './transport.ts';

/** Options of {@link createNodeTransport}. */
export interface NodeTransportOptions extends TransportOptions {
  /**
   * Agent for the requests. The default opens a fresh connection per call, so connect time is
   * measured every time, as HubSpot's does for each call.
   * @default false (no pooling)
   */
  agent?: http.Agent | false;
  /**
   * Host-name lookup, e.g. to point a public host name at 127.0.0.1 while keeping the URL that is signed.
   * @default dns.lookup
   */
  lookup?: LookupFunction;
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code} (${error.message})` : error.message;
  }
  return String(error);
}

type Connection = Pick<http.RequestOptions, 'agent' | 'lookup'>;

function send(request: TransportRequest, settings: Required<TransportOptions>, connection: Connection) {
  return new Promise<TransportOutcome>((resolve) => {
    const started = performance.now();
    const target = `${request.method} ${request.url}`;
    const checked = checkTargetUrl(request.url);
    if (!checked.ok) {
      resolve({
        reply: null,
        error: { code: 'DISPATCH_URL_INVALID', message: checked.message },
        timing: { connectMs: null, totalMs: 0 },
      });
      return;
    }
    const totalMs = request.totalTimeoutMs ?? settings.totalTimeoutMs;
    let connectMs: number | null = null;
    let head: { status: number; headers: Record<string, string> } | null = null;
    const buffer = new ReplyBuffer(settings.maxReplyBytes);
    let settled = false;
    const timers: NodeJS.Timeout[] = [];

    const lib = checked.url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== '') headers['Content-Length'] = String(Buffer.byteLength(request.body));
    const req = lib.request(checked.url, { method: request.method, headers, ...connection });

    const finish = (error: { code: TransportErrorCode; message: string } | null) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      req.destroy();
      const reply = head ? { ...head, body: buffer.text(), truncated: buffer.truncated } : null;
      resolve({ reply, error, timing: { connectMs, totalMs: elapsedSince(started) } });
    };

    timers.push(
      setTimeout(
        () =>
          finish({
            code: 'DISPATCH_DEADLINE_EXCEEDED',
            message: transportMessages.deadline(target, totalMs),
          }),
        totalMs,
      ),
      setTimeout(() => {
        if (connectMs !== null) return;
        const ms = settings.connectTimeoutMs;
        finish({ code: 'DISPATCH_CONNECT_TIMEOUT', message: transportMessages.connect(target, ms) });
      }, settings.connectTimeoutMs),
    );

    const connected = () => {
      connectMs ??= elapsedSince(started);
    };
    req.on('socket', (socket: Socket) => {
      // `pending` is true until the socket is connected; a pooled socket is already connected.
      if (socket.pending) socket.once('connect', connected);
      else connected();
    });
    req.on('error', (error) => {
      finish({
        code: 'DISPATCH_CONNECTION_FAILED',
        message: transportMessages.failed(target, describeError(error)),
      });
    });
    req.on('response', (res) => {
      connected();
      head = { status: res.statusCode ?? 0, headers: flattenHeaders(res.headers) };
      res.on('data', (chunk: Buffer) => {
        if (!buffer.push(chunk)) {
          const message = transportMessages.tooLarge(target, settings.maxReplyBytes);
          finish({ code: 'DISPATCH_REPLY_TOO_LARGE', message });
        }
      });
      res.on('end', () => finish(null));
      res.on('error', () => undefined);
      res.on('close', () => {
        if (res.complete) return;
        const detail = 'the connection closed before the reply ended';
        finish({ code: 'DISPATCH_CONNECTION_FAILED', message: transportMessages.failed(target, detail) });
      });
    });
    req.end(request.body === '' ? undefined : request.body);
  });
}

/**
 * The default transport: `node:http`/`node:https`, a fresh connection per call, connect and total
 * deadlines, a reply-size cap, no redirects followed. Never throws; returns a {@link TransportOutcome}.
 * @example
 * const transport = createNodeTransport({ totalTimeoutMs: 200 });
 * const outcome = await transport.send({ method: 'GET', url, headers: {}, body: '' });
 */
export function createNodeTransport(options: NodeTransportOptions = {}): Transport {
  const settings: Required<TransportOptions> = {
    connectTimeoutMs: options.connectTimeoutMs ?? limits.connectDeadlineMs,
    totalTimeoutMs: options.totalTimeoutMs ?? limits.totalDeadlineMs,
    maxReplyBytes: options.maxReplyBytes ?? limits.maxReplyBytes,
  };
  const connection: Connection = { agent: options.agent ?? false };
  if (options.lookup) connection.lookup = options.lookup;
  return {
    deadlines: { connectMs: settings.connectTimeoutMs, totalMs: settings.totalTimeoutMs },
    send: (request) => send(request, settings, connection),
  };
}
