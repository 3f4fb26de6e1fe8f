import { randomUUID as nodeRandomUUID } from 'node:crypto';
import { hubspotFetchRefusals, limits, type PlatformCallKind, type PlatformMode } from '@spoke/protocol';
import type { EmulatorErrorCode } from '../errors.ts';
import type { DispatchOptions } from './dispatch-options.ts';
import type { Exchange, ExchangeReply, ExchangeRequest, SignatureInfo } from './exchange.ts';
import { describeFaults } from './faults.ts';
import { hubspotFetchSlotsOf } from './hubspot-fetch-slots.ts';
import { publicTarget } from './public-url.ts';
import { signRequest } from './sign-request.ts';
import { statusError } from './status-reason.ts';
import { checkTargetUrl, type Transport, wireHref } from './transport.ts';
import { failExchange } from './verdicts.ts';
import { withFaults } from './with-faults.ts';

/** Options of {@link sendExchange}. */
export interface SendExchangeOptions extends DispatchOptions {
  kind: PlatformCallKind;
  appId: number;
  /** The app's client secret. */
  secret: string;
  method: string;
  url: string;
  /** Raw body. @default '' */
  body?: string;
  /** Content type of a non-empty body. */
  contentType?: string;
  /** What triggered the call, kept on the exchange. */
  context?: Exchange['context'];
  /** Sign for this public base URL and deliver to `url`, as a tunnel would. See {@link publicTarget}. */
  publicUrl?: string | null | undefined;
  /** This call's total deadline, instead of the transport's (converter hooks: hubspot.fetch's 15 s). */
  totalTimeoutMs?: number;
  /** The app's request shape: in `converter` mode v3 is signed over the raw URL, as hubspot.fetch does. */
  mode?: PlatformMode | undefined;
  /**
   * The app's `permittedUrls.fetch` (converter mode): each attempt whose URL production's
   * hubspot.fetch would refuse gets a DISPATCH_URL_NOT_PERMITTED warning, and is delivered anyway.
   * Absent: not judged (the caller does not know the app's list).
   */
  permittedFetchUrls?: readonly string[] | null | undefined;
  /** The portal the call is made in: hubspot.fetch counts its concurrent calls per app and account. */
  portal?: { id: number } | undefined;
}

/** A request that is already built and signed (replays). */
export interface PreparedSend {
  kind: PlatformCallKind;
  appId: number;
  correlationId: string;
  request: ExchangeRequest;
  signature: SignatureInfo;
  context: Exchange['context'];
  transport: Transport;
  startedAt: number;
  id: string;
  faults?: DispatchOptions['faults'];
  /** This call's total deadline, instead of the transport's. */
  totalTimeoutMs?: number;
}

function is2xx(status: number): boolean {
  return status >= 200 && status < 300;
}

