import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { BodyLimits, CallUrl, IncomingCall } from '../incoming-call.ts';
import {
  type BodyOwner,
  bodyTimedOut,
  bodyTooLarge,
  concat,
  refuseDeclaredLength,
  unreadable,
} from '../read-body.ts';
import { callUrlOf } from './call-url.ts';
import { toHeaders } from './node-request.ts';

const empty = new Uint8Array(0);
const bodiless = new Set(['GET', 'HEAD']);

/**
 * A Node request as the core sees it: headers as Node parsed them, the body read straight from
 * the `IncomingMessage` into a Buffer, and a fetch `Request` / abort signal only when a handler
 * asks for `ctx.request` / `ctx.signal`.
 */
export class NodeCall implements IncomingCall {
  readonly method: string;
  readonly url: CallUrl;
  readonly headers: IncomingHttpHeaders;
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse | undefined;
  readonly #body: Uint8Array | Readable | undefined;
  #signal: AbortSignal | undefined;

  /**
   * @param target path and query as the host framework saw it (Express `originalUrl`).
   * @param body the raw bytes when something upstream already read them, or the stream to read
   *   when it is not the request itself (Fastify hands the body stream to its parser).
   * @param url the parsed target, when the adapter already parsed it.
   */
  constructor(
    req: IncomingMessage,
    res: ServerResponse | undefined,
    target: string,
    body?: Uint8Array | Readable,
    url: CallUrl = callUrlOf(req, target),
  ) {
    this.#req = req;
    this.#res = res;
    this.#body = body;
    this.method = (req.method ?? 'GET').toUpperCase();
    this.headers = req.headers;
    this.url = url;
  }

  header(name: string): string | undefined {
    const value = this.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  readBody(limits: BodyLimits): Uint8Array | Promise<Uint8Array> {
    const declared = this.headers['content-length'];
    if (declared !== undefined) refuseDeclaredLength(this, declared, limits.bodyLimit);
    if (bodiless.has(this.method)) return empty;
    const body = this.#body;
    if (body instanceof Uint8Array) {
      if (body.byteLength > limits.bodyLimit) {
        throw bodyTooLarge(this, limits.bodyLimit, 'stopped reading at the cap');
      }
      return body;
    }
    return readNodeBody(body ?? this.#req, this, limits);
  }

  toRequest(body: Uint8Array): Request {
    const init: RequestInit & { duplex?: 'half' } = {
      method: this.method,
      headers: toHeaders(this.#req.rawHeaders),
      signal: this.clientSignal(),
    };
    if (!bodiless.has(this.method)) {
      init.body = body;
      init.duplex = 'half';
    }
    return new Request(this.url.href, init);
  }

  clientSignal(): AbortSignal {
    if (this.#signal !== undefined) return this.#signal;
    const controller = new AbortController();
    this.#signal = controller.signal;
    const res = this.#res;
    if (res === undefined) return this.#signal;
    // First read after the reply went out (a handler keeping ctx): the client did not go away.
    if (res.writableEnded) return this.#signal;
    if (res.destroyed || this.#req.socket?.destroyed === true) {
      controller.abort();
      return this.#signal;
    }
    res.once('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    return this.#signal;
  }
}

/**
 * Reads a Node request body into one buffer under the cap and the time limit. Past the cap the
 * rest is drained (not buffered), so the client still receives the 413; past the time the
 * reading stops and the adapter answers 408 and closes the connection.
 */
function readNodeBody(req: Readable, owner: BodyOwner, limits: BodyLimits): Promise<Uint8Array> {
  if (req.readableEnded) return Promise.resolve(empty);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limits.bodyLimit) {
        stop();
        req.resume();
        reject(bodyTooLarge(owner, limits.bodyLimit, 'stopped reading at the cap'));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(concat(chunks, size));
    };
    const onError = (cause: unknown) => {
      stop();
      reject(unreadable(owner, cause));
    };
    // `close` before `end`: the client went away mid-body.
    const onClose = () => {
      stop();
      reject(unreadable(owner, new Error('the connection closed before the body ended')));
    };
    const timer = setTimeout(() => {
      stop();
      req.resume();
      reject(bodyTimedOut(owner, limits.bodyTimeout, size));
    }, limits.bodyTimeout);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onError);
    req.once('close', onClose);
  });
}
