import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { limits } from '@spoke/protocol';
import type { Logger } from '../logger.ts';
import type { SpokeApp } from '../spoke-app.ts';
import { NodeCall } from './node-call.ts';
import { type ToRequestOptions, toRequest } from './node-request.ts';
import { sendResponse, writeReply } from './send-node-response.ts';

export { type ToRequestOptions, toRequest } from './node-request.ts';
export { sendResponse } from './send-node-response.ts';

/**
 * Anything with a fetch handler: a Spoke app, or your own fetch function composed around one.
 * With `handle` (an app from `createApp`), the adapters call that instead of `fetch`.
 */
export type FetchApp = Pick<SpokeApp, 'fetch'> & {
  readonly logger?: Logger;
  readonly handle?: SpokeApp['handle'];
};

type CallHandler = SpokeApp['handle'];

/**
 * Runs one Node request through the app and writes the answer; `ctx.signal` aborts if the client
 * goes away first. An app from `createApp` is called through `app.handle` (the body read straight
 * into a Buffer, the reply written with one `writeHead`); any other fetch app gets a `Request` and
 * its `Response` is copied back. Express and Fastify adapters are built on this.
 */
export async function handleNodeRequest(
  app: FetchApp,
  req: IncomingMessage,
  res: ServerResponse,
  options: Omit<ToRequestOptions, 'signal'> = {},
): Promise<void> {
  const { handle } = app;
  if (handle !== undefined) {
    const call = new NodeCall(req, res, options.url ?? req.url ?? '/', options.body);
    await writeReply(res, await handle(call));
    return;
  }
  const gone = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) gone.abort();
  });
  const response = await app.fetch(toRequest(req, { ...options, signal: gone.signal }));
  await sendResponse(res, response);
}

/**
 * A `node:http` request listener for the app.
 * @example
 * import { createServer } from 'node:http';
 * createServer(toNodeListener(app)).listen(3000);
 */
export function toNodeListener(app: FetchApp): RequestListener {
  const logger = app.logger ?? console;
  const failed = (res: ServerResponse, error: unknown) => {
    logger.error('[spoke] could not write the response', { error });
    if (!res.headersSent) res.writeHead(500).end();
    else res.destroy();
  };
  const { handle } = app;
  if (handle === undefined) {
    return (req, res) => {
      handleNodeRequest(app, req, res).catch((error: unknown) => failed(res, error));
    };
  }
  // The usual path, without the generic one's options object and abort controller per request.
  return (req, res) => {
    void serveCall(handle, req, res, failed);
  };
}

// Catches inside, so no `.catch` promise and closure per request.
async function serveCall(
  handle: CallHandler,
  req: IncomingMessage,
  res: ServerResponse,
  failed: (res: ServerResponse, error: unknown) => void,
): Promise<void> {
  try {
    await writeReply(res, await handle(new NodeCall(req, res, req.url ?? '/')));
  } catch (error) {
    failed(res, error);
  }
}

/** Options of {@link serve}. */
export interface ServeOptions {
  /** Port to listen on; 0 picks a free one. @default 3000 */
  port?: number | undefined;
  /** Interface to listen on. @default all interfaces (Node's default) */
  host?: string | undefined;
}

/** A running server: where it listens, and how to stop it. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  readonly server: Server;
  /** Stops accepting connections, lets requests in flight finish, closes every connection, then resolves. */
  close(): Promise<void>;
}

/**
 * Serves the app with `node:http`; resolves once listening. `close()` is graceful: requests in
 * flight finish (for at most HubSpot's 5 s budget, after which the platform has given up anyway),
 * then every connection closes, keep-alive and pre-opened ones included.
 * @example
 * const { url, close } = await serve(app, { port: 3000 });
 */
export function serve(app: FetchApp, options: ServeOptions = {}): Promise<RunningServer> {
  const listener = toNodeListener(app);
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = createServer((req, res) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) drained?.();
    });
    listener(req, res);
  });
  const close = () =>
    new Promise<void>((done, fail) => {
      server.close((error) => (error ? fail(error) : done()));
      const closeAll = () => server.closeAllConnections();
      drained = closeAll;
      if (inFlight === 0) closeAll();
      else setTimeout(closeAll, limits.totalDeadlineMs).unref();
    });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, options.host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const host = options.host ?? 'localhost';
      resolve({ url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, server, close });
    });
  });
}