/** Sends a prepared request and records the transport and status verdicts. */
export async function sendPrepared(prepared: PreparedSend): Promise<Exchange> {
  const deadlineMs = prepared.totalTimeoutMs ?? prepared.transport.deadlines.totalMs;
  const outcome = await withFaults(prepared.transport, prepared.faults).send(
    prepared.totalTimeoutMs === undefined
      ? prepared.request
      : { ...prepared.request, totalTimeoutMs: prepared.totalTimeoutMs },
  );
  const exchange: Exchange = {
    id: prepared.id,
    kind: prepared.kind,
    appId: prepared.appId,
    correlationId: prepared.correlationId,
    startedAt: prepared.startedAt,
    request: prepared.request,
    reply: outcome.reply,
    timing: outcome.timing,
    outcome: 'ok',
    error: null,
    verdicts: [],
    schemaIssues: [],
    signature: prepared.signature,
    context: prepared.context,
  };
  const { signature } = prepared;
  const versions = signature.versions.join(' + ') || 'nothing';
  exchange.verdicts.push({
    code: 'SIGNED',
    severity: signature.fault ? 'warning' : 'info',
    message: `signed with ${versions} at ${signature.timestamp}${signature.fault ? ` (fault: ${signature.fault})` : ''}`,
  });
  const faults = describeFaults(prepared.faults);
  if (faults.length > 0) {
    exchange.verdicts.push({
      code: 'FAULT_INJECTED',
      severity: 'warning',
      message: `faults injected: ${faults.join(', ')}`,
    });
  }
  const reply = outcome.reply;
  if (outcome.error) {
    failExchange(exchange, outcome.error.code, outcome.error.message);
  } else if (reply && !is2xx(reply.status)) {
    // Status first, then what the service said, then the URL and advice. docs/errors.md.
    const { code, message, ...details } = statusError({
      kind: prepared.kind,
      method: prepared.request.method,
      url: prepared.request.url,
      reply,
      forced: prepared.faults?.forceStatus !== undefined,
      signedUrl: prepared.request.signedUrl,
    });
    failExchange(exchange, code, message, undefined, details);
  } else {
    const { deadlines } = prepared.transport;
    const connect =
      exchange.timing.connectMs === null
        ? ''
        : `, connected in ${exchange.timing.connectMs} ms of ${deadlines.connectMs} ms`;
    exchange.verdicts.push({
      code: 'DEADLINE_MET',
      severity: 'info',
      message: `replied in ${exchange.timing.totalMs} ms of ${deadlineMs} ms${connect}`,
    });
  }
  return exchange;
}

/**
 * The one core every dispatcher uses: signs a request, sends it through the transport (with faults),
 * and returns the {@link Exchange} with transport and status verdicts. Callers judge the body.
 */
export async function sendExchange(options: SendExchangeOptions): Promise<Exchange> {
  const uuid = options.randomUUID ?? nodeRandomUUID;
  const id = uuid();
  const startedAt = options.clock();
  const body = options.body ?? '';
  // The URL is parsed once; its wire form is both what is signed and what the transport sends.
  const target = checkTargetUrl(options.url);
  if (!target.ok)
    return unsentExchange(options, { id, correlationId: uuid(), startedAt, body, message: target.message });
  const wire = wireHref(target.url);
  const tunnel = options.publicUrl ? publicTarget(target.url, options.publicUrl) : null;
  const signed = signRequest({
    method: options.method,
    // Sign what the service will see on the wire, e.g. `http://host/` for `http://host`, or the
    // public URL HubSpot would call when the app has one. docs/protocol.md §1.
    url: tunnel?.signedUrl ?? wire,
    body,
    secret: options.secret,
    clock: () => startedAt,
    randomUUID: uuid,
    timeoutMs: options.totalTimeoutMs ?? options.transport.deadlines.totalMs,
    ...(options.contentType === undefined ? {} : { contentType: options.contentType }),
    ...(options.signatureVersions === undefined ? {} : { versions: options.signatureVersions }),
    // hubspot.fetch (converter mode) signs v3 over the URL as sent; legacy cards over the decoded
    // URL. docs/decisions/0011
    v3UrlForm: options.v3UrlForm ?? (options.mode === 'converter' ? 'raw' : 'decoded'),
    ...(options.faults === undefined ? {} : { faults: options.faults }),
  });
  if (tunnel) {
    // Delivered to the local address, as the tunnel would; the inspector shows both URLs.
    signed.request = {
      ...signed.request,
      url: wire,
      signedUrl: tunnel.signedUrl,
      headers: { ...signed.request.headers, ...tunnel.headers },
    };
  }
  return sendPrepared({
    id,
    kind: options.kind,
    appId: options.appId,
    correlationId: signed.correlationId,
    request: signed.request,
    signature: signed.signature,
    context: options.context ?? {},
    transport: options.transport,
    startedAt,
    ...(options.faults === undefined ? {} : { faults: options.faults }),
    ...(options.totalTimeoutMs === undefined ? {} : { totalTimeoutMs: options.totalTimeoutMs }),
  });
}

