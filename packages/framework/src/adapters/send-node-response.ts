import type { ServerResponse } from 'node:http';
import { type CoreResult, jsonTextOf } from '../respond.ts';

/** Writes a fetch `Response` to a Node `ServerResponse`: status, headers (every Set-Cookie), body. */
export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  const text = jsonTextOf(response);
  const body =
    text !== undefined
      ? Buffer.from(text)
      : response.body === null
        ? null
        : Buffer.from(await response.arrayBuffer());
  if (res.headersSent || res.destroyed) return;
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (body !== null) res.setHeader('content-length', body.byteLength);
  res.end(body);
}

/**
 * Writes the core's answer: a plain reply with one `writeHead` + `end` (no `Response` built or
 * read back), a handler's own `Response` through {@link sendResponse}. A reply that asks for it
 * (the body was not read to its end) closes the connection once written.
 */
export function writeReply(res: ServerResponse, result: CoreResult): Promise<void> | undefined {
  if (result instanceof Response) return sendResponse(res, result);
  if (res.headersSent || res.destroyed) return undefined;
  const headers: Record<string, string | number> = {
    ...result.headers,
    'content-length': Buffer.byteLength(result.body),
  };
  if (result.closeConnection === true) headers.connection = 'close';
  res.writeHead(result.status, headers);
  res.end(result.body);
  return undefined;
}
