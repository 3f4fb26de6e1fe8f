import type { HeaderSource } from '@spoke/protocol';

/** The parts of the URL a request arrived on that the core uses; parsed once per request. */
export interface CallUrl {
  /** The absolute URL, spelled as a WHATWG `URL` serialises it (what v2/v3 hash without publicUrl). */
  readonly href: string;
  /** `http` or `https`. */
  readonly scheme: string;
  /** Host and port as in `URL.host`. */
  readonly host: string;
  readonly pathname: string;
  /** The query with its `?`, or `''`. */
  readonly search: string;
}

/** How much body the core accepts, and for how long it waits for it. */
export interface BodyLimits {
  /** Bytes. */
  readonly bodyLimit: number;
  /** Milliseconds for the whole body. */
  readonly bodyTimeout: number;
}

/**
 * A request as an adapter hands it to the core: no fetch `Request` unless a handler asks for
 * one. Node adapters wrap the `IncomingMessage` (headers as Node parsed them, body read straight
 * into a Buffer); the fetch adapter wraps a `Request`.
 */
export interface IncomingCall {
  /** The method as received (Node upper-cases it; fetch only the standard ones). */
  readonly method: string;
  readonly url: CallUrl;
  /** Every header, for signature verification. */
  readonly headers: HeaderSource;
  /** One header by lower-case name (repeated values joined with `, `), or undefined. */
  header(name: string): string | undefined;
  /**
   * The raw body bytes, refused past the limits (SpokeFrameworkError 413 / 408 / 400). Bytes at
   * hand (a GET, a body read upstream) come back directly, saving the core an await.
   */
  readBody(limits: BodyLimits): Uint8Array | Promise<Uint8Array>;
  /** The request as a fetch `Request` carrying `body`; built on first use only. */
  toRequest(body: Uint8Array): Request;
  /** Aborts when the client goes away; built on first use only. */
  clientSignal(): AbortSignal;
}
