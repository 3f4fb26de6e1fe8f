import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { SpokeApp } from '@spoke/framework';
import { spokeExpress } from '@spoke/framework/express';
import { spokeFastify } from '@spoke/framework/fastify';
import { toFetchHandler } from '@spoke/framework/fetch';
import { serve } from '@spoke/framework/node';
import express from 'express';
import Fastify from 'fastify';

/** The adapters every hardening test runs against, each over real HTTP on 127.0.0.1. */
export const adapterNames = ['node', 'fetch', 'express', 'fastify'] as const;
/** Those plus Express with `express.json({ verify })` in front, where the host parser reads the body. */
export type AdapterName = (typeof adapterNames)[number] | 'express-json';

/** An app listening on a port. */
export interface Served {
  readonly adapter: AdapterName;
  readonly host: string;
  readonly port: number;
  /** `http://127.0.0.1:PORT`: what requests are signed for. */
  readonly origin: string;
  close(): Promise<void>;
}

const host = '127.0.0.1';

/** Timeouts of the Node HTTP server under Express (the host's own, beside Spoke's bodyTimeout). */
export interface HostTimeouts {
  /** Node's `requestTimeout`: the whole request must arrive within it, or Node answers 408. */
  readonly requestTimeoutMs: number;
  /** How often Node checks it (`connectionsCheckingInterval`). */
  readonly checkEveryMs: number;
}

/** Starts `app` behind one adapter on a free port. */
export async function startServer(
  adapter: AdapterName,
  app: SpokeApp,
  timeouts?: HostTimeouts,
): Promise<Served> {
  const served = (port: number, close: () => Promise<void>): Served => ({
    adapter,
    host,
    port,
    origin: `http://${host}:${port}`,
    close,
  });
  switch (adapter) {
    case 'node': {
      const running = await serve(app, { port: 0, host });
      return served(Number(new URL(running.url).port), running.close);
    }
    case 'fetch': {
      // @hono/node-server is how a fetch handler usually runs on Node; it must not swap the globals.
      const server = createAdaptorServer({ fetch: toFetchHandler(app), overrideGlobalObjects: false });
      const http = (server as Server).listen(0, host);
      return served(await listen(http), () => closeServer(http));
    }
    case 'express':
    case 'express-json': {
      const server = express();
      if (adapter === 'express-json') {
        server.use(
          express.json({
            verify: (req: IncomingMessage & { rawBody?: Buffer }, _res, buf) => {
              req.rawBody = buf;
            },
          }),
        );
      }
      server.use(spokeExpress(app));
      const options =
        timeouts === undefined
          ? {}
          : { requestTimeout: timeouts.requestTimeoutMs, connectionsCheckingInterval: timeouts.checkEveryMs };
      const http = createServer(options, server).listen(0, host);
      return served(await listen(http), () => closeServer(http));
    }
    case 'fastify': {
      const server = Fastify();
      await server.register(spokeFastify(app));
      await server.listen({ port: 0, host });
      return served((server.server.address() as AddressInfo).port, () => server.close());
    }
  }
}

/** Waits until a server whose `listen` was called is listening; resolves its port. */
function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    const ready = () => resolve((server.address() as AddressInfo).port);
    if (server.listening) ready();
    else server.once('listening', ready).once('error', reject);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
