import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { cardPath } from '../../tests/helpers/card-fixture.ts';
import { type BenchServer, fromListening } from './bench-server.ts';
import { handCardReply } from './hand-card-reply.ts';

/** Baseline (b): the same service on hono + @hono/node-server. */
export function startHonoServer(): Promise<BenchServer> {
  const app = new Hono();
  app.get(cardPath, (c) => {
    const reply = handCardReply(c.req.method, c.req.url, (name) => c.req.header(name));
    return c.body(reply.body, reply.status as ContentfulStatusCode, {
      'content-type': 'application/json; charset=utf-8',
    });
  });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(fromListening(server as Server)),
    );
  });
}