/** A call and the attempts before it that failed and were sent again. */
export interface SentWithRetries {
  /** The last attempt: the one whose reply the platform uses. */
  exchange: Exchange;
  /** Earlier attempts, oldest first (empty when the first attempt was the last). Log them too. */
  retried: Exchange[];
}

/** {@link sendExchange} in the shape of {@link sendWithHubSpotFetchRetry}: one attempt, no retry (legacy CRM cards). */
export async function sendOnce(options: SendExchangeOptions): Promise<SentWithRetries> {
  return { exchange: await sendExchange(options), retried: [] };
}

/** Why hubspot.fetch sends an attempt again, or null: a connection that failed, or a 5xx. */
function retryReason(exchange: Exchange): string | null {
  const code = exchange.error?.code;
  if (code === 'DISPATCH_CONNECTION_FAILED') return 'the connection failed';
  if (code === 'DISPATCH_CONNECT_TIMEOUT') return 'the connection was not accepted in time';
  const status = exchange.reply?.status;
  if (status !== undefined && status >= 500 && status <= 599 && code === 'DISPATCH_STATUS_NOT_OK')
    return `the service answered ${status}`;
  return null;
}

const idempotentMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Sends a call as `hubspot.fetch` does (converter mode): after a connection failure or a 5xx it
 * sends it once more (re-signed), within what is left of the call's deadline. Each attempt is its
 * own exchange; the retry carries `retryOf`, and both say so in a DISPATCH_RETRIED verdict (a
 * warning when the method is not idempotent: the service has run it twice).
 * HubSpot "Fetching data for UI extensions"; docs/migration.md.
 */
export async function sendWithHubSpotFetchRetry(options: SendExchangeOptions): Promise<SentWithRetries> {
  const sent = await sendWithinHubSpotFetchLimits(options);
  const permitted = options.permittedFetchUrls;
  if (permitted !== undefined && permitted !== null) {
    for (const attempt of [...sent.retried, sent.exchange]) notePermittedUrls(attempt, permitted);
  }
  return sent;
}

/**
 * Marks an attempt production's hubspot.fetch would refuse (not HTTPS, localhost, not covered by
 * `permittedUrls.fetch`), judging the URL HubSpot calls: the public one behind a tunnel.
 */
export function notePermittedUrls(exchange: Exchange, permitted: readonly string[]): void {
  const url = exchange.request.signedUrl ?? exchange.request.url;
  for (const refusal of hubspotFetchRefusals(url, permitted)) {
    exchange.verdicts.push({
      code: 'DISPATCH_URL_NOT_PERMITTED',
      severity: 'warning',
      message: `${refusal.message} Spoke delivered it locally.`,
    });
  }
}

/** hubspot.fetch's limits before anything is sent: 1 MB request bodies, 20 calls in flight per app and account. */
async function sendWithinHubSpotFetchLimits(options: SendExchangeOptions): Promise<SentWithRetries> {
  const bytes = Buffer.byteLength(options.body ?? '');
  const maxBytes = limits.hubspotFetchMaxPayloadBytes;
  if (bytes > maxBytes) {
    const message = `hubspot.fetch refuses a request body over ${maxBytes} bytes (1 MB) and this one is ${bytes}: nothing was sent, as in production. The converter sends the action's associatedObjectProperties as JSON; send fewer or shorter properties.`;
    return { exchange: refusedExchange(options, 'DISPATCH_REQUEST_TOO_LARGE', message), retried: [] };
  }
  const slots = options.hubspotFetchSlots ?? hubspotFetchSlotsOf(options.transport);
  const key = `${options.appId}:${options.portal?.id ?? ''}`;
  if (!slots.take(key)) {
    const portal = options.portal ? ` in portal ${options.portal.id}` : '';
    const message = `429 Too Many Requests from hubspot.fetch, without calling the service: app ${options.appId} already has ${slots.max} hubspot.fetch requests in flight${portal}, HubSpot's limit per app and account, and production rejects the rest with 429 (they "can be retried after a delay"). Fewer cards or hooks at once, or faster replies, keep under it.`;
    const reply: ExchangeReply = { status: 429, headers: {}, body: '', truncated: false };
    return {
      exchange: refusedExchange(options, 'DISPATCH_CONCURRENCY_LIMIT', message, reply),
      retried: [],
    };
  }
  try {
    return await sendWithRetry(options);
  } finally {
    slots.give(key);
  }
}

