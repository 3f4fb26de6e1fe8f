import type { BodyLimits, CallUrl, IncomingCall } from './incoming-call.ts';
import { readBody } from './read-body.ts';

/** A fetch `Request` as the core sees it; `ctx.request` is the request itself. */
export class FetchCall implements IncomingCall {
  readonly method: string;
  readonly url: CallUrl;
  readonly headers: Headers;
  readonly #request: Request;

  constructor(request: Request) {
    this.#request = request;
    this.method = request.method;
    this.headers = request.headers;
    const parsed = new URL(request.url);
    this.url = {
      href: request.url,
      scheme: parsed.protocol.slice(0, -1),
      host: parsed.host,
      pathname: parsed.pathname,
      search: parsed.search,
    };
  }

  header(name: string): string | undefined {
    return this.headers.get(name) ?? undefined;
  }

  readBody(limits: BodyLimits): Promise<Uint8Array> {
    return readBody(this.#request, this, limits);
  }

  toRequest(): Request {
    return this.#request;
  }

  clientSignal(): AbortSignal {
    return this.#request.signal;
  }
}
