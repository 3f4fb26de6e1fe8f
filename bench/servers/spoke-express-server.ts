import type { Server } from 'node:http';
import { spokeExpress } from '@spoke/framework/express';
import express from 'express';
import { type BenchServer, fromListening } from './bench-server.ts';
import { createSpokeCardApp } from './spoke-card-app.ts';

/** The service mounted in Express through `@spoke/framework/express`. */
export function startSpokeExpressServer(): Promise<BenchServer> {
  const app = express();
  app.use(spokeExpress(createSpokeCardApp()));
  return new Promise((resolve, reject) => {
    const server: Server = app.listen(0, '127.0.0.1', (error?: Error) => {
      if (error) reject(error);
      else resolve(fromListening(server));
    });
  });
}
