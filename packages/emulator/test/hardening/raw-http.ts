import { Agent, request } from 'node:http';

/** One request exactly as written: raw path (no URL normalising), repeated headers, raw body. */
export interface RawRequest {
  method: string;
  /** Sent as is on the request line, `..` and bad escapes included. */
  path: string;
  /** A repeated header is an array of values, sent as separate header lines. */
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Send the body with `Transfer-Encoding: chunked` instead of a Content-Length. */
  chunked?: boolean;
  /** Stop reading after the headers (server-sent event streams never end). */
  headersOnly?: boolean;
  /** Use a connection of its own, closed after (the server may answer early and drop the rest). */
  ownConnection?: boolean;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Plain HTTP/1.1 over a keep-alive agent, so a corpus of thousands of requests reuses sockets. */
export function rawClient(port: number, host = '127.0.0.1') {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const send = (req: RawRequest): Promise<RawResponse> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string | string[]> = { ...req.headers };
      const body = req.body === undefined ? undefined : Buffer.from(req.body);
      if (body && !req.chunked && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) {
        headers['content-length'] = String(body.length);
      }
      if (req.ownConnection) headers.connection = 'close';
      const options = { host, port, method: req.method, path: req.path, headers };
      const outgoing = request({ ...options, agent: req.ownConnection ? false : agent }, (res) => {
        if (req.headersOnly) {
          res.destroy();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: '' });
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      });
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed while idle (its keep-alive timeout): send again on a
        // fresh connection, as Node's docs advise (`request.reusedSocket`).
        if (outgoing.reusedSocket && error.code === 'ECONNRESET' && !req.ownConnection) {
          send({ ...req, ownConnection: true }).then(resolve, reject);
        } else reject(error);
      });
      if (body) {
        if (req.chunked) {
          const step = 64 * 1024;
          for (let i = 0; i < body.length; i += step) outgoing.write(body.subarray(i, i + step));
        } else outgoing.write(body);
      }
      outgoing.end();
    });
  return { send, close: () => agent.destroy() };
}
