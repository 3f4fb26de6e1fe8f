import type { BodyLimits, CallUrl, IncomingCall } from './incoming-call.ts';
import { callUrlOfHref } from './plain-url.ts';
import { readBody } from './read-body.ts';

const empty = new Uint8Array(0);

/**
 * A fetch `Request` as the core sees it; `ctx.request` is the request itself. It reads as little
 * of the request as the core needs, so a runtime's lightweight request (`@hono/node-server`'s)
 * stays light: headers one by one through `headers.get`, the URL split as a string once, and the
 * body not touched at all on a GET or HEAD (a fetch `Request` with those methods has none).
 */
export class FetchCall implements IncomingCall {
  readonly method: string;
  readonly url: CallUrl;
  readonly #request: Request;
  #headers: Headers | undefined;

  constructor(request: Request) {
    this.#request = request;
    this.method = request.method;
    this.url = callUrlOfHref(request.url);
  }

  get headers(): Headers {
    this.#headers ??= this.#request.headers;
    return this.#headers;
  }

  header(name: string): string | undefined {
    return this.headers.get(name) ?? undefined;
  }

  readBody(limits: BodyLimits): Uint8Array | Promise<Uint8Array> {
    if (this.method === 'GET' || this.method === 'HEAD') return empty;
    return readBody(this.#request, this, limits);
  }

  toRequest(): Request {
    return this.#request;
  }

  clientSignal(): AbortSignal {
    return this.#request.signal;
  }
}
