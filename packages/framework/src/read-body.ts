import { SpokeFrameworkError } from './errors.ts';

const empty = new Uint8Array(0);

/**
 * Reads the raw body bytes, refusing more than `limit`: a larger `Content-Length` is refused
 * before reading, and a stream that runs past the cap is cancelled, so nothing is buffered
 * unbounded. The bytes are what the signature covers, never a re-serialised value.
 */
export async function readBody(request: Request, limit: number): Promise<Uint8Array> {
  if (request.bodyUsed) {
    throw new SpokeFrameworkError(
      'RAW_BODY_UNAVAILABLE',
      `the body of ${request.method} ${request.url} was already read before Spoke saw it, so its signature cannot be checked; hand Spoke the request before anything reads its body.`,
    );
  }
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit) {
    throw tooLarge(request, limit, `Content-Length says ${declared} bytes`);
  }
  if (request.body === null) return empty;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let next: Awaited<ReturnType<typeof reader.read>>;
    try {
      next = await reader.read();
    } catch (cause) {
      throw new SpokeFrameworkError(
        'REQUEST_INVALID',
        `the body of ${request.method} ${request.url} could not be read (the client may have gone away).`,
        { cause },
      );
    }
    if (next.done) break;
    size += next.value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(request, limit, 'stopped reading at the cap');
    }
    chunks.push(next.value);
  }
  return concat(chunks, size);
}

function tooLarge(request: Request, limit: number, detail: string): SpokeFrameworkError {
  return new SpokeFrameworkError(
    'REQUEST_BODY_TOO_LARGE',
    `the body of ${request.method} ${new URL(request.url).pathname} is larger than the ${limit}-byte bodyLimit (${detail}); raise bodyLimit in createApp if such bodies are expected.`,
  );
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
