import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@spoke/framework';
import { sendResponse, toRequest } from '@spoke/framework/node';

/** A listening tracker. */
export interface RunningTracker {
  /** e.g. `http://127.0.0.1:3500`. */
  readonly url: string;
  readonly server: Server;
  /** Stops accepting connections, lets requests in flight finish, then resolves. */
  close(): Promise<void>;
}

/**
 * Serves a fetch handler with `node:http`, through the framework's Node adapter pieces
 * (`toRequest` keeps the raw body for signature checks). Resolves once listening.
 */
export function serveTracker(
  fetch: (request: Request) => Promise<Response>,
  options: { port: number; host?: string | undefined; logger: Logger },
): Promise<RunningTracker> {
  const server = createServer((req, res) => {
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    fetch(toRequest(req, { signal: gone.signal }))
      .then((response) => sendResponse(res, response))
      .catch((error: unknown) => {
        options.logger.error('[bug-tracker] could not answer a request', { error });
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const host =
        options.host === undefined || options.host === '0.0.0.0' || options.host === '::'
          ? '127.0.0.1'
          : options.host;
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
        server,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeIdleConnections();
          }),
      });
    });
  });
}
