import { SpokeFrameworkError } from './errors.ts';
import type { BodyLimits } from './incoming-call.ts';

const empty = new Uint8Array(0);

/** Which request a body error is about, for messages. */
export interface BodyOwner {
  readonly method: string;
  readonly url: { readonly pathname: string };
}

/**
 * Reads a fetch `Request`'s raw body, refusing more than `bodyLimit` bytes or a body still
 * arriving after `bodyTimeout` ms: a larger `Content-Length` is refused before reading, and a
 * stream that runs past the cap or the time is cancelled, so nothing is buffered unbounded or
 * waited for forever. The bytes are what the signature covers, never a re-serialised value.
 */
export async function readBody(request: Request, owner: BodyOwner, limits: BodyLimits): Promise<Uint8Array> {
  if (request.bodyUsed) {
    throw new SpokeFrameworkError(
      'RAW_BODY_UNAVAILABLE',
      `the body of ${request.method} ${request.url} was already read before Spoke saw it, so its signature cannot be checked; hand Spoke the request before anything reads its body.`,
    );
  }
  const declared = request.headers.get('content-length');
  if (declared !== null) refuseDeclaredLength(owner, declared, limits.bodyLimit);
  if (request.body === null) return empty;
  const reader = request.body.getReader();
  let timedOut = false;
  // Cancelling the reader settles the pending read, so a trickling body cannot hold the core.
  const timer = setTimeout(() => {
    timedOut = true;
    reader.cancel().catch(() => undefined);
  }, limits.bodyTimeout);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await reader.read();
      } catch (cause) {
        if (timedOut) throw bodyTimedOut(owner, limits.bodyTimeout, size);
        throw unreadable(owner, cause);
      }
      if (timedOut) throw bodyTimedOut(owner, limits.bodyTimeout, size);
      if (next.done) break;
      size += next.value.byteLength;
      if (size > limits.bodyLimit) {
        await reader.cancel().catch(() => undefined);
        throw bodyTooLarge(owner, limits.bodyLimit, 'stopped reading at the cap');
      }
      chunks.push(next.value);
    }
  } finally {
    clearTimeout(timer);
  }
  return concat(chunks, size);
}

/** Throws 413 when a well-formed `Content-Length` is over the cap (checked before reading). */
export function refuseDeclaredLength(owner: BodyOwner, declared: string, limit: number): void {
  if (/^\d+$/.test(declared) && Number(declared) > limit) {
    throw bodyTooLarge(owner, limit, `Content-Length says ${declared} bytes`);
  }
}

/** REQUEST_BODY_TOO_LARGE, naming the path and the cap. */
export function bodyTooLarge(owner: BodyOwner, limit: number, detail: string): SpokeFrameworkError {
  return new SpokeFrameworkError(
    'REQUEST_BODY_TOO_LARGE',
    `the body of ${owner.method} ${owner.url.pathname} is larger than the ${limit}-byte bodyLimit (${detail}); raise bodyLimit in createApp if such bodies are expected.`,
  );
}

/** REQUEST_BODY_TIMEOUT, naming the path, the limit and how to raise it. */
export function bodyTimedOut(owner: BodyOwner, timeout: number, received: number): SpokeFrameworkError {
  return new SpokeFrameworkError(
    'REQUEST_BODY_TIMEOUT',
    `the body of ${owner.method} ${owner.url.pathname} did not arrive within the ${timeout} ms bodyTimeout (${received} bytes received), so Spoke stopped reading; raise bodyTimeout in createApp if such slow clients are expected.`,
  );
}

/** REQUEST_INVALID for a body stream that failed (the client went away mid-body). */
export function unreadable(owner: BodyOwner, cause: unknown): SpokeFrameworkError {
  return new SpokeFrameworkError(
    'REQUEST_INVALID',
    `the body of ${owner.method} ${owner.url.pathname} could not be read (the client may have gone away).`,
    { cause },
  );
}

/** The chunks as one byte array (the only chunk itself when there is one). */
export function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
