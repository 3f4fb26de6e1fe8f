import { limits } from '@spoke/protocol';
import type { ExchangeReply } from './exchange.ts';
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

/** A `fetch`-shaped function, such as a service's `app.fetch` or a test double. */
export type FetchLike = (request: Request) => Promise<Response>;

/** Options of {@link createFetchTransport}. */
export interface FetchTransportOptions extends Omit<TransportOptions, 'connectTimeoutMs'> {
  /** Where requests go, e.g. `createEmulator({ fetch })` in tests. */
  fetch: FetchLike;
}

type Failure = { code: TransportErrorCode; message: string };

async function readCapped(response: Response, buffer: ReplyBuffer): Promise<boolean> {
  if (!response.body) return true;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return true;
    if (!buffer.push(value)) {
      await reader.cancel().catch(() => undefined);
      return false;
    }
  }
}

function send(
  request: TransportRequest,
  fetchFn: FetchLike,
  settings: Required<Omit<TransportOptions, 'connectTimeoutMs'>>,
) {
  const started = performance.now();
  const target = `${request.method} ${request.url}`;
  const checked = checkTargetUrl(request.url);
  const done = (reply: ExchangeReply | null, error: Failure | null): TransportOutcome => ({
    reply,
    error,
    timing: { connectMs: null, totalMs: elapsedSince(started) },
  });
  if (!checked.ok)
    return Promise.resolve(done(null, { code: 'DISPATCH_URL_INVALID', message: checked.message }));
  const totalMs = request.totalTimeoutMs ?? settings.totalTimeoutMs;
  const controller = new AbortController();
  let head: { status: number; headers: Record<string, string> } | null = null;
  const buffer = new ReplyBuffer(settings.maxReplyBytes);
  const snapshot = () => (head ? { ...head, body: buffer.text(), truncated: buffer.truncated } : null);

  const work = (async (): Promise<TransportOutcome> => {
    try {
      const init: RequestInit = { method: request.method, headers: request.headers, redirect: 'manual' };
      if (request.body !== '') init.body = request.body;
      const response = await fetchFn(new Request(request.url, { ...init, signal: controller.signal }));
      head = { status: response.status, headers: Object.fromEntries(response.headers) };
      if (!(await readCapped(response, buffer))) {
        return done(snapshot(), {
          code: 'DISPATCH_REPLY_TOO_LARGE',
          message: transportMessages.tooLarge(target, settings.maxReplyBytes),
        });
      }
      return done(snapshot(), null);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return done(snapshot(), {
        code: 'DISPATCH_CONNECTION_FAILED',
        message: transportMessages.failed(target, detail),
      });
    }
  })();
  // Raced as well as aborted: an injected fetch may ignore the signal.
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<TransportOutcome>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(
        done(snapshot(), {
          code: 'DISPATCH_DEADLINE_EXCEEDED',
          message: transportMessages.deadline(target, totalMs),
        }),
      );
    }, totalMs);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * A transport over an injected `fetch` (`createEmulator({ fetch })`): the total deadline is enforced
 * with an AbortSignal, the connect deadline cannot be (`connectMs` is null), redirects are not followed.
 * @example
 * const transport = createFetchTransport({ fetch: (request) => app.fetch(request) });
 */
export function createFetchTransport(options: FetchTransportOptions): Transport {
  const settings = {
    totalTimeoutMs: options.totalTimeoutMs ?? limits.totalDeadlineMs,
    maxReplyBytes: options.maxReplyBytes ?? limits.maxReplyBytes,
  };
  return {
    deadlines: { connectMs: null, totalMs: settings.totalTimeoutMs },
    send: (request) => send(request, options.fetch, settings),
  };
}