async function sendWithRetry(options: SendExchangeOptions): Promise<SentWithRetries> {
  const windowMs = options.totalTimeoutMs ?? options.transport.deadlines.totalMs;
  const retried: Exchange[] = [];
  let exchange = await sendExchange(options);
  for (let attempt = 1; attempt <= limits.hubspotFetchRetries; attempt++) {
    const reason = retryReason(exchange);
    const spent = retried.reduce((sum, earlier) => sum + earlier.timing.totalMs, exchange.timing.totalMs);
    const leftMs = Math.floor(windowMs - spent);
    if (reason === null || leftMs <= 0) break;
    const next = await sendExchange({ ...options, totalTimeoutMs: leftMs });
    next.retryOf = exchange.id;
    const method = next.request.method;
    const twice = idempotentMethods.has(method)
      ? ''
      : ` This ${method} has now reached the service twice: make it idempotent, or answer 4xx when it must not be repeated.`;
    exchange.verdicts.push({
      code: 'DISPATCH_RETRIED',
      severity: 'warning',
      message: `${reason}, so hubspot.fetch sent the call again (attempt ${attempt + 1}, exchange ${next.id}) within its ${windowMs} ms window, as production does.${twice}`,
    });
    next.verdicts.push({
      code: 'DISPATCH_RETRIED',
      severity: twice ? 'warning' : 'info',
      message: `attempt ${attempt + 1}: a retry of exchange ${exchange.id}, sent because ${reason}; it had ${leftMs} ms of hubspot.fetch's ${windowMs} ms window left.${twice}`,
    });
    retried.push(exchange);
    exchange = next;
  }
  return { exchange, retried };
}

/** A call hubspot.fetch refuses before sending: a body over 1 MB, or past its concurrent calls (a 429 of its own). */
function refusedExchange(
  options: SendExchangeOptions,
  code: EmulatorErrorCode,
  message: string,
  reply: ExchangeReply | null = null,
): Exchange {
  const uuid = options.randomUUID ?? nodeRandomUUID;
  const exchange = unsentExchange(options, {
    id: uuid(),
    correlationId: uuid(),
    startedAt: options.clock(),
    body: options.body ?? '',
    message,
    code,
  });
  exchange.reply = reply;
  if (reply && exchange.error) {
    exchange.error = {
      ...exchange.error,
      status: reply.status,
      statusText: 'Too Many Requests',
      url: options.url,
    };
  }
  return exchange;
}

/** A call refused before signing (a URL that is not absolute http(s), or carries userinfo): nothing is sent. */
export function unsentExchange(
  options: SendExchangeOptions,
  refused: {
    id: string;
    correlationId: string;
    startedAt: number;
    body: string;
    message: string;
    code?: EmulatorErrorCode;
  },
): Exchange {
  const exchange: Exchange = {
    id: refused.id,
    kind: options.kind,
    appId: options.appId,
    correlationId: refused.correlationId,
    startedAt: refused.startedAt,
    request: { method: options.method.toUpperCase(), url: options.url, headers: {}, body: refused.body },
    reply: null,
    timing: { connectMs: null, totalMs: 0 },
    outcome: 'ok',
    error: null,
    verdicts: [],
    schemaIssues: [],
    signature: { versions: [], timestamp: String(refused.startedAt), sources: {} },
    context: options.context ?? {},
  };
  failExchange(exchange, refused.code ?? 'DISPATCH_URL_INVALID', refused.message);
  return exchange;
}
