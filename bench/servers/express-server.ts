import type { Server } from 'node:http';
import express from 'express';
import { cardPath } from '../../tests/helpers/card-fixture.ts';
import { type BenchServer, fromListening } from './bench-server.ts';
import { handCardReply } from './hand-card-reply.ts';

/**
 * Baseline (d): the same service on Express. ETag off: `res.send` would hash every body for an
 * ETag, which `@spoke/framework/express` does not send, so both do the same work.
 */
export function startExpressServer(): Promise<BenchServer> {
  const app = express();
  app.set('etag', false);
  app.get(cardPath, (req, res) => {
    const url = `http://${req.headers.host ?? '127.0.0.1'}${req.originalUrl}`;
    const answer = handCardReply(req.method, url, (name) => req.get(name));
    res.status(answer.status).type('application/json; charset=utf-8').send(answer.body);
  });
  return new Promise((resolve, reject) => {
    const server: Server = app.listen(0, '127.0.0.1', (error?: Error) => {
      if (error) reject(error);
      else resolve(fromListening(server));
    });
  });
}
