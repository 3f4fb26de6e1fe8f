import { connect } from 'node:net';

/**
 * A request written byte by byte on a TCP socket, so it can carry what `fetch` refuses to send:
 * repeated or oddly cased headers, a Content-Length that lies, invalid bytes, a trickled body.
 */
export interface RawRequest {
  readonly method: string;
  /** The request target exactly as it goes on the request line (path and query, or absolute form). */
  readonly target: string;
  /** Header lines in order; names keep their case and may repeat. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: Uint8Array;
}

/** How the bytes go out. */
export interface SendOptions {
  /** Send only this many body bytes (the headers may declare more). @default all of them */
  readonly sendBodyBytes?: number;
  /** After the last byte: close our side (FIN) or keep the socket open. @default 'keep-open' */
  readonly afterBody?: 'half-close' | 'keep-open';
  /** Write the body in pieces of `bytes`, one every `everyMs` (a slow client). */
  readonly trickle?: { readonly bytes: number; readonly everyMs: number };
  /** Give up waiting for the answer after this long; the result is then `timeout`. */
  readonly deadlineMs: number;
}

/** What came back: a parsed response, a connection closed without one, or nothing in time. */
export type RawOutcome =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly headers: ReadonlyMap<string, string>;
      readonly body: Buffer;
      /** Milliseconds from the first byte written to the complete response. */
      readonly elapsedMs: number;
    }
  | { readonly kind: 'closed'; readonly elapsedMs: number }
  | { readonly kind: 'timeout'; readonly elapsedMs: number };

/** Where the server listens. */
export interface Target {
  readonly host: string;
  readonly port: number;
}

const crlf = '\r\n';

/** The request head as bytes (latin1, so a test can put any byte in a header). */
export function headBytes(request: RawRequest): Buffer {
  const lines = [`${request.method} ${request.target} HTTP/1.1`];
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  return Buffer.from(`${lines.join(crlf)}${crlf}${crlf}`, 'latin1');
}

/** Sends one request on a new connection and reads one response. Never rejects. */
export function sendRaw(target: Target, request: RawRequest, options: SendOptions): Promise<RawOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const body = request.body ?? new Uint8Array(0);
  const sent = body.subarray(0, options.sendBodyBytes ?? body.byteLength);
  return new Promise((resolve) => {
    const socket = connect({ host: target.host, port: target.port });
    const received: Buffer[] = [];
    const timers: NodeJS.Timeout[] = [];
    let settled = false;
    const finish = (outcome: RawOutcome) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const tryParse = (ended: boolean) => {
      const parsed = parseResponse(Buffer.concat(received), ended);
      if (parsed !== undefined) finish({ kind: 'response', ...parsed, elapsedMs: elapsed() });
      else if (ended) finish({ kind: 'closed', elapsedMs: elapsed() });
    };
    timers.push(setTimeout(() => finish({ kind: 'timeout', elapsedMs: elapsed() }), options.deadlineMs));
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      tryParse(false);
    });
    socket.on('end', () => tryParse(true));
    socket.on('close', () => tryParse(true));
    // A reset after the server answered early (413 before the body) is not a failure of the request.
    socket.on('error', () => tryParse(true));
    socket.once('connect', () => {
      socket.write(headBytes(request));
      const done = () => {
        if (options.afterBody === 'half-close' && !socket.destroyed) socket.end();
      };
      if (options.trickle === undefined) {
        if (sent.byteLength > 0) socket.write(sent);
        done();
        return;
      }
      const { bytes, everyMs } = options.trickle;
      let offset = 0;
      const next = () => {
        if (settled || socket.destroyed) return;
        if (offset >= sent.byteLength) {
          done();
          return;
        }
        socket.write(sent.subarray(offset, offset + bytes));
        offset += bytes;
        timers.push(setTimeout(next, everyMs));
      };
      timers.push(setTimeout(next, everyMs));
    });
  });
}

/** A complete response in `data`, or undefined while more is needed. */
function parseResponse(
  data: Buffer,
  ended: boolean,
): { status: number; headers: Map<string, string>; body: Buffer } | undefined {
  const headEnd = data.indexOf('\r\n\r\n');
  if (headEnd === -1) return undefined;
  const [statusLine = '', ...lines] = data.subarray(0, headEnd).toString('latin1').split(crlf);
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? Number.NaN);
  if (!Number.isInteger(status)) return undefined;
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  const rest = data.subarray(headEnd + 4);
  const length = headers.get('content-length');
  if (length !== undefined) {
    const size = Number(length);
    if (rest.byteLength < size) return ended ? { status, headers, body: rest } : undefined;
    return { status, headers, body: rest.subarray(0, size) };
  }
  if (headers.get('transfer-encoding')?.toLowerCase() === 'chunked') {
    const body = dechunk(rest);
    if (body !== undefined) return { status, headers, body };
    return ended ? { status, headers, body: rest } : undefined;
  }
  return ended ? { status, headers, body: rest } : undefined;
}

function dechunk(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd === -1) return undefined;
    const size = Number.parseInt(data.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isInteger(size)) return undefined;
    if (size === 0) return Buffer.concat(parts);
    const start = lineEnd + 2;
    if (data.byteLength < start + size + 2) return undefined;
    parts.push(data.subarray(start, start + size));
    offset = start + size + 2;
  }
}
