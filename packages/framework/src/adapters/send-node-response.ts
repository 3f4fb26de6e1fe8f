import type { ServerResponse } from 'node:http';
import { jsonTextOf } from '../respond.ts';

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
