import type { EmulatorErrorCode } from '../errors.ts';
import type { ExchangeReply } from './exchange.ts';

/** Codes a transport reports; everything else is judged after the reply arrived. */
export type TransportErrorCode = Extract<
  EmulatorErrorCode,
  | 'DISPATCH_CONNECT_TIMEOUT'
  | 'DISPATCH_DEADLINE_EXCEEDED'
  | 'DISPATCH_CONNECTION_FAILED'
  | 'DISPATCH_REPLY_TOO_LARGE'
  | 'DISPATCH_URL_INVALID'
>;

/** One outbound request, already signed. */
export interface TransportRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Raw body ('' for none). */
  body: string;
  /** Per-call total deadline, overriding the transport's (fault latency uses it). */
  totalTimeoutMs?: number;
}

/**
 * What happened, never thrown: a reply (possibly partial), an error, or both (a reply cut off by
 * the deadline or the size cap keeps what arrived).
 */
export interface TransportOutcome {
  reply: ExchangeReply | null;
  error: { code: TransportErrorCode; message: string } | null;
  /** `connectMs` is null when it could not be measured (fetch) or no connection was made. */
  timing: { connectMs: number | null; totalMs: number };
}

/** Sends a platform call to a service and measures it. */
export interface Transport {
  /** The deadlines this transport enforces (`connectMs` null when it cannot, as with fetch). */
  readonly deadlines: { readonly connectMs: number | null; readonly totalMs: number };
  send(request: TransportRequest): Promise<TransportOutcome>;
}

/** Options shared by the transports. */
export interface TransportOptions {
  /**
   * Time allowed to open the connection.
   * @default limits.connectDeadlineMs (3000)
   */
  connectTimeoutMs?: number;
  /**
   * Time allowed for the whole exchange, reply body included.
   * @default limits.totalDeadlineMs (5000)
   */
  totalTimeoutMs?: number;
  /**
   * Reply bytes read before the rest is dropped and the reply marked truncated.
   * @default limits.maxReplyBytes
   */
  maxReplyBytes?: number;
}

/** Milliseconds rounded to a tenth, so logs stay readable. */
export function elapsedSince(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}

// What WHATWG parsing would read as another host than the text shows: leading whitespace or
// control characters (trimmed), a backslash before the query (read as '/'). Refused instead. Tabs,
// line breaks and trailing spaces it drops are harmless here: the parsed URL is what is signed and sent.
function ambiguity(url: string): string | null {
  const first = url.charCodeAt(0);
  if (first <= 32 || first === 127) return 'leading whitespace or control characters';
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 63 || c === 35) break;
    if (c === 92) return 'a backslash before the query';
  }
  return null;
}

/**
 * Checks a target before anything is signed or sent: an absolute http(s) URL without userinfo, or a
 * reason why not. `user:pw@` is refused: Node would turn it into an `Authorization: Basic` header
 * that was never signed and that the inspector would not show, and HubSpot never sends one.
 */
export function checkTargetUrl(url: string): { ok: true; url: URL } | { ok: false; message: string } {
  const ambiguous = ambiguity(url);
  if (ambiguous) {
    return {
      ok: false,
      message: `${JSON.stringify(url)} has ${ambiguous}, which the URL parser rewrites silently; the platform does not call it. Write the plain URL.`,
    };
  }
  if (!URL.canParse(url)) {
    return {
      ok: false,
      message: `${JSON.stringify(url)} is not an absolute URL; the platform cannot call it.`,
    };
  }
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, message: `${url} is not an http(s) URL; the platform only calls http and https.` };
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return {
      ok: false,
      message: `${parsed.protocol}//…@${parsed.host}${parsed.pathname} carries a user name or password (user:pw@host); the platform never sends credentials in the URL. Remove them.`,
    };
  }
  return { ok: true, url: parsed };
}

/**
 * The URL exactly as it goes over the wire, which is what gets signed: scheme, the `Host` header's
 * value (`url.host`) and the request target (`pathname + search`) of one WHATWG-parsed URL. So a bare
 * host gains its `/` path, characters a client must escape are escaped, existing escapes are kept,
 * the fragment (never sent) is dropped, and so is a lone trailing `?` (Node's request line has no
 * `?` when the query is empty, so the signed string has none either).
 */
export function wireHref(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}${url.search}`;
}

/** {@link wireHref} of a string; a URL that does not parse is returned unchanged. */
export function wireUrl(url: string): string {
  return URL.canParse(url) ? wireHref(new URL(url)) : url;
}

/** Standard messages, so both transports word things the same way. */
export const transportMessages = {
  deadline: (target: string, ms: number) =>
    `${target} did not finish replying within ${ms} ms, the platform's total deadline; HubSpot shows the card or action as failed. Reply sooner and do slow work after answering.`,
  connect: (target: string, ms: number) =>
    `${target} did not accept the connection within ${ms} ms, the platform's connect deadline. Check that the service is running and reachable at that address.`,
  tooLarge: (target: string, bytes: number) =>
    `${target} replied with more than ${bytes} bytes; the platform stopped reading and rejects the reply. Send a smaller reply.`,
  failed: (target: string, detail: string) =>
    `${target} failed: ${detail}. Check that the service is running, listens on that port and does not close the connection before replying.`,
} as const;
