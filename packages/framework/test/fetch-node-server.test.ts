import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { toFetchHandler } from '@spoke/framework/fetch';
import { runConformance } from './conformance.ts';

// app.fetch as @hono/node-server runs it, globals swapped for its lightweight Request and Response
// (its default): the request is read lazily, and the reply goes out through its cached-body path.
runConformance('app.fetch on @hono/node-server on port 0', async (app) => {
  const server = createAdaptorServer({ fetch: toFetchHandler(app) }) as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    send: (request) => fetch(request),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    ownsNotFound: true,
  };
});
